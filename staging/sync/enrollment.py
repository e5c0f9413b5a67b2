"""Enrollment files: how a new laptop joins a site's hub without anyone typing keys.

An administrator of a linked desk writes one file holding the hub's address (a PostgreSQL URL,
often with its password), the site's name at the hub, the site's keys and the site's name for
screens, as canonical JSON sealed with a passphrase in the export container
(`staging.exports`: Argon2id + AES-256-GCM). The file travels on a USB stick and the passphrase
is said aloud, so a lost stick alone gives nobody the site's people or the hub's password.

On the new laptop, `join_site` opens the file before touching the disk, creates the encrypted
site database with its first administrator (as `staging-site init` does), links it to the hub
with the keys, and runs a first sync, so the desk starts with everything the site holds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from staging.clock import Clock
from staging.errors import Refused, UserError
from staging.exports import (
    check_passphrase,
    decrypt_bytes,
    encrypt_bytes,
    write_new_file,
)
from staging.rules import Action
from staging.security.access import Session, create_site
from staging.security.keyfile import KdfParams
from staging.store.store import SETTING_SITE_NAME, Actor, Store, require
from staging.sync.desk import hub_link, join_hub, keys_from_text, keys_to_text, sync
from staging.sync.envelope import SiteKeys
from staging.sync.hub import Hub

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
    keys: SiteKeys


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
        "keys": json.loads(keys_to_text(link.keys)),
    }
    sealed = encrypt_bytes(
        json.dumps(content, sort_keys=True).encode(), passphrase, kdf or KdfParams()
    )
    written = False
    try:
        with store.write(actor, Action.MANAGE_SETTINGS) as work:
            work.note(NOTE_ENTITY, target.name, {"site": link.site, "key_id": link.keys.key_id})
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
    try:
        sealed = path.read_bytes()
    except OSError as error:
        raise Refused(
            f"Cannot read {path} ({error.strerror or error})",
            f"No se puede leer {path} ({error.strerror or error})",
        ) from error
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
            keys_from_text(json.dumps(fields["keys"])),
        )
    except (ValueError, KeyError, TypeError) as error:
        raise NotAnEnrollment(path) from error


def join_site(
    path: Path,
    passphrase: str,
    database: Path,
    admin_user: str,
    admin_password: str,
    *,
    clock: Clock | None = None,
    kdf: KdfParams | None = None,
) -> Session:
    """A new desk of the site at `database`, linked and synced once; returns its first
    administrator's session, still open.

    The file is opened and the hub reached before anything is written, so a wrong passphrase
    or an unreachable hub leaves no half-made site. Should the first sync break off, the desk
    is already linked and `staging-site sync` carries on from where it stopped.
    """
    enrollment = read_enrollment(path, passphrase)
    with Hub.connect(enrollment.url):
        pass
    session = create_site(Path(database), admin_user, admin_password, clock=clock, kdf=kdf)
    try:
        join_hub(session.store, session.actor, enrollment.url, enrollment.site, enrollment.keys)
        sync(session.store, session.actor)
    except BaseException:
        session.close()
        raise
    return session
