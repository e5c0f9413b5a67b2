"""Vehicles and trips, boarding by scan, closing a trip and the hand-over at the port.

Boarding is the last check before someone leaves the site: a scan of anyone not on this trip is
refused by name, whatever screen or command asked. Closing a trip turns whoever did not board
into a no-show, back in the queue; the arrival at the port ends the journey of those on board.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from staging.changes import Done
from staging.domain import PORTS_BY_CODE
from staging.errors import NotFound, Refused
from staging.intake.queries import resolve_scan
from staging.people import queries
from staging.rules import Action, age_on
from staging.rules.transport import Vehicle
from staging.store.store import Actor, Store, UnitOfWork, require

MASKS = ("own", "provided", "exempt")


def add_vehicle(store: Store, actor: Actor, vehicle: Vehicle) -> Done[str]:
    require(actor, Action.PLAN_TRANSPORT)
    name = vehicle.name.strip()
    if not name:
        raise Refused("Name the vehicle", "Escriba el nombre del vehículo")
    if store.db.execute("SELECT 1 FROM vehicle WHERE name = ?", [name]).fetchone():
        raise Refused(
            f"The vehicle “{name}” is already on the list",
            f"El vehículo «{name}» ya está en la lista",
        )
    return store.run(
        actor,
        Action.PLAN_TRANSPORT,
        lambda work: work.insert(
            "vehicle",
            {
                "name": name,
                "rows": vehicle.rows,
                "seats_per_row": vehicle.seats_per_row,
                "created_at": work.at,
            },
        ),
    )


def add_trip(
    store: Store, actor: Actor, day: date, port: str, departs_at: str, vehicle_id: str
) -> Done[str]:
    """A vehicle leaving for the port at a time; one vehicle makes one trip a day."""
    require(actor, Action.PLAN_TRANSPORT)
    if port not in PORTS_BY_CODE:
        raise Refused(f"Unknown port of entry {port}", f"Puerto de entrada desconocido {port}")
    hours, _, minutes = departs_at.partition(":")
    if not (hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60):
        raise Refused(
            f"“{departs_at}” is not a time: write it as 07:30",
            f"«{departs_at}» no es una hora: escríbala como 07:30",
        )
    if day < store.today():
        raise Refused(
            f"{day:%Y-%m-%d} has passed: plan today or a later day",
            f"{day:%Y-%m-%d} ya pasó: planee hoy o un día posterior",
        )
    if not store.db.execute("SELECT 1 FROM vehicle WHERE id = ?", [vehicle_id]).fetchone():
        raise NotFound(f"No vehicle {vehicle_id}", f"No existe el vehículo {vehicle_id}")
    if store.db.execute(
        "SELECT 1 FROM trip WHERE day = ? AND vehicle_id = ?", [day.isoformat(), vehicle_id]
    ).fetchone():
        raise Refused(
            "That vehicle already makes a trip that day",
            "Ese vehículo ya tiene un viaje ese día",
        )
    return store.run(
        actor,
        Action.PLAN_TRANSPORT,
        lambda work: work.insert(
            "trip",
            {
                "day": day.isoformat(),
                "port": port,
                "departs_at": f"{int(hours):02d}:{int(minutes):02d}",
                "vehicle_id": vehicle_id,
                "created_at": work.at,
            },
        ),
    )


def trip_row(store: Store, trip_id: str) -> dict[str, Any]:
    found = queries.rows(
        store.db,
        "SELECT t.*, v.name AS vehicle FROM trip t JOIN vehicle v ON v.id = t.vehicle_id "
        "WHERE t.id = ?",
        [trip_id],
    )
    if not found:
        raise NotFound(f"No trip {trip_id}", f"No existe el viaje {trip_id}")
    return found[0]


class SplitHousehold(Refused):
    """Closing would leave part of a household behind: said, and confirmed only on purpose."""


@dataclass(frozen=True)
class Boarded:
    person_id: str
    name: str
    seat: str
    mask: str


def board(
    store: Store,
    actor: Actor,
    trip_id: str,
    scanned: str,
    *,
    mask: str,
    instructions_given: bool,
) -> Done[Boarded]:
    """A wristband scanned at the vehicle's door: only someone on this trip boards, masked
    (their own or one handed out; children under 2 exempt) and told CDC's travel instructions."""
    require(actor, Action.BOARD)
    trip = trip_row(store, trip_id)
    if trip["closed_at"]:
        raise Refused("This trip is closed", "Este viaje está cerrado")
    record = resolve_scan(store, scanned)
    if record is None:
        raise NotFound(
            f"Nobody has the code “{scanned.strip()}”", f"Nadie tiene el código «{scanned.strip()}»"
        )
    name = " ".join(
        p
        for p in (record["given_names"], record["paternal_surname"], record["maternal_surname"])
        if p
    )
    entry = queries.rows(
        store.db,
        "SELECT * FROM roster_entry WHERE trip_id = ? AND person_id = ? AND status != 'removed'",
        [trip_id, record["id"]],
    )
    if not entry:
        raise Refused(
            f"STOP: {name} is not on this trip ({trip['vehicle']}, {trip['departs_at']})",
            f"ALTO: {name} no está en este viaje ({trip['vehicle']}, {trip['departs_at']})",
        )
    place = entry[0]
    if place["status"] == "boarded":
        raise Refused(f"{name} has already boarded", f"{name} ya abordó")
    policy = store.policy().transport
    age = age_on(queries.person_from_row(record).date_of_birth, store.today())
    if mask not in MASKS:
        raise Refused("Choose how the mask was worn", "Elija cómo se usa el cubrebocas")
    if mask == "exempt" and (age is None or age >= policy.mask_exempt_under_years):
        raise Refused(
            f"Only children under {policy.mask_exempt_under_years} travel without a mask: "
            "hand one out",
            f"Solo los menores de {policy.mask_exempt_under_years} años viajan sin cubrebocas: "
            "entregue uno",
        )
    if not instructions_given:
        raise Refused(
            "Give the CDC travellers' instructions sheet first",
            "Entregue primero la hoja de instrucciones de los CDC para viajeros",
        )

    def save(work: UnitOfWork) -> Boarded:
        work.insert(
            "boarding",
            {
                "trip_id": trip_id,
                "person_id": record["id"],
                "boarded_at": work.at,
                "boarded_by": work.actor.user,
                "mask": mask,
                "instructions_given": 1,
            },
        )
        work.update(
            "roster_entry", place["id"], {"status": "boarded", "updated_at": work.at}, before=place
        )
        return Boarded(record["id"], name, place["seat"], mask)

    return store.run(actor, Action.BOARD, save)


