"""Importing a registration list in the app, step by step: the file as read, what each of its
columns is, what the import would do, the import itself, and what it did.

A coordinator is not a terminal user, and partners' lists rarely carry our headers: the page
shows how the file was read before anything else, lets the person say what no rule can guess
(and keep it as a profile, so next week's export of the same form needs nothing), checks the
whole file exactly as the import will, and only then imports. Reading, checking and importing
run off the UI thread, each on a connection of its own, so the desk goes on checking people
in; the check and the import report their progress through a signal (a Qt object living on
the UI thread: the worker never touches a widget) and stop at Cancel, writing nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from enum import Enum, IntEnum
from functools import partial
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QLocale, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from staging.changes import Changes, Done, Kind
from staging.errors import UserError
from staging.registration.mapping import ColumnMapping
from staging.registration.preview import FilePreview, ImportPreview, preview_file, preview_import
from staging.registration.profiles import (
    NAME_LENGTH,
    ColumnChoice,
    ImportProfile,
    import_profiles,
    profile_for,
    save_profile,
)
from staging.registration.service import (
    IMPORT_CHANGES,
    ImportCancelled,
    ImportSummary,
    ImportWatch,
    import_registrations,
)
from staging.security.access import Session
from ui.language import current_language
from ui.models.import_models import ColumnsModel, FileRowsModel, WordsModel, field_words
from ui.operations import Operations
from ui.widgets.badges import Tone
from ui.widgets.captions import buddy_label
from ui.widgets.checked_field import ERROR_STYLE
from ui.widgets.choice_delegate import ChoiceDelegate, chain_focus, open_choices
from ui.widgets.message_line import MessageLine
from ui.widgets.messages import localized

FILE_TYPES = "*.csv *.txt *.tsv *.xlsx"
MESSAGE_SCALE = 1.0
MUTED_STYLE = "color: #5a5a5a;"


class Page(IntEnum):
    """The stacked pages; the import runs on the check's page."""

    FILE = 0
    COLUMNS = 1
    CHECK = 2
    SUMMARY = 3


class Task(Enum):
    READING = "reading"
    CHECKING = "checking"
    IMPORTING = "importing"


class ProgressRelay(QObject):
    """Made on the UI thread, so a worker's `progressed.emit` is queued to it, never run on
    the worker's thread."""

    progressed = Signal(str, int)


