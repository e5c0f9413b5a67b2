"""Sub-commands for transport to the port of entry: `roster` (plan a day, print its roster, write
its manifest for CBP), `trip` (add, close, arrived), `vehicle add` and `board`.

For sites working without the desk app, or printing a day's papers from a script. Who travels,
in which seat, and who may do what are the core's; these commands resolve what was typed, hand
it over and say what was written. Without `--date` a command means tomorrow in the site's time
zone, without `--port` the site's port. The roster and the manifest hold people's names and
A-numbers: they are written owner-only and never over an existing file.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from cli import medical_flags as flags
from cli.output import EXIT_OK, EXIT_REJECTED, EXIT_USAGE, emit, fail
from forms.roster.build import TripSeats, manifest_rows, roster_sheets, travelling
from forms.roster.pdf import render_roster
from staging.domain import PORTS_BY_CODE, Person
from staging.errors import NotFound, Refused
from staging.files import create_private, write_private
from staging.people import queries
from staging.rules import Action
from staging.rules.transport import DayPlan, Vehicle, effective_seats
from staging.security.access import Session
from staging.site.settings import site_name
from staging.store.store import Store, require
from staging.transport.manifest import manifest_csv, manifest_json
from staging.transport.operations import (
    MASKS,
    add_trip,
    add_vehicle,
    board,
    close_trip,
    record_arrival,
    record_manifest,
    trip_row,
)
from staging.transport.planning import plan, trips_of, waiting_households
from staging.transport.queries import roster, trip_counts, vehicles
from staging.vocabulary import bilingual_label, label

ROSTER_COMMAND, TRIP_COMMAND, VEHICLE_COMMAND, BOARD_COMMAND = "roster", "trip", "vehicle", "board"
Command = Callable[[argparse.Namespace, Session], int]
MANIFEST_SUFFIXES = (".csv", ".json")


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    login: argparse.ArgumentParser,
) -> dict[str, Command]:
    """Add `roster`, `trip`, `vehicle` and `board`; returns their runners."""
    rosters = commands.add_parser(
        ROSTER_COMMAND, parents=[common], help="plan a day's trips to the port, print them"
    )
    roster_commands = rosters.add_subparsers(dest="roster_command", required=True)
    planning = roster_commands.add_parser(
        "plan", parents=[login], help="fill the day's trips from the ready people, and say why not"
    )
    _day_and_port(planning)
    printing = roster_commands.add_parser(
        "pdf", parents=[login], help="the roster of the day's trips, as planned, a new PDF file"
    )
    _day_and_port(printing)
    printing.add_argument("--out", type=Path, required=True, metavar="FILE")
    manifest = roster_commands.add_parser(
        "manifest", parents=[login], help="the manifest for CBP, a new .csv or .json file"
    )
    _day_and_port(manifest)
    manifest.add_argument("--out", type=Path, required=True, metavar="FILE.csv|FILE.json")

    trips = commands.add_parser(TRIP_COMMAND, parents=[common], help="a trip to the port")
    trip_commands = trips.add_subparsers(dest="trip_command", required=True)
    adding = trip_commands.add_parser("add", parents=[login], help="a vehicle leaving at a time")
    _day_and_port(adding)
    adding.add_argument("--at", required=True, metavar="HH:MM", help="departure, site time")
    adding.add_argument("--vehicle", required=True, metavar="NAME")
    closing = trip_commands.add_parser(
        "close", parents=[login], help="the vehicle has left: whoever did not board is a no-show"
    )
    closing.add_argument("trip", metavar="TRIP", help="the trip's id")
    closing.add_argument(
        "--confirm-split",
        action="store_true",
        help="close even though part of a household did not board (the family travels apart)",
    )
    arrived = trip_commands.add_parser(
        "arrived", parents=[login], help="handed over to CBP at the port"
    )
    arrived.add_argument("trip", metavar="TRIP", help="the trip's id")

    fleet = commands.add_parser(VEHICLE_COMMAND, parents=[common], help="the site's vehicles")
    vehicle_commands = fleet.add_subparsers(dest="vehicle_command", required=True)
    vehicle = vehicle_commands.add_parser("add", parents=[login], help="a vehicle's rows of seats")
    vehicle.add_argument("name", metavar="NAME")
    vehicle.add_argument("--rows", type=_count, required=True, help="rows of seats")
    vehicle.add_argument("--seats", type=_count, required=True, help="seats in each row")

    boarding = commands.add_parser(
        BOARD_COMMAND, parents=[login], help="board a person by their wristband (a scan)"
    )
    boarding.add_argument("trip", metavar="TRIP", help="the trip's id")
    boarding.add_argument("code", metavar="CODE", help=flags.PERSON_HELP)
    boarding.add_argument("--mask", required=True, choices=MASKS, help="own, provided or exempt")
    boarding.add_argument(
        "--instructions",
        action="store_true",
        help="CDC's travellers' instructions sheet given",
    )
    return TRANSPORT_COMMANDS


def _day_and_port(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--date", type=flags.day, metavar="YYYY-MM-DD", help="default: tomorrow at the site"
    )
    parser.add_argument(
        "--port", choices=sorted(PORTS_BY_CODE), help="port of entry; default: the site's"
    )


def _count(text: str) -> int:
    if not text.strip().isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a number / {text!r} no es un número")
    return int(text)


def _day(args: argparse.Namespace, store: Store) -> date:
    return args.date or store.today() + timedelta(days=1)


def _port(args: argparse.Namespace, store: Store) -> str:
    return args.port or store.policy().site.port_of_entry


def _day_trips(store: Store, day: date, port: str) -> list[TripSeats]:
    """The day's trips to the port by departure, each with its seats."""
    return [(trip, roster(store, trip["id"])) for trip in trips_of(store, day, port)]


