"""Building a demo site through the same paths real data takes (key file, import, write path).

The medical journal, the paperwork and the trips are recorded on the days they happened: the
site's clock is moved back to the first of them, then forward step by step, so every
screening, follow-up, release, form, service and boarding goes through its operation and its
rules (an early release, a service dated in the future or a trip on a past day would be
refused) and is stamped, audited and logged when it took place; today's steps end at the
moment the demo is built.
"""

from __future__ import annotations

import csv
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from staging.clock import Clock, FrozenClock
from staging.courts.site import site_directory
from staging.demo.generator import DemoSite, generate_demo_site
from staging.demo.medical import (
    ISOLATION_PLACES,
    RECOVERY_LETTER_BY,
    RELEASE_NOTE,
    REVIEW_NOTE,
    DemoDay,
    DemoScreening,
)
from staging.demo.paperwork import FORMER_CITY, FORMER_STATE, DemoForm, PaperworkDay
from staging.demo.partner_lists import (
    PARTNER_SECOND_REGISTRATIONS,
    near_duplicates,
    write_partner_list,
)
from staging.demo.transport import (
    DELIVERED_TRIP,
    ON_THE_ROAD_STEPS,
    TOMORROWS_TRIPS,
    TRAVEL_DAY,
    VEHICLES,
    TransportStory,
    demo_transport_policy,
)
from staging.domain import Role, ScreeningOutcome, Verification
from staging.intake.operations import check_in
from staging.isolation.operations import FollowUpEntry, record_follow_up, release
from staging.paperwork.courts import CourtChoice, court_choice
from staging.paperwork.form import Eoir33Entry
from staging.paperwork.operations import (
    Courts,
    mark_printed,
    mark_reopen_document,
    mark_served,
    prefilled_entry,
    record_legal_orientation,
    save_form,
)
from staging.registration.columns import CANONICAL_COLUMNS
from staging.registration.service import import_registrations
from staging.rules import Policy, StopSign
from staging.screening.operations import ScreeningEntry, record_screenings, review_screening
from staging.screening.supplies import (
    KNOWN_KITS,
    add_isolation_place,
    add_kit_lot,
    add_kit_type,
    extend_kit_lot,
)
from staging.security.access import Session, add_user, create_site
from staging.security.keyfile import keyfile_path, set_notice
from staging.site.settings import save_site_settings
from staging.store.store import Actor, Store
from staging.transport.operations import add_trip, add_vehicle, board, close_trip, record_arrival
from staging.transport.planning import plan
from staging.transport.queries import roster
from staging.verification.operations import record_verification
from staging.wristbands.operations import issue_bands

# Documented in the README; shown on the login screen of a demo site only.
DEMO_USERS: dict[str, tuple[Role, str]] = {
    "admin": (Role.ADMIN, "admin-demo"),
    "coordinator": (Role.COORDINATOR, "coordinator-demo"),
    "intake": (Role.INTAKE, "intake-demo"),
    "screener": (Role.SCREENER, "screener-demo"),
}
DEMO_SITE_NAME = "Demo — Tijuana"
_INTAKE = Actor("intake", Role.INTAKE)
_SCREENER = Actor("screener", Role.SCREENER)
_COORDINATOR = Actor("coordinator", Role.COORDINATOR)

_DAY_BEGINS = time(8, 0)
_STEP = timedelta(minutes=1)
# Between the day's check-ins and its screenings: every specimen is collected after arrival.
_SCREENING_AFTER_STEPS = 45
_SETUP_STEPS = 10  # the import, verifications and medical supplies, on the journal's first day


def demo_notice() -> str:
    users = ", ".join(f"{name} / {password}" for name, (_, password) in DEMO_USERS.items())
    return f"Demo site — users / usuarios de demostración: {users}"


def create_demo_site(path: Path, *, people: int, seed: int, clock: Clock | None = None) -> Session:
    """A new encrypted demo site with one user per role and `people` people at every stage."""
    admin_password = DEMO_USERS["admin"][1]
    session = create_site(path, "admin", admin_password, clock=clock)
    for name, (role, password) in DEMO_USERS.items():
        if name != "admin":
            add_user(session, name, role, password, display_name=name.capitalize())
    set_notice(keyfile_path(Path(path)), demo_notice())
    store = session.store
    policy = Policy(transport=demo_transport_policy(store.today(), Policy().site.port_of_entry))
    save_site_settings(store, session.actor, DEMO_SITE_NAME, policy)
    site = _fill(session, people=people, seed=seed)
    write_partner_list(Path(path).parent, site, store.today(), seed)
    return session


