"""The desk syncing by itself, in the background, once an administrator has linked it to a hub.

A sync starts shortly after a change made at this desk (a burst of changes makes one sync) and
every few seconds otherwise, to receive the other desks' changes; never two at once, each on a
connection of its own, so the desk never waits for it. What a sync brings is broadcast like a
local operation's changes, so the open screens redraw.

A hub out of reach is ordinary offline life: the status line says since when and how many
changes wait, and the runner retries quietly. Any other refusal is said there too, in full in
the line's tip. When the desk last synced is kept here, in memory: the core does not write it
down (an audit entry every few seconds).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from PySide6.QtCore import QLocale, QObject, QTimer, Signal

from staging.changes import Changes, Done
from staging.errors import UserError
from staging.security.access import Session
from staging.sync.desk import HubLink, NotSetUp, SyncReport, hub_link, sync, sync_status
from staging.sync.hub import HubUnreachable
from staging.sync.users import reconcile_users
from ui.operations import Operations
from ui.widgets.messages import localized

# A problem is said in full in the tip; the status line keeps this much of it.
SHOWN_CHARACTERS = 60


@dataclass(frozen=True)
class Intervals:
    """How long after a change at this desk it syncs (changes in a row make one sync), and
    how often it looks for the other desks' changes, in milliseconds."""

    soon_ms: int = 1_500
    every_ms: int = 10_000


@dataclass(frozen=True)
class SyncState:
    """What the status line says: whether the desk has a hub, when it last synced, since when
    the hub is out of reach, the last other problem, and what waits (as `sync_status`)."""

    linked: bool = False
    last_sync: datetime | None = None
    offline_since: datetime | None = None
    problem: UserError | None = None
    waiting: int = 0
    conflicts: int = 0
    pending: int = 0
    anchor_refused: bool = False


def linked_hub(session: Session) -> HubLink | None:
    try:
        return hub_link(session.store)
    except NotSetUp:
        return None


