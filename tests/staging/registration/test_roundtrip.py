"""Any registration, written to a CSV the way a partner might, reads back as the same record."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from staging.domain import VULNERABILITY_FLAGS, CaseStatus, Sex
from staging.registration.cells import clean_text, spreadsheet_safe, spreadsheet_value
from staging.registration.columns import CANONICAL_COLUMNS, SPANISH_HEADERS
from staging.registration.parsing import SPANISH_VULNERABILITIES
from staging.registration.text_files import _holds_utf8, _mac_roman_lead
from staging.registration.validate import (
    EARLIEST_BIRTH,
    MPP_LAST_ENROLLMENT,
    MPP_START,
    RegistrationRecord,
    parse_file,
)
from tests.staging.registration.support import TODAY, write_csv

# Letters, digits, punctuation (quotes, commas, semicolons), symbols and odd spaces, as stored
# (clean_text: NFC, no invisible fillers, single spaces).
_TEXT = st.text(st.characters(categories=["L", "N", "P", "S", "Zs"]), max_size=15).map(clean_text)
_REQUIRED_TEXT = (
    st.tuples(st.characters(categories=["L", "N", "P", "S"]), _TEXT)
    .map(lambda parts: clean_text("".join(parts)))
    .filter(bool)
)

_SEX_WORDS = {
    Sex.FEMALE: ["F", "f", "Femenino", "MUJER", "female"],
    Sex.MALE: ["M", "masculino", "Hombre", "male"],
    Sex.OTHER: ["X", "otro"],
}
_CASE_STATUS_WORDS = {
    CaseStatus.PENDING: ["pending", "Pendiente"],
    CaseStatus.TERMINATED: ["terminated", "terminada"],
    CaseStatus.IN_ABSENTIA: ["in_absentia", "En ausencia"],
    CaseStatus.REMOVED_AFTER_HEARING: ["removed_after_hearing", "deportado tras audiencia"],
    CaseStatus.UNKNOWN: ["unknown", "desconocido", ""],
}


@st.composite
def _records(draw: st.DrawFn) -> RegistrationRecord:
    enrolled = draw(st.dates(MPP_START, MPP_LAST_ENROLLMENT))
    return RegistrationRecord(
        registration_id=draw(_REQUIRED_TEXT),
        household_id=draw(_TEXT),
        given_names=draw(_REQUIRED_TEXT),
        paternal_surname=draw(_REQUIRED_TEXT),
        maternal_surname=draw(_TEXT),
        date_of_birth=draw(st.dates(EARLIEST_BIRTH, enrolled)),
        sex=draw(st.sampled_from([*Sex, ""])),
        nationality=draw(_TEXT),
        a_number=f"{draw(st.integers(1, 999_999_999)):09d}",
        mpp_enrollment_date=enrolled,
        case_status=draw(st.sampled_from(CaseStatus)),
        current_court=draw(_TEXT),
        phone=draw(_TEXT),
        email=draw(_TEXT),
        appointment_date=draw(st.none() | st.dates(date(2021, 2, 19), date(2022, 12, 31))),
        us_address_street=draw(_TEXT),
        us_address_city=draw(_TEXT),
        us_address_state=draw(_TEXT),
        us_address_zip=draw(_TEXT),
        us_contact_name=draw(_TEXT),
        us_contact_phone=draw(_TEXT),
        languages=draw(_TEXT),
        vulnerabilities=draw(st.frozensets(st.sampled_from(VULNERABILITY_FLAGS))),
        notes=draw(_TEXT),
    )


def _written(record: RegistrationRecord, draw: st.DrawFn) -> list[str]:
    """The record's cells as a partner might type them, or as a spreadsheet-safe export (ours,
    a rejects file) writes them.

    Typed, a cell never starts with an apostrophe followed by =, +, -, @, a tab, CR or NUL: Excel
    keeps a typed leading apostrophe out of the cell, and the reader takes such an apostrophe
    for the one a spreadsheet-safe export adds (staging.registration.cells).
    """

    def day(value: date | None) -> str:
        if value is None:
            return ""
        return value.strftime(draw(st.sampled_from(["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"])))

    digits = record.a_number
    a_number_forms = [digits, f"A{digits}", f"A {digits[:3]}-{digits[3:6]}-{digits[6:]}"]
    if digits.startswith("0"):
        a_number_forms.append(digits[1:])  # Excel dropped the leading zero
    flags = sorted(record.vulnerabilities)
    spanish_flags = draw(st.booleans())
    cells = {
        "date_of_birth": day(record.date_of_birth),
        "mpp_enrollment_date": day(record.mpp_enrollment_date),
        "appointment_date": day(record.appointment_date),
        "a_number": draw(st.sampled_from(a_number_forms)),
        "sex": draw(st.sampled_from(_SEX_WORDS[record.sex])) if record.sex else "",
        "case_status": draw(st.sampled_from(_CASE_STATUS_WORDS[record.case_status])),
        "vulnerabilities": draw(st.sampled_from(["; ", ","])).join(
            SPANISH_VULNERABILITIES[flag] if spanish_flags else flag for flag in flags
        ),
    }
    written = [cells.get(column, getattr(record, column)) for column in CANONICAL_COLUMNS]
    if draw(st.booleans()):
        return [spreadsheet_safe(cell) for cell in written]
    assume(all(spreadsheet_value(cell) == cell for cell in written))
    return written


def _encodings(cells: list[str], wanted: str) -> tuple[str, str]:
    """The encoding to write, and the one the reader will report.

    Windows-1252 only where it can hold the text; text that is ASCII, or whose Windows-1252 bytes
    happen to be valid UTF-8, is read as UTF-8 (the two cannot be told apart). Nor where the
    reader refuses it by design: bytes that hold UTF-8 too, or make more sense as Mac-Roman.
    """
    if wanted != "cp1252":
        return wanted, wanted
    text = "".join(cells)
    try:
        text.encode("cp1252").decode("utf-8")
    except UnicodeEncodeError:
        return "utf-8-sig", "utf-8-sig"
    except UnicodeDecodeError:
        raw = ",".join(cells).encode("cp1252")
        if _holds_utf8(raw) or _mac_roman_lead(raw) > 0:
            return "utf-8-sig", "utf-8-sig"
        return "cp1252", "cp1252"
    return ("cp1252", "utf-8") if text.isascii() else ("utf-8-sig", "utf-8-sig")


@settings(deadline=None)
@given(
    record=_records(),
    spanish=st.booleans(),
    delimiter=st.sampled_from([",", ";"]),
    wanted_encoding=st.sampled_from(["utf-8-sig", "utf-8", "cp1252"]),
    data=st.data(),
)
def test_a_record_written_to_csv_reads_back_the_same(
    record: RegistrationRecord,
    spanish: bool,
    delimiter: str,
    wanted_encoding: str,
    data: st.DataObject,
) -> None:
    header = [SPANISH_HEADERS[c] if spanish else c for c in CANONICAL_COLUMNS]
    cells = _written(record, data.draw)
    encoding, read_as = _encodings(cells, wanted_encoding)
    with TemporaryDirectory() as folder:
        path = write_csv(
            Path(folder) / "lista.csv", [header, cells], encoding=encoding, delimiter=delimiter
        )
        parsed = parse_file(path, today=TODAY)
    assert parsed.problems == []
    assert parsed.records == {2: record}
    assert (parsed.source.delimiter, parsed.source.encoding) == (delimiter, read_as)
