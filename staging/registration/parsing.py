"""Turning one cell of a registration list into a typed value, or saying exactly what is wrong.

Lists are typed by hand in Mexico and the US, so the parsers accept the written forms people
really use (day-first dates, A-numbers with dashes, Spanish words) and refuse anything ambiguous
with a reason staff can act on, in both languages.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from datetime import date, datetime
from typing import TypeVar

from staging.domain import VULNERABILITY_FLAGS, CaseStatus, Sex
from staging.registration.problems import FieldProblem, ProblemCode

T = TypeVar("T")

# --- A-numbers ---------------------------------------------------------------------------------

# The usual ways of writing one (A123456789, A-123-456-789, 123.456.789), checked first for speed.
_USUAL_A_NUMBER = re.compile(r"(?:[Aa][ #\-]?)?([0-9]{2,3})[ .\-]?([0-9]{3})[ .\-]?([0-9]{3})")
_A_PREFIX = re.compile(r"[Aa]\s*#?")
_A_SEPARATORS = re.compile(r"[\s.\-\u2010-\u2015]+")
_DIGITS = re.compile(r"[0-9]*")


def parse_a_number(text: str) -> str:
    """The nine digits of an A-number written as "A123456789", "A-12-345-678", "123.456.789"…

    Eight-digit A-numbers are older ones with the leading zero left off, so they are padded.
    """
    body = text.strip()
    if usual := _USUAL_A_NUMBER.fullmatch(body):
        body = "".join(usual.groups())
    else:
        prefix = _A_PREFIX.match(body)
        if prefix:
            body = body[prefix.end() :]
        body = _A_SEPARATORS.sub("", body)
    if not _DIGITS.fullmatch(body):
        raise FieldProblem(
            ProblemCode.A_NUMBER_CHARACTERS,
            "has characters other than digits (only a leading A is allowed)",
            "tiene caracteres que no son dígitos (solo se permite una A al inicio)",
        )
    if len(body) not in (8, 9):
        raise FieldProblem(
            ProblemCode.A_NUMBER_LENGTH,
            f"has {len(body)} digits; an A-number has 8 or 9",
            f"tiene {len(body)} dígitos; un número A tiene 8 o 9",
        )
    if not body.strip("0"):
        raise FieldProblem(
            ProblemCode.A_NUMBER_ZERO,
            "is all zeros",
            "son solo ceros",
        )
    return body.zfill(9)


def a_number_digits(text: str) -> str | None:
    """The nine digits if the text is an A-number in any written form, else None (for search)."""
    try:
        return parse_a_number(text)
    except FieldProblem:
        return None


def format_a_number(nine_digits: str) -> str:
    """The way A-numbers are printed on DHS documents: "A 123-456-789"."""
    if len(nine_digits) != 9 or not _DIGITS.fullmatch(nine_digits):
        raise ValueError(f"an A-number is stored as 9 digits, not {nine_digits!r}")
    return f"A {nine_digits[:3]}-{nine_digits[3:6]}-{nine_digits[6:]}"


# --- Dates -------------------------------------------------------------------------------------

# Year first (YYYY-MM-DD, or YYYY/MM/DD as some Excel locales write it), optionally with the
# time of day some exports append.
_ISO_DATE = re.compile(
    r"([0-9]{4})([-/])([0-9]{1,2})\2([0-9]{1,2})"
    r"(?:[T ][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?"
)
# Day first, always: in Mexico 03/04/2020 is the 3rd of April.
_DAY_FIRST_DATE = re.compile(r"([0-9]{1,2})([/-])([0-9]{1,2})\2([0-9]{4})")


def parse_date(value: str | date | datetime) -> date:
    """A date from year-first (YYYY-MM-DD) or day-first (DD/MM/YYYY, D/M/YYYY, DD-MM-YYYY) text.

    Spreadsheet date cells arrive as datetime and are taken as they are.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = value.strip()
    if len(text) == 10 and text[4] == "-" == text[7]:
        # The usual case, in C; anything it refuses gets its precise reason below.
        with contextlib.suppress(ValueError):
            return date.fromisoformat(text)
    day_first = False
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = match.group(1, 3, 4)
    elif match := _DAY_FIRST_DATE.fullmatch(text):
        day, month, year = match.group(1, 3, 4)
        day_first = True
    else:
        raise FieldProblem(
            ProblemCode.DATE_FORMAT,
            "is not a date written YYYY-MM-DD or DD/MM/YYYY",
            "no es una fecha escrita AAAA-MM-DD o DD/MM/AAAA",
        )
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        if day_first and int(month) > 12 >= int(day):
            raise FieldProblem(
                ProblemCode.DATE_IMPOSSIBLE,
                "is not a real date (dates are read day first: DD/MM/YYYY)",
                "no es una fecha válida (las fechas se leen con el día primero: DD/MM/AAAA)",
            ) from None
        raise FieldProblem(
            ProblemCode.DATE_IMPOSSIBLE,
            "is not a real date",
            "no es una fecha válida",
        ) from None


# --- Words (sex, case status, vulnerabilities) -------------------------------------------------

_WORD_SEPARATORS = re.compile(r"[\s_\-]+")


def fold_word(text: str) -> str:
    """Lower case, no accents, single spaces: "Orden de remoción_tras-audiencia" → one key."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _WORD_SEPARATORS.sub(" ", bare).strip()


def _look_up(words: dict[str, T], text: str) -> T | None:
    """The word's meaning; the plain lower-case lookup first, as most cells are already plain."""
    found = words.get(text.strip().casefold())
    return found if found is not None else words.get(fold_word(text))


