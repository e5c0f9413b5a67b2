"""Importing a registration list in the app, step by step: the file as read, what each of its
columns is, what the import would do, the import itself, and what it did.

A coordinator is not a terminal user, and partners' lists rarely carry our headers: the page
shows how the file was read before anything else, lets the person say what no rule can guess
(and keep it as a profile, so next week's export of the same form needs nothing), checks the
whole file exactly as the import will, and only then imports. Reading, checking and importing
run off the UI thread, each on a connection of its own, so the desk goes on checking people
in; the check and the import report their progress through a signal (a Qt object living on
the UI thread: the worker never touches a widget) and stop at Cancel, writing nothing.

Each step is a widget of its own (`file`, `columns`, `check`, `progress`, `summary`) that
builds and words itself; this page holds what was read, chosen and checked, runs the work and
moves between the steps.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from enum import Enum, IntEnum
from functools import partial
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from staging.changes import Changes, Done, Kind
from staging.errors import UserError
from staging.registration.mapping import ColumnMapping
from staging.registration.preview import FilePreview, ImportPreview, preview_file, preview_import
from staging.registration.profiles import (
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
from ui.operations import Operations
from ui.widgets.badges import Tone
from ui.widgets.message_line import page_message_line
from ui.widgets.messages import localized
from ui.workspaces.data_desk.desk_page import DeskPage
from ui.workspaces.data_desk.importing.check import CheckStep
from ui.workspaces.data_desk.importing.columns import ColumnsStep
from ui.workspaces.data_desk.importing.file import FileStep
from ui.workspaces.data_desk.importing.progress import ImportProgress
from ui.workspaces.data_desk.importing.step_bar import StepBar
from ui.workspaces.data_desk.importing.summary import SummaryStep

FILE_TYPES = "*.csv *.txt *.tsv *.xlsx"


class Page(IntEnum):
    """The stacked pages; the import runs on the check's page."""

    FILE = 0
    COLUMNS = 1
    CHECK = 2
    SUMMARY = 3


# The step the bar marks on each page (the import's, 4, while it runs).
STEP_OF_PAGE = {Page.FILE: 0, Page.COLUMNS: 1, Page.CHECK: 2, Page.SUMMARY: 4}
IMPORT_STEP = 3


class Task(Enum):
    READING = "reading"
    CHECKING = "checking"
    IMPORTING = "importing"


class ProgressRelay(QObject):
    """Made on the UI thread, so a worker's `progressed.emit` is queued to it, never run on
    the worker's thread."""

    progressed = Signal(str, int)


