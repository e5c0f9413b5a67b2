"""A table cell drawn as a bar filling up (a vehicle's seats), its words ("18 / 24") on top.

The words carry the figure; the bar only helps a glance down a column of trips. A full bar turns
amber: nothing more fits.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ui.widgets.badges import Tone

Index = QModelIndex | QPersistentModelIndex
MARGIN = 3
MIN_WIDTH = 110  # a bar narrower than this reads as a smudge
TROUGH = "#f2f2f2"
EDGE = "#9a9a9a"


class FillBarDelegate(QStyledItemDelegate):
    """Paints the share in `fill_role` (0 to 1) as a bar behind the cell's text."""

    def __init__(self, fill_role: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fill_role = fill_role

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        text = item.text
        item.text = ""
        style = item.widget.style() if item.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)
        share = min(1.0, max(0.0, float(index.data(self._fill_role) or 0.0)))
        room = QRectF(option.rect.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN))
        tone = Tone.WAITING if share >= 1.0 else Tone.GOOD
        background, foreground = tone.value
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor(EDGE))
        painter.setBrush(QColor(TROUGH))
        painter.drawRoundedRect(room, 3, 3)
        if share:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(background))
            filled = QRectF(
                room.x() + 1, room.y() + 1, (room.width() - 2) * share, room.height() - 2
            )
            painter.drawRoundedRect(filled, 2, 2)
        painter.setPen(QColor(foreground if share else "#2e2e2e"))
        painter.drawText(room, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(max(hint.width() + 4 * MARGIN, MIN_WIDTH), hint.height() + 2 * MARGIN)
