"""The site's medical lists: antigen kit types (each with its own read window), their lots
(printed expiry and any manufacturer's extension, with the notice it comes from) and the
places where people isolate. Screeners pick from these lists; nothing is typed per test.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from staging.changes import Done
from staging.errors import NotFound, Refused
from staging.people.queries import rows
from staging.rules import Action
from staging.rules.screening import KitLot, KitType
from staging.store.store import Actor, Store, require

# Presets from the kits' instructions for use (seed/covid-2021-rules-sources.md).
KNOWN_KITS: tuple[KitType, ...] = (
    KitType("BinaxNOW COVID-19 Ag Card", read_from_minutes=15, read_until_minutes=30),
    KitType("CareStart COVID-19 Antigen", read_from_minutes=10, read_until_minutes=15),
)


@dataclass(frozen=True)
class LotChoice:
    """A lot as the screening form lists it."""

    id: str
    lot: KitLot

    @property
    def label(self) -> str:
        return f"{self.lot.kit.name} · {self.lot.lot_number} · {self.lot.usable_through:%Y-%m-%d}"


def add_kit_type(store: Store, actor: Actor, kit: KitType) -> Done[str]:
    require(actor, Action.MANAGE_MEDICAL_SUPPLIES)
    name = kit.name.strip()
    if not name:
        raise Refused("Name the kit type", "Escriba el nombre del tipo de prueba")
    if store.db.execute("SELECT 1 FROM kit_type WHERE name = ?", [name]).fetchone():
        raise Refused(
            f"The kit type “{name}” is already on the list",
            f"El tipo de prueba «{name}» ya está en la lista",
        )
    return store.run(
        actor,
        Action.MANAGE_MEDICAL_SUPPLIES,
        lambda work: work.insert(
            "kit_type",
            {
                "name": name,
                "read_from_minutes": kit.read_from_minutes,
                "read_until_minutes": kit.read_until_minutes,
                "test_within_minutes": kit.test_within_minutes,
                "created_at": work.at,
            },
        ),
    )


def add_kit_lot(
    store: Store,
    actor: Actor,
    kit_type_id: str,
    lot_number: str,
    expires_on: date,
    extended_expires_on: date | None = None,
    extension_notice: str = "",
) -> Done[str]:
    """A lot as printed on its box; an extension must name the notice it comes from."""
    require(actor, Action.MANAGE_MEDICAL_SUPPLIES)
    lot_number = lot_number.strip()
    notice = extension_notice.strip()
    if not lot_number:
        raise Refused("Enter the lot number printed on the box", "Ingrese el número de lote")
    kit_type(store, kit_type_id)
    if extended_expires_on is not None:
        if extended_expires_on <= expires_on:
            raise Refused(
                "An extended expiry must be later than the printed one",
                "La fecha de vencimiento extendida debe ser posterior a la impresa",
            )
        if not notice:
            raise Refused(
                "Name the manufacturer's notice that extends this lot (e.g. Abbott's letter "
                "and its date)",
                "Indique el aviso del fabricante que extiende este lote (p. ej. la carta de "
                "Abbott y su fecha)",
            )
    exists = store.db.execute(
        "SELECT 1 FROM kit_lot WHERE kit_type_id = ? AND lot_number = ?", [kit_type_id, lot_number]
    ).fetchone()
    if exists:
        raise Refused(
            f"Lot {lot_number} is already on the list", f"El lote {lot_number} ya está en la lista"
        )
    return store.run(
        actor,
        Action.MANAGE_MEDICAL_SUPPLIES,
        lambda work: work.insert(
            "kit_lot",
            {
                "kit_type_id": kit_type_id,
                "lot_number": lot_number,
                "expires_on": expires_on.isoformat(),
                "extended_expires_on": extended_expires_on.isoformat()
                if extended_expires_on
                else None,
                "extension_notice": notice,
                "created_at": work.at,
            },
        ),
    )


def extend_kit_lot(
    store: Store, actor: Actor, lot_id: str, extended_expires_on: date, notice: str
) -> Done[bool]:
    """FDA extended BinaxNOW lots in 2021: the box keeps its date, the notice moves it."""
    require(actor, Action.MANAGE_MEDICAL_SUPPLIES)
    lot = kit_lot(store, lot_id)
    if extended_expires_on <= lot.expires_on:
        raise Refused(
            "An extended expiry must be later than the printed one",
            "La fecha de vencimiento extendida debe ser posterior a la impresa",
        )
    if not notice.strip():
        raise Refused(
            "Name the manufacturer's notice that extends this lot",
            "Indique el aviso del fabricante que extiende este lote",
        )
    return store.run(
        actor,
        Action.MANAGE_MEDICAL_SUPPLIES,
        lambda work: work.update(
            "kit_lot",
            lot_id,
            {
                "extended_expires_on": extended_expires_on.isoformat(),
                "extension_notice": notice.strip(),
            },
        ),
    )


def add_isolation_place(store: Store, actor: Actor, name: str, address: str = "") -> Done[str]:
    require(actor, Action.MANAGE_MEDICAL_SUPPLIES)
    name = name.strip()
    if not name:
        raise Refused("Name the place", "Escriba el nombre del lugar")
    if store.db.execute("SELECT 1 FROM isolation_place WHERE name = ?", [name]).fetchone():
        raise Refused(
            f"“{name}” is already on the list", f"«{name}» ya está en la lista de lugares"
        )
    return store.run(
        actor,
        Action.MANAGE_MEDICAL_SUPPLIES,
        lambda work: work.insert(
            "isolation_place", {"name": name, "address": address.strip(), "created_at": work.at}
        ),
    )


# --- reading -----------------------------------------------------------------------------------


def _kit_from(row: dict[str, Any]) -> KitType:
    return KitType(
        row["name"], row["read_from_minutes"], row["read_until_minutes"], row["test_within_minutes"]
    )


def kit_type(store: Store, kit_type_id: str) -> KitType:
    found = rows(store.db, "SELECT * FROM kit_type WHERE id = ?", [kit_type_id])
    if not found:
        raise NotFound(f"No kit type {kit_type_id}", f"No existe el tipo de prueba {kit_type_id}")
    return _kit_from(found[0])


def _lot_from(row: dict[str, Any]) -> KitLot:
    extended = row["extended_expires_on"]
    return KitLot(
        kit=_kit_from(row),
        lot_number=row["lot_number"],
        expires_on=date.fromisoformat(row["expires_on"]),
        extended_expires_on=date.fromisoformat(extended) if extended else None,
        extension_notice=row["extension_notice"],
    )


_LOTS = (
    "SELECT l.*, t.name, t.read_from_minutes, t.read_until_minutes, t.test_within_minutes "
    "FROM kit_lot l JOIN kit_type t ON t.id = l.kit_type_id"
)


def kit_lot(store: Store, lot_id: str) -> KitLot:
    found = rows(store.db, f"{_LOTS} WHERE l.id = ?", [lot_id])
    if not found:
        raise NotFound(f"No kit lot {lot_id}", f"No existe el lote {lot_id}")
    return _lot_from(found[0])


def kit_types(store: Store) -> list[tuple[str, KitType]]:
    return [
        (row["id"], _kit_from(row))
        for row in rows(store.db, "SELECT * FROM kit_type WHERE active ORDER BY name")
    ]


def lot_choices(store: Store, today: date | None = None) -> list[LotChoice]:
    """Active lots, those usable `today` first (soonest to expire first, to use them up)."""
    choices = [
        LotChoice(row["id"], _lot_from(row))
        for row in rows(store.db, f"{_LOTS} WHERE l.active AND t.active ORDER BY t.name")
    ]
    if today is None:
        return choices
    return sorted(choices, key=lambda c: (c.lot.usable_through < today, c.lot.usable_through))


def find_lot(store: Store, text: str) -> str:
    """A lot by its id or its number (as the CLI and a scanner give it)."""
    found = rows(
        store.db, "SELECT id FROM kit_lot WHERE id = ? OR lot_number = ?", [text.strip()] * 2
    )
    if len(found) != 1:
        raise NotFound(
            f"No single kit lot “{text}”: list them with `staging-site kits list`",
            f"No hay un único lote «{text}»: véalos con `staging-site kits list`",
        )
    return str(found[0]["id"])


def isolation_places(store: Store) -> list[dict[str, Any]]:
    return rows(
        store.db, "SELECT id, name, address FROM isolation_place WHERE active ORDER BY name"
    )


def find_place(store: Store, text: str) -> str:
    found = rows(
        store.db, "SELECT id FROM isolation_place WHERE id = ? OR name = ?", [text.strip()] * 2
    )
    if len(found) != 1:
        raise NotFound(
            f"No isolation place “{text}”", f"No existe el lugar de aislamiento «{text}»"
        )
    return str(found[0]["id"])
