"""Checking the contact details typed at the desk: phones, e-mail, US state and ZIP code.

A phone number nobody can call, or a US address a sponsor's mail never reaches, is found out
only after the person has left the site, so the desk refuses them while the person is still at
the counter — each with a message that names the value and says what is wrong, in both
languages, and all of them at once so the volunteer corrects the form in one pass.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from functools import lru_cache, partial
from typing import Literal

import phonenumbers
import zipcodes
from email_validator import EmailNotValidError, validate_email

from staging.errors import Refused
from staging.registration.cells import clean_text
from staging.registration.problems import FieldProblem, ProblemCode
from staging.text import fold
from staging.vocabulary import PERSON_FIELD_NAMES, Words

Region = Literal["MX", "US"]

# What the desk calls each field it checks (the contact dialog's captions, without the &).
FIELD_NAMES: dict[str, Words] = {
    name: PERSON_FIELD_NAMES[name]
    for name in (
        "phone",
        "email",
        "us_contact_phone",
        "us_address_state",
        "us_address_zip",
        "us_address_street",
        "us_address_city",
        "us_contact_name",
        "languages",
        "notes",
    )
}
# Free text over several lines: its line breaks are the volunteer's, so only its spelling is made
# uniform (NFC), where a one-line field is cleaned like a list's cell (`clean_text`).
MULTILINE_FIELDS = frozenset({"notes"})

# The person's own phone is usually Mexican; their US contact's, American.
PHONE_REGIONS: dict[str, Region] = {"phone": "MX", "us_contact_phone": "US"}

# --- Phones ------------------------------------------------------------------------------------

# What people write around the digits; anything else (letters, "ext", "/") is refused.
_PHONE_CHARACTERS = re.compile(r"\+?[0-9\s().\-\u2010-\u2015]*")
_NOT_DIGITS = re.compile(r"[^0-9]")
# Puerto Rico has its own region in the numbering plan but is in the US, as its ZIP codes are.
_ACCEPTED_REGIONS = frozenset({"MX", "US", "PR"})
_OTHER_REGION: dict[Region, Region] = {"MX": "US", "US": "MX"}
# The international prefixes dialled from the US (011) and from Mexico (00), longest first.
_DIALLING_PREFIXES = ("011", "00")
NATIONAL_DIGITS = 10


def normalise_phone(text: str, region: Region) -> str:
    """The number in E.164 (+526641234567) if it is a valid Mexican or US number.

    Without a country code the number is read in `region` first (so a number valid in both
    countries is taken to be from there) and, if it is not valid there, in the other of Mexico
    and the US: a US contact's number is sometimes Mexican, and the other way round.
    """
    typed = text.strip()
    if not _PHONE_CHARACTERS.fullmatch(typed):
        raise FieldProblem(
            ProblemCode.PHONE_CHARACTERS,
            f"Phone number “{typed}” has letters or signs a phone number cannot have",
            f"El número de teléfono “{typed}” tiene letras o signos que un teléfono no puede tener",
        )
    digits = _NOT_DIGITS.sub("", typed)
    international = typed.startswith("+")
    for prefix in _DIALLING_PREFIXES:
        if not international and digits.startswith(prefix):
            digits, international = digits[len(prefix) :], True
    if international:
        readings = [_read("+" + digits, None)]
        if digits.startswith("521"):
            # Mexican mobiles were dialled +52 1 … until 2019 and phones still show them so.
            readings.append(_read("+52" + digits[3:], None))
    else:
        readings = [_read(digits, region), _read(digits, _OTHER_REGION[region])]
    for number in readings:
        if (
            number is not None
            and phonenumbers.is_valid_number(number)
            and phonenumbers.region_code_for_number(number) in _ACCEPTED_REGIONS
        ):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    raise _phone_refusal(typed, digits, readings)


def _read(digits: str, region: str | None) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(digits, region)
    except phonenumbers.NumberParseException:
        return None


def _phone_refusal(
    typed: str, digits: str, readings: list[phonenumbers.PhoneNumber | None]
) -> FieldProblem:
    """Why the number was refused, as precisely as its digits tell."""
    first = readings[0]
    if first is not None and first.country_code not in (1, 52):
        return FieldProblem(
            ProblemCode.PHONE_COUNTRY,
            f"Phone number “{typed}” is from another country (+{first.country_code}): only"
            " Mexican (+52) and US (+1) numbers are accepted",
            f"El número de teléfono “{typed}” es de otro país (+{first.country_code}): solo se"
            " aceptan números de México (+52) y de EE. UU. (+1)",
        )
    # Any valid reading left is in a country that shares +1 with the US (Canada, the Caribbean).
    for number in readings:
        if number is not None and phonenumbers.is_valid_number(number):
            area = str(number.national_number)[:3]
            return FieldProblem(
                ProblemCode.PHONE_COUNTRY,
                f"Phone number “{typed}” is not a US number: area code {area} is in another"
                " country; only Mexican (+52) and US (+1) numbers are accepted",
                f"El número de teléfono “{typed}” no es de EE. UU.: la lada {area} es de otro"
                " país; solo se aceptan números de México (+52) y de EE. UU. (+1)",
            )
    national = len(str(first.national_number)) if first is not None else len(digits)
    if national < NATIONAL_DIGITS:
        return FieldProblem(
            ProblemCode.PHONE_SHORT,
            f"Phone number “{typed}” has only {national} digits: a Mexican or US number has"
            f" {NATIONAL_DIGITS}, without the country code",
            f"El número de teléfono “{typed}” tiene solo {national} dígitos: un número de México"
            f" o de EE. UU. tiene {NATIONAL_DIGITS}, sin la clave de país",
        )
    return FieldProblem(
        ProblemCode.PHONE_INVALID,
        f"Phone number “{typed}” is not a valid Mexican or US number"
        " (such as +52 664 123 4567 or +1 915 555 0123)",
        f"El número de teléfono “{typed}” no es un número válido de México ni de EE. UU."
        " (como +52 664 123 4567 o +1 915 555 0123)",
    )


# --- E-mail --------------------------------------------------------------------------------------


def normalise_email(text: str) -> str:
    """The address as the mail systems write it (domain in lower case); no network is asked."""
    typed = text.strip()
    try:
        return validate_email(typed, check_deliverability=False).normalized
    except EmailNotValidError as reason:
        raise FieldProblem(
            ProblemCode.EMAIL_INVALID,
            f"E-mail “{typed}” is not an e-mail address ({reason})",
            f"El correo “{typed}” no es una dirección de correo electrónico válida"
            " (como nombre@ejemplo.com)",
        ) from None


# --- US states and ZIP codes ---------------------------------------------------------------------

# The USPS codes the desk accepts (the states, DC and Puerto Rico) and their names.
US_STATES: dict[str, Words] = {
    "AL": Words("Alabama", "Alabama"),
    "AK": Words("Alaska", "Alaska"),
    "AZ": Words("Arizona", "Arizona"),
    "AR": Words("Arkansas", "Arkansas"),
    "CA": Words("California", "California"),
    "CO": Words("Colorado", "Colorado"),
    "CT": Words("Connecticut", "Connecticut"),
    "DE": Words("Delaware", "Delaware"),
    "DC": Words("District of Columbia", "Distrito de Columbia"),
    "FL": Words("Florida", "Florida"),
    "GA": Words("Georgia", "Georgia"),
    "HI": Words("Hawaii", "Hawái"),
    "ID": Words("Idaho", "Idaho"),
    "IL": Words("Illinois", "Illinois"),
    "IN": Words("Indiana", "Indiana"),
    "IA": Words("Iowa", "Iowa"),
    "KS": Words("Kansas", "Kansas"),
    "KY": Words("Kentucky", "Kentucky"),
    "LA": Words("Louisiana", "Luisiana"),
    "ME": Words("Maine", "Maine"),
    "MD": Words("Maryland", "Maryland"),
    "MA": Words("Massachusetts", "Massachusetts"),
    "MI": Words("Michigan", "Míchigan"),
    "MN": Words("Minnesota", "Minesota"),
    "MS": Words("Mississippi", "Misisipi"),
    "MO": Words("Missouri", "Misuri"),
    "MT": Words("Montana", "Montana"),
    "NE": Words("Nebraska", "Nebraska"),
    "NV": Words("Nevada", "Nevada"),
    "NH": Words("New Hampshire", "Nuevo Hampshire"),
    "NJ": Words("New Jersey", "Nueva Jersey"),
    "NM": Words("New Mexico", "Nuevo México"),
    "NY": Words("New York", "Nueva York"),
    "NC": Words("North Carolina", "Carolina del Norte"),
    "ND": Words("North Dakota", "Dakota del Norte"),
    "OH": Words("Ohio", "Ohio"),
    "OK": Words("Oklahoma", "Oklahoma"),
    "OR": Words("Oregon", "Oregón"),
    "PA": Words("Pennsylvania", "Pensilvania"),
    "PR": Words("Puerto Rico", "Puerto Rico"),
    "RI": Words("Rhode Island", "Rhode Island"),
    "SC": Words("South Carolina", "Carolina del Sur"),
    "SD": Words("South Dakota", "Dakota del Sur"),
    "TN": Words("Tennessee", "Tennessee"),
    "TX": Words("Texas", "Texas"),
    "UT": Words("Utah", "Utah"),
    "VT": Words("Vermont", "Vermont"),
    "VA": Words("Virginia", "Virginia"),
    "WA": Words("Washington", "Washington"),
    "WV": Words("West Virginia", "Virginia Occidental"),
    "WI": Words("Wisconsin", "Wisconsin"),
    "WY": Words("Wyoming", "Wyoming"),
}

# Other ways people write a state, beyond its code and its names above.
_STATE_ALIASES: dict[str, str] = {
    "tejas": "TX",
    "washington dc": "DC",
    "nuevo mejico": "NM",
    "tenesi": "TN",
}


def _state_key(text: str) -> str:
    """Case, accents, dots and spaces do not matter: "N.C.", "nc", "Carolina del norte"."""
    return fold(text).replace(" ", "")


_STATE_WORDS: dict[str, str] = {
    **{_state_key(alias): code for alias, code in _STATE_ALIASES.items()},
    **{_state_key(name): code for code, words in US_STATES.items() for name in words},
    **{_state_key(code): code for code in US_STATES},
}


def us_state_code(text: str) -> str:
    """The two-letter USPS code of a state given by its code or its English or Spanish name."""
    typed = text.strip()
    code = _STATE_WORDS.get(_state_key(typed))
    if code is None:
        raise FieldProblem(
            ProblemCode.STATE_UNKNOWN,
            f"State “{typed}” is not a US state: write its two-letter code (TX) or its name",
            f"El estado “{typed}” no es un estado de EE. UU.: escriba su código de dos letras"
            " (TX) o su nombre",
        )
    return code


_ZIP = re.compile(r"([0-9]{5})(?:-[0-9]{4})?")


def check_zip(zip_text: str, state_code: str | None) -> str:
    """The ZIP code as typed (5 digits or ZIP+4), if it exists and, given a state, is in it.

    The ZIP data ships with the `zipcodes` package (no network); it is loaded on the first
    check, which takes about a quarter of a second, and kept for the rest of the session.
    """
    typed = zip_text.strip()
    match = _ZIP.fullmatch(typed)
    if match is None:
        raise FieldProblem(
            ProblemCode.ZIP_FORMAT,
            f"ZIP “{typed}” is not a ZIP code: 5 digits, or ZIP+4 such as 79901-1234",
            f"El código postal “{typed}” no es un código postal de EE. UU.: 5 dígitos, o ZIP+4"
            " como 79901-1234",
        )
    five = match.group(1)
    places = zip_places(five)
    if not places:
        raise FieldProblem(
            ProblemCode.ZIP_UNKNOWN,
            f"ZIP {five} does not exist",
            f"El código postal {five} no existe",
        )
    states = {place["state"] for place in places}
    if state_code is not None and state_code not in states:
        actual = min(states)
        raise FieldProblem(
            ProblemCode.ZIP_OTHER_STATE,
            f"ZIP {five} is in {_state_name(actual, 'en')}, not {_state_name(state_code, 'en')}",
            f"El código postal {five} está en {_state_name(actual, 'es')}, no en"
            f" {_state_name(state_code, 'es')}",
        )
    return typed


@lru_cache(maxsize=4096)
def zip_places(five_digits: str) -> tuple[dict[str, str], ...]:
    """The places a five-digit ZIP covers: `zipcodes` scans its whole list (~0.7 ms) on every
    lookup, and a form checks the same few ZIPs many times."""
    return tuple(zipcodes.matching(five_digits))


def _state_name(code: str, language: str) -> str:
    """Name and code, Texas (TX); a territory's ZIP (Guam, military mail) shows its code."""
    words = US_STATES.get(code)
    return f"{words.in_language(language)} ({code})" if words else code


