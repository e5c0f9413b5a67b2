"""Is the site still what the app wrote? Everything `audit verify` checks.

1. The audit chain: every entry signed and linked (`staging.audit.chain`).
2. The data tables against the audit log: every change the app makes is in the log with its
   values, so replaying the log gives the rows as the app left them; a row changed, added or
   deleted with an SQL shell shows up as a difference, even with the chain intact. A person
   imported from a list is logged compactly (`staging.audit.formats`, format 2): the key
   fields, and a digest of the whole row as imported, which the row must still match once
   the app's own later edits are set back.
3. The change log against the audit log: one change per data change and per event, numbered
   without gaps (sync pushes the change log: a deleted change never reaches the hub).
4. The search index against the people: a person missing from it can no longer be found.
5. The schema against what the migrations make: a trigger, table or view added outside the app
   could change data behind the write path's back.
6. Anchors kept outside the database (`staging.audit.anchors`): entries cut off the end.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from sqlite_utils import Database

from staging.audit.anchors import AnchorCheck, anchor_files, check_anchors
from staging.audit.chain import ChainReport, verify_chain
from staging.audit.formats import COMPACT_IMPORT, SECRET_SHOWN, entry_format, row_digest
from staging.backup import automatic_backup_folder
from staging.people.queries import audit_entries
from staging.store.database import connect
from staging.store.migrations import migrations
from staging.store.store import Store
from staging.store.tables import TABLES
from staging.vocabulary import Words

MAX_REPORTED = 20

# The parts of an FTS5 table that FTS5 itself makes and names after it.
FTS5_SHADOW_SUFFIXES = ("_data", "_idx", "_content", "_docsize", "_config")
# What each check is called where its findings are listed.
CHECK_NAMES = {
    "chain": Words("audit log", "registro de auditoría"),
    "data": Words("data", "datos"),
    "change_log": Words("change log", "registro de cambios"),
    "search": Words("search index", "índice de búsqueda"),
    "schema": Words("schema", "esquema"),
    "anchors": Words("anchors", "anclas"),
}
SCHEMA_WORDS = {
    "table": Words("table", "tabla"),
    "index": Words("index", "índice"),
    "view": Words("view", "vista"),
    "trigger": Words("trigger", "disparador"),
}


@dataclass(frozen=True)
class Finding:
    """One sign of tampering, said in both languages; `check` names the check that found it."""

    check: str  # "chain", "data", "change_log", "search", "schema", "anchors"
    words: Words


@dataclass(frozen=True)
class Difference:
    table: str
    entity_id: str
    kind: str  # "changed", "changed_since_import", "added", "deleted"
    column: str = ""
    logged: Any = None
    found: Any = None
    # Where a compactly logged row came from: the file's row number and the import batch.
    source_row: int | None = None
    batch: str = ""

    def describe(self) -> str:
        return self.words().en

    def words(self) -> Words:
        if self.kind == "changed":
            return Words(
                f"{self.table} {self.entity_id}: {self.column} is {self.found!r} but the audit "
                f"log last wrote {self.logged!r}",
                f"{self.table} {self.entity_id}: {self.column} es {self.found!r} pero el "
                f"registro de auditoría escribió {self.logged!r}",
            )
        if self.kind == "changed_since_import":
            return Words(
                f"{self.table} {self.entity_id}: a value changed since the import (row "
                f"{self.source_row} of import {self.batch}): the row no longer matches the "
                "digest the audit log recorded",
                f"{self.table} {self.entity_id}: un valor cambió desde la importación (fila "
                f"{self.source_row} de la importación {self.batch}): la fila ya no coincide "
                "con el resumen que guardó el registro de auditoría",
            )
        if self.kind == "added":
            return Words(
                f"{self.table} {self.entity_id}: row is not in the audit log (added outside)",
                f"{self.table} {self.entity_id}: la fila no está en el registro de auditoría "
                "(agregada por fuera)",
            )
        return Words(
            f"{self.table} {self.entity_id}: row in the audit log is missing (deleted outside)",
            f"{self.table} {self.entity_id}: falta una fila del registro de auditoría (borrada "
            "por fuera)",
        )


@dataclass
class _Logged:
    """A row as the audit log has it: the values written (format 1: all of them; after a
    compact insert: its key fields, and the columns edited since), and for a compact insert
    the digest of the row as imported with the value each edited column had then."""

    values: dict[str, Any]
    compact: dict[str, Any] | None = None
    imported: dict[str, Any] | None = None  # column → its value at the import, once edited


def _replayed(db: Database, table: str) -> dict[str, _Logged]:
    rows: dict[str, _Logged] = {}
    cursor = db.execute(
        "SELECT entity_id, action, before, after FROM audit_log WHERE entity = ? ORDER BY seq",
        [table],
    )
    for entity_id, action, before, after in cursor:
        op = action.rsplit(":", 1)[-1]
        if op == "insert":
            values = orjson.loads(after)
            if entry_format(values) == COMPACT_IMPORT:
                rows[entity_id] = _Logged(dict(values["keys"]), values, {})
            else:
                rows[entity_id] = _Logged(values)
        elif op == "update":
            logged = rows.setdefault(entity_id, _Logged({}))
            logged.values.update(orjson.loads(after))
            if logged.imported is not None and before is not None:
                for column, value in orjson.loads(before).items():
                    logged.imported.setdefault(column, value)
        elif op == "delete":
            rows.pop(entity_id, None)
    return rows


def _table_differences(db: Database, table: str) -> Iterator[Difference]:
    logged = _replayed(db, table)
    key = TABLES[table].key
    cursor = db.execute(f"SELECT * FROM {table}")
    columns = [d[0] for d in cursor.description]
    for values in cursor:
        row = dict(zip(columns, values, strict=True))
        entity_id = str(row[key])
        expected = logged.pop(entity_id, None)
        if expected is None:
            yield Difference(table, entity_id, "added")
            continue
        changed = []
        for column, value in expected.values.items():
            if column in row and row[column] != value and value != SECRET_SHOWN:
                changed.append(column)
                yield Difference(table, entity_id, "changed", column, value, row[column])
        if expected.compact is not None:
            difference = _since_import(table, entity_id, row, expected, changed)
            if difference is not None:
                yield difference
    for entity_id in logged:
        yield Difference(table, entity_id, "deleted")


def _since_import(
    table: str, entity_id: str, row: dict[str, Any], logged: _Logged, named: list[str]
) -> Difference | None:
    """A compactly logged row against its digest: the row as imported is the row now with the
    app's later edits set back to the values they replaced, and the differences already named
    set back to what the log says; anything still unlike the digest changed outside the app."""
    compact, imported = logged.compact, logged.imported
    assert compact is not None and imported is not None
    version = dict(row)
    for column in named:
        version[column] = logged.values[column]
    version.update((column, value) for column, value in imported.items() if column in version)
    if row_digest(table, version) == compact["digest"]:
        return None
    return Difference(
        table,
        entity_id,
        "changed_since_import",
        source_row=compact["source_row"],
        batch=compact["batch"],
    )


def data_differences(db: Database, limit: int = MAX_REPORTED) -> list[Difference]:
    """Up to `limit` differences between the data tables and the audit log, table by table."""
    found: list[Difference] = []
    for table in sorted(TABLES):
        for difference in _table_differences(db, table):
            found.append(difference)
            if len(found) >= limit:
                return found
    return found


# --- the change log -------------------------------------------------------------------------


def change_log_findings(db: Database) -> Iterator[Words]:
    """Each change points at an audit entry about the same record and operation; each data
    change, and each event since entries are signed, has its change; no change is missing."""
    for seq, op, entity, entity_id, audit_seq, action in db.execute(
        "SELECT c.seq, c.op, c.entity, c.entity_id, a.seq, a.action FROM change_log c "
        "LEFT JOIN audit_log a ON a.id = c.audit_id "
        "WHERE a.id IS NULL OR a.entity != c.entity OR a.entity_id != c.entity_id "
        "OR a.action NOT LIKE '%:' || c.op ORDER BY c.seq"
    ):
        what = f"{op} {entity} {entity_id}"
        if audit_seq is None:
            yield Words(
                f"Change {seq} ({what}) has no audit entry: the entry was deleted",
                f"El cambio {seq} ({what}) no tiene entrada de auditoría: se borró la entrada",
            )
        else:
            yield Words(
                f"Change {seq} ({what}) does not match its audit entry {audit_seq} ({action})",
                f"El cambio {seq} ({what}) no corresponde a su entrada de auditoría "
                f"{audit_seq} ({action})",
            )
    for seq, times in db.execute(
        "SELECT min(seq), count(*) FROM change_log GROUP BY audit_id HAVING count(*) > 1 "
        "ORDER BY min(seq)"
    ):
        yield Words(
            f"Change {seq} appears {times} times: copies were added outside the app",
            f"El cambio {seq} aparece {times} veces: se agregaron copias fuera de la aplicación",
        )
    for seq, action, entity, entity_id in db.execute(
        "SELECT a.seq, a.action, a.entity, a.entity_id FROM audit_log a "
        "LEFT JOIN change_log c ON c.audit_id = a.id "
        "WHERE c.id IS NULL AND (a.action NOT LIKE '%:event' OR a.mac_key IS NOT NULL) "
        "ORDER BY a.seq"
    ):
        yield Words(
            f"Audit entry {seq} ({action} {entity} {entity_id}) has no change-log row: "
            "it was deleted, and sync would never send this change",
            f"La entrada de auditoría {seq} ({action} {entity} {entity_id}) no tiene fila en el "
            "registro de cambios: se borró, y la sincronización nunca enviaría este cambio",
        )
    for first, last in db.execute(
        "SELECT prev + 1, seq - 1 FROM (SELECT seq, lag(seq, 1, 0) OVER (ORDER BY seq) AS prev "
        "FROM change_log) WHERE seq != prev + 1"
    ):
        if first == last:
            yield Words(
                f"Change {first} is missing from the change log",
                f"Falta el cambio {first} en el registro de cambios",
            )
        else:
            yield Words(
                f"Changes {first}..{last} are missing from the change log",
                f"Faltan los cambios {first}..{last} en el registro de cambios",
            )


# --- the search index -----------------------------------------------------------------------


def search_index_findings(store: Store) -> Iterator[Words]:
    """FTS5's own check compares the index with the people; when it fails, the people missing
    from the index (whom search no longer finds) are named from the index's vocabulary."""
    problem = store.search_index_problem()
    if problem is None:
        return
    yield Words(
        f"The search index does not match the people ({problem}): it was changed outside the app",
        f"El índice de búsqueda no coincide con las personas ({problem}): se cambió fuera de la "
        "aplicación",
    )
    conn = store.db.conn
    conn.execute(
        "CREATE VIRTUAL TABLE temp.audit_search_terms USING fts5vocab(main, person_search, "
        "instance)"
    )
    try:
        missing = conn.execute(
            "SELECT registration_id, given_names, paternal_surname, maternal_surname FROM person "
            "WHERE rowid NOT IN (SELECT doc FROM temp.audit_search_terms) ORDER BY registration_id"
        ).fetchall()
        strays = conn.execute(
            "SELECT count(DISTINCT doc) FROM temp.audit_search_terms "
            "WHERE doc NOT IN (SELECT rowid FROM person)"
        ).fetchone()[0]
    finally:
        conn.execute("DROP TABLE temp.audit_search_terms")
    for registration_id, *names in missing:
        name = " ".join(n for n in names if n)
        yield Words(
            f"{registration_id} {name} cannot be found by search: missing from the search index",
            f"{registration_id} {name} no aparece al buscar: falta en el índice de búsqueda",
        )
    if strays:
        yield Words(
            f"The search index holds {strays} entries for people who do not exist",
            f"El índice de búsqueda tiene {strays} entradas de personas que no existen",
        )


