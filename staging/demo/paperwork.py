"""The demo site's paperwork: forms EOIR-33 saved, printed and served, legal orientation
attended and documents prepared to reopen in-absentia cases, by day.

Planned without a database or a clock from the generator's dice, as the medical journal is, so
a seed tells the same story on every machine; `staging.demo.build` records it through the
paperwork operations on the days it happened. The story gives the paperwork desk something in
every state: most households that arrived before today had their forms served on the day they
arrived or the next, a few forms wait to be served, a few are drafts (not signed yet), a few
households have none; today's arrivals are partly done. Households the registration gave no
US address mostly told the desk one. Most households of the last days attended a legal
orientation; in-absentia cases have all, some or none of their reopening documents. The
households of the transport story (`staging.demo.transport`) had everything done the day they
came, so that they could travel.

A desk does only so many forms a day: beyond `DESK_PEOPLE_PER_DAY` people a day's arrivals
wait, which also keeps a 100,000-person demo quick to build.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from staging.demo import names
from staging.demo.medical import Dice, Household
from staging.domain import CaseStatus
from staging.rules.paperwork import ReopenDocument

DESK_PEOPLE_PER_DAY = 300  # forms a day's paperwork desk gets through (DESIGN: a busy day)

# Who gave the orientation sessions, and the coordinators who served the forms on ICE.
ORIENTATION_PROVIDERS = (
    "Al Otro Lado",
    "Jewish Family Service San Diego",
    "Immigrant Defenders Law Center",
)
SERVERS = ("Carmen Ruiz Beltrán", "Luis Alberto Mendoza", "Ana Sofía Treviño")
# Where people lived in Tijuana while they waited (invented addresses, as the demo's people are).
FORMER_ADDRESSES: tuple[tuple[str, str], ...] = (
    ("Calle Emiliano Zapata 2315, Zona Centro", "22000"),
    ("Blvd. Sánchez Taboada 1802, Col. Cacho", "22010"),
    ("Calle Ocampo 930, Zona Norte", "22000"),
    ("Av. Internacional 4410, Col. Libertad", "22300"),
    ("Calle Tercera 1120, Col. Castillo", "22140"),
)
FORMER_CITY, FORMER_STATE = "Tijuana", "Baja California"


class FormState(StrEnum):
    """Where a household's forms stand when the demo opens."""

    SERVED = "served"  # complete, printed and served on ICE
    COMPLETE = "complete"  # complete and printed, not served yet
    DRAFT = "draft"  # saved without the signature date
    NONE = "none"  # not begun


# Households that arrived before today, then today's (the first four of today tell each state).
_BEFORE_TODAY = ((FormState.SERVED, 0.78), (FormState.COMPLETE, 0.09), (FormState.DRAFT, 0.07))
_TODAY = ((FormState.SERVED, 0.30), (FormState.COMPLETE, 0.20), (FormState.DRAFT, 0.25))
_SERVED_NEXT_DAY = 0.30  # of forms served, the day after arriving (if that day has come)
_IN_PERSON = 0.25  # of services; the rest by first-class mail
_ADDRESS_TOLD = 0.70  # of households without a US address on the list, who gave one at the desk
_IN_CARE_OF = 0.30  # of forms, in care of the sponsor named on the list
_ORIENTED_BEFORE_TODAY = 0.85  # of households that arrived before today
_ORIENTED_TODAY = 0.35  # of today's arrivals, at this morning's session
_ORIENTED_NEXT_DAY = 0.40  # of those oriented, the day after arriving
_ALL_DOCUMENTS, _SOME_DOCUMENTS = 0.50, 0.30  # of in-absentia cases; the rest have none yet


@dataclass(frozen=True)
class DemoAddress:
    """A US address a household gave at the desk, the list having none."""

    street: str
    city: str
    state: str
    zip: str


@dataclass(frozen=True)
class DemoForm:
    """One person's form as the desk saves it over the registration's prefill."""

    registration_id: str
    case_court: str  # the court as the list wrote it: the form's current court is matched from it
    signed: bool  # signed (dated) the day it is saved; a draft is not
    former_street: str
    former_zip: str
    in_care_of: str = ""
    address: DemoAddress | None = None  # None: the registration's


@dataclass(frozen=True)
class DemoService:
    registration_id: str
    server: str
    in_person: bool


@dataclass(frozen=True)
class DemoOrientation:
    """One session: its provider, and who attended."""

    provider: str
    registration_ids: tuple[str, ...]


@dataclass(frozen=True)
class PaperworkDay:
    """The paperwork desk's day: forms saved, the complete ones printed together, forms served,
    the orientation session, documents prepared to reopen cases."""

    days_ago: int
    forms: tuple[DemoForm, ...] = ()
    printed: tuple[str, ...] = ()
    served: tuple[DemoService, ...] = ()
    orientation: DemoOrientation | None = None
    reopening: tuple[tuple[str, ReopenDocument], ...] = ()


@dataclass
class _Day:
    forms: list[DemoForm] = field(default_factory=list)
    printed: list[str] = field(default_factory=list)
    served: list[DemoService] = field(default_factory=list)
    oriented: list[str] = field(default_factory=list)
    reopening: list[tuple[str, ReopenDocument]] = field(default_factory=list)


