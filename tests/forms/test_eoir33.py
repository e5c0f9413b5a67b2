"""Form EOIR-33/IC on paper, read back the way a clerk and a screen reader would.

Text is extracted with pdfplumber and every value is looked for inside the box its printed label
names (below the label, starting at the same left edge), so a value drawn in the wrong box or
over its label fails even though the page "contains" it. The official-PDF filler is checked
against a stand-in built by :mod:`tests.forms.official_eoir33`, never the real file.
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from forms.eoir33.model import (
    Address,
    Eoir33Form,
    Office,
    ProofOfService,
    Revision,
    ServiceMethod,
)
from forms.eoir33.next_steps import NextSteps, render_next_steps
from forms.eoir33.official import (
    TEXT_FIELDS,
    fill_official_pdf,
    official_fields_missing,
)
from forms.eoir33.paper import (
    BOX_HEIGHT,
    CITY_LABEL,
    SIGNATURE_HEIGHT,
    STREET_LABEL,
    render_eoir33,
)
from tests.forms.official_eoir33 import official_like_pdf

LONG_STREET = "12345 North Martin Luther King Junior Boulevard"
COURT = Office(
    "San Francisco Immigration Court", ("630 Sansome Street, Suite 475", "San Francisco, CA 94111")
)
OPLA = Office(
    "Office of the Principal Legal Advisor, San Francisco",
    ("100 Montgomery Street, Suite 200", "San Francisco, CA 94104"),
)


def full_form(**changes: Any) -> Eoir33Form:
    """Every field filled, with accents, an apartment, a ZIP+4 and a long street."""
    form = Eoir33Form(
        last_name="Hernández Núñez",
        first_name="María de los Ángeles",
        middle_name="Güemes",
        suffix="Jr.",
        a_number="12345678",
        current_address=Address(
            street=LONG_STREET,
            apartment="Apartment 1207B",
            city="San José",
            state="CA",
            zip="95112-4321",
        ),
        current_phone="(408) 555-0147",
        current_email="maria.hernandez@example.com",
        former_address=Address(
            street="Calle Ignacio Zaragoza 1234",
            apartment="Depto. 5",
            city="Tijuana",
            country="México",
        ),
        former_phone="+52 664 555 0199",
        former_email="angeles.hn@example.mx",
        court=COURT,
        return_address=(
            "María de los Ángeles Hernández Núñez",
            f"{LONG_STREET}, Apartment 1207B",
            "San José, CA 95112-4321",
        ),
        in_care_of="Iglesia Nuestra Señora de Guadalupe",
        signed_on=date(2021, 3, 1),
        service=ProofOfService("José Ñúñez Güemes", OPLA, date(2021, 3, 2)),
        revision=Revision.REV_2021,
    )
    return replace(form, **changes)


# --- Reading the paper back ---------------------------------------------------------------------


def pages(pdf: bytes) -> list[dict[str, Any]]:
    """Per page: its size, its characters and its text with each run of whitespace as a space."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [
            {
                "size": (float(page.width), float(page.height)),
                "text": " ".join((page.extract_text() or "").split()),
                "chars": list(page.chars),
            }
            for page in document.pages
        ]


def text_in(pdf: bytes, page_number: int, box: tuple[float, float, float, float]) -> str:
    """The text inside (x0, top, x1, bottom) of a page."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        inside = document.pages[page_number].crop(box)
        return " ".join((inside.extract_text() or "").split())


def places(pdf: bytes, page_number: int, phrase: str) -> list[dict[str, float]]:
    """Where a phrase is printed on a page (top-down coordinates), in reading order."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        found = document.pages[page_number].search(phrase, regex=False)
    return [{key: float(match[key]) for key in ("x0", "x1", "top", "bottom")} for match in found]


def place_after(pdf: bytes, page_number: int, phrase: str, below: float = 0.0) -> dict:
    """The first place of a phrase lower on the page than ``below``."""
    candidates = [spot for spot in places(pdf, page_number, phrase) if spot["top"] > below]
    assert candidates, f"{phrase!r} not printed on page {page_number + 1} below {below}"
    return candidates[0]


