"""Enrollment files: how a new laptop joins a site's hub without anyone typing keys.

An administrator of a linked desk writes one file holding the hub's address (a PostgreSQL URL,
often with its password), the site's name at the hub, the site's keys and the site's name for
screens, as canonical JSON sealed with a passphrase in the export container
(`staging.exports`: Argon2id + AES-256-GCM). The file travels on a USB stick and the passphrase
is said aloud, so a lost stick alone gives nobody the site's people or the hub's password.

On the new laptop, `join_site` opens the file before touching the disk, creates an empty
encrypted site database, links it to the hub with the keys and runs a first sync, so the desk
starts with everything the site holds — its users too: they log in on the new desk with the
passwords they have (`staging.sync.users`). A first administrator of the desk's own can be
made as well, for a site whose users cannot travel yet.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from staging.clock import Clock
from staging.domain import Role
from staging.errors import Refused, UserError
from staging.exports import (
    check_passphrase,
    decrypt_bytes,
    encrypt_bytes,
    read_sealed,
    write_new_file,
)
from staging.people.queries import count_people
from staging.rules import Action
from staging.security.access import add_user, create_empty_site
from staging.security.keyfile import KdfParams, Keyfile, keyfile_path
from staging.site.settings import site_name
from staging.store.store import SETTING_SITE_NAME, Actor, Store, require
from staging.sync.desk import SyncReport, hub_link, join_hub, sync
from staging.sync.hub import Hub
from staging.sync.keyring import Keyring
from staging.sync.users import reconcile_users

SUFFIX = ".sdenroll"
FORMAT_NAME = "staging-desk-enrollment"
FORMAT_VERSION = 1
NOTE_ENTITY = "enrollment"


class NotAnEnrollment(Refused):
    """The file opened but is something else (an export sealed with the same passphrase)."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path.name} is not a Staging Desk enrollment file: ask the site's administrator "
            "for a new one (`staging-site enroll create`)",
            f"{path.name} no es un archivo de inscripción de Staging Desk: pida uno nuevo al "
            "administrador del sitio (`staging-site enroll create`)",
        )


class UnreadableEnrollment(Refused):
    """Wrong passphrase, damaged or cut-short file: AES-GCM cannot tell which, so neither do we."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path.name} cannot be opened: wrong passphrase, or the file was damaged or cut "
            "short while copying. Nothing was created.",
            f"No se puede abrir {path.name}: frase de contraseña incorrecta, o el archivo se "
            "dañó o se cortó al copiarlo. No se creó nada.",
        )


@dataclass(frozen=True)
class Enrollment:
    """What a new desk needs to join: where the hub is, the site there, and its keys."""

    url: str
    site: str
    site_name: str
    keys: Keyring


def create_enrollment(
    store: Store, actor: Actor, path: Path, passphrase: str, *, kdf: KdfParams | None = None
) -> Path:
    """Write a new sealed enrollment file (`.sdenroll` added if missing); returns its path.

    Administrators only: the file carries the keys that open every change of the site. The
    audit note and the file appear together; the file is removed if the note cannot be saved.
    """
    require(actor, Action.MANAGE_SETTINGS)
    link = hub_link(store)
    check_passphrase(passphrase)
    path = Path(path)
    target = path if path.suffix == SUFFIX else path.with_name(path.name + SUFFIX)
    content = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "url": link.url,
        "site": link.site,
        "site_name": store.setting(SETTING_SITE_NAME) or "",
        "keys": json.loads(link.keys.as_text()),
    }
    sealed = encrypt_bytes(
        json.dumps(content, sort_keys=True).encode(), passphrase, kdf or KdfParams()
    )
    written = False
    try:
        with store.write(actor, Action.MANAGE_SETTINGS) as work:
            key_id = link.keys.current.key_id
            work.note(NOTE_ENTITY, target.name, {"site": link.site, "key_id": key_id})
            write_new_file(target, sealed)
            written = True
    except BaseException:
        if written:
            target.unlink(missing_ok=True)
        raise
    return target


def read_enrollment(path: Path, passphrase: str) -> Enrollment:
    """The enrollment inside `path`; refuses a wrong passphrase, a damaged file or another kind."""
    path = Path(path)
    sealed = read_sealed(path)
    try:
        plain = decrypt_bytes(sealed, passphrase)
    except UserError as error:
        raise UnreadableEnrollment(path) from error
    try:
        fields = json.loads(plain)
        if fields["format"] != FORMAT_NAME or fields["version"] != FORMAT_VERSION:
            raise NotAnEnrollment(path)
        return Enrollment(
            str(fields["url"]),
            str(fields["site"]),
            str(fields["site_name"]),
            Keyring.from_text(json.dumps(fields["keys"])),
        )
    except (ValueError, KeyError, TypeError) as error:
        raise NotAnEnrollment(path) from error


class NobodyCanLogIn(Refused):
    """The site's users came without credentials (made before users travelled between desks)."""

    def __init__(self) -> None:
        super().__init__(
            "None of the site's users can log in on this desk yet (their accounts predate "
            "users travelling between desks), so nothing was kept. Have an administrator log "
            "in and sync once on the site's first desk, then join again; or give this desk "
            "an administrator of its own (--admin).",
            "Ninguno de los usuarios del sitio puede iniciar sesión en este equipo todavía "
            "(sus cuentas son anteriores a que los usuarios viajaran entre equipos), así que "
            "no se guardó nada. Pida a un administrador que inicie sesión y sincronice una vez "
            "en el primer equipo del sitio, y vuelva a unirse; o dé a este equipo un "
            "administrador propio (--admin).",
        )


