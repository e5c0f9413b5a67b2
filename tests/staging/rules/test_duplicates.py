"""Possible duplicates are asked about, never merged unasked: when to ask, and the rules of a
merge a reviewer decides (which fields differ, which choices fit, when to confirm again)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from staging.rules.duplicates import (
    COMPARED_FIELDS,
    DuplicatesPolicy,
    MergeChoiceRefused,
    Registration,
    check_merge_choices,
    differing_fields,
    merge_needs_confirmation,
    merged_values,
    possible_duplicate,
    suggested_keep,
)


def test_alike_names_on_the_same_birth_date_are_flagged() -> None:
    assert possible_duplicate(88, same_birth_date=True)
    assert not possible_duplicate(87, same_birth_date=True)


def test_a_different_birth_date_is_never_a_duplicate_however_alike_the_names() -> None:
    assert not possible_duplicate(100, same_birth_date=False)


def test_a_site_can_ask_about_less_alike_names() -> None:
    assert possible_duplicate(80, same_birth_date=True, policy=DuplicatesPolicy(80))


# --- merging two registrations of one person --------------------------------------------------

FIELD_VALUES = st.one_of(st.none(), st.text(max_size=4))
RECORDS = st.fixed_dictionaries({name: FIELD_VALUES for name in COMPARED_FIELDS}).map(
    lambda values: {**values, "registration_id": "REG"}
)


@given(RECORDS, RECORDS)
def test_the_fields_that_differ_are_the_same_whichever_registration_comes_first(
    first: dict, second: dict
) -> None:
    assert differing_fields(first, second) == differing_fields(second, first)
    assert differing_fields(first, first) == ()


@given(RECORDS, RECORDS)
def test_the_registration_id_never_differs_each_keeps_its_own(first: dict, second: dict) -> None:
    assert "registration_id" not in differing_fields(
        {**first, "registration_id": "A"}, {**second, "registration_id": "B"}
    )


def test_blank_and_missing_are_the_same_and_the_list_order_is_kept() -> None:
    first = {"a_number": None, "phone": "", "given_names": "Ana", "notes": "x"}
    second = {"a_number": "", "phone": None, "given_names": "Ana María", "notes": "y"}
    assert differing_fields(first, second) == ("given_names", "notes")


@given(RECORDS, RECORDS, st.data())
def test_any_choice_among_the_differing_fields_is_accepted_and_taken(
    first: dict, second: dict, data: st.DataObject
) -> None:
    differing = differing_fields(first, second)
    taken = data.draw(st.sets(st.sampled_from(differing)) if differing else st.just(set()))
    check_merge_choices(("p1", "p2"), "p1", taken, differing)
    values = merged_values(first, second, taken)
    assert set(values) == taken
    assert all(values[name] == second.get(name) for name in taken)


def test_the_person_kept_must_be_one_of_the_pair() -> None:
    with pytest.raises(MergeChoiceRefused) as refused:
        check_merge_choices(("p1", "p2"), "p3", set(), ())
    assert "uno de los dos registros" in refused.value.message_es


def test_the_registration_id_and_unknown_fields_are_refused() -> None:
    with pytest.raises(MergeChoiceRefused, match="own registration id"):
        check_merge_choices(("p1", "p2"), "p1", {"registration_id"}, ())
    with pytest.raises(MergeChoiceRefused, match="Unknown field: colour"):
        check_merge_choices(("p1", "p2"), "p1", {"colour"}, ())


def test_a_field_that_no_longer_differs_is_refused_by_its_name() -> None:
    with pytest.raises(MergeChoiceRefused) as refused:
        check_merge_choices(("p1", "p2"), "p2", {"phone", "given_names"}, ("given_names",))
    assert "Phone" in refused.value.message_en and "Teléfono" in refused.value.message_es


REGISTRATIONS = st.builds(
    Registration,
    id=st.sampled_from(["p1", "p2"]),
    registered_at=st.sampled_from(["2021-02-01T10:00", "2021-02-02T10:00"]),
    checked_in_at=st.sampled_from([None, "2021-03-01T15:00", "2021-03-01T16:00"]),
    screened=st.booleans(),
)


@given(REGISTRATIONS, REGISTRATIONS)
def test_confirmation_is_asked_only_when_both_arrived_or_both_were_screened(
    first: Registration, second: Registration
) -> None:
    asked = merge_needs_confirmation(first, second)
    assert asked == merge_needs_confirmation(second, first)
    assert asked == (
        (first.checked_in and second.checked_in) or (first.screened and second.screened)
    )


@given(REGISTRATIONS, REGISTRATIONS)
def test_the_suggestion_does_not_depend_on_the_order_shown(
    first: Registration, second: Registration
) -> None:
    second = replace(second, id="p2" if first.id == "p1" else "p1")
    assert suggested_keep(first, second) == suggested_keep(second, first)


def test_the_one_checked_in_first_is_suggested_else_the_one_registered_first() -> None:
    early = Registration("p1", "2021-02-01T10:00")
    late = Registration("p2", "2021-02-05T10:00")
    assert suggested_keep(late, early) == "p1"
    arrived = replace(late, checked_in_at="2021-03-01T15:00")
    assert suggested_keep(early, arrived) == "p2"
    arrived_earlier = replace(early, checked_in_at="2021-03-01T14:00")
    assert suggested_keep(arrived, arrived_earlier) == "p1"
