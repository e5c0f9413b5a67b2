"""Registering people who are on no list (walk-ins): one person or a whole household.

Before anything is saved the core reads the form, marking every missing or wrong field of every
person at once, and is asked who may already be registered; if anyone, the volunteer sees them
and must say "save anyway" (or open the existing record). Whatever goes wrong, the form keeps
what was typed. A typed birth date is read back in words beside its field, so 05/04 cannot be
taken for the 4th of May.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, QLocale, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from staging.domain import Sex
from staging.errors import UserError
from staging.intake.walk_ins import (
    FORM_FIELDS,
    WalkIn,
    WalkInProblems,
    possible_matches,
    read_walk_ins,
    register_walk_ins,
)
from staging.registration.parsing import parse_date
from staging.registration.problems import FieldProblem
from staging.security.access import Session
from ui.language import current_language
from ui.models.people_model import PeopleTableModel, hits_from_records
from ui.operations import Operations
from ui.widgets.badges import BadgeDelegate
from ui.widgets.captions import buddy_label
from ui.widgets.checked_field import ERROR_STYLE, CheckedField
from ui.widgets.messages import localized

MATCHES_HEIGHT = 170  # about five people; the form above keeps most of the room
DATE_IN_WORDS = "d MMMM yyyy"  # 5 April 1990 / 5 abril 1990: no day-month order to misread
DATE_FIELD_MARGIN = 16  # room around the placeholder inside the field's frame
DATE_READ_STYLE = "font-weight: bold;"
NOT_A_DATE_STYLE = "color: #555555;"
WARNING_STYLE = (
    "QLabel { background: #fff0bf; color: #5c4300; border: 1px solid #d9b54a;"
    " border-radius: 4px; padding: 6px; font-weight: bold; }"
)


class MemberForm(QGroupBox):
    """One person of the walk-in household."""

    remove_requested = Signal(object)
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.given_names = QLineEdit()
        self.paternal_surname = QLineEdit()
        self.maternal_surname = QLineEdit()
        self.date_of_birth = QLineEdit()
        self.date_in_words = QLabel()
        self.date_in_words.setWordWrap(True)
        self.sex = QComboBox()
        for code in ("", *(str(s) for s in Sex)):
            self.sex.addItem("", code)
        self.nationality = QLineEdit()
        self.a_number = QLineEdit()
        self.phone = QLineEdit()
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        self.checked = {
            name: CheckedField(
                getattr(self, name), self.date_in_words if name == "date_of_birth" else None
            )
            for name in FORM_FIELDS
        }
        self.form = QFormLayout(self)
        for checked in self.checked.values():
            self.form.addRow(buddy_label(checked.field), checked)
        for name, field in self.line_fields().items():
            field.textEdited.connect(self.edited)
            field.textEdited.connect(lambda _text, name=name: self.checked[name].clear_problem())
        self.date_of_birth.textChanged.connect(self.read_back_date)
        self.sex.currentIndexChanged.connect(self.edited)
        self.form.addRow(self.remove_button)

    def line_fields(self) -> dict[str, QLineEdit]:
        return {
            name: field
            for name in FORM_FIELDS
            if isinstance(field := getattr(self, name), QLineEdit)
        }

    def typed(self) -> dict[str, str]:
        """What the volunteer typed, for the core to read (`read_walk_ins`)."""
        return {
            **{name: field.text() for name, field in self.line_fields().items()},
            "sex": self.sex.currentData() or "",
        }

    def read_back_date(self) -> None:
        """The birth date in words as it is typed, or why it is not a date (yet)."""
        text = self.date_of_birth.text().strip()
        if not text:
            self.date_in_words.clear()
            return
        try:
            born = parse_date(text)
        except FieldProblem as problem:
            self.date_in_words.setText(f"“{text}” {localized(problem)}")
            self.date_in_words.setStyleSheet(NOT_A_DATE_STYLE)
            return
        self.date_in_words.setText(
            QLocale().toString(QDate(born.year, born.month, born.day), DATE_IN_WORDS)
        )
        self.date_in_words.setStyleSheet(DATE_READ_STYLE)

    def retranslate(self, number: int, removable: bool) -> None:
        self.setTitle(self.tr("Person {number}").format(number=number))
        captions = [
            self.tr("&Given names *"),
            self.tr("&Paternal surname *"),
            self.tr("&Maternal surname"),
            self.tr("&Date of birth *"),
            self.tr("Nat&ionality"),
            self.tr("&A-number (if any)"),
            self.tr("P&hone"),
        ]
        for name, caption in zip(self.line_fields(), captions, strict=True):
            self.form.labelForField(self.checked[name]).setText(caption)
        self.date_of_birth.setPlaceholderText(self.tr("YYYY-MM-DD or DD/MM/YYYY"))
        # Wide enough for its hint, and no wider: the date in words goes beside it.
        self.date_of_birth.setFixedWidth(
            self.date_of_birth.fontMetrics().horizontalAdvance(self.date_of_birth.placeholderText())
            + DATE_FIELD_MARGIN
        )
        self.a_number.setPlaceholderText(self.tr("A 123-456-789"))
        self.form.labelForField(self.checked["sex"]).setText(self.tr("&Sex"))
        for index, text in enumerate(
            [self.tr("Not stated"), self.tr("Female"), self.tr("Male"), self.tr("Other")]
        ):
            self.sex.setItemText(index, text)
        self.remove_button.setText(self.tr("&Remove this person"))
        self.remove_button.setVisible(removable)
        self.read_back_date()


class WalkInDialog(QDialog):
    """After `exec()`: `person_ids` are the people saved, or `chosen_person_id` is someone
    already registered whom the volunteer chose instead."""

    def __init__(
        self, session: Session, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._operations = operations
        self.person_ids: list[str] = []
        self.chosen_person_id: str | None = None
        self.members: list[MemberForm] = []

        self.intro_label = QLabel()
        self.intro_label.setWordWrap(True)
        self.members_box = QWidget()
        self.members_layout = QVBoxLayout(self.members_box)
        self.members_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.members_box)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add_member)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setVisible(False)

        self.matches_box = QWidget()
        self.matches_label = QLabel()
        self.matches_label.setWordWrap(True)
        self.matches_label.setStyleSheet(WARNING_STYLE)
        self.matches_model = PeopleTableModel(
            session.store.policy(),
            session.store.today(),
            session.actor.role,
            current_language(),
        )
        self.matches_view = QTableView()
        self.matches_view.setModel(self.matches_model)
        self.matches_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.matches_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.matches_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.matches_view.verticalHeader().setVisible(False)
        self.matches_view.setItemDelegateForColumn(
            PeopleTableModel.COL_STAGE,
            BadgeDelegate(PeopleTableModel.CodeRole, self.matches_view),
        )
        self.matches_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.matches_view.horizontalHeader().setStretchLastSection(True)
        self.matches_view.setMaximumHeight(MATCHES_HEIGHT)
        self.matches_view.doubleClicked.connect(lambda _index: self.open_selected())
        self.save_anyway_button = QPushButton()
        self.save_anyway_button.clicked.connect(self.save_anyway)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.back_to_form)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_selected)
        match_buttons = QHBoxLayout()
        match_buttons.addWidget(self.back_button)
        match_buttons.addWidget(self.open_button)
        match_buttons.addStretch(1)
        match_buttons.addWidget(self.save_anyway_button)
        matches_layout = QVBoxLayout(self.matches_box)
        matches_layout.setContentsMargins(0, 0, 0, 0)
        matches_layout.addWidget(self.matches_label)
        matches_layout.addWidget(self.matches_view)
        matches_layout.addLayout(match_buttons)
        self.matches_box.setVisible(False)

        self.save_button = QPushButton()
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.check_and_save)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.matches_box)
        layout.addLayout(buttons)
        QShortcut(QKeySequence("Ctrl+M"), self, self.add_member)
        self.add_member()
        self.resize(720, 640)
        self.retranslate()

    # --- the form -----------------------------------------------------------------------------

    def add_member(self) -> None:
        form = MemberForm()
        form.remove_requested.connect(self.remove_member)
        form.edited.connect(self.hide_matches)
        self.members.append(form)
        self.members_layout.insertWidget(self.members_layout.count() - 1, form)
        self.retranslate()
        form.given_names.setFocus()

    def remove_member(self, form: MemberForm) -> None:
        if len(self.members) > 1 and form in self.members:
            self.members.remove(form)
            form.deleteLater()
            self.hide_matches()
            self.retranslate()

    def walk_ins(self) -> list[WalkIn] | None:
        """The typed people, or None after marking every missing or wrong field."""
        for form in self.members:
            for checked in form.checked.values():
                checked.clear_problem()
        try:
            return read_walk_ins(
                [form.typed() for form in self.members], self._session.store.today()
            )
        except WalkInProblems as refused:
            for (index, name), problem in refused.problems.items():
                self.members[index].checked[name].show_problem(localized(problem))
            self.show_error(
                self.tr("Nothing was saved: correct the fields marked in red.")
                + "\n"
                + localized(refused)
            )
            index, name = next(iter(refused.problems))
            first = self.members[index].checked[name]
            self.scroll.ensureWidgetVisible(first)
            first.setFocus()
            if isinstance(first.field, QLineEdit):
                first.field.selectAll()
            return None

    # --- checking and saving -------------------------------------------------------------------

    def check_and_save(self) -> None:
        """Ask the core who may already be registered; save only if nobody may be."""
        people = self.walk_ins()
        if people is None:
            return
        policy = self._session.store.policy()
        found: dict[str, dict] = {}
        for person in people:
            matches = possible_matches(self._session.store, person, policy)
            found.update({m["id"]: m for m in matches})
        if found:
            self.show_matches(list(found.values()))
            return
        self.save(people)

    def save_anyway(self) -> None:
        """The volunteer has seen the possible matches and says these are other people."""
        people = self.walk_ins()
        if people is not None:
            self.save(people)

    def save(self, people: list[WalkIn]) -> None:
        store, actor = self._session.store, self._session.actor
        saved = self._operations.run(lambda: register_walk_ins(store, actor, people), self._refused)
        if saved is not None:
            self.person_ids = saved.value
            self.accept()

    def _refused(self, error: UserError) -> None:
        self.hide_matches()
        self.show_error(localized(error))

    def open_selected(self) -> None:
        index = self.matches_view.currentIndex()
        if index.isValid():
            self.chosen_person_id = self.matches_model.data(index, PeopleTableModel.PersonIdRole)
            self.accept()

    # --- what the volunteer sees ------------------------------------------------------------------

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(True)

    def show_matches(self, matches: list[dict]) -> None:
        self.error_label.setVisible(False)
        self.matches_model.set_hits(hits_from_records(matches))
        self.matches_view.selectRow(0)
        self.matches_box.setVisible(True)
        self.save_button.setEnabled(False)
        self.retranslate()
        self.back_button.setDefault(True)  # Enter must not save a duplicate by habit
        self.matches_view.setFocus()

    def hide_matches(self) -> None:
        self.matches_box.setVisible(False)
        self.save_button.setEnabled(True)
        self.save_button.setDefault(True)

    def back_to_form(self) -> None:
        self.hide_matches()
        self.members[0].given_names.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Walk-in registration"))
        self.intro_label.setText(
            self.tr(
                "Register people who are on no list. They are saved as “verification needed”"
                " until their case status is confirmed. Fields marked * are required."
            )
        )
        for number, form in enumerate(self.members, start=1):
            form.retranslate(number, removable=len(self.members) > 1)
        self.add_button.setText(self.tr("Add a&nother person (Ctrl+M)"))
        self.matches_label.setText(
            self.tr(
                "⚠ These may already be registered — save anyway? If one of them is this"
                " person, open that record instead."
            )
        )
        self.back_button.setText(self.tr("&Back to the form"))
        self.open_button.setText(self.tr("&Open selected person"))
        self.save_anyway_button.setText(self.tr("Save an&yway"))
        self.save_button.setText(self.tr("&Check and save"))
        self.cancel_button.setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.matches_model.set_language(current_language())
        super().changeEvent(event)
