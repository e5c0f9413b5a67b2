"""Text cells: what is stored (NFC, nothing invisible, no direction tricks) and what a spreadsheet
is given (never a formula), and that reading a spreadsheet-safe cell gives the value back."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from staging.registration.cells import clean_text, spreadsheet_safe, spreadsheet_value
from staging.registration.problems import FieldProblem, ProblemCode
from staging.registration.validate import parse_file
from tests.staging.registration.support import TODAY, good_row, write_rows

INVISIBLE_ONLY = [
    "\u200b",  # zero-width space
    "\u200b\u200b \u2060",  # with a word joiner
    "\ufeff",  # a stray byte-order mark
    "\u00ad",  # soft hyphen
    "\u3164",  # Hangul filler, the usual "blank name"
    "\u2800",  # blank Braille cell
    " \u200d\u200c ",  # joiners with nothing to join
    "\u200e\u200f",  # left-to-right and right-to-left marks
    "\x01\x7f",  # controls
]
DIRECTION_CONTROLS = [chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]


@pytest.mark.parametrize("cell", INVISIBLE_ONLY)
def test_a_cell_of_invisible_characters_is_empty(cell: str) -> None:
    assert clean_text(cell) == ""


def test_a_name_made_only_of_invisible_characters_is_missing(tmp_path: Path) -> None:
    rows = [
        good_row(registration_id=f"T-{n}", given_names=cell)
        for n, cell in enumerate(INVISIBLE_ONLY)
    ]
    parsed = parse_file(write_rows(tmp_path / "lista.csv", rows), today=TODAY)
    assert parsed.records == {}
    assert {(p.column, p.code) for p in parsed.problems} == {("given_names", ProblemCode.REQUIRED)}
    assert parsed.problems[0].message_en == "Row 2: given_names is required but the cell is empty"


def test_invisible_characters_are_taken_out_of_text() -> None:
    assert clean_text("\u200bAna\u00ad María\u2060 ") == "Ana María"
    assert clean_text("Lo\u200dpez") == "Lo\u200dpez"  # a joiner inside a text may mean something


@pytest.mark.parametrize("control", DIRECTION_CONTROLS)
def test_a_direction_control_is_refused_by_name(control: str) -> None:
    with pytest.raises(FieldProblem) as refused:
        clean_text(f"Ana{control}anaM")
    assert refused.value.code is ProblemCode.TEXT_DIRECTION
    assert f"(U+{ord(control):04X})" in refused.value.message_en
    assert f"(U+{ord(control):04X})" in refused.value.message_es


def test_a_row_with_a_direction_override_is_rejected_and_the_message_shows_it(
    tmp_path: Path,
) -> None:
    rows = [good_row(paternal_surname="Pérez\u202ezenúN"), good_row(registration_id="T-2")]
    parsed = parse_file(write_rows(tmp_path / "lista.csv", rows), today=TODAY)
    (problem,) = parsed.problems
    assert (problem.row_number, problem.code) == (2, ProblemCode.TEXT_DIRECTION)
    assert problem.value == "Pérez\u202ezenúN"  # the cell as it came, for the rejects file
    assert problem.message_en.startswith("Row 2: paternal_surname 'Pérez<U+202E>zenúN' has a")
    assert "\u202e" not in problem.message  # the message itself is never reordered
    assert list(parsed.records) == [3]


def test_text_is_stored_in_nfc_whichever_way_it_was_typed(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "José Ñúñez")
    assert decomposed != "José Ñúñez"
    rows = [
        good_row(registration_id="T-1", given_names=decomposed, us_address_city="Sa\u0303o Paulo"),
        good_row(registration_id="T-2", given_names="José Ñúñez"),
    ]
    parsed = parse_file(write_rows(tmp_path / "lista.csv", rows), today=TODAY)
    first, second = parsed.records.values()
    assert first.given_names == second.given_names == "José Ñúñez"
    assert first.us_address_city == "São Paulo"


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ('=HYPERLINK("http://x.example","Ver")', '\'=HYPERLINK("http://x.example","Ver")'),
        ("=1+2", "'=1+2"),
        ("+52 664 555 0101", "'+52 664 555 0101"),
        ("-", "'-"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+2", "'\t=1+2"),
        ("\r=1+2", "'\r=1+2"),
        ("\0", "'\0"),
        ("'=1+2", "''=1+2"),
        ("O'Brien", "O'Brien"),
        ("'quoted'", "'quoted'"),
        ("María = Ana", "María = Ana"),
        ("", ""),
    ],
)
def test_a_cell_a_spreadsheet_would_run_is_written_as_text(text: str, written: str) -> None:
    assert spreadsheet_safe(text) == written
    assert spreadsheet_value(written) == text


@given(st.text())
def test_reading_undoes_writing_for_every_text(text: str) -> None:
    written = spreadsheet_safe(text)
    assert not written.startswith(("=", "+", "-", "@", "\t", "\r", "\0"))
    assert spreadsheet_value(written) == text
