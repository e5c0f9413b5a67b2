"""Running core operations from the desk (Anki's `CollectionOp`, made small).

Every action on a screen is one call of a core operation through `Operations`: a `UserError`
is shown in the user's language, and after a success the `Changes` the operation reports are
broadcast on `changed`, so every workspace (not only the one that acted) redraws what concerns
it. Long work (backups, imports, PDF batches) runs off the UI thread with a busy indication.

Background jobs are `Job` objects that live on the UI thread and stay referenced until their
result has been delivered there. A job destroyed while its queued signal was still pending is
what crashed the desk during the first backup of the day.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from staging.changes import Changes, Done
from staging.errors import UserError

T = TypeVar("T")
Work = Callable[[], Done[Any]]
ErrorHandler = Callable[[UserError], None]


class Job(QObject):
    """One piece of background work; `finished` reaches the UI thread after `work` returns."""

    # (the job, its Done or None, the error or None)
    finished = Signal(object, object, object)

    def __init__(
        self,
        work: Work,
        on_success: Callable[[Any], None],
        on_error: ErrorHandler,
        parent: QObject,
        *,
        quiet: bool = False,
    ) -> None:
        super().__init__(parent)
        self._work = work
        self.on_success = on_success
        self.on_error = on_error
        self.quiet = quiet

    def run(self) -> None:
        """Called on a pool thread: never touches a widget, only emits."""
        try:
            done = self._work()
        except UserError as error:
            self.finished.emit(self, None, error)
        except Exception as error:
            # A programming error must not vanish on a pool thread: it reaches the UI thread
            # and is raised there, where the test suite and the crash handler see it.
            failure = RuntimeError("".join(traceback.format_exception(error)))
            self.finished.emit(self, None, failure)
        else:
            self.finished.emit(self, done, None)


class Operations(QObject):
    """The window's one way to run core operations; `changed` broadcasts what they changed."""

    changed = Signal(object)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: set[Job] = set()

    def run(self, work: Callable[[], Done[T]], on_error: ErrorHandler) -> Done[T] | None:
        """Run a quick operation now. On a `UserError` nothing changed, `on_error` says why and
        the result is None."""
        try:
            done = work()
        except UserError as error:
            on_error(error)
            return None
        self.broadcast(done.changes)
        return done

    def broadcast(self, changes: Changes) -> None:
        if changes:
            self.changed.emit(changes)

    def run_in_background(
        self,
        work: Work,
        on_success: Callable[[Any], None],
        on_error: ErrorHandler,
        *,
        quiet: bool = False,
    ) -> Job:
        """Start long work on a pool thread. `work` must open its own database connection:
        a SQLite connection is used by one thread at a time. `quiet` work is what the desk
        does by itself every few seconds (a sync): it keeps the desk `busy` (a restore waits
        for it) without `busy_changed` announcing it in the status bar each time."""
        job = Job(work, on_success, on_error, self, quiet=quiet)
        self._jobs.add(job)
        # A slot of this object (which lives on the UI thread), so the call is queued there.
        job.finished.connect(self._job_finished)
        if not quiet and self._announced() == 1:
            self.busy_changed.emit(True)
        QThreadPool.globalInstance().start(job.run)
        return job

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def _announced(self) -> int:
        return sum(1 for job in self._jobs if not job.quiet)

    @Slot(object, object, object)
    def _job_finished(self, job: Job, done: Done[Any] | None, error: Exception | None) -> None:
        self._release(job)
        if done is not None:
            self.broadcast(done.changes)
            job.on_success(done.value)
        elif isinstance(error, UserError):
            job.on_error(error)
        elif error is not None:
            raise error

    def _release(self, job: Job) -> None:
        """Drop the job only now, on the UI thread, after its signal has been delivered."""
        self._jobs.discard(job)
        job.deleteLater()
        if not job.quiet and not self._announced():
            self.busy_changed.emit(False)
