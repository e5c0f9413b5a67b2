"""Sub-commands that bring a new laptop into a site: `enroll create` and `enroll join`.

The enrollment passphrase comes from STAGING_ENROLL_PASSPHRASE or is typed (`cli.passphrases`).
`enroll join` opens no existing site: it creates one, so it is dispatched before any login;
the site's users arrive with it, and only `--admin` asks for a new administrator's password.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from cli.output import EXIT_OK, EXIT_USAGE, emit, fail
from cli.passphrases import MissingPassphrase, PassphraseSource
from staging.security.access import Session
from staging.sync.desk import hub_link
from staging.sync.enrollment import create_enrollment, join_site
from staging.sync.users import sync_desk
from staging.vocabulary import Words

PASSPHRASE_VARIABLE = "STAGING_ENROLL_PASSPHRASE"
ENROLL_COMMAND, CREATE, JOIN = "enroll", "create", "join"
PASSPHRASE = PassphraseSource(
    PASSPHRASE_VARIABLE, Words("Enrollment passphrase", "Frase de contraseña de inscripción")
)


def is_join(args: argparse.Namespace) -> bool:
    return args.command == ENROLL_COMMAND and args.enroll_command == JOIN


def cmd_enroll_create(args: argparse.Namespace, session: Session) -> int:
    try:
        passphrase = PASSPHRASE.read(confirm=True)
    except MissingPassphrase as error:
        return fail(args, error.message_en, error.message_es, EXIT_USAGE)
    # The site's users travel with the file's first sync: make sure theirs are at the hub.
    sync_desk(session)
    path = create_enrollment(session.store, session.actor, Path(args.out), passphrase)
    data = {"file": str(path), "site": hub_link(session.store).site}
    emit(
        args,
        data,
        lambda: print(
            f"Enrollment file / Archivo de inscripción: {path}\n"
            "It holds the site's keys: give the passphrase separately and delete the file once "
            "the desk has joined / Contiene las claves del sitio: entregue la frase de "
            "contraseña por separado y borre el archivo cuando el equipo se haya unido"
        ),
    )
    return EXIT_OK


def cmd_enroll_join(args: argparse.Namespace, path: Path, password: str | None) -> int:
    """Create the site at `path` from the enrollment file, linked and synced once."""
    try:
        passphrase = PASSPHRASE.read(confirm=False)
    except MissingPassphrase as error:
        return fail(args, error.message_en, error.message_es, EXIT_USAGE)
    joined = join_site(Path(args.file), passphrase, path, args.admin, password)
    data = {
        "database": str(path),
        "site": joined.site,
        "site_name": joined.site_name,
        "people": joined.people,
        "users": joined.users,
    }
    emit(
        args,
        data,
        lambda: print(
            f"Joined {joined.site_name or joined.site}: {joined.people} people received / "
            f"Unido a {joined.site_name or joined.site}: {joined.people} personas "
            f"recibidas\nSite database / Base de datos: {path}\n"
            f"Who can log in / Quién puede iniciar sesión: {', '.join(joined.users)}"
        ),
    )
    return EXIT_OK


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    login: argparse.ArgumentParser,
) -> dict[str, Callable[[argparse.Namespace, Session], int]]:
    """Add `enroll create` and `enroll join`; returns the commands that run in an open site
    (`enroll join` is dispatched with `cmd_enroll_join` when `is_join`, before any login)."""
    enroll = commands.add_parser(
        ENROLL_COMMAND, parents=[common], help="bring a new desk into the site (admin)"
    )
    enroll_commands = enroll.add_subparsers(dest="enroll_command", required=True)
    create = enroll_commands.add_parser(
        CREATE, parents=[login], help="write a passphrase-sealed enrollment file"
    )
    create.add_argument("--out", required=True, help="file to write (gets the .sdenroll suffix)")
    join = enroll_commands.add_parser(
        JOIN, parents=[common], help="create this desk's site from an enrollment file and sync"
    )
    join.add_argument("file", help="the enrollment file (.sdenroll)")
    join.add_argument(
        "--admin",
        help="also give this desk an administrator of its own (the site's users arrive anyway)",
    )
    return ENROLL_COMMANDS


ENROLL_COMMANDS: dict[str, Callable[[argparse.Namespace, Session], int]] = {
    ENROLL_COMMAND: cmd_enroll_create
}
