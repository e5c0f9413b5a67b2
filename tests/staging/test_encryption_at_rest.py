"""A laptop left in a tent gives away nothing: every byte on disk is sealed, and only a live
account with the right password opens the site.

The scan reads every file in the site's folder while the site is still open (so the
write-ahead log holds fresh pages), looking for the names, A-number and phone of a person just
imported, in the forms SQLite or its search index could store them.
"""

from __future__ import annotations

import base64
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from staging.clock import FrozenClock
from staging.domain import Role
from staging.errors import UserError
from staging.registration.service import import_registrations
from staging.security.access import (
    KeyfileOutOfDate,
    LoginRefused,
    LoginThrottled,
    Session,
    add_user,
    change_own_password,
    create_site,
    disable_user,
    open_site,
)
from staging.security.keyfile import KdfParams, Keyfile, keyfile_path, new_database_key
from staging.store.database import connect
from tests.conftest import registration_row, write_registrations

ADMIN, PASSWORD = "admin", "contraseña-segura"
FAST_KDF = KdfParams(time_cost=1, memory_kib=8, parallelism=1)
GIVEN, PATERNAL, MATERNAL = "Xóchitl", "Zacarías", "Ñúñez"
A_NUMBER_AS_WRITTEN, A_NUMBER = "A-207-553-918", "207553918"
PHONE = "+52 868 555 0199"
PAGE_SIZE = 4096  # SQLCipher 4's default
SECRETS = (
    GIVEN,
    PATERNAL,
    MATERNAL,
    "Xochitl",  # as folded for search
    "Zacarias",
    "Nunez",
    A_NUMBER,
    A_NUMBER_AS_WRITTEN,
    "207-553-918",
    PHONE,
    "868 555 0199",
    "8685550199",
)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return tmp_path / "site" / "site.db"


@pytest.fixture
def admin(site: Path, clock: FrozenClock) -> Iterator[Session]:
    session = create_site(site, ADMIN, PASSWORD, clock=clock, kdf=FAST_KDF)
    yield session
    session.close()


@pytest.fixture
def registration_list(tmp_path: Path) -> Path:
    """The list arrives on a USB stick, not in the site's folder: it is plaintext by nature."""
    rows = [registration_row(n) for n in range(1, 40)]
    rows.append(
        registration_row(
            40,
            given_names=GIVEN,
            paternal_surname=PATERNAL,
            maternal_surname=MATERNAL,
            a_number=A_NUMBER_AS_WRITTEN,
            phone=PHONE,
            date_of_birth="1991-02-03",
        )
    )
    (tmp_path / "usb").mkdir()
    return write_registrations(tmp_path / "usb" / "lista.csv", rows)


def forms_of(text: str) -> list[bytes]:
    """The byte strings a value could be stored as: UTF-8 and UTF-16, in any case."""
    return [
        form.encode(encoding)
        for form in {text, text.lower(), text.upper()}
        for encoding in ("utf-8", "utf-16-le", "utf-16-be")
    ]


