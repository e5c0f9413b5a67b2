"""Transport at 100,000 people: planning a day, and a 300-person roster PDF from the database.

The site is the 100,000-person demo (seed 7, the benchmarks' day), built through the real
operations as `staging-site demo` builds it, so the planner meets what a big site holds: a day's
arrivals of several thousand people checked in, most of them held by a blocker, and tomorrow's
two trips (a bus and a van). The demo's build time is printed too.

- Planning (target ≤ 1 s): `preview_plan` (the queue read, everyone's status on the departure
  day, the seating), then `plan` (the same, and the roster written through the audited write
  path, `synchronous=FULL`), each the median of a few runs after a warm-up.
- A 300-person roster PDF (target ≤ 1 s): more households made ready (their forms saved and
  served through the paperwork operations), five more buses and the port's capacity raised to
  300 for the day, the day planned again; then the whole path a coordinator's Print takes: the
  day's trips and rosters read from the database (`trips_of`, `roster`), turned into sheets
  (`roster_sheets`) and drawn (`render_roster`), after one warm-up render (fonts registered).
"""

from __future__ import annotations

import statistics
import time
from dataclasses import replace
from datetime import date, timedelta

from bench.common import BENCH_PEOPLE, OUT, bench_clock, timed
from forms.roster.build import TripSeats, roster_sheets
from forms.roster.pdf import render_roster
from staging.demo.build import create_demo_site
from staging.domain import Person, Role
from staging.paperwork.operations import (
    Courts,
    form_row,
    mark_reopen_document,
    mark_served,
    prefilled_entry,
    save_form,
)
from staging.rules import Policy, person_status
from staging.rules.paperwork import PaperworkBlocker, reopen_documents_missing
from staging.rules.transport import PortCapacity, Vehicle
from staging.site.settings import save_site_settings, site_name
from staging.store.store import Actor, Store
from staging.transport.operations import add_trip, add_vehicle
from staging.transport.planning import plan, preview_plan, trips_of, waiting_households
from staging.transport.queries import roster

SCRATCH = OUT / "bench-transport.db"
SEED = 7
SAMPLES = 5
ROSTER_PEOPLE = 300
EXTRA_BUSES = 5  # Vehicle(40 rows of 4): 80 seats each with every other row closed
COORDINATOR = Actor("coordinator", Role.COORDINATOR)
PORT = "SYS"
PAPERWORK = {str(b) for b in PaperworkBlocker}


def build_site() -> tuple[Store, float]:
    _remove_scratch()
    started = time.perf_counter()
    session = create_demo_site(SCRATCH, people=BENCH_PEOPLE, seed=SEED, clock=bench_clock())
    return session.store, time.perf_counter() - started


def bench_planning(store: Store) -> dict[str, float]:
    day = store.today() + timedelta(days=1)
    preview_plan(store, day, PORT, Role.COORDINATOR)  # the page cache warm
    previews = [
        timed(lambda: preview_plan(store, day, PORT, Role.COORDINATOR)) for _ in range(SAMPLES)
    ]
    first = timed(lambda: plan(store, COORDINATOR, day, PORT))
    again = [timed(lambda: plan(store, COORDINATOR, day, PORT)) for _ in range(SAMPLES)]
    waiting = waiting_households(store, day)
    result = preview_plan(store, day, PORT, Role.COORDINATOR)
    return {
        "transport_waiting_households": len(waiting),
        "transport_waiting_people": sum(len(w.members) for w in waiting),
        "transport_planned_people": result.plan.people,
        "transport_preview_plan_ms": round(statistics.median(previews), 0),
        "transport_plan_first_ms": round(first, 0),
        "transport_plan_again_ms": round(statistics.median(again), 0),
    }


def make_ready(store: Store, people: int) -> int:
    """Households held only by their paperwork get it done (forms saved and served, reopening
    documents ticked), in queue order, until `people` more are ready; returns how many."""
    day = store.today() + timedelta(days=1)
    policy = store.policy()
    today = store.today()
    made = 0
    for household in waiting_households(store, day):
        blockers = [person_status(p, day, policy, Role.ADMIN).blockers for p in household.members]
        if not any(blockers) or not all({str(b) for b in found} <= PAPERWORK for found in blockers):
            continue
        for person in household.members:
            _paperwork_done(store, person, policy, today)
        made += len(household.members)
        if made >= people:
            break
    return made


