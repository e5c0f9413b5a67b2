"""The demo site's medical journal: who was screened, isolated, followed and released, by day.

Planned without a database or a clock, from the generator's dice, so a seed tells the same
story on every machine; `staging.demo.build` records it through the screening and isolation
operations on the days it happened. The story gives every medical screen something to show:
today's arrivals mostly cleared, a few in clinical review or to be retested, some not screened
yet; isolations begun on each of the last 12 days and followed daily, but for an overdue check
or two and an emergency warning sign; households held meanwhile; people released after their
isolation and re-screened with their documentation of recovery, and one still to re-screen.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Protocol, TypeVar

from staging.rules import age_on
from staging.rules.isolation import WarningSign
from staging.rules.screening import Answers, AntigenResult, Symptom

OPEN_ISOLATION_DAYS = 12  # isolations begun 0 to 12 days ago are open today
HISTORY_DAYS = 15  # the oldest arrivals, released since
_RELEASED_ARRIVED = (14, 15)  # days ago; released 10 days after arriving, re-screened since
_RELEASED_AWAITING_ARRIVED = 13  # released 10 days later, not re-screened yet
_RELEASE_AFTER_DAYS = 10
# Open isolations by the day they began, most telling first: a small site that has fewer
# households to spare tells these parts of the story (3: overdue, 5: urgent, 11: may go).
_OPEN_ORDER = (3, 5, 11, 7, 1, 9, 2, 10, 4, 6, 8, 12)
_OVERDUE = {3: 1, 7: 2}  # isolations begun 3 and 7 days ago lack their last 1 and 2 checks
_URGENT = 5  # begun 5 days ago: today's check found an emergency warning sign
_MISSED_ONE = 10  # begun 10 days ago: one day unchecked, since caught up

_ISOLATIONS_EVERY = 400  # one isolation begun each day per this many households arriving today
_WAITING_SHARE = 0.15  # of today's arriving households, not screened yet
_REVIEW_EVERY = 60  # one person in clinical review per this many screened today (at least 2)
_RETEST_EVERY = 100  # one retest per this many screened today (at least 1)
_SYMPTOMATIC_SHARE = 0.5  # of positives
_CARESTART_SHARE = 0.3  # of tests; the rest are BinaxNOW
_FOLLOWED_UP_BY_NOW = 0.5  # of today's follow-ups, already done when the demo opens

# Where people isolate (invented names, as the demo's people are).
ISOLATION_PLACES: tuple[tuple[str, str], ...] = (
    ("Hotel Pacífico (aislamiento)", "Av. Revolución 1240, Zona Centro, Tijuana"),
    ("Albergue Las Palmas", "Calle Ocampo 815, Zona Norte, Tijuana"),
    ("Casa de Descanso Otay", "Blvd. Industrial 2300, Otay, Tijuana"),
)
RECOVERY_LETTER_BY = "Dra. Elena Ruiz Salas, Centro de Salud Tijuana"
REVIEW_NOTE = "Rinitis alérgica conocida, sin fiebre; prueba negativa: autorizado"
RELEASE_NOTE = "Criterios de alta cumplidos"
_URGENT_NOTE = "Dificultad para respirar: trasladado a urgencias del Hospital General"

_MILD = (Symptom.COUGH, Symptom.SORE_THROAT, Symptom.HEADACHE, Symptom.CONGESTION)
_FEVERISH = frozenset({Symptom.FEVER_OR_CHILLS, Symptom.COUGH, Symptom.FATIGUE})
_RECOVERING = frozenset({Symptom.COUGH, Symptom.FATIGUE})
_TESTED_FROM_YEARS = 2  # younger children are screened without a test

_T = TypeVar("_T")
Row = dict[str, str]


class Dice(Protocol):
    """The generator's draws (`random()` only, so a seed builds the same story everywhere)."""

    def random(self) -> float: ...

    def chance(self, probability: float) -> bool: ...

    def pick(self, items: Sequence[_T]) -> _T: ...

    def between(self, low: int, high: int) -> int: ...


@dataclass(frozen=True)
class DemoScreening:
    """A screening as the screener enters it; the operations decide its outcome."""

    registration_id: str
    answers: Answers
    temperature: float
    result: AntigenResult  # as read; a child under 2 is not tested, whatever this says
    kit: int = 0  # index in `staging.screening.supplies.KNOWN_KITS`
    read_late: bool = False  # read after the kit's window: the procedure was not followed
    place: int | None = None  # index in ISOLATION_PLACES, for a positive
    recovered: bool = False  # re-screened after isolation, with documentation of recovery