def assert_in_box(label: dict, value: dict, height: float = BOX_HEIGHT) -> None:
    """The value is under its label, inside the same box, from the same left edge."""
    assert label["bottom"] <= value["top"], "the value overlaps or sits above its label"
    assert value["bottom"] - label["top"] <= height, "the value is not in the label's box"
    assert abs(value["x0"] - label["x0"]) <= 4


# --- The replica, page 1 ------------------------------------------------------------------------

CURRENT = "My CURRENT address and phone number are"
FORMER = "My FORMER address and phone number were"


@pytest.mark.parametrize(
    ("section", "label", "value"),
    [
        (None, "Name – Last, First, Middle, Suffix", "Hernández Núñez, María de los Ángeles, "),
        (None, "A-Number", "A 012 345 678"),
        (CURRENT, "In care of (other person, if any)", "Iglesia Nuestra Señora de Guadalupe"),
        (CURRENT, STREET_LABEL, f"{LONG_STREET}, Apartment 1207B"),
        (CURRENT, CITY_LABEL, "San José, CA 95112-4321"),
        (CURRENT, "Phone Number", "(408) 555-0147"),
        (CURRENT, "E-mail Address", "maria.hernandez@example.com"),
        (FORMER, STREET_LABEL, "Calle Ignacio Zaragoza 1234, Depto. 5"),
        (FORMER, CITY_LABEL, "Tijuana, México"),
        (FORMER, "Phone Number", "+52 664 555 0199"),
        (FORMER, "E-mail Address", "angeles.hn@example.mx"),
        (None, "Date (MM/DD/YYYY)", "03/01/2021"),
        (None, "Name of person serving (print)", "José Ñúñez Güemes"),
        (None, "Date of service (MM/DD/YYYY)", "03/02/2021"),
        (None, "Served on: ICE Office of the Principal Legal Advisor", OPLA.name),
    ],
)
def test_every_value_sits_in_its_labelled_box(section: str | None, label: str, value: str) -> None:
    pdf = render_eoir33([full_form()])
    top = place_after(pdf, 0, section)["bottom"] if section else 0.0
    label_place = place_after(pdf, 0, label, top)
    height = SIGNATURE_HEIGHT if label.startswith("Date (") else BOX_HEIGHT  # beside a signature
    assert_in_box(label_place, place_after(pdf, 0, value, label_place["top"]), height)


def test_the_whole_name_and_the_opla_address_are_printed() -> None:
    (page, _) = pages(render_eoir33([full_form()]))
    assert "Hernández Núñez, María de los Ángeles, Güemes, Jr." in page["text"]
    assert "100 Montgomery Street, Suite 200, San Francisco, CA 94104" in page["text"]


def test_an_eight_digit_a_number_is_printed_as_nine_in_groups() -> None:
    pdf = render_eoir33([full_form(a_number="12345678")])
    label = place_after(pdf, 0, "A-Number")
    assert_in_box(label, place_after(pdf, 0, "A 012 345 678"))
    name_label = place_after(pdf, 0, "Name – Last")
    assert label["x0"] > name_label["x1"], "the A-number box is right of the name box"


def test_the_chosen_service_method_is_ticked() -> None:
    for method, ticked, other in [
        (ServiceMethod.FIRST_CLASS_MAIL, "First-class mail", "In person"),
        (ServiceMethod.IN_PERSON, "In person", "First-class mail"),
    ]:
        form = full_form(
            service=ProofOfService("José Ñúñez Güemes", OPLA, date(2021, 3, 2), method)
        )
        pdf = render_eoir33([form])
        (mark,) = [spot for spot in places(pdf, 0, "X") if spot["top"] > 500]
        chosen, unchosen = place_after(pdf, 0, ticked, 500), place_after(pdf, 0, other, 500)
        assert abs(mark["top"] - chosen["top"]) < 3
        assert 0 < chosen["x0"] - mark["x1"] < 12, "the X is in the box just left of its words"
        assert not 0 < unchosen["x0"] - mark["x1"] < 12


