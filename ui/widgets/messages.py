"""Core errors carry both languages; the desk shows the one the volunteer reads."""

from __future__ import annotations

from typing import Protocol

from ui.language import current_language


class Bilingual(Protocol):
    """What `UserError` and the parsers' `FieldProblem` have in common."""

    message_en: str
    message_es: str


def localized(error: Bilingual) -> str:
    return error.message_es if current_language() == "es" else error.message_en