def wrapped(style: str = "") -> QLabel:
    """A label that wraps and never widens the page (a long file name must not push the
    window past 1280 pixels); plain text, since it may show what a file says."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    if style:
        label.setStyleSheet(style)
    return label


def value_label() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def bold(label: QLabel) -> QLabel:
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def table_view() -> QTableView:
    view = QTableView()
    view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    return view


class ImportPage(QWidget):
    """Choose a file → its columns → check the whole file → import → the summary."""

    # "Review possible duplicates": the workspace shows its duplicates page.
    review_duplicates = Signal()

    def __init__(
        self, session: Session, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.operations = operations
        operations.changed.connect(self.on_changes)
        self._folder = Path.home()
        self._path: Path | None = None
        self._file: FilePreview | None = None
        self._profiles: list[ImportProfile] = []
        self._found_profile: ImportProfile | None = None  # the one made for these headers
        self._profile: ImportProfile | None = None  # the one the columns started from
        self._baseline: ColumnMapping | None = None  # the mapping as that profile left it
        self._words: dict[str, dict[str, str]] = {}
        self._preview: ImportPreview | None = None
        self._checked: ColumnChoice | None = None  # what the preview was made with
        self._summary: ImportSummary | None = None
        self._task: Task | None = None
        self._cancel: threading.Event | None = None
        self._relay: ProgressRelay | None = None
        self._progress: tuple[str, int] | None = None
        self._row_total = 0  # the file's rows, once a check has counted them
        self._round = 0  # a check's result only counts for the round it was started in
        self.file_model = FileRowsModel()
        self.columns_model = ColumnsModel()
        self.words_model = WordsModel()
        self.columns_model.decided.connect(self._columns_decided)
        self.words_model.decided.connect(self._show_import_button)
        self._build()
        self._keyboard()
        self.refresh()
        self.retranslate()
        self._go(Page.FILE)

    # --- building --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.step_labels = [QLabel() for _ in range(5)]
        steps = QHBoxLayout()
        for step in self.step_labels:
            steps.addWidget(step)
        steps.addStretch(1)
        self.message = MessageLine(MESSAGE_SCALE)
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.stack = QStackedWidget()
        for page in (
            self._build_file_page(),
            self._build_columns_page(),
            self._build_check_page(),
            self._build_summary_page(),
        ):
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.addLayout(steps)
        layout.addWidget(self.message)
        layout.addWidget(self.stack, 1)

    def _build_file_page(self) -> QWidget:
        self.file_intro = wrapped()
        self.choose_button = QPushButton()
        self.reading_bar = QProgressBar()
        self.reading_bar.setRange(0, 0)
        self.reading_bar.setTextVisible(False)
        self.reading_bar.setVisible(False)
        self.file_value, self.encoding_value, self.delimiter_value = (
            value_label(),
            value_label(),
            value_label(),
        )
        self.sheet_value, self.header_row_value = value_label(), value_label()
        self.file_caption, self.encoding_caption, self.delimiter_caption = (
            QLabel(),
            QLabel(),
            QLabel(),
        )
        self.sheet_caption, self.header_row_caption = QLabel(), QLabel()
        self.file_value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.found_box = QGroupBox()
        self.found_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        found = QVBoxLayout(self.found_box)
        grid = QGridLayout()
        pairs = (
            (self.file_caption, self.file_value),
            (self.encoding_caption, self.encoding_value),
            (self.delimiter_caption, self.delimiter_value),
            (self.sheet_caption, self.sheet_value),
            (self.header_row_caption, self.header_row_value),
        )
        for number, (caption, value) in enumerate(pairs):
            row, pair = divmod(number, 3)
            grid.addWidget(caption, row, 2 * pair)
            grid.addWidget(value, row, 2 * pair + 1)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        grid.setColumnStretch(5, 2)
        found.addLayout(grid)
        self.hxl_label = wrapped()
        self.read_warnings = wrapped(f"color: {Tone.WAITING.value[1]};")
        found.addWidget(self.hxl_label)
        found.addWidget(self.read_warnings)
        self.rows_caption = QLabel()
        self.rows_view = table_view()
        self.rows_view.setModel(self.file_model)
        self.rows_view.horizontalHeader().setDefaultSectionSize(150)
        # A long Kobo header shows its start (its group); the whole of it is the tip.
        self.rows_view.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.rows_caption.setBuddy(self.rows_view)
        self.next_button = QPushButton()
        top = QHBoxLayout()
        top.addWidget(self.choose_button)
        top.addWidget(self.reading_bar, 1)
        top.addStretch(0)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.next_button)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.file_intro)
        layout.addLayout(top)
        self.file_details = QWidget()
        details = QVBoxLayout(self.file_details)
        details.setContentsMargins(0, 0, 0, 0)
        details.addWidget(self.found_box)
        details.addWidget(self.rows_caption)
        details.addWidget(self.rows_view, 1)
        layout.addWidget(self.file_details, 1)
        layout.addStretch(0)  # holds the page together before a file is chosen
        layout.addLayout(bottom)
        return page

    def _build_columns_page(self) -> QWidget:
        self.profile_found_label = wrapped()
        self.profile_box = QComboBox()
        self.profile_box.setMinimumContentsLength(24)
        self.profile_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.profile_caption = buddy_label(self.profile_box)
        self.columns_view = table_view()
        self.columns_view.setModel(self.columns_model)
        self.columns_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.columns_view.setTabKeyNavigation(False)
        self.columns_view.setItemDelegateForColumn(
            ColumnsModel.COL_CHOICE, ChoiceDelegate(self.columns_view)
        )
        header = self.columns_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ColumnsModel.COL_EXAMPLES, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(ColumnsModel.COL_HEADER, 300)
        header.resizeSection(ColumnsModel.COL_CHOICE, 320)
        header.resizeSection(ColumnsModel.COL_STATUS, 230)
        self.columns_view.verticalHeader().setVisible(False)
        self.columns_view.verticalHeader().setDefaultSectionSize(QComboBox().sizeHint().height())
        self.column_problems = wrapped(ERROR_STYLE)
        self.save_check = QCheckBox()
        self.profile_name = QLineEdit()
        self.profile_name.setMaxLength(NAME_LENGTH)
        self.profile_name.setEnabled(False)
        self.back_to_file_button = QPushButton()
        self.check_button = QPushButton()
        profile_row = QHBoxLayout()
        profile_row.addWidget(self.profile_found_label, 1)
        profile_row.addWidget(self.profile_caption)
        profile_row.addWidget(self.profile_box)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_check)
        save_row.addWidget(self.profile_name, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_to_file_button)
        bottom.addStretch(1)
        bottom.addWidget(self.check_button)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(profile_row)
        layout.addWidget(self.columns_view, 1)
        layout.addWidget(self.column_problems)
        layout.addLayout(save_row)
        layout.addLayout(bottom)
        return page

    def _build_check_page(self) -> QWidget:
        self.progress_label = QLabel()
        self.progress_bar = QProgressBar()
        self.cancel_button = QPushButton()
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress_label)
        progress_row.addWidget(self.progress_bar, 1)
        progress_row.addWidget(self.cancel_button)
        self.progress_box = QWidget()
        self.progress_box.setLayout(progress_row)
        progress_row.setContentsMargins(0, 0, 0, 0)

        self.results_box = QGroupBox()
        self.would_add, self.would_update, self.would_keep, self.would_reject, self.row_count = (
            bold(value_label()) for _ in range(5)
        )
        self.add_caption, self.update_caption, self.keep_caption, self.reject_caption = (
            QLabel() for _ in range(4)
        )
        self.rows_count_caption = QLabel()
        counts = QFormLayout()
        for caption, value in (
            (self.add_caption, self.would_add),
            (self.update_caption, self.would_update),
            (self.keep_caption, self.would_keep),
            (self.reject_caption, self.would_reject),
            (self.rows_count_caption, self.row_count),
        ):
            counts.addRow(caption, value)
        self.results_details = wrapped()
        self.results_details.setAlignment(Qt.AlignmentFlag.AlignTop)
        details = QScrollArea()
        details.setWidgetResizable(True)
        details.setFrameShape(QScrollArea.Shape.NoFrame)
        details.setWidget(self.results_details)
        results = QVBoxLayout(self.results_box)
        results.addLayout(counts)
        results.addWidget(details, 1)

        self.words_box = QGroupBox()
        self.words_intro = wrapped()
        self.words_view = table_view()
        self.words_view.setModel(self.words_model)
        self.words_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.words_view.setTabKeyNavigation(False)
        self.words_view.setItemDelegateForColumn(
            WordsModel.COL_CODE, ChoiceDelegate(self.words_view)
        )
        words_header = self.words_view.horizontalHeader()
        words_header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        words_header.setSectionResizeMode(WordsModel.COL_WORD, QHeaderView.ResizeMode.Stretch)
        words_header.resizeSection(WordsModel.COL_FIELD, 150)
        words_header.resizeSection(WordsModel.COL_CODE, 260)
        self.words_view.verticalHeader().setVisible(False)
        self.words_view.verticalHeader().setDefaultSectionSize(QComboBox().sizeHint().height())
        self.check_again_button = QPushButton()
        words = QVBoxLayout(self.words_box)
        words.addWidget(self.words_intro)
        words.addWidget(self.words_view, 1)
        again_row = QHBoxLayout()
        again_row.addStretch(1)
        again_row.addWidget(self.check_again_button)
        words.addLayout(again_row)

        self.back_to_columns_button = QPushButton()
        self.import_hint = wrapped(MUTED_STYLE)
        self.import_hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.import_button = QPushButton()
        middle = QHBoxLayout()
        middle.addWidget(self.results_box, 1)
        middle.addWidget(self.words_box, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_to_columns_button)
        bottom.addWidget(self.import_hint, 1)
        bottom.addWidget(self.import_button)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress_box)
        layout.addLayout(middle, 1)
        layout.addLayout(bottom)
        return page

    def _build_summary_page(self) -> QWidget:
        self.summary_box = QGroupBox()
        self.added_value, self.updated_value, self.unchanged_value, self.rejected_value = (
            bold(value_label()) for _ in range(4)
        )
        self.duplicates_value, self.households_value = bold(value_label()), bold(value_label())
        self.added_caption, self.updated_caption, self.unchanged_caption = (
            QLabel() for _ in range(3)
        )
        self.rejected_caption, self.duplicates_caption, self.households_caption = (
            QLabel() for _ in range(3)
        )
        counts = QFormLayout()
        for caption, value in (
            (self.added_caption, self.added_value),
            (self.updated_caption, self.updated_value),
            (self.unchanged_caption, self.unchanged_value),
            (self.rejected_caption, self.rejected_value),
            (self.duplicates_caption, self.duplicates_value),
            (self.households_caption, self.households_value),
        ):
            counts.addRow(caption, value)
        self.summary_details = wrapped()
        self.summary_details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        summary = QVBoxLayout(self.summary_box)
        summary.addLayout(counts)
        summary.addWidget(self.summary_details)
        summary.addStretch(1)
        self.rejects_button = QPushButton()
        self.duplicates_button = QPushButton()
        self.another_button = QPushButton()
        buttons = QHBoxLayout()
        buttons.addWidget(self.rejects_button)
        buttons.addWidget(self.duplicates_button)
        buttons.addStretch(1)
        buttons.addWidget(self.another_button)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary_box, 1)
        layout.addLayout(buttons)
        return page

    def _keyboard(self) -> None:
        """Ctrl+O chooses a file from any step, Ctrl+Enter checks, Esc stops what runs; each
        step's buttons carry an Alt+letter and Enter presses the focused one."""
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(True)
        self.choose_button.clicked.connect(self.choose_file)
        self.next_button.clicked.connect(lambda: self._go(Page.COLUMNS))
        self.profile_box.activated.connect(self._profile_chosen)
        self.save_check.toggled.connect(self._save_toggled)
        self.profile_name.textChanged.connect(lambda _text: self._show_column_problems())
        self.profile_name.returnPressed.connect(self.check)
        self.back_to_file_button.clicked.connect(lambda: self._go(Page.FILE))
        self.check_button.clicked.connect(self.check)
        self.cancel_button.clicked.connect(self.cancel)
        self.check_again_button.clicked.connect(self.check)
        self.back_to_columns_button.clicked.connect(lambda: self._go(Page.COLUMNS))
        self.import_button.clicked.connect(self.start_import)
        self.rejects_button.clicked.connect(self.open_rejects)
        self.duplicates_button.clicked.connect(lambda: self.review_duplicates.emit())
        self.another_button.clicked.connect(self.start_over)
        self.shortcuts: list[QShortcut] = []
        for keys, slot in (
            ("Ctrl+O", self.choose_file),
            ("Ctrl+Return", self.check),
            ("Ctrl+Enter", self.check),
            ("Escape", self.cancel),
        ):
            shortcut = QShortcut(QKeySequence(keys), self, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.shortcuts.append(shortcut)
        # Esc belongs to the page only while something can be stopped.
        self.escape_shortcut = self.shortcuts[-1]
        self.escape_shortcut.setEnabled(False)

    # --- text ------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        language = current_language()
        for model in (self.columns_model, self.words_model):
            model.set_language(language)
        self.file_intro.setText(
            self.tr(
                "Choose a registration list (CSV or Excel, as a partner or KoboToolbox exports"
                " it). Nothing is imported until the last step."
            )
        )
        self.choose_button.setText(self.tr("&Choose a file… (Ctrl+O)"))
        self.found_box.setTitle(self.tr("How the file was read"))
        self.file_caption.setText(self.tr("File:"))
        self.encoding_caption.setText(self.tr("Encoding:"))
        self.delimiter_caption.setText(self.tr("Delimiter:"))
        self.sheet_caption.setText(self.tr("Worksheet:"))
        self.header_row_caption.setText(self.tr("Header row:"))
        self.rows_caption.setText(self.tr("The first rows, as read:"))
        self.next_button.setText(self.tr("&Next: the columns"))

        self.profile_caption.setText(self.tr("Use a &profile:"))
        self.save_check.setText(self.tr("&Save this mapping as a profile named:"))
        self.profile_name.setPlaceholderText(self.tr("e.g. Kobo — Al Otro Lado registration"))
        self.back_to_file_button.setText(self.tr("&Back"))
        self.check_button.setText(self.tr("Check the &whole file (Ctrl+Enter)"))

        self.cancel_button.setText(self.tr("Cancel (Esc)"))
        self.results_box.setTitle(self.tr("What the import would do"))
        self.add_caption.setText(self.tr("New people:"))
        self.update_caption.setText(self.tr("People updated:"))
        self.keep_caption.setText(self.tr("Left unchanged:"))
        self.reject_caption.setText(self.tr("Rows rejected:"))
        self.rows_count_caption.setText(self.tr("Rows in the file:"))
        self.words_box.setTitle(self.tr("Words this list uses its own way"))
        self.words_intro.setText(
            self.tr(
                "No rule knows these words, so their rows would be rejected. Say what each"
                " means, then check again."
            )
        )
        self.check_again_button.setText(self.tr("Check &again (Ctrl+Enter)"))
        self.back_to_columns_button.setText(self.tr("&Back to the columns"))

        self.summary_box.setTitle(self.tr("Imported"))
        self.added_caption.setText(self.tr("New people:"))
        self.updated_caption.setText(self.tr("People updated:"))
        self.unchanged_caption.setText(self.tr("Left unchanged:"))
        self.rejected_caption.setText(self.tr("Rows rejected:"))
        self.duplicates_caption.setText(self.tr("Possible duplicates found:"))
        self.households_caption.setText(self.tr("Households in the list:"))
        self.rejects_button.setText(self.tr("&Open the rejects file"))
        self.duplicates_button.setText(self.tr("&Review possible duplicates"))
        self.another_button.setText(self.tr("Import &another file"))

        self._show_profiles()
        self._show_file()
        self._show_column_problems()
        self._show_progress()
        self._show_preview()
        self._show_summary()
        self._show_steps()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _step_names(self) -> list[str]:
        return [
            self.tr("1. File"),
            self.tr("2. Columns"),
            self.tr("3. Check"),
            self.tr("4. Import"),
            self.tr("5. Summary"),
        ]

    def _show_steps(self) -> None:
        page = Page(self.stack.currentIndex())
        current = {Page.FILE: 0, Page.COLUMNS: 1, Page.CHECK: 2, Page.SUMMARY: 4}[page]
        if self._task is Task.IMPORTING:
            current = 3
        background, foreground = Tone.DONE.value
        for number, (step, name) in enumerate(
            zip(self.step_labels, self._step_names(), strict=True)
        ):
            step.setText(("➜ " if number == current else "") + name)
            step.setStyleSheet(
                f"background: {background}; color: {foreground}; font-weight: bold;"
                " border-radius: 4px; padding: 3px 8px;"
                if number == current
                else f"{MUTED_STYLE} padding: 3px 8px;"
            )

    # --- data ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """The site's profiles, read again (another desk may have saved one)."""
        self._profiles = import_profiles(self.session.store)
        self._show_profiles()

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(Kind.IMPORTS):
            self.refresh()

    def _show_profiles(self) -> None:
        """The profile drop-down, keeping the one in use."""
        box = self.profile_box
        box.blockSignals(True)
        try:
            box.clear()
            box.addItem(self.tr("— none: the rules alone —"), None)
            for profile in self._profiles:
                box.addItem(profile.name, profile.name)
            chosen = self._profile.name if self._profile else None
            box.setCurrentIndex(max(0, box.findData(chosen)) if chosen else 0)
        finally:
            box.blockSignals(False)
        if self._file is None:
            self.profile_found_label.setText("")
        elif self._found_profile is not None:
            self.profile_found_label.setText(
                self.tr("Profile for these headers: {name}").format(name=self._found_profile.name)
            )
        else:
            self.profile_found_label.setText(
                self.tr(
                    "No profile was made for these headers yet: the rules decided what they could."
                )
            )

    # --- step 1: the file ------------------------------------------------------------------------

    def choose_file(self) -> None:
        if self._task is not None:
            return
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a registration list"),
            str(self._folder),
            self.tr("Registration lists ({types});;All files (*)").format(types=FILE_TYPES),
        )
        if not chosen:
            return
        path = Path(chosen)
        self._folder = path.parent
        self._start(
            Task.READING,
            lambda: Done(preview_file(path)),
            lambda preview: self._file_read(path, preview),
            self._file_refused,
        )

    def _file_read(self, path: Path, preview: FilePreview) -> None:
        """A new file: everything decided about the previous one is forgotten."""
        self._end_task()
        self.message.clear()
        self._path, self._file = path, preview
        self._preview = self._checked = self._summary = None
        self._row_total = 0
        self._round += 1
        self.file_model.set_rows(preview.headers, preview.rows, preview.hxl_tags)
        self.columns_model.set_file(preview.headers, preview.rows)
        self.words_model.set_words({})
        self._found_profile = profile_for(self.session.store, preview.headers)
        self._use_profile(self._found_profile)
        self._open_column_choices()
        self._show_file()
        self._show_preview()
        self._go(Page.FILE)
        self.next_button.setFocus()

    def _file_refused(self, error: UserError) -> None:
        """Said in the user's language; the file shown before (if any) stays as it was."""
        self._end_task()
        self.message.refused(error)
        self.choose_button.setFocus()

    def _show_file(self) -> None:
        preview = self._file
        self.file_details.setVisible(preview is not None)
        self.next_button.setEnabled(preview is not None and self._task is None)
        if preview is None:
            return
        self.file_value.setText(Path(preview.file).name)
        self.file_value.setToolTip(preview.file)
        workbook = bool(preview.sheet)
        self.encoding_value.setText(
            self.tr("— (Excel workbook)") if workbook else self._encoding_words(preview.encoding)
        )
        self.delimiter_value.setText(
            self.tr("— (Excel workbook)") if workbook else self._delimiter_words(preview.delimiter)
        )
        self.sheet_value.setText(preview.sheet or self.tr("— (text file)"))
        self.header_row_value.setText(QLocale().toString(preview.header_row))
        self.hxl_label.setVisible(preview.hxl_tags is not None)
        self.hxl_label.setText(
            self.tr("HXL tag row found (row {row}), not imported.").format(
                row=QLocale().toString(preview.header_row + 1)
            )
        )
        self.read_warnings.setVisible(bool(preview.warnings))
        self.read_warnings.setText("\n".join(f"⚠ {localized(w)}" for w in preview.warnings))

    def _encoding_words(self, encoding: str) -> str:
        return {
            "utf-8": self.tr("UTF-8"),
            "utf-8-sig": self.tr("UTF-8 (with a byte-order mark)"),
            "utf-16": self.tr("UTF-16"),
            "cp1252": self.tr("Windows-1252 (older Excel)"),
        }.get(encoding, encoding)

    def _delimiter_words(self, delimiter: str) -> str:
        return {
            ",": self.tr("comma ,"),
            ";": self.tr("semicolon ;"),
            "\t": self.tr("tab"),
            "|": self.tr("vertical bar |"),
        }.get(delimiter, delimiter)

    # --- step 2: the columns ---------------------------------------------------------------------

    def _open_column_choices(self) -> None:
        """The drop-downs, reached with Tab between the profile's and the save box."""
        boxes = open_choices(self.columns_view, ColumnsModel.COL_CHOICE)
        chain_focus([self.profile_box, *boxes, self.save_check])

    def _profile_chosen(self, row: int) -> None:
        name = self.profile_box.itemData(row)
        chosen = next((p for p in self._profiles if p.name == name), None)
        self._use_profile(chosen)
        self._columns_decided()

    def _use_profile(self, profile: ImportProfile | None) -> None:
        """Start the columns again from `profile` (or the rules alone)."""
        mapping = profile.mapping if profile else ColumnMapping()
        self._profile = profile
        self._words = {name: dict(words) for name, words in mapping.words.items()}
        self.columns_model.apply(mapping)
        self._baseline = self.columns_model.mapping(self._words)
        self.profile_name.setText(profile.name if profile else "")
        self._show_profiles()
        self._show_column_problems()

    def _save_toggled(self, checked: bool) -> None:
        self.profile_name.setEnabled(checked)
        if checked:
            self.profile_name.setFocus()
        self._show_column_problems()

    def _merged_words(self) -> dict[str, dict[str, str]]:
        """The words the columns started with or were checked with, and those just chosen."""
        words = {name: dict(pairs) for name, pairs in self._words.items()}
        for name, pairs in self.words_model.words().items():
            words.setdefault(name, {}).update(pairs)
        return words

    def _columns_decided(self) -> None:
        """A change of column makes the last check stale."""
        self._round += 1
        self._preview = self._checked = None
        self.words_model.set_words({})
        self._show_column_problems()
        self._show_preview()

    def column_choice(self) -> ColumnChoice:
        """How the import is to read the columns: by the profile's name when nothing differs
        from it (the summary then names it), else by the page's own mapping."""
        mapping = self.columns_model.mapping(self._merged_words())
        if self._profile is not None and mapping == self._baseline:
            return ColumnChoice(profile=self._profile.name)
        return ColumnChoice(mapping=mapping)

    def _column_problems(self) -> list[str]:
        """Why the whole file cannot be checked yet, in words; none when it can."""
        problems: list[str] = []
        language = current_language()
        missing = self.columns_model.missing_required()
        if missing:
            problems.append(
                self.tr("Required, and still without a column: {fields}.").format(
                    fields=", ".join(field_words(name, language) for name in missing)
                )
            )
        for name, headers in self.columns_model.clashes().items():
            problems.append(
                self.tr("Two columns cannot both be {field}: {headers}. Leave one out.").format(
                    field=field_words(name, language),
                    headers=", ".join(f"“{header}”" for header in headers),
                )
            )
        if self.save_check.isChecked() and not self.profile_name.text().strip():
            problems.append(self.tr("Type a name for the profile, or untick “Save”."))
        return problems

    def _show_column_problems(self) -> None:
        problems = self._column_problems() if self._file is not None else []
        self.column_problems.setVisible(bool(problems))
        self.column_problems.setText("\n".join(f"✖ {problem}" for problem in problems))
        self.check_button.setEnabled(self._file is not None and not problems and self._task is None)

    # --- step 3: the check -----------------------------------------------------------------------

    def check(self) -> None:
        """Check the whole file with the columns as they are now (also "Check again")."""
        if self._task is not None or self._file is None or self._path is None:
            return
        if Page(self.stack.currentIndex()) not in (Page.COLUMNS, Page.CHECK):
            return
        if self._column_problems():
            self._go(Page.COLUMNS)
            return
        self._words = self._merged_words()
        choice = self.column_choice()
        session, path = self.session, self._path
        watch = self._watch()
        self._round += 1
        started = self._round

        def work() -> Done[ImportPreview]:
            own = session.on_new_connection()
            try:
                return Done(preview_import(own.store, own.actor, path, choice, watch))
            finally:
                own.close()

        self._go(Page.CHECK)
        self._start(
            Task.CHECKING,
            work,
            lambda preview: self._checked_file(started, choice, preview),
            self._check_failed,
        )

    def _watch(self) -> ImportWatch:
        """Progress through a signal to this page; Cancel through an event the worker polls."""
        self._cancel = threading.Event()
        self._relay = ProgressRelay()
        self._relay.progressed.connect(self._progressed)
        self._progress = None
        return ImportWatch(self._relay.progressed.emit, self._cancel.is_set)

    def _checked_file(self, started: int, choice: ColumnChoice, preview: ImportPreview) -> None:
        self._end_task()
        if started != self._round:  # the columns changed meanwhile: this answer is stale
            return
        self.message.clear()
        self._preview, self._checked = preview, choice
        self._row_total = preview.rows
        self.words_model.set_words(preview.unknown_words)
        boxes = open_choices(self.words_view, WordsModel.COL_CODE)
        chain_focus([*boxes, self.check_again_button])
        self._show_preview()
        if boxes:
            boxes[0].setFocus()
        else:
            self.import_button.setFocus()

    def _check_failed(self, error: UserError) -> None:
        self._end_task()
        if isinstance(error, ImportCancelled):
            self.message.say(Tone.WAITING, lambda: self.tr("The check was stopped."))
        else:
            self.message.refused(error)
        self._show_preview()

    def _show_preview(self) -> None:
        preview = self._preview
        shown = preview is not None
        self.results_box.setVisible(shown)
        self.words_box.setVisible(shown and self.words_model.rowCount() > 0)
        self._show_import_button()
        if preview is None:
            return
        summary = preview.summary
        number = QLocale().toString
        self.would_add.setText(number(summary.imported))
        self.would_update.setText(number(summary.updated))
        self.would_keep.setText(number(summary.unchanged))
        self.would_reject.setText(number(summary.rejected))
        self.row_count.setText(number(preview.rows))
        lines: list[str] = []
        if preview.reasons:
            lines.append(self.tr("Why rows would be rejected:"))
            for reason in preview.reasons:
                example = localized(reason.example)
                lines.append(
                    f"• {example}"
                    if reason.rows == 1
                    else self.tr("• {count} rows, such as {example}").format(
                        count=number(reason.rows), example=example
                    )
                )
            lines.append(
                self.tr(
                    "They will go to a rejects file beside the list, each with its reason, to"
                    " correct and import again."
                )
            )
        lines.extend(self._read_notes(summary))
        self.results_details.setText("\n".join(lines))

    def _read_notes(self, summary: ImportSummary) -> list[str]:
        """What the check and the import both say besides the counts."""
        number = QLocale().toString
        lines: list[str] = []
        if summary.merged:
            lines.append(
                self.tr(
                    "• {count} rows are of registrations merged into another person: left as"
                    " they are."
                ).format(count=number(summary.merged))
            )
        if summary.profile:
            lines.append(
                self.tr("• Columns read with the profile “{name}”.").format(name=summary.profile)
            )
        if summary.key_from:
            lines.append(
                self.tr(
                    "• The form's submission id ({column}) serves as the registration id."
                ).format(column=summary.key_from)
            )
        if summary.unknown_columns:
            lines.append(
                self.tr("• Columns no rule recognises, left out: {columns}.").format(
                    columns=", ".join(summary.unknown_columns)
                )
            )
        if summary.repeated_columns:
            lines.append(
                self.tr("• Repeated columns, left out: {columns}.").format(
                    columns=", ".join(summary.repeated_columns)
                )
            )
        if summary.ignored_columns:
            lines.append(
                self.tr("• {count} columns left out (form metadata, or as you chose).").format(
                    count=number(len(summary.ignored_columns))
                )
            )
        lines.extend(f"⚠ {localized(warning)}" for warning in summary.warnings)
        return lines

    def _show_import_button(self) -> None:
        """ "Import N people" once the whole file was checked with the columns and words as
        they are now."""
        preview = self._preview
        count = 0 if preview is None else preview.summary.imported + preview.summary.updated
        self.import_button.setText(
            self.tr("&Import 1 person")
            if count == 1
            else self.tr("&Import {count} people").format(count=QLocale().toString(count))
        )
        current = preview is not None and self._checked == self.column_choice()
        self.import_button.setEnabled(current and self._task is None)
        self.check_again_button.setEnabled(self._task is None)
        self.back_to_columns_button.setEnabled(self._task is None)
        if preview is not None and not current:
            self.import_hint.setText(self.tr("Check again to use the words you chose."))
        elif self.words_model.undecided():
            self.import_hint.setText(self.tr("Rows with words left undecided will be rejected."))
        else:
            self.import_hint.setText("")

    # --- step 4: the import ----------------------------------------------------------------------

    def start_import(self) -> None:
        """Save the profile if asked, then import what was checked."""
        if self._task is not None or self._path is None or self._file is None:
            return
        if self._preview is None or self._checked != self.column_choice():
            return
        choice = self._checked
        if self.save_check.isChecked():
            mapping = self.columns_model.mapping(self._words)
            name = self.profile_name.text()
            store, actor, headers = self.session.store, self.session.actor, self._file.headers
            saved = self.operations.run(
                lambda: save_profile(store, actor, name, headers, mapping), self.message.refused
            )
            if saved is None:
                return
            self._profile = saved.value
            self._baseline = mapping
            self.save_check.setChecked(False)
            self._show_profiles()
            choice = self._checked = ColumnChoice(profile=saved.value.name)
        session, path = self.session, self._path
        watch = self._watch()

        def work() -> Done[ImportSummary]:
            own = session.on_new_connection()
            try:
                summary = import_registrations(own.store, own.actor, path, choice, watch)
            finally:
                own.close()
            return Done(summary, IMPORT_CHANGES)

        self.message.clear()
        self._start(Task.IMPORTING, work, self._imported, self._import_failed)

    def _imported(self, summary: ImportSummary) -> None:
        self._end_task()
        self._summary = summary
        self._show_summary()
        self._go(Page.SUMMARY)
        self.another_button.setFocus()

    def _import_failed(self, error: UserError) -> None:
        """Cancelled or refused: nothing was imported, and the check still stands."""
        self._end_task()
        if isinstance(error, ImportCancelled):
            self.message.say(Tone.WAITING, partial(localized, error))
        else:
            self.message.refused(error)
        self._show_preview()
        self.import_button.setFocus()

    def cancel(self) -> None:
        """Stop the check or the import at its next chunk of rows; nothing is written."""
        if self._cancel is None or self._task not in (Task.CHECKING, Task.IMPORTING):
            return
        self._cancel.set()
        self.cancel_button.setEnabled(False)
        self.progress_label.setText(self.tr("Stopping…"))

    # --- progress --------------------------------------------------------------------------------

    def _progressed(self, stage: str, rows: int) -> None:
        self._progress = (stage, rows)
        self._show_progress()

    def _show_progress(self) -> None:
        """Rows checked (then written, or compared) out of the rows the last check counted:
        the first half of the bar checks, the second writes; busy while the count is unknown."""
        running = self._task in (Task.CHECKING, Task.IMPORTING)
        self.progress_box.setVisible(running)
        if not running:
            return
        if self._cancel is not None and self._cancel.is_set():
            self.progress_label.setText(self.tr("Stopping…"))
            return
        stage, rows = self._progress or ("checking", 0)
        total = self._row_total
        done, of = QLocale().toString(rows), QLocale().toString(total)
        if stage == "checking":
            text = (
                self.tr("Checking rows: {done} of {total}")
                if total
                else self.tr("Checking rows: {done}")
            )
        elif self._task is Task.IMPORTING:
            text = (
                self.tr("Writing people: {done} of {total}")
                if total
                else self.tr("Writing people: {done}")
            )
        else:
            text = (
                self.tr("Comparing with the site: {done} of {total}")
                if total
                else self.tr("Comparing with the site: {done}")
            )
        self.progress_label.setText(text.format(done=done, total=of))
        if total:
            self.progress_bar.setRange(0, 2 * total)
            self.progress_bar.setValue(min(2 * total, rows + (0 if stage == "checking" else total)))
        else:
            self.progress_bar.setRange(0, 0)

    # --- step 5: the summary ---------------------------------------------------------------------

    def _show_summary(self) -> None:
        summary = self._summary
        if summary is None:
            return
        number = QLocale().toString
        self.summary_box.setTitle(
            self.tr("Imported from {file}").format(file=Path(summary.file).name)
        )
        self.added_value.setText(number(summary.imported))
        self.updated_value.setText(number(summary.updated))
        self.unchanged_value.setText(number(summary.unchanged))
        self.rejected_value.setText(number(summary.rejected))
        self.duplicates_value.setText(number(summary.possible_duplicates))
        self.households_value.setText(number(summary.households))
        lines = self._read_notes(summary)
        if summary.rejects_file:
            lines.insert(
                0,
                self.tr("The rejected rows, each with its reason, are in {file}").format(
                    file=summary.rejects_file
                ),
            )
        self.summary_details.setText("\n".join(lines))
        self.rejects_button.setVisible(bool(summary.rejects_file))
        self.duplicates_button.setEnabled(summary.possible_duplicates > 0)

    def open_rejects(self) -> None:
        if self._summary is not None and self._summary.rejects_file:
            QDesktopServices.openUrl(QUrl.fromLocalFile(self._summary.rejects_file))

    def start_over(self) -> None:
        """ "Import another file": the first step again, with nothing of the last file."""
        self._path = self._file = self._preview = self._checked = self._summary = None
        self._found_profile = self._profile = self._baseline = None
        self._words = {}
        self._row_total = 0
        self._round += 1
        self.file_model.set_rows([], [], None)
        self.columns_model.set_file([], [])
        self.words_model.set_words({})
        self.message.clear()
        self.retranslate()
        self._go(Page.FILE)
        self.choose_file()

    # --- running ---------------------------------------------------------------------------------

    def _start(
        self,
        task: Task,
        work: Callable[[], Done[Any]],
        on_success: Callable[[Any], None],
        on_error: Callable[[UserError], None],
    ) -> None:
        """Run `work` off the UI thread; its answer is dropped if the page is gone by then (a
        lock rebuilds the workspaces while an import may still be running)."""
        self._task = task
        self.reading_bar.setVisible(task is Task.READING)
        self.choose_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self._refresh_enabled()
        if task is not Task.READING:
            self.cancel_button.setFocus()

        def succeeded(value: Any) -> None:
            if shiboken6.isValid(self):
                on_success(value)

        def failed(error: UserError) -> None:
            if shiboken6.isValid(self):
                on_error(error)

        self.operations.run_in_background(work, succeeded, failed)

    def _end_task(self) -> None:
        self._task = None
        self._cancel = None
        if self._relay is not None:
            self._relay.progressed.disconnect(self._progressed)
            self._relay = None
        self.reading_bar.setVisible(False)
        self.choose_button.setEnabled(True)
        self._refresh_enabled()

    def _refresh_enabled(self) -> None:
        self.escape_shortcut.setEnabled(self._task in (Task.CHECKING, Task.IMPORTING))
        self._show_progress()
        self._show_column_problems()
        self._show_import_button()
        self._show_steps()
        self.next_button.setEnabled(self._file is not None and self._task is None)
        self.back_to_file_button.setEnabled(self._task is None)

    def _go(self, page: Page) -> None:
        if self._task is not None and page != Page.CHECK:
            return
        self.stack.setCurrentIndex(page)
        self._show_steps()
        if page is Page.FILE:
            self.choose_button.setFocus() if self._file is None else self.next_button.setFocus()
        elif page is Page.COLUMNS:
            rows = self.columns_model.needing_you()
            box = (
                self.columns_view.indexWidget(
                    self.columns_model.index(rows[0], ColumnsModel.COL_CHOICE)
                )
                if rows
                else None
            )
            (box or self.check_button).setFocus()
