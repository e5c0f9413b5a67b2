"""Shared fixtures: a fresh site database per test (injected connection) and a frozen clock."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from staging.audit.keys import device_audit_key
from staging.clock import FrozenClock
from staging.domain import Role
from staging.store.store import Actor, Store
from tests.helpers.postgres import PostgresServer, postgres_server

# 10:00 in Tijuana on the demo's reference day.
REFERENCE_MOMENT = datetime(2021, 3, 1, 18, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(REFERENCE_MOMENT)


@pytest.fixture
def key() -> bytes:
    return secrets.token_bytes(32)


@pytest.fixture
def store(tmp_path: Path, clock: FrozenClock, key: bytes) -> Iterator[Store]:
    """Signing its audit entries with its desk's key, as a site opened by a user does."""
    path = tmp_path / "site.db"
    opened = Store.open(path, clock=clock, key=key, audit_key=device_audit_key(path))
    yield opened
    opened.close()


def audit_keys(store: Store) -> dict[str, bytes]:
    """What `verify_chain` needs to check a store's own entries."""
    key = store.audit_key
    return {} if key is None else {key.key_id: key.secret}


@pytest.fixture
def coordinator() -> Actor:
    return Actor("carmen", Role.COORDINATOR)


@pytest.fixture
def intake() -> Actor:
    return Actor("ivan", Role.INTAKE)


HEADER = [
    "registration_id",
    "household_id",
    "given_names",
    "paternal_surname",
    "maternal_surname",
    "date_of_birth",
    "sex",
    "nationality",
    "a_number",
    "mpp_enrollment_date",
    "case_status",
    "phone",
    "vulnerabilities",
]


def registration_row(number: int, **values: str) -> dict[str, str]:
    """A valid row; tests change only what they are about."""
    row = {
        "registration_id": f"REG-{number:04d}",
        "household_id": f"H-{number:04d}",
        "given_names": "José Luis",
        "paternal_surname": f"Pérez{number}",
        "maternal_surname": "Gómez",
        "date_of_birth": "1985-06-15",
        "sex": "M",
        "nationality": "Honduras",
        "a_number": f"2{number:08d}",
        "mpp_enrollment_date": "2019-09-10",
        "case_status": "pending",
        "phone": "+52 664 555 0101",
        "vulnerabilities": "",
    }
    row.update(values)
    return row


def write_registrations(
    path: Path,
    rows: list[dict[str, str]],
    *,
    header: list[str] | None = None,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> Path:
    """Write rows as an organisation's export would (header names may be Spanish)."""
    import csv

    columns = list(rows[0]) if rows else HEADER
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header or columns)
        for row in rows:
            writer.writerow([row.get(c, "") for c in columns])
    return path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PostgresServer]:
    """A throw-away PostgreSQL for a module's hub tests (see tests/helpers/postgres.py)."""
    with postgres_server(tmp_path_factory.mktemp("hub")) as running:
        yield running


@pytest.fixture
def url(server: PostgresServer) -> str:
    """A fresh hub database per test on the module's server (the event table refuses
    TRUNCATE)."""
    return server.create_database(f"hub_{uuid.uuid4().hex[:12]}")
