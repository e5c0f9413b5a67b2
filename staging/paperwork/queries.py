"""What the paperwork desk reads: who still needs the form, and each form ready to print."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from staging.courts.directory import CourtDirectory, OplaOffice
from staging.courts.site import site_directory
from staging.domain import Person
from staging.errors import NotFound, UserError
from staging.paperwork.courts import CourtChoice, court_choice
from staging.paperwork.form import Eoir33Entry, check_entry
from staging.paperwork.operations import Courts, form_row, prefilled_entry
from staging.people import queries
from staging.rules.paperwork import FormRevision
from staging.store.store import Store

# Where an administrator puts the official fillable PDF for the site to fill instead of drawing
# its replica (beside the site database: it travels with the site, not with the app).
OFFICIAL_FORMS_FOLDER = "forms"
OFFICIAL_EOIR33_FILE = "EOIR-33IC.pdf"


@dataclass(frozen=True)
class FormToPrint:
    """One person's form as saved (or as the registration prefills it), with its courts."""

    person: Person
    entry: Eoir33Entry
    courts: CourtChoice
    receiving_reason: str
    service: dict[str, Any] | None  # server_name, served_on, service_method, once served
    revision: FormRevision
    complete: bool
    printed_at: str | None
    served_office: OplaOffice | None = None  # the office the proof of service names, once served


def forms_to_print(store: Store, person_ids: Iterable[str]) -> list[FormToPrint]:
    directory = site_directory(store)
    revision = store.policy().paperwork.eoir33_revision
    return [_to_print(store, directory, revision, person_id) for person_id in person_ids]


def typed_form(store: Store, person_id: str, entry: Eoir33Entry, courts: Courts) -> FormToPrint:
    """The paper as typed, not saved (a live preview): what a save and a print would give."""
    with contextlib.suppress(UserError):  # cleaned as it would be saved, if it can be
        entry = check_entry(entry, store.today()).entry
    directory = site_directory(store)
    revision = store.policy().paperwork.eoir33_revision
    return _to_print(store, directory, revision, person_id, (entry, courts))


def _to_print(
    store: Store,
    directory: CourtDirectory,
    revision: FormRevision,
    person_id: str,
    typed: tuple[Eoir33Entry, Courts] | None = None,
) -> FormToPrint:
    record = queries.find_person(store, person_id)
    if record is None:
        raise NotFound(f"No person {person_id}", f"No existe la persona {person_id}")
    saved = form_row(store, person_id) or {}
    entry, courts = typed or (
        prefilled_entry(store, person_id),
        Courts(
            saved.get("current_court", ""),
            saved.get("receiving_court", ""),
            saved.get("receiving_court_reason", ""),
        ),
    )
    choice = court_choice(
        directory, record["current_court"], courts.current, courts.receiving, entry.current_zip
    )
    served = saved.get("served_at")
    service = (
        {key: saved[key] for key in ("server_name", "served_on", "service_method", "opla_office")}
        if served
        else None
    )
    return FormToPrint(
        person=queries.person_from_row(record),
        entry=entry,
        courts=choice,
        receiving_reason=courts.receiving_reason,
        service=service,
        served_office=directory.opla_offices_by_key.get(service["opla_office"])
        if service
        else None,
        revision=revision,
        complete=bool(saved.get("completed_at")),
        printed_at=saved.get("printed_at"),
    )


def household_ids(store: Store, person_id: str) -> list[str]:
    """Everyone of the person's household who has a case (and so a form)."""
    record = queries.find_person(store, person_id)
    if record is None:
        return []
    return [
        member["id"]
        for member in queries.household_records(store, record["household_id"])
        if member["a_number"]
    ]


@dataclass(frozen=True)
class Waiting:
    person: Person
    household_external_id: str | None
    form_state: str  # "none", "draft", "complete" (not served yet)


def waiting_for_form(store: Store) -> list[Waiting]:
    """Checked-in people with a case whose form is not served yet, households together."""
    found = []
    for record in queries.rows(
        store.db,
        "SELECT f.*, e.id AS form_id, e.completed_at AS form_completed "
        "FROM person_facts f LEFT JOIN eoir33_form e ON e.person_id = f.id "
        "WHERE f.checked_in AND f.a_number IS NOT NULL AND e.served_at IS NULL "
        "ORDER BY f.household_external_id, f.date_of_birth",
    ):
        state = "none" if record["form_id"] is None else "draft"
        if record["form_completed"]:
            state = "complete"
        found.append(
            Waiting(queries.person_from_row(record), record["household_external_id"], state)
        )
    return found


def official_template(store: Store) -> Path | None:
    """The official fillable PDF an administrator placed beside the site, if any."""
    if store.path is None:
        return None
    path = store.path.parent / OFFICIAL_FORMS_FOLDER / OFFICIAL_EOIR33_FILE
    return path if path.is_file() else None