def plan_paperwork(
    dice: Dice,
    households: Sequence[Household],
    arrived: Mapping[str, int],
    ready: Collection[str] = (),
) -> tuple[PaperworkDay, ...]:
    """The paperwork of the households that arrived (`arrived`: days ago by registration id),
    oldest day first. Households whose first member is in `ready` (the transport story's) had
    everything done the day they came: forms served, every reopening document prepared."""
    days: dict[int, _Day] = defaultdict(_Day)
    done_on: dict[int, int] = defaultdict(int)  # people whose paperwork a day's desk did
    came = [h for h in households if h.rows[0]["registration_id"] in arrived]
    _shuffle(dice, came)
    came.sort(key=lambda h: h.rows[0]["registration_id"] not in ready)  # the desk began there
    # Each day's session, by days ago (an orientation may be the day after arriving).
    providers = [
        dice.pick(ORIENTATION_PROVIDERS) for _ in range(max(arrived.values(), default=0) + 1)
    ]
    told_today = 0
    for household in came:
        ago = arrived[household.rows[0]["registration_id"]]
        if done_on[ago] + len(household.rows) > DESK_PEOPLE_PER_DAY:
            continue  # the desk's day is full: this household waits
        done_on[ago] += len(household.rows)
        complete = household.rows[0]["registration_id"] in ready
        if complete:
            state = FormState.SERVED
        elif ago == 0 and told_today < len(_TODAY):
            state = (FormState.SERVED, FormState.COMPLETE, FormState.DRAFT, FormState.NONE)[
                told_today
            ]
            told_today += 1
        else:
            state = _state(dice, _TODAY if ago == 0 else _BEFORE_TODAY)
        _forms(dice, days, household, ago, state, same_day=complete)
        _orientation(dice, days, household, ago)
        _reopening(dice, days[ago], household, every_document=complete)
    return tuple(
        PaperworkDay(
            ago,
            tuple(day.forms),
            tuple(day.printed),
            tuple(day.served),
            DemoOrientation(providers[ago], tuple(day.oriented)) if day.oriented else None,
            tuple(day.reopening),
        )
        for ago, day in sorted(days.items(), reverse=True)
    )


def _shuffle(dice: Dice, items: list[Household]) -> None:
    """Fisher–Yates on `random()` (random.shuffle's draws may change between versions)."""
    for i in range(len(items) - 1, 0, -1):
        j = int(dice.random() * (i + 1))
        items[i], items[j] = items[j], items[i]


def _state(dice: Dice, shares: tuple[tuple[FormState, float], ...]) -> FormState:
    draw = dice.random()
    for state, share in shares:
        if draw < share:
            return state
        draw -= share
    return FormState.NONE


def _forms(
    dice: Dice,
    days: dict[int, _Day],
    household: Household,
    ago: int,
    state: FormState,
    *,
    same_day: bool = False,
) -> None:
    """The household's forms (one address for all), printed and served as `state` says
    (with `same_day`, served on the day they came, an address told if the list had none)."""
    if state is FormState.NONE:
        return
    head = household.rows[0]
    address = None
    if not head["us_address_street"]:
        if not same_day and not dice.chance(_ADDRESS_TOLD):
            state = FormState.DRAFT  # no address yet: the form cannot be complete
        else:
            address = _us_address(dice)
    care_of = head["us_contact_name"] if dice.chance(_IN_CARE_OF) else ""
    former_street, former_zip = dice.pick(FORMER_ADDRESSES)
    signed = state is not FormState.DRAFT
    day = days[ago]
    for row in household.rows:
        registration_id = row["registration_id"]
        day.forms.append(
            DemoForm(
                registration_id,
                row["current_court"],
                signed,
                former_street,
                former_zip,
                care_of,
                address,
            )
        )
        if signed:
            day.printed.append(registration_id)
    if state is not FormState.SERVED:
        return
    next_day = not same_day and ago > 0 and dice.chance(_SERVED_NEXT_DAY)
    served_ago = ago - 1 if next_day else ago
    server, in_person = dice.pick(SERVERS), dice.chance(_IN_PERSON)
    days[served_ago].served.extend(
        DemoService(row["registration_id"], server, in_person) for row in household.rows
    )


def _us_address(dice: Dice) -> DemoAddress:
    city = dice.pick(names.US_CITIES)
    street = f"{dice.between(100, 12999)} {dice.pick(names.STREET_NAMES)}"
    return DemoAddress(street, city.name, city.state, dice.pick(city.zip_codes))


def _orientation(dice: Dice, days: dict[int, _Day], household: Household, ago: int) -> None:
    if not dice.chance(_ORIENTED_TODAY if ago == 0 else _ORIENTED_BEFORE_TODAY):
        return
    attended = ago - 1 if ago > 0 and dice.chance(_ORIENTED_NEXT_DAY) else ago
    days[attended].oriented.extend(row["registration_id"] for row in household.rows)


def _reopening(
    dice: Dice, day: _Day, household: Household, *, every_document: bool = False
) -> None:
    """All, some or none of the documents for each member whose case ended in absentia."""
    documents = list(ReopenDocument)
    for row in household.rows:
        if row["case_status"] != CaseStatus.IN_ABSENTIA:
            continue
        draw = 0.0 if every_document else dice.random()
        if draw < _ALL_DOCUMENTS:
            prepared = documents
        elif draw < _ALL_DOCUMENTS + _SOME_DOCUMENTS:
            prepared = documents[: dice.between(1, len(documents) - 1)]
        else:
            continue
        day.reopening.extend((row["registration_id"], document) for document in prepared)
