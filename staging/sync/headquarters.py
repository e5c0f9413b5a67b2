"""Headquarters: every site's sealed events gathered on one PostgreSQL by PostgreSQL's own
logical replication, so nothing of ours runs on the wire or at headquarters.

Each site hub publishes its `change_event` table filtered to its own site (a desk may have
pushed another site's events there; those are that site's hub's to send) and without `seq`:
each hub numbers the events it received, and headquarters numbers the events it receives. Only
inserts are published; the table is append-only. Headquarters subscribes to each hub and so
holds the same ciphertext as the hubs: it never receives a site key.

Publication and subscription names come from the site name, sanitised to what a replication
slot name allows, so publishing or subscribing again finds what the first call made.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

import psycopg
from psycopg import sql

from staging.errors import Refused, StorageError
from staging.sync.hub import (
    LOCK_NAMESPACE,
    UNDEFINED_TABLE,
    Hub,
    HubNotInitialised,
    HubUnreachable,
    first_line,
    open_connection,
    where_of,
)

MIN_SERVER_VERSION = 150000  # row filters and column lists in publications
PUBLICATION_PREFIX = "staging_site_"
SUBSCRIPTION_PREFIX = "staging_hq_"
SLUG_CHARS = 40  # prefix + slug + "_" + digest stays under PostgreSQL's 63-byte names
DIGEST_CHARS = 8
# Every published column but `seq`.
PUBLISHED_COLUMNS = (
    "event_id",
    "site",
    "device",
    "stamp",
    "entity",
    "key_id",
    "entity_ref",
    "payload",
    "received_at",
)
# Subscriptions are cluster-wide; names are unique within a database.
IN_THIS_DB = "subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
CONNECTION_FAILURE = "08006"  # the headquarters server could not reach the hub


class HeadquartersUnreachable(StorageError):
    """The headquarters server cannot be reached; the sites keep working without it."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(
            f"The headquarters server at {where} cannot be reached; the sites keep working and "
            f"their hubs keep the events until it is back. ({reason})",
            f"No se puede conectar con el servidor de la sede central en {where}; los sitios "
            f"siguen trabajando y sus servidores guardan los cambios hasta que vuelva. ({reason})",
        )


class ReplicationUnsupported(Refused):
    """Row filters and column lists need PostgreSQL 15, and publishing needs logical WAL."""

    def __init__(self, where: str, what_en: str, what_es: str) -> None:
        super().__init__(
            f"The PostgreSQL server at {where} cannot replicate to headquarters: {what_en}.",
            f"El servidor PostgreSQL en {where} no puede replicar a la sede central: {what_es}.",
        )


class NothingPublished(Refused):
    """A subscription to a hub that publishes nothing for the site would stay empty forever."""

    def __init__(self, site: str) -> None:
        super().__init__(
            f"The hub publishes nothing for site {site}: publish the site on its hub first, "
            "then subscribe again.",
            f"El servidor no publica nada del sitio {site}: publique primero el sitio en su "
            "servidor y luego suscríbase de nuevo.",
        )


class NoSiteName(Refused):
    def __init__(self) -> None:
        super().__init__(
            "A site name is needed to replicate it to headquarters.",
            "Se necesita el nombre del sitio para replicarlo a la sede central.",
        )


@dataclass(frozen=True)
class SubscriptionStatus:
    """One site's stream into headquarters, for a status line. While the hub is unreachable
    `running` is false and `last_message_at` None (PostgreSQL keeps retrying on its own);
    `errors` counts events that failed to copy or apply (an event id already held, say), which
    PostgreSQL also retries, stalling that stream until someone looks."""

    name: str
    publications: tuple[str, ...]
    enabled: bool
    running: bool
    last_message_at: datetime | None
    errors: int


def _object_name(prefix: str, site: str) -> str:
    """A name slots accept ([a-z0-9_]); a digest of the exact site name is added when the name
    had to change, so "San José" and "san_jose" do not share one subscription."""
    if not site:
        raise NoSiteName()
    slug = re.sub(r"[^a-z0-9_]+", "_", site.lower()).strip("_")[:SLUG_CHARS]
    if slug == site:
        return prefix + slug
    digest = hashlib.sha256(site.encode()).hexdigest()[:DIGEST_CHARS]
    return prefix + "_".join(part for part in (slug, digest) if part)


def publication_name(site: str) -> str:
    return _object_name(PUBLICATION_PREFIX, site)


def subscription_name(site: str) -> str:
    return _object_name(SUBSCRIPTION_PREFIX, site)


@contextmanager
def _connect(url: str, unreachable: type[StorageError]) -> Iterator[psycopg.Connection]:
    """An autocommit connection (CREATE SUBSCRIPTION refuses a transaction block); a failure
    to connect, or a connection lost, becomes `unreachable`."""
    conn, where = open_connection(url, unreachable)
    with conn:
        if conn.info.server_version < MIN_SERVER_VERSION:
            raise ReplicationUnsupported(
                where,
                "it is older than PostgreSQL 15",
                "es anterior a PostgreSQL 15",
            )
        try:
            yield conn
        except psycopg.OperationalError as exc:
            if exc.sqlstate is None:  # the client's own connection broke
                raise unreachable(where, first_line(exc)) from exc
            raise


