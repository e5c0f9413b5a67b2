"""A site as its desk leaves it, and the SQL shell of someone who holds only its data key."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
import pytest
from sqlite_utils import Database

from staging.audit.chain import HASHED_FIELDS, SIGNED_FIELDS
from staging.audit.integrity import SiteAudit
from staging.clock import FrozenClock
from staging.domain import Role
from staging.registration.service import import_registrations
from staging.security.access import Session, add_user, create_site
from staging.security.keyfile import KdfParams
from staging.store.database import connect
from tests.conftest import registration_row, write_registrations

PASSWORD = "a-good-password"
FAST_KDF = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)


@pytest.fixture
def site(tmp_path: Path, clock: FrozenClock) -> Iterator[Session]:
    """An administrator logged in at a site with a coordinator and five people."""
    session = create_site(
        tmp_path / "desk" / "site.db", "admin", PASSWORD, clock=clock, kdf=FAST_KDF
    )
    add_user(session, "carmen", Role.COORDINATOR, PASSWORD, kdf=FAST_KDF)
    rows = [registration_row(n) for n in range(1, 6)]
    import_registrations(
        session.store, session.actor, write_registrations(tmp_path / "list.csv", rows)
    )
    yield session
    session.close()


@contextmanager
def outside(session: Session) -> Iterator[Database]:
    """The database opened with the data key alone (a copied file and a leaked password), as an
    SQL shell would; what is done in it is committed."""
    assert session.store.path is not None
    db = connect(session.store.path, session.key)
    try:
        yield db
        db.conn.commit()
    finally:
        db.close()


def found(audit: SiteAudit, check: str) -> list[str]:
    """The English findings of one check."""
    return [f.words.en for f in audit.findings if f.check == check]


def sha256_of(entry: dict[str, Any]) -> tuple[str | None, str]:
    """A forger's plain hash, as entries were hashed before they were signed."""
    values = [entry[name] for name in HASHED_FIELDS]
    return None, hashlib.sha256(orjson.dumps(values)).hexdigest()


def hmac_under(key_id: str, secret: bytes) -> Callable[[dict[str, Any]], tuple[str, str]]:
    """A forger's HMAC under a key of their own choosing."""

    def sign(entry: dict[str, Any]) -> tuple[str, str]:
        values = [entry[name] for name in SIGNED_FIELDS[:-1]] + [key_id]
        return key_id, hmac.new(secret, orjson.dumps(values), "sha256").hexdigest()

    return sign


def rehash_from(
    db: Database, seq: int, forge: Callable[[dict[str, Any]], tuple[str | None, str]]
) -> int:
    """Recompute the chain from entry `seq` to the end with `forge`, linking each entry to the
    one before, as someone covering an edit would; returns how many entries were rewritten."""
    previous = db.execute("SELECT hash FROM audit_log WHERE seq = ?", [seq - 1]).fetchone()[0]
    cursor = db.execute("SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq", [seq])
    names = [d[0] for d in cursor.description]
    entries = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    for entry in entries:
        entry["prev_hash"] = previous
        entry["mac_key"], entry["hash"] = forge(entry)
        db.execute(
            "UPDATE audit_log SET prev_hash = ?, mac_key = ?, hash = ? WHERE seq = ?",
            [entry["prev_hash"], entry["mac_key"], entry["hash"], entry["seq"]],
        )
        previous = entry["hash"]
    return len(entries)
