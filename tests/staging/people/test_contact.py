"""Contact details typed at the desk: numbers someone can call, addresses mail can reach."""

from __future__ import annotations

import pytest

from staging.people.contact import (
    ContactProblems,
    check_contact,
    check_zip,
    normalise_email,
    normalise_phone,
    us_state_code,
)
from staging.registration.problems import FieldProblem, ProblemCode


@pytest.mark.parametrize(
    ("typed", "region", "stored"),
    [
        ("+52 664 123 4567", "MX", "+526641234567"),
        ("664-123-4567", "MX", "+526641234567"),
        ("(664) 123.45.67", "MX", "+526641234567"),
        ("00 52 664 123 4567", "US", "+526641234567"),
        ("011 52 664 123 4567", "US", "+526641234567"),
        ("+52 1 664 123 4567", "MX", "+526641234567"),  # the old mobile prefix
        ("(915) 555-0123", "US", "+19155550123"),
        ("+1 915 555 0123", "MX", "+19155550123"),
        ("1 915 555 0123", "US", "+19155550123"),
        # No country code: read in the field's country, else in the other one.
        ("915 555 0123", "MX", "+19155550123"),
        ("664 123 4567", "US", "+526641234567"),
        # Valid in both (Monterrey, Los Angeles): the field's country is meant.
        ("818 365 1234", "MX", "+528183651234"),
        ("818 365 1234", "US", "+18183651234"),
    ],
)
def test_mexican_and_us_phones_are_stored_in_one_form(typed: str, region, stored: str) -> None:
    assert normalise_phone(typed, region) == stored


@pytest.mark.parametrize(
    ("typed", "code", "reason_en", "reason_es"),
    [
        ("not a phone", ProblemCode.PHONE_CHARACTERS, "has letters", "tiene letras"),
        ("664 123 4567 ext 2", ProblemCode.PHONE_CHARACTERS, "has letters", "tiene letras"),
        ("664 123", ProblemCode.PHONE_SHORT, "has only 6 digits", "tiene solo 6 dígitos"),
        ("+52 664 12", ProblemCode.PHONE_SHORT, "has only 5 digits", "tiene solo 5 dígitos"),
        ("+44 20 7946 0958", ProblemCode.PHONE_COUNTRY, "(+44)", "(+44)"),
        ("+504 9999 1234", ProblemCode.PHONE_COUNTRY, "another country", "otro país"),
        ("+1 416 979 1234", ProblemCode.PHONE_COUNTRY, "area code 416", "lada 416"),
        ("+52 664 123 4567 89", ProblemCode.PHONE_INVALID, "not a valid", "no es un número"),
    ],
)
def test_a_phone_nobody_could_call_is_refused_saying_why(
    typed: str, code: ProblemCode, reason_en: str, reason_es: str
) -> None:
    with pytest.raises(FieldProblem) as refused:
        normalise_phone(typed, "MX")
    assert refused.value.code is code
    assert f"“{typed}”" in refused.value.message_en
    assert reason_en in refused.value.message_en
    assert f"“{typed}”" in refused.value.message_es
    assert reason_es in refused.value.message_es


def test_e_mail_addresses_are_checked_without_the_network() -> None:
    assert normalise_email(" Ana.Perez@Gmail.COM ") == "Ana.Perez@gmail.com"
    assert normalise_email("josé@correo.mx") == "josé@correo.mx"
    for typed in ("bad@@", "ana.perez", "ana@ejemplo"):
        with pytest.raises(FieldProblem) as refused:
            normalise_email(typed)
        assert refused.value.code is ProblemCode.EMAIL_INVALID
        assert f"“{typed}” is not an e-mail address" in refused.value.message_en
        assert f"“{typed}” no es una dirección de correo" in refused.value.message_es


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("TX", "TX"),
        ("tx", "TX"),
        ("Texas", "TX"),
        ("new mexico", "NM"),
        ("Nuevo México", "NM"),
        ("NUEVO MEXICO", "NM"),
        ("Carolina del Norte", "NC"),
        ("N.C.", "NC"),
        ("Luisiana", "LA"),
        ("Misisipi", "MS"),
        ("Pensilvania", "PA"),
        ("Hawái", "HI"),
        ("Hawaii", "HI"),
        ("Washington", "WA"),
        ("Washington, D.C.", "DC"),
        ("Puerto Rico", "PR"),
    ],
)
def test_a_state_is_known_by_its_code_or_its_english_or_spanish_name(typed: str, code: str) -> None:
    assert us_state_code(typed) == code