def publish_site(hub_url: str, site: str) -> str:
    """Publish the site's own events on its hub; creates the publication or brings it back to
    this definition, so it is safe to run again. Returns the publication's name."""
    name = publication_name(site)
    table = sql.SQL("change_event ({}) WHERE (site = {})").format(
        sql.SQL(", ").join(map(sql.Identifier, PUBLISHED_COLUMNS)), sql.Literal(site)
    )
    with _connect(hub_url, HubUnreachable) as conn:
        wal_level = conn.execute("SHOW wal_level").fetchone()
        if wal_level is None or wal_level[0] != "logical":
            raise ReplicationUnsupported(
                where_of(hub_url),
                "set wal_level = logical in postgresql.conf and restart it",
                "configure wal_level = logical en postgresql.conf y reinícielo",
            )
        try:
            with conn.transaction():
                conn.execute(
                    "SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (LOCK_NAMESPACE, name)
                )
                exists = conn.execute(
                    "SELECT 1 FROM pg_publication WHERE pubname = %s", (name,)
                ).fetchone()
                ident = sql.Identifier(name)
                if exists:
                    conn.execute(sql.SQL("ALTER PUBLICATION {} SET TABLE {}").format(ident, table))
                    conn.execute(
                        sql.SQL("ALTER PUBLICATION {} SET (publish = 'insert')").format(ident)
                    )
                else:
                    conn.execute(
                        sql.SQL(
                            "CREATE PUBLICATION {} FOR TABLE {} WITH (publish = 'insert')"
                        ).format(ident, table)
                    )
        except psycopg.Error as exc:
            if exc.sqlstate == UNDEFINED_TABLE:
                raise HubNotInitialised() from exc
            raise
    return name


def subscribe_headquarters(hq_url: str, hub_url: str, site: str) -> str:
    """Subscribe headquarters to a site hub's publication; `hub_url` is as the headquarters
    server reaches the hub. Runs again safely: an existing subscription gets the hub's new
    address if it moved and is refreshed, so a site published after subscribing is picked up.
    Returns the subscription's name."""
    with Hub.connect(hq_url) as hq:
        hq.init_schema()
    name = subscription_name(site)
    ident = sql.Identifier(name)
    with _connect(hq_url, HeadquartersUnreachable) as conn:
        # A session lock, as CREATE SUBSCRIPTION needs autocommit; closing the connection frees it.
        conn.execute("SELECT pg_advisory_lock(%s, hashtext(%s))", (LOCK_NAMESPACE, name))
        try:
            row = conn.execute(
                f"SELECT subconninfo FROM pg_subscription WHERE subname = %s AND {IN_THIS_DB}",
                (name,),
            ).fetchone()
            if row is None:
                conn.execute(
                    sql.SQL("CREATE SUBSCRIPTION {} CONNECTION {} PUBLICATION {}").format(
                        ident, sql.Literal(hub_url), sql.Identifier(publication_name(site))
                    )
                )
            else:
                if row[0] != hub_url:
                    conn.execute(
                        sql.SQL("ALTER SUBSCRIPTION {} CONNECTION {}").format(
                            ident, sql.Literal(hub_url)
                        )
                    )
                conn.execute(sql.SQL("ALTER SUBSCRIPTION {} REFRESH PUBLICATION").format(ident))
        except psycopg.Error as exc:
            if exc.sqlstate == CONNECTION_FAILURE:
                raise HubUnreachable(where_of(hub_url), first_line(exc)) from exc
            raise
        tables = conn.execute(
            "SELECT count(*) FROM pg_subscription_rel r JOIN pg_subscription s "
            f"ON s.oid = r.srsubid WHERE s.subname = %s AND {IN_THIS_DB}",
            (name,),
        ).fetchone()
    if tables is None or tables[0] == 0:
        raise NothingPublished(site)
    return name


def replication_status(hq_url: str) -> list[SubscriptionStatus]:
    """Each subscription of the headquarters database, by name."""
    with _connect(hq_url, HeadquartersUnreachable) as conn:
        rows = conn.execute(
            "SELECT s.subname, s.subpublications, s.subenabled, w.pid IS NOT NULL, "
            "w.last_msg_receipt_time, "
            "coalesce(e.apply_error_count, 0) + coalesce(e.sync_error_count, 0) "
            "FROM pg_subscription s "
            "LEFT JOIN pg_stat_subscription w ON w.subid = s.oid AND w.relid IS NULL "
            "LEFT JOIN pg_stat_subscription_stats e ON e.subid = s.oid "
            f"WHERE {IN_THIS_DB} ORDER BY s.subname"
        ).fetchall()
    return [
        SubscriptionStatus(name, tuple(pubs), enabled, running, last, int(errors))
        for name, pubs, enabled, running, last, errors in rows
    ]
