"""Core errors carry both languages; the desk shows the one the volunteer reads."""

from __future__ import annotations

from typing import Protocol

from staging.rules import Action, may
from staging.rules.permissions import refusal
from staging.store.store import Actor
from ui.language import current_language


class Bilingual(Protocol):
    """What `UserError` and the parsers' `FieldProblem` have in common."""

    message_en: str
    message_es: str


def localized(error: Bilingual) -> str:
    return error.message_es if current_language() == "es" else error.message_en


def refusal_text(actor: Actor, action: Action) -> str | None:
    """Why the actor's role may not do this, in their language; None if it may."""
    if may(actor.role, action):
        return None
    return localized(refusal(actor.user, actor.role, action))
