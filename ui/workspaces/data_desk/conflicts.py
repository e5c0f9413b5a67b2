"""The data desk's conflict review: fields that two desks changed without knowing of each other.

Sync keeps every such value and every desk shows the same one until a coordinator chooses. The
page lists the open conflicts; the one chosen shows each value with who set it, when and on
which desk, the value shown now checked. Keeping it, or another, is an edit replacing them all
(`staging.sync.review.settle`), audited, which closes the conflict on each desk it reaches.
Keyboard: the arrows in the list, Tab to the values (the arrows between them), Tab to the
button, Enter.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from staging.changes import Changes
from staging.clock import in_site_time
from staging.rules import Action
from staging.security.access import Session
from staging.sync.inbox import Leaf
from staging.sync.review import CONFLICT_KINDS, ConflictShown, conflicts_to_review, set_at, settle
from ui.language import current_language
from ui.models.conflicts_model import ConflictsModel
from ui.operations import Operations
from ui.widgets.badges import Tone
from ui.widgets.dates import display_date
from ui.widgets.labels import MUTED_STYLE, bold, wrapped_label
from ui.widgets.list_view import current_row, list_view
from ui.widgets.message_line import page_message_line
from ui.widgets.messages import refusal_text
from ui.workspaces.data_desk.desk_page import DeskPage

SPLIT_UNIT = 250  # pixels: the list and the conflict share the page 2 to 3
VALUE_INDENT = 24  # pixels: who set a value, under its button


class ConflictPanel(QWidget):
    """One conflict: each value as a choice, with who set it, when and on which desk."""

    def __init__(self, conflict: ConflictShown, chosen: str | None, page: ConflictsPage) -> None:
        super().__init__()
        self.conflict = conflict
        self.group = QButtonGroup(self)
        grid = QGridLayout(self)
        grid.setColumnMinimumWidth(0, VALUE_INDENT)
        grid.setColumnStretch(1, 1)
        line = 0
        for number, leaf in enumerate(conflict.leaves):
            button = QRadioButton(page.model.value_text(conflict, leaf.value))
            self.group.addButton(button, number)
            grid.addWidget(button, line, 0, 1, 2)
            said = wrapped_label(MUTED_STYLE, plain=True)
            said.setText(page.provenance(leaf, shown_now=number == 0))
            grid.addWidget(said, line + 1, 1)
            line += 2
        grid.setRowStretch(line, 1)
        stamps = [leaf.stamp for leaf in conflict.leaves]
        self.group.button(stamps.index(chosen) if chosen in stamps else 0).setChecked(True)
        for before, after in pairwise(self.group.buttons()):
            QWidget.setTabOrder(before, after)

    def chosen(self) -> Leaf:
        return self.conflict.leaves[self.group.checkedId()]

    def buttons(self) -> list[QAbstractButton]:
        return self.group.buttons()


class ConflictsPage(DeskPage):
    """The open conflicts, and the chosen one with its values and the choice."""

    # How many conflicts wait for review, for the workspace's tab title.
    count_changed = Signal(int)

    def __init__(
        self, session: Session, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(session, operations, parent)
        self._conflicts: list[ConflictShown] = []
        # The value the coordinator last chose on each conflict (its stamp), kept across a
        # redraw: a sync may bring something while they are deciding.
        self._chosen: dict[str, str] = {}
        self.panel: ConflictPanel | None = None

        self.heading = bold(QLabel())
        self.model = ConflictsModel(current_language(), session.store.policy().site.timezone)
        self.table = list_view(self.model, ConflictsModel.COL_RECORD)
        self.caption = bold(wrapped_label(plain=True))
        self.explanation = wrapped_label()
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.keep_button = QPushButton()
        self.keep_button.setAutoDefault(True)
        self.empty_title = QLabel()
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty_font = QFont(self.empty_title.font())
        empty_font.setPointSizeF(empty_font.pointSizeF() * 1.3)
        self.empty_title.setFont(empty_font)
        self.empty_line = wrapped_label(MUTED_STYLE)
        self.empty_line.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label = page_message_line()

        self._layout()
        self.table.selectionModel().currentRowChanged.connect(self._show_selected)
        self.keep_button.clicked.connect(self.keep_chosen)
        self.retranslate()
        self.refresh()

    def _layout(self) -> None:
        detail = QWidget()
        actions = QHBoxLayout()
        actions.addWidget(self.keep_button)
        actions.addStretch(1)
        column = QVBoxLayout(detail)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.caption)
        column.addWidget(self.explanation)
        column.addWidget(self.scroll, 1)
        column.addLayout(actions)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([2 * SPLIT_UNIT, 3 * SPLIT_UNIT])
        splitter.setChildrenCollapsible(False)
        empty = QWidget()
        empty_column = QVBoxLayout(empty)
        empty_column.addStretch(1)
        empty_column.addWidget(self.empty_title)
        empty_column.addWidget(self.empty_line)
        empty_column.addStretch(1)
        self.stack = QStackedWidget()
        self.stack.addWidget(splitter)
        self.stack.addWidget(empty)
        self.empty_page = empty
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.message_label)

    # --- reading ---------------------------------------------------------------------------------

    def open_count(self) -> int:
        return len(self._conflicts)

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(*CONFLICT_KINDS):
            self.refresh()

    def refresh(self) -> None:
        """Re-read the open conflicts, staying on the one the coordinator was on."""
        store = self.session.store
        self.model.timezone = store.policy().site.timezone
        chosen = self.selected_id()
        before = len(self._conflicts)
        self._conflicts = conflicts_to_review(store)
        self.model.set_conflicts(self._conflicts)
        if len(self._conflicts) != before:
            self.count_changed.emit(len(self._conflicts))
        self.stack.setCurrentWidget(self.stack.widget(0) if self._conflicts else self.empty_page)
        self._retranslate_heading()
        self.select(chosen)

    def select(self, conflict_id: str | None) -> None:
        """The same conflict again, or the first."""
        row = self.model.row_of(conflict_id) if conflict_id else None
        if row is None and self.model.rowCount():
            row = 0
        if current_row(self.table, row):
            self._show_selected()

    def selected_id(self) -> str | None:
        index = self.table.selectionModel().currentIndex()
        return index.data(ConflictsModel.ConflictIdRole) if index.isValid() else None

    def _show_selected(self) -> None:
        """Draw the chosen conflict from what was read (a language change reads nothing)."""
        if self.panel is not None:
            self._chosen[self.panel.conflict.id] = self.panel.chosen().stamp
        index = self.table.selectionModel().currentIndex()
        conflict = self.model.conflict(index.row()) if index.isValid() else None
        if conflict is None:
            self.panel = None
            gone = self.scroll.takeWidget()
            if gone is not None:
                gone.deleteLater()
            self.caption.clear()
            self._enable_actions()
            return
        self.panel = ConflictPanel(conflict, self._chosen.get(conflict.id), self)
        self.scroll.setWidget(self.panel)  # the panel shown before is deleted with it
        chain = [self.table, *self.panel.buttons(), self.keep_button]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)
        self.caption.setText(self._caption(conflict))
        self._enable_actions()

    def _enable_actions(self) -> None:
        refused = refusal_text(self.session.actor, Action.RESOLVE_CONFLICTS)
        self.keep_button.setEnabled(self.panel is not None and refused is None)
        self.keep_button.setToolTip(refused or "")

    # --- deciding --------------------------------------------------------------------------------

    def keep_chosen(self) -> None:
        panel = self.panel
        if panel is None:
            return
        conflict, leaf = panel.conflict, panel.chosen()
        store, actor = self.session.store, self.session.actor
        value = self.model.value_text(conflict, leaf.value)
        field, record = self._field(conflict), self.model.record_text(conflict)
        done = self.operations.run(
            lambda: settle(store, actor, conflict.id, leaf.value), self.message_label.refused
        )
        if done is None:
            return
        self._chosen.pop(conflict.id, None)
        self.message_label.say(
            Tone.GOOD,
            lambda: self.tr(
                "Kept {value} as {field} of {record}; the other desks receive it with their"
                " next sync."
            ).format(value=value, field=field, record=record),
        )
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- words -----------------------------------------------------------------------------------

    def provenance(self, leaf: Leaf, *, shown_now: bool) -> str:
        """Who set a value, when (the site's time) and on which desk."""
        moment = in_site_time(set_at(leaf), self.model.timezone)
        where = (
            self.tr("on this desk ({desk})")
            if leaf.device == self.session.store.device_id
            else self.tr("on desk {desk}")
        ).format(desk=leaf.device)
        said = self.tr("Set by {user} on {date} at {time}, {where}").format(
            user=leaf.user or self.tr("an unknown user"),
            date=display_date(moment.date()),
            time=QLocale().toString(moment.time(), QLocale.FormatType.ShortFormat),
            where=where,
        )
        return (
            self.tr("{said} — shown on every desk until you choose").format(said=said)
            if shown_now
            else said
        )

    def _field(self, conflict: ConflictShown) -> str:
        return conflict.field_name.in_language(current_language())

    def _caption(self, conflict: ConflictShown) -> str:
        return self.tr("{field} of {record}").format(
            field=self._field(conflict), record=self.model.record_text(conflict)
        )

    def retranslate(self) -> None:
        self.model.set_language(current_language())
        self.keep_button.setText(self.tr("&Keep the chosen value"))
        self.explanation.setText(
            self.tr(
                "Two desks changed this field before either had the other's change. Choose"
                " the value to keep: it replaces the others on every desk."
            )
        )
        self.empty_title.setText(self.tr("No conflicts to review"))
        self.empty_line.setText(
            self.tr(
                "A conflict is a field changed on two desks before they synced: both values"
                " are kept, every desk shows the same one, and a coordinator chooses here."
            )
        )
        self._retranslate_heading()
        if self.panel is not None:
            self._show_selected()
        self._enable_actions()

    def _retranslate_heading(self) -> None:
        self.heading.setText(
            self.tr("Conflicts between desks waiting for review: {count}").format(
                count=QLocale().toString(len(self._conflicts))
            )
        )