# --- roster ---------------------------------------------------------------------------------------


def cmd_roster(args: argparse.Namespace, session: Session) -> int:
    if args.roster_command == "plan":
        return _plan(args, session)
    if args.roster_command == "pdf":
        return _pdf(args, session)
    return _manifest(args, session)


def _plan(args: argparse.Namespace, session: Session) -> int:
    store = session.store
    day, port = _day(args, store), _port(args, store)
    result = plan(store, session.actor, day, port).value
    trips = _day_trips(store, day, port)
    known = {
        person.id: (person, waiting.household_external_id)
        for waiting in waiting_households(store, day)
        for person in waiting.members
    }
    data = {
        "day": day.isoformat(),
        "port": port,
        "capacity": result.capacity,
        "planned": result.people,
        "trips": [_trip_data(trip, seats) for trip, seats in trips],
        "not_planned": [
            {
                **_person_data(*known[left.person]),
                "reasons": [_words_data(reason) for reason in left.reasons],
            }
            for left in result.left
        ],
        "notes": [note._asdict() for note in result.notes],
    }
    emit(args, data, lambda: _print_plan(day, port, result, trips, known))
    return EXIT_OK


def _trip_data(trip: dict[str, Any], seats: Sequence[Any]) -> dict[str, Any]:
    return {
        "trip_id": trip["id"],
        "departs_at": trip["departs_at"],
        "vehicle": trip["vehicle"],
        "closed": bool(trip["closed_at"]),
        "people": [
            {
                "seat": seat.seat,
                **_person_data(seat.person, seat.household_external_id),
                "status": seat.status,
                "locked": seat.locked,
            }
            for seat in seats
        ],
    }


def _person_data(person: Person, household: str | None) -> dict[str, Any]:
    return {
        "person_id": person.id,
        "registration_id": person.registration_id,
        "name": person.full_name,
        "household": household,
    }


def _words_data(code: str) -> dict[str, str]:
    return {"code": str(code), "en": label(code, "en"), "es": label(code, "es")}


def _print_plan(
    day: date,
    port: str,
    result: DayPlan,
    trips: list[TripSeats],
    known: dict[str, tuple[Person, str | None]],
) -> None:
    print(
        f"{day:%Y-%m-%d} → {PORTS_BY_CODE[port].name} ({port}): {result.people} planned of "
        f"{result.capacity} the port receives / {result.people} planeadas de {result.capacity} "
        "que recibe el puerto"
    )
    for trip, seats in trips:
        closed = "  (closed / cerrado)" if trip["closed_at"] else ""
        print(f"\n{trip['departs_at']}  {trip['vehicle']}  [{trip['id']}]{closed}")
        if not seats:
            print("  nobody / nadie")
        for seat in seats:
            status = "" if seat.status == "planned" else f"  ({bilingual_label(seat.status)})"
            lock = "  (locked / fijado)" if seat.locked else ""
            print(
                f"  {seat.seat:>4}  {seat.person.full_name}  ({seat.person.registration_id})  "
                f"{seat.household_external_id or '—'}{status}{lock}"
            )
    if result.left:
        print("\nNot planned / Sin viaje:")
    for left in result.left:
        person, household = known[left.person]
        reasons = "; ".join(bilingual_label(reason) for reason in left.reasons)
        print(f"  {household or '—'}  {person.full_name}  ({person.registration_id}): {reasons}")
    for note in result.notes:
        print(f"\n{note.both()}")


