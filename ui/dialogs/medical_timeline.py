"""One person's medical timeline: screenings, isolations and follow-ups, oldest first.

Read through `medical_record`, which checks the reader's role and writes the read to the audit
log. A corrected screening stays on the timeline, struck out: the record is what was written,
including what was later found wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QLocale
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from staging.screening.queries import MedicalRecord
from staging.vocabulary import label
from ui.language import current_language
from ui.widgets.dates import display_date

URGENT_COLOUR = "#b00020"


@dataclass(frozen=True)
class Event:
    """One line of the timeline."""

    at: datetime  # for the order only
    when: str
    what: str
    details: tuple[str, ...]
    struck: bool = False
    urgent: bool = False


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


class MedicalTimelineDialog(QDialog):
    def __init__(self, record: MedicalRecord, timezone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record = record
        self._zone = ZoneInfo(timezone)
        self.events: list[Event] = []
        self.name_label = QLabel()
        bold = QFont(self.name_label.font())
        bold.setBold(True)
        self.name_label.setFont(bold)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.name_label)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.buttons)
        self.resize(900, 560)
        self.retranslate()
        self.browser.setFocus()

    # --- the events ----------------------------------------------------------------------------

    def build_events(self) -> list[Event]:
        language = current_language()
        events = [self._screening(row, language) for row in self.record.screenings]
        for row in self.record.episodes:
            events.extend(self._episode(row))
        events.extend(self._follow_up(row, language) for row in self.record.follow_ups)
        return sorted(events, key=lambda event: event.at)

    def _screening(self, row: dict[str, Any], language: str) -> Event:
        kinds = {
            "screening": self.tr("Screening"),
            "rescreening": self.tr("Re-screening after isolation"),
            "review": self.tr("Clinical review decision"),
        }
        details = [self._temperature(row["temperature_c"], row["temperature_entered"])]
        answers = row["answers"]
        if answers.symptoms:
            symptoms = ", ".join(label(s, language) for s in sorted(answers.symptoms))
            if answers.onset:
                symptoms += " " + self.tr("(since {date})").format(date=display_date(answers.onset))
            details.append(self.tr("Symptoms: {symptoms}").format(symptoms=symptoms))
        test = label(row["test"], language)
        if row["kit_name"]:
            test = self.tr("{test}: {kit}, lot {lot}").format(
                test=test, kit=row["kit_name"], lot=row["lot_number"]
            )
        details.append(test)
        if row["result"]:
            details.append(
                self.tr("Result: {result}").format(result=label(row["result"], language))
            )
        if row["recovery_cleared_by"]:
            details.append(
                self.tr("Recovery documented by {clinician}").format(
                    clinician=row["recovery_cleared_by"]
                )
            )
        outcome = label(row["outcome"], language)
        if row["reasons"]:
            reasons = ", ".join(label(reason, language) for reason in row["reasons"])
            outcome = f"{outcome} ({reasons})"
        details.append(self.tr("Outcome: {outcome}").format(outcome=outcome))
        if row["note"]:
            details.append(self.tr("Note: {note}").format(note=row["note"]))
        what = kinds.get(row["kind"], row["kind"])
        if row["corrected"]:
            what = self.tr("{what} (corrected)").format(what=what)
        return Event(
            moment(row["screened_at"]),
            self._when(row["screened_at"]),
            what,
            tuple(details),
            struck=bool(row["corrected"]),
        )

    def _episode(self, row: dict[str, Any]) -> list[Event]:
        details = [
            self.tr("Place: {place}").format(place=row["place"] or self.tr("not assigned")),
            self.tr("Positive test on {date}").format(
                date=display_date(date.fromisoformat(row["positive_on"]))
            ),
        ]
        if row["onset_on"]:
            details.append(
                self.tr("Symptoms since {date}").format(
                    date=display_date(date.fromisoformat(row["onset_on"]))
                )
            )
        if row["severe"]:
            details.append(self.tr("Severe illness (clinician)"))
        started = Event(
            moment(row["created_at"]),
            display_date(date.fromisoformat(row["started_on"])),
            self.tr("Isolation started"),
            tuple(details),
        )
        if not row["released_at"]:
            return [started]
        released_details = [self.tr("By {user}").format(user=row["released_by"])]
        if row["release_note"]:
            released_details.append(self.tr("Note: {note}").format(note=row["release_note"]))
        released = Event(
            moment(row["released_at"]),
            self._when(row["released_at"]),
            self.tr("Released from isolation"),
            tuple(released_details),
        )
        return [started, released]

    def _follow_up(self, row: dict[str, Any], language: str) -> Event:
        details = [self._temperature(row["temperature_c"], "")]
        if row["fever"]:
            details.append(label("fever", language))
        if row["fever_medicine"]:
            details.append(self.tr("Fever medicine taken"))
        symptoms = [s for s in row["symptoms"].split(";") if s]
        if symptoms:
            details.append(
                self.tr("Symptoms: {symptoms}").format(
                    symptoms=", ".join(label(s, language) for s in symptoms)
                )
            )
        improving = row["symptoms_improving"]
        if improving is not None:
            details.append(
                self.tr("Symptoms improving") if improving else self.tr("Symptoms not improving")
            )
        signs = [s for s in row["warning_signs"].split(";") if s]
        if signs:
            details.append(
                self.tr("Urgent referral: {signs}").format(
                    signs=", ".join(label(s, language) for s in signs)
                )
            )
        if row["note"]:
            details.append(self.tr("Note: {note}").format(note=row["note"]))
        details.append(self.tr("By {user}").format(user=row["recorded_by"]))
        return Event(
            moment(row["recorded_at"]),
            self._when(row["recorded_at"]),
            self.tr("Follow-up"),
            tuple(details),
            urgent=bool(signs),
        )

    def _when(self, text: str) -> str:
        local = moment(text).astimezone(self._zone)
        return f"{display_date(local.date())} {local:%H:%M}"

    def _temperature(self, celsius: float | None, entered: str) -> str:
        if celsius is None:
            return self.tr("No temperature")
        shown = f"{QLocale().toString(celsius, 'f', 1)} °C"
        if entered and not entered.endswith("C"):
            shown = self.tr("{celsius} (entered as {entered})").format(
                celsius=shown, entered=entered
            )
        return shown

    # --- text ----------------------------------------------------------------------------------

    def html(self) -> str:
        if not self.events:
            return f"<p>{escape(self.tr('Nothing recorded yet.'))}</p>"
        rows = []
        for event in self.events:
            what = escape(event.what)
            details = "<br>".join(escape(detail) for detail in event.details)
            if event.struck:
                what, details = f"<s>{what}</s>", f"<s>{details}</s>"
            if event.urgent:
                what = f'<span style="color:{URGENT_COLOUR}; font-weight:bold">{what}</span>'
            rows.append(
                f'<tr><td style="white-space:nowrap">{escape(event.when)}</td>'
                f"<td><b>{what}</b></td><td>{details}</td></tr>"
            )
        header = "".join(
            f"<th align=left>{escape(title)}</th>"
            for title in (self.tr("When"), self.tr("What"), self.tr("Details"))
        )
        return (
            '<table width="100%" cellspacing="0" cellpadding="6" border="1"'
            ' style="border-collapse:collapse">'
            f"<tr>{header}</tr>{''.join(rows)}</table>"
        )

    def retranslate(self) -> None:
        person = self.record.person
        self.setWindowTitle(self.tr("Medical timeline"))
        self.name_label.setText(
            self.tr("{name} · registration {registration}").format(
                name=person.full_name, registration=person.registration_id
            )
        )
        self.events = self.build_events()
        self.browser.setHtml(self.html())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
