"""A new laptop joins a site from an enrollment file, against a real PostgreSQL hub: it receives
everything, its own changes reach the first desk, and a wrong passphrase, a cut-short file or
another kind of file is refused with nothing created; the file shows no key and no address."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest

from cli.main import run
from staging.domain import Role
from staging.errors import PermissionDenied
from staging.exports import encrypt_bytes
from staging.intake.operations import check_in, update_contact
from staging.people.queries import find_person
from staging.registration.service import import_registrations
from staging.rules import StopSign
from staging.security.access import (
    KeyfileOutOfDate,
    LoginRefused,
    Session,
    add_user,
    create_site,
    disable_user,
    open_site,
    reset_password,
)
from staging.security.keyfile import KdfParams, Keyfile, keyfile_path
from staging.site.settings import save_site_settings, site_name
from staging.store.store import Actor, Store
from staging.sync.desk import NotSetUp, hub_link, set_up_hub, sync
from staging.sync.enrollment import (
    NotAnEnrollment,
    UnreadableEnrollment,
    UserExists,
    create_enrollment,
    join_site,
    read_enrollment,
)
from staging.sync.users import sync_desk
from tests.conftest import registration_row, write_registrations

FAST = KdfParams(time_cost=1, memory_kib=8, parallelism=1)
PASSWORD = "a-good-password"
PASSPHRASE = "blue cactus under rain"
SITE = "tijuana"
SITE_NAME = "Albergue El Buen Pastor"
PEOPLE = 4


@pytest.fixture
def desk_a(tmp_path: Path, url: str) -> Iterator[Session]:
    """The site's first desk: named, people imported, one checked in, hub set up, synced."""
    session = create_site(tmp_path / "a.db", "admin", PASSWORD, kdf=FAST)
    store, actor = session.store, session.actor
    save_site_settings(store, actor, SITE_NAME, store.policy())
    rows = [registration_row(n) for n in range(1, PEOPLE + 1)]
    import_registrations(store, actor, write_registrations(tmp_path / "list.csv", rows))
    check_in(store, actor, [person_id(store, 1)], confirmed=frozenset(StopSign))
    set_up_hub(store, actor, url, SITE)
    sync(store, actor)
    yield session
    session.close()


@pytest.fixture
def enrollment(desk_a: Session, tmp_path: Path) -> Path:
    return create_enrollment(desk_a.store, desk_a.actor, tmp_path / "new", PASSPHRASE, kdf=FAST)


def person_id(store: Store, number: int) -> str:
    found = find_person(store, f"REG-{number:04d}")
    assert found is not None
    return found["id"]


def count(store: Store, table: str) -> int:
    return store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def created(database: Path) -> list[Path]:
    return sorted(database.parent.glob(f"{database.name}*"))


def test_a_new_laptop_joins_receives_everything_and_its_changes_reach_the_first_desk(
    desk_a: Session, enrollment: Path, tmp_path: Path
) -> None:
    assert enrollment.name == "new.sdenroll"
    notes = desk_a.store.db.execute(
        "SELECT count(*) FROM audit_log WHERE entity = 'enrollment' AND entity_id = ?",
        [enrollment.name],
    ).fetchone()[0]
    assert notes == 1
    joined = join_site(enrollment, PASSPHRASE, tmp_path / "b.db")
    assert (joined.people, joined.site, joined.site_name) == (PEOPLE, SITE, SITE_NAME)
    assert joined.users == ["admin"]
    # The site's administrator logs in on the new desk with the password they already have.
    b = open_site(tmp_path / "b.db", "admin", PASSWORD)
    try:
        assert b.actor.role is Role.ADMIN
        assert count(b.store, "person") == PEOPLE
        assert count(b.store, "check_in") == 1
        assert site_name(b.store) == SITE_NAME
        assert hub_link(b.store) == hub_link(desk_a.store)
        update_contact(b.store, b.actor, person_id(b.store, 2), {"phone": "+526645550222"})
        sync(b.store, b.actor)
    finally:
        b.close()
    sync(desk_a.store, desk_a.actor)
    assert find_person(desk_a.store, "REG-0002")["phone"] == "+526645550222"  # type: ignore[index]