class SyncRunner(QObject):
    """Runs `staging.sync.desk.sync` for the window's session; `state_changed` after each sync
    and each change here, for the status line."""

    state_changed = Signal()

    def __init__(
        self, operations: Operations, intervals: Intervals, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.operations = operations
        self.state = SyncState()
        self._session: Session | None = None
        self._running = False
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(intervals.soon_ms)
        self._soon.timeout.connect(self.sync_now)
        self._every = QTimer(self)
        self._every.setInterval(intervals.every_ms)
        self._every.timeout.connect(self.sync_now)
        operations.changed.connect(self._changed)

    # --- when -----------------------------------------------------------------------------------

    def start(self, session: Session) -> None:
        """Sync for this session from now on, the first time at once (the desk catches up)."""
        self._session = session
        self._every.start()
        self._read_state()
        self.sync_now()

    def stop(self) -> None:
        """No sync starts any more (logging out, closing, a restore replacing the site); one
        already running finishes on its own connection."""
        self._session = None
        self._soon.stop()
        self._every.stop()

    def _changed(self, changes: Changes) -> None:
        """A change at this desk is sent soon. (While a sync runs, its own broadcast lands here
        too: what it left waiting is looked at when it ends.)"""
        if self._session is None or self._running:
            return
        self._read_state()
        if self.state.waiting:
            self._soon.start()

    # --- one sync -------------------------------------------------------------------------------

    def sync_now(self) -> None:
        """One sync at once, unless one is running already or the desk has no hub."""
        session = self._session
        if session is None or self._running:
            return
        self._soon.stop()
        if linked_hub(session) is None:
            return

        def work() -> Done[SyncReport]:
            own = session.on_new_connection()
            try:
                return sync(own.store, own.actor)
            finally:
                own.close()

        self._running = True
        self.operations.run_in_background(work, self._synced, self._not_synced, quiet=True)

    def _synced(self, report: SyncReport) -> None:
        """A sync reached the hub (its changes already broadcast): remembered for the status
        line, and changes made here while it ran are sent soon."""
        self._running = False
        when = datetime.fromisoformat(report.last_sync)
        self.state = replace(
            self.state,
            last_sync=when,
            offline_since=None,
            problem=self._settle_users(),
            anchor_refused=report.anchor_refused,
        )
        self._read_state()
        if self.state.waiting and self._session is not None:
            self._soon.start()

    def _settle_users(self) -> UserError | None:
        """Users who arrived can log in here, users disabled elsewhere cannot (this desk is then
        re-encrypted): on the window's own connection, since a re-keying replaces the file."""
        session = self._session
        if session is None:
            return None
        try:
            done = reconcile_users(session)
        except UserError as error:
            return error
        self.operations.broadcast(done.changes)
        return None

    def _not_synced(self, error: UserError) -> None:
        """Out of reach: offline since the first failed try, retried at the next interval. Any
        other refusal is shown until a sync succeeds."""
        self._running = False
        session = self._session
        if session is None:
            return
        if isinstance(error, HubUnreachable):
            since = self.state.offline_since or session.store.clock.now()
            self.state = replace(self.state, offline_since=since, problem=None)
        else:
            self.state = replace(self.state, problem=error)
        self._read_state()

    def _read_state(self) -> None:
        """Whether the desk has a hub, and what waits, read again; the last sync's outcome kept."""
        session = self._session
        if session is None:
            return
        if linked_hub(session) is None:
            self.state = SyncState()
        else:
            status = sync_status(session.store)
            self.state = replace(
                self.state,
                linked=True,
                waiting=status.waiting,
                conflicts=status.conflicts,
                pending=status.pending,
            )
        self.state_changed.emit()

    # --- words ----------------------------------------------------------------------------------

    def describe(self) -> tuple[str, str]:
        """The status line's text and its tip, in the current language."""
        state = self.state
        if not state.linked:
            return self.tr("Sync: this desk only (no hub set up)"), ""
        waiting = QLocale().toString(state.waiting)
        if state.problem is not None:
            problem = localized(state.problem)
            shown = problem if len(problem) <= SHOWN_CHARACTERS else problem[:SHOWN_CHARACTERS]
            head = self.tr("Sync failed: {problem}").format(
                problem=shown if shown == problem else f"{shown.rstrip()}…"
            )
            tip = problem
        elif state.offline_since is not None:
            since = _clock_time(state.offline_since)
            head = (
                self.tr("Sync: offline since {time} — {count} waiting to send").format(
                    time=since, count=waiting
                )
                if state.waiting
                else self.tr("Sync: offline since {time}").format(time=since)
            )
            tip = self.tr(
                "The hub cannot be reached; this desk keeps working and syncs when it is back."
            )
        else:
            when = (
                _clock_time(state.last_sync) if state.last_sync is not None else self.tr("not yet")
            )
            head = (
                self.tr("Sync: {time} · {count} waiting to send").format(time=when, count=waiting)
                if state.waiting
                else self.tr("Sync: {time} · all sent").format(time=when)
            )
            tip = ""
        parts = [head]
        if state.anchor_refused:
            parts.append(self.tr("audit chain not anchored"))
            tip = self.tr(
                "The hub refused this desk's audit-chain head: the chain no longer continues "
                "the one it anchored (entries removed, or a backup restored). Tell the "
                "site's administrator."
            )
        if state.conflicts:
            parts.append(
                self.tr("conflicts to review: {count}").format(
                    count=QLocale().toString(state.conflicts)
                )
            )
        if state.pending:
            parts.append(
                self.tr("changes waiting for a record: {count}").format(
                    count=QLocale().toString(state.pending)
                )
            )
        return " · ".join(parts), tip


def _clock_time(moment: datetime) -> str:
    """Hours and minutes on this computer's clock, as the backup line says them."""
    return moment.astimezone().strftime("%H:%M")
