"""The one error type meant for a person at the desk, in English and in Spanish.

Every refusal, validation problem, missing record, permission check and disk failure that a
person may read is a `UserError`; the screens show the message in the user's language and the
command line and rejects files show both. Anything else that escapes is a programming error.
The kinds are subclasses, so a caller can tell "fix your input" from "the disk is full" without
reading text (Anki's `errors.py` does the same).
"""

from __future__ import annotations

from enum import StrEnum

from staging.vocabulary import SEPARATOR, Words


class UserError(Exception):
    """Something a person can act on, said in both languages."""

    def __init__(self, message_en: str, message_es: str) -> None:
        super().__init__(f"{message_en}{SEPARATOR}{message_es}")
        self.message_en = message_en
        self.message_es = message_es

    @classmethod
    def from_words(cls, words: Words) -> UserError:
        return cls(words.en, words.es)

    def message(self, language: str) -> str:
        """The message in one language ("es" or "en"); both, joined, for anything else."""
        if language == "es":
            return self.message_es
        if language == "en":
            return self.message_en
        return str(self)


class Refused(UserError):
    """The input or the request breaks a rule: nothing was changed; fix it and try again."""


class NotFound(UserError):
    """The record, file or person asked for does not exist (or no longer does)."""


class PermissionDenied(UserError):
    """The acting user's role may not do this, whatever screen or command asked."""

    def __init__(self, message_en: str, message_es: str, *, action: StrEnum) -> None:
        super().__init__(message_en, message_es)
        self.action = action


class StorageError(UserError):
    """The database or a file cannot be read or written (disk, key, corruption)."""


class Busy(StorageError):
    """Another connection holds the write lock (an import, a backup): nothing was saved, and
    the same action tried again a moment later will work, so a desk keeps it ready to retry."""

    def __init__(self) -> None:
        super().__init__(
            "Another task (an import, a backup or another desk) is writing to the site "
            "database; nothing was saved. Try again in a moment.",
            "Otra tarea (una importación, una copia de seguridad u otro equipo) está "
            "escribiendo en la base de datos del sitio; no se guardó nada. Intente de nuevo "
            "en un momento.",
        )
