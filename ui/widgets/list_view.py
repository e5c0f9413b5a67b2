"""The desks' read-only lists: one row a person (or a household), chosen with the arrows."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def list_view(model: QAbstractItemModel, stretch_column: int) -> QTableView:
    """Whole rows, one at a time, never edited in place; Tab leaves the list (the arrows move
    in it). Each column fits its contents and `stretch_column` (a name) takes the room left."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.setTabKeyNavigation(False)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    return view


def select_again(view: QTableView, row: int | None) -> None:
    """Select `row` (the person who was open), or else the first row if none is current."""
    if row is not None:
        view.selectRow(row)
    elif not view.currentIndex().isValid() and view.model().rowCount():
        view.selectRow(0)


def current_row(view: QTableView, row: int | None) -> bool:
    """Make `row` the current, selected row (None: no row); returns whether it already was,
    in which case no selection signal comes and the caller redraws what the row shows."""
    selection = view.selectionModel()
    if row is None or selection.currentIndex().row() == row:
        if row is None:
            selection.clear()
        return True
    selection.setCurrentIndex(
        view.model().index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    return False
