"""Background work against a desk that keeps scanning: the first backup of the day used to
kill the app (its job was destroyed while its queued signal was still pending)."""

from __future__ import annotations

import faulthandler
from pathlib import Path

from staging.backup import backup_to
from staging.changes import Done, Kind
from staging.clock import FrozenClock
from staging.demo.build import create_demo_site
from staging.errors import UserError
from staging.intake.queries import everyone
from staging.security.access import open_site
from staging.wristbands.operations import issue_bands
from ui.operations import Operations

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
