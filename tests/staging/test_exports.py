"""Exports for partners: sealed by default, refused to the wrong roles, always audited."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from staging.audit.chain import verify_chain
from staging.clock import FrozenClock
from staging.domain import Role, Verification
from staging.errors import PermissionDenied
from staging.exports import (
    EXPORT_COLUMNS,
    ExportError,
    UnreadableExport,
    decrypt_bytes,
    decrypt_export,
    encrypt_bytes,
    export_people,
)
from staging.intake.operations import check_in
from staging.people.fields import PERSON_FIELDS
from staging.people.queries import audit_entries, find_person
from staging.registration.parsing import format_a_number
from staging.registration.service import import_registrations
from staging.rules import StopSign
from staging.security.access import Session, add_user, create_site, open_site
from staging.security.keyfile import KdfParams
from staging.verification.operations import record_verification
from tests.conftest import REFERENCE_MOMENT, registration_row, write_registrations

FAST = KdfParams(time_cost=1, memory_kib=8, parallelism=1)  # the format, not the cost, is tested
PASSPHRASE = "río bravo al amanecer"
PASSWORDS = {
    "admin": "a-good-password",
    "carmen": "carmen-password",
    "ivan": "ivan-password",
    "sara": "sara-password",
}
PEOPLE = [
    registration_row(
        1,
        given_names="María",
        paternal_surname="Ñúñez",
        household_id="F-1",
        us_address_city="Houston",
    ),
    registration_row(
        2,
        given_names="Ángel",
        paternal_surname="Ñúñez",
        household_id="F-1",
        date_of_birth="2015-01-12",
        us_address_city="Houston",
    ),
    registration_row(3, case_status="removed_after_hearing", us_address_city="Denver"),
]


@pytest.fixture
def site(tmp_path: Path, clock: FrozenClock) -> Iterator[Path]:
    """A site with an administrator, one user per other role and three people."""
    path = tmp_path / "site.db"
    admin = create_site(path, "admin", PASSWORDS["admin"], clock=clock, kdf=FAST)
    add_user(admin, "carmen", Role.COORDINATOR, PASSWORDS["carmen"], kdf=FAST)
    add_user(admin, "ivan", Role.INTAKE, PASSWORDS["ivan"], kdf=FAST)
    add_user(admin, "sara", Role.SCREENER, PASSWORDS["sara"], kdf=FAST)
    import_registrations(
        admin.store, admin.actor, write_registrations(tmp_path / "list.csv", PEOPLE)
    )
    maria = find_person(admin.store, "REG-0001")
    assert maria is not None
    record_verification(admin.store, admin.actor, [maria["id"]], Verification.VERIFIED)
    check_in(admin.store, admin.actor, [maria["id"]], frozenset(StopSign))
    admin.close()
    yield path


@pytest.fixture
def login(site: Path, clock: FrozenClock) -> Iterator[Callable[[str], Session]]:
    opened: list[Session] = []

    def log_in(user: str) -> Session:
        session = open_site(site, user, PASSWORDS[user], clock=clock)
        opened.append(session)
        return session

    yield log_in
    for session in opened:
        session.close()


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


def audit_count(session: Session) -> int:
    return session.store.db.execute("SELECT count(*) FROM audit_log").fetchone()[0]


def last_audit_entry(session: Session) -> dict:
    cursor = session.store.db.execute("SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1")
    names = [d[0] for d in cursor.description]
    return dict(zip(names, cursor.fetchone(), strict=True))


def sealed_export(session: Session, out: Path, fmt: str = "csv") -> Path:
    result = export_people(session, out / f"people.{fmt}", fmt=fmt, passphrase=PASSPHRASE, kdf=FAST)
    return result.path


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_decrypted_export_equals_the_plaintext_export(login, out: Path, fmt: str) -> None:
    carmen = login("carmen")
    sealed = export_people(carmen, out / f"a.{fmt}", fmt=fmt, passphrase=PASSPHRASE, kdf=FAST)
    plain = export_people(carmen, out / f"b.{fmt}", fmt=fmt, passphrase=None, plaintext=True)
    assert sealed.path == out / f"a.{fmt}.sdx"
    assert (sealed.encrypted, plain.encrypted) == (True, False)
    assert sealed.rows == plain.rows == 3
    assert decrypt_export(sealed.path, PASSPHRASE) == plain.path.read_bytes()


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_encrypted_file_reveals_no_one(login, out: Path, fmt: str) -> None:
    sealed = sealed_export(login("carmen"), out, fmt).read_bytes()
    for row in PEOPLE:
        for secret in (
            row["given_names"],
            row["paternal_surname"],
            row["a_number"],
            format_a_number(row["a_number"]),
            row["registration_id"],
            row["phone"],
        ):
            for encoding in ("utf-8", "utf-16-le", "latin-1"):
                assert secret.encode(encoding) not in sealed
    assert b"Houston" not in sealed


def test_a_wrong_passphrase_is_refused_in_both_languages(login, out: Path) -> None:
    path = sealed_export(login("carmen"), out)
    with pytest.raises(UnreadableExport) as refused:
        decrypt_export(path, "rio bravo al amanecer")  # one accent short
    assert "Wrong passphrase" in refused.value.message_en
    assert "Frase de contraseña incorrecta" in refused.value.message_es


def header_positions() -> list[int]:
    """One byte of every header field after magic and version (costs, salt, nonce)."""
    return [12, 16, 20, 21, 36, 37, 48]


@pytest.mark.parametrize("where", [*header_positions(), "ciphertext", "tag"])
def test_a_flipped_byte_is_refused_never_garbage(login, out: Path, where: int | str) -> None:
    path = sealed_export(login("carmen"), out)
    sealed = bytearray(path.read_bytes())
    position = {"ciphertext": len(sealed) // 2, "tag": len(sealed) - 1}.get(where, where)
    sealed[position] ^= 0x01
    with pytest.raises(UnreadableExport):
        decrypt_bytes(bytes(sealed), PASSPHRASE)


def test_other_files_get_their_own_message(login, out: Path) -> None:
    sealed = sealed_export(login("carmen"), out).read_bytes()
    with pytest.raises(ExportError, match="not an encrypted Staging Desk export") as other:
        decrypt_bytes(b"registration_id,given_names\r\n", PASSPHRASE)
    assert not isinstance(other.value, UnreadableExport)
    with pytest.raises(ExportError, match="incomplete"):
        decrypt_bytes(sealed[:40], PASSPHRASE)
    with pytest.raises(ExportError, match="version 2"):
        decrypt_bytes(sealed[:8] + b"\x02" + sealed[9:], PASSPHRASE)
    with pytest.raises(ExportError, match="Cannot read"):
        decrypt_export(out / "missing.csv.sdx", PASSPHRASE)


@pytest.mark.parametrize("user", ["ivan", "sara"])
@pytest.mark.parametrize("plaintext", [False, True])
def test_intake_and_screeners_may_not_export(login, out: Path, user: str, plaintext: bool) -> None:
    session = login(user)
    before = audit_count(session)
    with pytest.raises(PermissionDenied):
        export_people(
            session,
            out / "people.csv",
            fmt="csv",
            passphrase=None if plaintext else PASSPHRASE,
            plaintext=plaintext,
            kdf=FAST,
        )
    assert list(out.iterdir()) == []
    assert audit_count(session) == before


def test_a_plaintext_export_is_audited_with_who_when_and_how_many(login, out: Path) -> None:
    carmen = login("carmen")
    before = audit_count(carmen)
    result = export_people(carmen, out / "people.csv", fmt="csv", passphrase=None, plaintext=True)
    assert audit_count(carmen) == before + 1
    entry = last_audit_entry(carmen)
    assert (entry["user"], entry["role"]) == ("carmen", "coordinator")
    assert entry["at"].startswith(REFERENCE_MOMENT.strftime("%Y-%m-%dT%H:%M"))
    assert (entry["action"], entry["entity"], entry["entity_id"]) == (
        "export:event",
        "export",
        "people.csv",
    )
    assert json.loads(entry["after"]) == {"format": "csv", "rows": 3, "encrypted": False}
    assert result.as_dict() == {
        "path": str(out / "people.csv"),
        "format": "csv",
        "rows": 3,
        "encrypted": False,
    }
    assert verify_chain(audit_entries(carmen.store.db), carmen.audit_keys()).intact


def test_an_encrypted_export_is_audited_too(login, out: Path) -> None:
    admin = login("admin")
    sealed_export(admin, out, "json")
    entry = last_audit_entry(admin)
    assert (entry["user"], entry["entity_id"]) == ("admin", "people.json.sdx")
    assert json.loads(entry["after"]) == {"format": "json", "rows": 3, "encrypted": True}
    assert entry["action"] == "export:event"


def test_the_csv_opens_in_excel_and_in_the_csv_module(login, out: Path) -> None:
    path = export_people(
        login("carmen"), out / "p.csv", fmt="csv", passphrase=None, plaintext=True
    ).path
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel then reads the accents right
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == EXPORT_COLUMNS
    by_id = {row["registration_id"]: row for row in rows}
    assert list(by_id) == ["REG-0001", "REG-0002", "REG-0003"]
    maria = by_id["REG-0001"]
    assert (maria["given_names"], maria["paternal_surname"]) == ("María", "Ñúñez")
    assert maria["a_number"] == "A 200-000-001"
    assert maria["household_id"] == "F-1"
    assert (maria["verification"], maria["eligibility"], maria["stage"]) == (
        "verified",
        "eligible",
        "checked_in",
    )
    assert maria["blockers"] == "not_screened;eoir33_not_done"
    assert maria["phone"] == "'+52 664 555 0101"  # text: Excel takes a leading + for a formula
    assert maria["us_address_city"] == "Houston"
    assert (
        by_id["REG-0002"]["blockers"] == "not_verified;not_checked_in;not_screened;eoir33_not_done"
    )
    assert by_id["REG-0003"]["eligibility"] == "not_eligible"
    assert "vulnerabilities" not in rows[0] and "notes" not in rows[0]


def test_the_json_parses(login, out: Path) -> None:
    path = export_people(
        login("carmen"), out / "p.json", fmt="json", passphrase=None, plaintext=True
    ).path
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["format"] == "staging-desk-people"
    assert document["version"] == 1
    assert document["exported_at"].startswith("2021-03-01T18:00")
    people = document["people"]
    assert [p["registration_id"] for p in people] == ["REG-0001", "REG-0002", "REG-0003"]
    assert tuple(people[0]) == EXPORT_COLUMNS
    assert people[1]["blockers"] == [
        "not_verified",
        "not_checked_in",
        "not_screened",
        "eoir33_not_done",
    ]
    assert people[0]["appointment_date"] is None


def test_a_weak_passphrase_writes_and_audits_nothing(login, out: Path) -> None:
    carmen = login("carmen")
    before = audit_count(carmen)
    for weak in (None, "", "corta", "ñandú-123"):  # the last is 9 characters
        with pytest.raises(ExportError) as refused:
            export_people(carmen, out / "p.csv", fmt="csv", passphrase=weak, kdf=FAST)
        assert "at least 10 characters" in refused.value.message_en
        assert "al menos 10 caracteres" in refused.value.message_es
    assert list(out.iterdir()) == []
    assert audit_count(carmen) == before


def test_the_file_name_never_lies_and_nothing_is_overwritten(login, out: Path) -> None:
    carmen = login("carmen")
    with pytest.raises(ExportError, match="takes no passphrase"):
        export_people(carmen, out / "p.csv", fmt="csv", passphrase=PASSPHRASE, plaintext=True)
    with pytest.raises(ExportError, match=r"must not end in \.sdx"):
        export_people(carmen, out / "p.csv.sdx", fmt="csv", passphrase=None, plaintext=True)
    assert list(out.iterdir()) == []
    sealed = export_people(carmen, out / "p.csv.sdx", fmt="csv", passphrase=PASSPHRASE, kdf=FAST)
    assert sealed.path == out / "p.csv.sdx"
    before = sealed.path.read_bytes()
    with pytest.raises(ExportError, match="already exists"):
        export_people(carmen, out / "p.csv", fmt="csv", passphrase=PASSPHRASE, kdf=FAST)
    assert sealed.path.read_bytes() == before
    assert [p.name for p in out.iterdir()] == ["p.csv.sdx"]  # no temporary file left behind


def test_a_cell_a_spreadsheet_would_run_is_made_inert(
    tmp_path: Path, clock: FrozenClock, out: Path
) -> None:
    admin = create_site(tmp_path / "other.db", "admin", PASSWORDS["admin"], clock=clock, kdf=FAST)
    try:
        rows = [
            registration_row(
                1, given_names='=HYPERLINK("http://x.example","Ver")', phone="+52 (664) 555-0101"
            ),
            registration_row(2, given_names="@SUM(A1)", phone="-2+3+cmd|' /C calc'!A0"),
        ]
        import_registrations(
            admin.store, admin.actor, write_registrations(tmp_path / "l.csv", rows)
        )
        path = export_people(admin, out / "p.csv", fmt="csv", passphrase=None, plaintext=True).path
    finally:
        admin.close()
    first, second = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))
    assert first["given_names"] == '\'=HYPERLINK("http://x.example","Ver")'
    assert first["phone"] == "'+52 (664) 555-0101"
    assert second["given_names"] == "'@SUM(A1)"
    assert second["phone"].startswith("'-2+3")


FORMULAS = ['=HYPERLINK("http://x.example","Ver")', "=1+2", "+1+2", "-1+2", "@SUM(1,2)"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_formula_payloads_in_every_text_column_are_inert_in_the_csv_and_kept_in_json(
    tmp_path: Path, clock: FrozenClock, out: Path, formula: str
) -> None:
    texts = [
        field.name
        for field in PERSON_FIELDS
        if field.kind in ("id", "text", "note") and field.name in EXPORT_COLUMNS
    ]
    admin = create_site(tmp_path / "other.db", "admin", PASSWORDS["admin"], clock=clock, kdf=FAST)
    try:
        row = registration_row(1, **dict.fromkeys(texts, formula))
        import_registrations(
            admin.store, admin.actor, write_registrations(tmp_path / "l.csv", [row])
        )
        plain = export_people(admin, out / "p.csv", fmt="csv", passphrase=None, plaintext=True)
        document = export_people(admin, out / "p.json", fmt="json", passphrase=None, plaintext=True)
    finally:
        admin.close()
    (exported,) = csv.DictReader(io.StringIO(plain.path.read_text(encoding="utf-8-sig")))
    assert {column: exported[column] for column in texts} == dict.fromkeys(texts, "'" + formula)
    assert all(not cell.startswith(("=", "+", "-", "@")) for cell in exported.values())
    (person,) = json.loads(document.path.read_text(encoding="utf-8"))["people"]
    assert {column: person[column] for column in texts} == dict.fromkeys(texts, formula)


def test_a_plaintext_csv_imports_into_another_site(
    login, tmp_path: Path, clock: FrozenClock, out: Path
) -> None:
    """Same column names as a registration list: a partner site can load what we send."""
    path = export_people(
        login("carmen"), out / "p.csv", fmt="csv", passphrase=None, plaintext=True
    ).path
    other = create_site(tmp_path / "other.db", "admin", PASSWORDS["admin"], clock=clock, kdf=FAST)
    try:
        summary = import_registrations(other.store, other.actor, path)
        maria = find_person(other.store, "A200000001")
    finally:
        other.close()
    assert (summary.imported, summary.rejected) == (3, 0)
    assert maria is not None and maria["household_external_id"] == "F-1"


@settings(max_examples=25, deadline=None)
@given(content=st.binary(max_size=2048), passphrase=st.text(min_size=1, max_size=40))
def test_sealing_round_trips_any_bytes(content: bytes, passphrase: str) -> None:
    sealed = encrypt_bytes(content, passphrase, FAST)
    assert decrypt_bytes(sealed, passphrase) == content
    # The same passphrase typed on a Mac (decomposed accents) opens it too.
    assert decrypt_bytes(sealed, unicodedata.normalize("NFD", passphrase)) == content