# --- the schema -----------------------------------------------------------------------------


def _schema(db: Database) -> dict[str, tuple[str, str | None]]:
    """name → (type, sql) of what the database holds besides SQLite's and sqlite-utils' own
    bookkeeping. FTS5 writes its tables' SQL itself (it may vary between SQLite versions), so
    only their presence counts."""
    rows = db.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
        "AND name != '_sqlite_migrations'"
    ).fetchall()
    fts5 = [name for kind, name, sql in rows if kind == "table" and _is_fts5(sql)]
    shadows = {table + suffix for table in fts5 for suffix in FTS5_SHADOW_SUFFIXES}
    return {name: (kind, None if name in shadows else sql) for kind, name, sql in rows}


def _is_fts5(sql: str | None) -> bool:
    return bool(sql) and "USING FTS5" in " ".join(str(sql).upper().split())


def expected_schema() -> dict[str, tuple[str, str | None]]:
    """What the migrations make, on a new database in memory."""
    db = connect(":memory:", None)
    try:
        migrations.apply(db)
        return _schema(db)
    finally:
        db.close()


def schema_findings(db: Database) -> Iterator[Words]:
    expected, found = expected_schema(), _schema(db)
    for name in sorted(expected.keys() | found.keys()):
        kind, sql = found.get(name) or expected[name]
        what = SCHEMA_WORDS[kind]
        if name not in found:
            yield Words(
                f"The {what.en} {name} that the app made is missing",
                f"Falta el objeto ({what.es}) {name} que creó la aplicación",
            )
        elif name not in expected:
            yield Words(
                f"Unexpected {what.en} {name}, not made by the app: {sql}",
                f"Objeto inesperado ({what.es}) {name}, no lo creó la aplicación: {sql}",
            )
        elif found[name] != expected[name]:
            yield Words(
                f"The {what.en} {name} was changed outside the app: {sql}",
                f"El objeto ({what.es}) {name} se cambió fuera de la aplicación: {sql}",
            )


