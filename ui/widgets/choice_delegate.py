"""A drop-down in every line of a table, always shown, reached with Tab like any form field.

The import's column mapping asks one question per source column ("what is this column?"), and
a volunteer should see every answer at once and change any of them with the keyboard. So the
editors stay open (`QAbstractItemView.openPersistentEditor`), Tab and Shift+Tab go from one
drop-down to the next as in a form (not cell by cell), the table scrolls to the one that has
the focus, and the mouse wheel scrolls the table unless a drop-down was chosen first.

The model gives each cell its choices (`OPTIONS_ROLE`: (value, text) pairs), its current
value (`EditRole`, None for "not decided yet") and the text shown while undecided
(`PLACEHOLDER_ROLE`).
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

Index = QModelIndex | QPersistentModelIndex
OPTIONS_ROLE = Qt.ItemDataRole.UserRole + 1
PLACEHOLDER_ROLE = Qt.ItemDataRole.UserRole + 2
_INDEX_PROPERTY = "choice_index"


class ChoiceBox(QComboBox):
    """A drop-down the wheel only turns once it has the focus: scrolling the table over a
    column of them must not change an answer by accident."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self.index: QPersistentModelIndex | None = None

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class ChoiceDelegate(QStyledItemDelegate):
    """Drop-downs for one column of `view`; a choice reaches the model as soon as it is made."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = ChoiceBox(parent)
        editor.index = QPersistentModelIndex(index)
        editor.activated.connect(lambda _row, box=editor: self.commitData.emit(box))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        """The choices (re-worded after a language change) and the current one."""
        assert isinstance(editor, ChoiceBox)
        options: list[tuple[Any, str]] = index.data(OPTIONS_ROLE) or []
        value = index.data(Qt.ItemDataRole.EditRole)
        editor.blockSignals(True)
        try:
            values = [editor.itemData(row) for row in range(editor.count())]
            if values != [key for key, _ in options]:
                editor.clear()
                for key, text in options:
                    editor.addItem(text, key)
            else:
                for row, (_key, text) in enumerate(options):
                    editor.setItemText(row, text)
            editor.setPlaceholderText(index.data(PLACEHOLDER_ROLE) or "")
            editor.setCurrentIndex(-1 if value is None else editor.findData(value))
            editor.setToolTip(editor.currentText() or editor.placeholderText())
        finally:
            editor.blockSignals(False)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, ChoiceBox)
        if editor.currentIndex() >= 0:
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        editor.setGeometry(option.rect.adjusted(1, 1, -1, -1))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Every key goes to the drop-down itself, so Tab moves on as in a form and Enter, Esc
        and shortcuts reach the page (the base class would end an edit that never ends); the
        focus brings the drop-down's line into view."""
        if not isinstance(watched, ChoiceBox):
            return super().eventFilter(watched, event)
        if event.type() == QEvent.Type.FocusIn and watched.index is not None:
            self._view.scrollTo(QModelIndex(watched.index))
        return False


def open_choices(view: QAbstractItemView, column: int) -> list[ChoiceBox]:
    """Open the drop-downs of every line (after the model was reset), in the lines' order."""
    model = view.model()
    boxes: list[ChoiceBox] = []
    for row in range(model.rowCount()):
        index = model.index(row, column)
        view.openPersistentEditor(index)
        box = view.indexWidget(index)
        assert isinstance(box, ChoiceBox)
        boxes.append(box)
    return boxes


def chain_focus(widgets: list[QWidget]) -> None:
    """Tab goes through `widgets` in this order (the drop-downs sit between the fields around
    their table)."""
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)
