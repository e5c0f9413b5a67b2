"""The site hub's store: PostgreSQL holding sealed change events, devices and audit anchors.

The hub is a laptop or small server on the site's Wi-Fi, so it is trusted with routing only:
it keeps `SealedEvent`s as they came (payloads it cannot open) and hands them out in the order
it received them. A desk's cursor is the last `seq` it pulled; pushes of one site are
serialised so that sequence numbers become visible in order and a cursor never skips an event
committed late. The event table is append-only and refuses a revoked device's events, both
enforced by the hub's own triggers, whatever client connects.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType

import psycopg
from psycopg.conninfo import conninfo_to_dict

from staging.errors import Refused, StorageError
from staging.sync.envelope import SealedEvent

CONNECT_TIMEOUT_S = 10
# Keys of the transaction-level advisory locks (first half: "staging hub").
LOCK_NAMESPACE = 0x5354_4742
LOCK_SCHEMA = 0
# SQLSTATEs raised by the hub's triggers.
APPEND_ONLY = "SDAPP"
REVOKED = "SDREV"
UNDEFINED_TABLE = "42P01"

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS site (
    site text PRIMARY KEY,
    name text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS device (
    site text NOT NULL,
    device text NOT NULL,
    enrolled_at timestamptz,
    revoked_at timestamptz,
    PRIMARY KEY (site, device)
);
ALTER TABLE device ADD COLUMN IF NOT EXISTS public_key text;
CREATE TABLE IF NOT EXISTS key_grant (
    site text NOT NULL,
    device text NOT NULL,
    key_id text NOT NULL,
    sealed text NOT NULL,
    granted_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (site, device, key_id)
);
CREATE TABLE IF NOT EXISTS change_event (
    seq bigserial PRIMARY KEY,
    event_id text UNIQUE NOT NULL,
    site text NOT NULL,
    device text NOT NULL,
    stamp text NOT NULL,
    entity text NOT NULL,
    key_id text NOT NULL,
    entity_ref text NOT NULL,
    payload bytea NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS change_event_site_seq ON change_event (site, seq);
CREATE TABLE IF NOT EXISTS anchor (
    site text NOT NULL,
    device text NOT NULL,
    seq bigint NOT NULL,
    head text NOT NULL,
    at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (site, device)
);

CREATE OR REPLACE FUNCTION change_event_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'change_event is append-only: % refused', TG_OP
        USING ERRCODE = '{APPEND_ONLY}';
END $$;
CREATE OR REPLACE TRIGGER change_event_append_only
    BEFORE UPDATE OR DELETE ON change_event
    FOR EACH ROW EXECUTE FUNCTION change_event_append_only();
CREATE OR REPLACE TRIGGER change_event_no_truncate
    BEFORE TRUNCATE ON change_event
    FOR EACH STATEMENT EXECUTE FUNCTION change_event_append_only();

CREATE OR REPLACE FUNCTION change_event_from_enrolled() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM device
        WHERE site = NEW.site AND device = NEW.device AND revoked_at IS NOT NULL
    ) THEN
        RAISE EXCEPTION 'device % of site % is revoked', NEW.device, NEW.site
            USING ERRCODE = '{REVOKED}', DETAIL = NEW.device;
    END IF;
    RETURN NEW;
END $$;
CREATE OR REPLACE TRIGGER change_event_from_enrolled
    BEFORE INSERT ON change_event
    FOR EACH ROW EXECUTE FUNCTION change_event_from_enrolled();
"""

COLUMNS = "event_id, site, device, stamp, entity, key_id, entity_ref, payload"
INCOMING = """
CREATE TEMP TABLE incoming (
    ord integer NOT NULL,
    event_id text NOT NULL,
    site text NOT NULL,
    device text NOT NULL,
    stamp text NOT NULL,
    entity text NOT NULL,
    key_id text NOT NULL,
    entity_ref text NOT NULL,
    payload bytea NOT NULL
) ON COMMIT DROP
"""
INCOMING_TYPES = ("int4", "text", "text", "text", "text", "text", "text", "text", "bytea")


class HubUnreachable(StorageError):
    """The hub cannot be reached (network, address, TLS, credentials) or the connection broke:
    nothing of the interrupted call was stored, and the desk keeps working on its own."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(
            f"The sync hub at {where} cannot be reached; the desk keeps working offline and "
            f"will sync later. ({reason})",
            f"No se puede conectar con el servidor de sincronización en {where}; el equipo "
            f"sigue trabajando sin conexión y sincronizará más tarde. ({reason})",
        )


class HubNotInitialised(StorageError):
    def __init__(self) -> None:
        super().__init__(
            "The sync hub has no tables yet: an administrator runs `staging-site hub init` first.",
            "El servidor de sincronización aún no tiene tablas: un administrador debe ejecutar "
            "primero `staging-site hub init`.",
        )


class HubRefused(StorageError):
    """The hub answered but refused (its role lacks a permission, a disk full there): said
    as the hub said it; nothing of the call was stored."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(
            f"The sync hub at {where} refused the request ({reason}); nothing was stored. "
            "Tell the hub's administrator.",
            f"El servidor de sincronización en {where} rechazó la solicitud ({reason}); no se "
            "guardó nada. Avise al administrador del servidor.",
        )


