"""Recording the paperwork through the write path, and what readiness makes of it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from staging.domain import Role
from staging.errors import PermissionDenied, Refused
from staging.paperwork.form import Eoir33Entry
from staging.paperwork.operations import (
    Courts,
    copy_address_to_household,
    form_row,
    mark_printed,
    mark_reopen_document,
    mark_served,
    prefilled_entry,
    record_legal_orientation,
    save_form,
)
from staging.people import queries
from staging.registration.service import import_registrations
from staging.rules import person_status
from staging.rules.paperwork import PaperworkBlocker, PaperworkPolicy, ReopenDocument
from staging.site.settings import save_site_settings
from staging.store.store import Actor, Store
from tests.conftest import registration_row, write_registrations

TODAY = date(2021, 3, 1)
EL_PASO = Courts(current="el-paso", receiving="el-paso")


@pytest.fixture
def site(store: Store, coordinator: Actor, tmp_path: Path) -> Store:
    rows = [
        registration_row(
            1,
            household_id="H-1",
            given_names="José Luis",
            paternal_surname="Pérez",
            maternal_surname="Gómez",
            us_address_street="1520 N Mesa St",
            us_address_city="El Paso",
            us_address_state="TX",
            us_address_zip="79902",
        ),
        registration_row(2, household_id="H-1", given_names="Ana", sex="F"),
        registration_row(3, household_id="H-3", case_status="in_absentia"),
    ]
    import_registrations(store, coordinator, write_registrations(tmp_path / "l.csv", rows))
    return store


def person(site: Store, registration: str) -> str:
    return queries.find_person(site, registration)["id"]


def blockers(site: Store, registration: str, viewer: Role = Role.COORDINATOR) -> tuple:
    record = queries.find_person(site, registration)
    status = person_status(queries.person_from_row(record), TODAY, site.policy(), viewer)
    return tuple(b for b in status.blockers if isinstance(b, PaperworkBlocker))


def test_the_form_is_prefilled_from_the_registration(site: Store) -> None:
    entry = prefilled_entry(site, person(site, "REG-0001"))
    assert (entry.last_name, entry.first_name, entry.middle_name) == ("Pérez Gómez", "José", "Luis")
    assert entry.a_number == "200000001"
    assert (entry.current_street, entry.current_state, entry.current_zip) == (
        "1520 N Mesa St",
        "TX",
        "79902",
    )


def test_a_draft_is_kept_and_the_form_blocks_until_complete_and_served(
    site: Store, coordinator: Actor
) -> None:
    jose = person(site, "REG-0001")
    assert blockers(site, "REG-0001") == (PaperworkBlocker.EOIR33_NOT_DONE,)
    draft = save_form(site, coordinator, jose, prefilled_entry(site, jose), EL_PASO).value
    assert not draft.complete and "Date signed" in draft.missing.en
    assert form_row(site, jose)["current_street"] == "1520 N Mesa St"
    signed = replace(prefilled_entry(site, jose), signed_on=TODAY)
    assert save_form(site, coordinator, jose, signed, EL_PASO).value.complete
    assert blockers(site, "REG-0001") == (PaperworkBlocker.EOIR33_NOT_SERVED,)
    mark_printed(site, coordinator, [jose])
    mark_served(
        site,
        coordinator,
        jose,
        server_name="Carmen Ruiz",
        opla_office="el-paso",
        served_on=TODAY,
        method="first_class_mail",
    )
    assert blockers(site, "REG-0001") == ()
    with pytest.raises(Refused, match="already served"):
        save_form(site, coordinator, jose, signed, EL_PASO)


def test_bad_values_save_nothing(site: Store, coordinator: Actor) -> None:
    jose = person(site, "REG-0001")
    wrong = Eoir33Entry(last_name="Pérez", a_number="200000001", current_zip="7990")
    with pytest.raises(Refused):
        save_form(site, coordinator, jose, wrong, EL_PASO)
    assert form_row(site, jose) is None


def test_the_household_gets_the_same_address(site: Store, coordinator: Actor) -> None:
    jose, ana = person(site, "REG-0001"), person(site, "REG-0002")
    save_form(site, coordinator, jose, prefilled_entry(site, jose), EL_PASO)
    assert copy_address_to_household(site, coordinator, jose).value == [ana]
    copied = form_row(site, ana)
    assert (copied["current_street"], copied["current_zip"], copied["first_name"]) == (
        "1520 N Mesa St",
        "79902",
        "Ana",
    )


def test_an_in_absentia_case_waits_for_its_reopening_documents(
    site: Store, coordinator: Actor
) -> None:
    absent = person(site, "REG-0003")
    assert PaperworkBlocker.REOPEN_DOCUMENTS_NEEDED in blockers(site, "REG-0003")
    for document in ReopenDocument:
        mark_reopen_document(site, coordinator, absent, document, prepared=True)
    assert PaperworkBlocker.REOPEN_DOCUMENTS_NEEDED not in blockers(site, "REG-0003")
    # Unticking one (the declaration must be redone) counts: the latest mark wins.
    mark_reopen_document(
        site, coordinator, absent, ReopenDocument.SUPPORTING_DECLARATION, prepared=False
    )
    assert PaperworkBlocker.REOPEN_DOCUMENTS_NEEDED in blockers(site, "REG-0003")


def test_legal_orientation_is_recorded_and_blocks_only_if_the_policy_says_so(
    site: Store, coordinator: Actor
) -> None:
    assert PaperworkBlocker.LEGAL_ORIENTATION_NEEDED not in blockers(site, "REG-0002")
    required = replace(site.policy(), paperwork=PaperworkPolicy(legal_orientation_required=True))
    save_site_settings(site, Actor("admin", Role.ADMIN), "Casa del Migrante", required)
    assert PaperworkBlocker.LEGAL_ORIENTATION_NEEDED in blockers(site, "REG-0002")
    ids = [person(site, "REG-0001"), person(site, "REG-0002")]
    assert record_legal_orientation(site, coordinator, ids, TODAY, "Al Otro Lado").value == 2
    assert PaperworkBlocker.LEGAL_ORIENTATION_NEEDED not in blockers(site, "REG-0002")
    with pytest.raises(Refused, match="in the future"):
        record_legal_orientation(site, coordinator, ids, date(2021, 3, 2), "Al Otro Lado")


def test_screeners_do_not_prepare_paperwork(site: Store) -> None:
    with pytest.raises(PermissionDenied):
        record_legal_orientation(
            site, Actor("sofia", Role.SCREENER), [person(site, "REG-0001")], TODAY, "x"
        )
