"""The day's screening counts on one line, for whoever may know them.

Aggregates only (`day_counts`): a coordinator at the intake desk learns how the day goes without
ever seeing a name beside a result. The widget redraws itself when screenings or isolations
change, so every screen that shows it stays current without wiring of its own.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale
from PySide6.QtWidgets import QLabel, QWidget

from staging.changes import Changes, Kind
from staging.screening.queries import DayCounts, day_counts
from staging.security.access import Session
from ui.operations import Operations

STYLE = "QLabel { background: #eef3fa; color: #1d2b3a; border-radius: 4px; padding: 4px 8px; }"


class HealthCounts(QLabel):
    """Shows "Today: screened N · positive N (positivity X %) · in isolation N · released N"."""

    def __init__(
        self, session: Session, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self.counts: DayCounts | None = None
        self.setStyleSheet(STYLE)
        operations.changed.connect(self.on_changes)
        self.refresh()

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(Kind.SCREENINGS, Kind.ISOLATION, Kind.SETTINGS):
            self.refresh()

    def refresh(self) -> None:
        """Re-count the site's day (it may have turned since the last count)."""
        store = self._session.store
        self.counts = day_counts(store, self._session.actor, store.today())
        self.retranslate()

    def retranslate(self) -> None:
        counts = self.counts
        if counts is None:
            return
        locale = QLocale()
        if counts.positivity is None:
            positivity = self.tr("no test read yet")
        else:
            positivity = self.tr("positivity {rate} %").format(
                rate=locale.toString(counts.positivity * 100, "f", 1)
            )
        self.setText(
            self.tr(
                "Today: screened {screened} · positive {positive} ({positivity})"
                " · in isolation {isolated} · released {released}"
            ).format(
                screened=locale.toString(counts.screened),
                positive=locale.toString(counts.positive),
                positivity=positivity,
                isolated=locale.toString(counts.in_isolation),
                released=locale.toString(counts.released),
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
