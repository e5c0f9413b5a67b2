"""The desk's main window. For now: find anyone on the site as you type (the intake issue adds
the workspaces per role)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from staging.queries import search_people
from staging.store.store import SETTING_SITE_NAME, Store
from ui.models.people_model import PeopleTableModel

SEARCH_DELAY_MS = 120


class MainWindow(QMainWindow):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self._store = store
        site_name = store.setting(SETTING_SITE_NAME) or ""
        self.setWindowTitle(f"Staging Desk — {site_name}")
        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText(
            self.tr("Name, A-number or registration id / Nombre, número A o registro")
        )
        self.search_field.setClearButtonEnabled(True)
        self.model = PeopleTableModel(store.policy())
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.result_count = QLabel()

        layout = QVBoxLayout()
        layout.addWidget(self.search_field)
        layout.addWidget(self.result_count)
        layout.addWidget(self.table)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)

        people = store.db.execute("SELECT count(*) FROM person").fetchone()[0]
        self.statusBar().showMessage(
            self.tr("{site} — {count} people registered").format(site=site_name, count=people)
        )
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search_field.textChanged.connect(self._timer.start)
        self.search_field.returnPressed.connect(self.run_search)
        self.resize(1000, 640)
        self.search_field.setFocus()

    def run_search(self) -> None:
        self._timer.stop()
        hits = search_people(self._store.db, self.search_field.text())
        self.model.set_hits(hits)
        self.result_count.setText(self.tr("{count} found").format(count=len(hits)))
