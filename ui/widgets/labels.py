"""Labels the desks' pages share: text that wraps without widening the page, a value to read
and copy, and bold."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy

# Words beside the main ones: a hint, the steps not current.
MUTED_STYLE = "color: #5a5a5a;"


def wrapped_label(style: str = "", *, plain: bool = False) -> QLabel:
    """A label that wraps and never widens the page: a long file name or path must not push the
    window past 1280 pixels. `plain` on a page that shows what a file or a person wrote: such
    words are never read as markup."""
    label = QLabel()
    label.setWordWrap(True)
    if plain:
        label.setTextFormat(Qt.TextFormat.PlainText)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    if style:
        label.setStyleSheet(style)
    return label


def value_label(text: str = "") -> QLabel:
    """A value read from a file or the site: shown as it is, and selectable to copy."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def bold(label: QLabel) -> QLabel:
    """`label` in bold, in its own size."""
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label
