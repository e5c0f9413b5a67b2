"""Possible duplicates: the same person registered twice is flagged for review, and merged only
when someone who compared the two says they are one person and chooses each differing value."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from staging.errors import Refused
from staging.people.fields import PERSON_FIELDS
from staging.vocabulary import PERSON_FIELD_NAMES

# Each registration keeps its own id: the kept person's stays theirs, the other's becomes an
# alias that still finds them (a partner's next list, a printed wristband, a form).
NEVER_CHOSEN = frozenset({"registration_id"})
COMPARED_FIELDS: tuple[str, ...] = tuple(
    field.name for field in PERSON_FIELDS if field.name not in NEVER_CHOSEN
)


@dataclass(frozen=True)
class DuplicatesPolicy:
    """How alike two names must be (0–100) before someone is asked to compare the records."""

    possible_duplicate_min_score: int = 88


def possible_duplicate(
    name_score: float, same_birth_date: bool, policy: DuplicatesPolicy = DuplicatesPolicy()
) -> bool:
    """Same birth date and alike names (accents, case, surname order aside): review, never merge."""
    return same_birth_date and name_score >= policy.possible_duplicate_min_score


def differing_fields(first: Mapping[str, Any], second: Mapping[str, Any]) -> tuple[str, ...]:
    """The fields, in the list's order, whose stored values differ: the ones a reviewer must
    choose between. A blank value and a missing one are the same (nothing recorded)."""
    return tuple(
        name for name in COMPARED_FIELDS if _stored(first.get(name)) != _stored(second.get(name))
    )


def _stored(value: Any) -> Any:
    return "" if value is None else value


class MergeChoiceRefused(Refused):
    """A merge's choices do not fit the pair compared: nothing was merged."""


def check_merge_choices(
    pair: tuple[str, str], keep: str, take_other: Collection[str], differing: Collection[str]
) -> None:
    """Refuse a merge whose choices do not fit: the person kept must be one of the pair, and
    each value taken from the other person must be a field on which the two differ (a field
    that no longer differs means the records changed since the reviewer compared them)."""
    if keep not in pair:
        raise MergeChoiceRefused(
            "The person to keep must be one of the two registrations compared",
            "La persona que se conserva debe ser uno de los dos registros comparados",
        )
    if NEVER_CHOSEN & set(take_other):
        raise MergeChoiceRefused(
            "Each registration keeps its own registration id: the other one's stays as an alias "
            "of the person kept",
            "Cada registro conserva su propio número de registro: el del otro queda como alias "
            "de la persona que se conserva",
        )
    unknown = sorted(set(take_other) - set(COMPARED_FIELDS))
    if unknown:
        raise MergeChoiceRefused(
            f"Unknown field: {', '.join(unknown)}",
            f"Campo desconocido: {', '.join(unknown)}",
        )
    same = [name for name in COMPARED_FIELDS if name in take_other and name not in differing]
    if same:
        names = PERSON_FIELD_NAMES
        raise MergeChoiceRefused(
            "The two registrations do not differ in: "
            f"{', '.join(names[name].en for name in same)}; compare them again",
            "Los dos registros no difieren en: "
            f"{', '.join(names[name].es for name in same)}; compárelos de nuevo",
        )


def merged_values(
    kept: Mapping[str, Any], other: Mapping[str, Any], take_other: Collection[str]
) -> dict[str, Any]:
    """The kept person's fields that the merge changes: each value chosen from the other."""
    return {
        name: other.get(name)
        for name in COMPARED_FIELDS
        if name in take_other and _stored(kept.get(name)) != _stored(other.get(name))
    }


@dataclass(frozen=True)
class Registration:
    """What decides how two registrations of one person are merged: when each was registered
    and, if so, first checked in (UTC, ISO 8601), and whether either was screened."""

    id: str
    registered_at: str
    checked_in_at: str | None = None
    screened: bool = False

    @property
    def checked_in(self) -> bool:
        return self.checked_in_at is not None


def merge_needs_confirmation(first: Registration, second: Registration) -> bool:
    """Both already checked in, or both screened: two people may have been served under alike
    names, so a merge is confirmed by someone who has seen what each has recorded."""
    return (first.checked_in and second.checked_in) or (first.screened and second.screened)


def suggested_keep(first: Registration, second: Registration) -> str:
    """The registration to keep unless the reviewer chooses otherwise: the one checked in first
    (the desk already knows the person by it), else the one registered first."""

    def order(registration: Registration) -> tuple[bool, str, str, str]:
        arrived = registration.checked_in_at
        return (arrived is None, arrived or "", registration.registered_at, registration.id)

    return min(first, second, key=order).id