_SEX_WORDS: dict[str, Sex] = {
    **dict.fromkeys(("f", "female", "femenino", "femenina", "mujer", "fem"), Sex.FEMALE),
    **dict.fromkeys(("m", "male", "masculino", "hombre", "masc"), Sex.MALE),
    **dict.fromkeys(("x", "other", "otro", "otra", "no binario", "non binary"), Sex.OTHER),
}


def parse_sex(text: str) -> Sex:
    """F, M or X from the letter or the word, in English or Spanish."""
    sex = _look_up(_SEX_WORDS, text)
    if sex is None:
        raise FieldProblem(
            ProblemCode.SEX_UNKNOWN,
            "is not a recognised sex (use F, M or X)",
            "no es un sexo reconocido (use F, M o X)",
        )
    return sex


_CASE_STATUS_WORDS: dict[str, CaseStatus] = {
    **{fold_word(status.value): status for status in CaseStatus},
    **dict.fromkeys(("pendiente", "en tramite"), CaseStatus.PENDING),
    **dict.fromkeys(("terminado", "terminada", "caso terminado"), CaseStatus.TERMINATED),
    **dict.fromkeys(
        (
            "en ausencia",
            "removed in absentia",
            "ordered removed in absentia",
            "orden en ausencia",
            "deportado en ausencia",
            "orden de remocion en ausencia",
            "orden de deportacion en ausencia",
        ),
        CaseStatus.IN_ABSENTIA,
    ),
    **dict.fromkeys(
        (
            "ordered removed after hearing",
            "deportado tras audiencia",
            "deportado despues de audiencia",
            "orden de remocion tras audiencia",
            "orden de deportacion tras audiencia",
        ),
        CaseStatus.REMOVED_AFTER_HEARING,
    ),
    **dict.fromkeys(("desconocido", "desconocida"), CaseStatus.UNKNOWN),
}


def parse_case_status(text: str) -> CaseStatus:
    """The case status; a blank cell means nobody knows yet, which the rules treat as unverified."""
    if not text.strip():
        return CaseStatus.UNKNOWN
    status = _look_up(_CASE_STATUS_WORDS, text)
    if status is None:
        raise FieldProblem(
            ProblemCode.CASE_STATUS_UNKNOWN,
            "is not a known case status"
            " (pending, terminated, in_absentia, removed_after_hearing, unknown)",
            "no es un estado de caso conocido"
            " (pendiente, terminado, en ausencia, deportado tras audiencia, desconocido)",
        )
    return status


SPANISH_VULNERABILITIES: dict[str, str] = {
    "serious_medical_condition": "condicion_medica_grave",
    "pregnancy": "embarazo",
    "disability": "discapacidad",
    "age_65_plus": "mayor_65",
    "infant": "lactante",
    "single_caregiver": "cuidador_unico",
    "risk_of_violence": "riesgo_violencia",
    "unaccompanied_minor": "menor_no_acompanado",
    "lgbtiq_at_risk": "lgbtiq_en_riesgo",
}

_VULNERABILITY_ALIASES: dict[str, tuple[str, ...]] = {
    "serious_medical_condition": ("enfermedad grave",),
    "pregnancy": ("pregnant", "embarazada"),
    "disability": ("disabled",),
    "age_65_plus": ("65+", "mayor de 65", "adulto mayor"),
    "infant": ("bebe", "infante"),
    "single_caregiver": ("cuidadora unica",),
    "risk_of_violence": ("riesgo de violencia",),
    "unaccompanied_minor": ("menor no acompanada",),
    "lgbtiq_at_risk": ("lgbtiq", "lgbtiq+", "lgbti", "lgbt", "lgbti en riesgo"),
}

_VULNERABILITY_WORDS: dict[str, str] = {
    fold_word(word): flag
    for flag in VULNERABILITY_FLAGS
    for word in (flag, SPANISH_VULNERABILITIES[flag], *_VULNERABILITY_ALIASES.get(flag, ()))
}


def vulnerability_items(text: str) -> list[str]:
    """The items of a vulnerability cell: ";"- or ","-separated; an item that is not one name
    itself ("riesgo de violencia") but several is split at its spaces, as KoboToolbox writes a
    `select_multiple` answer ("embarazada discapacidad")."""
    items: list[str] = []
    for item in text.replace(",", ";").split(";"):
        words = item.split()
        if len(words) > 1 and _look_up(_VULNERABILITY_WORDS, item) is None:
            items.extend(words)
        elif words:
            items.append(item)
    return items


def vulnerability_flag(word: str) -> str | None:
    """The flag a single word stands for (English, Spanish or an alias), if any."""
    return _look_up(_VULNERABILITY_WORDS, word)


def parse_vulnerabilities(text: str) -> frozenset[str]:
    """The vulnerability flags in a ";"- or ","-separated list of codes (English or Spanish)."""
    if not text.strip():
        return frozenset()
    flags: set[str] = set()
    for item in vulnerability_items(text):
        flag = _look_up(_VULNERABILITY_WORDS, item)
        if flag is None:
            raise FieldProblem(
                ProblemCode.VULNERABILITY_UNKNOWN,
                f"has an unknown vulnerability '{item.strip()}'"
                f" (use: {', '.join(VULNERABILITY_FLAGS)})",
                f"tiene una vulnerabilidad desconocida '{item.strip()}'"
                f" (use: {', '.join(SPANISH_VULNERABILITIES[f] for f in VULNERABILITY_FLAGS)})",
            )
        flags.add(flag)
    return frozenset(flags)
