"""A stolen hub reveals nobody: after a demo site of a few hundred people (screenings and
results, phones, US addresses, A-numbers, EOIR-33 forms) was synced by its first desk, and a
second desk joined with an enrollment file, checked someone in, corrected a phone and an
address and synced, every table of the hub's database is read, every column, and no name,
A-number (in any of its written forms), phone, address, registration id, court or test result
of anyone is found in it. The same scan finds what the hub does hold in the clear (the site,
the desks), and finds a person's details in a payload that was not sealed: it can fail.
"""

from __future__ import annotations

import json
import re
import unicodedata
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import timedelta

import orjson
import psycopg
import pytest
from psycopg import sql

from staging.clock import FrozenClock
from staging.demo.build import create_demo_site
from staging.intake.operations import check_in, update_contact
from staging.rules import StopSign
from staging.security.access import open_site
from staging.security.keyfile import KdfParams
from staging.store.store import Store
from staging.sync.desk import set_up_hub, sync
from staging.sync.enrollment import create_enrollment, join_site
from staging.sync.outbox import all_changes
from tests.conftest import REFERENCE_MOMENT
from tests.helpers.postgres import PostgresServer

SITE = "tijuana"
PEOPLE = 300
FAST = KdfParams(time_cost=1, memory_kib=8, parallelism=1)
PASSWORD = "a-good-password"
PASSPHRASE = "blue cactus under rain"
NEW_PHONE = "+52 664 555 0177"
NEW_STREET = "4821 Calle Secreta Ave"
# In the text columns (routing: ids, stamps, hex pseudonyms) a needle counts only as a whole
# token, so a short name cannot match inside a hex id; separate words of a name count from
# this length on, and not when made of hex digits only (they could be an id's group).
WORD_LENGTH = 4
HEX_ONLY = re.compile(r"[0-9a-f]+")
# In sealed payloads (random bytes) only needles this long are sought, so that ciphertext
# never matches one by chance (some 7,500 needles in 1.5 MB: one chance in a million a run).
BINARY_LENGTH = 6


