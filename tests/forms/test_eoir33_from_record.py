"""From the desk to the paper: a form saved through the core, with every field filled, printed
and read back where a clerk reads it.

The form goes the whole way a real one does: registration imported, the case's court read
from the list's own words, the court nearest the new address proposed, the form saved, printed
and served, then drawn from what `forms_to_print` reads back. Values are found in their
labelled boxes as in :mod:`tests.forms.test_eoir33`; wrong values save nothing.
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from forms.eoir33.build import eoir33_pdf
from forms.eoir33.paper import BOX_HEIGHT, CITY_LABEL, SIGNATURE_HEIGHT, STREET_LABEL
from staging.courts.nearest import nearest_courts
from staging.courts.site import site_directory
from staging.paperwork.courts import court_choice
from staging.paperwork.form import Eoir33Entry, FormProblems
from staging.paperwork.operations import (
    Courts,
    form_row,
    mark_printed,
    mark_served,
    save_form,
)
from staging.paperwork.queries import FormToPrint, forms_to_print
from staging.people import queries
from staging.registration.service import import_registrations
from staging.store.store import Actor, Store
from tests.conftest import registration_row, write_registrations
from tests.forms.official_eoir33 import official_like_pdf
from tests.forms.test_eoir33 import CURRENT, FORMER, assert_in_box, pages, place_after, places

TODAY = date(2021, 3, 1)
CASE_COURT_TEXT = "Corte de Inmigración de San Diego"  # as the registration list wrote it
ENTRY = Eoir33Entry(
    last_name="Hernández Núñez",
    first_name="María de los Ángeles",
    middle_name="Güemes",
    a_number="12345678",  # an old eight-digit A-number
    current_street="1520 N Mesa St",
    current_apartment="Apt 4B",
    current_city="El Paso",
    current_state="Texas",
    current_zip="79902-1234",
    current_phone="(915) 555-0142",
    current_email="maria.hernandez@example.com",
    in_care_of="Iglesia San Judas Tadeo",
    former_street="Calle Ignacio Zaragoza 1234",
    former_apartment="Depto. 5",
    former_city="Tijuana",
    former_state="Baja California",
    former_zip="22000",
    former_country="México",
    former_phone="664 555 0199",
    former_email="angeles.hn@example.mx",
    signed_on=TODAY,
)
NAME_LINE = "Hernández Núñez, María de los Ángeles, Güemes"  # as the form's label asks
SERVER = "Carmen Ruiz Beltrán"
SAN_DIEGO_OPLA = "Office of the Principal Legal Advisor, San Diego"


@pytest.fixture
def person(store: Store, coordinator: Actor, tmp_path: Path) -> str:
    row = registration_row(
        1,
        given_names="María de los Ángeles",
        paternal_surname="Hernández",
        maternal_surname="Núñez",
        a_number="12345678",
        current_court=CASE_COURT_TEXT,
    )
    import_registrations(store, coordinator, write_registrations(tmp_path / "l.csv", [row]))
    return queries.find_person(store, "REG-0001")["id"]


def courts_for(store: Store, person: str, zip_code: str) -> Courts:
    """What the form's court fields propose: the case's court, the one nearest the address."""
    choice = court_choice(
        site_directory(store), queries.find_person(store, person)["current_court"], "", "", zip_code
    )
    assert choice.current is not None and choice.proposed is not None
    return Courts(current=choice.current.key, receiving=choice.proposed.court.key)


@pytest.fixture
def served(store: Store, coordinator: Actor, person: str) -> FormToPrint:
    """The form saved complete, printed and served on the current court's OPLA office."""
    saved = save_form(store, coordinator, person, ENTRY, courts_for(store, person, "79902-1234"))
    assert saved.value.complete and saved.value.warnings == ()
    mark_printed(store, coordinator, [person])
    [before] = forms_to_print(store, [person])
    mark_served(
        store,
        coordinator,
        person,
        server_name=SERVER,
        opla_office=before.courts.opla_office.key,
        served_on=TODAY,
        method="in_person",
    )
    [form] = forms_to_print(store, [person])
    return form


@pytest.fixture
def pdf(served: FormToPrint) -> bytes:
    return eoir33_pdf([served])


def test_the_courts_come_from_the_case_text_and_the_new_address(
    store: Store, served: FormToPrint
) -> None:
    courts = served.courts
    assert courts.current.key == "san-diego"  # matched from "Corte de Inmigración de San Diego"
    [nearest] = nearest_courts(site_directory(store), "79902-1234", limit=1)
    assert courts.proposed.court.key == nearest.court.key == "el-paso"
    assert courts.receiving.key == "el-paso"
    assert courts.opla_office.name == SAN_DIEGO_OPLA
    assert served.complete and served.printed_at
    assert served.service["server_name"] == SERVER