# --- A whole contact form ------------------------------------------------------------------------


class ContactProblems(Refused):
    """Every field of a contact form that cannot be saved, each with its own problem."""

    def __init__(self, problems: dict[str, FieldProblem]) -> None:
        super().__init__(
            "\n".join(f"{FIELD_NAMES[name].en}: {p.message_en}" for name, p in problems.items()),
            "\n".join(f"{FIELD_NAMES[name].es}: {p.message_es}" for name, p in problems.items()),
        )
        self.problems = problems


def check_contact(values: Mapping[str, str]) -> dict[str, str]:
    """The values cleaned (phones in E.164, state as its code); a blank field stays blank.

    The ZIP code is checked against the state in the same values. Every problem is collected
    before anything is refused, so the desk can mark all the wrong fields at once.
    """
    cleaned = {name: value.strip() for name, value in values.items()}
    problems: dict[str, FieldProblem] = {}
    # Typed at a desk as a list is typed by hand: one spelling of each accent (a Mac types
    # "é" as two characters), nothing invisible, no direction controls.
    for name, value in cleaned.items():
        try:
            cleaned[name] = (
                unicodedata.normalize("NFC", value)
                if name in MULTILINE_FIELDS
                else clean_text(value)
            )
        except FieldProblem as problem:
            problems[name] = problem

    def clean(name: str, check: Callable[[str], str]) -> None:
        if cleaned.get(name) and name not in problems:
            try:
                cleaned[name] = check(cleaned[name])
            except FieldProblem as problem:
                problems[name] = problem

    for name, region in PHONE_REGIONS.items():
        clean(name, partial(normalise_phone, region=region))
    clean("email", normalise_email)
    clean("us_address_state", us_state_code)
    # A state that could not be read is reported as such; the ZIP is then checked on its own.
    state = None if "us_address_state" in problems else cleaned.get("us_address_state") or None
    clean("us_address_zip", lambda text: check_zip(text, state))
    if problems:
        raise ContactProblems({name: problems[name] for name in values if name in problems})
    return cleaned
