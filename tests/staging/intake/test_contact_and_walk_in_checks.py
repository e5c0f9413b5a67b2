"""What the intake desk refuses to save: contact details nobody could use, walk-in forms with
missing or wrong fields — every problem reported at once, nothing saved until all are fixed."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest

from staging.intake.operations import update_contact
from staging.intake.walk_ins import WalkIn, WalkInProblems, read_walk_ins, register_walk_ins
from staging.people import queries
from staging.people.contact import ContactProblems
from staging.registration.problems import ProblemCode
from staging.registration.service import import_registrations
from staging.store.store import Actor, Store
from tests.conftest import registration_row, write_registrations

TODAY = date(2021, 3, 1)  # the conftest clock's day at the site


@pytest.fixture
def site(store: Store, coordinator: Actor, tmp_path: Path) -> Store:
    # A phone written before the desk checked phones: it must not block other corrections.
    row = registration_row(
        1, phone="664 555 0101 (recados)", us_address_state="TX", us_address_zip="79901"
    )
    import_registrations(store, coordinator, write_registrations(tmp_path / "l.csv", [row]))
    return store


def maria(site: Store) -> dict:
    return queries.find_person(site, "REG-0001")


def audit_count(site: Store) -> int:
    return site.db.execute("SELECT count(*) FROM audit_log").fetchone()[0]


def people_count(site: Store) -> int:
    return site.db.execute("SELECT count(*) FROM person").fetchone()[0]


# --- contact details -----------------------------------------------------------------------------


def test_wrong_contact_details_are_all_refused_and_nothing_is_saved(
    site: Store, intake: Actor
) -> None:
    before, audited = maria(site), audit_count(site)
    changes = {
        "phone": "not a phone",
        "email": "bad@@",
        "us_address_zip": "ABCDE",
        "us_contact_name": "Rosa Mejía",
    }
    with pytest.raises(ContactProblems) as refused:
        update_contact(site, intake, before["id"], changes)
    assert list(refused.value.problems) == ["phone", "email", "us_address_zip"]
    assert "“ABCDE” is not a ZIP code" in refused.value.message_en
    assert maria(site) == before
    assert audit_count(site) == audited


def test_contact_details_are_saved_in_their_normalised_form(site: Store, intake: Actor) -> None:
    person_id = maria(site)["id"]
    changes = {
        "phone": "(664) 123-4567",
        "email": " Ana.Perez@Gmail.COM ",
        "us_contact_phone": "915 555 0123",
        "us_address_state": "Nuevo México",
        "us_address_zip": "87501",
    }
    assert update_contact(site, intake, person_id, changes).value
    after = maria(site)
    assert {name: after[name] for name in changes} == {
        "phone": "+526641234567",
        "email": "Ana.Perez@gmail.com",
        "us_contact_phone": "+19155550123",
        "us_address_state": "NM",
        "us_address_zip": "87501",
    }
    # The same number written another way is no change at all.
    assert not update_contact(site, intake, person_id, {"phone": "+52 664 123 4567"}).value


def test_a_new_zip_code_is_checked_against_the_state_on_record(site: Store, intake: Actor) -> None:
    person_id = maria(site)["id"]
    with pytest.raises(ContactProblems) as refused:
        update_contact(site, intake, person_id, {"us_address_zip": "90210"})
    assert refused.value.problems["us_address_zip"].message_en == (
        "ZIP 90210 is in California (CA), not Texas (TX)"
    )
    assert "no en Texas (TX)" in refused.value.message_es
    assert maria(site)["us_address_zip"] == "79901"

    # A new state is checked against the ZIP code on record, and the ZIP code is the one marked.
    with pytest.raises(ContactProblems) as refused:
        update_contact(site, intake, person_id, {"us_address_state": "California"})
    assert list(refused.value.problems) == ["us_address_zip"]
    assert "ZIP 79901 is in Texas (TX), not California (CA)" in refused.value.message_en
    assert maria(site)["us_address_state"] == "TX"

    assert update_contact(site, intake, person_id, {"us_address_zip": "79902"}).value
    assert maria(site)["us_address_zip"] == "79902"


def test_an_old_value_nobody_touched_does_not_block_other_corrections(
    site: Store, intake: Actor
) -> None:
    person_id = maria(site)["id"]
    assert update_contact(site, intake, person_id, {"email": "rosa@correo.mx"}).value
    after = maria(site)
    assert after["email"] == "rosa@correo.mx"
    assert after["phone"] == "664 555 0101 (recados)"


# --- walk-ins ------------------------------------------------------------------------------------


def test_an_empty_walk_in_form_names_every_missing_field_of_every_person() -> None:
    with pytest.raises(WalkInProblems) as refused:
        read_walk_ins([{}, {"given_names": "Ana"}], TODAY)
    problems = refused.value.problems
    assert list(problems) == [
        (0, "given_names"),
        (0, "paternal_surname"),
        (0, "date_of_birth"),
        (1, "paternal_surname"),
        (1, "date_of_birth"),
    ]
    assert {problem.code for problem in problems.values()} == {ProblemCode.REQUIRED}
    assert refused.value.message_en.splitlines() == [
        "Person 1: Given names are required. The paternal surname is required."
        " The date of birth is required.",
        "Person 2: The paternal surname is required. The date of birth is required.",
    ]
    assert refused.value.message_es.splitlines()[1] == (
        "Persona 2: El apellido paterno es obligatorio. La fecha de nacimiento es obligatoria."
    )


def test_wrong_walk_in_fields_are_all_reported_with_what_was_typed() -> None:
    forms = [
        {
            "given_names": "Ana",
            "paternal_surname": "Cruz",
            "date_of_birth": "31/02/1990",
            "a_number": "12",
            "phone": "not a phone",
        },
        {"given_names": "Eva", "paternal_surname": "Cruz", "date_of_birth": "2030-01-01"},
    ]
    with pytest.raises(WalkInProblems) as refused:
        read_walk_ins(forms, TODAY)
    problems = refused.value.problems
    assert {key: problem.code for key, problem in problems.items()} == {
        (0, "date_of_birth"): ProblemCode.DATE_IMPOSSIBLE,
        (0, "a_number"): ProblemCode.A_NUMBER_LENGTH,
        (0, "phone"): ProblemCode.PHONE_CHARACTERS,
        (1, "date_of_birth"): ProblemCode.DATE_FUTURE,
    }
    assert problems[0, "date_of_birth"].message_en.startswith(
        "Date of birth “31/02/1990” is not a real date"
    )
    assert problems[0, "a_number"].message_es.startswith("El número A “12” tiene 2 dígitos")
    assert "Person 2: The birth date 2030-01-01 is in the future." in refused.value.message_en


def test_a_correct_walk_in_form_is_read_day_first_with_the_phone_normalised() -> None:
    [person] = read_walk_ins(
        [
            {
                "given_names": " Julián ",
                "paternal_surname": "Zelaya",
                "date_of_birth": "5/4/1990",
                "sex": "F",
                "a_number": "A 203-111-222",
                "phone": "664 123 4567",
            }
        ],
        TODAY,
    )
    assert person.given_names == "Julián"
    assert person.date_of_birth == date(1990, 4, 5)
    assert person.sex == "F"
    assert person.a_number == "203111222"
    assert person.phone == "+526641234567"


def test_registering_walk_ins_checks_them_even_when_the_form_was_skipped(
    site: Store, intake: Actor
) -> None:
    before = people_count(site)
    household = [
        WalkIn("Ana", "Cruz", date(1990, 1, 1), phone="not a phone"),
        WalkIn(" ", "Cruz", date(2030, 1, 1)),
    ]
    with pytest.raises(WalkInProblems) as refused:
        register_walk_ins(site, intake, household)
    assert list(refused.value.problems) == [
        (0, "phone"),
        (1, "given_names"),
        (1, "date_of_birth"),
    ]
    assert people_count(site) == before

    [person_id] = register_walk_ins(
        site, intake, [WalkIn("Ana", "Cruz", date(1990, 1, 1), phone="664-123-4567")]
    ).value
    assert queries.find_person(site, person_id)["phone"] == "+526641234567"


# --- typed text is stored as a list's cell would be (NFC, nothing invisible, no direction) --------


def test_desk_typed_text_is_stored_in_one_spelling(site: Store, intake: Actor) -> None:
    """A Mac types "é" as e + combining accent: stored as typed, "José" would not be the José
    of the lists (search, duplicates, exports)."""
    maria = queries.find_person(site, "REG-0001")["id"]
    decomposed_city = unicodedata.normalize("NFD", "San José")
    update_contact(site, intake, maria, {"us_address_city": decomposed_city + "\u200b"})
    assert queries.find_person(site, maria)["us_address_city"] == "San José"

    [walk_in] = read_walk_ins(
        [
            {
                "given_names": unicodedata.normalize("NFD", "José"),
                "paternal_surname": "Ruiz",
                "date_of_birth": "1990-01-02",
            }
        ],
        site.today(),
    )
    assert walk_in.given_names == "José"


def test_a_direction_override_typed_at_the_desk_is_refused_on_its_field(
    site: Store, intake: Actor
) -> None:
    maria = queries.find_person(site, "REG-0001")["id"]
    with pytest.raises(ContactProblems) as refused:
        update_contact(site, intake, maria, {"us_address_street": "Main St \u202e1"})
    assert list(refused.value.problems) == ["us_address_street"]
    assert "US address: street" in refused.value.message_en


def test_a_walk_in_name_of_only_invisible_characters_is_missing(site: Store) -> None:
    with pytest.raises(WalkInProblems) as refused:
        read_walk_ins(
            [
                {
                    "given_names": "\u200b\u200b",
                    "paternal_surname": "Ruiz",
                    "date_of_birth": "1990-01-02",
                }
            ],
            site.today(),
        )
    assert list(refused.value.problems) == [(0, "given_names")]