def test_a_place_that_is_not_a_us_state_is_refused() -> None:
    with pytest.raises(FieldProblem) as refused:
        us_state_code("Baja California")
    assert refused.value.code is ProblemCode.STATE_UNKNOWN
    assert "“Baja California” is not a US state" in refused.value.message_en
    assert "“Baja California” no es un estado de EE. UU." in refused.value.message_es


def test_zip_codes_must_exist_and_be_written_as_zip_codes() -> None:
    assert check_zip("79901", None) == "79901"
    assert check_zip(" 79901-1234 ", "TX") == "79901-1234"
    assert check_zip("00901", "PR") == "00901"
    for typed, code in [
        ("ABCDE", ProblemCode.ZIP_FORMAT),
        ("7990", ProblemCode.ZIP_FORMAT),
        ("79901-12", ProblemCode.ZIP_FORMAT),
        ("00000", ProblemCode.ZIP_UNKNOWN),
    ]:
        with pytest.raises(FieldProblem) as refused:
            check_zip(typed, None)
        assert refused.value.code is code
        assert typed in refused.value.message_en
        assert typed in refused.value.message_es


def test_a_zip_code_in_another_state_names_the_state_it_is_in() -> None:
    with pytest.raises(FieldProblem) as refused:
        check_zip("79901", "CA")
    assert refused.value.code is ProblemCode.ZIP_OTHER_STATE
    assert refused.value.message_en == "ZIP 79901 is in Texas (TX), not California (CA)"
    assert refused.value.message_es == (
        "El código postal 79901 está en Texas (TX), no en California (CA)"
    )
    with pytest.raises(FieldProblem) as refused:
        check_zip("87501", "TX")
    assert "is in New Mexico (NM), not Texas (TX)" in refused.value.message_en
    assert "está en Nuevo México (NM), no en Texas (TX)" in refused.value.message_es


def test_a_contact_form_is_cleaned_and_blank_fields_stay_blank() -> None:
    typed = {
        "phone": " 664 123 4567 ",
        "email": "",
        "us_contact_name": "  Rosa Mejía ",
        "us_contact_phone": "(915) 555-0123",
        "us_address_state": "texas",
        "us_address_zip": "79901",
    }
    assert check_contact(typed) == {
        "phone": "+526641234567",
        "email": "",
        "us_contact_name": "Rosa Mejía",
        "us_contact_phone": "+19155550123",
        "us_address_state": "TX",
        "us_address_zip": "79901",
    }


def test_every_problem_of_a_contact_form_is_reported_at_once() -> None:
    typed = {
        "phone": "not a phone",
        "email": "bad@@",
        "us_contact_phone": "12",
        "us_address_state": "California",
        "us_address_zip": "79901",
        "us_contact_name": "Rosa",
    }
    with pytest.raises(ContactProblems) as refused:
        check_contact(typed)
    problems = refused.value.problems
    assert list(problems) == ["phone", "email", "us_contact_phone", "us_address_zip"]
    assert problems["us_address_zip"].code is ProblemCode.ZIP_OTHER_STATE
    message_en, message_es = refused.value.message_en, refused.value.message_es
    assert "Phone: Phone number “not a phone”" in message_en
    assert "E-mail: E-mail “bad@@”" in message_en
    assert "US contact: phone: Phone number “12” has only 2 digits" in message_en
    assert "US address: ZIP code: ZIP 79901 is in Texas (TX), not California (CA)" in message_en
    assert "Teléfono: El número de teléfono “not a phone”" in message_es
    assert "Correo electrónico: El correo “bad@@”" in message_es
    assert "no en California (CA)" in message_es


def test_a_zip_code_is_checked_on_its_own_when_the_state_is_unreadable() -> None:
    with pytest.raises(ContactProblems) as refused:
        check_contact({"us_address_state": "Tejax", "us_address_zip": "00000"})
    problems = refused.value.problems
    assert problems["us_address_state"].code is ProblemCode.STATE_UNKNOWN
    assert problems["us_address_zip"].code is ProblemCode.ZIP_UNKNOWN
