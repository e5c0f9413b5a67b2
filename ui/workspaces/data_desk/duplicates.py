"""The data desk's duplicate review: the possible duplicates flagged by imports and walk-ins,
one pair at a time side by side, then "not the same person" or "same person: merge".

The fields that differ are marked and each offers both values, as radio buttons (Tab moves
from field to field, the arrows between the two values); the registration kept starts as the
one checked in, or registered, first. Which fields differ, what may be merged and when a merge
must be confirmed again are the core's (`staging.duplicates`): the second confirmation, for two
registrations both checked in or both screened, is the core's refusal, asked and retried here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from itertools import pairwise

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from staging.changes import Changes, Kind
from staging.clock import in_site_time
from staging.duplicates.operations import MergeNeedsConfirmation, dismiss, merge
from staging.duplicates.queries import PairView, Standing, open_pairs, pair_view
from staging.errors import UserError
from staging.people.fields import PERSON_FIELDS
from staging.rules import Action
from staging.security.access import Session
from staging.vocabulary import PERSON_FIELD_NAMES, label
from ui.language import current_language
from ui.models.duplicates_model import DuplicatePairsModel
from ui.models.paperwork_model import a_number_shown
from ui.operations import Operations
from ui.widgets.badges import Tone
from ui.widgets.dates import display_date
from ui.widgets.labels import bold, value_label, wrapped_label
from ui.widgets.list_view import current_row, list_view
from ui.widgets.message_line import page_message_line
from ui.widgets.messages import localized, refusal_text
from ui.workspaces.data_desk.desk_page import DeskPage

# What the page shows: the pairs, the people, and what each registration has recorded.
REVIEW_KINDS = (
    Kind.DUPLICATES,
    Kind.PEOPLE,
    Kind.VERIFICATIONS,
    Kind.CHECK_INS,
    Kind.WRISTBANDS,
    Kind.SCREENINGS,
    Kind.PAPERWORK,
    Kind.TRANSPORT,
)
FIRST, SECOND = 0, 1
KIND_OF_FIELD = {field.name: field.kind for field in PERSON_FIELDS}
# A value longer than this is cut short on its button; the tip holds all of it.
SHOWN_CHARACTERS = 40
_BACKGROUND, _FOREGROUND = Tone.WAITING.value
DIFFERS_STYLE = f"background: {_BACKGROUND}; color: {_FOREGROUND};"
SPLIT_UNIT = 250  # pixels: the list and the pair share the page 2 to 3


@dataclass(frozen=True)
class Choices:
    """What the reviewer chose on one pair: the registration kept (its column) and, per
    differing field, the column whose value stays. Kept across a redraw of the same pair."""

    pair_id: str
    keep: int
    values: dict[str, int]


class PairPanel(QWidget):
    """One pair side by side: a row per field, a choice on each field that differs, and what
    each registration has recorded."""

    def __init__(
        self, view: PairView, choices: Choices, timezone: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.view = view
        self._timezone = timezone
        self._language = current_language()
        self.keep_group = QButtonGroup(self)
        self.groups: dict[str, QButtonGroup] = {}
        self._grid = QGridLayout(self)
        self._grid.setHorizontalSpacing(16)
        self._grid.setColumnStretch(1, 1)
        self._grid.setColumnStretch(2, 1)
        self._build(choices)

    # --- what was chosen ---------------------------------------------------------------------

    def keep_column(self) -> int:
        return self.keep_group.checkedId()

    def keep_id(self) -> str:
        return self._people()[self.keep_column()].id

    def other(self) -> Standing:
        return self._people()[1 - self.keep_column()]

    def kept(self) -> Standing:
        return self._people()[self.keep_column()]

    def take_other(self) -> set[str]:
        """The fields whose chosen value is the other registration's."""
        keep = self.keep_column()
        return {name for name, group in self.groups.items() if group.checkedId() != keep}

    def choices(self) -> Choices:
        values = {name: group.checkedId() for name, group in self.groups.items()}
        return Choices(self.view.id, self.keep_column(), values)

    def choose(self, name: str, column: int) -> None:
        self.groups[name].button(column).setChecked(True)

    def choose_keep(self, column: int) -> None:
        self.keep_group.button(column).click()

    def value_text(self, name: str, column: int) -> str:
        row = next(row for row in self.view.fields if row.name == name)
        return self.shown(name, row.first if column == FIRST else row.second)

    def buttons(self) -> list[QAbstractButton]:
        """In the order Tab visits them: the registration kept, then field by field."""
        found = list(self.keep_group.buttons())
        for group in self.groups.values():
            found += group.buttons()
        return found

    # --- building ------------------------------------------------------------------------------

    def _people(self) -> tuple[Standing, Standing]:
        return (self.view.first, self.view.second)

    def _build(self, choices: Choices) -> None:
        grid = self._grid
        for column, standing in enumerate(self._people(), start=1):
            heading = bold(QLabel(f"{standing.name}\n{standing.registration_id}"))
            heading.setWordWrap(True)
            grid.addWidget(heading, 0, column)
        grid.addWidget(self._caption(self.tr("Keep")), 1, 0)
        for column in (FIRST, SECOND):
            button = QRadioButton(self.tr("Keep this registration"))
            button.setToolTip(
                self.tr("The registration kept: the other one becomes an alias that finds it")
            )
            self.keep_group.addButton(button, column)
            grid.addWidget(button, 1, column + 1)
        self.keep_group.button(choices.keep).setChecked(True)
        self.keep_group.idClicked.connect(self._keep_chosen)
        # What the reviewer decides on first: the values that differ, then what each
        # registration has recorded; the values both share come last.
        line = self._section(self.tr("Different in the two registrations"), 2)
        for row in self.view.fields:
            if not row.differs:
                continue
            caption = PERSON_FIELD_NAMES[row.name].in_language(self._language)
            name = self._caption(self.tr("≠ {field}").format(field=caption))
            name.setStyleSheet(DIFFERS_STYLE)
            grid.addWidget(name, line, 0)
            group = QButtonGroup(self)
            for column, value in enumerate((row.first, row.second)):
                text = self.shown(row.name, value)
                button = QRadioButton(_cut(text))
                button.setToolTip(text)
                button.setStyleSheet(DIFFERS_STYLE)
                group.addButton(button, column)
                grid.addWidget(button, line, column + 1)
            group.button(choices.values.get(row.name, choices.keep)).setChecked(True)
            self.groups[row.name] = group
            line += 1
        line = self._section(self.tr("What each registration has recorded"), line)
        for caption, words in self._recorded_rows():
            grid.addWidget(self._caption(caption), line, 0)
            for column, standing in enumerate(self._people(), start=1):
                said = QLabel(words(standing))
                said.setWordWrap(True)  # a list of what is still needed runs long
                grid.addWidget(said, line, column)
            line += 1
        line = self._section(self.tr("The same in both"), line)
        for row in self.view.fields:
            if row.differs:
                continue
            caption = PERSON_FIELD_NAMES[row.name].in_language(self._language)
            grid.addWidget(self._caption(caption), line, 0)
            for column, value in enumerate((row.first, row.second), start=1):
                grid.addWidget(self._value(self.shown(row.name, value)), line, column)
            line += 1
        grid.setRowStretch(line, 1)
        buttons = self.buttons()
        for before, after in pairwise(buttons):
            QWidget.setTabOrder(before, after)

    def _section(self, title: str, line: int) -> int:
        """A section's title across the three columns; returns the line after it."""
        heading = bold(QLabel(title))
        heading.setContentsMargins(0, 8, 0, 0)
        self._grid.addWidget(heading, line, 0, 1, 3)
        return line + 1

    def _caption(self, text: str) -> QLabel:
        caption = QLabel(text)
        caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return caption

    def _value(self, text: str) -> QLabel:
        value = value_label(_cut(text))
        value.setToolTip(text)
        return value

    def _keep_chosen(self, column: int) -> None:
        """The person kept brings their own values; then any value of the other is chosen."""
        for group in self.groups.values():
            group.button(column).setChecked(True)

    # --- words ---------------------------------------------------------------------------------

    def shown(self, name: str, value: object) -> str:
        """A stored value as the reviewer reads it: dates and codes in their language."""
        if value is None or value == "":
            return self.tr("(blank)")
        text = str(value)
        kind = KIND_OF_FIELD[name]
        if kind == "date":
            return display_date(date.fromisoformat(text))
        if kind == "a_number":
            return a_number_shown(text)
        if kind in ("sex", "case_status"):
            return label(text, self._language)
        if kind == "flags":
            return ", ".join(label(code, self._language) for code in text.split(";") if code)
        return " ".join(text.split())

    def _recorded_rows(self) -> list[tuple[str, Callable[[Standing], str]]]:
        language = self._language

        def arrived(standing: Standing) -> str:
            if standing.checked_in_at is None:
                return self.tr("No")
            moment = in_site_time(datetime.fromisoformat(standing.checked_in_at), self._timezone)
            return self.tr("Yes, {date} {time}").format(
                date=display_date(moment.date()),
                time=QLocale().toString(moment.time(), QLocale.FormatType.ShortFormat),
            )

        def still_needs(standing: Standing) -> str:
            blockers = standing.status.blockers
            if not blockers:
                return self.tr("Nothing")
            return "; ".join(label(blocker, language) for blocker in blockers)

        def roster(standing: Standing) -> str:
            if standing.roster_status is None:
                return self.tr("No")
            day = display_date(standing.roster_day)
            return f"{label(standing.roster_status, language)} {day}".strip()

        forms = {
            "none": self.tr("Not started"),
            "started": self.tr("Started"),
            "complete": self.tr("Complete"),
            "served": self.tr("Served on ICE"),
        }
        return [
            (self.tr("Checked in"), arrived),
            (self.tr("Screened"), lambda s: self.tr("Yes") if s.screened else self.tr("No")),
            (self.tr("Stage"), lambda s: label(s.status.stage, language)),
            (self.tr("Still needs"), still_needs),
            (self.tr("Form EOIR-33"), lambda s: forms[s.eoir33]),
            (self.tr("On a roster"), roster),
            (self.tr("Wristband"), lambda s: ", ".join(s.wristbands) or self.tr("None")),
        ]


