"""The one form a screener fills for a person: questionnaire, temperature, test and decision.

Built for the keyboard: Tab walks the questionnaire in the order it is asked, Alt+T jumps to
the temperature, Alt+P / Alt+N / Alt+I read the result. The form keeps what was typed until the
workspace clears it (after a save), so a refused save is fixed and saved again. It decides
nothing itself: the outcome it previews comes from `rules.screening.decide`, and the saved one
from `record_screening`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QShortcutEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from staging.domain import ScreeningOutcome as Outcome
from staging.errors import UserError
from staging.rules.screening import (
    Answers,
    AntigenResult,
    ClearanceBasis,
    Condition,
    DiseaseSign,
    Findings,
    KitType,
    ScreeningPolicy,
    Symptom,
    TemperatureUnit,
    decide,
    to_celsius,
)
from staging.screening.operations import ScreeningEntry
from staging.screening.supplies import LotChoice
from staging.vocabulary import label
from ui.language import current_language
from ui.widgets.badges import Tone
from ui.widgets.captions import buddy_label
from ui.widgets.kit_timer import KitTimer

SYMPTOM_COLUMNS = 2
DATE_FORMAT = "yyyy-MM-dd"  # typed digit by digit, and never read as month/day
TIME_TYPED = re.compile(r"^\s*([01]?\d|2[0-3])[:.h]?([0-5]\d)\s*$")
EXPIRED_RED = "#b00020"
TONE_OF_OUTCOME = {
    Outcome.CLEARED: Tone.GOOD,
    Outcome.ISOLATION: Tone.BLOCKED,
    Outcome.RETEST: Tone.WAITING,
    Outcome.CLINICAL_REVIEW: Tone.WAITING,
}
HEADER_SCALE = 1.25


def outcome_style(outcome: Outcome | None) -> str:
    background, foreground = (TONE_OF_OUTCOME[outcome] if outcome else Tone.NEUTRAL).value
    return (
        f"QLabel {{ background: {background}; color: {foreground};"
        " border-radius: 4px; padding: 6px; font-weight: bold; }"
    )


def read_time(text: str) -> time | None:
    """ "10:15", "10.15" or "1015"; None for an empty field. Raises ValueError otherwise."""
    if not text.strip():
        return None
    found = TIME_TYPED.match(text)
    if found is None:
        raise ValueError(text)
    return time(int(found[1]), int(found[2]))


def read_number(text: str) -> float | None:
    """A decimal comma is read as a point (both are written at the sites)."""
    if not text.strip():
        return None
    return float(text.strip().replace(",", "."))


class QuickRadioButton(QRadioButton):
    """Its Alt+letter checks it at once: Qt's own mnemonic "animates" the click for 100 ms,
    and a screener who presses Alt+N then Ctrl+S quicker than that would save no result."""

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QShortcutEvent) and not event.isAmbiguous():
            self.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.click()
            return True
        return super().event(event)


class QuestionsArea(QScrollArea):
    """Scrolls up and down only: as wide as its questions in the language shown. A plain
    scroll area takes Qt's default width and would cut the longer Spanish questions."""

    def minimumSizeHint(self) -> QSize:
        inner = self.widget()
        if inner is None:
            return super().minimumSizeHint()
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(inner.minimumSizeHint().width() + bar, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        inner = self.widget()
        if inner is None:
            return super().sizeHint()
        return self.minimumSizeHint().expandedTo(QSize(0, inner.sizeHint().height()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """New words or first shown (a layout counts no hidden question): measure again."""
        if watched is self.widget() and event.type() in (
            QEvent.Type.LayoutRequest,
            QEvent.Type.Show,
        ):
            self.updateGeometry()
        return super().eventFilter(watched, event)


class FormProblem(Exception):
    """What the form itself cannot read (not a number, not a time), already in words."""

    def __init__(self, text: str, where: QWidget) -> None:
        super().__init__(text)
        self.text = text
        self.where = where


@dataclass(frozen=True)
class Draft:
    """Everything typed into the form for one person, as typed: kept while their test
    develops and the screener sees someone else, and put back when they are picked again.

    `answers` holds the questionnaire as its fields show it: both dates even while unused
    (no symptom ticked, no earlier positive test), the injuries untrimmed; `positive_test`
    says whether that earlier test's box is ticked.
    """

    answers: Answers = field(default_factory=Answers)
    positive_test: bool = False
    temperature: str = ""
    fahrenheit: bool = False
    lot_id: str | None = None
    started_at: datetime | None = None
    collected: str = ""
    result: AntigenResult | None = None
    read: str = ""
    decided: Outcome | None = None
    decision_note: str = ""
    place_id: str | None = None
    clinician: str = ""

    @property
    def touched(self) -> bool:
        """Anything worth keeping when the screener turns to someone else."""
        shown = Answers(onset=self.answers.onset, positive_test_on=self.answers.positive_test_on)
        return self.started_at is not None or self != Draft(
            answers=shown, lot_id=self.lot_id, fahrenheit=self.fahrenheit
        )


def checkbox_grid(boxes: list[QCheckBox], columns: int = 1) -> QGridLayout:
    """Down the first column, then the next: Tab follows the reading order."""
    grid = QGridLayout()
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setVerticalSpacing(2)
    rows = -(-len(boxes) // columns)
    for number, box in enumerate(boxes):
        column, row = divmod(number, rows)
        grid.addWidget(box, row, column)
        # Never narrower than its words: the questionnaire scrolls rather than cut a question.
        box.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
    return grid


class ScreeningForm(QWidget):
    """Emits `save_requested` from its Save button; the workspace saves and clears."""

    save_requested = Signal()
    start_timer_requested = Signal()

    def __init__(
        self,
        now: Callable[[], datetime],
        timezone: str,
        policy: ScreeningPolicy,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._now = now
        self._zone = ZoneInfo(timezone)
        self._policy = policy
        self._today = now().astimezone(self._zone).date()
        self.mode = ClearanceBasis.ANTIGEN
        self.started_at: datetime | None = None
        self._lots: dict[str, LotChoice] = {}
        self._build()
        self._layout()
        self._connect()
        self._chain()
        self._show_mode(self.mode)
        self.retranslate()
        self.setEnabled(False)

    # --- building --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.person_label = QLabel()
        font = QFont(self.person_label.font())
        font.setPointSizeF(font.pointSizeF() * HEADER_SCALE)
        font.setBold(True)
        self.person_label.setFont(font)
        self.person_label.setWordWrap(True)
        self.mode_label = QLabel()
        self.mode_label.setWordWrap(True)

        self.questionnaire = QGroupBox()
        self.symptom_boxes = {symptom: QCheckBox() for symptom in Symptom}
        self.onset_field = QDateEdit()
        self.onset_field.setDisplayFormat(DATE_FORMAT)
        self.onset_field.setCalendarPopup(True)
        self.felt_feverish = QCheckBox()
        self.fever_medicine = QCheckBox()
        self.close_contact = QCheckBox()
        self.positive_test = QCheckBox()
        self.positive_test_on = QDateEdit()
        self.positive_test_on.setDisplayFormat(DATE_FORMAT)
        self.positive_test_on.setCalendarPopup(True)
        self.sign_boxes = {sign: QCheckBox() for sign in DiseaseSign}
        self.pregnant = QCheckBox()
        self.condition_boxes = {condition: QCheckBox() for condition in Condition}
        self.injuries = QLineEdit()
        self.referral_needed = QCheckBox()

        self.temperature_field = QLineEdit()
        self.temperature_field.setMaximumWidth(90)
        self.unit_button = QPushButton()
        self.unit_button.setCheckable(True)
        self.unit_button.setMaximumWidth(60)

        self.test_box = QGroupBox()
        self.lot_box = QComboBox()
        self.lot_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.lot_box.setMinimumContentsLength(24)
        self.start_button = QPushButton()
        self.collected_field = QLineEdit()
        self.collected_field.setMaximumWidth(80)
        self.kit_timer = KitTimer(self._now)
        self.result_buttons = {
            AntigenResult.POSITIVE: QuickRadioButton(),
            AntigenResult.NEGATIVE: QuickRadioButton(),
            AntigenResult.INVALID: QuickRadioButton(),
        }
        self.result_group = QButtonGroup(self)
        for button in self.result_buttons.values():
            self.result_group.addButton(button)
        self.read_field = QLineEdit()
        self.read_field.setMaximumWidth(80)
        self.read_hint = QLabel()
        self.exempt_label = QLabel()
        self.exempt_label.setWordWrap(True)
        self.exempt_label.setStyleSheet(outcome_style(None))

        self.recovery_box = QGroupBox()
        self.recovery_label = QLabel()
        self.recovery_label.setWordWrap(True)
        self.clinician_field = QLineEdit()

        self.decision_box = QGroupBox()
        self.decision_buttons = {
            None: QRadioButton(),
            Outcome.CLEARED: QRadioButton(),
            Outcome.ISOLATION: QRadioButton(),
        }
        self.decision_group = QButtonGroup(self)
        for button in self.decision_buttons.values():
            self.decision_group.addButton(button)
        self.decision_buttons[None].setChecked(True)
        self.decision_note = QLineEdit()
        self.place_box = QComboBox()
        # A place's address can be long: the box never widens the form past the screen.
        self.place_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.place_box.setMinimumContentsLength(20)

        self.preview_label = QLabel()
        self.preview_label.setWordWrap(True)
        self.save_button = QPushButton()
        self.save_button.setAutoDefault(True)

    def _layout(self) -> None:
        # Two columns of questions beside the measures: at 1280 px everything is in sight.
        asked = QVBoxLayout()
        asked.setSpacing(4)
        self.symptoms_caption = QLabel()
        asked.addWidget(self.symptoms_caption)
        asked.addLayout(checkbox_grid(list(self.symptom_boxes.values()), SYMPTOM_COLUMNS))
        onset = QFormLayout()
        self.onset_caption = buddy_label(self.onset_field)
        onset.addRow(self.onset_caption, self.onset_field)
        asked.addLayout(onset)
        asked.addLayout(
            checkbox_grid([self.felt_feverish, self.fever_medicine, self.close_contact])
        )
        positive = QHBoxLayout()
        positive.addWidget(self.positive_test)
        positive.addWidget(self.positive_test_on)
        positive.addStretch(1)
        asked.addLayout(positive)
        more = QFormLayout()
        self.injuries_caption = buddy_label(self.injuries)
        more.addRow(self.injuries_caption, self.injuries)
        asked.addLayout(more)
        asked.addStretch(1)
        seen = QVBoxLayout()
        seen.setSpacing(4)
        self.signs_caption = QLabel()
        seen.addWidget(self.signs_caption)
        seen.addLayout(checkbox_grid(list(self.sign_boxes.values())))
        self.conditions_caption = QLabel()
        seen.addWidget(self.conditions_caption)
        seen.addLayout(checkbox_grid(list(self.condition_boxes.values())))
        seen.addSpacing(6)
        seen.addLayout(checkbox_grid([self.pregnant, self.referral_needed]))
        seen.addStretch(1)
        questions = QHBoxLayout(self.questionnaire)
        questions.addLayout(asked)
        questions.addSpacing(12)
        questions.addLayout(seen)
        self.questions_scroll = QuestionsArea()
        self.questions_scroll.setWidget(self.questionnaire)
        self.questions_scroll.setWidgetResizable(True)
        self.questions_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.questions_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the questions

        measures = QHBoxLayout()
        self.temperature_caption = buddy_label(self.temperature_field)
        measures.addWidget(self.temperature_caption)
        measures.addWidget(self.temperature_field)
        measures.addWidget(self.unit_button)
        measures.addStretch(1)

        test = QGridLayout(self.test_box)
        self.lot_caption = buddy_label(self.lot_box)
        test.addWidget(self.lot_caption, 0, 0)
        test.addWidget(self.lot_box, 0, 1, 1, 3)
        test.addWidget(self.start_button, 1, 0, 1, 2)
        self.collected_caption = buddy_label(self.collected_field)
        test.addWidget(self.collected_caption, 1, 2)
        test.addWidget(self.collected_field, 1, 3)
        test.addWidget(self.kit_timer, 2, 0, 1, 4)
        results = QGridLayout()
        results.addWidget(self.result_buttons[AntigenResult.POSITIVE], 0, 0)
        results.addWidget(self.result_buttons[AntigenResult.NEGATIVE], 0, 1)
        results.addWidget(self.result_buttons[AntigenResult.INVALID], 1, 0, 1, 2)
        results.setColumnStretch(2, 1)
        self.result_caption = QLabel()
        test.addWidget(self.result_caption, 3, 0, Qt.AlignmentFlag.AlignTop)
        test.addLayout(results, 3, 1, 1, 3)
        self.read_caption = buddy_label(self.read_field)
        test.addWidget(self.read_caption, 4, 0)
        read = QHBoxLayout()
        read.addWidget(self.read_field)
        read.addWidget(self.read_hint, 1)
        test.addLayout(read, 4, 1, 1, 3)
        test.setColumnStretch(1, 1)

        recovery = QFormLayout(self.recovery_box)
        recovery.addRow(self.recovery_label)
        self.clinician_caption = buddy_label(self.clinician_field)
        recovery.addRow(self.clinician_caption, self.clinician_field)

        decision = QGridLayout(self.decision_box)
        for column, button in enumerate(self.decision_buttons.values()):
            decision.addWidget(button, 0, column)
        self.note_caption = buddy_label(self.decision_note)
        decision.addWidget(self.note_caption, 1, 0)
        decision.addWidget(self.decision_note, 1, 1, 1, 2)

        place = QHBoxLayout()
        self.place_caption = buddy_label(self.place_box)
        place.addWidget(self.place_caption)
        place.addWidget(self.place_box, 1)

        right = QVBoxLayout()
        right.addLayout(measures)
        right.addWidget(self.test_box)
        right.addWidget(self.exempt_label)
        right.addWidget(self.recovery_box)
        right.addWidget(self.decision_box)
        right.addLayout(place)
        right.addStretch(1)
        save = QHBoxLayout()
        save.addWidget(self.preview_label, 1)
        save.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignBottom)
        right.addLayout(save)

        columns = QHBoxLayout()
        columns.addWidget(self.questions_scroll)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.person_label)
        layout.addWidget(self.mode_label)
        layout.addLayout(columns, 1)

    def _connect(self) -> None:
        changed = self.update_state
        for box in (
            *self.symptom_boxes.values(),
            *self.sign_boxes.values(),
            self.felt_feverish,
            self.positive_test,
        ):
            box.toggled.connect(changed)
        self.temperature_field.textChanged.connect(changed)
        self.unit_button.toggled.connect(self._unit_toggled)
        self.result_group.buttonToggled.connect(changed)
        self.decision_group.buttonToggled.connect(changed)
        self.decision_note.textChanged.connect(changed)
        self.lot_box.currentIndexChanged.connect(self._lot_chosen)
        self.start_button.clicked.connect(self.start_timer_requested)
        self.save_button.clicked.connect(self.save_requested)

    def _chain(self) -> None:
        """The order a screener asks and writes; disabled fields are skipped by Qt."""
        chain: list[QWidget] = [
            *self.symptom_boxes.values(),
            self.onset_field,
            self.felt_feverish,
            self.fever_medicine,
            self.close_contact,
            self.positive_test,
            self.positive_test_on,
            self.injuries,
            *self.sign_boxes.values(),
            *self.condition_boxes.values(),
            self.pregnant,
            self.referral_needed,
            self.temperature_field,
            self.unit_button,
            self.lot_box,
            self.start_button,
            self.collected_field,
            *self.result_buttons.values(),
            self.read_field,
            self.clinician_field,
            *self.decision_buttons.values(),
            self.decision_note,
            self.place_box,
            self.save_button,
        ]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    def first_field(self) -> QWidget:
        return self.symptom_boxes[Symptom.FEVER_OR_CHILLS]

    # --- whom, and how ---------------------------------------------------------------------------

    def set_person(self, title: str, mode: ClearanceBasis, why: str) -> None:
        """Open the form for one person: `mode` is how they are cleared (test, age, recovery)."""
        self.person_label.setText(title)
        self.mode_label.setText(why)
        self.setEnabled(True)
        self._show_mode(mode)
        self.update_state()

    def _show_mode(self, mode: ClearanceBasis) -> None:
        """The test, the test greyed out with the reason (under 2), or the recovery letter."""
        self.mode = mode
        self.test_box.setVisible(mode is not ClearanceBasis.RECOVERY)
        self.test_box.setEnabled(mode is ClearanceBasis.ANTIGEN)
        self.exempt_label.setVisible(mode is ClearanceBasis.EXEMPT_AGE)
        self.recovery_box.setVisible(mode is ClearanceBasis.RECOVERY)

    def close_person(self) -> None:
        self.restore(self.blank())
        self.person_label.clear()
        self.mode_label.clear()
        self.setEnabled(False)

    def set_policy(self, timezone: str, policy: ScreeningPolicy) -> None:
        self._zone = ZoneInfo(timezone)
        self._policy = policy
        self.update_state()

    def set_lots(self, choices: list[LotChoice], today: date) -> None:
        """Expired lots stay in the list, marked, so the box in hand is found and refused."""
        chosen = self.lot_box.currentData()
        self._lots = {choice.id: choice for choice in choices}
        self._today = today
        self.lot_box.blockSignals(True)
        self.lot_box.clear()
        for choice in choices:
            self.lot_box.addItem("", choice.id)
        self._word_lots()
        # The lot in use stays chosen; else the first usable one (`lot_choices` lists them first).
        self.lot_box.setCurrentIndex(max(0, self.lot_box.findData(chosen)) if choices else -1)
        self.lot_box.blockSignals(False)
        self._lot_chosen()

    def _word_lots(self) -> None:
        for index in range(self.lot_box.count()):
            choice = self._lots[self.lot_box.itemData(index)]
            expired = choice.lot.usable_through < self._today
            text = choice.label
            if expired:
                text = self.tr("{lot} — EXPIRED").format(lot=text)
            self.lot_box.setItemText(index, text)
            colour = QColor(EXPIRED_RED) if expired else None
            self.lot_box.setItemData(index, colour, Qt.ItemDataRole.ForegroundRole)

    def set_places(self, places: list[dict[str, Any]]) -> None:
        chosen = self.place_box.currentData()
        self.place_box.clear()
        self.place_box.addItem("", None)
        for place in places:
            shown = f"{place['name']} — {place['address']}" if place["address"] else place["name"]
            self.place_box.addItem(shown, place["id"])
        self.place_box.setCurrentIndex(max(0, self.place_box.findData(chosen)))
        self._word_places()

    def _word_places(self) -> None:
        if self.place_box.count():
            self.place_box.setItemText(0, self.tr("— not decided yet —"))

    def lot_kit(self) -> KitType | None:
        choice = self._lots.get(self.lot_box.currentData())
        return choice.lot.kit if choice else None

    def _lot_chosen(self) -> None:
        self.kit_timer.set_kit(self.lot_kit())

    def _unit_toggled(self) -> None:
        self.unit_button.setText("°F" if self.unit_button.isChecked() else "°C")
        self.update_state()

    # --- the test's clock ------------------------------------------------------------------------

    def start_timer(self, started_at: datetime) -> None:
        """The specimen is on the device now; its collection is taken to be now too, unless
        the screener already wrote (or later writes) another time."""
        if not self.collected_field.text().strip() or self._collected_is_start():
            self.collected_field.setText(self._clock_text(started_at))
        self.started_at = started_at
        self.kit_timer.start(started_at, self.lot_kit())

    def _clock_text(self, moment: datetime) -> str:
        return moment.astimezone(self._zone).strftime("%H:%M")

    def _collected_is_start(self) -> bool:
        return self.started_at is not None and self.collected_field.text().strip() == (
            self._clock_text(self.started_at)
        )

    # --- reading the form ------------------------------------------------------------------------

    def answers(self) -> Answers:
        """The questionnaire as the rules read it: a date only where its question applies."""
        shown = self._shown_answers()
        return replace(
            shown,
            onset=shown.onset if shown.symptoms else None,
            positive_test_on=shown.positive_test_on if self.positive_test.isChecked() else None,
            injuries=shown.injuries.strip(),
        )

    def _shown_answers(self) -> Answers:
        """The questionnaire as its fields show it (see `Draft.answers`)."""
        return Answers(
            symptoms=frozenset(s for s, box in self.symptom_boxes.items() if box.isChecked()),
            onset=self.onset_field.date().toPython(),
            felt_feverish=self.felt_feverish.isChecked(),
            fever_medicine=self.fever_medicine.isChecked(),
            close_contact=self.close_contact.isChecked(),
            positive_test_on=self.positive_test_on.date().toPython(),
            disease_signs=frozenset(s for s, box in self.sign_boxes.items() if box.isChecked()),
            pregnant=self.pregnant.isChecked(),
            conditions=frozenset(c for c, box in self.condition_boxes.items() if box.isChecked()),
            injuries=self.injuries.text(),
            referral_needed=self.referral_needed.isChecked(),
        )

    def temperature(self) -> float | None:
        try:
            return read_number(self.temperature_field.text())
        except ValueError:
            raise FormProblem(
                self.tr("Write the temperature as a number, for example 36.8"),
                self.temperature_field,
            ) from None

    def unit(self) -> TemperatureUnit:
        return (
            TemperatureUnit.FAHRENHEIT if self.unit_button.isChecked() else TemperatureUnit.CELSIUS
        )

    def result(self) -> AntigenResult | None:
        return next((r for r, b in self.result_buttons.items() if b.isChecked()), None)

    def decided(self) -> Outcome | None:
        if not self.decision_box.isEnabled():
            return None
        return next((o for o, b in self.decision_buttons.items() if b.isChecked()), None)

    def _time_today(self, field_: QLineEdit, today: date) -> datetime | None:
        """A time written at the site, on the site's day (the core reads it in the site's zone)."""
        try:
            typed = read_time(field_.text())
        except ValueError:
            raise FormProblem(
                self.tr("Write the time as hours and minutes, for example 10:15"), field_
            ) from None
        return datetime.combine(today, typed) if typed else None

    def entry(self, person_id: str, now: datetime) -> ScreeningEntry:
        """What the screener entered; the times of day are on the site's day of `now`."""
        today = now.astimezone(self._zone).date()
        tested = self.mode is ClearanceBasis.ANTIGEN
        collected = None
        read_at = None
        if tested:
            collected = (
                self.started_at
                if self._collected_is_start()
                else self._time_today(self.collected_field, today)
            )
            read_at = self._time_today(self.read_field, today) or now
        place = self.place_box.currentData() if self.place_box.isEnabled() else None
        return ScreeningEntry(
            person_id=person_id,
            answers=self.answers(),
            temperature=self.temperature(),
            unit=self.unit(),
            kit_lot_id=self.lot_box.currentData() if tested else None,
            collected_at=collected,
            started_at=self.started_at if tested else None,
            read_at=read_at,
            result=self.result() if tested else None,
            decided=self.decided(),
            note=self.decision_note.text(),
            isolation_place_id=place,
            recovery_cleared_by=self.clinician_field.text()
            if self.mode is ClearanceBasis.RECOVERY
            else "",
        )

    def preview(self, decided: Outcome | None) -> tuple[Outcome, list[str]] | None:
        """The outcome the rules give what is typed so far; None while something is missing."""
        try:
            temperature = self.temperature()
        except FormProblem:
            return None
        result = self.result() if self.mode is ClearanceBasis.ANTIGEN else None
        if temperature is None or (self.mode is ClearanceBasis.ANTIGEN and result is None):
            return None
        try:
            celsius = to_celsius(temperature, self.unit(), self._policy)
            findings = Findings(
                self.answers(), celsius, self.mode, result, decided, self.decision_note.text()
            )
            return decide(findings, self._policy)
        except UserError:
            return None

    def update_state(self) -> None:
        """Enable what the answers call for, and say what saving now would give."""
        symptoms = any(box.isChecked() for box in self.symptom_boxes.values())
        self.onset_field.setEnabled(symptoms)
        self.positive_test_on.setEnabled(self.positive_test.isChecked())
        undecided = self.preview(None)
        review = undecided is not None and undecided[0] is Outcome.CLINICAL_REVIEW
        self.decision_box.setEnabled(review)
        chosen = next((o for o, b in self.decision_buttons.items() if b.isChecked()), None)
        outcome = self.preview(chosen) if review and chosen else undecided
        self.place_box.setEnabled(outcome is not None and outcome[0] is Outcome.ISOLATION)
        self._show_preview(undecided, outcome, review and chosen is not None)

    def _show_preview(
        self,
        undecided: tuple[Outcome, list[str]] | None,
        outcome: tuple[Outcome, list[str]] | None,
        deciding: bool,
    ) -> None:
        language = current_language()
        if undecided is None:
            self.preview_label.setText(
                self.tr("Outcome: enter the temperature and the result to see it")
                if self.mode is ClearanceBasis.ANTIGEN
                else self.tr("Outcome: enter the temperature to see it")
            )
            self.preview_label.setStyleSheet(outcome_style(None))
            return
        if outcome is None and deciding:
            self.preview_label.setText(self.tr("Write why you decided, or leave it pending"))
            self.preview_label.setStyleSheet(outcome_style(Outcome.CLINICAL_REVIEW))
            return
        shown = outcome or undecided
        reasons = ", ".join(label(reason, language) for reason in shown[1])
        self.preview_label.setText(
            self.tr("If saved now: {outcome} ({reasons})").format(
                outcome=label(shown[0], language), reasons=reasons
            )
        )
        self.preview_label.setStyleSheet(outcome_style(shown[0]))

    # --- keeping and clearing --------------------------------------------------------------------

    def blank(self) -> Draft:
        """An empty form that keeps the lot in use (one box serves many people) and the unit."""
        today = self._now().astimezone(self._zone).date()
        return Draft(
            answers=Answers(onset=today, positive_test_on=today),
            lot_id=self.lot_box.currentData(),
            fahrenheit=self.unit_button.isChecked(),
        )

    def draft(self) -> Draft:
        return Draft(
            answers=self._shown_answers(),
            positive_test=self.positive_test.isChecked(),
            temperature=self.temperature_field.text(),
            fahrenheit=self.unit_button.isChecked(),
            lot_id=self.lot_box.currentData(),
            started_at=self.started_at,
            collected=self.collected_field.text(),
            result=self.result(),
            read=self.read_field.text(),
            decided=next((o for o, b in self.decision_buttons.items() if b.isChecked()), None),
            decision_note=self.decision_note.text(),
            place_id=self.place_box.currentData(),
            clinician=self.clinician_field.text(),
        )

    def restore(self, draft: Draft) -> None:
        answers = draft.answers
        for symptom, box in self.symptom_boxes.items():
            box.setChecked(symptom in answers.symptoms)
        if answers.onset:
            self.onset_field.setDate(QDate(answers.onset))
        self.felt_feverish.setChecked(answers.felt_feverish)
        self.fever_medicine.setChecked(answers.fever_medicine)
        self.close_contact.setChecked(answers.close_contact)
        self.positive_test.setChecked(draft.positive_test)
        if answers.positive_test_on:
            self.positive_test_on.setDate(QDate(answers.positive_test_on))
        for sign, box in self.sign_boxes.items():
            box.setChecked(sign in answers.disease_signs)
        self.pregnant.setChecked(answers.pregnant)
        for condition, box in self.condition_boxes.items():
            box.setChecked(condition in answers.conditions)
        self.injuries.setText(answers.injuries)
        self.referral_needed.setChecked(answers.referral_needed)
        self.temperature_field.setText(draft.temperature)
        self.unit_button.setChecked(draft.fahrenheit)
        if draft.lot_id is not None and self.lot_box.findData(draft.lot_id) >= 0:
            self.lot_box.setCurrentIndex(self.lot_box.findData(draft.lot_id))
        self.collected_field.setText(draft.collected)
        self.started_at = draft.started_at
        if draft.started_at is None:
            self.kit_timer.stop()
        else:
            self.kit_timer.start(draft.started_at, self.lot_kit())
        self._check(self.result_group, self.result_buttons[draft.result] if draft.result else None)
        self.read_field.setText(draft.read)
        self.decision_buttons[draft.decided].setChecked(True)
        self.decision_note.setText(draft.decision_note)
        self.place_box.setCurrentIndex(max(0, self.place_box.findData(draft.place_id)))
        self.clinician_field.setText(draft.clinician)
        self.update_state()

    @staticmethod
    def _check(group: QButtonGroup, button: QAbstractButton | None) -> None:
        """Check one button of an exclusive group, or none (Qt refuses to uncheck otherwise)."""
        group.setExclusive(False)
        for each in group.buttons():
            each.setChecked(each is button)
        group.setExclusive(True)

    # --- text ------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        language = current_language()
        self.questionnaire.setTitle(self.tr("&Questionnaire"))
        self.symptoms_caption.setText(self.tr("Symptoms now or in the last days:"))
        for code, box in (
            *self.symptom_boxes.items(),
            *self.sign_boxes.items(),
            *self.condition_boxes.items(),
        ):
            box.setText(label(code, language))
        self.onset_caption.setText(self.tr("Symptoms started on"))
        self.felt_feverish.setText(self.tr("Felt feverish"))
        self.fever_medicine.setText(self.tr("Took fever medicine"))
        self.close_contact.setText(self.tr("Close contact with a case"))
        self.positive_test.setText(self.tr("Positive test in the past 90 days, on"))
        self.signs_caption.setText(self.tr("Signs of another disease:"))
        self.conditions_caption.setText(self.tr("Chronic conditions:"))
        self.injuries_caption.setText(self.tr("Injuries"))
        self.injuries.setPlaceholderText(self.tr("None"))
        self.pregnant.setText(self.tr("Pregnant"))
        self.referral_needed.setText(self.tr("Referral needed"))
        self.temperature_caption.setText(self.tr("&Temperature"))
        self.temperature_field.setPlaceholderText("36.8")
        self.unit_button.setToolTip(self.tr("Celsius or Fahrenheit: press to switch"))
        self._unit_toggled()
        self.test_box.setTitle(self.tr("Antigen test"))
        self.lot_caption.setText(self.tr("&Kit lot"))
        self.lot_box.setPlaceholderText(self.tr("No kit lot: add one with “Kits and places…”"))
        self._word_lots()
        self.start_button.setText(self.tr("Start timer (Ctrl+T)"))
        self.collected_caption.setText(self.tr("Collected at"))
        self.collected_field.setPlaceholderText("HH:MM")
        self.result_caption.setText(self.tr("Result"))
        for result, text in (
            (AntigenResult.POSITIVE, self.tr("&Positive")),
            (AntigenResult.NEGATIVE, self.tr("&Negative")),
            (AntigenResult.INVALID, self.tr("&Invalid (no control line)")),
        ):
            self.result_buttons[result].setText(text)
        self.read_caption.setText(self.tr("&Read at"))
        self.read_field.setPlaceholderText("HH:MM")
        self.read_hint.setText(self.tr("empty: the time you press Save"))
        self.exempt_label.setText(
            self.tr("{exempt}: the questionnaire and the temperature decide.").format(
                exempt=label(ClearanceBasis.EXEMPT_AGE, language)
            )
        )
        self.recovery_box.setTitle(label(ClearanceBasis.RECOVERY, language))
        self.recovery_label.setText(
            self.tr(
                "Released from isolation: no new test. Check the clinician's letter that"
                " clears the person."
            )
        )
        self.clinician_caption.setText(self.tr("Clinician's na&me"))
        self.decision_box.setTitle(self.tr("Clinical review: decide now, or leave it pending"))
        self.decision_buttons[None].setText(self.tr("Leave pending"))
        self.decision_buttons[Outcome.CLEARED].setText(label(Outcome.CLEARED, language))
        self.decision_buttons[Outcome.ISOLATION].setText(label(Outcome.ISOLATION, language))
        self.note_caption.setText(self.tr("Rea&son"))
        self.decision_note.setPlaceholderText(self.tr("Why you decided (required)"))
        self.place_caption.setText(self.tr("Isolation pla&ce"))
        self._word_places()
        self.save_button.setText(self.tr("Save (Ctrl+S)"))
        self.update_state()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