@dataclass(frozen=True)
class DemoFollowUp:
    """One daily check of someone in isolation."""

    registration_id: str
    temperature: float
    fever_medicine: bool = False
    symptoms: frozenset[Symptom] = frozenset()
    improving: bool | None = None
    warning_signs: frozenset[WarningSign] = frozenset()
    note: str = ""


@dataclass(frozen=True)
class DemoDay:
    """What the site recorded one day, in the order of a day: arrivals, the morning's
    follow-ups, releases, the screenings, then the clinical reviews decided."""

    days_ago: int
    arrivals: tuple[str, ...] = ()
    follow_ups: tuple[DemoFollowUp, ...] = ()
    releases: tuple[str, ...] = ()
    screenings: tuple[DemoScreening, ...] = ()
    reviews: tuple[str, ...] = ()


@dataclass(frozen=True)
class Household:
    """A household as the plan needs it: its rows, and whether it arrived today per the
    generator, or could have arrived on another day (everyone verified)."""

    rows: list[Row]
    arrived_today: bool
    verified: bool


@dataclass
class _Day:
    arrivals: list[str] = field(default_factory=list)
    follow_ups: list[DemoFollowUp] = field(default_factory=list)
    releases: list[str] = field(default_factory=list)
    screenings: list[DemoScreening] = field(default_factory=list)
    reviews: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Isolation:
    """One household's isolation story: the day it arrived, and how its follow-up went."""

    arrived: int  # days ago
    released: int | None = None  # days ago
    rescreened: int | None = None  # days ago
    overdue: int = 0  # the last days without a check
    missed: int | None = None  # a day (days ago) without a check, since caught up
    urgent: bool = False
    place: int | None = 0


