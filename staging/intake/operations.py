"""What the intake desk changes: arrivals (a whole household at once) and contact details.

Every write goes through the store's one write path; the screens only call these functions.
Each step takes an open unit of work so it can land together with another (a later boarding
scan checks in and boards in one transaction); the public function opens one for it alone.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

from staging.changes import Done
from staging.clock import site_today
from staging.domain import VULNERABILITY_FLAGS
from staging.errors import NotFound, Refused
from staging.people import queries
from staging.people.contact import FIELD_NAMES, check_contact
from staging.people.fields import PERSON_FIELDS, names
from staging.registration.parsing import FieldProblem, parse_vulnerabilities
from staging.rules import Action
from staging.rules.arrival import (
    StopSign,
    check_in_held,
    needs_confirmation,
    stop_signs,
    unconfirmed_stops,
)
from staging.store.store import Actor, Store, UnitOfWork
from staging.vocabulary import LABELS

# What intake staff may correct on a person's record (identity fields come from the lists).
CONTACT_FIELDS = frozenset(names(field for field in PERSON_FIELDS if field.editable_at_desk))
ADDRESS_PAIR = frozenset({"us_address_state", "us_address_zip"})


def _known_flags(text: str) -> frozenset[str]:
    """The desk names the flags in words; a list file's codes are for the rejects file."""
    try:
        return parse_vulnerabilities(text)
    except FieldProblem:
        known = [LABELS[flag] for flag in VULNERABILITY_FLAGS]
        raise Refused(
            f"Unknown vulnerability in “{text}”. Known: {', '.join(w.en for w in known)}",
            f"Vulnerabilidad desconocida en “{text}”. Conocidas: {', '.join(w.es for w in known)}",
        ) from None


def check_in(
    store: Store,
    actor: Actor,
    person_ids: Iterable[str],
    confirmed: Collection[StopSign] = (),
) -> Done[list[str]]:
    """Mark people as arrived at the site; returns those newly checked in.

    `confirmed` are the stop signs the volunteer saw and confirmed; a check-in held by any
    other is refused, whichever screen or command asked.
    """
    wanted = list(dict.fromkeys(person_ids))
    return store.run(
        actor, Action.CHECK_IN, lambda work: record_arrivals(work, wanted, frozenset(confirmed))
    )


def record_arrivals(
    work: UnitOfWork, person_ids: list[str], confirmed: frozenset[StopSign] = frozenset()
) -> list[str]:
    """Someone already checked in is not checked in twice; each check-in records the stop
    signs that were confirmed for that person."""
    work.require(Action.CHECK_IN)
    marks = ", ".join("?" for _ in person_ids)
    arriving = [
        queries.person_from_row(record)
        for record in queries.person_records(
            work.store.db, f"id IN ({marks}) AND NOT checked_in", person_ids
        )
    ]
    policy = work.store.policy()
    today = site_today(work.store.clock, policy.site.timezone)
    held = unconfirmed_stops(arriving, today, policy, confirmed)
    if held:
        raise check_in_held(held)
    by_id = {person.id: person for person in arriving}
    arrived = [p for p in person_ids if p in by_id]
    for person_id in arrived:
        signs = stop_signs(by_id[person_id], today, policy)
        work.insert(
            "check_in",
            {
                "person_id": person_id,
                "checked_in_at": work.at,
                "checked_in_by": work.actor.user,
                "device": work.device,
                "confirmed_stop_signs": ";".join(
                    sign for sign in signs if needs_confirmation(sign, policy)
                ),
            },
        )
    return arrived


def update_contact(
    store: Store, actor: Actor, person_id: str, changes: dict[str, str]
) -> Done[bool]:
    """Correct contact details or vulnerability flags (audited, before and after)."""
    refused = set(changes) - CONTACT_FIELDS
    if refused:
        raise Refused(
            "Names, birth date and case details come from the registration lists: they are "
            "corrected there, not at the desk",
            "Los nombres, la fecha de nacimiento y los datos del caso vienen de las listas de "
            "registro: se corrigen allí, no en el mostrador",
        )
    current = queries.find_person(store, person_id)
    if current is None:
        raise NotFound(f"No person {person_id}", f"No existe la persona {person_id}")
    cleaned = {k: v.strip() for k, v in changes.items()}
    cleaned.update(_checked_contact(current, cleaned))
    if "vulnerabilities" in cleaned:
        cleaned["vulnerabilities"] = ";".join(sorted(_known_flags(cleaned["vulnerabilities"])))
    changed = {k: v for k, v in cleaned.items() if current[k] != v}
    if not changed:
        return Done(False)
    return store.run(
        actor,
        Action.EDIT_CONTACT,
        lambda work: work.update(
            "person", person_id, {**changed, "updated_at": work.at}, before=current
        ),
    )


def _checked_contact(current: Mapping[str, Any], changes: dict[str, str]) -> dict[str, str]:
    """The changed contact fields in their stored form; ContactProblems names every wrong one.

    Only what is being changed is checked, so an old record with a value from before these
    checks can still have its other fields corrected. A ZIP code and its state are checked
    together: changing either checks the pair, the other taken from the record if unchanged.
    """
    pair = ADDRESS_PAIR if ADDRESS_PAIR & changes.keys() else frozenset()
    fields = [name for name in FIELD_NAMES if name in changes or name in pair]
    checked = check_contact({name: changes.get(name, current[name] or "") for name in fields})
    return {name: checked[name] for name in fields if name in changes}