def folded(text: str) -> str:
    """Lower case and without accents: a leak is found however it was spelled."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def trie_pattern(needles: Iterable[str]) -> str:
    """One regular expression matching any of the needles, shaped as a trie, so that the
    search costs about the same for five thousand needles as for one."""
    trie: dict = {}
    for needle in needles:
        node = trie
        for char in needle:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node: dict) -> str:
        ends = "" in node
        ways = [re.escape(char) + branch(child) for char, child in sorted(node.items()) if char]
        if not ways:
            return ""
        if len(ways) == 1 and not ends:
            return ways[0]
        return f"(?:{'|'.join(ways)}){'?' if ends else ''}"

    return branch(trie)


@dataclass
class Needles:
    """What must never be readable at the hub: each form of each value, with what it is."""

    text: dict[str, str]  # folded form -> what it is
    binary: dict[str, str]  # exact form (as stored, as JSON) -> what it is

    @classmethod
    def of(cls, secrets: dict[str, set[str]]) -> Needles:
        text: dict[str, str] = {}
        binary: dict[str, str] = {}
        for what, values in secrets.items():
            for value in values:
                forms = {value} | {
                    word
                    for word in value.split()
                    if len(word) >= WORD_LENGTH and not HEX_ONLY.fullmatch(folded(word))
                }
                for form in forms:
                    text.setdefault(folded(form), what)
                    for written in (form, json.dumps(form), orjson.dumps(form).decode()):
                        if len(written.encode()) >= BINARY_LENGTH:
                            binary.setdefault(written, what)
        return cls(text, binary)


class Finder:
    """Searches values as the hub returns them: text columns as whole tokens, folded; byte
    columns as raw bytes and as UTF-8 with undecodable bytes dropped."""

    def __init__(self, needles: Needles) -> None:
        self._needles = needles
        self._text = re.compile(f"(?<![0-9a-z_])(?:{trie_pattern(needles.text)})(?![0-9a-z_])")
        self._decoded = re.compile(trie_pattern(needles.binary))
        self._raw = re.compile(trie_pattern(needles.binary).encode())

    def found(self, values: Iterable[object]) -> dict[str, str]:
        """Each needle found in the values, with what it is."""
        texts, blobs = [], []
        for value in values:
            if isinstance(value, bytes | bytearray | memoryview):
                blobs.append(bytes(value))
            elif value is not None:
                texts.append(folded(str(value)))
        found: dict[str, str] = {}
        for match in self._text.findall("\n".join(texts)):
            found[match] = self._needles.text[match]
        blob = b"\n".join(blobs)
        for match in self._raw.findall(blob):
            text = match.decode()
            found[text] = self._needles.binary[text]
        for match in self._decoded.findall(blob.decode("utf-8", errors="ignore")):
            found[match] = self._needles.binary[match]
        return found


# --- what the people's details are, read from a desk that holds them all ------------------


def a_number_forms(digits: str) -> set[str]:
    grouped = f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    return {digits, f"A{digits}", f"A {digits}", grouped, f"A {grouped}", f"A-{grouped}"}


def phone_forms(phone: str) -> set[str]:
    digits = re.sub(r"\D", "", phone)
    return {phone, digits, f"+{digits}", digits[-10:]}


PERSON_DETAILS = {
    "name": ("given_names", "paternal_surname", "maternal_surname", "us_contact_name"),
    "registration id": ("registration_id",),
    "address": ("us_address_street", "us_address_city", "us_address_zip"),
    "court": ("current_court",),
    "e-mail": ("email",),
}
FORM_DETAILS = {
    "name": ("last_name", "first_name", "middle_name", "in_care_of"),
    "address": ("current_street", "current_city", "current_zip"),
    "court": ("current_court", "receiving_court"),
    "e-mail": ("current_email",),
}


def people_details(store: Store) -> dict[str, set[str]]:
    """Every person's identifying details on this desk, and the test results, by kind."""
    details: dict[str, set[str]] = {kind: set() for kind in (*PERSON_DETAILS, "A-number")}
    details |= {"phone": set(), "test result": set()}
    for table, kinds in (("person", PERSON_DETAILS), ("eoir33_form", FORM_DETAILS)):
        for kind, columns in kinds.items():
            for column in columns:
                query = f"SELECT DISTINCT {column} FROM {table} WHERE {column} != ''"
                details[kind] |= {value for (value,) in store.db.execute(query)}
    a_numbers = "SELECT a_number FROM person UNION SELECT a_number FROM eoir33_form"
    for (digits,) in store.db.execute(a_numbers):
        if digits:
            details["A-number"] |= a_number_forms(digits)
    phones = (
        "SELECT phone FROM person UNION SELECT us_contact_phone FROM person "
        "UNION SELECT current_phone FROM eoir33_form"
    )
    for (phone,) in store.db.execute(phones):
        if phone:
            details["phone"] |= phone_forms(phone)
    results = "SELECT DISTINCT result FROM screening WHERE result IS NOT NULL AND result != ''"
    details["test result"] = {result for (result,) in store.db.execute(results)}
    return details


# --- the day, and the hub read back ---------------------------------------------------------


@dataclass
class Day:
    url: str
    devices: tuple[str, str]
    needles: Needles
    unsealed: list[bytes]  # some of the site's changes as they would travel without a seal


def hub_rows(url: str) -> Iterator[tuple[str, Sequence[object]]]:
    """Every row of every table of the hub's database, each column as text, or as the raw
    bytes of a byte column; with the table's name."""
    with psycopg.connect(url) as conn:
        tables = conn.execute(
            "SELECT c.oid, n.nspname, c.relname FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'p', 'm') "
            "AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
            "AND n.nspname NOT LIKE 'pg_toast%' ORDER BY 2, 3"
        ).fetchall()
        for oid, schema, table in tables:
            columns = conn.execute(
                "SELECT attname, atttypid = 'bytea'::regtype FROM pg_attribute "
                "WHERE attrelid = %s AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
                [oid],
            ).fetchall()
            selected = sql.SQL(", ").join(
                sql.Identifier(name) if raw else sql.SQL("{}::text").format(sql.Identifier(name))
                for name, raw in columns
            )
            query = sql.SQL("SELECT {} FROM {}.{}").format(
                selected, sql.Identifier(schema), sql.Identifier(table)
            )
            for row in conn.execute(query):
                yield f"{schema}.{table}", row


