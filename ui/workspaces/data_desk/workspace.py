"""The coordinator's data desk: importing lists, reviewing possible duplicates, exports and
backups, and the conflicts between desks — what the command line does, for staff who do not
use a terminal.

Four pages, one at a time (F5, F6, F7, F8); the duplicates and conflicts pages' titles count
what waits for review.
Each page redraws itself on the changes that concern it; the workspace only switches pages
and passes the exports page's restore signals on to the window.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from staging.security.access import Session
from ui.operations import Operations
from ui.workspaces.data_desk.conflicts import ConflictsPage
from ui.workspaces.data_desk.desk_page import DeskPage
from ui.workspaces.data_desk.duplicates import DuplicatesPage
from ui.workspaces.data_desk.exports import ExportsPage
from ui.workspaces.data_desk.importing.page import ImportPage


class DataDeskWorkspace(QWidget):
    """Import (F5), possible duplicates (F6), exports and backups (F7), conflicts (F8)."""

    # Passed on from the exports page: see `MainWindow.connect_restore`.
    restoring = Signal(bool)
    restored = Signal(str)

    def __init__(
        self, session: Session, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.import_page = ImportPage(session, operations)
        self.duplicates_page = DuplicatesPage(session, operations)
        self.exports_page = ExportsPage(session, operations)
        self.conflicts_page = ConflictsPage(session, operations)
        self.pages = QTabWidget()
        self.pages.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for page in self._pages():
            self.pages.addTab(page, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

        self.exports_page.restoring.connect(self.restoring)
        self.exports_page.restored.connect(self.restored)
        self.duplicates_page.count_changed.connect(lambda _count: self.retranslate())
        self.conflicts_page.count_changed.connect(lambda _count: self.retranslate())
        self.import_page.review_duplicates.connect(self.show_duplicates)
        self.shortcuts = [
            QShortcut(QKeySequence(keys), self, slot)
            for keys, slot in (
                ("F5", self.show_import),
                ("F6", self.show_duplicates),
                ("F7", self.show_exports),
                ("F8", self.show_conflicts),
            )
        ]
        self.retranslate()

    def show_import(self) -> None:
        self.pages.setCurrentWidget(self.import_page)

    def show_duplicates(self) -> None:
        self.pages.setCurrentWidget(self.duplicates_page)

    def show_exports(self) -> None:
        self.pages.setCurrentWidget(self.exports_page)

    def show_conflicts(self) -> None:
        self.pages.setCurrentWidget(self.conflicts_page)

    def _pages(self) -> tuple[DeskPage, ...]:
        return (self.import_page, self.duplicates_page, self.exports_page, self.conflicts_page)

    def refresh(self) -> None:
        for page in self._pages():
            page.refresh()

    def retranslate(self) -> None:
        waiting = self.duplicates_page.open_count()
        self.pages.setTabText(0, self.tr("Import a list (F5)"))
        self.pages.setTabText(
            1,
            self.tr("Possible duplicates: {count} (F6)").format(count=waiting)
            if waiting
            else self.tr("Possible duplicates (F6)"),
        )
        self.pages.setTabText(2, self.tr("Exports and backups (F7)"))
        conflicts = self.conflicts_page.open_count()
        self.pages.setTabText(
            3,
            self.tr("Conflicts: {count} (F8)").format(count=conflicts)
            if conflicts
            else self.tr("Conflicts (F8)"),
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
