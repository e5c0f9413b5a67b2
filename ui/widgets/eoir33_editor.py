"""Form EOIR-33 as the volunteer fills it in with the person: the paper's fields in the paper's
order, then the two courts.

The editor decides nothing: the values are checked by `paperwork.form.check_entry` when saved,
and each field the core refuses is marked under itself, with everything typed left in place.
The courts come from the site's directory: the court where the case is pending (matched from
the registration list, or picked when the list's name fits no single court) and the receiving
court, the nearest to the new address unless the volunteer chooses another and says why.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QDate, QEvent, QLocale, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from staging.courts.directory import Court, CourtDirectory, OplaOffice
from staging.courts.nearest import NearbyCourt, nearest_courts
from staging.errors import UserError
from staging.paperwork.courts import CourtChoice, court_choice
from staging.paperwork.form import ENTRY_FIELDS, Eoir33Entry
from staging.paperwork.operations import Courts
from staging.registration.parsing import parse_date
from staging.registration.problems import FieldProblem
from staging.rules.paperwork import FormRevision
from staging.vocabulary import Words
from ui.language import current_language
from ui.widgets.checked_field import CheckedField
from ui.widgets.messages import localized

# The paper's rows, group by group: (field, share of the row's width).
NAME_ROWS: tuple[tuple[tuple[str, int], ...], ...] = (
    (("last_name", 3), ("first_name", 3), ("middle_name", 2), ("suffix", 1)),
    (("a_number", 1), ("", 2)),
)
CURRENT_ROWS: tuple[tuple[tuple[str, int], ...], ...] = (
    (("in_care_of", 1),),
    (("current_street", 4), ("current_apartment", 1)),
    (("current_city", 4), ("current_state", 2), ("current_zip", 3)),
    (("current_phone", 1), ("current_email", 1)),
)
FORMER_ROWS: tuple[tuple[tuple[str, int], ...], ...] = (
    (("former_street", 4), ("former_apartment", 1)),
    (("former_city", 3), ("former_state", 3), ("former_zip", 2), ("former_country", 2)),
    (("former_phone", 1), ("former_email", 1)),
)
TEXT_FIELDS = tuple(name for name in ENTRY_FIELDS if name != "signed_on")
DATE_IN_WORDS = "d MMMM yyyy"  # 1 marzo 2021: no day-month order to misread
DATE_SAMPLE = "0000-00-00"  # the field is as wide as a date, and no wider
DATE_FIELD_MARGIN = 24  # room around the text inside the field's frame
# Said, not only coloured: amber for what to look at again, as the desks' message line does.
WARNING_STYLE = (
    "QLabel { background: #fff0bf; color: #5c4300; border: 1px solid #d9b54a;"
    " border-radius: 4px; padding: 4px; }"
)
KM_AND_MILES = "{miles} mi ({km} km)"


def distance_words(near: NearbyCourt) -> str:
    number = QLocale().toString
    return KM_AND_MILES.format(miles=number(round(near.miles)), km=number(round(near.km)))


def note_of(place: Court | OplaOffice | None) -> str:
    """A doubt the directory records about a court or an office, in the volunteer's language."""
    note: Words | None = place.note if place is not None else None
    return note.in_language(current_language()) if note else ""


