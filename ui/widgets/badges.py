"""Coloured badges for eligibility and journey stage in table cells.

The badge always carries its words: the colour only helps a glance (colour-blind volunteers and
black-and-white screenshots still read "Not eligible"). Dark text on a light tint keeps the
contrast high on dim laptop screens.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

Index = QModelIndex | QPersistentModelIndex
PADDING_X, PADDING_Y, MARGIN = 8, 3, 3
SLACK = 6  # pixels a bold font's rounding can add to a measured width


class Tone(Enum):
    """(background, text) colours."""

    GOOD = ("#d4efda", "#0b5a1f")
    WAITING = ("#fff0bf", "#5c4300")
    BLOCKED = ("#fbd3d3", "#8a1010")
    DONE = ("#d5e5fb", "#0b3a8a")
    NEUTRAL = ("#e4e4e4", "#2e2e2e")


# Eligibility and stage codes (`rules.Eligibility`, `rules.Stage`) to the tone they are shown in.
TONE_OF_CODE: dict[str, Tone] = {
    "eligible": Tone.GOOD,
    "verified": Tone.GOOD,
    "awaiting_verification": Tone.WAITING,
    "verification_needed": Tone.WAITING,
    "verification_submitted": Tone.WAITING,
    "escalated_to_cbp": Tone.BLOCKED,
    "not_eligible": Tone.BLOCKED,
    "checked_in": Tone.DONE,
    "registered": Tone.NEUTRAL,
    # Screening stages; intake users see "screened" for anyone held, never why.
    "screened": Tone.WAITING,
    "cleared": Tone.GOOD,
    "in_isolation": Tone.BLOCKED,
    "released": Tone.WAITING,
    # The isolation board's marks (`ui.models.isolation_model.Mark`).
    "follow_up_overdue": Tone.BLOCKED,
    "follow_up_due": Tone.WAITING,
    "follow_up_done": Tone.DONE,
    "urgent_referral": Tone.BLOCKED,
    "release_candidate": Tone.GOOD,
}


def tone_of(code: str | None) -> Tone:
    return TONE_OF_CODE.get(code or "", Tone.NEUTRAL)


class BadgeDelegate(QStyledItemDelegate):
    """Draws a cell's text as a rounded badge coloured by the code in `code_role`."""

    def __init__(self, code_role: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._code_role = code_role

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not text:
            super().paint(painter, option, index)
            return
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""
        style = item.widget.style() if item.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)
        background, foreground = tone_of(index.data(self._code_role)).value
        font = QFont(item.font)
        font.setBold(True)
        metrics = QFontMetrics(font)
        room = option.rect.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        shown = metrics.elidedText(
            str(text), Qt.TextElideMode.ElideRight, max(0, room.width() - 2 * PADDING_X)
        )
        width = min(room.width(), metrics.horizontalAdvance(shown) + 2 * PADDING_X)
        badge = QRectF(room.x(), room.y(), width, room.height())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(background))
        radius = badge.height() / 2
        painter.drawRoundedRect(badge, radius, radius)
        painter.setPen(QColor(foreground))
        painter.setFont(font)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, shown)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hint = super().sizeHint(option, index)
        font = QFont(option.font)
        font.setBold(True)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        width = QFontMetrics(font).horizontalAdvance(text) + 2 * (PADDING_X + MARGIN) + SLACK
        return QSize(max(hint.width(), width), hint.height() + 2 * (PADDING_Y + MARGIN))