class _Timeline:
    """The demo's clock: each step a minute after the one before, from 08:00 on a past day;
    today's steps end at the moment the demo is built (closer together if the day has only
    just begun, so that they stay today's)."""

    def __init__(self, now: datetime, zone: str) -> None:
        self.clock = FrozenClock(now)
        self._now = now
        self._zone = ZoneInfo(zone)
        self._today = now.astimezone(self._zone).date()
        self._step = _STEP

    def begin(self, days_ago: int, steps: int) -> None:
        """Move to the start of the day `days_ago` days before today, which has `steps`."""
        day = self._today - timedelta(days=days_ago)
        start = datetime.combine(day, _DAY_BEGINS, self._zone)
        self._step = _STEP
        if days_ago == 0:
            midnight = datetime.combine(day, time(0), self._zone)
            start = max(midnight, self._now - steps * _STEP)
            self._step = (self._now - start) / max(steps, 1)
        self.clock.advance(start - self.clock.now())

    def tick(self, steps: int = 1) -> None:
        self.clock.advance(self._step * steps)


@contextmanager
def _recording_the_past(store: Store, timeline: _Timeline) -> Iterator[None]:
    """The store on the timeline's clock, then on its own again.

    Meanwhile commits are not flushed to the disk one by one (`synchronous=NORMAL`): a demo
    cut short by a power cut is simply built again, and its hundreds of small steps would
    otherwise wait on the disk each time.
    """
    own = store.clock
    (synchronous,) = store.db.execute("PRAGMA synchronous").fetchone()
    store.clock = timeline.clock
    store.db.execute("PRAGMA synchronous = NORMAL")
    try:
        yield
    finally:
        store.clock = own
        store.db.execute(f"PRAGMA synchronous = {int(synchronous)}")


@dataclass(frozen=True)
class _Supplies:
    lots: tuple[str, ...]  # the lot in use for each of KNOWN_KITS
    places: tuple[str, ...]  # ids, as ISOLATION_PLACES


def _fill(session: Session, *, people: int, seed: int) -> DemoSite:
    store = session.store
    today = store.today()
    site = generate_demo_site(people=people, seed=seed, today=today)
    timeline = _Timeline(store.clock.now(), store.policy().site.timezone)
    medical = {day.days_ago: day for day in site.days}
    paperwork = {day.days_ago: day for day in site.paperwork}
    travel = site.transport
    travel_days = {TRAVEL_DAY} if travel.travelled else set()
    # Today is always in the journal; a service or an orientation may fall on a day without
    # medical events, never before the first arrivals.
    journal = sorted(medical.keys() | paperwork.keys() | travel_days, reverse=True)

    def steps(days_ago: int) -> int:
        day, desk = medical.get(days_ago), paperwork.get(days_ago)
        return (
            (_steps(day) if day else 0)
            + (_desk_steps(desk) if desk else 0)
            + (_travel_steps(travel) if days_ago in travel_days else 0)
            + (len(TOMORROWS_TRIPS) if days_ago == 0 else 0)
        )

    with _recording_the_past(store, timeline):
        # The list, DHS's answers, the medical supplies and the vehicles came before the first
        # arrivals.
        timeline.begin(journal[0], _SETUP_STEPS + steps(journal[0]))
        person_of = _import(session, site)
        _import_partner_list(session, near_duplicates(site, PARTNER_SECOND_REGISTRATIONS, seed))
        supplies = _add_supplies(store, session.actor, today)
        vehicles = {
            vehicle.name: add_vehicle(store, _COORDINATOR, vehicle).value for vehicle in VEHICLES
        }
        desk = _PaperworkDesk(store, person_of)
        timeline.tick(_SETUP_STEPS)
        for days_ago in journal:
            if days_ago != journal[0]:
                timeline.begin(days_ago, steps(days_ago))
            if days_ago in travel_days:
                _deliver(store, timeline, travel, vehicles, person_of)
            if days_ago in medical:
                _record_day(store, timeline, medical[days_ago], person_of, supplies)
            if days_ago in paperwork:
                desk.record(timeline, paperwork[days_ago])
        # Tomorrow's trips, for the coordinator to plan.
        tomorrow = today + timedelta(days=1)
        for vehicle, departs_at in TOMORROWS_TRIPS:
            add_trip(store, _COORDINATOR, tomorrow, _port(store), departs_at, vehicles[vehicle])
            timeline.tick()
    return site


def _steps(day: DemoDay) -> int:
    return (
        1 + len(day.follow_ups) + len(day.releases) + _SCREENING_AFTER_STEPS + 1 + len(day.reviews)
    )


def _desk_steps(desk: PaperworkDay) -> int:
    return len(desk.forms) + 1 + len(desk.served) + 1 + len(desk.reopening)


def _travel_steps(travel: TransportStory) -> int:
    boarding = sum(len(household) for household in travel.travelled) - len(travel.no_show)
    return 2 + boarding + ON_THE_ROAD_STEPS + 1