class Eoir33Editor(QWidget):
    """Every field of the form for one person; `edited` fires on each change (the preview)."""

    edited = Signal()

    def __init__(
        self, directory: CourtDirectory, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.directory = directory
        self.today = today  # the site's day, from the desk's clock
        self.case_court_text = ""
        self.nearby: list[NearbyCourt] = []
        self._receiving_chosen = False  # else it follows the court nearest the new address
        self._loaded: dict[str, Any] = {}
        self._problems: dict[str, FieldProblem] = {}
        self._court_problem: UserError | None = None
        self._warnings: tuple[Words, ...] = ()

        self.fields: dict[str, QLineEdit] = {name: QLineEdit() for name in TEXT_FIELDS}
        self.fields["signed_on"] = QLineEdit()
        self.date_in_words = QLabel()
        self.date_in_words.setWordWrap(True)
        self.today_button = QPushButton()
        beside = QWidget()
        beside_layout = QHBoxLayout(beside)
        beside_layout.setContentsMargins(0, 0, 0, 0)
        beside_layout.addWidget(self.today_button)
        beside_layout.addWidget(self.date_in_words, 1)
        self.checked = {
            name: CheckedField(field, beside if name == "signed_on" else None)
            for name, field in self.fields.items()
        }
        self.captions: dict[str, QLabel] = {}
        self.cells: dict[str, QWidget] = {}

        self.name_box = self._group(NAME_ROWS)
        self.current_box = self._group(CURRENT_ROWS)
        self.warnings_label = QLabel()
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setStyleSheet(WARNING_STYLE)
        self.warnings_label.setVisible(False)
        self.current_box.layout().addWidget(self.warnings_label)
        self.former_box = self._group(FORMER_ROWS)
        self.signed_box = QGroupBox()
        signed_layout = QVBoxLayout(self.signed_box)
        signed_layout.addWidget(self._cell("signed_on"))

        self.courts_box = QGroupBox()
        self.courts_form = QFormLayout(self.courts_box)
        # Captions above, as on the paper: a court's long name and distance keep the full width.
        self.courts_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.case_court_label = QLabel()
        self.case_court_label.setWordWrap(True)
        self.current_court_combo = QComboBox()
        self.pick_label = self._warning_label()
        self.current_note_label = self._warning_label()
        self.opla_label = QLabel()
        self.opla_label.setWordWrap(True)
        self.opla_note_label = self._warning_label()
        self.proposed_label = QLabel()
        self.proposed_label.setWordWrap(True)
        self.receiving_combo = QComboBox()
        self.receiving_note_label = self._warning_label()
        self.reason_field = QLineEdit()
        self.reason_checked = CheckedField(self.reason_field)
        for combo in (self.current_court_combo, self.receiving_combo):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(24)
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # What the directory says is read, not typed: bold, apart from its caption.
        for value in (self.case_court_label, self.opla_label, self.proposed_label):
            bold = QFont(value.font())
            bold.setBold(True)
            value.setFont(bold)
        self.court_rows: list[tuple[QLabel, QWidget]] = []
        for widget in (
            self.case_court_label,
            self.current_court_combo,
            self.opla_label,
            self.proposed_label,
            self.receiving_combo,
            self.reason_checked,
        ):
            caption = QLabel()
            caption.setBuddy(widget.focusProxy() or widget)
            self.courts_form.addRow(caption, widget)
            self.court_rows.append((caption, widget))
            if widget is self.current_court_combo:
                self.courts_form.addRow(self.pick_label)
                self.courts_form.addRow(self.current_note_label)
            elif widget is self.opla_label:
                self.courts_form.addRow(self.opla_note_label)
            elif widget is self.receiving_combo:
                self.courts_form.addRow(self.receiving_note_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for box in (self.name_box, self.current_box, self.former_box, self.signed_box):
            layout.addWidget(box)
        layout.addWidget(self.courts_box)
        layout.addStretch(1)

        self._connect()
        self._tab_order()
        self._fill_current_courts()
        self._show_nearby("")
        self.retranslate()

    # --- building --------------------------------------------------------------------------------

    def _warning_label(self) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setStyleSheet(WARNING_STYLE)
        label.setVisible(False)
        return label

    def _cell(self, name: str) -> QWidget:
        """A field with its caption above it, as on the paper, and its problem under it."""
        cell = QWidget()
        layout = QVBoxLayout(cell)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        caption = QLabel()
        caption.setBuddy(self.fields[name])
        layout.addWidget(caption)
        layout.addWidget(self.checked[name])
        self.captions[name] = caption
        self.cells[name] = cell
        return cell

    def _group(self, rows: tuple[tuple[tuple[str, int], ...], ...]) -> QGroupBox:
        box = QGroupBox()
        layout = QVBoxLayout(box)
        layout.setSpacing(4)
        for row in rows:
            line = QHBoxLayout()
            for name, share in row:
                # Top-aligned: a problem under one field must not push its neighbours down.
                line.addWidget(
                    self._cell(name) if name else QWidget(), share, Qt.AlignmentFlag.AlignTop
                )
            layout.addLayout(line)
        return box

    def _connect(self) -> None:
        for name, field in self.fields.items():
            field.textEdited.connect(lambda _text, name=name: self._forget_problem(name))
            field.textChanged.connect(self.edited)
        self.fields["current_zip"].textChanged.connect(self._zip_changed)
        self.fields["signed_on"].textChanged.connect(self.read_back_date)
        self.today_button.clicked.connect(self._signed_today)
        self.current_court_combo.activated.connect(self._current_chosen)
        self.receiving_combo.activated.connect(self._receiving_activated)
        self.reason_field.textEdited.connect(lambda _text: self._forget_court_problem())
        self.reason_field.textChanged.connect(self.edited)

    def _tab_order(self) -> None:
        """The paper's order, then the courts: Tab never jumps about the form."""
        order: list[QWidget] = []
        for rows in (NAME_ROWS, CURRENT_ROWS, FORMER_ROWS):
            order += [self.fields[name] for row in rows for name, _ in row if name]
        order += [
            self.fields["signed_on"],
            self.today_button,
            self.current_court_combo,
            self.receiving_combo,
            self.reason_field,
        ]
        for before, after in pairwise(order):
            QWidget.setTabOrder(before, after)

    def first_field(self) -> QLineEdit:
        return self.fields["last_name"]

    def last_field(self) -> QWidget:
        return self.reason_field

    # --- the person ------------------------------------------------------------------------------

    def set_directory(self, directory: CourtDirectory, revision: FormRevision) -> None:
        """The site's courts (an administrator may load a new list) and the form's layout; the
        courts chosen stay chosen if the new list still has them."""
        self.cells["in_care_of"].setVisible(revision is FormRevision.REV_2021)
        if directory is self.directory:
            return
        current, receiving = self.current_key(), self.receiving_key()
        self.directory = directory
        self._fill_current_courts()
        self._select(self.current_court_combo, current)
        self._show_nearby(self.fields["current_zip"].text())
        self._select(self.receiving_combo, receiving)
        self._show_courts()

    def load(
        self, case_court_text: str, entry: Eoir33Entry, courts: Courts, *, served: bool
    ) -> None:
        """Show a person's form: saved, or prefilled from the registration."""
        self.case_court_text = case_court_text
        self._problems = {}
        self._court_problem = None
        self._warnings = ()
        self.blockSignals(True)
        for name, field in self.fields.items():
            value = getattr(entry, name)
            field.setText(value.isoformat() if isinstance(value, date) else value or "")
        self.reason_field.setText(courts.receiving_reason)
        # A court since removed from the site's list is chosen again (matched or proposed).
        known = self.directory.courts_by_key
        choice = court_choice(
            self.directory,
            case_court_text,
            courts.current if courts.current in known else "",
            courts.receiving if courts.receiving in known else "",
            entry.current_zip,
        )
        self._select(self.current_court_combo, choice.current.key if choice.current else "")
        self._show_nearby(entry.current_zip)
        proposed = self.proposed()
        self._receiving_chosen = courts.receiving in known and (
            proposed is None or courts.receiving != proposed.court.key
        )
        self._select(self.receiving_combo, choice.receiving.key if choice.receiving else "")
        self.blockSignals(False)
        self._loaded = self.values()
        self.set_served(served)
        self._mark_fields()
        self._show_courts()
        self._show_warnings()
        self.read_back_date()

    def set_served(self, served: bool) -> None:
        """A served form is not edited: its copy is with ICE."""
        for widget in (
            self.name_box,
            self.current_box,
            self.former_box,
            self.signed_box,
            self.courts_box,
        ):
            widget.setEnabled(not served)

    def values(self) -> dict[str, Any]:
        """Everything as typed and chosen, to be put back exactly (`restore`)."""
        return {
            **{name: field.text() for name, field in self.fields.items()},
            "current_court": self.current_key(),
            "receiving_court": self.receiving_key(),
            "receiving_chosen": self._receiving_chosen,
            "reason": self.reason_field.text(),
        }

    def restore(self, values: Mapping[str, Any]) -> None:
        self.blockSignals(True)
        for name, field in self.fields.items():
            field.setText(values[name])
        self.reason_field.setText(values["reason"])
        self._select(self.current_court_combo, values["current_court"])
        self._show_nearby(values["current_zip"])
        self._receiving_chosen = values["receiving_chosen"]
        self._select(self.receiving_combo, values["receiving_court"])
        self.blockSignals(False)
        self._show_courts()
        self.read_back_date()

    @property
    def touched(self) -> bool:
        """Typed or chosen since the form was shown."""
        return bool(self._loaded) and self.values() != self._loaded

    # --- reading what was typed ------------------------------------------------------------------

    def typed_entry(self) -> tuple[Eoir33Entry, dict[str, FieldProblem]]:
        """The entry as typed, and what the editor itself cannot read (a date that is not one);
        an unreadable date is left out of the entry."""
        problems: dict[str, FieldProblem] = {}
        signed: date | None = None
        text = self.fields["signed_on"].text().strip()
        if text:
            try:
                signed = parse_date(text)
            except FieldProblem as problem:
                problems["signed_on"] = problem
        texts = {name: self.fields[name].text() for name in TEXT_FIELDS}
        return Eoir33Entry(**texts, signed_on=signed), problems

    def current_key(self) -> str:
        return self.current_court_combo.currentData() or ""

    def receiving_key(self) -> str:
        return self.receiving_combo.currentData() or ""

    def proposed(self) -> NearbyCourt | None:
        return self.nearby[0] if self.nearby else None

    def reason_needed(self) -> bool:
        """Another court than the nearest one was chosen: the core asks why."""
        proposed = self.proposed()
        receiving = self.receiving_key()
        return proposed is not None and bool(receiving) and receiving != proposed.court.key

    def courts(self) -> Courts:
        reason = self.reason_field.text() if self.reason_needed() else ""
        return Courts(self.current_key(), self.receiving_key(), reason)

    def choice(self) -> CourtChoice:
        """The courts as chosen, for a preview of the paper."""
        current = self._court(self.current_key())
        receiving = self._court(self.receiving_key())
        office = self.directory.opla_office_of(current) if current is not None else None
        return CourtChoice(self.case_court_text, current, self.proposed(), receiving, office)

    def _court(self, key: str) -> Court | None:
        return self.directory.courts_by_key.get(key) if key else None

    # --- problems --------------------------------------------------------------------------------

    def show_problems(self, problems: Mapping[str, FieldProblem]) -> None:
        """Each refused field shows its own problem; the first one gets the keyboard."""
        self._problems = dict(problems)
        self._mark_fields()
        first = next((name for name in self.fields if name in self._problems), None)
        if first is not None:
            self.fields[first].setFocus(Qt.FocusReason.OtherFocusReason)
            self.fields[first].selectAll()

    def clear_problems(self) -> None:
        self._problems = {}
        self._court_problem = None
        self._mark_fields()
        self._show_court_problem()

    def show_court_problem(self, error: UserError) -> None:
        """A refusal about the courts, said under the reason (the field that answers it)."""
        self._court_problem = error
        self._show_court_problem()
        if self.reason_field.isEnabled():
            self.reason_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_warnings(self, warnings: tuple[Words, ...]) -> None:
        self._warnings = warnings
        self._show_warnings()

    def _mark_fields(self) -> None:
        for name, checked in self.checked.items():
            if name in self._problems:
                checked.show_problem(localized(self._problems[name]))
            else:
                checked.clear_problem()

    def _show_court_problem(self) -> None:
        if self._court_problem is None:
            self.reason_checked.clear_problem()
        else:
            self.reason_checked.show_problem(localized(self._court_problem))

    def _show_warnings(self) -> None:
        language = current_language()
        self.warnings_label.setText("\n".join(w.in_language(language) for w in self._warnings))
        self.warnings_label.setVisible(bool(self._warnings))

    def _forget_problem(self, name: str) -> None:
        """Once the volunteer types in a marked field, its old message no longer applies."""
        if self._problems.pop(name, None) is not None:
            self._mark_fields()

    def _forget_court_problem(self) -> None:
        if self._court_problem is not None:
            self._court_problem = None
            self._show_court_problem()

    # --- the date signed -------------------------------------------------------------------------

    def _signed_today(self) -> None:
        self.fields["signed_on"].setText(self.today.isoformat())
        self._forget_problem("signed_on")

    def read_back_date(self) -> None:
        """The date in words as it is typed, or why it is not a date (yet)."""
        text = self.fields["signed_on"].text().strip()
        if not text:
            self.date_in_words.clear()
            return
        try:
            signed = parse_date(text)
        except FieldProblem as problem:
            self.date_in_words.setText(f"“{text}” {localized(problem)}")
            self.date_in_words.setStyleSheet("color: #555555;")
            return
        self.date_in_words.setText(
            QLocale().toString(QDate(signed.year, signed.month, signed.day), DATE_IN_WORDS)
        )
        self.date_in_words.setStyleSheet("font-weight: bold;")

    # --- the courts ------------------------------------------------------------------------------

    def _fill_current_courts(self) -> None:
        combo = self.current_court_combo
        combo.clear()
        combo.addItem("", "")
        for court in sorted(self.directory.courts, key=lambda c: c.name):
            combo.addItem(court.name, court.key)

    def _show_nearby(self, zip_code: str) -> None:
        """The receiving courts nearest first once the new ZIP is known, else by name; the
        proposal is followed unless the volunteer chose another court."""
        chosen = self.receiving_key()
        try:
            self.nearby = (
                nearest_courts(self.directory, zip_code.strip(), limit=len(self.directory.courts))
                if zip_code.strip()
                else []
            )
        except UserError:
            self.nearby = []
        combo = self.receiving_combo
        combo.blockSignals(True)
        combo.clear()
        if self.nearby:
            for near in self.nearby:
                combo.addItem(f"{near.court.name} · {distance_words(near)}", near.court.key)
        else:
            combo.addItem("", "")
            for court in sorted(self.directory.courts, key=lambda c: c.name):
                if not court.detained_only:
                    combo.addItem(court.name, court.key)
        proposed = self.proposed()
        if not self._receiving_chosen:
            chosen = proposed.court.key if proposed is not None else ""
        self._select(combo, chosen)
        combo.blockSignals(False)

    def _select(self, combo: QComboBox, key: str) -> None:
        index = combo.findData(key)
        combo.setCurrentIndex(max(0, index))

    def _zip_changed(self, text: str) -> None:
        self._show_nearby(text)
        self._show_courts()

    def _current_chosen(self) -> None:
        self._show_courts()
        self.edited.emit()

    def _receiving_activated(self) -> None:
        proposed = self.proposed()
        self._receiving_chosen = proposed is None or self.receiving_key() != proposed.court.key
        self._forget_court_problem()
        self._show_courts()
        self.edited.emit()

    def _show_courts(self) -> None:
        """The words around the court choices: what the list said, the office served, the
        court proposed and why a reason is asked."""
        current = self._court(self.current_key())
        text = self.case_court_text
        self.case_court_label.setText(text or self.tr("(none given)"))
        if current is None:
            self.pick_label.setText(
                self.tr(
                    "The registration list says “{court}”, and no single court fits it: pick the"
                    " court where the case is pending."
                ).format(court=text)
                if text
                else self.tr(
                    "The registration list names no court: pick the court where the case is"
                    " pending."
                )
            )
        self.pick_label.setVisible(current is None)
        self.current_note_label.setText(note_of(current))
        self.current_note_label.setVisible(bool(note_of(current)))
        office = self.directory.opla_office_of(current) if current is not None else None
        if office is None:
            self.opla_label.setText(self.tr("Follows the current court"))
        else:
            self.opla_label.setText(", ".join((office.name, *office.address_lines)))
        self.opla_note_label.setText(note_of(office))
        self.opla_note_label.setVisible(bool(note_of(office)))
        proposed = self.proposed()
        if proposed is None:
            self.proposed_label.setText(
                self.tr("Proposed once the new address has a valid ZIP code")
            )
        else:
            self.proposed_label.setText(
                self.tr("{court}, {distance} from the new address").format(
                    court=proposed.court.name, distance=distance_words(proposed)
                )
            )
        receiving = self._court(self.receiving_key())
        self.receiving_note_label.setText(note_of(receiving))
        self.receiving_note_label.setVisible(bool(note_of(receiving)))
        needed = self.reason_needed()
        self.reason_field.setEnabled(needed)
        self.reason_field.setPlaceholderText(
            self.tr("Why not the nearest court?")
            if needed
            else self.tr("Needed only when another court is chosen")
        )
        self.current_court_combo.setItemText(
            0, self.tr("— Pick the court where the case is pending —")
        )
        if not self.nearby and self.receiving_combo.count():
            self.receiving_combo.setItemText(0, self.tr("— Not chosen —"))

    # --- text ------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.name_box.setTitle(self.tr("Name and A-number"))
        self.current_box.setTitle(self.tr("My CURRENT address and phone number are"))
        self.former_box.setTitle(self.tr("My FORMER address and phone number were"))
        self.signed_box.setTitle(self.tr("Signature"))
        self.courts_box.setTitle(self.tr("Courts"))
        captions = {
            "last_name": self.tr("Last na&me (both surnames)"),
            "first_name": self.tr("Fi&rst name"),
            "middle_name": self.tr("Middle name"),
            "suffix": self.tr("Suffix"),
            "a_number": self.tr("A-number"),
            "in_care_of": self.tr("In care of (other person, if any)"),
            "current_street": self.tr("Number and s&treet"),
            "current_apartment": self.tr("Apartment"),
            "current_city": self.tr("C&ity"),
            "current_state": self.tr("Stat&e"),
            "current_zip": self.tr("&ZIP code"),
            "current_phone": self.tr("Phone"),
            "current_email": self.tr("E-mail"),
            "former_street": self.tr("Number and street"),
            "former_apartment": self.tr("Apartment"),
            "former_city": self.tr("City"),
            "former_state": self.tr("State"),
            "former_zip": self.tr("Postal code"),
            "former_country": self.tr("Country"),
            "former_phone": self.tr("Phone"),
            "former_email": self.tr("E-mail"),
            "signed_on": self.tr("Date si&gned"),
        }
        for name, caption in self.captions.items():
            caption.setText(captions[name])
        self.fields["a_number"].setPlaceholderText(self.tr("A 123-456-789"))
        self.fields["current_state"].setPlaceholderText(self.tr("TX or Texas"))
        self.fields["signed_on"].setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.fields["signed_on"].setFixedWidth(
            self.fields["signed_on"].fontMetrics().horizontalAdvance(DATE_SAMPLE)
            + DATE_FIELD_MARGIN
        )
        self.today_button.setText(self.tr("Toda&y"))
        court_captions = (
            self.tr("Court on the registration list"),
            self.tr("C&urrent court (the form is filed here)"),
            self.tr("ICE office served (OPLA)"),
            self.tr("Nearest court to the new address"),
            self.tr("Recei&ving court"),
            self.tr("Reas&on for another court"),
        )
        for (caption, _), text in zip(self.court_rows, court_captions, strict=True):
            caption.setText(text)
        self.read_back_date()
        self._mark_fields()
        self._show_court_problem()
        self._show_warnings()
        self._refresh_distances()
        self._show_courts()

    def _refresh_distances(self) -> None:
        """Numbers follow the language's own way of writing them."""
        for index, near in enumerate(self.nearby):
            self.receiving_combo.setItemText(index, f"{near.court.name} · {distance_words(near)}")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