def test_signatures_are_left_blank_for_ink() -> None:
    pdf = render_eoir33([full_form()])
    for label in ("Signature", "Signature of person serving"):
        box = place_after(pdf, 0, label, 400)
        area = (box["x0"], box["top"], box["x0"] + 300, box["top"] + SIGNATURE_HEIGHT - 2)
        assert text_in(pdf, 0, area) == f"{label} SIGN HERE"


def test_without_a_proof_of_service_its_boxes_stay_empty() -> None:
    (page, _) = pages(render_eoir33([full_form(service=None)]))
    assert "PROOF OF SERVICE" in page["text"]
    assert "Name of person serving (print) Date of service (MM/DD/YYYY)" in page["text"]
    assert OPLA.name not in page["text"]
    assert "X" not in page["text"].replace("EOIR", "")


def test_the_2021_form_has_in_care_of_and_the_2026_form_does_not() -> None:
    old, _ = pages(render_eoir33([full_form(revision=Revision.REV_2021)]))
    new, _ = pages(render_eoir33([full_form(revision=Revision.REV_2026)]))
    assert "Alien's Change of Address Form/Immigration Court" in old["text"]
    assert "in care of" in old["text"].lower()
    assert "Iglesia Nuestra Señora de Guadalupe" in old["text"]
    assert "Change of Address/Contact Information Form (Immigration Court)" in new["text"]
    assert "in care of" not in new["text"].lower()
    assert "Iglesia" not in new["text"]
    for page in (old, new):
        assert "U.S. Department of Justice" in page["text"]
        assert "Executive Office for Immigration Review" in page["text"]
        assert "OMB 1125-0004" in page["text"]
        assert "Form EOIR-33/IC" in page["text"]
    assert "Rev. Feb. 2026" in new["text"]
    assert "Rev. Feb. 2026" not in old["text"]


def test_nothing_is_printed_outside_the_printable_area() -> None:
    """Office printers lose about a quarter of an inch at each edge."""
    for page in pages(render_eoir33([full_form(), full_form(revision=Revision.REV_2026)])):
        width, height = page["size"]
        assert (width, height) == (612, 792)
        for char in page["chars"]:
            assert char["x0"] >= 18 and char["x1"] <= width - 18, char["text"]
            assert char["top"] >= 18 and char["bottom"] <= height - 18, char["text"]


# --- The replica, page 2 ------------------------------------------------------------------------


def test_the_cover_shows_the_court_and_the_return_address() -> None:
    form = full_form()
    pdf = render_eoir33([form])
    label = place_after(pdf, 1, "Immigration Court Name")
    court = place_after(pdf, 1, COURT.name)
    assert label["bottom"] <= court["top"] < label["bottom"] + 12
    previous = court
    for line in COURT.lines:
        spot = place_after(pdf, 1, line, previous["top"])
        assert spot["x0"] == pytest.approx(court["x0"], abs=1)
        previous = spot
    heading = place_after(pdf, 1, "PUT YOUR ADDRESS HERE")
    previous = heading
    for line in form.return_address:
        spot = place_after(pdf, 1, line, previous["top"])
        assert spot["x0"] == pytest.approx(heading["x0"], abs=1)
        previous = spot
    assert previous["bottom"] < court["top"], "the return address is above the court's"
    (_, cover) = pages(pdf)
    assert cover["text"].count("Fold Here") == 4
    assert "Fasten Here" in cover["text"]
    assert "Place Stamp" in cover["text"]


def test_a_batch_prints_two_pages_per_form_in_order() -> None:
    courts = [
        COURT,
        Office("Houston Immigration Court", ("8701 S. Gessner Road, Suite 1000", "Houston, TX")),
        Office("Miami Immigration Court", ("333 South Miami Avenue, Suite 700", "Miami, FL")),
    ]
    forms = [
        full_form(first_name=first, a_number=number, court=court)
        for first, number, court in zip(
            ["Ana", "Bruno", "Celia"], ["111111111", "222222222", "333333333"], courts, strict=True
        )
    ]
    printed = pages(render_eoir33(forms))
    assert len(printed) == 6
    for index, form in enumerate(forms):
        assert f"Hernández Núñez, {form.first_name}," in printed[2 * index]["text"]
        assert form.a_number_printed in printed[2 * index]["text"]
        assert form.court.name in printed[2 * index + 1]["text"]
        assert "Page 1 of 2" in printed[2 * index]["text"]
        assert "Page 2 of 2" in printed[2 * index + 1]["text"]