class UserExists(Refused):
    def __init__(self, user: str) -> None:
        super().__init__(
            f"The site already has a user {user}: this desk has joined; log in as {user} with "
            "that account's password.",
            f"El sitio ya tiene un usuario {user}: este equipo ya se unió; inicie sesión como "
            f"{user} con la contraseña de esa cuenta.",
        )


@dataclass(frozen=True)
class Joined:
    """A desk that has joined: what its first sync brought, and who can log in on it."""

    database: Path
    site: str
    site_name: str
    people: int
    report: SyncReport
    users: list[str]


def join_site(
    path: Path,
    passphrase: str,
    database: Path,
    admin_user: str | None = None,
    admin_password: str | None = None,
    *,
    clock: Clock | None = None,
    kdf: KdfParams | None = None,
) -> Joined:
    """A new desk of the site at `database`, linked and synced once, with the site's users.

    The file is opened and the hub reached before anything is written. Should the first sync
    break off, the new files are removed (everything in them is at the hub): a desk nobody
    can log in on is never left behind.
    """
    enrollment = read_enrollment(path, passphrase)
    with Hub.connect(enrollment.url):
        pass
    database = Path(database)
    session = create_empty_site(database, clock=clock)
    try:
        join_hub(session.store, session.actor, enrollment.url, enrollment.site, enrollment.keys)
        report = sync(session.store, session.actor).value
        reconcile_users(session)
        existing = _users_who_can_log_in(session.store)
        if admin_user is not None:
            if _is_user(session.store, admin_user):
                raise UserExists(admin_user)
            add_user(session, admin_user, Role.ADMIN, admin_password or "", kdf=kdf)
        elif not existing:
            raise NobodyCanLogIn()
        joined = Joined(
            database,
            enrollment.site,
            site_name(session.store),
            count_people(session.store),
            report,
            _users_who_can_log_in(session.store),
        )
    except UserExists:
        session.close()
        raise
    except BaseException:
        session.close()
        _remove_new_site(database)
        raise
    session.close()
    return joined


def _users_who_can_log_in(store: Store) -> list[str]:
    with_keys = Keyfile.load(keyfile_path(store.path)).users
    names = store.db.execute("SELECT username FROM app_user WHERE NOT disabled ORDER BY username")
    return [name for (name,) in names if name in with_keys]


def _is_user(store: Store, user: str) -> bool:
    return (
        store.db.execute("SELECT 1 FROM app_user WHERE username = ?", [user]).fetchone() is not None
    )


def _remove_new_site(database: Path) -> None:
    """The files a joining desk made: its database (and SQLite's side files) and key file."""
    for made in database.parent.glob(f"{database.name}*"):
        made.unlink(missing_ok=True)