class ImportPage(DeskPage):
    """Choose a file → its columns → check the whole file → import → the summary."""

    # "Review possible duplicates": the workspace shows its duplicates page.
    review_duplicates = Signal()

    def __init__(
        self, session: Session, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(session, operations, parent)
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
        self._build()
        self._keyboard()
        self.refresh()
        self.retranslate()
        self._go(Page.FILE)

    # --- building --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.step_bar = StepBar()
        self.message = page_message_line()
        self.progress = ImportProgress()
        self.file_step = FileStep()
        self.columns_step = ColumnsStep()
        self.check_step = CheckStep(self.progress)
        self.summary_step = SummaryStep()
        self.stack = QStackedWidget()
        for step in (self.file_step, self.columns_step, self.check_step, self.summary_step):
            self.stack.addWidget(step)
        layout = QVBoxLayout(self)
        layout.addLayout(self.step_bar)
        layout.addWidget(self.message)
        layout.addWidget(self.stack, 1)

    def _keyboard(self) -> None:
        """Ctrl+O chooses a file from any step, Ctrl+Enter checks, Esc stops what runs; each
        step's buttons carry an Alt+letter and Enter presses the focused one."""
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(True)
        file, columns, check, summary = (
            self.file_step,
            self.columns_step,
            self.check_step,
            self.summary_step,
        )
        file.choose_button.clicked.connect(self.choose_file)
        file.next_button.clicked.connect(lambda: self._go(Page.COLUMNS))
        columns.model.decided.connect(self._columns_decided)
        columns.profile_box.activated.connect(self._profile_chosen)
        columns.save_check.toggled.connect(lambda _checked: self._show_column_problems())
        columns.profile_name.textChanged.connect(lambda _text: self._show_column_problems())
        columns.profile_name.returnPressed.connect(self.check)
        columns.back_button.clicked.connect(lambda: self._go(Page.FILE))
        columns.check_button.clicked.connect(self.check)
        self.progress.cancel_button.clicked.connect(self.cancel)
        check.words_model.decided.connect(self._show_import_button)
        check.check_again_button.clicked.connect(self.check)
        check.back_button.clicked.connect(lambda: self._go(Page.COLUMNS))
        check.import_button.clicked.connect(self.start_import)
        summary.rejects_button.clicked.connect(self.open_rejects)
        summary.duplicates_button.clicked.connect(lambda: self.review_duplicates.emit())
        summary.another_button.clicked.connect(self.start_over)
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
        for step in (
            self.file_step,
            self.columns_step,
            self.progress,
            self.check_step,
            self.summary_step,
        ):
            step.retranslate()
        self._show_profiles()
        self._show_file()
        self._show_column_problems()
        self._show_progress()
        self._show_preview()
        self._show_summary()
        self._show_steps()

    def _show_steps(self) -> None:
        importing = self._task is Task.IMPORTING
        page = Page(self.stack.currentIndex())
        self.step_bar.show_current(IMPORT_STEP if importing else STEP_OF_PAGE[page])

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
        self.columns_step.show_profiles(
            self._profiles, self._profile, self._file is not None, self._found_profile
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
        self.file_step.model.set_rows(preview.headers, preview.rows, preview.hxl_tags)
        self.columns_step.model.set_file(preview.headers, preview.rows)
        self.check_step.words_model.set_words({})
        self._found_profile = profile_for(self.session.store, preview.headers)
        self._use_profile(self._found_profile)
        self.columns_step.open_choices()
        self._show_file()
        self._show_preview()
        self._go(Page.FILE)
        self.file_step.next_button.setFocus()

    def _file_refused(self, error: UserError) -> None:
        """Said in the user's language; the file shown before (if any) stays as it was."""
        self._end_task()
        self.message.refused(error)
        self.file_step.choose_button.setFocus()

    def _show_file(self) -> None:
        self.file_step.show_file(self._file)
        self.file_step.next_button.setEnabled(self._file is not None and self._task is None)

    # --- step 2: the columns ---------------------------------------------------------------------

    def _profile_chosen(self, row: int) -> None:
        name = self.columns_step.profile_box.itemData(row)
        chosen = next((p for p in self._profiles if p.name == name), None)
        self._use_profile(chosen)
        self._columns_decided()

    def _use_profile(self, profile: ImportProfile | None) -> None:
        """Start the columns again from `profile` (or the rules alone)."""
        mapping = profile.mapping if profile else ColumnMapping()
        self._profile = profile
        self._words = {name: dict(words) for name, words in mapping.words.items()}
        self.columns_step.model.apply(mapping)
        self._baseline = self.columns_step.model.mapping(self._words)
        self.columns_step.profile_name.setText(profile.name if profile else "")
        self._show_profiles()
        self._show_column_problems()

    def _merged_words(self) -> dict[str, dict[str, str]]:
        """The words the columns started with or were checked with, and those just chosen."""
        words = {name: dict(pairs) for name, pairs in self._words.items()}
        for name, pairs in self.check_step.words_model.words().items():
            words.setdefault(name, {}).update(pairs)
        return words

    def _columns_decided(self) -> None:
        """A change of column makes the last check stale."""
        self._round += 1
        self._preview = self._checked = None
        self.check_step.words_model.set_words({})
        self._show_column_problems()
        self._show_preview()

    def column_choice(self) -> ColumnChoice:
        """How the import is to read the columns: by the profile's name when nothing differs
        from it (the summary then names it), else by the page's own mapping."""
        mapping = self.columns_step.model.mapping(self._merged_words())
        if self._profile is not None and mapping == self._baseline:
            return ColumnChoice(profile=self._profile.name)
        return ColumnChoice(mapping=mapping)

    def _show_column_problems(self) -> None:
        self.columns_step.show_problems(self._file is not None, self._task is None)

    # --- step 3: the check -----------------------------------------------------------------------

    def check(self) -> None:
        """Check the whole file with the columns as they are now (also "Check again")."""
        if self._task is not None or self._file is None or self._path is None:
            return
        if Page(self.stack.currentIndex()) not in (Page.COLUMNS, Page.CHECK):
            return
        if self.columns_step.problems():
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
        boxes = self.check_step.ask_words(preview.unknown_words)
        self._show_preview()
        if boxes:
            boxes[0].setFocus()
        else:
            self.check_step.import_button.setFocus()

    def _check_failed(self, error: UserError) -> None:
        self._end_task()
        if isinstance(error, ImportCancelled):
            self.message.say(Tone.WAITING, lambda: self.tr("The check was stopped."))
        else:
            self.message.refused(error)
        self._show_preview()

    def _show_preview(self) -> None:
        self.check_step.show_preview(self._preview)
        self._show_import_button()

    def _show_import_button(self) -> None:
        """ "Import N people" once the whole file was checked with the columns and words as
        they are now."""
        preview = self._preview
        current = preview is not None and self._checked == self.column_choice()
        self.check_step.show_actions(preview, current, self._task is None)

    # --- step 4: the import ----------------------------------------------------------------------

    def start_import(self) -> None:
        """Save the profile if asked, then import what was checked."""
        if self._task is not None or self._path is None or self._file is None:
            return
        if self._preview is None or self._checked != self.column_choice():
            return
        choice = self._checked
        columns = self.columns_step
        if columns.save_check.isChecked():
            mapping = columns.model.mapping(self._words)
            name = columns.profile_name.text()
            store, actor, headers = self.session.store, self.session.actor, self._file.headers
            saved = self.operations.run(
                lambda: save_profile(store, actor, name, headers, mapping), self.message.refused
            )
            if saved is None:
                return
            self._profile = saved.value
            self._baseline = mapping
            columns.save_check.setChecked(False)
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
        self.summary_step.another_button.setFocus()

    def _import_failed(self, error: UserError) -> None:
        """Cancelled or refused: nothing was imported, and the check still stands."""
        self._end_task()
        if isinstance(error, ImportCancelled):
            self.message.say(Tone.WAITING, partial(localized, error))
        else:
            self.message.refused(error)
        self._show_preview()
        self.check_step.import_button.setFocus()

    def cancel(self) -> None:
        """Stop the check or the import at its next chunk of rows; nothing is written."""
        if self._cancel is None or self._task not in (Task.CHECKING, Task.IMPORTING):
            return
        self._cancel.set()
        self.progress.stopping()

    # --- progress --------------------------------------------------------------------------------

    def _progressed(self, stage: str, rows: int) -> None:
        self._progress = (stage, rows)
        self._show_progress()

    def _show_progress(self) -> None:
        """Shown while the check or the import runs, "Stopping…" once cancelled."""
        running = self._task in (Task.CHECKING, Task.IMPORTING)
        self.progress.setVisible(running)
        if not running:
            return
        if self._cancel is not None and self._cancel.is_set():
            self.progress.stopping()
            return
        stage, rows = self._progress or ("checking", 0)
        self.progress.show_rows(stage, rows, self._row_total, self._task is Task.IMPORTING)

    # --- step 5: the summary ---------------------------------------------------------------------

    def _show_summary(self) -> None:
        if self._summary is not None:
            self.summary_step.show_summary(self._summary)

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
        self.file_step.model.set_rows([], [], None)
        self.columns_step.model.set_file([], [])
        self.check_step.words_model.set_words({})
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
        self.file_step.reading_bar.setVisible(task is Task.READING)
        self.file_step.choose_button.setEnabled(False)
        self.progress.cancel_button.setEnabled(True)
        self._refresh_enabled()
        if task is not Task.READING:
            self.progress.cancel_button.setFocus()

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
        self.file_step.reading_bar.setVisible(False)
        self.file_step.choose_button.setEnabled(True)
        self._refresh_enabled()

    def _refresh_enabled(self) -> None:
        self.escape_shortcut.setEnabled(self._task in (Task.CHECKING, Task.IMPORTING))
        self._show_progress()
        self._show_column_problems()
        self._show_import_button()
        self._show_steps()
        self.file_step.next_button.setEnabled(self._file is not None and self._task is None)
        self.columns_step.back_button.setEnabled(self._task is None)

    def _go(self, page: Page) -> None:
        if self._task is not None and page != Page.CHECK:
            return
        self.stack.setCurrentIndex(page)
        self._show_steps()
        if page is Page.FILE:
            step = self.file_step
            (step.choose_button if self._file is None else step.next_button).setFocus()
        elif page is Page.COLUMNS:
            (self.columns_step.first_needing_you() or self.columns_step.check_button).setFocus()