@pytest.fixture(scope="module")
def day(server: PostgresServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Day]:
    """The demo site's first desk links to a new hub and syncs; a second desk joins with an
    enrollment file, checks someone in, corrects a phone and an address, syncs; the first desk
    syncs again."""
    folder = tmp_path_factory.mktemp("no-plaintext")
    name = f"plaintext_{uuid.uuid4().hex[:12]}"
    with ExitStack() as cleanup:
        url = server.create_database(name)
        cleanup.callback(server.drop_database, name)
        (folder / "a").mkdir()
        clock = FrozenClock(REFERENCE_MOMENT)
        first = create_demo_site(folder / "a" / "site.db", people=PEOPLE, seed=3, clock=clock)
        cleanup.callback(first.close)
        before_sync = people_details(first.store)
        set_up_hub(first.store, first.actor, url, SITE)
        sync(first.store, first.actor)
        enrollment = create_enrollment(
            first.store, first.actor, folder / "desk-b", PASSPHRASE, kdf=FAST
        )
        joined_at = FrozenClock(REFERENCE_MOMENT + timedelta(minutes=5))
        database = folder / "b" / "site.db"
        database.parent.mkdir()
        join_site(enrollment, PASSPHRASE, database, "admin2", PASSWORD, clock=joined_at, kdf=FAST)
        second = open_site(database, "admin2", PASSWORD, clock=joined_at)
        cleanup.callback(second.close)
        arriving = second.store.db.execute(
            "SELECT id FROM person WHERE id NOT IN (SELECT person_id FROM check_in) "
            "ORDER BY registration_id LIMIT 1"
        ).fetchone()[0]
        assert check_in(second.store, second.actor, [arriving], frozenset(StopSign)).value
        changes = {"phone": NEW_PHONE, "us_address_street": NEW_STREET}
        assert update_contact(second.store, second.actor, arriving, changes).value
        sync(second.store, second.actor)
        sync(first.store, first.actor)
        reached = first.store.db.execute(
            "SELECT us_address_street FROM person WHERE id = ?", [arriving]
        ).fetchone()
        assert reached == (NEW_STREET,)  # the second desk's changes are at the hub
        secrets = people_details(first.store)
        for kind, values in before_sync.items():
            secrets[kind] |= values  # the values the second desk's edits replaced, too
        unsealed = [
            change.as_json()
            for _, change in all_changes(first.store, 0, 100_000)
            if change.entity in ("person", "screening") and change.op == "insert"
        ]
        devices = (first.store.device_id, second.store.device_id)
        yield Day(url, devices, Needles.of(secrets), unsealed)


def test_no_hub_table_holds_anyones_name_a_number_phone_address_court_or_result(
    day: Day,
) -> None:
    finder = Finder(day.needles)
    rows_by_table: dict[str, int] = {}
    leaks: dict[str, dict[str, str]] = {}
    for table, row in hub_rows(day.url):
        rows_by_table[table] = rows_by_table.get(table, 0) + 1
        if found := finder.found(row):
            leaks.setdefault(table, {}).update(found)
    assert leaks == {}
    # The scan read the site's whole history: both desks' changes, well over a thousand.
    assert rows_by_table["public.change_event"] > 1_000
    with psycopg.connect(day.url) as conn:
        devices = conn.execute("SELECT DISTINCT device FROM change_event").fetchall()
    assert {device for (device,) in devices} == set(day.devices)


def test_the_scan_finds_what_is_in_the_clear_and_what_an_unsealed_payload_would_show(
    day: Day,
) -> None:
    in_the_clear = Finder(Needles.of({"site": {SITE}, "desk": set(day.devices)}))
    everything = [value for _, row in hub_rows(day.url) for value in row]
    assert set(in_the_clear.found(everything)) == {SITE, *day.devices}
    # Had the payloads travelled unsealed, the scan would have found every kind of detail.
    finder = Finder(day.needles)
    every_kind = {"name", "registration id", "A-number", "phone", "address", "court", "test result"}
    assert every_kind <= set(finder.found(day.unsealed).values())  # as bytes
    assert every_kind <= set(finder.found(p.decode() for p in day.unsealed).values())  # as text