def _paperwork_done(store: Store, person: Person, policy: Policy, today: date) -> None:
    person_id = person.id
    if person.a_number and not person.paperwork.eoir33_served:
        saved = form_row(store, person_id)
        if saved is None or not saved["completed_at"]:
            entry = replace(
                prefilled_entry(store, person_id),
                current_street="1520 N Mesa St",
                current_city="El Paso",
                current_state="TX",
                current_zip="79902",
                former_street="Calle Emiliano Zapata 2315",
                former_city="Tijuana",
                signed_on=today,
            )
            save_form(store, COORDINATOR, person_id, entry, Courts("el-paso", "el-paso"))
        mark_served(
            store,
            COORDINATOR,
            person_id,
            server_name="Carmen Ruiz Beltrán",
            opla_office="el-paso",
            served_on=today,
            method="first_class_mail",
        )
    for document in sorted(reopen_documents_missing(person, policy.paperwork)):
        mark_reopen_document(store, COORDINATOR, person_id, document, True)


def bench_roster_pdf(store: Store) -> dict[str, float]:
    day = store.today() + timedelta(days=1)
    admin = Actor("admin", Role.ADMIN)
    policy = store.policy()
    capacity = PortCapacity(PORT, ROSTER_PEOPLE, weekdays_only=False)
    transport = replace(policy.transport, capacities=(capacity,))
    save_site_settings(store, admin, site_name(store), replace(policy, transport=transport))
    for number in range(1, EXTRA_BUSES + 1):
        bus = add_vehicle(store, COORDINATOR, Vehicle(f"Autobús B{number}", 40, 4)).value
        add_trip(store, COORDINATOR, day, PORT, f"{10 + number:02d}:30", bus)
    started = time.perf_counter()
    made = make_ready(store, ROSTER_PEOPLE + 60)
    readying = time.perf_counter() - started
    planned = plan(store, COORDINATOR, day, PORT).value.people
    site = site_name(store)

    def read() -> list[TripSeats]:
        return [(trip, roster(store, trip["id"])) for trip in trips_of(store, day, PORT)]

    render_roster(roster_sheets(site, read()))  # fonts registered, caches warm
    reads, whole, sizes = [], [], []
    for _ in range(SAMPLES):
        started = time.perf_counter()
        trips = read()
        reads.append((time.perf_counter() - started) * 1000)
        pdf = render_roster(roster_sheets(site, trips))
        whole.append((time.perf_counter() - started) * 1000)
        sizes.append(len(pdf))
    return {
        "transport_roster_made_ready": made,
        "transport_roster_made_ready_s": round(readying, 1),
        "transport_roster_people": planned,
        "transport_roster_trips": sum(1 for _, seats in read() if seats),
        "transport_roster_read_ms": round(statistics.median(reads), 0),
        "transport_roster_pdf_ms": round(statistics.median(whole), 0),
        "transport_roster_pdf_kb": round(sizes[-1] / 1000, 0),
    }


def _remove_scratch() -> None:
    for leftover in SCRATCH.parent.glob(SCRATCH.name + "*"):
        leftover.unlink()


def main() -> dict[str, float]:
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    store, built = build_site()
    try:
        figures: dict[str, float] = {"transport_demo_build_100k_s": round(built, 1)}
        figures |= bench_planning(store)
        f = figures
        print(
            f"transport at {BENCH_PEOPLE:,} people (demo built in {built:.1f} s): "
            f"{f['transport_waiting_households']} households waiting "
            f"({f['transport_waiting_people']} people), {f['transport_planned_people']} planned | "
            f"preview_plan p50 {f['transport_preview_plan_ms']:.0f} ms, plan (written) first "
            f"{f['transport_plan_first_ms']:.0f} ms, again p50 "
            f"{f['transport_plan_again_ms']:.0f} ms (target ≤ 1000 ms)"
        )
        figures |= bench_roster_pdf(store)
        print(
            f"transport roster: {f['transport_roster_people']} people on "
            f"{f['transport_roster_trips']} trips (after {f['transport_roster_made_ready']} more "
            f"made ready in {f['transport_roster_made_ready_s']} s) | read from the database "
            f"p50 {f['transport_roster_read_ms']:.0f} ms, read + sheets + PDF p50 "
            f"{f['transport_roster_pdf_ms']:.0f} ms (target ≤ 1000 ms), "
            f"{f['transport_roster_pdf_kb']:.0f} kB"
        )
    finally:
        store.close()
        _remove_scratch()
    figures["transport_bench_seconds"] = round(time.perf_counter() - started, 1)
    return figures


if __name__ == "__main__":
    main()