class DeviceRevoked(Refused):
    """A lost or retired laptop's events are refused, so a thief cannot write to the site."""

    def __init__(self, device: str) -> None:
        super().__init__(
            f"Desk {device} has been revoked at this site's hub: its changes are no longer "
            "accepted and none of this batch was stored.",
            f"El equipo {device} fue revocado en el servidor de este sitio: ya no se aceptan "
            "sus cambios y no se guardó nada de este lote.",
        )


class AnchorRewound(Refused):
    """An audit chain anchored further along, or with another head at the same point, has been
    rewritten: the hub keeps the anchor it has."""

    def __init__(self, device: str, seq: int) -> None:
        super().__init__(
            f"Desk {device}'s audit chain does not continue the one anchored at the hub "
            f"(entry {seq} or later): the anchor was not moved.",
            f"La cadena de auditoría del equipo {device} no continúa la anclada en el servidor "
            f"(entrada {seq} o posterior): el ancla no se movió.",
        )


@dataclass(frozen=True)
class Desk:
    """A desk as the hub knows it."""

    device: str
    public_key: str | None
    enrolled_at: datetime | None
    revoked_at: datetime | None


@dataclass(frozen=True)
class Anchor:
    """The audit chain head a device last anchored at the hub."""

    seq: int
    head: str
    at: datetime


def where_of(url: str) -> str:
    """Host and port of a connection string, never its password."""
    try:
        params = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "?"
    host = params.get("host") or params.get("hostaddr") or "localhost"
    return f"{host}:{params.get('port') or 5432}"


def first_line(exc: psycopg.Error) -> str:
    """libpq's first line says what failed (refused, timed out, TLS, password)."""
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def open_connection(url: str, unreachable: type[StorageError]) -> tuple[psycopg.Connection, str]:
    """An autocommit connection to a hub or headquarters server, and where it is (host:port,
    never the password); a URL that does not parse or a server out of reach is `unreachable`."""
    where = where_of(url)
    try:
        params = conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:
        raise unreachable(where, first_line(exc)) from exc
    params.setdefault("connect_timeout", str(CONNECT_TIMEOUT_S))
    params.setdefault("application_name", "staging-desk")
    try:
        return psycopg.connect(**params, autocommit=True), where
    except psycopg.Error as exc:
        raise unreachable(where, first_line(exc)) from exc