# --- the whole check ------------------------------------------------------------------------


@dataclass(frozen=True)
class SiteAudit:
    """The whole check `audit verify` reports. `findings` holds every sign of tampering, the
    chain's and the data differences included; `unverified` says what could not be checked
    here (entries signed by desk keys this user does not hold)."""

    chain: ChainReport
    differences: list[Difference]
    findings: list[Finding]
    anchors: AnchorCheck

    @property
    def unverified(self) -> list[Words]:
        return [
            Words(
                f"{count} audit entries cannot be verified here: signed by desk key {key_id}, "
                "which this user does not hold",
                f"{count} entradas de auditoría no se pueden verificar aquí: firmadas con la "
                f"clave del equipo {key_id}, que este usuario no tiene",
            )
            for key_id, count in sorted(self.chain.unverified.items())
        ]

    @property
    def intact(self) -> bool:
        return not self.findings and not self.chain.unverified


def audit_site(
    store: Store,
    keys: Mapping[str, bytes],
    anchor_folders: Iterable[Path] = (),
    site_key_ids: Collection[str] = (),
) -> SiteAudit:
    """Every check, with the audit keys this user holds (`Session.audit_keys()`).

    Anchors are read beside the database, in its automatic-backup folder and in
    `anchor_folders` (a USB stick with manual backups). `site_key_ids` are the desk keys the
    site's key file knows: an entry signed by any other key was not written by one of its desks.
    """
    db = store.db
    chain = verify_chain(audit_entries(db), keys)
    differences = data_differences(db)
    findings: list[Finding] = []
    if chain.first_broken_seq is not None and chain.reason is not None:
        findings.append(
            Finding(
                "chain",
                Words(
                    f"Audit entry {chain.first_broken_seq}: {chain.reason.en}",
                    f"Entrada de auditoría {chain.first_broken_seq}: {chain.reason.es}",
                ),
            )
        )
    findings += [Finding("data", difference.words()) for difference in differences]
    findings += [
        Finding(
            "chain",
            Words(
                f"{count} audit entries are signed with the key {key_id}, which no desk of"
                " this site was ever given: they were written outside the app",
                f"{count} entradas de auditoría están firmadas con la clave {key_id}, que"
                " ningún equipo de este sitio recibió: se escribieron fuera de la aplicación",
            ),
        )
        for key_id, count in sorted(chain.unverified.items())
        if site_key_ids and key_id not in site_key_ids
    ]
    findings += _capped("change_log", change_log_findings(db))
    findings += _capped("search", search_index_findings(store))
    findings += _capped("schema", schema_findings(db))
    folders = [*([automatic_backup_folder(store.path)] if store.path else []), *anchor_folders]
    anchors = check_anchors(db, store.device_id, anchor_files(store.path, folders), keys)
    findings += _capped("anchors", iter(anchors.findings))
    return SiteAudit(chain, differences, findings, anchors)


def _capped(check: str, found: Iterator[Words], limit: int = MAX_REPORTED) -> list[Finding]:
    """At most `limit` findings of one check, and how many more there were."""
    kept = [Finding(check, words) for _, words in zip(range(limit), found, strict=False)]
    more = sum(1 for _ in found)
    if more:
        kept.append(Finding(check, Words(f"… and {more} more", f"… y {more} más")))
    return kept
