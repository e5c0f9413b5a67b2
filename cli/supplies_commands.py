"""Sub-commands `kits` and `places`: the antigen test kits and lots, and the isolation places.

What a screening may use: an expired lot is refused by the core, a manufacturer's extension of
a lot's expiry is honoured.
"""

from __future__ import annotations

import argparse

from cli import medical_flags as flags
from cli.output import EXIT_OK, emit
from staging.errors import NotFound
from staging.rules.screening import KitType
from staging.screening.supplies import (
    add_isolation_place,
    add_kit_lot,
    add_kit_type,
    extend_kit_lot,
    find_lot,
    isolation_places,
    kit_types,
    lot_choices,
)
from staging.security.access import Session
from staging.store.store import Store


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    login: argparse.ArgumentParser,
) -> None:
    """Add `kits` with `list`, `add-type`, `add-lot` and `extend`, and `places` with `list` and
    `add`."""
    kits = commands.add_parser("kits", parents=[common], help="antigen test kits and lots")
    kit_commands = kits.add_subparsers(dest="kits_command", required=True)
    kit_commands.add_parser("list", parents=[login]).set_defaults(medical=cmd_kits_list)
    add_type = kit_commands.add_parser("add-type", parents=[login], help="a kind of kit")
    add_type.set_defaults(medical=cmd_kits_add_type)
    add_type.add_argument("name")
    add_type.add_argument("--read-from", type=flags.minutes, required=True, metavar="MIN")
    add_type.add_argument("--read-until", type=flags.minutes, required=True, metavar="MIN")
    add_type.add_argument(
        "--test-within",
        type=flags.minutes,
        default=60,
        metavar="MIN",
        help="minutes from collection to the kit (default 60)",
    )
    add_lot = kit_commands.add_parser("add-lot", parents=[login], help="a lot of a kit type")
    add_lot.set_defaults(medical=cmd_kits_add_lot)
    add_lot.add_argument("kit_type", metavar="TYPE", help="kit type name or id")
    add_lot.add_argument("lot", metavar="LOT", help="lot number printed on the box")
    add_lot.add_argument(
        "--expires", type=flags.day, required=True, metavar="DATE", help="printed expiry"
    )
    add_lot.add_argument(
        "--extended", type=flags.day, metavar="DATE", help="the manufacturer's extended expiry"
    )
    add_lot.add_argument("--notice", default="", help="the notice that extends it")
    extend = kit_commands.add_parser(
        "extend", parents=[login], help="a manufacturer's extension of a lot's expiry"
    )
    extend.set_defaults(medical=cmd_kits_extend)
    extend.add_argument("lot", metavar="LOT", help="lot number or id")
    extend.add_argument(
        "--until", type=flags.day, required=True, metavar="DATE", help="the extended expiry"
    )
    extend.add_argument("--notice", required=True, help="the notice that extends it")

    places = commands.add_parser("places", parents=[common], help="isolation places")
    place_commands = places.add_subparsers(dest="places_command", required=True)
    place_commands.add_parser("list", parents=[login]).set_defaults(medical=cmd_places_list)
    add_place = place_commands.add_parser("add", parents=[login])
    add_place.set_defaults(medical=cmd_places_add)
    add_place.add_argument("name")
    add_place.add_argument("--address", default="")


def cmd_kits_list(args: argparse.Namespace, session: Session) -> int:
    store = session.store
    today = store.today()
    types = [
        {
            "id": kit_id,
            "name": kit.name,
            "read_from_minutes": kit.read_from_minutes,
            "read_until_minutes": kit.read_until_minutes,
            "test_within_minutes": kit.test_within_minutes,
        }
        for kit_id, kit in kit_types(store)
    ]
    lots = [
        {
            "id": choice.id,
            "kit": choice.lot.kit.name,
            "lot_number": choice.lot.lot_number,
            "expires_on": choice.lot.expires_on.isoformat(),
            "extended_expires_on": flags.iso(choice.lot.extended_expires_on),
            "extension_notice": choice.lot.extension_notice,
            "usable_through": choice.lot.usable_through.isoformat(),
            "expired": choice.lot.usable_through < today,
        }
        for choice in lot_choices(store, today)
    ]

    def human() -> None:
        print("Kit types / Tipos de prueba:")
        for kit in types:
            print(
                f"  {kit['name']:<32} read / leer {kit['read_from_minutes']}–"
                f"{kit['read_until_minutes']} min"
            )
        print("Lots / Lotes:")
        for lot in lots:
            expired = "  EXPIRED / VENCIDO" if lot["expired"] else ""
            extended = " (extended / extendido)" if lot["extended_expires_on"] else ""
            print(
                f"  {lot['lot_number']:<16} {lot['kit']:<32} "
                f"until / hasta {lot['usable_through']}{extended}{expired}"
            )

    emit(args, {"types": types, "lots": lots}, human)
    return EXIT_OK


def cmd_kits_add_type(args: argparse.Namespace, session: Session) -> int:
    kit = KitType(args.name.strip(), args.read_from, args.read_until, args.test_within)
    kit_id = add_kit_type(session.store, session.actor, kit).value
    emit(
        args,
        {"id": kit_id, "name": kit.name},
        lambda: print(f"Kit type added / Tipo de prueba agregado: {kit.name}"),
    )
    return EXIT_OK


def _kit_type_id(store: Store, text: str) -> str:
    """A kit type by its id or its name (any case)."""
    wanted = text.strip().casefold()
    for kit_id, kit in kit_types(store):
        if wanted in (kit_id.casefold(), kit.name.casefold()):
            return kit_id
    raise NotFound(
        f"No kit type {text!r}: list them with `staging-site kits list`",
        f"No existe el tipo de prueba {text!r}: véalos con `staging-site kits list`",
    )


def cmd_kits_add_lot(args: argparse.Namespace, session: Session) -> int:
    store = session.store
    lot_id = add_kit_lot(
        store,
        session.actor,
        _kit_type_id(store, args.kit_type),
        args.lot,
        args.expires,
        args.extended,
        args.notice,
    ).value
    emit(
        args,
        {"id": lot_id, "lot_number": args.lot.strip()},
        lambda: print(f"Lot added / Lote agregado: {args.lot.strip()}"),
    )
    return EXIT_OK


def cmd_kits_extend(args: argparse.Namespace, session: Session) -> int:
    store = session.store
    extend_kit_lot(store, session.actor, find_lot(store, args.lot), args.until, args.notice)
    emit(
        args,
        {"lot_number": args.lot, "extended_expires_on": args.until.isoformat()},
        lambda: print(
            f"Lot {args.lot} usable until / Lote {args.lot} vigente hasta: {args.until:%Y-%m-%d}"
        ),
    )
    return EXIT_OK


def cmd_places_list(args: argparse.Namespace, session: Session) -> int:
    places = isolation_places(session.store)

    def human() -> None:
        if not places:
            print("No isolation places yet / Aún no hay lugares de aislamiento")
        for place in places:
            print(f"  {place['name']:<32} {place['address']}")

    emit(args, places, human)
    return EXIT_OK


def cmd_places_add(args: argparse.Namespace, session: Session) -> int:
    place_id = add_isolation_place(session.store, session.actor, args.name, args.address).value
    emit(
        args,
        {"id": place_id, "name": args.name.strip()},
        lambda: print(f"Place added / Lugar agregado: {args.name.strip()}"),
    )
    return EXIT_OK
