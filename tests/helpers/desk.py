"""Driving the intake desk in tests as a volunteer would, on a copy of one demo site.

Shared by the desk's test modules (`tests/ui/conftest.py` builds the fixtures from these).
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from staging.clock import FrozenClock
from staging.demo.build import create_demo_site
from staging.domain import Role
from staging.rules.arrival import ArrivalPolicy
from staging.security.access import Session, open_site
from staging.security.keyfile import keyfile_path
from staging.site.settings import save_site_settings, site_name
from staging.store.store import Actor

# 10:00 in Tijuana on the demo's reference day.
REFERENCE_MOMENT = datetime(2021, 3, 1, 18, 0, tzinfo=UTC)


def build_demo_site(folder: Path) -> Path:
    path = folder / "site.db"
    create_demo_site(path, people=300, seed=3, clock=FrozenClock(REFERENCE_MOMENT)).close()
    return path


def open_copy(demo_site: Path, folder: Path, user: str = "intake") -> Session:
    """A copy of the demo site, so what one test records is not seen by another."""
    path = folder / demo_site.name
    if not path.exists():
        shutil.copy(demo_site, path)
        shutil.copy(keyfile_path(demo_site), keyfile_path(path))
    return open_site(path, user, f"{user}-demo", clock=FrozenClock(REFERENCE_MOMENT))


def hold_nothing(session: Session) -> None:
    """A site whose policy only warns at the door: for tests about the check-in itself."""
    store = session.store
    calm = replace(store.policy(), arrival=ArrivalPolicy(confirm_before_check_in=frozenset()))
    save_site_settings(store, Actor("admin", Role.ADMIN), site_name(store), calm)


def households_not_checked_in(session: Session, members: int) -> list[str]:
    """Households of at least `members` people of whom nobody has arrived yet."""
    rows = session.store.db.execute(
        "SELECT household_id FROM person_facts GROUP BY household_id "
        "HAVING count(*) >= ? AND sum(checked_in) = 0 ORDER BY household_id",
        [members],
    ).fetchall()
    return [row[0] for row in rows]


def households_where(session: Session, condition: str, params: list) -> list[str]:
    """Households not yet arrived in which every member meets `condition` (SQL on
    `person_facts`)."""
    rows = session.store.db.execute(
        "SELECT household_id FROM person_facts GROUP BY household_id"
        f" HAVING sum(checked_in) = 0 AND sum({condition}) = count(*) ORDER BY household_id",
        params,
    ).fetchall()
    return [row[0] for row in rows]


def member_ids(session: Session, household_id: str) -> list[str]:
    rows = session.store.db.execute(
        "SELECT id FROM person WHERE household_id = ? ORDER BY id", [household_id]
    ).fetchall()
    return [row[0] for row in rows]


def check_ins(session: Session, person_ids: list[str]) -> dict[str, int]:
    marks = ", ".join("?" for _ in person_ids)
    rows = session.store.db.execute(
        f"SELECT person_id, count(*) FROM check_in WHERE person_id IN ({marks}) GROUP BY person_id",
        person_ids,
    ).fetchall()
    return dict(rows)


def press(qtbot, key: Qt.Key) -> None:
    """A key on whatever has the keyboard focus, as a scanner or a volunteer would press it."""
    qtbot.keyClick(QApplication.focusWidget(), key)


def scan(qtbot, workspace, code: str) -> None:
    """A USB scanner: the code typed fast into the desk's focused scan field, then Enter."""
    assert QApplication.focusWidget() is workspace.scan_field
    qtbot.keyClicks(workspace.scan_field, code)
    press(qtbot, Qt.Key.Key_Return)
