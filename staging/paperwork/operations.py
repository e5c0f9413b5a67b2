"""Recording the paperwork: the EOIR-33 form (saved as a draft until complete, then printed and
served), legal orientation attended, and the documents prepared to reopen a case.

The form is a record edited until it is served; orientation and documents are facts. Every
write goes through the store's one write path and is audited like any other.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from staging.changes import Done
from staging.courts.site import site_directory
from staging.errors import NotFound, Refused
from staging.paperwork.courts import check_court_choice
from staging.paperwork.form import (
    ADDRESS_FIELDS,
    CheckedForm,
    Eoir33Entry,
    check_entry,
    missing_words,
)
from staging.people import queries
from staging.rules import Action
from staging.rules.paperwork import ReopenDocument
from staging.store.store import Actor, Store, UnitOfWork, require
from staging.vocabulary import Words


@dataclass(frozen=True)
class Courts:
    """The form's courts: where the case is pending (the form is filed and served there) and
    where it should move, nearest the new address unless someone chose otherwise, and why."""

    current: str = ""
    receiving: str = ""
    receiving_reason: str = ""


@dataclass(frozen=True)
class FormSaved:
    complete: bool
    missing: Words | None
    warnings: tuple[Words, ...]


def form_row(store: Store, person_id: str) -> dict[str, Any] | None:
    found = queries.rows(store.db, "SELECT * FROM eoir33_form WHERE person_id = ?", [person_id])
    return found[0] if found else None


def save_form(
    store: Store, actor: Actor, person_id: str, entry: Eoir33Entry, courts: Courts
) -> Done[FormSaved]:
    """Saved as typed (cleaned) even when incomplete, so nothing typed is lost; complete once
    every required field is there. A served form is not edited: its copy is with ICE."""
    require(actor, Action.PREPARE_PAPERWORK)
    _person(store, person_id)
    existing = form_row(store, person_id)
    if existing is not None and existing["served_at"]:
        raise Refused(
            "This form was already served on ICE: file a new change of address instead",
            "Este formulario ya se entregó a ICE: presente un nuevo cambio de domicilio",
        )
    checked = check_entry(entry, store.today())
    _check_courts(store, courts, checked.entry.current_zip)
    row = _row(checked, courts)
    return store.run(
        actor,
        Action.PREPARE_PAPERWORK,
        lambda work: _upsert(work, person_id, existing, row, checked),
    )


def _check_courts(store: Store, courts: Courts, zip_code: str) -> None:
    check_court_choice(
        site_directory(store), courts.current, courts.receiving, courts.receiving_reason, zip_code
    )


def _row(checked: CheckedForm, courts: Courts) -> dict[str, Any]:
    values = checked.entry.values()
    values["signed_on"] = values["signed_on"].isoformat() if values["signed_on"] else None
    values.update(
        current_court=courts.current,
        receiving_court=courts.receiving,
        receiving_court_reason=courts.receiving_reason.strip(),
    )
    return values


def _upsert(
    work: UnitOfWork,
    person_id: str,
    existing: dict[str, Any] | None,
    row: dict[str, Any],
    checked: CheckedForm,
) -> FormSaved:
    complete = checked.complete and bool(row["current_court"])
    row = {**row, "completed_at": work.at if complete else None, "updated_at": work.at}
    if existing is None:
        work.insert("eoir33_form", {**row, "person_id": person_id, "created_at": work.at})
    else:
        if existing["completed_at"] and complete:
            row["completed_at"] = existing["completed_at"]
        work.update("eoir33_form", existing["id"], row, before=existing)
    missing = list(checked.missing) + ([] if row["current_court"] else ["current_court"])
    return FormSaved(
        complete,
        missing_words(tuple(name for name in missing if name != "current_court"))
        if missing
        else None,
        checked.warnings,
    )


def copy_address_to_household(store: Store, actor: Actor, person_id: str) -> Done[list[str]]:
    """The household moves to one address: its other members' forms get it too (their
    drafts are created from the registration first), served forms excepted."""
    require(actor, Action.PREPARE_PAPERWORK)
    source = form_row(store, person_id)
    if source is None or not source["current_street"]:
        raise Refused("Save this person's new address first", "Guarde primero la nueva dirección")
    record = _person(store, person_id)
    address = {name: source[name] for name in ADDRESS_FIELDS}
    members = [
        member
        for member in queries.household_records(store, record["household_id"])
        if member["id"] != person_id and member["a_number"]
    ]

    def copy(work: UnitOfWork) -> list[str]:
        copied = []
        for member in members:
            existing = form_row(work.store, member["id"])
            if existing is not None and existing["served_at"]:
                continue
            if existing is None:
                draft = prefilled_entry(work.store, member["id"]).values()
                draft["signed_on"] = None
                work.insert(
                    "eoir33_form",
                    {
                        **draft,
                        **address,
                        "person_id": member["id"],
                        "created_at": work.at,
                        "updated_at": work.at,
                    },
                )
            else:
                work.update("eoir33_form", existing["id"], {**address, "updated_at": work.at})
            copied.append(member["id"])
        return copied

    return store.run(actor, Action.PREPARE_PAPERWORK, copy)


def mark_printed(store: Store, actor: Actor, person_ids: Iterable[str]) -> Done[int]:
    require(actor, Action.PREPARE_PAPERWORK)
    ids = list(dict.fromkeys(person_ids))
    rows = [_complete_form(store, person_id) for person_id in ids]

    def mark(work: UnitOfWork) -> int:
        for row in rows:
            work.update("eoir33_form", row["id"], {"printed_at": work.at}, before=row)
        return len(rows)

    return store.run(actor, Action.PREPARE_PAPERWORK, mark)


def mark_served(
    store: Store,
    actor: Actor,
    person_id: str,
    *,
    server_name: str,
    opla_office: str,
    served_on: date,
    method: str,
) -> Done[bool]:
    """The proof of service: who served which OPLA office, when and how (8 CFR 1003.32)."""
    require(actor, Action.PREPARE_PAPERWORK)
    row = _complete_form(store, person_id)
    if not server_name.strip():
        raise Refused("Name the person who served the form", "Indique quién entregó el formulario")
    if not opla_office:
        raise Refused(
            "Choose the ICE office (OPLA) served", "Elija la oficina de ICE (OPLA) notificada"
        )
    if served_on > store.today():
        raise Refused(
            f"The date of service {served_on:%Y-%m-%d} is in the future",
            f"La fecha de entrega {served_on:%Y-%m-%d} está en el futuro",
        )
    if method not in ("first_class_mail", "in_person"):
        raise Refused(
            "Service is by first-class mail or in person (electronic service exists only in "
            "EOIR's ECAS, for represented cases)",
            "La entrega es por correo de primera clase o en persona (la entrega electrónica solo "
            "existe en ECAS de EOIR, para casos con representante)",
        )
    return store.run(
        actor,
        Action.PREPARE_PAPERWORK,
        lambda work: work.update(
            "eoir33_form",
            row["id"],
            {
                "server_name": server_name.strip(),
                "opla_office": opla_office,
                "served_on": served_on.isoformat(),
                "service_method": method,
                "served_at": work.at,
            },
            before=row,
        ),
    )


def record_legal_orientation(
    store: Store, actor: Actor, person_ids: Iterable[str], attended_on: date, provider: str
) -> Done[int]:
    """A session is attended by many at once: one fact per person."""
    require(actor, Action.PREPARE_PAPERWORK)
    ids = list(dict.fromkeys(person_ids))
    for person_id in ids:
        _person(store, person_id)
    if not provider.strip():
        raise Refused(
            "Name the organisation that gave the orientation",
            "Indique la organización que dio la orientación",
        )
    if attended_on > store.today():
        raise Refused(
            f"The orientation date {attended_on:%Y-%m-%d} is in the future",
            f"La fecha de la orientación {attended_on:%Y-%m-%d} está en el futuro",
        )

    def record(work: UnitOfWork) -> int:
        for person_id in ids:
            work.insert(
                "legal_orientation",
                {
                    "person_id": person_id,
                    "attended_on": attended_on.isoformat(),
                    "provider": provider.strip(),
                    "recorded_at": work.at,
                    "recorded_by": work.actor.user,
                },
            )
        return len(ids)

    return store.run(actor, Action.PREPARE_PAPERWORK, record)


def mark_reopen_document(
    store: Store,
    actor: Actor,
    person_id: str,
    document: ReopenDocument,
    prepared: bool,
    note: str = "",
) -> Done[str]:
    """A tick on the reopening checklist (or its removal): the latest mark counts."""
    require(actor, Action.PREPARE_PAPERWORK)
    _person(store, person_id)
    return store.run(
        actor,
        Action.PREPARE_PAPERWORK,
        lambda work: work.insert(
            "reopen_document",
            {
                "person_id": person_id,
                "document": str(ReopenDocument(document)),
                "prepared": int(prepared),
                "note": note.strip(),
                "recorded_at": work.at,
                "recorded_by": work.actor.user,
            },
        ),
    )


# --- reading ------------------------------------------------------------------------------------


def prefilled_entry(store: Store, person_id: str) -> Eoir33Entry:
    """The saved form, or one filled from the registration: Hispanic names carry both
    surnames as the last name, and the first given name is the first name."""
    saved = form_row(store, person_id)
    if saved is not None:
        return Eoir33Entry.from_row(saved)
    record = _person(store, person_id)
    given = record["given_names"].split(maxsplit=1)
    surnames = " ".join(
        part for part in (record["paternal_surname"], record["maternal_surname"]) if part
    )
    return Eoir33Entry(
        last_name=surnames,
        first_name=given[0] if given else "",
        middle_name=given[1] if len(given) > 1 else "",
        a_number=record["a_number"] or "",
        current_street=record["us_address_street"],
        current_city=record["us_address_city"],
        current_state=record["us_address_state"],
        current_zip=record["us_address_zip"],
        current_phone=record["us_contact_phone"],
        current_email=record["email"],
        former_phone=record["phone"],
        former_country="Mexico",
    )


def _person(store: Store, person_id: str) -> dict[str, Any]:
    record = queries.find_person(store, person_id)
    if record is None:
        raise NotFound(f"No person {person_id}", f"No existe la persona {person_id}")
    return record


def _complete_form(store: Store, person_id: str) -> dict[str, Any]:
    row = form_row(store, person_id)
    if row is None or not row["completed_at"]:
        raise Refused("Complete and save the form first", "Complete y guarde primero el formulario")
    return row
