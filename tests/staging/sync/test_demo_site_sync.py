"""Done-when of issue 15: three desks of the demo site, each changed offline, converge after
sync with nothing lost — the site's first desk, and two laptops joined with an enrollment file
whose users log in with the passwords they have."""

from __future__ import annotations

from pathlib import Path

from staging.demo.build import create_demo_site
from staging.intake.operations import check_in, update_contact
from staging.rules import StopSign
from staging.security.access import Session, open_site
from staging.security.keyfile import KdfParams
from staging.store.store import Store
from staging.sync.desk import set_up_hub
from staging.sync.enrollment import create_enrollment, join_site
from staging.sync.inbox import open_conflicts
from staging.sync.users import sync_desk
from tests.staging.sync.test_inbox import assert_intact, picture

PASSPHRASE = "blue cactus under rain"


def not_checked_in(store: Store, count: int) -> list[str]:
    rows = store.db.execute(
        "SELECT id FROM person WHERE id NOT IN (SELECT person_id FROM check_in) "
        "AND id NOT IN (SELECT person_id FROM person_merge) ORDER BY id LIMIT ?",
        [count],
    )
    return [row[0] for row in rows]


def facts(store: Store) -> set[str]:
    return {row[0] for row in store.db.execute("SELECT id FROM check_in")}


def test_three_desks_of_the_demo_site_changed_offline_converge(tmp_path: Path, url: str) -> None:
    a = create_demo_site(tmp_path / "a" / "site.db", people=150, seed=5)
    set_up_hub(a.store, a.actor, url, "tijuana")
    sync_desk(a)
    enrollment = create_enrollment(
        a.store, a.actor, tmp_path / "laptop", PASSPHRASE, kdf=KdfParams(1, 8, 1)
    )
    for name in "bc":
        joined = join_site(enrollment, PASSPHRASE, tmp_path / name / "site.db")
        assert joined.users == ["admin", "coordinator", "intake", "screener"]
    b = open_site(tmp_path / "b" / "site.db", "intake", "intake-demo")
    c = open_site(tmp_path / "c" / "site.db", "coordinator", "coordinator-demo")
    desks: list[Session] = [a, b, c]
    try:
        first, second, third = not_checked_in(a.store, 3)
        # Offline: each desk checks someone in; B and C change one person's phone differently.
        for desk, person in zip(desks, (first, second, third), strict=True):
            check_in(desk.store, desk.actor, [person], confirmed=frozenset(StopSign))
        update_contact(b.store, b.actor, first, {"phone": "+526645550111"})
        update_contact(c.store, c.actor, first, {"phone": "+526645550222"})
        update_contact(a.store, a.actor, second, {"email": "familia@example.org"})
        written = set().union(*(facts(desk.store) for desk in desks))
        for _ in range(2):
            for desk in desks:
                sync_desk(desk)
        assert picture(a.store) == picture(b.store) == picture(c.store)
        for desk in desks:
            assert facts(desk.store) == written  # no check-in lost
            (conflict,) = open_conflicts(desk.store)
            assert (conflict.entity_id, conflict.field) == (first, "phone")
            assert {leaf.user for leaf in conflict.leaves} == {"intake", "coordinator"}
            assert desk.store.db.execute("SELECT count(*) FROM sync_pending").fetchone() == (0,)
            assert_intact(desk.store)
    finally:
        for desk in desks:
            desk.close()
