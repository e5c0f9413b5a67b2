"""Where the import stands: its five steps in a line, the current one marked."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel

from ui.widgets.badges import Tone
from ui.widgets.labels import MUTED_STYLE

STEPS = 5


class StepBar(QHBoxLayout):
    """ "1. File" to "5. Summary"; the current step stands out in the tone of what comes next.
    A row of the page's own layout rather than a widget of its own, so a step's new width is
    laid out with the rest of the page."""

    def __init__(self) -> None:
        super().__init__()
        self.labels = [QLabel() for _ in range(STEPS)]
        for label in self.labels:
            self.addWidget(label)
        self.addStretch(1)

    def _names(self) -> list[str]:
        return [
            self.tr("1. File"),
            self.tr("2. Columns"),
            self.tr("3. Check"),
            self.tr("4. Import"),
            self.tr("5. Summary"),
        ]

    def show_current(self, current: int) -> None:
        """Step `current` (from 0) marked, in the language of the moment."""
        background, foreground = Tone.DONE.value
        for number, (label, name) in enumerate(zip(self.labels, self._names(), strict=True)):
            label.setText(("➜ " if number == current else "") + name)
            label.setStyleSheet(
                f"background: {background}; color: {foreground}; font-weight: bold;"
                " border-radius: 4px; padding: 3px 8px;"
                if number == current
                else f"{MUTED_STYLE} padding: 3px 8px;"
            )