def _cut(text: str) -> str:
    return text if len(text) <= SHOWN_CHARACTERS else f"{text[: SHOWN_CHARACTERS - 1]}…"


class DuplicatesPage(DeskPage):
    """The open possible duplicates, and the chosen pair side by side with its two decisions."""

    # How many pairs wait for review, for the workspace's tab title.
    count_changed = Signal(int)

    def __init__(
        self, session: Session, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(session, operations, parent)
        self.timezone = session.store.policy().site.timezone
        self._choices: Choices | None = None
        self._count = 0

        self.heading = bold(QLabel())
        self.model = DuplicatePairsModel(current_language())
        self.table = list_view(self.model, DuplicatePairsModel.COL_NAME)
        self.pair_caption = wrapped_label()
        self.panel: PairPanel | None = None
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.hint = wrapped_label()
        self.dismiss_button = QPushButton()
        self.merge_button = QPushButton()
        for button in (self.dismiss_button, self.merge_button):
            button.setAutoDefault(True)
        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty_font = QFont(self.empty_label.font())
        empty_font.setPointSizeF(empty_font.pointSizeF() * 1.3)
        self.empty_label.setFont(empty_font)
        self.message_label = page_message_line()

        self._layout()
        self._connect()
        self.retranslate()
        self.refresh()

    # --- building --------------------------------------------------------------------------------

    def _layout(self) -> None:
        detail = QWidget()
        actions = QHBoxLayout()
        actions.addWidget(self.dismiss_button)
        actions.addWidget(self.merge_button)
        actions.addStretch(1)
        column = QVBoxLayout(detail)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.pair_caption)
        column.addWidget(self.scroll, 1)
        column.addWidget(self.hint)
        column.addLayout(actions)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        # The pair side by side needs the room: two values on each line, beside the field's name.
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([2 * SPLIT_UNIT, 3 * SPLIT_UNIT])
        splitter.setChildrenCollapsible(False)
        self.stack = QStackedWidget()
        self.stack.addWidget(splitter)
        self.stack.addWidget(self.empty_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.message_label)

    def _connect(self) -> None:
        self.table.selectionModel().currentRowChanged.connect(self._show_selected)
        self.dismiss_button.clicked.connect(self.not_the_same_person)
        self.merge_button.clicked.connect(self.same_person)

    # --- reading ---------------------------------------------------------------------------------

    def open_count(self) -> int:
        return self._count

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(*REVIEW_KINDS):
            self.refresh()

    def refresh(self) -> None:
        """Re-read the open pairs, keeping the pair (and the choices) the reviewer was on."""
        store = self.session.store
        self.timezone = store.policy().site.timezone
        chosen = self.selected_pair_id()
        self.model.set_pairs(open_pairs(store))
        count = self.model.rowCount()
        if count != self._count:
            self._count = count
            self.count_changed.emit(count)
        self.stack.setCurrentIndex(0 if count else 1)
        self._retranslate_heading()
        self.select_pair(chosen)

    def select_pair(self, pair_id: str | None) -> None:
        """The same pair again, or the one waiting longest."""
        row = self.model.row_of(pair_id) if pair_id else None
        if row is None and self.model.rowCount():
            row = 0
        # A new current row is shown by `_show_selected`, called by the selection's signal.
        if current_row(self.table, row):
            self._show_selected()

    def selected_pair_id(self) -> str | None:
        index = self.table.selectionModel().currentIndex()
        return index.data(DuplicatePairsModel.PairIdRole) if index.isValid() else None

    def _show_selected(self) -> None:
        pair_id = self.selected_pair_id()
        if self.panel is not None:
            self._choices = self.panel.choices()
        view = None
        if pair_id is not None:
            try:
                view = pair_view(self.session.store, self.session.actor, pair_id)
            except UserError as error:
                self.message_label.refused(error)
        self._show_view(view)

    def _show_view(self, view: PairView | None) -> None:
        """Draw a pair as read (a language change draws it again without reading the site:
        after a restore, the old session is closed while its screens still get the event)."""
        if view is None:
            self.panel = None
            gone = self.scroll.takeWidget()
            if gone is not None:
                gone.deleteLater()
            self.pair_caption.clear()
            self._enable_actions()
            return
        self.panel = PairPanel(view, self._choices_for(view), self.timezone)
        self.scroll.setWidget(self.panel)  # the panel shown before is deleted with it
        chain = [self.table, *self.panel.buttons(), self.dismiss_button, self.merge_button]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)
        self._retranslate_pair()
        self._enable_actions()

    def _choices_for(self, view: PairView) -> Choices:
        """The reviewer's choices on this pair if it is the one they were on; else the person
        suggested kept, with their own values."""
        keep = FIRST if view.suggested_keep == view.first.id else SECOND
        kept = self._choices
        if kept is None or kept.pair_id != view.id:
            return Choices(view.id, keep, {})
        return Choices(view.id, kept.keep, dict(kept.values))

    def _enable_actions(self) -> None:
        actor = self.session.actor
        chosen = self.panel is not None
        for button, action in (
            (self.dismiss_button, Action.REVIEW_DUPLICATES),
            (self.merge_button, Action.MERGE_PEOPLE),
        ):
            refused = refusal_text(actor, action)
            button.setEnabled(chosen and refused is None)
            button.setToolTip(refused or "")

    # --- deciding --------------------------------------------------------------------------------

    def not_the_same_person(self) -> None:
        panel = self.panel
        if panel is None:
            return
        store, actor = self.session.store, self.session.actor
        first, second = panel.view.first, panel.view.second
        done = self.operations.run(
            lambda: dismiss(store, actor, panel.view.id), self.message_label.refused
        )
        if done is None:
            return
        self.message_label.say(
            Tone.GOOD,
            lambda: self.tr("Not the same person: {first} and {second} stay apart.").format(
                first=first.registration_id, second=second.registration_id
            ),
        )
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def same_person(self) -> None:
        panel = self.panel
        if panel is None or not self._confirm_merge(panel):
            return
        self._merge(panel, confirmed=False)

    def _merge(self, panel: PairPanel, confirmed: bool) -> None:
        store, actor = self.session.store, self.session.actor
        pair_id, keep, take = panel.view.id, panel.keep_id(), panel.take_other()
        kept, other = panel.kept().registration_id, panel.other().registration_id
        again: list[MergeNeedsConfirmation] = []

        def refused(error: UserError) -> None:
            if isinstance(error, MergeNeedsConfirmation) and not confirmed:
                again.append(error)
            else:
                self.message_label.refused(error)

        done = self.operations.run(
            lambda: merge(store, actor, pair_id, keep, take, confirmed=confirmed), refused
        )
        if again:
            if self._confirm_again(again[0]):
                self._merge(panel, confirmed=True)
            return
        if done is None:
            return
        self.message_label.say(
            Tone.GOOD,
            lambda: self.tr("Merged: {other} now finds {kept}.").format(other=other, kept=kept),
        )
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _confirm_merge(self, panel: PairPanel) -> bool:
        """What the merge keeps, said before anything is written."""
        kept, other = panel.kept(), panel.other()
        lines = [
            self.tr("Kept: {name} ({registration}).").format(
                name=kept.name, registration=kept.registration_id
            )
        ]
        taken = [row.name for row in panel.view.fields if row.name in panel.take_other()]
        if taken:
            lines.append(
                self.tr("Values taken from {registration}:").format(
                    registration=other.registration_id
                )
            )
            column = 1 - panel.keep_column()
            lines += [
                f"  • {PERSON_FIELD_NAMES[name].in_language(current_language())}: "
                f"{panel.value_text(name, column)}"
                for name in taken
            ]
        else:
            lines.append(
                self.tr("No value is taken from {registration}.").format(
                    registration=other.registration_id
                )
            )
        lines.append(
            self.tr(
                "Every check-in, screening, form, wristband and seat of both registrations "
                "stays with the person kept; {registration} will still find them."
            ).format(registration=other.registration_id)
        )
        return self._ask(
            QMessageBox.Icon.Question,
            self.tr("Merge {other} into {kept}?").format(
                other=other.registration_id, kept=kept.registration_id
            ),
            "\n".join(lines),
            self.tr("&Merge"),
            default_accept=True,
        )

    def _confirm_again(self, error: MergeNeedsConfirmation) -> bool:
        return self._ask(
            QMessageBox.Icon.Warning,
            self.tr("Both registrations already have records"),
            localized(error),
            self.tr("Merge &anyway"),
            default_accept=False,
        )

    def _ask(
        self, icon: QMessageBox.Icon, text: str, details: str, accept: str, default_accept: bool
    ) -> bool:
        box = QMessageBox(icon, self.tr("Same person: merge"), text, parent=self)
        box.setInformativeText(details)
        merge_button = box.addButton(accept, QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(merge_button if default_accept else cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is merge_button

    # --- text ------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.model.set_language(current_language())
        self.dismiss_button.setText(self.tr("&Not the same person"))
        self.merge_button.setText(self.tr("&Same person: merge…"))
        self.empty_label.setText(self.tr("No possible duplicates to review"))
        self.hint.setText(
            self.tr(
                "Choose the registration to keep, then, on each field marked ≠, the value to "
                "keep. A merge keeps every fact of both registrations."
            )
        )
        self._retranslate_heading()
        if self.panel is not None:
            self._choices = self.panel.choices()
            self._show_view(self.panel.view)
        self._enable_actions()

    def _retranslate_heading(self) -> None:
        self.heading.setText(
            self.tr("Possible duplicates waiting for review: {count}").format(
                count=QLocale().toString(self._count)
            )
        )

    def _retranslate_pair(self) -> None:
        if self.panel is None:
            return
        view = self.panel.view
        self.pair_caption.setText(
            self.tr(
                "Found on {date}: alike names ({score} %), same birth date. {count} fields differ."
            ).format(
                date=display_date(datetime.fromisoformat(view.found_at).date()),
                score=QLocale().toString(view.score),
                count=QLocale().toString(len(view.differing)),
            )
        )