def isolation_households(households: Sequence[Household], history_days: int) -> int:
    """How many households that did not arrive today the isolation stories take (at most)."""
    arriving = sum(1 for h in households if h.arrived_today)
    per_day = max(1, arriving // _ISOLATIONS_EVERY)
    return sum(1 for story in _isolations(per_day) if story.arrived <= history_days)


def plan_journal(
    dice: Dice,
    households: Sequence[Household],
    today: date,
    history_days: int,
    cleared: Mapping[int, Sequence[Household]] | None = None,
) -> tuple[DemoDay, ...]:
    """The medical journal, oldest day first; arrivals on earlier days (no more than
    `history_days` ago) are households that could have come, chosen from the verified.

    `cleared` (days ago → households) are other stories' arrivals: screened and cleared on
    the day they came (the transport story's travellers)."""
    cleared = cleared or {}
    journal: dict[int, _Day] = defaultdict(_Day, {0: _Day()})  # today, even if nothing happens
    plan = _Plan(dice, journal, today)
    taken = {id(h) for group in cleared.values() for h in group}
    arriving = [h for h in households if h.arrived_today]
    spare = [h for h in households if h.verified and not h.arrived_today and id(h) not in taken]
    _shuffle(dice, arriving)
    _shuffle(dice, spare)
    per_day = max(1, len(arriving) // _ISOLATIONS_EVERY)
    positives = min(per_day, max(0, len(arriving) - 2))
    waiting = min(max(1, round(_WAITING_SHARE * len(arriving))), max(0, len(arriving) - 1))
    waiting = min(waiting, len(arriving) - positives)
    for index, household in enumerate(arriving[:positives]):
        plan.isolation(household, _Isolation(0, place=None if index == 0 else 0))
    for household in arriving[positives : positives + waiting]:
        journal[0].arrivals.extend(row["registration_id"] for row in household.rows)
    plan.today(arriving[positives + waiting :])
    stories = [s for s in _isolations(per_day) if s.arrived <= history_days]
    for household, story in zip(spare, stories, strict=False):
        plan.isolation(household, story)
    for days_ago, group in sorted(cleared.items(), reverse=True):
        for household in group:
            plan.cleared(household, days_ago)
    return tuple(
        DemoDay(
            days_ago,
            tuple(day.arrivals),
            tuple(day.follow_ups),
            tuple(day.releases),
            tuple(day.screenings),
            tuple(day.reviews),
        )
        for days_ago, day in sorted(journal.items(), reverse=True)
    )


def _shuffle(dice: Dice, items: list[Household]) -> None:
    """Fisher–Yates on `random()` (random.shuffle's draws may change between versions)."""
    for i in range(len(items) - 1, 0, -1):
        j = int(dice.random() * (i + 1))
        items[i], items[j] = items[j], items[i]


def _isolations(per_day: int) -> list[_Isolation]:
    """The stories of households that arrived before today, most telling first."""
    stories: list[_Isolation] = []
    for round_number in range(per_day):
        first = round_number == 0  # the first round tells every part of the story once
        stories.append(_released(_RELEASED_ARRIVED[0], rescreened=0))
        if round_number % 2 == 0:
            stories.append(_released(_RELEASED_AWAITING_ARRIVED, rescreened=None))
        stories.extend(
            _Isolation(
                days,
                overdue=_OVERDUE.get(days, 0) if first else 0,
                missed=days // 2 if first and days == _MISSED_ONE else None,
                urgent=first and days == _URGENT,
                place=(days + round_number) % len(ISOLATION_PLACES),
            )
            for days in _OPEN_ORDER
        )
        stories.append(_released(_RELEASED_ARRIVED[1], rescreened=1))
    return stories


def _released(arrived: int, rescreened: int | None) -> _Isolation:
    """Released 10 days after arriving; re-screened `rescreened` days ago, or not yet."""
    return _Isolation(
        arrived,
        released=arrived - _RELEASE_AFTER_DAYS,
        rescreened=rescreened,
        place=arrived % len(ISOLATION_PLACES),
    )


class _Plan:
    """Writes the stories into the journal, drawing the details (who, symptoms, readings)."""

    def __init__(self, dice: Dice, journal: dict[int, _Day], today: date) -> None:
        self._dice = dice
        self._journal = journal
        self._today = today

    def _tested(self, row: Row, days_ago: int) -> bool:
        born = date.fromisoformat(row["date_of_birth"])
        age = age_on(born, self._today - timedelta(days=days_ago))
        return age is None or age >= _TESTED_FROM_YEARS

    def _kit(self) -> int:
        return 1 if self._dice.chance(_CARESTART_SHARE) else 0

    def _well(self, row: Row, *, recovered: bool = False) -> DemoScreening:
        return DemoScreening(
            row["registration_id"],
            Answers(),
            _degrees(self._dice, 36.2, 37.1),
            AntigenResult.NEGATIVE,
            kit=self._kit(),
            recovered=recovered,
        )

    def today(self, households: list[Household]) -> None:
        """Today's arrivals screened: most cleared, a few in clinical review (one of them
        decided already) or to be retested."""
        day = self._journal[0]
        screened = [row for household in households for row in household.rows]
        day.arrivals.extend(row["registration_id"] for row in screened)
        tested = [i for i, row in enumerate(screened) if self._tested(row, 0)]
        reviews = max(2, len(screened) // _REVIEW_EVERY) + 1  # one of them is decided
        retests = max(1, len(screened) // _RETEST_EVERY)
        chosen = self._sample(tested, reviews + retests)
        unwell = set(chosen[:reviews])
        invalid_reads = (retests + 1) // 2
        retest = set(chosen[reviews : reviews + invalid_reads])
        late = set(chosen[reviews + invalid_reads :])
        for index, row in enumerate(screened):
            if index in unwell:
                day.screenings.append(self._unwell(row))
            elif index in retest:  # no control line
                day.screenings.append(replace(self._well(row), result=AntigenResult.INVALID))
            elif index in late:  # read after the kit's window
                day.screenings.append(replace(self._well(row), read_late=True))
            else:
                day.screenings.append(self._well(row))
        if chosen:
            day.reviews.append(screened[chosen[0]]["registration_id"])

    def _sample(self, indexes: list[int], count: int) -> list[int]:
        """Up to `count` of `indexes`, drawn without repeats."""
        pool = list(indexes)
        chosen = []
        while pool and len(chosen) < count:
            chosen.append(pool.pop(int(self._dice.random() * len(pool))))
        return chosen

    def _unwell(self, row: Row) -> DemoScreening:
        """A negative test with symptoms or fever: the screener must review it."""
        dice = self._dice
        first = dice.pick(_MILD)
        symptoms = frozenset({first, dice.pick(_MILD)})
        feverish = dice.chance(0.3)
        return DemoScreening(
            row["registration_id"],
            Answers(symptoms=symptoms, onset=self._today - timedelta(days=dice.between(1, 3))),
            _degrees(dice, 38.1, 38.6) if feverish else _degrees(dice, 36.6, 37.4),
            AntigenResult.NEGATIVE,
            kit=self._kit(),
        )

    def cleared(self, household: Household, days_ago: int) -> None:
        """Arrived `days_ago` and screened well that day, everyone of the household."""
        day = self._journal[days_ago]
        day.arrivals.extend(row["registration_id"] for row in household.rows)
        day.screenings.extend(self._well(row) for row in household.rows)

    def isolation(self, household: Household, story: _Isolation) -> None:
        dice = self._dice
        ids = [row["registration_id"] for row in household.rows]
        self._journal[story.arrived].arrivals.extend(ids)
        tested = [row for row in household.rows if self._tested(row, story.arrived)]
        positive = dice.pick(tested or household.rows)
        symptomatic = story.urgent or dice.chance(_SYMPTOMATIC_SHARE)
        onset = dice.between(0, 2) if symptomatic else 0
        arrived_on = self._today - timedelta(days=story.arrived)
        answers = Answers()
        temperature = _degrees(dice, 36.3, 37.1)
        if symptomatic:
            answers = Answers(
                symptoms=_FEVERISH,
                onset=arrived_on - timedelta(days=onset),
                felt_feverish=dice.chance(0.5),
            )
            temperature = _degrees(dice, 37.8, 38.8)
        screenings = self._journal[story.arrived].screenings
        for row in household.rows:
            if row is positive:
                screenings.append(
                    DemoScreening(
                        row["registration_id"],
                        answers,
                        temperature,
                        AntigenResult.POSITIVE,
                        kit=self._kit(),
                        place=story.place,
                    )
                )
            else:
                screenings.append(self._well(row))
        person = positive["registration_id"]
        last = 0 if story.released is None else story.released
        for days_ago in range(story.arrived - 1, last - 1, -1):
            since_onset = story.arrived + onset - days_ago
            if (story.overdue and days_ago <= story.overdue) or days_ago == story.missed:
                continue
            if days_ago == 0 and story.urgent:
                follow_up = _urgent(person)
            elif days_ago == 0 and not dice.chance(_FOLLOWED_UP_BY_NOW):
                continue
            else:
                follow_up = self._follow_up(person, since_onset if symptomatic else None)
            self._journal[days_ago].follow_ups.append(follow_up)
        if story.released is None:
            return
        self._journal[story.released].releases.append(person)
        if story.rescreened is None:
            return
        rescreenings = self._journal[story.rescreened].screenings
        for row in household.rows:
            rescreenings.append(self._well(row, recovered=row is positive))

    def _follow_up(self, person: str, since_onset: int | None) -> DemoFollowUp:
        """Fever the first three days after the onset, improving since; none without
        symptoms."""
        dice = self._dice
        if since_onset is None:
            return DemoFollowUp(person, _degrees(dice, 36.2, 37.1))
        if since_onset <= 3:
            return DemoFollowUp(
                person,
                _degrees(dice, 38.1, 38.9),
                fever_medicine=dice.chance(0.5),
                symptoms=_FEVERISH,
                improving=False,
            )
        if since_onset <= 6:
            return DemoFollowUp(
                person, _degrees(dice, 37.0, 37.6), symptoms=_RECOVERING, improving=True
            )
        cough = frozenset({Symptom.COUGH}) if dice.chance(0.5) else frozenset()
        return DemoFollowUp(person, _degrees(dice, 36.4, 37.0), symptoms=cough, improving=True)


def _degrees(dice: Dice, low: float, high: float) -> float:
    """A reading from `low` to `high` °C, in tenths as a thermometer shows it."""
    return round(low + dice.between(0, round((high - low) * 10)) / 10, 1)


def _urgent(person: str) -> DemoFollowUp:
    return DemoFollowUp(
        person,
        38.7,
        symptoms=frozenset({Symptom.SHORTNESS_OF_BREATH, Symptom.COUGH, Symptom.FEVER_OR_CHILLS}),
        improving=False,
        warning_signs=frozenset({WarningSign.TROUBLE_BREATHING}),
        note=_URGENT_NOTE,
    )