def test_pages_render_with_ink_on_them() -> None:
    """pdfium draws every page (a broken content stream renders blank or raises)."""
    document = pdfium.PdfDocument(render_eoir33([full_form()]))
    try:
        for page in document:
            image = page.render(scale=1).to_pil().convert("L")
            assert image.getextrema()[0] < 64
    finally:
        document.close()


def test_an_empty_list_is_refused() -> None:
    with pytest.raises(ValueError, match="empty"):
        render_eoir33([])


# --- The official fillable PDF ------------------------------------------------------------------


def official_values(pdf: bytes) -> dict[str, Any]:
    return {
        name: field.get("/V")
        for name, field in (PdfReader(io.BytesIO(pdf)).get_fields() or {}).items()
    }


def test_the_stand_in_has_every_expected_field() -> None:
    assert official_fields_missing(official_like_pdf()) == []


def test_a_wrong_file_is_recognised() -> None:
    assert official_fields_missing(official_like_pdf(leave_out=("Address2", "date"))) == [
        "date",
        "Address2",
    ]
    assert official_fields_missing(b"not a pdf at all") == list(TEXT_FIELDS)
    plain = render_eoir33([full_form()])  # a PDF, but without a single form field
    assert official_fields_missing(plain) == list(TEXT_FIELDS)
    with pytest.raises(ValueError, match="not the fillable Form EOIR-33/IC"):
        fill_official_pdf(official_like_pdf(leave_out=("Name",)), [full_form()])


def test_the_official_pdf_is_filled_field_by_field() -> None:
    values = official_values(fill_official_pdf(official_like_pdf(), [full_form()]))
    assert values["Name"] == "Hernández Núñez, María de los Ángeles, Güemes, Jr."
    assert values["A-Number"] == "A 012 345 678"
    assert values["number street address - current"] == f"{LONG_STREET}, Apartment 1207B"
    assert values["city state zip country - current"] == "San José, CA 95112-4321"
    assert values["phone number - current"] == "(408) 555-0147"
    assert values["email address - current"] == "maria.hernandez@example.com"
    assert values["number street apartment - former"] == "Calle Ignacio Zaragoza 1234, Depto. 5"
    assert values["city state zip country - former"] == "Tijuana, México"
    assert values["phone number - former"] == "+52 664 555 0199"
    assert values["email address - former"] == "angeles.hn@example.mx"
    assert values["date"] == "03/01/2021"
    assert values["name - proof of service"] == "José Ñúñez Güemes"
    assert values["office of principal legal advisor 1"] == (
        "By first-class mail: Office of the Principal Legal Advisor, San Francisco, "
        "100 Montgomery Street, Suite 200, San Francisco, CA 94104"
    )
    assert values["date - proof of service"] == "03/02/2021"
    assert [values[f"PUT YOUR ADDRESS HERE {n}"] for n in (1, 2, 3)] == list(
        full_form().return_address
    )
    assert values["Signature1"] is None and values["Signature2"] is None
    assert values["No Service Needed"] in (None, "/Off")


def test_the_court_is_chosen_in_the_drop_down_when_it_is_there() -> None:
    listed = replace(COURT, name="San Francisco")  # the drop-down's own wording
    values = official_values(fill_official_pdf(official_like_pdf(), [full_form(court=listed)]))
    assert values["Immigration Court Name"] == "San Francisco"
    assert [values[f"Address{n}"] for n in (1, 2, 3)] == [*COURT.lines, ""]

    values = official_values(fill_official_pdf(official_like_pdf(), [full_form()]))
    assert values["Immigration Court Name"] == "Select Immigration Court"
    assert [values[f"Address{n}"] for n in (1, 2, 3)] == [COURT.name, *COURT.lines]


