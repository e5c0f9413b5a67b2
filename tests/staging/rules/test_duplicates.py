"""Possible duplicates are asked about, never merged: the rule that decides when to ask."""

from __future__ import annotations

from staging.rules.duplicates import DuplicatesPolicy, possible_duplicate


def test_alike_names_on_the_same_birth_date_are_flagged() -> None:
    assert possible_duplicate(88, same_birth_date=True)
    assert not possible_duplicate(87, same_birth_date=True)


def test_a_different_birth_date_is_never_a_duplicate_however_alike_the_names() -> None:
    assert not possible_duplicate(100, same_birth_date=False)


def test_a_site_can_ask_about_less_alike_names() -> None:
    assert possible_duplicate(80, same_birth_date=True, policy=DuplicatesPolicy(80))