def test_users_created_or_given_a_new_password_on_one_desk_log_in_on_the_other(
    desk_a: Session, enrollment: Path, tmp_path: Path
) -> None:
    join_site(enrollment, PASSPHRASE, tmp_path / "b.db")
    b = open_site(tmp_path / "b.db", "admin", PASSWORD)
    try:
        add_user(b, "rosa", Role.SCREENER, "rosa-password", kdf=FAST)
        sync_desk(b)
        add_user(desk_a, "ivan", Role.INTAKE, "ivan-password", kdf=FAST)
        sync_desk(desk_a)
        open_site(desk_a.store.path, "rosa", "rosa-password").close()  # type: ignore[arg-type]
        reset_password(desk_a, "rosa", "rosa-new-password", kdf=FAST)
        sync_desk(desk_a)
        sync_desk(b)
    finally:
        b.close()
    open_site(desk_a.store.path, "rosa", "rosa-new-password").close()  # type: ignore[arg-type]
    open_site(tmp_path / "b.db", "ivan", "ivan-password").close()
    open_site(tmp_path / "b.db", "rosa", "rosa-new-password").close()
    with pytest.raises(LoginRefused):
        open_site(tmp_path / "b.db", "rosa", "rosa-password")  # the password before the reset


def test_a_user_disabled_on_one_desk_is_disabled_on_the_other_which_is_re_keyed(
    desk_a: Session, enrollment: Path, tmp_path: Path
) -> None:
    add_user(desk_a, "ivan", Role.INTAKE, "ivan-password", kdf=FAST)
    sync_desk(desk_a)
    join_site(enrollment, PASSPHRASE, tmp_path / "b.db")
    b_keys = keyfile_path(tmp_path / "b.db")
    copied = tmp_path / "ivan-kept-this.keys"
    shutil.copy(b_keys, copied)  # what ivan could have copied while he had access
    open_site(tmp_path / "b.db", "ivan", "ivan-password").close()
    disable_user(desk_a, "ivan")
    sync_desk(desk_a)
    b = open_site(tmp_path / "b.db", "admin", PASSWORD)
    try:
        settled = sync_desk(b)
        assert settled.value.received >= 1
        assert "ivan" not in Keyfile.load(b_keys).users
        assert "ivan" in Keyfile.load(b_keys).revoked
        notes = b.store.db.execute(
            "SELECT after FROM audit_log WHERE entity = 'site_key' ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        assert notes is not None and "ivan disabled on another desk" in notes[0]
    finally:
        b.close()
    with pytest.raises(LoginRefused):
        open_site(tmp_path / "b.db", "ivan", "ivan-password")
    shutil.copy(copied, b_keys)  # the old key file no longer opens the re-keyed database
    with pytest.raises(KeyfileOutOfDate):
        open_site(tmp_path / "b.db", "admin", PASSWORD)


def test_joining_with_an_administrator_of_its_own_and_with_a_name_the_site_has(
    desk_a: Session, enrollment: Path, tmp_path: Path
) -> None:
    joined = join_site(enrollment, PASSPHRASE, tmp_path / "b.db", "lucia", PASSWORD, kdf=FAST)
    assert joined.users == ["admin", "lucia"]
    open_site(tmp_path / "b.db", "lucia", PASSWORD).close()
    with pytest.raises(UserExists) as taken:
        join_site(enrollment, PASSPHRASE, tmp_path / "c.db", "admin", PASSWORD, kdf=FAST)
    assert "ya tiene un usuario admin" in taken.value.message_es
    open_site(tmp_path / "c.db", "admin", PASSWORD).close()  # joined all the same


def test_the_file_shows_no_key_no_address_and_no_site_name(
    desk_a: Session, enrollment: Path, url: str
) -> None:
    content = enrollment.read_bytes()
    keys = hub_link(desk_a.store).keys
    assert keys.older == ()
    now = keys.current
    secrets = [now.sync_key, now.pseudonym_key, now.sync_key.hex(), now.pseudonym_key.hex()]
    clear = [url, SITE, SITE_NAME, now.key_id, "postgresql", "sync_key", "host="]
    for secret in [*secrets, *(text.encode() for text in clear)]:
        assert (secret if isinstance(secret, bytes) else secret.encode()) not in content
    opened = read_enrollment(enrollment, PASSPHRASE)
    assert (opened.url, opened.site, opened.site_name, opened.keys) == (url, SITE, SITE_NAME, keys)


def test_wrong_passphrase_cut_short_and_other_files_are_refused_with_nothing_created(
    enrollment: Path, tmp_path: Path
) -> None:
    database = tmp_path / "b.db"
    with pytest.raises(UnreadableEnrollment) as wrong:
        join_site(enrollment, "not the passphrase", database)
    assert "frase de contraseña" in wrong.value.message_es
    cut = tmp_path / "cut.sdenroll"
    cut.write_bytes(enrollment.read_bytes()[:-20])
    with pytest.raises(UnreadableEnrollment):
        join_site(cut, PASSPHRASE, database)
    other = tmp_path / "export.sdenroll"
    other.write_bytes(encrypt_bytes(b'{"format": "staging-desk-people"}', PASSPHRASE, FAST))
    with pytest.raises(NotAnEnrollment):
        join_site(other, PASSPHRASE, database)
    assert created(database) == []


def test_only_an_administrator_of_a_linked_desk_writes_one_and_never_over_a_file(
    desk_a: Session, enrollment: Path, tmp_path: Path
) -> None:
    add_user(desk_a, "ivan", Role.INTAKE, PASSWORD, kdf=FAST)
    with pytest.raises(PermissionDenied):
        create_enrollment(desk_a.store, Actor("ivan", Role.INTAKE), tmp_path / "x", PASSPHRASE)
    before = enrollment.read_bytes()
    with pytest.raises(Exception, match="already exists"):
        create_enrollment(desk_a.store, desk_a.actor, enrollment, PASSPHRASE, kdf=FAST)
    assert enrollment.read_bytes() == before
    alone = create_site(tmp_path / "alone.db", "admin", PASSWORD, kdf=FAST)
    try:
        with pytest.raises(NotSetUp):
            create_enrollment(alone.store, alone.actor, tmp_path / "y", PASSPHRASE)
    finally:
        alone.close()
    assert not (tmp_path / "y.sdenroll").exists() and not (tmp_path / "x.sdenroll").exists()


# --- command line ------------------------------------------------------------------------------


def run_cli(argv: list[str], passphrase: str | None = PASSPHRASE) -> int:
    env = {"STAGING_PASSWORD": PASSWORD}
    if passphrase is not None:
        env["STAGING_ENROLL_PASSPHRASE"] = passphrase
    with mock.patch.dict(os.environ, env):
        if passphrase is None:
            os.environ.pop("STAGING_ENROLL_PASSPHRASE", None)
        return run(argv)


def test_enroll_create_then_join_from_the_command_line(
    desk_a: Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a_db = str(desk_a.store.path)
    out = tmp_path / "laptop"
    assert run_cli(["enroll", "create", "--out", str(out), "--db", a_db, "--user", "admin"]) == 0
    human = capsys.readouterr().out
    assert "laptop.sdenroll" in human and "Archivo de inscripción" in human
    new = tmp_path / "new.db"
    join = ["enroll", "join", str(tmp_path / "laptop.sdenroll"), "--db", str(new)]
    assert run_cli([*join, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["people"] == PEOPLE and data["site"] == SITE and data["site_name"] == SITE_NAME
    assert data["users"] == ["admin"]
    assert run_cli([*join, "--admin", "lucia"]) == 1  # the site now exists: refused
    assert "ya existe" in capsys.readouterr().err


def test_enroll_refusals_are_bilingual_with_their_exit_codes(
    desk_a: Session, enrollment: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = tmp_path / "new.db"
    join = ["enroll", "join", str(enrollment), "--db", str(new), "--admin", "lucia"]
    assert run_cli([*join, "--json"], passphrase="a wrong passphrase") == 1
    refusal = json.loads(capsys.readouterr().out)
    assert "wrong passphrase" in refusal["error_en"] and "No se creó nada" in refusal["error_es"]
    assert run_cli(join, passphrase=None) == 2
    assert "STAGING_ENROLL_PASSPHRASE" in capsys.readouterr().err
    assert created(new) == []
    create = ["enroll", "create", "--out", str(tmp_path / "z"), "--db", str(desk_a.store.path)]
    assert run_cli([*create, "--user", "admin"], passphrase="short") == 1
    assert "al menos" in capsys.readouterr().err
