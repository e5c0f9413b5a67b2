"""What a desk sends: its change log read back as `Change`s, values and bases included."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import orjson
import pytest

from staging.audit.formats import row_digest
from staging.audit.keys import device_audit_key
from staging.clock import FrozenClock
from staging.domain import Role
from staging.intake.operations import update_contact
from staging.registration.service import import_registrations
from staging.rules import Action
from staging.store.store import Actor, Store
from staging.sync.inbox import receive_changes
from staging.sync.outbox import all_changes, local_changes
from tests.conftest import registration_row, write_registrations

EVERYTHING = 1_000_000


@pytest.fixture
def site(store: Store, coordinator: Actor, tmp_path: Path) -> Store:
    rows = [registration_row(n) for n in range(1, 4)]
    import_registrations(store, coordinator, write_registrations(tmp_path / "list.csv", rows))
    return store


@pytest.fixture
def other_desk(tmp_path: Path, clock: FrozenClock, key: bytes) -> Iterator[Store]:
    path = tmp_path / "other.db"
    opened = Store.open(path, clock=clock, key=key, audit_key=device_audit_key(path))
    yield opened
    opened.close()


def person_row(store: Store, registration_id: str) -> dict[str, object]:
    cursor = store.db.execute("SELECT * FROM person WHERE registration_id = ?", [registration_id])
    return dict(zip([d[0] for d in cursor.description], cursor.fetchone(), strict=True))


def test_a_desks_own_changes_in_the_order_it_made_them(site: Store, coordinator: Actor) -> None:
    changes = local_changes(site, limit=EVERYTHING)
    seqs = [seq for seq, _ in changes]
    assert seqs == sorted(seqs)
    assert {change.device for _, change in changes} == {site.device_id}
    entities = [change.entity for _, change in changes]
    assert entities[:2] == ["household", "household"] and "person" in entities
    # The desk's own id stays on the desk; audit notes are not changes of the data.
    assert "site_setting" not in entities
    with site.write(coordinator, Action.EXPORT) as work:
        work.note("export", "people", {"rows": 3})
    assert local_changes(site, after_seq=seqs[-1]) == []


def test_pages_follow_on_from_the_last_seq(site: Store) -> None:
    whole = local_changes(site, limit=EVERYTHING)
    first = local_changes(site, limit=4)
    rest = local_changes(site, after_seq=first[-1][0], limit=EVERYTHING)
    assert first + rest == whole and len(first) == 4


def test_an_imported_person_travels_with_the_values_it_was_imported_with(
    site: Store, intake: Actor
) -> None:
    imported = person_row(site, "REG-0002")
    update_contact(site, intake, str(imported["id"]), {"phone": "+526645550999"})
    (insert,) = [
        change
        for _, change in local_changes(site, limit=EVERYTHING)
        if change.entity_id == imported["id"] and change.op == "insert"
    ]
    assert insert.values["phone"] == imported["phone"] != "+526645550999"
    after = site.db.execute(
        "SELECT after FROM audit_log WHERE entity_id = ? ORDER BY seq LIMIT 1", [imported["id"]]
    ).fetchone()[0]
    assert row_digest("person", insert.values) == orjson.loads(after)["digest"]
    assert insert.bases == dict.fromkeys(insert.values)


def test_an_edit_carries_the_stamp_of_the_value_it_replaced(
    site: Store, intake: Actor, clock: FrozenClock
) -> None:
    person_id = str(person_row(site, "REG-0001")["id"])
    edits = ({"phone": "+526645550111"}, {"email": "ana@example.org"}, {"phone": "+526645550222"})
    for edit in edits:
        clock.advance(timedelta(minutes=1))  # each edit also sets updated_at
        update_contact(site, intake, person_id, edit)
    changes = [change for _, change in local_changes(site, limit=EVERYTHING)]
    (inserted,) = [c.stamp for c in changes if c.entity_id == person_id and c.op == "insert"]
    *_, first, email, second = changes
    assert first.op == "update" and first.values["phone"] == "+526645550111"
    assert first.bases == {"phone": inserted, "updated_at": inserted}
    assert email.bases == {"email": inserted, "updated_at": first.stamp}
    assert second.bases == {"phone": first.stamp, "updated_at": email.stamp}


def test_a_deletion_travels_without_values(store: Store) -> None:
    with store.write(Actor("admin", Role.ADMIN), Action.PLAN_TRANSPORT) as work:
        van = work.insert(
            "vehicle", {"name": "Van 1", "rows": 4, "seats_per_row": 3, "created_at": work.at}
        )
        work.delete("vehicle", van)
    *_, (_, deleted) = local_changes(store, limit=EVERYTHING)
    assert (deleted.entity, deleted.entity_id, deleted.op) == ("vehicle", van, "delete")
    assert deleted.values == {} and deleted.bases == {}


def test_relaying_sends_what_was_received_whole_even_the_values_that_lost(
    site: Store, other_desk: Store, intake: Actor
) -> None:
    receive_changes(other_desk, intake, [c for _, c in local_changes(site, limit=EVERYTHING)])
    person_id = str(person_row(site, "REG-0003")["id"])
    update_contact(site, intake, person_id, {"phone": "+526645550001"})
    update_contact(other_desk, intake, person_id, {"phone": "+526645550002"})
    *_, (_, here) = local_changes(site, limit=EVERYTHING)
    *_, (_, there) = local_changes(other_desk, limit=EVERYTHING)
    receive_changes(other_desk, intake, [here])
    assert local_changes(other_desk, limit=EVERYTHING)[-1][1] == there  # its own only
    relayed = {change.event_id: change for _, change in all_changes(other_desk, limit=EVERYTHING)}
    assert relayed[here.event_id] == here
    assert relayed[there.event_id] == there