def _port(store: Store) -> str:
    return store.policy().site.port_of_entry


def _deliver(
    store: Store,
    timeline: _Timeline,
    travel: TransportStory,
    vehicles: dict[str, str],
    person_of: dict[str, str],
) -> None:
    """The morning's trip, through the operations: added and planned, boarded by scanning
    wristbands (all but the no-show household), closed, and handed over at the port."""
    vehicle, departs_at = DELIVERED_TRIP
    day = store.today()
    trip = add_trip(store, _COORDINATOR, day, _port(store), departs_at, vehicles[vehicle]).value
    plan(store, _COORDINATOR, day, _port(store))
    timeline.tick()
    missing = {person_of[registration_id] for registration_id in travel.no_show}
    for seat in roster(store, trip):
        if seat.person.id in missing:
            continue
        mask = travel.masks.get(seat.person.registration_id, "own")
        board(store, _INTAKE, trip, seat.band_code, mask=mask, instructions_given=True)
        timeline.tick()
    close_trip(store, _COORDINATOR, trip)
    timeline.tick(ON_THE_ROAD_STEPS)
    record_arrival(store, _COORDINATOR, trip)
    timeline.tick()


def _import(session: Session, site: DemoSite) -> dict[str, str]:
    """The registration list and DHS's answers so far; returns person ids by registration."""
    store, actor = session.store, session.actor
    with tempfile.TemporaryDirectory(prefix="staging-demo-") as folder:
        export = Path(folder) / "demo-registrations.csv"
        with export.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(CANONICAL_COLUMNS))
            writer.writeheader()
            writer.writerows(site.rows)
        summary = import_registrations(store, actor, export)
    if summary.problems:
        raise ValueError(
            f"the demo generator wrote rows the import refuses: {summary.problems[:2]}"
        )
    person_of = dict(store.db.execute("SELECT registration_id, id FROM person"))
    by_state: dict[Verification, list[str]] = defaultdict(list)
    for registration_id, state in sorted(site.verification.items()):
        if state is not Verification.UNVERIFIED:
            by_state[state].append(person_of[registration_id])
    for state, person_ids in by_state.items():
        record_verification(store, actor, person_ids, state, note="demo")
    return person_of


def _import_partner_list(session: Session, rows: list[dict[str, str]]) -> None:
    """Last week's list from a partner, some of whose people the site already had under another
    registration: possible duplicates for the coordinator to review."""
    with tempfile.TemporaryDirectory(prefix="staging-demo-") as folder:
        export = Path(folder) / "partner-last-week.csv"
        with export.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(CANONICAL_COLUMNS))
            writer.writeheader()
            writer.writerows(rows)
        summary = import_registrations(session.store, session.actor, export)
    if summary.problems or summary.possible_duplicates != len(rows):
        raise ValueError(f"the partner's demo list did not import as meant: {summary}")


def _add_supplies(store: Store, actor: Actor, today: date) -> _Supplies:
    """Both kit types; a BinaxNOW lot past its printed expiry by `today` (the demo's day) but
    extended by Abbott's notice, a CareStart lot in date and an expired one (the screening
    form refuses it)."""
    binax, carestart = (add_kit_type(store, actor, kit).value for kit in KNOWN_KITS)
    extended = add_kit_lot(store, actor, binax, "120172", today - timedelta(days=5)).value
    notice = f"Abbott notice of extension, {store.today():%Y-%m}"
    extend_kit_lot(store, actor, extended, today + timedelta(days=150), notice)
    in_date = add_kit_lot(store, actor, carestart, "RCHM-02101", today + timedelta(days=210))
    add_kit_lot(store, actor, carestart, "RCHM-01208", today - timedelta(days=20))
    places = tuple(
        add_isolation_place(store, actor, name, address).value for name, address in ISOLATION_PLACES
    )
    return _Supplies((extended, in_date.value), places)


