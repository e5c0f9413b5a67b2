"""A bar that says only that something is being worked on, beside the buttons that started it."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QWidget


def busy_bar() -> QProgressBar:
    """For work that says nothing while it runs (reading a file, Argon2id): hidden until then."""
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setVisible(False)
    return bar


def button_row(*widgets: QWidget) -> QHBoxLayout:
    """Buttons on the left; a busy bar beside them takes the rest of the line."""
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget, 1 if isinstance(widget, QProgressBar) else 0)
    row.addStretch(0)
    return row
