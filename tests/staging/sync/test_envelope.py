"""A change sealed for the hub opens only with the site's keys, unchanged, at its own place."""

from __future__ import annotations

from dataclasses import replace

import pytest

from staging.sync.envelope import Change, SiteKeys, UnreadableChange, open_event, seal

CHANGE = Change(
    event_id="01a2-event",
    device="desk-a",
    stamp="0001614614400000-000000-desk-a",
    entity="person",
    entity_id="01a2-person",
    op="update",
    values={"phone": "+52 664 555 0101", "given_names": "María José"},
    bases={"phone": "0001614614300000-000000-desk-b", "given_names": None},
)


def test_a_sealed_change_opens_as_it_was_and_shows_the_hub_no_name() -> None:
    keys = SiteKeys.new("k1")
    event = seal(CHANGE, "tijuana", keys)
    assert open_event(event, keys) == CHANGE
    visible = event.routing() + event.payload
    for secret in (b"Mar\xc3\xada", b"664 555", b"01a2-person", b"phone"):
        assert secret not in visible
    assert event.entity_ref == keys.pseudonym("person", "01a2-person")
    assert seal(CHANGE, "tijuana", keys).payload != event.payload  # a fresh nonce each time


@pytest.mark.parametrize(
    "tampered",
    [
        {"device": "desk-x"},
        {"stamp": "0009999999999999-000000-desk-a"},
        {"entity": "check_in"},
        {"entity_ref": "0" * 32},
        {"site": "matamoros"},
        {"event_id": "another"},
    ],
)
def test_a_payload_moved_re_dated_or_re_addressed_does_not_open(tampered: dict) -> None:
    keys = SiteKeys.new("k1")
    event = replace(seal(CHANGE, "tijuana", keys), **tampered)
    with pytest.raises(UnreadableChange):
        open_event(event, keys)


def test_another_sites_or_an_old_key_does_not_open_it() -> None:
    event = seal(CHANGE, "tijuana", SiteKeys.new("k1"))
    with pytest.raises(UnreadableChange):
        open_event(event, SiteKeys.new("k1"))
    with pytest.raises(UnreadableChange, match="cannot be opened"):
        open_event(event, SiteKeys.new("k2"))
