"""Cell parsers: the written forms staff really meet, and a precise reason for the rest."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from staging.domain import VULNERABILITY_FLAGS, CaseStatus, Sex
from staging.registration.parsing import (
    SPANISH_VULNERABILITIES,
    a_number_digits,
    format_a_number,
    parse_a_number,
    parse_case_status,
    parse_date,
    parse_sex,
    parse_vulnerabilities,
)
from staging.registration.problems import FieldProblem, ProblemCode

# --- A-numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "digits"),
    [
        ("A212345678", "212345678"),
        ("a 212 345 678", "212345678"),
        ("A-212-345-678", "212345678"),
        ("212.345.678", "212345678"),
        ("A# 212-345-678", "212345678"),
        ("A–212–345–678", "212345678"),  # en dashes, as Word types them
        ("  A12345678 ", "012345678"),
        ("12-345-678", "012345678"),
        ("12345678", "012345678"),
        ("A 0 1 2 3 4 5 6 7 8", "012345678"),
    ],
)
def test_a_number_in_every_written_form(written: str, digits: str) -> None:
    assert parse_a_number(written) == digits


@pytest.mark.parametrize(
    ("written", "code", "reason"),
    [
        ("A21234567B", ProblemCode.A_NUMBER_CHARACTERS, "characters other than digits"),
        ("B212345678", ProblemCode.A_NUMBER_CHARACTERS, "characters other than digits"),
        ("A1234567", ProblemCode.A_NUMBER_LENGTH, "has 7 digits"),
        ("1234567890", ProblemCode.A_NUMBER_LENGTH, "has 10 digits"),
        ("A", ProblemCode.A_NUMBER_LENGTH, "has 0 digits"),
        ("000-000-000", ProblemCode.A_NUMBER_ZERO, "all zeros"),
        ("A00000000", ProblemCode.A_NUMBER_ZERO, "all zeros"),
    ],
)
def test_a_number_refused_with_a_specific_reason(
    written: str, code: ProblemCode, reason: str
) -> None:
    with pytest.raises(FieldProblem) as refused:
        parse_a_number(written)
    assert refused.value.code is code
    assert reason in refused.value.message_en
    assert refused.value.message_es


_SEPARATORS = st.sampled_from(["", "", "", " ", "-", ".", " - "])


@given(
    digits=st.text("0123456789", min_size=8, max_size=9).filter(lambda d: d.strip("0")),
    prefix=st.sampled_from(["", "A", "a", "A ", "A-", "A#", "A# "]),
    data=st.data(),
)
def test_any_written_a_number_parses_back_to_its_nine_digits(
    digits: str, prefix: str, data: st.DataObject
) -> None:
    gaps = data.draw(st.lists(_SEPARATORS, min_size=len(digits) - 1, max_size=len(digits) - 1))
    written = (
        prefix
        + digits[0]
        + "".join(gap + digit for gap, digit in zip(gaps, digits[1:], strict=True))
    )
    padding = data.draw(st.sampled_from(["", " ", "  "]))
    assert parse_a_number(padding + written + padding) == digits.zfill(9)
    assert a_number_digits(written) == digits.zfill(9)


def test_format_a_number_for_documents() -> None:
    assert format_a_number("012345678") == "A 012-345-678"
    with pytest.raises(ValueError, match="9 digits"):
        format_a_number("12345678")


@pytest.mark.parametrize("text", ["Ana", "A12", "664 123 4567", "", "TIJ-0001"])
def test_a_number_digits_is_none_for_what_is_not_an_a_number(text: str) -> None:
    assert a_number_digits(text) is None


# --- Dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "2020-04-03",
        "2020-4-3",
        "2020/04/03",
        "2020-04-03 00:00:00",
        "2020-04-03T00:00",
        "03/04/2020",
        "3/4/2020",
        "03-04-2020",
        " 03/04/2020 ",
        datetime(2020, 4, 3, 0, 0),
        date(2020, 4, 3),
    ],
)
def test_dates_are_iso_or_day_first(written: str | date) -> None:
    """03/04/2020 is the 3rd of April: lists come from Mexico, where the day goes first."""
    assert parse_date(written) == date(2020, 4, 3)


@pytest.mark.parametrize(
    ("written", "code", "reason"),
    [
        ("31/02/2020", ProblemCode.DATE_IMPOSSIBLE, "is not a real date"),
        ("29/02/2019", ProblemCode.DATE_IMPOSSIBLE, "is not a real date"),
        ("2020-02-30", ProblemCode.DATE_IMPOSSIBLE, "is not a real date"),
        ("00/01/2020", ProblemCode.DATE_IMPOSSIBLE, "is not a real date"),
        ("04/13/2020", ProblemCode.DATE_IMPOSSIBLE, "day first"),
        ("3 de abril de 2020", ProblemCode.DATE_FORMAT, "YYYY-MM-DD or DD/MM/YYYY"),
        ("03/04/20", ProblemCode.DATE_FORMAT, "YYYY-MM-DD or DD/MM/YYYY"),
        ("03/04-2020", ProblemCode.DATE_FORMAT, "YYYY-MM-DD or DD/MM/YYYY"),
        ("20200403", ProblemCode.DATE_FORMAT, "YYYY-MM-DD or DD/MM/YYYY"),
        ("", ProblemCode.DATE_FORMAT, "YYYY-MM-DD or DD/MM/YYYY"),
    ],
)
def test_bad_dates_are_refused_with_a_specific_reason(
    written: str, code: ProblemCode, reason: str
) -> None:
    with pytest.raises(FieldProblem) as refused:
        parse_date(written)
    assert refused.value.code is code
    assert reason in refused.value.message_en


def test_leap_day_is_a_real_date() -> None:
    assert parse_date("29/02/2020") == date(2020, 2, 29)


@given(
    day=st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    form=st.sampled_from(["%Y-%m-%d", "%d/%m/%Y", "{d}/{m}/%Y", "%d-%m-%Y", "%Y/%m/%d"]),
)
def test_any_date_written_iso_or_day_first_parses_back(day: date, form: str) -> None:
    written = day.strftime(form.format(d=day.day, m=day.month))
    assert parse_date(written) == day


# --- Sex, case status, vulnerabilities ---------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "sex"),
    [
        ("F", Sex.FEMALE),
        ("f", Sex.FEMALE),
        ("Femenino", Sex.FEMALE),
        ("MUJER", Sex.FEMALE),
        ("female", Sex.FEMALE),
        ("M", Sex.MALE),
        (" masculino ", Sex.MALE),
        ("Hombre", Sex.MALE),
        ("Male", Sex.MALE),
        ("X", Sex.OTHER),
        ("otro", Sex.OTHER),
    ],
)
def test_sex_in_english_or_spanish(written: str, sex: Sex) -> None:
    assert parse_sex(written) is sex


def test_unknown_sex_is_refused() -> None:
    with pytest.raises(FieldProblem) as refused:
        parse_sex("Q")
    assert refused.value.code is ProblemCode.SEX_UNKNOWN


@pytest.mark.parametrize(
    ("written", "status"),
    [
        ("", CaseStatus.UNKNOWN),
        ("  ", CaseStatus.UNKNOWN),
        ("pending", CaseStatus.PENDING),
        ("Pendiente", CaseStatus.PENDING),
        ("terminado", CaseStatus.TERMINATED),
        ("TERMINADA", CaseStatus.TERMINATED),
        ("in_absentia", CaseStatus.IN_ABSENTIA),
        ("In Absentia", CaseStatus.IN_ABSENTIA),
        ("en ausencia", CaseStatus.IN_ABSENTIA),
        ("removed_after_hearing", CaseStatus.REMOVED_AFTER_HEARING),
        ("Deportado tras audiencia", CaseStatus.REMOVED_AFTER_HEARING),
        ("Orden de remoción tras audiencia", CaseStatus.REMOVED_AFTER_HEARING),
        ("Desconocido", CaseStatus.UNKNOWN),
        ("unknown", CaseStatus.UNKNOWN),
    ],
)
def test_case_status_in_english_or_spanish(written: str, status: CaseStatus) -> None:
    assert parse_case_status(written) is status


def test_unknown_case_status_is_refused_not_guessed() -> None:
    """'deportado' alone does not say whether the hearing was attended: eligibility hangs on it."""
    with pytest.raises(FieldProblem) as refused:
        parse_case_status("deportado")
    assert refused.value.code is ProblemCode.CASE_STATUS_UNKNOWN
    assert "removed_after_hearing" in refused.value.message_en


@pytest.mark.parametrize(
    ("written", "flags"),
    [
        ("", set()),
        ("embarazo; discapacidad", {"pregnancy", "disability"}),
        ("pregnancy,age_65_plus", {"pregnancy", "age_65_plus"}),
        ("Mayor_65 , LACTANTE;", {"age_65_plus", "infant"}),
        ("Condición médica grave", {"serious_medical_condition"}),
        ("cuidador_unico;riesgo_violencia", {"single_caregiver", "risk_of_violence"}),
        ("embarazo;embarazo", {"pregnancy"}),
    ],
)
def test_vulnerabilities_in_english_or_spanish(written: str, flags: set[str]) -> None:
    assert parse_vulnerabilities(written) == flags


def test_unknown_vulnerability_is_named_in_the_reason() -> None:
    with pytest.raises(FieldProblem) as refused:
        parse_vulnerabilities("embarazo; tos")
    assert refused.value.code is ProblemCode.VULNERABILITY_UNKNOWN
    assert "'tos'" in refused.value.message_en
    assert "'tos'" in refused.value.message_es


def test_every_vulnerability_flag_has_a_spanish_code_that_parses_back() -> None:
    for flag in VULNERABILITY_FLAGS:
        assert parse_vulnerabilities(SPANISH_VULNERABILITIES[flag]) == {flag}
        assert parse_vulnerabilities(flag) == {flag}
