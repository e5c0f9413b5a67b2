"""The printed roster and the CBP manifest, checked as the coordinator, the driver and the port
use them: scan each row's QR code off the rendered page, read the text, open the CSV in a
spreadsheet-like reader and the JSON in a program.

Pages are rendered with pdfium at 300 dpi and 200 dpi (an office printout, and a poor one) and
decoded with zxing; text is read back with pdfplumber.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, fields, replace
from datetime import UTC, date, datetime, timedelta, timezone
from itertools import accumulate, pairwise

import pdfplumber
import pypdfium2 as pdfium
import pytest
import zxingcpp
from hypothesis import given
from hypothesis import strategies as st

from forms.roster.model import RosterRow, RosterSheet
from forms.roster.pdf import (
    COLUMN_X,
    COLUMNS_BY_KEY,
    ROWS_ON_LAST_PAGE,
    ROWS_PER_PAGE,
    paginate,
    render_roster,
)
from staging.registration.cells import spreadsheet_value
from staging.transport.manifest import (
    JSON_FORMAT_NAME,
    MANIFEST_COLUMNS,
    ManifestRow,
    manifest_csv,
    manifest_json,
)
from staging.wristbands.codes import new_band_code

DAY = date(2021, 3, 2)
HOUSEHOLD_SIZES = (4, 2, 5, 1, 3, 6, 2, 3, 4, 1, 2, 3, 4)  # 40 people in 13 households
GIVEN = ("María José", "José Ángel", "Ximena", "Jesús", "Dulce Nayeli", "Óscar", "Begoña", "Ñico")
SURNAMES = ("Hernández Núñez", "Güemes Ramírez", "Villaseñor López", "Echeverría Peña")
NATIONALITIES = ("Honduras", "Guatemala", "El Salvador", "Venezuela", "Nicaragua", "Cuba")
# Dates of birth with what they make of the person on DAY, worked out by hand: 18 on the
# day of travel is an adult, 18 the day after is still a child.
BIRTHS: tuple[tuple[date | None, str], ...] = (
    (date(1985, 7, 15), "adult"),
    (date(2010, 1, 1), "child"),
    (date(2003, 3, 2), "adult"),
    (date(2003, 3, 3), "child"),
    (None, "unknown"),
    (date(1950, 12, 31), "adult"),
    (date(2020, 6, 1), "child"),
)
FORMULA_NAME = '=HYPERLINK("http://example.com","Ana")'
MEDICAL_WORDS = (
    "positive",
    "negative",
    "positivo",
    "negativo",
    "isolation",
    "aislamiento",
    "temperat",
    "°",
    "fever",
    "fiebre",
    "antigen",
    "antígeno",
    "result",
)


@dataclass(frozen=True)
class Traveller:
    """One person of the fixture, from which both the roster row and the manifest row come."""

    first_name: str
    last_name: str
    household: str
    seat: str
    date_of_birth: date | None
    age: str
    sex: str
    nationality: str
    a_number: str
    eoir33_done: bool
    band_code: str

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def roster_row(self) -> RosterRow:
        return RosterRow(
            seat=self.seat,
            name=self.name,
            date_of_birth=self.date_of_birth,
            sex=self.sex,
            nationality=self.nationality,
            a_number=self.a_number,
            household=self.household,
            cleared_on=DAY - timedelta(days=1),
            eoir33_done=self.eoir33_done,
            band_code=self.band_code,
        )

    def manifest_row(self, order: int) -> ManifestRow:
        return ManifestRow(
            order=order,
            departs_at="08:30",
            vehicle="Autobús 1",
            port="SYS",
            seat=self.seat,
            household=self.household,
            last_name=self.last_name,
            first_name=self.first_name,
            date_of_birth=self.date_of_birth,
            sex=self.sex,
            nationality=self.nationality,
            a_number=self.a_number,
            cleared_on=DAY - timedelta(days=1),
        )


def travellers(sizes: tuple[int, ...] = HOUSEHOLD_SIZES) -> list[Traveller]:
    """Households in seat order (four seats a row, every other row closed)."""
    people = []
    for household, size in enumerate(sizes, start=1):
        for _ in range(size):
            number = len(people)
            birth, age = BIRTHS[number % len(BIRTHS)]
            people.append(
                Traveller(
                    first_name=FORMULA_NAME if number == 5 else GIVEN[number % len(GIVEN)],
                    last_name=SURNAMES[number % len(SURNAMES)],
                    household=f"H-{household:06d}",
                    seat=f"{1 + 2 * (number // 4)}{'ABCD'[number % 4]}",
                    date_of_birth=birth,
                    age=age,
                    sex="FMX"[number % 3],
                    nationality=NATIONALITIES[number % len(NATIONALITIES)],
                    a_number="" if number % 7 == 3 else f"{number * 7919 + 12345:09d}",
                    eoir33_done=number % 5 != 0,
                    band_code=new_band_code((number + 1).to_bytes(8, "big")),
                )
            )
    return people


def sheet(people: list[Traveller], **changes: object) -> RosterSheet:
    base = RosterSheet(
        site="Tijuana — El Chaparral",
        port_name="San Ysidro",
        port_code="SYS",
        day=DAY,
        departs_at="08:30",
        vehicle="Autobús 2",
        rows=tuple(person.roster_row() for person in people),
    )
    return replace(base, **changes)


def scanned_in_order(pdf: bytes, dpi: int) -> list[str]:
    """The QR payloads of every page, top to bottom, as a scanner going down the sheet."""
    payloads = []
    document = pdfium.PdfDocument(pdf)
    try:
        for page in document:
            found = zxingcpp.read_barcodes(page.render(scale=dpi / 72).to_pil())
            found.sort(key=lambda code: (code.position.top_left.y, code.position.top_left.x))
            payloads += [code.text for code in found]
    finally:
        document.close()
    return payloads


def page_texts(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [" ".join((page.extract_text() or "").split()) for page in document.pages]


def column_text(pdf: bytes, key: str) -> str:
    """One column of every page, read down the page: a name on two lines reads as one."""
    left = COLUMN_X[key]
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return " ".join(
            " ".join(
                page.crop((left, 0, left + COLUMNS_BY_KEY[key].width, page.height))
                .extract_text()
                .split()
            )
            for page in document.pages
        )


@pytest.fixture(scope="module")
def people() -> list[Traveller]:
    return travellers()


@pytest.fixture(scope="module")
def roster_pdf(people: list[Traveller]) -> bytes:
    return render_roster([sheet(people)])


@pytest.fixture(scope="module")
def texts(roster_pdf: bytes) -> list[str]:
    return page_texts(roster_pdf)


# The roster


@pytest.mark.parametrize("dpi", [300, 200])
def test_the_qr_codes_are_the_band_codes_in_roster_order(
    people: list[Traveller], roster_pdf: bytes, dpi: int
) -> None:
    assert scanned_in_order(roster_pdf, dpi) == [person.band_code for person in people]


def test_forty_people_fill_two_landscape_letter_pages(texts: list[str], roster_pdf: bytes) -> None:
    with pdfplumber.open(io.BytesIO(roster_pdf)) as document:
        assert [(page.width, page.height) for page in document.pages] == [(792, 612)] * 2
    assert "Página 1 de 2 / page 1 of 2" in texts[0]
    assert "Página 2 de 2 / page 2 of 2" in texts[1]


def test_every_page_says_which_trip_it_belongs_to(texts: list[str]) -> None:
    for text in texts:
        assert text.startswith("Lista de pasajeros / Passenger roster")
        for words in ("Tijuana — El Chaparral", "San Ysidro (SYS)", "2021-03-02", "08:30"):
            assert words in text
        assert "Autobús 2" in text


def test_headings_are_in_spanish_and_english(texts: list[str]) -> None:
    spanish = (
        "Asiento Nombre Nacimiento Sexo Nacionalidad Número A Hogar Autorizado el "
        "EOIR-33 hecho Brazalete"
    )
    english = (
        "Seat Name Date of birth Sex Nationality A-number Household Cleared on EOIR-33 done "
        "Wristband"
    )
    for text in texts:
        assert spanish in text
        assert english in text


def test_every_person_is_on_the_roster_with_accents_and_a_numbers(
    people: list[Traveller], roster_pdf: bytes, texts: list[str]
) -> None:
    names = column_text(roster_pdf, "name")
    for person in people:
        assert person.name in names
    text = " ".join(texts)
    printed = re.findall(r"A \d{3} \d{3} \d{3}", text)
    assert printed == [
        f"A {p.a_number[:3]} {p.a_number[3:6]} {p.a_number[6:]}" for p in people if p.a_number
    ]
    # Each row, in seat order: seat, name, date of birth, sex, nationality, A-number, household,
    # cleared on, and the EOIR-33 tick read as "sí / yes" or a dash.
    for row in (
        f"1A {people[0].name} 1985-07-15 F Honduras A 000 012 345 H-000001 2021-03-01 —",
        f"1B {people[1].name} 2010-01-01 M Guatemala A 000 020 264 H-000001 2021-03-01 sí / yes",
        "1D Jesús Echeverría Peña 2003-03-03 F Venezuela — H-000001 2021-03-01 sí / yes",
        "3A Dulce Nayeli Hernández Núñez — M Nicaragua A 000 044 021 H-000002 2021-03-01 sí / yes",
    ):
        assert row in texts[0]


def test_a_household_is_never_split_across_pages(people: list[Traveller], texts: list[str]) -> None:
    for household in {person.household for person in people}:
        assert sum(household in text for text in texts) == 1


def test_totals_count_ages_on_the_day_of_travel(people: list[Traveller], texts: list[str]) -> None:
    ages = Counter(person.age for person in people)
    totals = (
        f"Personas / People: {len(people)} Hogares / Households: {len(HOUSEHOLD_SIZES)} "
        f"Adultos / Adults: {ages['adult']} Menores (< 18) / Children (< 18): {ages['child']} "
        f"Edad desconocida / Age unknown: {ages['unknown']}"
    )
    assert totals not in texts[0]
    assert totals in texts[1]
    assert ages["adult"] + ages["child"] + ages["unknown"] == 40


def test_the_last_page_has_the_three_signature_lines(texts: list[str]) -> None:
    for role in (
        "Coordinador(a) del sitio / Site coordinator",
        "Conductor(a) / Driver",
        "Oficial que recibe (CBP) / Receiving officer (CBP)",
    ):
        assert role not in texts[0]
        assert role in texts[1]
    assert texts[1].count("nombre, firma y hora / name, signature and time") == 3


def test_the_roster_says_nothing_medical(texts: list[str]) -> None:
    text = " ".join(texts).lower()
    for word in MEDICAL_WORDS:
        assert word not in text


def test_each_trip_numbers_its_own_pages(people: list[Traveller]) -> None:
    small = sheet(people[:6], departs_at="07:00", vehicle="Camioneta 1")
    texts = page_texts(render_roster([small, sheet(people)]))
    assert len(texts) == 3
    assert "page 1 of 1" in texts[0]
    assert "page 1 of 2" in texts[1]
    assert "page 2 of 2" in texts[2]
    assert "Camioneta 1" in texts[0]
    assert "Personas / People: 6 " in texts[0]


def test_a_person_without_a_band_is_said_so_instead_of_a_qr_code(
    people: list[Traveller],
) -> None:
    without = [replace(people[0], band_code=""), *people[1:4]]
    pdf = render_roster([sheet(without)])
    assert scanned_in_order(pdf, 300) == [person.band_code for person in without[1:]]
    assert "sin brazalete no band" in page_texts(pdf)[0]


def test_a_very_long_name_is_kept_whole_in_the_text(people: list[Traveller]) -> None:
    long_name = "Maximiliana Guadalupe Concepción Ñúñez Güemes de Albuquerque y Villaseñor"
    row = replace(people[0].roster_row(), name=long_name)
    pdf = render_roster([replace(sheet(people[:1]), rows=(row,))])
    assert long_name in column_text(pdf, "name")
    assert scanned_in_order(pdf, 300) == [people[0].band_code]


def test_the_same_roster_gives_the_same_bytes_and_names_nobody_in_metadata(
    people: list[Traveller], roster_pdf: bytes
) -> None:
    assert render_roster([sheet(people)]) == roster_pdf
    with pdfplumber.open(io.BytesIO(roster_pdf)) as document:
        metadata = " ".join(str(value) for value in document.metadata.values())
    assert "Hernández" not in metadata


@given(st.lists(st.integers(1, 30), min_size=1, max_size=40))
def test_pages_respect_households_and_leave_room_to_sign(sizes: list[int]) -> None:
    bounds = list(accumulate(sizes, initial=0))
    groups = list(pairwise(bounds))
    pages = paginate(groups, bounds[-1])
    assert pages[0][0] == 0 and pages[-1][1] == bounds[-1]
    assert all(stop == start for (_, stop), (start, _) in pairwise(pages))
    assert all(0 < stop - start <= ROWS_PER_PAGE for start, stop in pages)
    assert pages[-1][1] - pages[-1][0] <= ROWS_ON_LAST_PAGE
    cuts = {start for start, _ in pages}
    for start, stop in groups:
        if stop - start <= ROWS_ON_LAST_PAGE:  # small enough never to be split
            assert not any(start < cut < stop for cut in cuts)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"a_number": "12345"}, "nine digits"),
        ({"band_code": "SD00000000001"}, "band code"),
        ({"name": " "}, "name"),
    ],
)
def test_a_row_that_cannot_be_printed_is_refused(
    people: list[Traveller], changes: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        replace(people[0].roster_row(), **changes)


def test_a_sheet_that_cannot_be_printed_is_refused(people: list[Traveller]) -> None:
    with pytest.raises(ValueError, match="HH:MM"):
        sheet(people, departs_at="8:30")
    with pytest.raises(ValueError, match="nobody"):
        sheet([])
    with pytest.raises(ValueError, match="empty"):
        render_roster([])


# The manifest


def manifest_rows(people: list[Traveller]) -> list[ManifestRow]:
    return [person.manifest_row(order) for order, person in enumerate(people, start=1)]


def test_the_manifest_columns_are_the_rows_fields_each_with_its_meaning() -> None:
    assert [field.name for field in fields(ManifestRow)] == list(MANIFEST_COLUMNS)
    assert all(meaning.strip() for meaning in MANIFEST_COLUMNS.values())


def test_the_csv_reads_back_row_for_row_in_roster_order(people: list[Traveller]) -> None:
    content = manifest_csv(manifest_rows(people))
    assert content.startswith(b"\xef\xbb\xbf")
    reader = csv.DictReader(io.StringIO(content.decode("utf-8-sig")))
    assert reader.fieldnames == list(MANIFEST_COLUMNS)
    rows = list(reader)
    roster = sheet(people).rows
    assert [(r["seat"], r["household"]) for r in rows] == [(r.seat, r.household) for r in roster]
    assert [f"{spreadsheet_value(r['first_name'])} {r['last_name']}" for r in rows] == [
        row.name for row in roster
    ]
    assert [r["order"] for r in rows] == [str(order) for order in range(1, len(people) + 1)]
    first = rows[0]
    assert first == {
        "order": "1",
        "departs_at": "08:30",
        "vehicle": "Autobús 1",
        "port": "SYS",
        "seat": "1A",
        "household": "H-000001",
        "last_name": "Hernández Núñez",
        "first_name": "María José",
        "date_of_birth": "1985-07-15",
        "sex": "F",
        "nationality": "Honduras",
        "a_number": "A 000-012-345",
        "cleared_on": "2021-03-01",
    }
    assert rows[3]["a_number"] == "" and rows[4]["date_of_birth"] == ""


def test_a_formula_in_the_manifest_is_neutralised_and_reads_back(
    people: list[Traveller],
) -> None:
    content = manifest_csv(manifest_rows(people)).decode("utf-8-sig")
    cell = list(csv.DictReader(io.StringIO(content)))[5]["first_name"]
    assert cell == "'" + FORMULA_NAME
    assert spreadsheet_value(cell) == FORMULA_NAME


def test_the_json_document_holds_the_same_rows(people: list[Traveller]) -> None:
    generated = datetime(2021, 3, 2, 6, 45, tzinfo=timezone(timedelta(hours=-8)))
    document = json.loads(
        manifest_json(manifest_rows(people), "Tijuana — El Chaparral", "SYS", DAY, generated)
    )
    assert document["format"] == JSON_FORMAT_NAME
    assert document["version"] == 1
    assert (document["site"], document["port"], document["day"]) == (
        "Tijuana — El Chaparral",
        "SYS",
        "2021-03-02",
    )
    assert document["generated_at"] == "2021-03-02T14:45:00+00:00"
    assert document["columns"] == MANIFEST_COLUMNS
    people_out = document["people"]
    assert [p["seat"] for p in people_out] == [person.seat for person in people]
    assert people_out[5]["first_name"] == FORMULA_NAME  # no spreadsheet runs JSON
    assert people_out[3]["a_number"] is None and people_out[4]["date_of_birth"] is None
    assert all(list(person) == list(MANIFEST_COLUMNS) for person in people_out)


def test_the_manifest_says_nothing_medical(people: list[Traveller]) -> None:
    rows = manifest_rows(people)
    csv_text = manifest_csv(rows).decode("utf-8-sig").lower()
    json_text = manifest_json(rows, "Sitio", "SYS", DAY, datetime(2021, 3, 2, tzinfo=UTC))
    for word in MEDICAL_WORDS:
        assert word not in csv_text
        assert word not in json_text.decode("utf-8").lower()


def test_the_manifest_refuses_a_bad_row_and_a_time_without_zone(people: list[Traveller]) -> None:
    with pytest.raises(ValueError, match="9 digits"):
        replace(people[0].manifest_row(1), a_number="A123")
    with pytest.raises(ValueError, match="starts at 1"):
        people[0].manifest_row(0)
    with pytest.raises(ValueError, match="time zone"):
        manifest_json(manifest_rows(people), "Sitio", "SYS", DAY, datetime(2021, 3, 2))
