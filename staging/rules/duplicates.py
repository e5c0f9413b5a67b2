"""Possible duplicates: the same person registered twice is flagged for review, never merged."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DuplicatesPolicy:
    """How alike two names must be (0–100) before someone is asked to compare the records."""

    possible_duplicate_min_score: int = 88


def possible_duplicate(
    name_score: float, same_birth_date: bool, policy: DuplicatesPolicy = DuplicatesPolicy()
) -> bool:
    """Same birth date and alike names (accents, case, surname order aside): review, never merge."""
    return same_birth_date and name_score >= policy.possible_duplicate_min_score
