"""Sub-commands `backup` and `restore`.

`backup` runs in a session like the others. `restore` opens no session of the target: the
target may be missing (a new laptop) or broken, which is why it is being restored; the
password is checked against the backup's own key file instead.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from cli.output import EXIT_OK, emit
from staging.backup import backup_to, default_backup_folder, restore_from
from staging.security.access import Session
from staging.security.keyfile import keyfile_path

RESTORE_COMMAND = "restore"


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    login: argparse.ArgumentParser,
) -> dict[str, Callable[[argparse.Namespace, Session], int]]:
    """Add `backup` and `restore`; returns the commands that run in an open site.

    `restore` is not among them: it is dispatched with `cmd_restore`, before any site is opened.
    """
    backup = commands.add_parser(
        "backup", parents=[login], help="encrypted backup (coordinators, administrators)"
    )
    backup.add_argument(
        "--to",
        type=Path,
        default=None,
        metavar="FOLDER",
        help="an existing folder, e.g. on a USB stick (default: the automatic backups folder)",
    )
    restore = commands.add_parser(
        RESTORE_COMMAND, parents=[common], help="replace the site database with a backup (admin)"
    )
    restore.add_argument("backup_file", type=Path, metavar="FILE", help="a staging-*.db backup")
    restore.add_argument("--user", required=True, help="an administrator's user name in the backup")
    return BACKUP_COMMANDS


def cmd_backup(args: argparse.Namespace, session: Session) -> int:
    folder = args.to if args.to is not None else default_backup_folder(session)
    made = backup_to(session, folder).value
    keys = keyfile_path(made)
    data = {"backup": str(made), "keys": str(keys), "bytes": made.stat().st_size}

    def human() -> None:
        print(f"Backup saved / Copia de seguridad guardada: {made}")
        print(
            f"Keep {keys.name} with it: without it the backup cannot be opened.\n"
            f"Guarde {keys.name} junto con ella: sin ese archivo la copia no se puede abrir."
        )

    emit(args, data, human)
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, target: Path, password: str) -> int:
    """Restore `args.backup_file` over `target`, with the password of `args.user` in the backup."""
    replaced = restore_from(args.backup_file, target, args.user, password)
    data = {
        "restored": str(target),
        "backup": str(args.backup_file),
        "replaced": str(replaced) if replaced else None,
    }

    def human() -> None:
        print(f"Restored / Restaurada: {target}  ←  {args.backup_file}")
        if replaced:
            print(f"The previous database was kept / La base anterior se guardó: {replaced}")
        print(
            "Users and passwords are those of the backup's date.\n"
            "Los usuarios y las contraseñas son los de la fecha de la copia."
        )

    emit(args, data, human)
    return EXIT_OK


BACKUP_COMMANDS: dict[str, Callable[[argparse.Namespace, Session], int]] = {"backup": cmd_backup}
