"""The `staging-site` command line: parsing, logging in, and handing over to one sub-command.

Exit codes: 0 success, 1 input (partly) rejected or a check failed, 2 usage errors.
Every command that opens a site takes `--user`; the password comes from STAGING_PASSWORD
or is asked for without echo.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs
import sqlcipher3

from cli.backup_commands import BACKUP_COMMANDS, RESTORE_COMMAND, cmd_restore
from cli.backup_commands import register as register_backups
from cli.court_commands import COURT_COMMANDS, COURTS_COMMAND, cmd_courts_without_site, needs_site
from cli.court_commands import register as register_courts
from cli.duplicate_commands import DUPLICATE_COMMANDS
from cli.duplicate_commands import register as register_duplicates
from cli.enroll_commands import ENROLL_COMMANDS, cmd_enroll_join, is_join
from cli.enroll_commands import register as register_enroll
from cli.export_commands import DECRYPT_COMMAND, EXPORT_COMMANDS, cmd_decrypt_export
from cli.export_commands import register as register_exports
from cli.import_commands import IMPORT_COMMANDS
from cli.import_commands import register as register_imports
from cli.medical_commands import MEDICAL_COMMANDS
from cli.medical_commands import register as register_medical
from cli.output import EXIT_OK, EXIT_REJECTED, EXIT_USAGE, emit, fail
from cli.paperwork_commands import PAPERWORK_COMMANDS
from cli.paperwork_commands import register as register_paperwork
from cli.site_commands import SITE_COMMANDS
from cli.sync_commands import SYNC_COMMANDS
from cli.sync_commands import register as register_sync
from cli.transport_commands import TRANSPORT_COMMANDS
from cli.transport_commands import register as register_transport
from cli.user_commands import USER_COMMANDS
from staging.demo.build import create_demo_site
from staging.domain import PORTS_BY_CODE
from staging.errors import Refused, UserError
from staging.people.queries import count_people
from staging.registration.template import write_template
from staging.rules import Policy, SitePolicy
from staging.security.access import Session, create_site, open_site
from staging.site.settings import checked_site_name, save_site_settings

PASSWORD_VARIABLE = "STAGING_PASSWORD"


class UsageError(Refused):
    """The command was called wrongly (exit code 2)."""


def default_database() -> Path:
    return Path(platformdirs.user_data_dir("StagingDesk", appauthor=False)) / "site.db"


def read_password(prompt: str = "Password / Contraseña: ") -> str:
    """From STAGING_PASSWORD (scripts), else asked without echo (people)."""
    if PASSWORD_VARIABLE in os.environ:
        return os.environ[PASSWORD_VARIABLE]
    if not sys.stdin.isatty():
        raise UsageError(
            f"No password: set {PASSWORD_VARIABLE} or run in a terminal",
            f"Falta la contraseña: defina {PASSWORD_VARIABLE} o use una terminal",
        )
    return getpass.getpass(prompt)


def cmd_init(args: argparse.Namespace, path: Path) -> int:
    policy = Policy(site=SitePolicy(port_of_entry=args.port, timezone=args.timezone))
    checked_site_name(args.site_name)  # before anything is created on disk
    session = create_site(path, args.admin, read_password())
    try:
        save_site_settings(session.store, session.actor, args.site_name, policy)
    finally:
        session.close()
    data = {
        "database": str(path),
        "site_name": args.site_name,
        "port": args.port,
        "admin": args.admin,
    }
    emit(args, data, lambda: print(f"Site database ready / Base de datos lista: {path}"))
    return EXIT_OK


def cmd_demo(args: argparse.Namespace, path: Path) -> int:
    session = create_demo_site(path, people=args.people, seed=args.seed)
    people = count_people(session.store)
    session.close()
    data = {"database": str(path), "people": people, "seed": args.seed}
    emit(
        args,
        data,
        lambda: print(
            f"Demo site with {people} people / Sitio de demostración con {people} personas: "
            f"{path}\nUsers / Usuarios: admin, coordinator, intake, screener "
            "(password / contraseña: <user>-demo)"
        ),
    )
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=Path, default=argparse.SUPPRESS, help="site database file")
    common.add_argument("--json", action="store_true", help="machine-readable output")
    login = argparse.ArgumentParser(add_help=False, parents=[common])
    login.add_argument("--user", required=True, help="your user name on this site")

    parser = argparse.ArgumentParser(
        prog="staging-site",
        description="Staging Desk — MPP staging site desk. Without a command, opens the app.",
    )
    parser.add_argument("--db", type=Path, default=None, help="site database file")
    commands = parser.add_subparsers(dest="command")

    init = commands.add_parser("init", parents=[common], help="create an encrypted site")
    init.add_argument("--admin", required=True, help="user name of the first administrator")
    init.add_argument("--site-name", default="Staging site")
    init.add_argument("--port", choices=sorted(PORTS_BY_CODE), default="SYS")
    init.add_argument("--timezone", type=_time_zone, default="America/Tijuana")

    demo = commands.add_parser("demo", parents=[common], help="build a demo site")
    demo.add_argument("--people", type=_people_count, default=2000)
    demo.add_argument("--seed", type=int, default=2021)

    template = commands.add_parser("template", parents=[common], help="write a blank list")
    template.add_argument("file")
    template.add_argument("--spanish", action="store_true", help="Spanish column headers")

    search = commands.add_parser("search", parents=[login], help="find people")
    search.add_argument("query")
    search.add_argument("--limit", type=_positive, default=20)

    person = commands.add_parser("person", parents=[login], help="one person's details")
    person.add_argument("reference", help="registration id, A-number or id")

    queue = commands.add_parser("queue", parents=[login], help="the priority queue")
    queue.add_argument("--limit", type=_positive, default=50)

    audit = commands.add_parser("audit", parents=[common], help="audit log")
    audit_commands = audit.add_subparsers(dest="audit_command", required=True)
    verify = audit_commands.add_parser(
        "verify", parents=[login], help="prove the audit chain, the data and the schema"
    )
    verify.add_argument(
        "--anchors",
        type=Path,
        action="append",
        metavar="FOLDER",
        help="also check the backup manifests in this folder (e.g. a USB stick); repeatable",
    )
    trail = audit_commands.add_parser("trail", parents=[login], help="one person's history")
    trail.add_argument("reference")

    users = commands.add_parser("users", parents=[common], help="manage users (admin)")
    user_commands = users.add_subparsers(dest="user_command", required=True)
    user_commands.add_parser("list", parents=[login])
    add = user_commands.add_parser("add", parents=[login])
    add.add_argument("username")
    add.add_argument(
        "--role", required=True, choices=["intake", "screener", "coordinator", "admin"]
    )
    add.add_argument("--name", default="", help="display name")
    disable = user_commands.add_parser("disable", parents=[login])
    disable.add_argument("username")
    reset = user_commands.add_parser("reset-password", parents=[login])
    reset.add_argument("username")
    user_commands.add_parser(
        "rekey",
        parents=[login],
        help="re-encrypt the site under a new key (close the other desks first)",
    )
    password = commands.add_parser("password", parents=[login], help="change your own password")
    password.add_argument(
        "--leaked",
        action="store_true",
        help="the old password may be known to someone: also re-encrypt the site",
    )
    register_imports(commands, common, login)
    register_exports(commands, common, login)
    register_backups(commands, common, login)
    register_medical(commands, common, login)
    register_courts(commands, common, login)
    register_paperwork(commands, common, login)
    register_transport(commands, common, login)
    register_duplicates(commands, common, login)
    register_sync(commands, common, login)
    register_enroll(commands, common, login)
    return parser


def _time_zone(text: str) -> str:
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise argparse.ArgumentTypeError(
            f"unknown time zone {text!r} (e.g. America/Tijuana) / zona horaria desconocida"
        ) from error
    return text


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("a number from 1 / un número desde 1")
    return value


def _people_count(text: str) -> int:
    value = int(text)
    if not 1 <= value <= 100_000:
        raise argparse.ArgumentTypeError("between 1 and 100000 / entre 1 y 100000")
    return value


NEW_SITE_COMMANDS: dict[str, Callable[[argparse.Namespace, Path], int]] = {
    "init": cmd_init,
    "demo": cmd_demo,
}
SESSION_COMMANDS: dict[str, Callable[[argparse.Namespace, Session], int]] = {
    **SITE_COMMANDS,
    **IMPORT_COMMANDS,
    **USER_COMMANDS,
    **EXPORT_COMMANDS,
    **BACKUP_COMMANDS,
    **MEDICAL_COMMANDS,
    **COURT_COMMANDS,
    **PAPERWORK_COMMANDS,
    **TRANSPORT_COMMANDS,
    **DUPLICATE_COMMANDS,
    **SYNC_COMMANDS,
    **ENROLL_COMMANDS,
}


def run(argv: Sequence[str] | None = None) -> int:
    """Run one sub-command and return its exit code; no command opens the desk app."""
    args = build_parser().parse_args(argv)
    if args.command is None:
        from ui.app import run_gui  # Qt is loaded only when a window is wanted

        return run_gui(args.db or default_database())
    if args.command == "template":
        path = write_template(Path(args.file), spanish=args.spanish)
        emit(args, {"template": str(path)}, lambda: print(f"Template / Plantilla: {path}"))
        return EXIT_OK
    if args.command == DECRYPT_COMMAND:
        return cmd_decrypt_export(args)
    if args.command == COURTS_COMMAND and not needs_site(args):
        return cmd_courts_without_site(args)
    path = args.db or default_database()
    try:
        if is_join(args):
            return cmd_enroll_join(args, path, read_password() if args.admin else None)
        if args.command in NEW_SITE_COMMANDS:
            return NEW_SITE_COMMANDS[args.command](args, path)
        if args.command == RESTORE_COMMAND:
            return cmd_restore(args, path, read_password())
        session = open_site(path, args.user, read_password())
    except UsageError as error:
        return fail(args, error.message_en, error.message_es, EXIT_USAGE)
    except UserError as error:
        return fail(args, error.message_en, error.message_es, EXIT_REJECTED)
    except (OSError, sqlcipher3.Error) as error:
        return _cannot_use(args, path, error)
    try:
        return SESSION_COMMANDS[args.command](args, session)
    except UsageError as error:
        return fail(args, error.message_en, error.message_es, EXIT_USAGE)
    except UserError as error:
        return fail(args, error.message_en, error.message_es, EXIT_REJECTED)
    except (OSError, sqlcipher3.Error) as error:
        return _cannot_use(args, path, error)
    finally:
        session.close()


def _cannot_use(args: argparse.Namespace, path: Path, error: Exception) -> int:
    """A file or folder the system refuses (missing, a folder, read-only, full): say so plainly."""
    return fail(
        args,
        f"Could not use {path}: {error}",
        f"No se pudo usar {path}: {error}",
        EXIT_REJECTED,
    )