@pytest.mark.parametrize(
    ("section", "label", "value"),
    [
        (None, "Name – Last, First, Middle, Suffix", NAME_LINE),
        (None, "A-Number", "A 012 345 678"),
        (CURRENT, "In care of (other person, if any)", "Iglesia San Judas Tadeo"),
        (CURRENT, STREET_LABEL, "1520 N Mesa St, Apt 4B"),
        (CURRENT, CITY_LABEL, "El Paso, TX 79902-1234"),
        (CURRENT, "Phone Number", "(915) 555-0142"),
        (CURRENT, "E-mail Address", "maria.hernandez@example.com"),
        (FORMER, STREET_LABEL, "Calle Ignacio Zaragoza 1234, Depto. 5"),
        (FORMER, CITY_LABEL, "Tijuana, Baja California 22000, México"),
        (FORMER, "Phone Number", "+52 664 555 0199"),
        (FORMER, "E-mail Address", "angeles.hn@example.mx"),
        (None, "Date (MM/DD/YYYY)", "03/01/2021"),
        (None, "Name of person serving (print)", SERVER),
        (None, "Date of service (MM/DD/YYYY)", "03/01/2021"),
        (None, "Served on: ICE Office of the Principal Legal Advisor", SAN_DIEGO_OPLA),
    ],
)
def test_every_saved_value_is_printed_in_its_labelled_box(
    pdf: bytes, section: str | None, label: str, value: str
) -> None:
    top = place_after(pdf, 0, section)["bottom"] if section else 0.0
    label_place = place_after(pdf, 0, label, top)
    height = SIGNATURE_HEIGHT if label.startswith("Date (") else BOX_HEIGHT
    assert_in_box(label_place, place_after(pdf, 0, value, label_place["top"]), height)


def test_the_proof_of_service_names_the_opla_office_of_the_current_court(pdf: bytes) -> None:
    form, _ = pages(pdf)
    assert "880 Front Street, Suite 2246, San Diego, CA 92101" in form["text"]
    mark = [spot for spot in places(pdf, 0, "X") if spot["top"] > 500]
    assert len(mark) == 1
    chosen = place_after(pdf, 0, "In person", 500)
    assert abs(mark[0]["top"] - chosen["top"]) < 3


def test_page_two_is_addressed_to_the_current_court_from_the_new_address(pdf: bytes) -> None:
    label = place_after(pdf, 1, "Immigration Court Name")
    previous = label
    for line in ("San Diego", "880 Front Street", "Suite 4240", "San Diego, CA 92101"):
        spot = place_after(pdf, 1, line, previous["top"] + 1)
        assert spot["top"] > previous["top"]
        previous = spot
    heading = place_after(pdf, 1, "PUT YOUR ADDRESS HERE")
    for line in (
        "María de los Ángeles Güemes Hernández Núñez",
        "c/o Iglesia San Judas Tadeo",
        "1520 N Mesa St, Apt 4B",
        "El Paso, TX 79902-1234",
    ):
        spot = place_after(pdf, 1, line, heading["top"])
        assert spot["x0"] == pytest.approx(heading["x0"], abs=1)
        assert spot["bottom"] < label["top"], "the return address is above the court's"


def test_the_official_pdf_is_filled_from_the_same_record(served: FormToPrint) -> None:
    filled = eoir33_pdf([served], official_like_pdf())
    values = {
        name: field.get("/V")
        for name, field in (PdfReader(io.BytesIO(filled)).get_fields() or {}).items()
    }
    assert values["Name"] == NAME_LINE
    assert values["A-Number"] == "A 012 345 678"
    assert values["number street address - current"] == "1520 N Mesa St, Apt 4B"
    assert values["name - proof of service"] == SERVER
    assert values["office of principal legal advisor 1"].startswith(f"In person: {SAN_DIEGO_OPLA}")


# --- Wrong values save nothing --------------------------------------------------------------------


def _audit_rows(store: Store) -> int:
    return store.db.execute("SELECT count(*) FROM audit_log").fetchone()[0]


@pytest.mark.parametrize(
    ("change", "field", "english", "spanish"),
    [
        (
            {"current_state": "California"},
            "current_zip",
            "ZIP 79902 is in Texas (TX), not California (CA)",
            "El código postal 79902 está en Texas (TX), no en California (CA)",
        ),
        (
            {"current_zip": "7990"},
            "current_zip",
            "ZIP “7990” is not a ZIP code",
            "El código postal “7990” no es un código postal de EE. UU.",
        ),
        (
            {"signed_on": TODAY + timedelta(days=1)},
            "signed_on",
            "2021-03-02 is in the future: the form is dated the day it is signed",
            "2021-03-02 está en el futuro",
        ),
    ],
)
def test_a_wrong_value_leaves_the_saved_form_as_it_was(
    store: Store,
    coordinator: Actor,
    person: str,
    change: dict[str, Any],
    field: str,
    english: str,
    spanish: str,
) -> None:
    courts = courts_for(store, person, "79902")
    draft = replace(ENTRY, signed_on=None)
    save_form(store, coordinator, person, draft, courts)
    before, audited = form_row(store, person), _audit_rows(store)
    with pytest.raises(FormProblems) as refused:
        save_form(store, coordinator, person, replace(ENTRY, **change), courts)
    assert set(refused.value.problems) == {field}
    assert english in refused.value.message_en
    assert spanish in refused.value.message_es
    assert form_row(store, person) == before
    assert _audit_rows(store) == audited