class Hub:
    """A connection to a site hub. TLS, credentials and timeouts come from the URL (`sslmode`,
    `sslrootcert`, …) as libpq reads them."""

    def __init__(self, conn: psycopg.Connection, where: str) -> None:
        self._conn = conn
        self._where = where

    @classmethod
    def connect(cls, url: str) -> Hub:
        conn, where = open_connection(url, HubUnreachable)
        return cls(conn, where)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Hub:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[psycopg.Cursor]:
        """One transaction; the hub's refusals and a lost connection become `UserError`s."""
        try:
            with self._conn.transaction(), self._conn.cursor() as cur:
                yield cur
        except psycopg.OperationalError as exc:
            raise HubUnreachable(self._where, first_line(exc)) from exc
        except psycopg.Error as exc:
            if exc.sqlstate == REVOKED:
                raise DeviceRevoked(exc.diag.message_detail or "?") from exc
            if exc.sqlstate == UNDEFINED_TABLE:
                raise HubNotInitialised() from exc
            raise HubRefused(self._where, first_line(exc)) from exc

    def init_schema(self) -> None:
        """Create what is missing; safe to run again, and from two desks at once."""
        with self._transaction() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s, %s)", (LOCK_NAMESPACE, LOCK_SCHEMA))
            cur.execute(SCHEMA)

    def register_site(self, site: str, name: str) -> None:
        with self._transaction() as cur:
            cur.execute(
                "INSERT INTO site (site, name) VALUES (%s, %s) "
                "ON CONFLICT (site) DO UPDATE SET name = EXCLUDED.name",
                (site, name),
            )

    def register_device(self, site: str, device: str, public_key: str | None = None) -> None:
        """Enrol a desk with the public key new site keys are sealed to; a revoked desk stays
        revoked (re-enrolling does not pardon it)."""
        with self._transaction() as cur:
            cur.execute(
                "INSERT INTO device (site, device, enrolled_at, public_key) "
                "VALUES (%s, %s, now(), %s) ON CONFLICT (site, device) DO UPDATE "
                "SET public_key = EXCLUDED.public_key "
                "WHERE device.public_key IS NULL",
                (site, device, public_key),
            )

    def desks(self, site: str) -> list[Desk]:
        """The site's desks, enrolled first."""
        with self._transaction() as cur:
            cur.execute(
                "SELECT device, public_key, enrolled_at, revoked_at FROM device "
                "WHERE site = %s ORDER BY enrolled_at NULLS LAST, device",
                (site,),
            )
            return [Desk(*row) for row in cur]

    def grant_keys(self, site: str, key_id: str, grants: Mapping[str, str]) -> None:
        """Store a key generation sealed to each desk (`grants`: device → sealed text)."""
        with self._transaction() as cur:
            cur.executemany(
                "INSERT INTO key_grant (site, device, key_id, sealed) VALUES (%s, %s, %s, %s) "
                "ON CONFLICT DO NOTHING",
                [(site, device, key_id, sealed) for device, sealed in grants.items()],
            )

    def grants(self, site: str, device: str) -> list[tuple[str, str]]:
        """(key id, sealed keys) given to this desk, oldest first."""
        with self._transaction() as cur:
            cur.execute(
                "SELECT key_id, sealed FROM key_grant WHERE site = %s AND device = %s "
                "ORDER BY granted_at, key_id",
                (site, device),
            )
            return list(cur)

    def lacking(self, site: str, key_id: str) -> list[tuple[str, str]]:
        """(device, public key) of the desks not revoked that have not been given `key_id`."""
        with self._transaction() as cur:
            cur.execute(
                "SELECT d.device, d.public_key FROM device d WHERE d.site = %s "
                "AND d.revoked_at IS NULL AND d.public_key IS NOT NULL AND NOT EXISTS ("
                "SELECT 1 FROM key_grant g WHERE g.site = d.site AND g.device = d.device "
                "AND g.key_id = %s)",
                (site, key_id),
            )
            return list(cur)

    def revoke_device(self, site: str, device: str) -> None:
        """From now on the hub refuses this desk's events, even if it was never enrolled."""
        with self._transaction() as cur:
            cur.execute(
                "INSERT INTO device (site, device, revoked_at) VALUES (%s, %s, now()) "
                "ON CONFLICT (site, device) "
                "DO UPDATE SET revoked_at = coalesce(device.revoked_at, EXCLUDED.revoked_at)",
                (site, device),
            )

    def push(self, events: Sequence[SealedEvent]) -> int:
        """Store the events not stored yet, all or none; how many were new.

        Delivery is at least once (a desk re-sends what it is not sure arrived), made exactly
        once by the event id. The batch is copied into a temporary table and inserted in one
        statement, in the order given.
        """
        if not events:
            return 0
        with self._transaction() as cur:
            for site in sorted({event.site for event in events}):
                cur.execute(
                    "SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (LOCK_NAMESPACE, site)
                )
            cur.execute(INCOMING)
            with cur.copy(f"COPY incoming (ord, {COLUMNS}) FROM STDIN (FORMAT BINARY)") as copy:
                copy.set_types(INCOMING_TYPES)
                for ord_, event in enumerate(events):
                    copy.write_row(
                        (
                            ord_,
                            event.event_id,
                            event.site,
                            event.device,
                            event.stamp,
                            event.entity,
                            event.key_id,
                            event.entity_ref,
                            event.payload,
                        )
                    )
            cur.execute(
                f"INSERT INTO change_event ({COLUMNS}) SELECT {COLUMNS} FROM incoming "
                "ORDER BY ord ON CONFLICT (event_id) DO NOTHING"
            )
            return cur.rowcount

    def pull(
        self, site: str, after_seq: int, limit: int, exclude_device: str | None = None
    ) -> list[tuple[int, SealedEvent]]:
        """The site's events received after `after_seq`, oldest first, at most `limit`;
        `exclude_device` leaves out a desk's own events."""
        if limit <= 0:
            raise ValueError("limit must be positive")
        with self._transaction() as cur:
            cur.execute(
                f"SELECT seq, {COLUMNS} FROM change_event "
                "WHERE site = %s AND seq > %s AND device IS DISTINCT FROM %s "
                "ORDER BY seq LIMIT %s",
                (site, after_seq, exclude_device, limit),
                binary=True,  # payloads as bytes, not hex text: a third faster for a join
            )
            return [(row[0], SealedEvent(*row[1:])) for row in cur]

    def anchor(self, site: str, device: str, seq: int, head: str) -> None:
        """Record the head of a device's audit chain; refuses one that does not move forward,
        so a desk cannot rewrite the history it has already anchored."""
        with self._transaction() as cur:
            cur.execute(
                "INSERT INTO anchor (site, device, seq, head) VALUES (%s, %s, %s, %s) "
                "ON CONFLICT (site, device) DO UPDATE "
                "SET seq = EXCLUDED.seq, head = EXCLUDED.head, at = now() "
                "WHERE anchor.seq < EXCLUDED.seq "
                "OR (anchor.seq = EXCLUDED.seq AND anchor.head = EXCLUDED.head)",
                (site, device, seq, head),
            )
            if cur.rowcount == 0:
                raise AnchorRewound(device, seq)

    def anchor_of(self, site: str, device: str) -> Anchor | None:
        with self._transaction() as cur:
            cur.execute(
                "SELECT seq, head, at FROM anchor WHERE site = %s AND device = %s", (site, device)
            )
            row = cur.fetchone()
        return None if row is None else Anchor(*row)
