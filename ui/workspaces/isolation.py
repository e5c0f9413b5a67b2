"""The isolation board: who is in isolation, whose follow-up is due, who may go.

A screener's morning round: the board opens on the most urgent person (the core orders urgent
referrals, then overdue and due follow-ups first), Ctrl+F records their follow-up, the arrows
move to the next. Release is offered only to those the rules allow, and says why not for the
others. Every decision is a call into `staging.isolation`; this module arranges the answers.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from itertools import pairwise

from PySide6.QtCore import QEvent, QItemSelectionModel, QLocale, QModelIndex, Qt, QTimer
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from staging.changes import Changes, Kind
from staging.clock import site_date
from staging.errors import UserError
from staging.isolation.board import BoardRow, isolation_board
from staging.screening.queries import medical_record
from staging.security.access import Session
from ui.dialogs.follow_up import FollowUpDialog
from ui.dialogs.isolation_actions import (
    IsolationActionDialog,
    PlaceDialog,
    ReleaseDialog,
    SevereIllnessDialog,
)
from ui.dialogs.medical_timeline import MedicalTimelineDialog
from ui.language import current_language
from ui.models.isolation_model import BoardFilter, IsolationBoardModel, days_of_isolation
from ui.operations import Operations
from ui.widgets.badges import BadgeDelegate, Tone
from ui.widgets.dates import display_date
from ui.widgets.health_counts import HealthCounts
from ui.widgets.list_view import list_view
from ui.widgets.message_line import MessageLine

# What the board shows: a change to any of these redraws it.
BOARD_KINDS = (
    Kind.SCREENINGS,
    Kind.ISOLATION,
    Kind.PEOPLE,
    Kind.MEDICAL_SUPPLIES,
    Kind.SETTINGS,
)
MESSAGE_SCALE = 1.1


class IsolationWorkspace(QWidget):
    def __init__(
        self, session: Session, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.operations = operations
        store = session.store
        self.timezone = store.policy().site.timezone
        self.today = store.today()

        self.counts = HealthCounts(session, operations)
        self.filter_tabs = QTabBar()
        self.filter_tabs.setExpanding(False)
        for _ in BoardFilter:
            self.filter_tabs.addTab("")
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.model = IsolationBoardModel(self.today, self.timezone, current_language())
        self.table = list_view(self.model, IsolationBoardModel.COL_NAME)
        for column in (IsolationBoardModel.COL_FOLLOW_UP, IsolationBoardModel.COL_RELEASE):
            self.table.setItemDelegateForColumn(
                column, BadgeDelegate(IsolationBoardModel.CodeRole, self.table)
            )

        self.person_label = QLabel()
        self.person_label.setWordWrap(True)
        bold = QFont(self.person_label.font())
        bold.setBold(True)
        self.person_label.setFont(bold)
        self.why_label = QLabel()
        self.why_label.setWordWrap(True)
        self.follow_up_button = QPushButton()
        self.release_button = QPushButton()
        self.severe_button = QPushButton()
        self.place_button = QPushButton()
        self.timeline_button = QPushButton()
        for button in self.buttons():
            button.setAutoDefault(True)
        self.message_label = MessageLine(MESSAGE_SCALE)

        self._layout()
        self._connect()
        self._keyboard()
        self.retranslate()

    def buttons(self) -> list[QPushButton]:
        return [
            self.follow_up_button,
            self.release_button,
            self.severe_button,
            self.place_button,
            self.timeline_button,
        ]

    # --- building --------------------------------------------------------------------------------

    def _layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.filter_tabs)
        filters.addWidget(self.caption, 1)
        actions = QHBoxLayout()
        for button in self.buttons():
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.person_label)
        layout.addWidget(self.why_label)
        layout.addLayout(actions)
        layout.addWidget(self.message_label)

    def _connect(self) -> None:
        self.operations.changed.connect(self.on_changes)
        self.filter_tabs.currentChanged.connect(self._filter_chosen)
        self.table.selectionModel().currentRowChanged.connect(self._show_selected)
        self.table.activated.connect(self._row_activated)
        self.follow_up_button.clicked.connect(self.follow_up)
        self.release_button.clicked.connect(self.release)
        self.severe_button.clicked.connect(self.severe_illness)
        self.place_button.clicked.connect(self.assign_place)
        self.timeline_button.clicked.connect(self.timeline)

    def _keyboard(self) -> None:
        self.shortcuts = [
            QShortcut(QKeySequence(keys), self, slot)
            for keys, slot in (
                ("Ctrl+F", self.follow_up),
                ("Ctrl+R", self.release),
                ("Ctrl+G", self.severe_illness),
                ("Ctrl+P", self.assign_place),
                ("Ctrl+T", self.timeline),
            )
        ]
        chain = [self.filter_tabs, self.table, *self.buttons()]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    # --- reading the board -------------------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        """Redraw after a change that concerns the board; a hidden board waits until shown
        (each read of it is written to the audit log)."""
        if changes.touches(*BOARD_KINDS) and self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Re-read the board as of now, keeping the person the screener was on."""
        store = self.session.store
        self.timezone = store.policy().site.timezone
        now = store.clock.now()
        self.today = site_date(now, self.timezone)
        chosen = self.selected_person_id()
        try:
            # The read is audited, so it writes: a backup holding the database can delay it.
            board = isolation_board(store, self.session.actor, now, self.today)
        except UserError as error:
            self.message_label.refused(error)
            return
        self.model.set_rows(board, self.today, self.timezone)
        self.counts.refresh()
        self.select_person(chosen)
        self._retranslate_filters()

    def _filter_chosen(self, index: int) -> None:
        chosen = self.selected_person_id()
        self.model.set_filter(BoardFilter(index))
        self.select_person(chosen)
        self._retranslate_filters()

    def select_person(self, person_id: str | None) -> None:
        """The same person again, or the top of the board (the most urgent)."""
        row = self.model.row_of(person_id) if person_id else None
        if row is None and self.model.rowCount():
            row = 0
        if row is None:
            self.table.selectionModel().clear()
            self._show_selected()
            return
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self._show_selected()

    def selected_row(self) -> BoardRow | None:
        index = self.table.selectionModel().currentIndex()
        return index.data(IsolationBoardModel.RowRole) if index.isValid() else None

    def selected_person_id(self) -> str | None:
        row = self.selected_row()
        return row.person.id if row is not None else None

    def _show_selected(self) -> None:
        """The chosen person's standing, and which actions apply to them."""
        row = self.selected_row()
        for button in self.buttons():
            button.setEnabled(row is not None)
        if row is None:
            self.person_label.setText(self.tr("Nobody chosen on the board."))
            self.why_label.clear()
            return
        self.release_button.setEnabled(row.release_candidate)
        self.person_label.setText(
            self.tr("{name} · day {day} of {days} · release from {date}").format(
                name=row.person.full_name,
                day=QLocale().toString(row.day),
                days=QLocale().toString(days_of_isolation(row)),
                date=display_date(row.release_from),
            )
        )
        if row.release_candidate:
            self.why_label.setText(self.tr("May be released: every criterion is met."))
        else:
            self.why_label.setText(self._not_yet(row))
        self.release_button.setToolTip(self.why_label.text())

    def _not_yet(self, row: BoardRow) -> str:
        return self.tr("Not released yet: {why}").format(why=self.model.why_not(row))

    def _row_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.timeline()

    # --- the screener's actions ----------------------------------------------------------------

    def _chosen(self) -> BoardRow | None:
        """The selected person; a word on the message line when there is none."""
        row = self.selected_row()
        if row is None:
            self.message_label.say(
                Tone.BLOCKED, lambda: self.tr("Choose someone on the board first.")
            )
        return row

    def follow_up(self) -> None:
        row = self._chosen()
        if row is None:
            return
        dialog = FollowUpDialog(
            self.session, self.operations, row.person.id, row.person.full_name, self
        )
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        name = row.person.full_name
        if accepted and dialog.saved is not None and dialog.saved.urgent_referral:
            self.message_label.say(
                Tone.BLOCKED,
                lambda: self.tr("Urgent referral for {name}: call for medical care now.").format(
                    name=name
                ),
            )
        elif accepted:
            self.message_label.say(
                Tone.GOOD,
                lambda: self.tr("Follow-up of {name} saved.").format(name=name),
            )
        self.back_to_board()

    def release(self) -> None:
        row = self._chosen()
        if row is None:
            return
        if not row.release_candidate:
            self.message_label.say(Tone.BLOCKED, partial(self._named_not_yet, row))
            self.back_to_board()
            return
        name = row.person.full_name
        self._decide(
            ReleaseDialog(self.session, self.operations, row, self),
            lambda: self.tr("{name} released from isolation. Re-screening is next.").format(
                name=name
            ),
        )

    def _named_not_yet(self, row: BoardRow) -> str:
        return f"{row.person.full_name}: {self._not_yet(row)}"

    def severe_illness(self) -> None:
        row = self._chosen()
        if row is None:
            return
        name = row.person.full_name
        self._decide(
            SevereIllnessDialog(self.session, self.operations, row, self),
            lambda: self.tr("The clinician's assessment of {name} is saved.").format(name=name),
        )

    def assign_place(self) -> None:
        row = self._chosen()
        if row is None:
            return
        name = row.person.full_name
        self._decide(
            PlaceDialog(self.session, self.operations, row, self),
            lambda: self.tr("Isolation place of {name} saved.").format(name=name),
        )

    def _decide(self, dialog: IsolationActionDialog, done: Callable[[], str]) -> None:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.message_label.say(Tone.GOOD, done)
        self.back_to_board()

    def timeline(self) -> None:
        row = self._chosen()
        if row is None:
            return
        store, actor = self.session.store, self.session.actor
        try:
            record = medical_record(store, actor, row.person.id)
        except UserError as error:
            self.message_label.refused(error)
            return
        MedicalTimelineDialog(record, self.timezone, self).exec()
        self.back_to_board()

    # --- focus -----------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """Shown (its tab chosen, the desk unlocked): the board is read as of now."""
        super().showEvent(event)
        self.refresh()
        QTimer.singleShot(0, self.back_to_board)

    def back_to_board(self) -> None:
        """The arrows and the shortcuts work on the board again, unless a dialog is open."""
        if QApplication.activeModalWidget() is None and self.isVisible():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- text ------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.model.set_language(current_language())
        self.follow_up_button.setText(self.tr("&Follow-up… (Ctrl+F)"))
        self.follow_up_button.setToolTip(self.tr("Record today's follow-up of the chosen person"))
        self.release_button.setText(self.tr("&Release (Ctrl+R)"))
        self.severe_button.setText(self.tr("Severe illness (&clinician)… (Ctrl+G)"))
        self.severe_button.setToolTip(
            self.tr("A clinician's assessment: severe illness keeps someone isolated longer")
        )
        self.place_button.setText(self.tr("Assign &place… (Ctrl+P)"))
        self.timeline_button.setText(self.tr("&Timeline… (Ctrl+T, Enter)"))
        self.timeline_button.setToolTip(
            self.tr("Screenings, isolations and follow-ups of the chosen person, oldest first")
        )
        self._retranslate_filters()
        self._show_selected()

    def _retranslate_filters(self) -> None:
        number = QLocale().toString
        model = self.model
        self.filter_tabs.setTabText(
            BoardFilter.ALL,
            self.tr("&All ({count})").format(count=number(model.count(BoardFilter.ALL))),
        )
        self.filter_tabs.setTabText(
            BoardFilter.DUE_TODAY,
            self.tr("D&ue today ({count})").format(
                count=number(model.count(BoardFilter.DUE_TODAY))
            ),
        )
        self.filter_tabs.setTabText(
            BoardFilter.RELEASE_CANDIDATES,
            self.tr("Release ca&ndidates ({count})").format(
                count=number(model.count(BoardFilter.RELEASE_CANDIDATES))
            ),
        )
        captions = {
            BoardFilter.ALL: self.tr("Everyone in isolation on {date}: urgent and overdue first"),
            BoardFilter.DUE_TODAY: self.tr("Follow-up due or overdue on {date}"),
            BoardFilter.RELEASE_CANDIDATES: self.tr("Every release criterion met on {date}"),
        }
        self.caption.setText(captions[model.board_filter()].format(date=display_date(self.today)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
