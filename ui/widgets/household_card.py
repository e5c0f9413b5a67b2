"""The household open at the desk: who is in it, where each member stands, and what to do next.

The card only shows and asks; the workspace that owns it calls the core when a button is
pressed, then hands the card the household again as the database now has it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from staging.domain import Person, Role
from staging.rules import Policy, StopSign, needs_confirmation, signs_among
from staging.rules.arrival import unconfirmed_stops
from staging.vocabulary import label
from ui.language import current_language
from ui.models.household_model import HouseholdModel
from ui.widgets.badges import BadgeDelegate
from ui.widgets.dates import display_date

WARNING_STYLE = (
    "QLabel { background: #fff0bf; color: #5c4300; border: 1px solid #d9b54a;"
    " border-radius: 4px; padding: 6px; }"
)
STOP_STYLE = (
    "QLabel { background: #fbd3d3; color: #8a1010; border: 2px solid #c62828;"
    " border-radius: 4px; padding: 6px; font-weight: bold; }"
)
TITLE_SCALE = 1.3
NO_LIMIT = 16_777_215  # Qt's QWIDGETSIZE_MAX, which PySide6 does not export


def describe_sign(sign: StopSign, whom: Sequence[Person], arriving: int, language: str) -> str:
    """ "Not eligible: Ana Cruz, Luis Cruz" — the sign's name, then whom it is about; "everyone
    (7)" when it is about the whole arriving household, which a list of names would hide."""
    if len(whom) == arriving > 1:
        return f"{label(sign, language)}: {label('everyone', language)} ({arriving})"
    return f"{label(sign, language)}: {', '.join(person.full_name for person in whom)}"


