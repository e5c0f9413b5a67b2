"""The transport desk: the planner and the boarding screen, one at a time (F3, F4), redrawn
after any change that can touch a trip, the queue or someone's readiness."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from staging.changes import Changes, Kind
from staging.rules import Action, may
from staging.security.access import Session
from ui.operations import Operations
from ui.widgets.messages import refusal_text
from ui.workspaces.transport.boarding import BoardingPanel
from ui.workspaces.transport.planner import PlannerPanel

# A change to any of these can change a trip, the queue or someone's readiness.
TRANSPORT_KINDS = (
    Kind.TRANSPORT,
    Kind.PEOPLE,
    Kind.SCREENINGS,
    Kind.PAPERWORK,
    Kind.CHECK_INS,
    Kind.SETTINGS,
)


class TransportWorkspace(QWidget):
    """The planner and the boarding screen, one at a time (F3, F4)."""

    def __init__(
        self, session: Session, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.operations = operations
        self.may_plan = may(session.actor.role, Action.PLAN_TRANSPORT)
        self.planner = PlannerPanel(session, operations)
        self.boarding = BoardingPanel(session, operations)
        # Pages to read again before they are next seen: planning reads the whole queue
        # (0.4 s at 100,000 people), too much to repeat on every scan or check-in unseen.
        self._stale: set[QWidget] = {self.planner}  # read when first shown, not at login
        self.planner_button = QPushButton()
        self.boarding_button = QPushButton()
        for button in (self.planner_button, self.boarding_button):
            button.setCheckable(True)
            button.setAutoExclusive(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.planner)
        self.pages.addWidget(self.boarding)

        switch = QHBoxLayout()
        switch.addWidget(self.planner_button)
        switch.addWidget(self.boarding_button)
        switch.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(switch)
        layout.addWidget(self.pages, 1)

        self.operations.changed.connect(self.on_changes)
        self.planner_button.clicked.connect(self.show_planner)
        self.boarding_button.clicked.connect(self.show_boarding)
        self.shortcuts = [
            QShortcut(QKeySequence(keys), self, slot)
            for keys, slot in (("F3", self.show_planner), ("F4", self.show_boarding))
        ]
        self.boarding.scan_field.leave_to_desk(shortcut.key() for shortcut in self.shortcuts)
        self.planner_button.setEnabled(self.may_plan)
        # Whoever only boards starts (and stays) at the door.
        self._show(self.planner if self.may_plan else self.boarding)
        self.retranslate()

    def on_changes(self, changes: Changes) -> None:
        """After any operation, from this desk or another screen: the page in sight is redrawn,
        the other (or both, while another tab is in front) when it is next shown."""
        if changes.touches(*TRANSPORT_KINDS):
            self._stale = {self.planner, self.boarding} if self.may_plan else {self.boarding}
            if self.isVisible():
                self._refresh_current()

    def _refresh_current(self) -> None:
        page = self.pages.currentWidget()
        if page in self._stale and self.isVisible():
            self._stale.discard(page)
            page.refresh()

    def refresh(self) -> None:
        if self.may_plan:
            self.planner.refresh()
        self.boarding.refresh()

    def show_planner(self) -> None:
        if self.may_plan:
            self._show(self.planner)
            self.planner.trips_view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_boarding(self) -> None:
        self._show(self.boarding)
        self.boarding.back_to_scan()

    def _show(self, page: QWidget) -> None:
        if page is self.boarding:
            self.boarding.refresh()  # the site's day may have turned: today's trips
        self.pages.setCurrentWidget(page)
        self._refresh_current()
        self.planner_button.setChecked(page is self.planner)
        self.boarding_button.setChecked(page is self.boarding)

    def showEvent(self, event: QShowEvent) -> None:
        """Shown after login, unlock or a tab change: at the door, the next scan must land."""
        super().showEvent(event)
        QTimer.singleShot(0, self._focus_page)

    def _focus_page(self) -> None:
        if QApplication.activeModalWidget() is not None:
            return
        self._refresh_current()
        if self.pages.currentWidget() is self.boarding:
            self.boarding.refresh()
            self.boarding.back_to_scan()
        else:
            self.planner.trips_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def retranslate(self) -> None:
        self.planner_button.setText(self.tr("Planner (F3)"))
        self.planner_button.setToolTip(
            refusal_text(self.session.actor, Action.PLAN_TRANSPORT)
            or self.tr("Plan the day's trips, print the rosters, save the manifest")
        )
        self.boarding_button.setText(self.tr("Boarding (F4)"))
        self.boarding_button.setToolTip(self.tr("Board a trip of today by scanning wristbands"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
