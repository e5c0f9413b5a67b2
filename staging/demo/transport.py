"""The demo site's transport: its vehicles, the port's capacity, yesterday's trip to the port and
the people ready for tomorrow's.

Planned without a database or a clock from the generator's dice, as the medical journal is;
`staging.demo.build` records it through the transport operations on the days it happened. The
story shows a journey's end and gives the planner something to fill:

- a few households arrived two days ago, were cleared and had their forms served, and left on
  yesterday's bus, boarded by scanning their wristbands; one household did not come to the bus
  (a no-show, back in the queue); the bus reached the port and handed the others to CBP;
- more households arrived yesterday, were cleared and had their forms served: with today's
  ready arrivals they fill tomorrow's trips (the bus at 07:30, the van at 10:00), which the
  demo adds and leaves to the coordinator to plan.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from staging.demo.medical import Dice, Household
from staging.rules import age_on
from staging.rules.transport import PortCapacity, TransportPolicy, Vehicle

BUS = Vehicle("Autobús 1", rows=12, seats_per_row=4)
VAN = Vehicle("Van 2", rows=5, seats_per_row=3)
VEHICLES = (BUS, VAN)
TOMORROWS_TRIPS = ((BUS.name, "07:30"), (VAN.name, "10:00"))  # (vehicle, departure)
DELIVERED_TRIP = (BUS.name, "08:00")  # yesterday's, first thing in the morning

TRAVELLED_ARRIVED = 2  # days ago: the households on yesterday's trip arrived then
TRAVEL_DAY = 1  # days ago
WAITING_ARRIVED = 1  # days ago: ready since, waiting for tomorrow's trips
TRAVELLING_HOUSEHOLDS = 3  # on yesterday's bus, one of them the no-show
# Arrived yesterday (households as the site has to spare, about this many people): with
# today's ready arrivals, more than the bus seats.
WAITING_PEOPLE = 20
ON_THE_ROAD_STEPS = 40  # minutes from the site to the port's hand-over
_PROVIDED_MASK = 0.4  # of travellers old enough to wear one: the rest wore their own

# The port's daily capacity as DHS set it, ramping up around the demo's day as El Paso's did
# in 2021 (25 → 50 → 100). Every day of the week: a demo opened on a Friday still plans
# tomorrow (the weekdays-only rule is a policy setting the administrator can switch on).
_RAMP = ((-7, 50), (14, 100))  # (days from today, people a day from then on)
_FIRST_CAPACITY = 25


def demo_transport_policy(today: date, port: str) -> TransportPolicy:
    """The default seating (every other row closed, a seat between households) and the
    site's port receiving 25 a day, 50 since a week ago, 100 in two weeks."""
    ramp = tuple(((today + timedelta(days=days)).isoformat(), figure) for days, figure in _RAMP)
    capacity = PortCapacity(port, _FIRST_CAPACITY, weekdays_only=False, from_dates=ramp)
    return TransportPolicy(capacities=(capacity,))


@dataclass(frozen=True)
class TransportStory:
    """Registration ids by household: who left on yesterday's trip (with the no-show
    household among them) and who waits for tomorrow's; the mask each traveller wore."""

    travelled: tuple[tuple[str, ...], ...] = ()
    no_show: tuple[str, ...] = ()
    waiting: tuple[tuple[str, ...], ...] = ()
    masks: Mapping[str, str] = field(default_factory=dict)


def plan_transport(
    dice: Dice, candidates: Sequence[Household], today: date, history_days: int
) -> tuple[TransportStory, dict[int, list[Household]]]:
    """The story, from verified households that have not arrived (in the order given), and
    the households it brings to the site: days ago → households that arrived and were cleared
    that day (the medical journal and the paperwork desk record them). None arrived before
    the journal's first day (`history_days` ago)."""
    if history_days < TRAVELLED_ARRIVED:
        return TransportStory(), {}
    # Each on a row of its own, so that all of yesterday's travellers sit on the bus.
    travelled = [h for h in candidates if len(h.rows) <= BUS.seats_per_row][:TRAVELLING_HOUSEHOLDS]
    leaving = {_ids(h) for h in travelled}
    waiting: list[Household] = []
    for household in candidates:
        if sum(len(h.rows) for h in waiting) >= WAITING_PEOPLE:
            break
        if _ids(household) not in leaving:
            waiting.append(household)
    travel_day = today - timedelta(days=TRAVEL_DAY)
    masks = {
        row["registration_id"]: _mask(dice, row, travel_day)
        for household in travelled
        for row in household.rows
    }
    story = TransportStory(
        travelled=tuple(_ids(h) for h in travelled),
        no_show=_ids(travelled[-1]) if len(travelled) > 1 else (),
        waiting=tuple(_ids(h) for h in waiting),
        masks=masks,
    )
    return story, {TRAVELLED_ARRIVED: travelled, WAITING_ARRIVED: waiting}


def _ids(household: Household) -> tuple[str, ...]:
    return tuple(row["registration_id"] for row in household.rows)


def _mask(dice: Dice, row: dict[str, str], day: date) -> str:
    """Children under 2 travel without one; others wore their own or one handed out."""
    age = age_on(date.fromisoformat(row["date_of_birth"]), day)
    if age is not None and age < TransportPolicy().mask_exempt_under_years:
        return "exempt"
    return "provided" if dice.chance(_PROVIDED_MASK) else "own"
