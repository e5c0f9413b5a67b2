"""The import's tables: what a file says, read-only, a line at a time; and the tables where a
person answers on each line with a drop-down."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QTableView

from ui.widgets.choice_delegate import ChoiceDelegate


def table_view(model: QAbstractItemModel) -> QTableView:
    """Cells kept on one line, cut short with "…": a file's long values must not make a row
    taller than the others."""
    view = QTableView()
    view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setModel(model)
    return view


def choice_table(
    model: QAbstractItemModel, choice_column: int, stretch_column: int, widths: dict[int, int]
) -> QTableView:
    """A drop-down on every line in `choice_column` (opened with `open_choices`): the table
    itself takes no focus, Tab goes from drop-down to drop-down. `stretch_column` takes the
    room left; the others start at `widths`, a drop-down's height a line."""
    view = table_view(model)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    view.setTabKeyNavigation(False)
    view.setItemDelegateForColumn(choice_column, ChoiceDelegate(view))
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    for column, width in widths.items():
        header.resizeSection(column, width)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(QComboBox().sizeHint().height())
    return view
