"""A demo staging site, the same for a given seed, for training staff and for benchmarks.

It produces the rows of a facilitating organisation's registration export (every value a string,
as in the CSV) so that a demo goes through the real import path, plus the facts recorded later in
the journey: verification outcomes, check-ins, the medical journal of the last days
(`staging.demo.medical`), the paperwork (`staging.demo.paperwork`) and the trips to the port
(`staging.demo.transport`). No database, no clock and no global random state; every draw comes
from `random()`, the one method whose sequence Python promises to keep, so the same seed and
`today` build the same site on every machine and Python version.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate
from typing import Generic, TypeVar

from staging.demo import names
from staging.demo.medical import (
    HISTORY_DAYS,
    DemoDay,
    Household,
    isolation_households,
    plan_journal,
)
from staging.demo.paperwork import PaperworkDay, plan_paperwork
from staging.demo.transport import TransportStory, plan_transport
from staging.domain import VULNERABILITY_FLAGS, CaseStatus, Verification
from staging.registration.columns import CANONICAL_COLUMNS
from staging.rules import ELDER_MIN_YEARS, INFANT_MAX_YEARS, age_on

# Exactly the columns of a registration list, so the demo goes through the real import.
COLUMNS: tuple[str, ...] = CANONICAL_COLUMNS

ENROLLMENT_FIRST = date(2019, 1, 29)  # first returns to Tijuana under MPP
ENROLLMENT_LAST = date(2021, 1, 20)  # new enrolments suspended
APPOINTMENT_DAYS_BEFORE = 5
APPOINTMENT_DAYS_AFTER = 10
REGISTRATION_PREFIX = "UNHCR-MX-2021-"

_TODAY_SHARE = 1 / 15  # of all households, told to come today
_APPOINTMENT_SHARE = 0.85  # of households whose case status looks eligible
_VULNERABLE_SHARE = 0.15  # of households
_CHECKED_IN_SHARE = 0.60  # of fully verified households whose day has come
_TOLD_TODAY_VERIFIED_SHARE = 0.80  # of households told to come today, verified beforehand
_OTHER_STATUS_SHARE = 0.04  # adults whose case went another way than the head's
_OLD_A_NUMBER_SHARE = 0.04  # adults with an A-number from an earlier encounter
_WRITTEN_A_NUMBER_SHARE = 0.20  # A-numbers not written as nine bare digits
_NOTE_SHARE = 0.06

_T = TypeVar("_T")


class _Dice(random.Random):
    """Draws built on `random()` alone: reproducible across Python versions, and cheaper.

    choice() and randint() go through getrandbits, whose use may change between versions, and
    cost twice these; 100,000 people take a few million draws.
    """

    def chance(self, probability: float) -> bool:
        return self.random() < probability

    def pick(self, items: Sequence[_T]) -> _T:
        return items[int(self.random() * len(items))]

    def common(self, names: Sequence[str]) -> str:
        """A name from a most-common-first list: the first of 130 comes up about 9 % of the time."""
        return names[int(len(names) * self.random() ** 2)]

    def between(self, low: int, high: int) -> int:
        """An integer from low to high, both included."""
        return low + int(self.random() * (high - low + 1))

    def peaked(self, low: float, high: float, mode: float) -> float:
        """A triangular distribution (inverse CDF): ages cluster around a mode."""
        u = self.random()
        split = (mode - low) / (high - low)
        if u < split:
            return low + ((high - low) * (mode - low) * u) ** 0.5
        return high - ((high - low) * (high - mode) * (1 - u)) ** 0.5


class _Weighted(Generic[_T]):
    """A weighted choice costing one random() and one bisect."""

    def __init__(self, pairs: Sequence[tuple[_T, float]]) -> None:
        self._values = [value for value, _ in pairs]
        cumulative = list(accumulate(weight for _, weight in pairs))
        self._total = cumulative[-1]
        self._bounds = cumulative[:-1]  # without the total, a pick can never run past the end

    def pick(self, dice: _Dice) -> _T:
        return self._values[bisect(self._bounds, dice.random() * self._total)]


@dataclass(frozen=True)
class DemoSite:
    """The export rows, and what the site has since recorded about those people."""

    rows: list[dict[str, str]]
    verification: dict[str, Verification]  # registration_id -> state; absent = unverified
    checked_in: frozenset[str]  # registration_ids of people who have arrived at the site
    # Arrivals, screenings, follow-ups and releases, oldest day first (today's last).
    days: tuple[DemoDay, ...]
    # Forms, their service, orientation and reopening documents, oldest day first.
    paperwork: tuple[PaperworkDay, ...] = ()
    # Yesterday's trip to the port and who waits for tomorrow's.
    transport: TransportStory = field(default_factory=TransportStory)


@dataclass(frozen=True)
class _Origin:
    nationality: str
    female_names: tuple[str, ...]
    male_names: tuple[str, ...]
    surnames: tuple[str, ...]
    languages: _Weighted[str]  # the `languages` column; a Mayan language brings Mayan surnames


def _hispanic(country: str, languages: _Weighted[str] | None = None) -> _Origin:
    return _Origin(
        country,
        names.FEMALE_GIVEN_NAMES,
        names.MALE_GIVEN_NAMES,
        names.SURNAMES,
        languages or _Weighted([("es", 1)]),
    )


# Nationalities of the people returned under MPP, roughly in their proportions.
_ORIGINS = _Weighted(
    [
        (_hispanic("Honduras"), 31),
        (
            _hispanic(
                "Guatemala",
                _Weighted([("es", 70), ("quc;es", 12), ("mam;es", 10), ("kjb;es", 8)]),
            ),
            21,
        ),
        (_hispanic("El Salvador"), 11),
        (_hispanic("Cuba"), 9),
        (_hispanic("Ecuador"), 8),
        (_hispanic("Nicaragua"), 6),
        (_hispanic("Venezuela"), 6),
        (_hispanic("Colombia"), 2),
        (_hispanic("Peru"), 1.5),
        (
            _Origin(
                "Brazil",
                names.PORTUGUESE_FEMALE_GIVEN_NAMES,
                names.PORTUGUESE_MALE_GIVEN_NAMES,
                names.PORTUGUESE_SURNAMES,
                _Weighted([("pt", 1)]),
            ),
            3,
        ),
    ]
)
_NOT_MAYAN = ("es", "pt")

_ELIGIBLE_LOOKING = (CaseStatus.PENDING, CaseStatus.TERMINATED, CaseStatus.IN_ABSENTIA)
_CASE_STATUS_WEIGHTS = {
    CaseStatus.PENDING: 60,
    CaseStatus.TERMINATED: 12,
    CaseStatus.IN_ABSENTIA: 20,
    CaseStatus.REMOVED_AFTER_HEARING: 5,
    CaseStatus.UNKNOWN: 3,
}
_CASE_STATUS = _Weighted(list(_CASE_STATUS_WEIGHTS.items()))
_ELIGIBLE_LOOKING_SHARE = sum(_CASE_STATUS_WEIGHTS[s] for s in _ELIGIBLE_LOOKING) / sum(
    _CASE_STATUS_WEIGHTS.values()
)
# Among the households given a day, the share given today, so that all in all one in 15 is.
_P_TODAY = _TODAY_SHARE / (_APPOINTMENT_SHARE * _ELIGIBLE_LOOKING_SHARE)
_STATUS_TEXT = {status: status.value for status in CaseStatus}  # plain str, as a CSV holds

# Chosen so the whole site comes to about 40 % unverified, 20 % submitted, 30 % verified,
# 5 % ineligible and 5 % unresolved, while a removal after a hearing is never verified.
_qualifying = _Weighted(
    [
        (Verification.UNVERIFIED, 41.0),
        (Verification.SUBMITTED, 20.3),
        (Verification.VERIFIED, 32.6),
        (Verification.INELIGIBLE, 1.6),
        (Verification.UNRESOLVED, 4.5),
    ]
)
_VERIFICATION: dict[CaseStatus, _Weighted[Verification]] = {
    CaseStatus.PENDING: _qualifying,
    CaseStatus.TERMINATED: _qualifying,
    CaseStatus.IN_ABSENTIA: _qualifying,
    CaseStatus.REMOVED_AFTER_HEARING: _Weighted(
        [
            (Verification.INELIGIBLE, 70),
            (Verification.UNVERIFIED, 15),
            (Verification.SUBMITTED, 15),
        ]
    ),
    CaseStatus.UNKNOWN: _Weighted(
        [
            (Verification.UNVERIFIED, 50),
            (Verification.SUBMITTED, 20),
            (Verification.UNRESOLVED, 30),
        ]
    ),
}
_UNVERIFIED = Verification.UNVERIFIED
_VERIFIED = Verification.VERIFIED
_UNKNOWN = CaseStatus.UNKNOWN

# Courts that heard MPP cases, spelled as in the EOIR-33/IC drop-down (data/eoir/).
_COURTS = _Weighted(
    [("El Paso", 30), ("Harlingen", 28), ("San Diego", 20), ("San Antonio", 17), ("Laredo", 5)]
)

_HOUSEHOLD_SIZE = _Weighted([(1, 30), (2, 22), (3, 20), (4, 15), (5, 7), (6, 4), (7, 2)])

# Enrolments per month from January 2019 to January 2021: the 2019 summer peak, then a trickle.
_MONTH_WEIGHTS = (
    0.2, 1, 3, 4, 6, 10, 14, 12, 10, 7, 5, 4,  # 2019
    4, 3, 2, 0.3, 0.3, 0.3, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5,  # 2020
    0.3,  # 2021
)  # fmt: skip

# How often registrars record each flag. No "unaccompanied_minor": MPP never enrolled
# unaccompanied children.
_FLAG_WEIGHTS = {
    "serious_medical_condition": 3.0,
    "pregnancy": 3.0,
    "disability": 2.0,
    "age_65_plus": 3.0,
    "infant": 3.0,
    "single_caregiver": 3.0,
    "risk_of_violence": 2.0,
    "lgbtiq_at_risk": 1.0,
}

# Who gave a Mexican phone number and an e-mail address: (phone, e-mail) shares by role.
_CONTACT_SHARES = {
    "head": (0.9, 0.35),
    "partner": (0.35, 0.12),
    "elder": (0.35, 0.12),
    "child": (0.0, 0.0),
}
_CITIES = _Weighted([(city, city.weight) for city in names.US_CITIES])
_A_NUMBER_FORMS = ("A{}{}{}", "A-{}-{}-{}", "A{}-{}-{}", "{} {} {}", "{}-{}-{}", "A# {}{}{}")
_ASCII = str.maketrans("áéíóúüñçãõâêôÁÉÍÓÚÜÑÇÃÕÂÊÔ", "aeiouuncaoaeoAEIOUUNCAOAEO")
_BLANK_ROW = dict.fromkeys(COLUMNS, "")


def _enrollment_months() -> _Weighted[tuple[int, int]]:
    """Each month as (first, last) day ordinals, clipped to the enrolment period."""
    months: list[tuple[tuple[int, int], float]] = []
    for index, weight in enumerate(_MONTH_WEIGHTS):
        year, month = 2019 + index // 12, index % 12 + 1
        first = date(year, month, 1)
        following = date(year + month // 12, month % 12 + 1, 1)
        span = (
            max(first, ENROLLMENT_FIRST).toordinal(),
            min(following.toordinal() - 1, ENROLLMENT_LAST.toordinal()),
        )
        months.append((span, weight))
    return _Weighted(months)


_ENROLLMENT_MONTHS = _enrollment_months()


class _IsoDays(dict[int, str]):
    """ISO dates by day ordinal, formatted once: 100,000 birthdays share a few thousand days."""

    def __missing__(self, ordinal: int) -> str:
        text = self[ordinal] = date.fromordinal(ordinal).isoformat()
        return text


_ISO_DAYS = _IsoDays()


class _ANumbers:
    """Unique A-numbers without a set of those given out.

    A household's numbers run on from one another, as when a family is processed together.
    Households land in 8-number blocks of 200000000-219999999, in an order scrambled by an affine
    map (a bijection, so no two collide); a few adults keep an older 09xxxxxxx number, scrambled
    the same way.
    """

    _BLOCK = 8  # more than the largest household
    _BLOCKS = 20_000_000 // _BLOCK
    _OLD_SPAN = 10_000_000
    _STEP = 1_299_709  # a prime, so coprime with both spans (2^a * 5^b)

    def __init__(self, dice: _Dice) -> None:
        self._block_offset = int(dice.random() * self._BLOCKS)
        self._old_offset = int(dice.random() * self._OLD_SPAN)
        self._blocks_used = 0
        self._old_used = 0

    def household(self) -> int:
        """The first number of a fresh block; member k takes this plus k."""
        if self._blocks_used == self._BLOCKS:
            raise ValueError("the demo site has run out of A-numbers")
        block = (self._STEP * self._blocks_used + self._block_offset) % self._BLOCKS
        self._blocks_used += 1
        return 200_000_000 + block * self._BLOCK

    def old(self) -> int:
        if self._old_used == self._OLD_SPAN:
            raise ValueError("the demo site has run out of old A-numbers")
        number = (self._STEP * self._old_used + self._old_offset) % self._OLD_SPAN
        self._old_used += 1
        return 90_000_000 + number


@dataclass(slots=True)
class _Member:
    given_names: str
    paternal: str
    maternal: str
    sex: str
    born: int  # date ordinal
    role: str  # head, partner, child or elder
    status: CaseStatus = _UNKNOWN


def generate_demo_site(*, people: int, seed: int, today: date) -> DemoSite:
    """Build `people` registrations in whole households (the last one may be cut short).

    `today` anchors appointments and ages; it must fall after MPP enrolments ended, as the
    wind-down did. Households that arrived before today came on their appointment day, so
    theirs is that day (earlier than other appointments for an isolation begun 12 days ago).
    """
    if people < 0:
        raise ValueError("people must not be negative")
    if today <= ENROLLMENT_LAST:
        raise ValueError(f"today must be after the last MPP enrolment ({ENROLLMENT_LAST})")
    dice = _Dice(seed)
    a_numbers = _ANumbers(dice)
    rows: list[dict[str, str]] = []
    verification: dict[str, Verification] = {}
    households: list[Household] = []
    number = 0
    while len(rows) < people:
        number += 1
        size = min(_HOUSEHOLD_SIZE.pick(dice), people - len(rows))
        household_rows, states, arrived = _household(
            dice, a_numbers, size=size, number=number, first=len(rows) + 1, today=today
        )
        for row, state in zip(household_rows, states, strict=True):
            if state is not _UNVERIFIED:
                verification[row["registration_id"]] = state
        verified = all(state is _VERIFIED for state in states)
        households.append(Household(household_rows, arrived, verified))
        rows.extend(household_rows)
    # The journal may not begin before the list it follows could exist.
    history = min(HISTORY_DAYS, (today - ENROLLMENT_LAST).days - 1)
    # The transport story takes verified households the isolation stories leave at home.
    spare = [h for h in households if h.verified and not h.arrived_today]
    transport, cleared = plan_transport(
        dice, spare[isolation_households(households, history) :], today, history
    )
    days = plan_journal(dice, households, today, history, cleared)
    arrived_ago = {r: day.days_ago for day in days for r in day.arrivals}
    for household in households:
        ago = arrived_ago.get(household.rows[0]["registration_id"])
        if ago:
            for row in household.rows:
                row["appointment_date"] = _ISO_DAYS[today.toordinal() - ago]
    ready = {
        household.rows[0]["registration_id"] for group in cleared.values() for household in group
    }
    # After the rows' last changes.
    paperwork = plan_paperwork(dice, households, arrived_ago, ready)
    return DemoSite(
        rows=rows,
        verification=verification,
        checked_in=frozenset(arrived_ago),
        days=days,
        paperwork=paperwork,
        transport=transport,
    )


def _household(
    dice: _Dice, a_numbers: _ANumbers, *, size: int, number: int, first: int, today: date
) -> tuple[list[dict[str, str]], list[Verification], bool]:
    """One household: rows numbered from `first`, verification per member, arrived or not."""
    origin = _ORIGINS.pick(dice)
    languages = origin.languages.pick(dice)
    enrolled = dice.between(*_ENROLLMENT_MONTHS.pick(dice))
    members = _members(dice, origin, size, enrolled, mayan=languages not in _NOT_MAYAN)

    status = _CASE_STATUS.pick(dice)
    for member in members:
        if member.role in ("partner", "elder") and dice.chance(_OTHER_STATUS_SHARE):
            member.status = _CASE_STATUS.pick(dice)
        else:
            member.status = status
    court = "" if status is _UNKNOWN and dice.chance(0.5) else _COURTS.pick(dice)
    offset: int | None = None  # the appointment, in days from today
    if status in _ELIGIBLE_LOOKING and dice.chance(_APPOINTMENT_SHARE):
        offset = 0
        if not dice.chance(_P_TODAY):
            offset = dice.between(-APPOINTMENT_DAYS_BEFORE, APPOINTMENT_DAYS_AFTER - 1)
            offset += offset >= 0  # today has had its share already
    # Told to come today mostly because DHS has verified the case; the rest raise stop signs.
    if offset == 0 and dice.chance(_TOLD_TODAY_VERIFIED_SHARE):
        household_state = _VERIFIED
    else:
        household_state = _VERIFICATION[status].pick(dice)
    states = [
        household_state if m.status is status else _VERIFICATION[m.status].pick(dice)
        for m in members
    ]
    arrived = (
        offset is not None
        and offset <= 0
        and all(state is _VERIFIED for state in states)
        and dice.chance(_CHECKED_IN_SHARE)
    )

    flags = _vulnerabilities(dice, members, today) if dice.chance(_VULNERABLE_SHARE) else {}
    # The columns the household shares, in export order; each member's row overlays its own.
    shared = _BLANK_ROW | {
        "household_id": f"H-{number:06d}",
        "nationality": origin.nationality,
        "mpp_enrollment_date": _ISO_DAYS[enrolled],
        "current_court": court,
        "appointment_date": "" if offset is None else _ISO_DAYS[today.toordinal() + offset],
        **_us_contact(dice, origin, members[0]),
        "languages": languages,
    }
    block = a_numbers.household()
    random = dice.random  # the loop runs once per person: spare the attribute lookups
    rows = []
    for index, member in enumerate(members):
        old = member.role != "child" and random() < _OLD_A_NUMBER_SHARE
        a_number = _written_a_number(dice, a_numbers.old() if old else block + index)
        member_flags = flags.get(index)
        notes = _flag_note(dice, member_flags) if member_flags else ""
        if not notes and random() < _NOTE_SHARE:
            notes = dice.pick(names.NOTES)
        phone_share, email_share = _CONTACT_SHARES[member.role]
        rows.append(
            shared
            | {
                "registration_id": f"{REGISTRATION_PREFIX}{first + index:06d}",
                "given_names": member.given_names,
                "paternal_surname": member.paternal,
                "maternal_surname": member.maternal,
                "date_of_birth": _ISO_DAYS[member.born],
                "sex": member.sex,
                "a_number": a_number,
                "case_status": _STATUS_TEXT[member.status],
                "phone": _mexican_phone(dice) if random() < phone_share else "",
                "email": _email(dice, member) if random() < email_share else "",
                "vulnerabilities": _flag_codes(member_flags) if member_flags else "",
                "notes": notes,
            }
        )
    return rows, states, arrived


def _members(
    dice: _Dice, origin: _Origin, size: int, enrolled: int, *, mayan: bool
) -> list[_Member]:
    """A head, then a partner, children and a grandparent as the size allows."""
    random = dice.random  # called for every person: spare the method lookups

    def surname() -> str:
        pool = names.MAYAN_SURNAMES if mayan and random() < 0.6 else origin.surnames
        return pool[int(len(pool) * random() ** 2)]  # dice.common, inlined

    def born(age: int) -> int:
        """A birthday `age` years and some days before enrolment, never on the day itself."""
        return enrolled - int(age * 365.25) - 1 - int(random() * 364)

    partner = size >= 2 and dice.chance(0.6)
    elder = (size >= 3 or (size == 2 and not partner)) and dice.chance(0.12)
    children = size - 1 - partner - elder
    if partner:
        head_sex = "M"
    elif children:
        head_sex = "F" if dice.chance(0.8) else "M"
    else:
        head_sex = "M" if dice.chance(0.6) else "F"
    head_age = int(dice.peaked(19, 52, 30) if children else dice.peaked(18, 62, 26))
    head = _Member(
        _given(dice, origin, head_sex), surname(), surname(), head_sex, born(head_age), "head"
    )
    members = [head]
    if partner:
        age = max(18, head_age + dice.between(-8, 3))
        members.append(
            _Member(_given(dice, origin, "F"), surname(), surname(), "F", born(age), "partner")
        )
    # Children carry the head's paternal surname, then their mother's (a single mother's own).
    second = members[1].paternal if partner else head.maternal
    for _ in range(children):
        sex = "F" if random() < 0.5 else "M"
        age = int(random() * (min(17, head_age - 16) + 1))
        members.append(
            _Member(_given(dice, origin, sex), head.paternal, second, sex, born(age), "child")
        )
    if elder:
        # The head's mother carries the head's maternal surname, a father the paternal one.
        sex = "F" if dice.chance(0.65) else "M"
        paternal = head.maternal if sex == "F" else head.paternal
        age = min(90, max(head_age + 18, int(dice.peaked(55, 85, 62))))
        members.append(
            _Member(_given(dice, origin, sex), paternal, surname(), sex, born(age), "elder")
        )
    return members


def _given(dice: _Dice, origin: _Origin, sex: str) -> str:
    """One given name, or two as many people carry (María José, Wendy Yamileth)."""
    pool = origin.female_names if sex == "F" else origin.male_names
    first = dice.common(pool)
    if dice.random() < 0.25:
        second = dice.common(pool)
        if second != first:
            return f"{first} {second}"
    return first


def _vulnerabilities(dice: _Dice, members: list[_Member], today: date) -> dict[int, set[str]]:
    """One or two flags, each given to a member it can be true of (by member index)."""
    single_caregiver = not any(m.role == "partner" for m in members) and any(
        m.role == "child" for m in members
    )
    who: dict[str, list[int]] = {}
    for index, member in enumerate(members):
        age = age_on(date.fromordinal(member.born), today) or 0
        for flag in _possible_flags(member, age, single_caregiver=single_caregiver):
            who.setdefault(flag, []).append(index)
    flags: dict[int, set[str]] = {}
    for _ in range(2 if dice.chance(0.25) else 1):
        flag = _Weighted([(f, _FLAG_WEIGHTS[f]) for f in who]).pick(dice)
        flags.setdefault(dice.pick(who.pop(flag)), set()).add(flag)
    return flags


def _possible_flags(member: _Member, age: int, *, single_caregiver: bool) -> list[str]:
    """The flags that could be true of this person: pregnancy at 15-45, infant under 2, …"""
    possible = ["serious_medical_condition", "disability", "risk_of_violence"]
    if age >= 18:
        possible.append("lgbtiq_at_risk")
    if member.sex == "F" and 15 <= age <= 45:
        possible.append("pregnancy")
    if age >= ELDER_MIN_YEARS:
        possible.append("age_65_plus")
    if age < INFANT_MAX_YEARS:
        possible.append("infant")
    if single_caregiver and member.role == "head":
        possible.append("single_caregiver")
    return possible


def _flag_codes(flags: Collection[str]) -> str:
    """';'-joined in the order of VULNERABILITY_FLAGS, never in set order (which varies)."""
    return ";".join(flag for flag in VULNERABILITY_FLAGS if flag in flags)


def _flag_note(dice: _Dice, flags: Collection[str]) -> str:
    """What a registrar writes down about a flag, when it needs more than the code."""
    if "pregnancy" in flags:
        return f"Embarazo de {dice.between(3, 8)} meses"
    if "disability" in flags and dice.chance(0.4):
        return "Usa silla de ruedas"
    return ""


def _written_a_number(dice: _Dice, number: int) -> str:
    """Nine digits, or as lists write some of them: with an A, dashes, spaces, old 8 digits."""
    digits = str(number).zfill(9)
    if dice.random() >= _WRITTEN_A_NUMBER_SHARE:
        return digits
    if digits.startswith("0") and dice.chance(0.3):
        return f"A{digits[1:]}"
    return dice.pick(_A_NUMBER_FORMS).format(digits[:3], digits[3:6], digits[6:])


def _mexican_phone(dice: _Dice) -> str:
    area = dice.pick(names.MEXICAN_AREA_CODES)
    local = f"{int(dice.random() * 10_000_000):07d}"
    form = dice.random()
    if form < 0.5:
        return f"+52 {area} {local[:3]} {local[3:]}"
    if form < 0.8:
        return f"{area}-{local[:3]}-{local[3:]}"
    return f"+52{area}{local}"


def _us_phone(dice: _Dice, area: str) -> str:
    """Numbers in 555-0100..0199, the range US carriers keep for fiction."""
    line = f"01{int(dice.random() * 100):02d}"
    form = dice.random()
    if form < 0.5:
        return f"({area}) 555-{line}"
    if form < 0.8:
        return f"{area}-555-{line}"
    return f"{area}555{line}"


def _email(dice: _Dice, member: _Member) -> str:
    given = member.given_names.split(" ", 1)[0].translate(_ASCII).lower()
    surname = member.paternal.translate(_ASCII).lower().replace(" ", "")
    return f"{given}.{surname}{dice.between(1, 99)}@{dice.pick(names.EMAIL_DOMAINS)}"


def _us_contact(dice: _Dice, origin: _Origin, head: _Member) -> dict[str, str]:
    """The sponsor the household will join (the us_* columns filled in, others left blank).

    Most households know an address, a few only a name and a number, some nothing yet.
    """
    known = dice.random()
    if known >= 0.9:
        return {}
    city = _CITIES.pick(dice)
    sex = "F" if dice.chance(0.5) else "M"
    relative = head.paternal if dice.chance(0.5) else dice.common(origin.surnames)
    contact = {
        "us_contact_name": f"{_given(dice, origin, sex)} {relative} {dice.common(origin.surnames)}",
        "us_contact_phone": _us_phone(dice, dice.pick(city.area_codes)),
    }
    if known >= 0.85:
        return contact
    street = f"{dice.between(100, 12999)} {dice.pick(names.STREET_NAMES)}"
    if dice.chance(0.3):
        street += f" Apt {dice.between(1, 40)}{dice.pick('ABCD')}"
    return contact | {
        "us_address_street": street,
        "us_address_city": city.name,
        "us_address_state": city.state,
        "us_address_zip": dice.pick(city.zip_codes),
    }
