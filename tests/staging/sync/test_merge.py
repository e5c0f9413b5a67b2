"""The merge rule: desks that have seen the same changes show the same data, in any order of
arrival; no fact is lost; edits made without knowing of each other wait for a coordinator."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from staging.sync.hlc import format_stamp
from staging.sync.merge import (
    Edit,
    conflicts,
    leaves,
    merge_facts,
    resolution,
    resolve,
    resolve_field,
)

PHONE = ("person", "p1", "phone")


def edit(value: str, stamp: str, *bases: str, key: tuple[str, str, str] = PHONE) -> Edit:
    return Edit(*key, value, stamp, frozenset(bases))


def test_an_edit_after_another_replaces_it_without_conflict() -> None:
    first = edit("555-0101", "0000000001000-000000-a")
    second = edit("555-0202", "0000000002000-000000-b", first.stamp)
    for order in ([first, second], [second, first]):
        state = resolve_field(order)
        assert (state.value, state.conflict) == ("555-0202", ())


def test_two_edits_from_one_base_are_a_conflict_the_later_stamp_shown_everywhere() -> None:
    base = edit("555-0101", "0000000001000-000000-a")
    on_a = edit("555-0202", "0000000002000-000000-a", base.stamp)
    on_b = edit("555-0303", "0000000002000-000000-b", base.stamp)  # same instant: device decides
    state = resolve_field([on_a, base, on_b])
    assert state.value == "555-0303"
    assert state.conflict == (on_b, on_a)
    chosen = resolution(state, "555-0202", "0000000003000-000000-c")
    assert chosen.bases == {on_a.stamp, on_b.stamp}
    settled = resolve_field([on_a, base, on_b, chosen])
    assert (settled.value, settled.conflict) == ("555-0202", ())


def test_an_edit_made_while_a_conflict_is_shown_does_not_settle_it() -> None:
    base = edit("x", "0000000001000-000000-a")
    on_a = edit("y", "0000000002000-000000-a", base.stamp)
    on_b = edit("z", "0000000002500-000000-b", base.stamp)
    over_b = edit("w", "0000000003000-000000-c", on_b.stamp)  # replaced the value shown only
    state = resolve_field([base, on_a, on_b, over_b])
    assert state.value == "w" and {e.stamp for e in state.conflict} == {over_b.stamp, on_a.stamp}


def test_facts_merge_as_a_set_by_id() -> None:
    a = {"f1": {"at": "09:00"}, "f2": {"at": "09:05"}}
    b = {"f2": {"at": "09:05"}, "f3": {"at": "09:10"}}
    assert merge_facts(a, b) == merge_facts(b, a, a) == {**a, **b}


# --- Desks working apart and meeting again, at random -------------------------------------


@dataclass
class Desk:
    name: str
    edits: set[Edit] = field(default_factory=set)
    facts: dict[str, dict[str, str]] = field(default_factory=dict)

    def shown(self, key: tuple[str, str, str]) -> Edit | None:
        mine = [e for e in self.edits if e.key == key]
        return resolve_field(mine).edit if mine else None


DESKS = ("a", "b", "c")
FIELDS = [("person", person, name) for person in ("p1", "p2") for name in ("phone", "city")]
steps = st.lists(
    st.one_of(
        st.tuples(st.just("edit"), st.sampled_from(DESKS), st.sampled_from(FIELDS)),
        st.tuples(st.just("fact"), st.sampled_from(DESKS), st.none()),
        st.tuples(st.just("resolve"), st.sampled_from(DESKS), st.sampled_from(FIELDS)),
        st.tuples(st.just("sync"), st.sampled_from(DESKS), st.sampled_from(DESKS)),
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(steps)
def test_desks_that_have_seen_the_same_changes_show_the_same_data(program: list) -> None:
    desks = {name: Desk(name) for name in DESKS}
    clock = itertools.count(1)
    made_facts: set[str] = set()
    made_edits: set[Edit] = set()
    for kind, desk_name, target in program:
        desk = desks[desk_name]
        stamp = format_stamp(next(clock), 0, desk_name)
        if kind == "edit":
            shown = desk.shown(target)
            new = Edit(
                *target,
                f"{desk_name}{stamp}",
                stamp,
                frozenset({shown.stamp}) if shown else frozenset(),
            )
            desk.edits.add(new)
            made_edits.add(new)
        elif kind == "fact":
            desk.facts[stamp] = {"by": desk_name}
            made_facts.add(stamp)
        elif kind == "resolve":
            mine = [e for e in desk.edits if e.key == target]
            if mine and (state := resolve_field(mine)).conflict:
                new = resolution(state, state.value, stamp)
                desk.edits.add(new)
                made_edits.add(new)
        else:  # one desk's changes reach another (hub or USB): the union, in any order
            other = desks[target]
            other.edits |= desk.edits
            other.facts = merge_facts(other.facts, desk.facts)
    # Everyone meets: every desk receives every change, each in its own order.
    everything = set().union(*(desk.edits for desk in desks.values()))
    all_facts = merge_facts(*(desk.facts for desk in desks.values()))
    states = [
        resolve(sorted(everything, key=hash)),
        resolve(everything),
        resolve(list(everything)[::-1]),
    ]
    assert states[0] == states[1] == states[2]
    assert set(all_facts) == made_facts  # no fact lost
    assert everything == made_edits  # no edit lost either
    for key, state in states[0].items():
        field_edits = [e for e in everything if e.key == key]
        current = leaves(field_edits)
        # Every edit no one has replaced is either the value shown or in the conflict list.
        assert len(current) == 1 or set(state.conflict) == set(current)
        assert state.edit == current[0]
    assert [s.edit.key for s in conflicts(everything)] == sorted(
        key for key, s in states[0].items() if s.conflict
    )