class HouseholdCard(QFrame):
    """Members with a tick each, badges, flags, possible duplicates, and the desk's actions."""

    check_in_requested = Signal()
    wristbands_requested = Signal()
    id_cards_requested = Signal()
    edit_contact_requested = Signal(str)  # person id

    def __init__(
        self, policy: Policy, today: date, viewer: Role, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.household_id: str | None = None
        self.household_label = ""
        self._policy = policy
        self._today = today
        self._appointment: date | None = None
        self._duplicates: list[tuple[str, Mapping[str, Any]]] = []

        self.title_label = QLabel()
        title_font = QFont(self.title_label.font())
        title_font.setPointSizeF(title_font.pointSizeF() * TITLE_SCALE)
        title_font.setBold(True)
        self.title_label.setFont(title_font)
        self.title_label.setWordWrap(True)
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        # Stop signs that hold the check-in in red; signs that only warn, and possible
        # duplicates, in amber.
        self.stop_label = QLabel()
        self.stop_label.setWordWrap(True)
        self.stop_label.setStyleSheet(STOP_STYLE)
        self.stop_label.setVisible(False)
        # A warning is never cut: the members table gives up the room first.
        self.stop_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.warning_label = QLabel()
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet(WARNING_STYLE)
        self.warning_label.setVisible(False)
        self.warning_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self._edit_refused: str | None = None

        self.model = HouseholdModel(policy, today, viewer, current_language())
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the buttons
        self.table.setWordWrap(True)  # long vulnerability lists wrap instead of hiding
        badges = BadgeDelegate(HouseholdModel.CodeRole, self.table)
        for column in (HouseholdModel.COL_ELIGIBILITY, HouseholdModel.COL_STAGE):
            self.table.setItemDelegateForColumn(column, badges)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HouseholdModel.COL_FLAGS, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _index: self.request_edit_contact())
        self.table.installEventFilter(self)
        self.model.dataChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)

        self.check_in_button = QPushButton()
        self.check_in_button.setDefault(True)  # drawn as the desk's main action
        bold = QFont(self.check_in_button.font())
        bold.setBold(True)
        self.check_in_button.setFont(bold)
        self.check_in_button.clicked.connect(self.check_in_requested)
        self.wristbands_button = QPushButton()
        self.wristbands_button.clicked.connect(self.wristbands_requested)
        self.id_cards_button = QPushButton()
        self.id_cards_button.clicked.connect(self.id_cards_requested)
        self.edit_button = QPushButton()
        self.edit_button.clicked.connect(self.request_edit_contact)
        for button in self.buttons():
            button.setAutoDefault(True)  # Enter presses the button that has the focus

        buttons = QHBoxLayout()
        buttons.addWidget(self.check_in_button, 2)
        for button in (self.wristbands_button, self.id_cards_button, self.edit_button):
            buttons.addWidget(button, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.stop_label)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.retranslate()
        self._show_open_or_empty()

    def buttons(self) -> list[QPushButton]:
        return [
            self.check_in_button,
            self.wristbands_button,
            self.id_cards_button,
            self.edit_button,
        ]

    # --- what the workspace hands over -----------------------------------------------------------

    def show_household(
        self,
        household_id: str,
        household_label: str,
        members: Sequence[Person],
        duplicates: Sequence[tuple[str, Mapping[str, Any]]],
        policy: Policy,
        today: date,
    ) -> None:
        """`duplicates` pairs a member's name with an open possible-duplicate record.

        Reopening the household already shown (after a check-in or an edit) keeps who was
        unticked and which member was selected.
        """
        same = household_id == self.household_id
        absent = self.model.absent_ids() if same else set()
        row = self.table.currentIndex().row() if same else 0
        self.household_id = household_id
        self.household_label = household_label
        self._policy = policy
        self._today = today
        self._appointment = next((m.appointment_date for m in members if m.appointment_date), None)
        self._duplicates = list(duplicates)
        self.model.set_members(members, policy, today, absent)
        if members:
            self.table.selectRow(min(max(row, 0), len(members) - 1))
        self._show_open_or_empty()
        self.retranslate()

    def clear(self) -> None:
        """Back to "no household open" (after an unknown scan: the old card must not linger)."""
        self.household_id = None
        self.household_label = ""
        self._appointment = None
        self._duplicates = []
        self.model.set_members([], self._policy, self._today)
        self._show_open_or_empty()
        self.retranslate()

    def _show_open_or_empty(self) -> None:
        """An empty card is two lines, not half the screen: the lists below get the room."""
        is_open = self.household_id is not None
        self.table.setVisible(is_open)
        for button in self.buttons():
            button.setVisible(is_open)
        self.setMaximumHeight(NO_LIMIT if is_open else self.minimumSizeHint().height())

    def set_edit_refused(self, reason: str | None) -> None:
        """The user's role may not edit contacts: the button stays in sight, disabled, saying
        why (`reason`, in the user's language); None when it may."""
        self._edit_refused = reason
        self.retranslate()

    def stop_signs(self) -> dict[StopSign, list[Person]]:
        """The stop signs raised by those about to be checked in (ticked, not yet arrived)."""
        return signs_among(self.model.arriving(), self._today, self._policy)

    def held_signs(self) -> dict[StopSign, list[Person]]:
        """Those of `stop_signs` the site's policy says must be confirmed before a check-in:
        what the core would refuse unconfirmed."""
        return unconfirmed_stops(self.model.arriving(), self._today, self._policy, frozenset())

    def select_person(self, person_id: str) -> None:
        for row, member in enumerate(self.model.members()):
            if member.id == person_id:
                self.table.selectRow(row)
                return

    def selected_person_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.data(index, HouseholdModel.PersonIdRole)

    def request_edit_contact(self) -> None:
        person_id = self.selected_person_id()
        if person_id is not None:
            self.edit_contact_requested.emit(person_id)

    # --- keyboard --------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the members table, Space ticks or unticks the member and Enter checks in."""
        if watched is self.table and isinstance(event, QKeyEvent):
            if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Space:
                row = self.table.currentIndex().row()
                if row >= 0:
                    self.model.toggle(row)
                return True
            if event.type() == QEvent.Type.KeyPress and event.key() in (
                Qt.Key.Key_Return,
                Qt.Key.Key_Enter,
            ):
                if self.check_in_button.isEnabled():
                    self.check_in_requested.emit()
                return True
        return super().eventFilter(watched, event)

    # --- text ------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.model.set_language(current_language())
        members = self.model.members()
        if self.household_id is None:
            self.title_label.setText(self.tr("No household open"))
            self.hint_label.setText(
                self.tr("Scan a wristband or QR code, or choose someone from the list.")
            )
        else:
            size = (
                self.tr("1 person")
                if len(members) == 1
                else self.tr("{count} people").format(count=QLocale().toString(len(members)))
            )
            if self._appointment is None:
                title = self.tr("Household {household} · {size} · no appointment")
            else:
                title = self.tr("Household {household} · {size} · appointment {date}")
            self.title_label.setText(
                title.format(
                    household=self.household_label or "—",
                    size=size,
                    date=display_date(self._appointment),
                )
            )
            self.hint_label.setText(
                self.tr(
                    "Space: tick or untick who is here · Enter: check in · Tab: the buttons ·"
                    " F2: back to Scan"
                )
            )
        self.wristbands_button.setText(self.tr("&Wristbands… (Ctrl+P)"))
        self.wristbands_button.setToolTip(self.tr("Print wristbands for the ticked members"))
        self.id_cards_button.setText(self.tr("&ID cards… (Ctrl+I)"))
        self.id_cards_button.setToolTip(self.tr("Print ID cards for the ticked members"))
        self.edit_button.setText(self.tr("&Edit contact… (Ctrl+E)"))
        self.edit_button.setToolTip(
            self._edit_refused
            or self.tr("Correct the selected member's phone, address or vulnerabilities")
        )
        self._update_buttons()

    def _show_signs(self) -> None:
        """Each stop sign with whom it is about; held ones say the check-in will ask first."""
        language = current_language()
        held, warned = [], []
        for sign, whom in self.stop_signs().items():
            line = describe_sign(sign, whom, len(self.model.arriving()), language)
            if needs_confirmation(sign, self._policy):
                held.append(f"✖ {line}")
            else:
                warned.append(f"⚠ {line}")
        if held:
            held.append(
                self.tr("Check in only if a coordinator agrees: you will be asked to confirm.")
            )
        warned.extend(
            "⚠ "
            + self.tr(
                "Possible duplicate: {name} may be the same person as"
                " {other} ({registration}) — ask a coordinator to review."
            ).format(name=name, other=other["name"], registration=other["registration_id"])
            for name, other in self._duplicates
        )
        self.stop_label.setText("\n".join(held))
        self.stop_label.setVisible(bool(held))
        self.warning_label.setText("\n".join(warned))
        self.warning_label.setVisible(bool(warned))

    def _update_buttons(self) -> None:
        present = self.model.present()
        arriving = len(self.model.arriving())
        if arriving == 1:
            text = self.tr("&Check in 1 person (Enter)")
        elif arriving:
            text = self.tr("&Check in {count} people (Enter)").format(
                count=QLocale().toString(arriving)
            )
        elif present:
            text = self.tr("All ticked are checked in")
        else:
            text = self.tr("&Check in")
        self.check_in_button.setText(text)
        self.check_in_button.setEnabled(arriving > 0)
        for button in (self.wristbands_button, self.id_cards_button):
            button.setEnabled(bool(present))
        self.edit_button.setEnabled(bool(self.model.members()) and self._edit_refused is None)
        self._show_signs()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