def _record_day(
    store: Store,
    timeline: _Timeline,
    day: DemoDay,
    person_of: dict[str, str],
    supplies: _Supplies,
) -> None:
    """One day of the journal, each step through its operation."""
    if day.arrivals:
        arriving = [person_of[r] for r in day.arrivals]
        # The demo's volunteers confirmed whatever stop sign these arrivals raised, and put a
        # wristband on everyone.
        check_in(store, _INTAKE, arriving, confirmed=frozenset(StopSign))
        issue_bands(store, _INTAKE, arriving)
    timeline.tick()
    for follow_up in day.follow_ups:
        entry = FollowUpEntry(
            person_of[follow_up.registration_id],
            follow_up.temperature,
            fever_medicine=follow_up.fever_medicine,
            symptoms=follow_up.symptoms,
            symptoms_improving=follow_up.improving,
            warning_signs=follow_up.warning_signs,
            note=follow_up.note,
        )
        record_follow_up(store, _SCREENER, entry)
        timeline.tick()
    for registration_id in day.releases:
        release(store, _SCREENER, person_of[registration_id], RELEASE_NOTE)
        timeline.tick()
    timeline.tick(_SCREENING_AFTER_STEPS)
    saved: dict[str, str] = {}
    if day.screenings:
        read_at = store.clock.now()
        entries = [_entry(s, person_of, supplies, read_at) for s in day.screenings]
        done = record_screenings(store, _SCREENER, entries).value
        saved = {e.person_id: s.screening_id for e, s in zip(entries, done, strict=True)}
    timeline.tick()
    for registration_id in day.reviews:
        review_screening(
            store,
            _SCREENER,
            saved[person_of[registration_id]],
            ScreeningOutcome.CLEARED,
            REVIEW_NOTE,
        )
        timeline.tick()


def _entry(
    screening: DemoScreening, person_of: dict[str, str], supplies: _Supplies, read_at: datetime
) -> ScreeningEntry:
    """The screener's entry: the test read at `read_at`, in the kit's window unless read late."""
    kit = KNOWN_KITS[screening.kit]
    developed = kit.read_until_minutes + 10 if screening.read_late else kit.read_from_minutes + 3
    return ScreeningEntry(
        person_id=person_of[screening.registration_id],
        answers=screening.answers,
        temperature=screening.temperature,
        kit_lot_id=supplies.lots[screening.kit],
        collected_at=read_at - timedelta(minutes=developed),
        read_at=read_at,
        result=screening.result,
        isolation_place_id=None if screening.place is None else supplies.places[screening.place],
        recovery_cleared_by=RECOVERY_LETTER_BY if screening.recovered else "",
    )


class _PaperworkDesk:
    """The coordinators' paperwork, each step through its operation: a form over the
    registration's prefill, with the courts the form proposes (the case's court matched from
    the list's words, the court nearest the address), worked out once per court and ZIP."""

    def __init__(self, store: Store, person_of: dict[str, str]) -> None:
        self._store = store
        self._person_of = person_of
        self._directory = site_directory(store)
        self._choices: dict[tuple[str, str], CourtChoice] = {}
        self._opla_office: dict[str, str] = {}  # by person id, once the form is saved

    def record(self, timeline: _Timeline, desk: PaperworkDay) -> None:
        store, person_of = self._store, self._person_of
        for form in desk.forms:
            self._save(form)
            timeline.tick()
        if desk.printed:
            mark_printed(store, _COORDINATOR, [person_of[r] for r in desk.printed])
        timeline.tick()
        for service in desk.served:
            person_id = person_of[service.registration_id]
            mark_served(
                store,
                _COORDINATOR,
                person_id,
                server_name=service.server,
                opla_office=self._opla_office[person_id],
                served_on=store.today(),
                method="in_person" if service.in_person else "first_class_mail",
            )
            timeline.tick()
        if desk.orientation is not None:
            attended = [person_of[r] for r in desk.orientation.registration_ids]
            record_legal_orientation(
                store, _COORDINATOR, attended, store.today(), desk.orientation.provider
            )
        timeline.tick()
        for registration_id, document in desk.reopening:
            mark_reopen_document(store, _COORDINATOR, person_of[registration_id], document, True)
            timeline.tick()

    def _save(self, form: DemoForm) -> None:
        store = self._store
        person_id = self._person_of[form.registration_id]
        entry = _form_entry(prefilled_entry(store, person_id), form, store.today())
        key = (form.case_court, entry.current_zip)
        if key not in self._choices:
            self._choices[key] = court_choice(self._directory, form.case_court, "", "", key[1])
        choice = self._choices[key]
        courts = Courts(
            current=choice.current.key if choice.current else "",
            receiving=choice.proposed.court.key if choice.proposed else "",
        )
        save_form(store, _COORDINATOR, person_id, entry, courts)
        if choice.opla_office is not None:
            self._opla_office[person_id] = choice.opla_office.key


def _form_entry(prefilled: Eoir33Entry, form: DemoForm, today: date) -> Eoir33Entry:
    """The registration's prefill, with what the desk asked: where the person lived in
    Mexico, a mail contact, the address if the list had none, the date signed."""
    entry = replace(
        prefilled,
        in_care_of=form.in_care_of,
        former_street=form.former_street,
        former_city=FORMER_CITY,
        former_state=FORMER_STATE,
        former_zip=form.former_zip,
        signed_on=today if form.signed else None,
    )
    if form.address is None:
        return entry
    address = form.address
    return replace(
        entry,
        current_street=address.street,
        current_city=address.city,
        current_state=address.state,
        current_zip=address.zip,
    )