def findings(folder: Path, needles: dict[str, list[bytes]]) -> list[str]:
    """Which needle shows in which file, every file under `folder` read whole."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        found += [
            f"{name} in {path.name}"
            for name, forms in needles.items()
            if any(form in data for form in forms)
        ]
    return found


def key_forms(key: bytes) -> list[bytes]:
    return [
        key,
        key.hex().encode(),
        key.hex().upper().encode(),
        base64.b64encode(key),
        base64.urlsafe_b64encode(key),
    ]


def test_no_imported_name_a_number_or_phone_and_no_key_is_on_disk(
    admin: Session, site: Path, registration_list: Path
) -> None:
    summary = import_registrations(admin.store, admin.actor, registration_list)
    assert summary.imported == 40
    stored = admin.store.db.execute(
        "SELECT given_names, paternal_surname, a_number, phone FROM person "
        "WHERE registration_id = 'REG-0040'"
    ).fetchone()
    assert stored == (GIVEN, PATERNAL, A_NUMBER, PHONE)
    folder = site.parent
    wal = folder / "site.db-wal"
    assert wal.stat().st_size > 0, "the scan should cover a write-ahead log with the import"
    assert {p.name for p in folder.iterdir()} >= {"site.db", "site.db-wal", "site.db.keys"}

    needles = {value: forms_of(value) for value in SECRETS}
    needles["the database key"] = key_forms(admin.key)
    # The scan finds what is there: every value is in the plaintext list on the USB stick.
    assert {f.split(" in ")[0] for f in findings(registration_list.parent, needles)} >= {
        GIVEN,
        PATERNAL,
        A_NUMBER_AS_WRITTEN,
        PHONE,
    }
    assert findings(folder, needles) == []


def test_a_wrong_password_or_unknown_user_opens_nothing_and_is_counted(
    admin: Session, site: Path, clock: FrozenClock
) -> None:
    with pytest.raises(LoginRefused) as wrong_password:
        open_site(site, ADMIN, "contraseña-mala", clock=clock)
    with pytest.raises(LoginRefused) as unknown_user:
        open_site(site, "nadie", PASSWORD, clock=clock)
    assert not isinstance(wrong_password.value, LoginThrottled)
    # The message never tells a guesser which of the two was wrong.
    assert str(wrong_password.value) == str(unknown_user.value)
    failures = Keyfile.load(keyfile_path(site)).failures
    assert failures[ADMIN].count == 1
    # Without the password the key is a guess, and a guessed key opens nothing.
    with pytest.raises(UserError):
        connect(site, new_database_key())


def test_repeated_wrong_passwords_make_everyone_wait_even_with_the_right_one(
    admin: Session, site: Path, clock: FrozenClock
) -> None:
    for _ in range(3):  # a few typos are free
        with pytest.raises(LoginRefused) as refused:
            open_site(site, ADMIN, "contraseña-mala", clock=clock)
        assert not isinstance(refused.value, LoginThrottled)
    with pytest.raises(LoginThrottled) as throttled:
        open_site(site, ADMIN, PASSWORD, clock=clock)
    assert throttled.value.seconds == 1
    clock.advance(timedelta(seconds=1))
    with pytest.raises(LoginRefused):
        open_site(site, ADMIN, "contraseña-mala", clock=clock)
    clock.advance(timedelta(seconds=1))
    with pytest.raises(LoginThrottled) as longer:
        open_site(site, ADMIN, PASSWORD, clock=clock)
    assert longer.value.seconds == 1  # the wait doubled to 2 s, one of which has passed
    clock.advance(timedelta(seconds=1))
    session = open_site(site, ADMIN, PASSWORD, clock=clock)
    session.close()
    assert ADMIN not in Keyfile.load(keyfile_path(site)).failures


def test_a_disabled_user_cannot_open_the_site_even_with_the_right_password(
    admin: Session, site: Path, clock: FrozenClock, tmp_path: Path
) -> None:
    add_user(admin, "ivan", Role.INTAKE, "ivan-contraseña", kdf=FAST_KDF)
    open_site(site, "ivan", "ivan-contraseña", clock=clock).close()
    old_keyfile = tmp_path / "old.keys"
    shutil.copy(keyfile_path(site), old_keyfile)

    disable_user(admin, "ivan")
    with pytest.raises(LoginRefused):
        open_site(site, "ivan", "ivan-contraseña", clock=clock)
    assert "ivan" not in Keyfile.load(keyfile_path(site)).users
    # A key file saved before the account was disabled gives the old key, which the site,
    # re-encrypted since, no longer opens.
    shutil.copy(old_keyfile, keyfile_path(site))
    with pytest.raises(KeyfileOutOfDate):
        open_site(site, "ivan", "ivan-contraseña", clock=clock)


def pages(database: Path) -> list[bytes]:
    data = database.read_bytes()
    return [data[i : i + PAGE_SIZE] for i in range(0, len(data), PAGE_SIZE)]


def test_a_changed_password_replaces_the_old_one_without_re_encrypting(
    admin: Session, site: Path, clock: FrozenClock, registration_list: Path
) -> None:
    import_registrations(admin.store, admin.actor, registration_list)
    admin.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = pages(site)

    change_own_password(admin, PASSWORD, "nueva-contraseña")
    with pytest.raises(LoginRefused):
        open_site(site, ADMIN, PASSWORD, clock=clock)
    session = open_site(site, ADMIN, "nueva-contraseña", clock=clock)
    try:
        assert session.key == admin.key
        assert session.store.db.execute("SELECT count(*) FROM person").fetchone()[0] == 40
    finally:
        session.close()
    admin.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    after = pages(site)
    # Re-encrypting would rewrite every page; the change touched only the few holding the
    # user's row, its audit entry and change (and their indexes).
    assert len(after) == len(before) > 100
    changed = sum(old != new for old, new in zip(before, after, strict=True))
    assert 0 < changed < len(before) / 10
    # The database still opens with the very key it was created with.
    with closing(connect(site, admin.key).conn) as raw:
        assert raw.execute("SELECT count(*) FROM person").fetchone()[0] == 40


def test_plain_sqlite_sees_no_database(admin: Session, site: Path) -> None:
    admin.close()
    assert not site.read_bytes().startswith(b"SQLite format 3\x00")
    with (
        closing(sqlite3.connect(site)) as plain,
        pytest.raises(sqlite3.DatabaseError, match="file is not a database"),
    ):
        plain.execute("SELECT count(*) FROM sqlite_master").fetchone()