def _pdf(args: argparse.Namespace, session: Session) -> int:
    store = session.store
    require(session.actor, Action.PLAN_TRANSPORT)  # the roster carries everyone's A-number
    day, port = _day(args, store), _port(args, store)
    _refuse_existing(args.out)
    trips = _day_trips(store, day, port)
    sheets = roster_sheets(site_name(store), trips)
    if not sheets:
        raise _nobody(day, port)
    written = _write_new(args, args.out, render_roster(sheets))
    if written != EXIT_OK:
        return written
    on_board = [(trip, travelling(seats)) for trip, seats in trips if travelling(seats)]
    data = {
        "pdf": str(args.out),
        "day": day.isoformat(),
        "port": port,
        "people": sum(len(seats) for _, seats in on_board),
        "without_band": sum(1 for _, seats in on_board for seat in seats if not seat.band_code),
        "trips": [
            {
                "trip_id": trip["id"],
                "departs_at": trip["departs_at"],
                "vehicle": trip["vehicle"],
                "people": len(seats),
            }
            for trip, seats in on_board
        ],
    }

    def human() -> None:
        print(f"Roster / Lista de pasajeros: {args.out}")
        for trip in data["trips"]:
            print(f"  {trip['departs_at']}  {trip['vehicle']}: {trip['people']} people / personas")
        if data["without_band"]:
            print(
                f"  {data['without_band']} without a wristband (no QR code) / sin brazalete "
                "(sin código QR)"
            )

    emit(args, data, human)
    return EXIT_OK


def _manifest(args: argparse.Namespace, session: Session) -> int:
    store = session.store
    require(session.actor, Action.PLAN_TRANSPORT)
    suffix = args.out.suffix.lower()
    if suffix not in MANIFEST_SUFFIXES:
        return fail(
            args,
            f"The manifest is a .csv or a .json file, not {args.out.name}",
            f"El manifiesto es un archivo .csv o .json, no {args.out.name}",
            EXIT_USAGE,
        )
    day, port = _day(args, store), _port(args, store)
    _refuse_existing(args.out)
    rows = manifest_rows(_day_trips(store, day, port))
    if not rows:
        raise _nobody(day, port)
    if suffix == ".csv":
        content = manifest_csv(rows)
    else:
        content = manifest_json(rows, site_name(store), port, day, store.clock.now())
    written = _write_new(args, args.out, content)
    if written != EXIT_OK:
        return written
    record_manifest(store, session.actor, day, port, args.out.name, len(rows))
    data = {"manifest": str(args.out), "day": day.isoformat(), "port": port, "people": len(rows)}
    emit(
        args,
        data,
        lambda: print(
            f"Manifest for CBP / Manifiesto para CBP: {args.out} ({len(rows)} people / personas)"
        ),
    )
    return EXIT_OK


def _nobody(day: date, port: str) -> Refused:
    return Refused(
        f"Nobody travels to {port} on {day:%Y-%m-%d}: plan the day first (roster plan)",
        f"Nadie viaja a {port} el {day:%Y-%m-%d}: primero planee el día (roster plan)",
    )


def _exists(target: Path) -> Refused:
    return Refused(
        f"{target} already exists: choose a new file name (it is never overwritten)",
        f"{target} ya existe: elija un nombre de archivo nuevo (nunca se sobrescribe)",
    )


def _refuse_existing(target: Path) -> None:
    """Before the work of making the file: a name already taken is refused at once."""
    if target.exists():
        raise _exists(target)


def _write_new(args: argparse.Namespace, target: Path, content: bytes) -> int:
    try:
        create_private(target)  # claimed first: a file made meanwhile is not replaced
        write_private(target, content)
    except FileExistsError as error:
        raise _exists(target) from error
    except OSError as error:
        return fail(
            args,
            f"Could not write {target}: {error}",
            f"No se pudo escribir {target}: {error}",
            EXIT_REJECTED,
        )
    return EXIT_OK


# --- trips, vehicles, boarding -------------------------------------------------------------------


