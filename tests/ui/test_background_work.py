"""Background work against a desk that keeps scanning: the first backup of the day used to
kill the app (its job was destroyed while its queued signal was still pending)."""

from __future__ import annotations

import faulthandler
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt

from staging.backup import auto_backup, backup_to
from staging.changes import Done, Kind
from staging.clock import FrozenClock
from staging.demo.build import create_demo_site
from staging.errors import UserError
from staging.intake.queries import everyone
from staging.security.access import Session, open_site
from staging.wristbands.operations import issue_bands
from tests.helpers.desk import (
    check_ins,
    hold_nothing,
    households_not_checked_in,
    member_ids,
    press,
    scan,
)
from ui.operations import Operations
from ui.workspaces.intake import IntakeWorkspace

ROUNDS = 50


def test_backups_run_beside_a_stream_of_desk_writes(
    qtbot, tmp_path: Path, clock: FrozenClock
) -> None:
    faulthandler.enable()
    path = tmp_path / "site.db"
    create_demo_site(path, people=30, seed=5, clock=clock).close()
    session = open_site(path, "admin", "admin-demo", clock=clock)
    usb = tmp_path / "usb"
    usb.mkdir()
    operations = Operations()
    broadcast: list[frozenset[Kind]] = []
    operations.changed.connect(lambda changes: broadcast.append(changes.kinds))
    people = [record["id"] for record in everyone(session.store, 0, 30)]
    made: list[Path] = []
    failed: list[UserError] = []

    def backup() -> Done[Path]:
        own = session.on_new_connection()
        try:
            return backup_to(own, usb)
        finally:
            own.close()

    try:
        for round_number in range(ROUNDS):
            operations.run_in_background(backup, made.append, failed.append)
            writes = 0
            while operations.busy:
                person = people[(round_number + writes) % len(people)]
                assert operations.run(
                    lambda p=person: issue_bands(session.store, session.actor, [p]), failed.append
                )
                writes += 1
                qtbot.wait(1)
        qtbot.waitUntil(lambda: len(made) == ROUNDS)
    finally:
        session.close()
    assert failed == []
    assert len(set(made)) == ROUNDS and all(backup.exists() for backup in made)
    assert broadcast.count(frozenset({Kind.EVENTS})) == ROUNDS
    assert not operations.busy


def test_a_refusal_in_the_background_reaches_the_screen(qtbot) -> None:
    operations = Operations()
    refused: list[UserError] = []

    def refuse() -> Done[None]:
        raise UserError("No stick", "No hay memoria")

    operations.run_in_background(refuse, lambda _: None, refused.append)
    qtbot.waitUntil(lambda: bool(refused))
    assert refused[0].message_es == "No hay memoria"
    assert not operations.busy


def test_the_desk_scans_and_checks_in_while_backups_run(
    qtbot, workspace: IntakeWorkspace, session: Session
) -> None:
    """The 6 a.m. crash, driven through the desk's own keys: a scanner's code and Enter on the
    UI thread, household after household, while the day's automatic backup runs beside them
    (each round is the first login of another day)."""
    faulthandler.enable()
    hold_nothing(session)
    workspace.refresh()
    households = households_not_checked_in(session, 1)
    firsts = [member_ids(session, household)[0] for household in households]
    codes = issue_bands(session.store, session.actor, firsts).value
    made: list[Path | None] = []
    failed: list[UserError] = []

    def first_backup_of_the_day() -> Done[Path | None]:
        own = session.on_new_connection()
        try:
            return auto_backup(own)
        finally:
            own.close()

    scans = 0
    for _ in range(ROUNDS):
        session.store.clock.advance(timedelta(days=1))
        workspace.operations.run_in_background(first_backup_of_the_day, made.append, failed.append)
        while workspace.operations.busy:
            scan(qtbot, workspace, codes[firsts[scans % len(firsts)]])
            press(qtbot, Qt.Key.Key_Return)  # checks in what is open (or nothing, once done)
            scans += 1
            qtbot.wait(1)
    qtbot.waitUntil(lambda: len(made) == ROUNDS)
    assert failed == []
    assert None not in made  # every day had its backup
    assert scans >= ROUNDS
    arrived = check_ins(session, [m for h in households for m in member_ids(session, h)])
    assert set(arrived.values()) == {1}  # nobody checked in twice, whatever the interleaving
    assert len(arrived) >= min(scans, len(households))
