"""Finding a person however the desk types the name, A-number or registration id."""

from __future__ import annotations

from pathlib import Path

import pytest

from staging.people.queries import find_person, search_people
from staging.registration.service import import_registrations
from staging.store.store import Actor, Store
from tests.conftest import registration_row, write_registrations


@pytest.fixture
def site(store: Store, coordinator: Actor, tmp_path: Path) -> Store:
    rows = [
        registration_row(
            1,
            given_names="María José",
            paternal_surname="Ñúñez",
            maternal_surname="López",
            a_number="A 012-345-678",
        ),
        registration_row(
            2, given_names="Mario", paternal_surname="Núñez", maternal_surname="Ávila"
        ),
        registration_row(
            3,
            given_names="José",
            paternal_surname="Hernández",
            maternal_surname="Núñez",
            registration_id="UNHCR-MX-2021-000777",
        ),
        registration_row(
            4, given_names="Ana", paternal_surname="Martínez", maternal_surname="Cruz"
        ),
    ]
    import_registrations(store, coordinator, write_registrations(tmp_path / "list.csv", rows))
    return store


def names(hits) -> list[str]:
    return [hit.person.full_name for hit in hits]


@pytest.mark.parametrize(
    "typed", ["nunez maria", "María Ñúñez", "MARIA NUNEZ", "lopez ma", "ñu jo"]
)
def test_any_order_any_accents_any_case(site: Store, typed: str) -> None:
    assert names(search_people(site, typed))[0] == "María José Ñúñez López"


def test_fragments_must_all_match(site: Store) -> None:
    assert names(search_people(site, "nunez ana")) == []
    assert set(names(search_people(site, "nunez"))) == {
        "María José Ñúñez López",
        "Mario Núñez Ávila",
        "José Hernández Núñez",
    }


def test_paternal_surname_ranks_above_maternal(site: Store) -> None:
    found = names(search_people(site, "nunez jose"))
    assert found.index("María José Ñúñez López") < found.index("José Hernández Núñez")


@pytest.mark.parametrize(
    "typed", ["A012345678", "012-345-678", "A 012 345 678", "12345678", "a-012345678"]
)
def test_a_number_in_any_written_form(site: Store, typed: str) -> None:
    assert names(search_people(site, typed))[0] == "María José Ñúñez López"


def test_registration_id_exact_and_case_insensitive(site: Store) -> None:
    assert names(search_people(site, "unhcr-mx-2021-000777")) == ["José Hernández Núñez"]


def test_find_person_by_each_reference(site: Store) -> None:
    by_registration = find_person(site, "REG-0004")
    assert by_registration is not None
    assert find_person(site, by_registration["id"]) == by_registration
    assert find_person(site, "A-012 345 678")["given_names"] == "María José"
    assert find_person(site, "nobody") is None


def test_empty_or_punctuation_only_query_finds_nothing(site: Store) -> None:
    assert search_people(site, "   ") == []
    assert search_people(site, '"*()') == []


def test_renamed_person_is_found_by_the_new_name_only(
    site: Store, coordinator: Actor, tmp_path: Path
) -> None:
    rows = [
        registration_row(4, given_names="Ana", paternal_surname="Zelaya", maternal_surname="Cruz")
    ]
    import_registrations(site, coordinator, write_registrations(tmp_path / "fix.csv", rows))
    assert names(search_people(site, "zelaya")) == ["Ana Zelaya Cruz"]
    assert names(search_people(site, "martinez")) == []