def cmd_trip(args: argparse.Namespace, session: Session) -> int:
    if args.trip_command == "add":
        return _add_trip(args, session)
    if args.trip_command == "close":
        return _close_trip(args, session)
    return _arrived(args, session)


def _add_trip(args: argparse.Namespace, session: Session) -> int:
    store = session.store
    day, port = _day(args, store), _port(args, store)
    by_name = {vehicle["name"]: vehicle for vehicle in vehicles(store)}
    vehicle = by_name.get(args.vehicle.strip())
    if vehicle is None:
        names = ", ".join(by_name) or "—"
        raise NotFound(
            f"No vehicle named “{args.vehicle}” (the site has: {names})",
            f"No hay un vehículo llamado «{args.vehicle}» (el sitio tiene: {names})",
        )
    trip_id = add_trip(store, session.actor, day, port, args.at, vehicle["id"]).value
    trip = trip_row(store, trip_id)
    data = {
        "trip_id": trip_id,
        "day": trip["day"],
        "port": port,
        "departs_at": trip["departs_at"],
        "vehicle": trip["vehicle"],
    }
    emit(
        args,
        data,
        lambda: print(
            f"Trip / Viaje {trip_id}: {trip['day']} {trip['departs_at']}, {trip['vehicle']} → "
            f"{PORTS_BY_CODE[port].name} ({port})"
        ),
    )
    return EXIT_OK


def _close_trip(args: argparse.Namespace, session: Session) -> int:
    store = session.store
    missing = close_trip(store, session.actor, args.trip, split_confirmed=args.confirm_split).value
    people = [queries.person_from_row(queries.find_person(store, p)) for p in missing]
    data = {
        "trip_id": args.trip,
        "no_shows": [
            {"person_id": p.id, "registration_id": p.registration_id, "name": p.full_name}
            for p in people
        ],
    }

    def human() -> None:
        print(
            f"Trip closed / Viaje cerrado: {len(people)} no-show(s), back in the queue / "
            f"{len(people)} no se presentaron, de vuelta en la fila"
        )
        for person in people:
            print(f"  {person.full_name}  ({person.registration_id})")

    emit(args, data, human)
    return EXIT_OK


def _arrived(args: argparse.Namespace, session: Session) -> int:
    delivered = record_arrival(session.store, session.actor, args.trip).value
    emit(
        args,
        {"trip_id": args.trip, "delivered": delivered},
        lambda: print(f"Handed over to CBP / Entregadas a CBP: {delivered} people / personas"),
    )
    return EXIT_OK


def cmd_vehicle(args: argparse.Namespace, session: Session) -> int:
    store = session.store
    vehicle = Vehicle(args.name.strip(), args.rows, args.seats)
    vehicle_id = add_vehicle(store, session.actor, vehicle).value
    seats = effective_seats(vehicle, store.policy().transport)
    data = {
        "vehicle_id": vehicle_id,
        "name": vehicle.name,
        "rows": vehicle.rows,
        "seats_per_row": vehicle.seats_per_row,
        "seats_with_distancing": seats,
    }
    emit(
        args,
        data,
        lambda: print(
            f"Vehicle / Vehículo {vehicle.name}: {vehicle.rows} × {vehicle.seats_per_row}, "
            f"at most {seats} with distancing / como máximo {seats} con distanciamiento"
        ),
    )
    return EXIT_OK


def cmd_board(args: argparse.Namespace, session: Session) -> int:
    store = session.store
    boarded = board(
        store,
        session.actor,
        args.trip,
        args.code,
        mask=args.mask,
        instructions_given=args.instructions,
    ).value
    aboard, expected = trip_counts(store, args.trip)
    data = {
        "trip_id": args.trip,
        "person_id": boarded.person_id,
        "name": boarded.name,
        "seat": boarded.seat,
        "mask": boarded.mask,
        "boarded": aboard,
        "expected": expected,
    }
    emit(
        args,
        data,
        lambda: print(
            f"Boarded / A bordo: {boarded.name}, seat / asiento {boarded.seat}, "
            f"{bilingual_label(boarded.mask)}  ({aboard} / {expected})"
        ),
    )
    return EXIT_OK


TRANSPORT_COMMANDS: dict[str, Command] = {
    ROSTER_COMMAND: cmd_roster,
    TRIP_COMMAND: cmd_trip,
    VEHICLE_COMMAND: cmd_vehicle,
    BOARD_COMMAND: cmd_board,
}
