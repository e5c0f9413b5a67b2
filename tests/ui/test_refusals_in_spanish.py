"""Every refusal and validation error reaches a Spanish screen in Spanish, with no raw code.

Each case triggers the error the way a screen does (through the window's `Operations`) and
reads the message the volunteer would see.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

import pytest

from staging.changes import Done
from staging.domain import Role
from staging.errors import UserError
from staging.intake.operations import update_contact
from staging.intake.walk_ins import WalkIn, register_walk_ins
from staging.rules import Policy
from staging.security import access
from staging.security.access import Session
from staging.site.settings import save_site_settings
from staging.store.store import Actor, Store
from ui.language import set_language
from ui.operations import Operations
from ui.widgets.messages import localized

# A code such as "register_walk_in" or "case_status_unknown" must never be shown to a person.
RAW_CODE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")


@dataclass
class Desk:
    store: Store
    admin: Session
    person_id: str


@pytest.fixture
def desk(store: Store, key: bytes) -> Desk:
    admin = Session(store, Actor("ana", Role.ADMIN), key)
    registered = register_walk_ins(
        store, admin.actor, [WalkIn("María", "Núñez", date(1990, 4, 5), a_number="200000001")]
    )
    return Desk(store, admin, registered.value[0])


@pytest.fixture(autouse=True)
def spanish(qapp) -> Iterator[None]:
    set_language("es")
    yield
    set_language("en")


def _walk_in(desk: Desk, actor: Actor, *people: WalkIn) -> Done[list[str]]:
    return register_walk_ins(desk.store, actor, list(people))


SCREENER = Actor("sara", Role.SCREENER)
INTAKE = Actor("ivan", Role.INTAKE)

CASES: dict[str, Callable[[Desk], Done[object]]] = {
    "a screener registers a walk-in": lambda d: _walk_in(
        d, SCREENER, WalkIn("Ana", "Pérez", date(1990, 1, 1))
    ),
    "a walk-in without names": lambda d: _walk_in(d, INTAKE, WalkIn(" ", "", date(1990, 1, 1))),
    "a birth date in the future": lambda d: _walk_in(
        d, INTAKE, WalkIn("Ana", "Pérez", date(2030, 1, 1))
    ),
    "a malformed A-number": lambda d: _walk_in(
        d, INTAKE, WalkIn("Ana", "Pérez", date(1990, 1, 1), a_number="12-AB")
    ),
    "an A-number that belongs to someone": lambda d: _walk_in(
        d, INTAKE, WalkIn("Ana", "Pérez", date(1990, 1, 1), a_number="A200-000-001")
    ),
    "an identity field edited at the desk": lambda d: update_contact(
        d.store, INTAKE, d.person_id, {"given_names": "Otra"}
    ),
    "an unknown vulnerability": lambda d: update_contact(
        d.store, INTAKE, d.person_id, {"vulnerabilities": "tired"}
    ),
    "the intake desk edits the settings": lambda d: save_site_settings(
        d.store, INTAKE, "Casa", Policy()
    ),
    "a site without a name": lambda d: save_site_settings(d.store, d.admin.actor, " ", Policy()),
    "an unknown time zone": lambda d: save_site_settings(
        d.store, d.admin.actor, "Casa", Policy.from_json('{"timezone": "Mars/Olympus"}')
    ),
    "a short password": lambda d: access.add_user(d.admin, "luis", Role.INTAKE, "corta"),
    "a user name with a space": lambda d: access.add_user(
        d.admin, "luis perez", Role.INTAKE, "larga-1234"
    ),
    "disabling one's own account": lambda d: access.disable_user(d.admin, "ana"),
    "an unknown user": lambda d: access.disable_user(d.admin, "nadie"),
}


@pytest.mark.parametrize("case", CASES)
def test_the_spanish_screen_shows_spanish_without_codes(desk: Desk, case: str) -> None:
    shown: list[str] = []
    errors: list[UserError] = []
    operations = Operations()

    def show(error: UserError) -> None:
        errors.append(error)
        shown.append(localized(error))

    assert operations.run(lambda: CASES[case](desk), show) is None
    (error,) = errors
    (message,) = shown
    assert message == error.message_es
    assert message != error.message_en
    assert RAW_CODE.findall(message) == []
