"""Building a demo site through the same paths real data takes (key file, import, write path)."""

from __future__ import annotations

import csv
import tempfile
from collections import defaultdict
from pathlib import Path

from staging.clock import Clock
from staging.demo.generator import generate_demo_site
from staging.domain import Role, Verification
from staging.intake.operations import check_in
from staging.registration.columns import CANONICAL_COLUMNS
from staging.registration.service import import_registrations
from staging.rules import Policy, StopSign
from staging.security.access import Session, add_user, create_site
from staging.security.keyfile import keyfile_path, set_notice
from staging.site.settings import save_site_settings
from staging.verification.operations import record_verification

# Documented in the README; shown on the login screen of a demo site only.
DEMO_USERS: dict[str, tuple[Role, str]] = {
    "admin": (Role.ADMIN, "admin-demo"),
    "coordinator": (Role.COORDINATOR, "coordinator-demo"),
    "intake": (Role.INTAKE, "intake-demo"),
    "screener": (Role.SCREENER, "screener-demo"),
}
DEMO_SITE_NAME = "Demo — Tijuana"


def demo_notice() -> str:
    users = ", ".join(f"{name} / {password}" for name, (_, password) in DEMO_USERS.items())
    return f"Demo site — users / usuarios de demostración: {users}"


def create_demo_site(path: Path, *, people: int, seed: int, clock: Clock | None = None) -> Session:
    """A new encrypted demo site with one user per role and `people` people at every stage."""
    admin_password = DEMO_USERS["admin"][1]
    session = create_site(path, "admin", admin_password, clock=clock)
    for name, (role, password) in DEMO_USERS.items():
        if name != "admin":
            add_user(session, name, role, password, display_name=name.capitalize())
    set_notice(keyfile_path(Path(path)), demo_notice())
    save_site_settings(session.store, session.actor, DEMO_SITE_NAME, Policy())
    _fill(session, people=people, seed=seed)
    return session


def _fill(session: Session, *, people: int, seed: int) -> None:
    store, actor = session.store, session.actor
    site = generate_demo_site(people=people, seed=seed, today=store.today())
    with tempfile.TemporaryDirectory(prefix="staging-demo-") as folder:
        export = Path(folder) / "demo-registrations.csv"
        with export.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(CANONICAL_COLUMNS))
            writer.writeheader()
            writer.writerows(site.rows)
        summary = import_registrations(store, actor, export)
    if summary.problems:
        raise ValueError(
            f"the demo generator wrote rows the import refuses: {summary.problems[:2]}"
        )
    person_of = dict(store.db.execute("SELECT registration_id, id FROM person"))
    by_state: dict[Verification, list[str]] = defaultdict(list)
    for registration_id, state in sorted(site.verification.items()):
        if state is not Verification.UNVERIFIED:
            by_state[state].append(person_of[registration_id])
    for state, person_ids in by_state.items():
        record_verification(store, actor, person_ids, state, note="demo")
    arrived = [person_of[r] for r in sorted(site.checked_in)]
    if arrived:
        # The demo's volunteers confirmed whatever stop sign these arrivals raised.
        check_in(store, actor, arrived, confirmed=frozenset(StopSign))
