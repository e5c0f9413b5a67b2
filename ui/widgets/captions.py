"""Form captions whose &-mnemonic moves the keyboard to their field (Alt+G: given names)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


def buddy_label(field: QWidget) -> QLabel:
    """An empty caption for `field`; its text (with the &) is set when the form is translated."""
    caption = QLabel()
    caption.setBuddy(field)
    return caption
