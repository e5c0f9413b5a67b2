"""What an import can complain about, always in English and in Spanish.

Desk staff read Spanish and partners read English, and both open the same rejects file, so every
message a person may see carries both languages, joined the same way everywhere.
"""

from __future__ import annotations

from enum import StrEnum

from staging.errors import Refused
from staging.people.fields import PERSON_FIELDS, names
from staging.vocabulary import SEPARATOR


def bilingual(message_en: str, message_es: str) -> str:
    """One line both audiences can read: English first, then Spanish."""
    return f"{message_en}{SEPARATOR}{message_es}"


class ProblemCode(StrEnum):
    """Why a row was refused, stable enough for the UI to count or filter rejects by kind."""

    REQUIRED = "required"
    DATE_FORMAT = "date_format"
    DATE_IMPOSSIBLE = "date_impossible"
    DATE_FUTURE = "date_future"
    DATE_TOO_OLD = "date_too_old"
    MPP_BEFORE_PROGRAMME = "mpp_before_programme"
    MPP_AFTER_PROGRAMME = "mpp_after_programme"
    MPP_BEFORE_BIRTH = "mpp_before_birth"
    A_NUMBER_CHARACTERS = "a_number_characters"
    A_NUMBER_LENGTH = "a_number_length"
    A_NUMBER_ZERO = "a_number_zero"
    SEX_UNKNOWN = "sex_unknown"
    CASE_STATUS_UNKNOWN = "case_status_unknown"
    VULNERABILITY_UNKNOWN = "vulnerability_unknown"
    # A direction control (U+202A–U+202E, U+2066–U+2069) in a text cell (registration.cells).
    TEXT_DIRECTION = "text_direction"
    # Contact details typed at the desk (staging.people.contact).
    PHONE_CHARACTERS = "phone_characters"
    PHONE_SHORT = "phone_short"
    PHONE_COUNTRY = "phone_country"
    PHONE_INVALID = "phone_invalid"
    EMAIL_INVALID = "email_invalid"
    STATE_UNKNOWN = "state_unknown"
    ZIP_FORMAT = "zip_format"
    ZIP_UNKNOWN = "zip_unknown"
    ZIP_OTHER_STATE = "zip_other_state"
    # Found by the database step, once the rows are compared with each other and with the store.
    DUPLICATE_REGISTRATION_ID = "duplicate_registration_id"
    A_NUMBER_CONFLICT = "a_number_conflict"


# As `staging.registration.columns` names them (which builds on this module).
REQUIRED_COLUMNS = names(f for f in PERSON_FIELDS if f.required)
SPANISH_HEADERS = {f.name: f.spanish_header for f in PERSON_FIELDS}


class ImportFileError(Refused):
    """The whole file is refused (unreadable, or a required column missing): nothing is imported."""

    @classmethod
    def missing_columns(cls, columns: list[str]) -> ImportFileError:
        """Refuse a header without a required column: every row would be rejected anyway."""
        missing_en = ", ".join(f"{column} ({SPANISH_HEADERS[column]})" for column in columns)
        missing_es = ", ".join(f"{SPANISH_HEADERS[column]} ({column})" for column in columns)
        required_en = ", ".join(REQUIRED_COLUMNS)
        required_es = ", ".join(SPANISH_HEADERS[column] for column in REQUIRED_COLUMNS)
        return cls(
            f"The file's header row has no column for: {missing_en}."
            f" Required columns: {required_en}. If the file names them its own way, say which"
            " column is which (the import's column mapping; --map SOURCE=FIELD).",
            f"A la fila de encabezado del archivo le faltan las columnas: {missing_es}."
            f" Columnas obligatorias: {required_es}. Si el archivo las nombra a su manera,"
            " indique qué columna es cuál (la correspondencia de columnas de la importación;"
            " --map ORIGEN=CAMPO).",
        )


class FieldProblem(Refused):
    """One cell cannot be accepted.

    The messages are predicates ("is not a real date") so the caller can prefix the row, the column
    and the value in each language.
    """

    def __init__(self, code: ProblemCode, message_en: str, message_es: str) -> None:
        super().__init__(message_en, message_es)
        self.code = code