def close_trip(
    store: Store, actor: Actor, trip_id: str, *, split_confirmed: bool = False
) -> Done[list[str]]:
    """The vehicle leaves: whoever did not board is a no-show, back in the queue.

    A household partly on board would leave split: that is refused, naming whom, unless a
    coordinator confirms it (someone refused to travel, or fell ill at the door).
    """
    require(actor, Action.BOARD)
    trip = trip_row(store, trip_id)
    if trip["closed_at"]:
        raise Refused("This trip is already closed", "Este viaje ya está cerrado")
    entries = queries.rows(
        store.db,
        "SELECT r.*, p.given_names || ' ' || p.paternal_surname AS name FROM roster_entry r "
        "JOIN person p ON p.id = r.person_id WHERE r.trip_id = ? AND r.status != 'removed'",
        [trip_id],
    )
    missing = [entry for entry in entries if entry["status"] == "planned"]
    boarded_households = {e["household_id"] for e in entries if e["status"] == "boarded"}
    left_of_boarded = [e["name"] for e in missing if e["household_id"] in boarded_households]
    if left_of_boarded and not split_confirmed:
        names = ", ".join(left_of_boarded)
        raise SplitHousehold(
            f"A household would leave split: {names} did not board while their family did. "
            "Board them, or confirm that the family travels apart",
            f"Un hogar saldría separado: {names} no abordó y su familia sí. Abórdelos, o "
            "confirme que la familia viaja separada",
        )

    def close(work: UnitOfWork) -> list[str]:
        for entry in missing:
            work.update(
                "roster_entry",
                entry["id"],
                {"status": "no_show", "updated_at": work.at},
                before=entry,
            )
        work.update("trip", trip_id, {"closed_at": work.at})
        return [entry["person_id"] for entry in missing]

    return store.run(actor, Action.BOARD, close)


def record_arrival(store: Store, actor: Actor, trip_id: str) -> Done[int]:
    """Handed over to CBP at the port: the journey of everyone on board ends."""
    require(actor, Action.BOARD)
    trip = trip_row(store, trip_id)
    if not trip["closed_at"]:
        raise Refused(
            "Close the trip (it has left) before recording its arrival",
            "Cierre el viaje (ya salió) antes de registrar su llegada",
        )
    if trip["arrived_at"]:
        raise Refused("Its arrival is already recorded", "Su llegada ya está registrada")
    aboard = store.db.execute(
        "SELECT count(*) FROM roster_entry WHERE trip_id = ? AND status = 'boarded'", [trip_id]
    ).fetchone()[0]

    def arrive(work: UnitOfWork) -> int:
        work.update("trip", trip_id, {"arrived_at": work.at})
        return aboard

    return store.run(actor, Action.BOARD, arrive)


def record_manifest(
    store: Store, actor: Actor, day: date, port: str, file_name: str, people: int
) -> Done[int]:
    """The manifest leaves the site for CBP: like any export, who wrote it, when, for which day
    and how many people it names, in the audit log (its head anchored outside the database)."""
    require(actor, Action.PLAN_TRANSPORT)
    details = {"kind": "cbp_manifest", "day": day.isoformat(), "port": port, "people": people}
    return store.run(
        actor, Action.PLAN_TRANSPORT, lambda work: work.note("export", file_name, details)
    )