def test_a_long_value_is_shrunk_to_its_field() -> None:
    pdf = fill_official_pdf(official_like_pdf(), [full_form()])
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            if annotation.get("/T") == "number street address - current":
                stream = annotation["/AP"]["/N"].get_object().get_data().decode("latin-1")
                size = float(stream.split(" Tf")[0].split()[-1])
                assert 6 <= size < 10


def test_several_copies_keep_their_own_values() -> None:
    forms = [full_form(), full_form(first_name="Pedro", a_number="987654321")]
    pdf = fill_official_pdf(official_like_pdf(), forms)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 4
    values = official_values(pdf)
    assert values["copy-1.Name"].startswith("Hernández Núñez, María de los Ángeles")
    assert values["copy-2.Name"].startswith("Hernández Núñez, Pedro")
    assert values["copy-1.A-Number"] == "A 012 345 678"
    assert values["copy-2.A-Number"] == "A 987 654 321"
    assert values["copy-1.Signature1"] is None and values["copy-2.Signature2"] is None


# --- The next-steps sheet -----------------------------------------------------------------------


def sheet(**changes: Any) -> NextSteps:
    base = NextSteps(
        person_name="María de los Ángeles Hernández Núñez",
        a_number="12345678",
        current_court=Office(
            "San Diego Immigration Court", ("401 West A Street, Suite 800", "San Diego, CA 92101")
        ),
        address=full_form().current_address,
        receiving_court=COURT,
        receiving_distance="48 mi (77 km)",
    )
    return replace(base, **changes)


BOTH_COLUMNS = (
    "San Diego Immigration Court",
    "401 West A Street, Suite 800",
    "San Francisco Immigration Court",
    "48 mi (77 km)",
    "San José, CA 95112-4321",
    "1-800-898-7180",
    "acis.eoir.justice.gov",
    "respondentaccess.eoir.justice.gov",
    "012345678",  # the digits to key in on the phone
)


def test_the_sheet_says_it_all_in_spanish_and_english() -> None:
    pdf = render_next_steps([sheet()])
    (page,) = pages(pdf)
    assert "María de los Ángeles Hernández Núñez" in page["text"]
    assert "A 012 345 678" in page["text"]
    width, height = page["size"]
    middle = place_after(pdf, 0, "Your next steps")["x0"] - 2  # a long page is scaled down
    spanish = text_in(pdf, 0, (0, 70, middle, height))
    english = text_in(pdf, 0, (middle, 70, width, height))
    for phrase in (
        "Sus próximos pasos",
        "dentro de 5 días hábiles",
        "Formulario EOIR-33/IC",
        "sin abogado",
        "marque su número A de nueve dígitos",
        "En línea",
        "En persona",
        "Por correo",
        *BOTH_COLUMNS,
    ):
        assert phrase in spanish, phrase
    for phrase in (
        "Your next steps",
        "within 5 working days",
        "Form EOIR-33/IC",
        "without a lawyer",
        "enter your nine-digit A-number",
        "Online",
        "In person",
        "By mail",
        *BOTH_COLUMNS,
    ):
        assert phrase in english, phrase


def test_the_person_s_language_comes_first() -> None:
    for first, left, right in [
        ("es", "Sus próximos", "Your next"),
        ("en", "Your next", "Sus próximos"),
    ]:
        pdf = render_next_steps([sheet(first_language=first)])
        assert place_after(pdf, 0, left)["x0"] < place_after(pdf, 0, right)["x0"]


def test_without_a_receiving_court_the_sheet_proposes_none() -> None:
    (page,) = pages(render_next_steps([sheet(receiving_court=None, receiving_distance="")]))
    assert "Proposed receiving court" not in page["text"]
    assert "Corte propuesta" not in page["text"]
    assert "San Diego Immigration Court" in page["text"]


def test_one_sheet_per_person() -> None:
    printed = pages(
        render_next_steps([sheet(), sheet(person_name="Pedro Núñez", a_number="987654321")])
    )
    assert len(printed) == 2
    assert "987654321" in printed[1]["text"] and "987654321" not in printed[0]["text"]


def test_a_sheet_needs_an_a_number() -> None:
    with pytest.raises(ValueError, match="8 or 9 digits"):
        sheet(a_number="A-123")
