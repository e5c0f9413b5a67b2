"""Audit-chain heads kept outside the database, so entries cut off its end do not go unseen.

A chain whose last entries were deleted is still a valid chain, so the database alone cannot
show it. An anchor records one entry (its seq, hash and signing key) in a file beside the
database: each backup's manifest (`<backup>.manifest`), and `<database>.audit-anchor`, the head
after the last export or backup (the events that let data leave the site) and after the chain's
first signed entry. `check_anchors` proves each anchored entry is still in the chain as it was.
(The hub will hold the same heads once desks sync.)
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from staging.errors import StorageError
from staging.files import write_private
from staging.vocabulary import Words

ANCHOR_FORMAT = 1
MANIFEST_SUFFIX = ".manifest"

# Events after which the head is anchored: data leaves the site, and a later deletion of the
# entry saying so must not go unseen even with no backup since.
LEAVES_THE_SITE = frozenset({"export", "backup", "enrollment"})


@dataclass(frozen=True)
class Anchor:
    """Entry `seq` of the chain of the database whose device id is `device` had `hash`."""

    device: str
    seq: int
    hash: str
    mac_key: str | None
    created_at: str

    def as_json(self) -> dict[str, Any]:
        return {
            "format": ANCHOR_FORMAT,
            "created_at": self.created_at,
            "device": self.device,
            "audit_head": {"seq": self.seq, "hash": self.hash, "mac_key": self.mac_key},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Anchor:
        head = data["audit_head"]
        created_at = str(data["created_at"])
        _moment(created_at)  # a time that cannot be read is a damaged anchor, said as such
        return cls(
            str(data["device"]),
            int(head["seq"]),
            str(head["hash"]),
            None if head["mac_key"] is None else str(head["mac_key"]),
            created_at,
        )


def anchor_path(database: Path) -> Path:
    return database.with_name(database.name + ".audit-anchor")


def manifest_path(backup: Path) -> Path:
    return backup.with_name(backup.name + MANIFEST_SUFFIX)


def entry_anchor(db: Database, seq: int, device: str, created_at: str) -> Anchor:
    """An anchor of the entry `seq` as it stands in the database."""
    row = db.execute("SELECT hash, mac_key FROM audit_log WHERE seq = ?", [seq]).fetchone()
    if row is None:
        raise ValueError(f"no audit entry {seq} to anchor")
    return Anchor(device, seq, row[0], row[1], created_at)


def write_anchor(path: Path, anchor: Anchor, details: Mapping[str, Any] | None = None) -> None:
    """Write (or replace) the file in one step, readable by this account only."""
    text = json.dumps({**anchor.as_json(), **(details or {})}, ensure_ascii=False, indent=1)
    try:
        write_private(path, text.encode("utf-8"))
    except OSError as error:
        raise StorageError(
            f"Cannot write the audit anchor {path} ({error})",
            f"No se puede escribir el ancla de auditoría {path} ({error})",
        ) from error


def read_anchor(path: Path) -> Anchor:
    """Raises `ValueError` (or `OSError`) for a file that is not a readable anchor."""
    try:
        return Anchor.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (KeyError, TypeError) as error:
        raise ValueError(f"missing or wrong field {error}") from error


def anchor_files(database: Path | None, folders: Iterable[Path]) -> list[Path]:
    """The database's own anchor and every backup manifest in `folders` (missing ones skipped)."""
    found: list[Path] = []
    if database is not None and anchor_path(database).is_file():
        found.append(anchor_path(database))
    for folder in dict.fromkeys(Path(f) for f in folders):
        if folder.is_dir():
            found += sorted(p for p in folder.glob("*" + MANIFEST_SUFFIX) if p.is_file())
    return found


@dataclass(frozen=True)
class AnchorCheck:
    """`checked` anchors were compared; `superseded` predate a restore that replaced the
    history they anchor; `other_sites` belong to another database and were left alone."""

    checked: int
    superseded: int
    other_sites: int
    findings: list[Words]


def check_anchors(
    db: Database, device: str, files: Iterable[Path], keys: Mapping[str, bytes]
) -> AnchorCheck:
    """Each anchored entry must still be in the chain, with the same hash.

    An anchor made before a restore (recorded by a restore entry signed with a key held here)
    at or before its entry is superseded, not broken: the restore replaced that history.
    """
    last = db.execute("SELECT coalesce(max(seq), 0) FROM audit_log").fetchone()[0]
    restores = [
        (seq, _moment(at))
        for seq, at, key_id in db.execute(
            "SELECT seq, at, mac_key FROM audit_log WHERE entity = 'restore' "
            "AND action LIKE '%:event' ORDER BY seq"
        )
        if key_id in keys
    ]
    checked = superseded = other_sites = 0
    findings: list[Words] = []
    for path in files:
        try:
            anchor = read_anchor(path)
        except (OSError, ValueError) as error:
            findings.append(
                Words(
                    f"The audit anchor {path} cannot be read ({error})",
                    f"No se puede leer el ancla de auditoría {path} ({error})",
                )
            )
            continue
        if anchor.device != device:
            other_sites += 1
            continue
        row = db.execute("SELECT hash FROM audit_log WHERE seq = ?", [anchor.seq]).fetchone()
        if row is not None and row[0] == anchor.hash:
            checked += 1
            continue
        made = _moment(anchor.created_at)
        if any(seq <= anchor.seq and at >= made for seq, at in restores):
            superseded += 1
            continue
        checked += 1
        if row is None:
            findings.append(_cut_off(path, anchor, last))
        else:
            findings.append(
                Words(
                    f"Audit entry {anchor.seq} is not the one anchored in {path} "
                    f"({anchor.created_at}): the chain up to it was rewritten",
                    f"La entrada de auditoría {anchor.seq} no es la anclada en {path} "
                    f"({anchor.created_at}): la cadena hasta ella se reescribió",
                )
            )
    return AnchorCheck(checked, superseded, other_sites, findings)


def _cut_off(path: Path, anchor: Anchor, last: int) -> Words:
    return Words(
        f"The audit log ends at entry {last}, but {path} ({anchor.created_at}) anchors entry "
        f"{anchor.seq}: entries were deleted from the end, from entry {last + 1} on",
        f"El registro de auditoría termina en la entrada {last}, pero {path} "
        f"({anchor.created_at}) ancla la entrada {anchor.seq}: se borraron entradas del final, "
        f"desde la {last + 1}",
    )


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text)
