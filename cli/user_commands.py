"""Sub-commands about who may log in: list, add, disable, reset a password, change your own."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from cli.output import EXIT_OK, emit
from staging.domain import Role
from staging.errors import Refused
from staging.security import access
from staging.security.access import Session

NEW_PASSWORD_VARIABLE = "STAGING_NEW_PASSWORD"


def read_new_password() -> str:
    """From STAGING_NEW_PASSWORD (scripts), else typed twice without echo."""
    if NEW_PASSWORD_VARIABLE in os.environ:
        return os.environ[NEW_PASSWORD_VARIABLE]
    if not sys.stdin.isatty():
        raise Refused(
            f"No new password: set {NEW_PASSWORD_VARIABLE} or run in a terminal",
            f"Falta la nueva contraseña: defina {NEW_PASSWORD_VARIABLE} o use una terminal",
        )
    first = getpass.getpass("New password / Nueva contraseña: ")
    if getpass.getpass("Again / Otra vez: ") != first:
        raise Refused("The two passwords differ", "Las dos contraseñas no coinciden")
    return first


def cmd_users(args: argparse.Namespace, session: Session) -> int:
    command = args.user_command
    if command == "list":
        users = access.list_users(session)

        def human() -> None:
            for user in users:
                state = (
                    "disabled / desactivado"
                    if user["disabled"]
                    else ""
                    if user["can_log_in"]
                    else "needs a new password / necesita una contraseña nueva"
                )
                print(
                    f"{user['username']:<16} {user['role']:<12} {user['display_name']:<24} {state}"
                )

        emit(args, users, human)
        return EXIT_OK
    if command == "add":
        access.add_user(
            session, args.username, Role(args.role), read_new_password(), display_name=args.name
        )
        message = f"User {args.username} added / Usuario {args.username} agregado"
    elif command == "disable":
        report = access.disable_user(session, args.username).value
        message = (
            f"User {args.username} can no longer log in, and the site was re-encrypted / "
            f"El usuario {args.username} ya no puede entrar, y el sitio se volvió a cifrar"
            + _left_out(report)
        )
    elif command == "rekey":
        report = access.rekey_site(session, reason="asked for by an administrator").value
        message = "The site was re-encrypted / El sitio se volvió a cifrar" + _left_out(report)
    else:
        access.reset_password(session, args.username, read_new_password())
        message = f"Password of {args.username} reset / Contraseña de {args.username} restablecida"
    emit(args, {"ok": True, "user": args.username}, lambda: print(message))
    return EXIT_OK


def _left_out(report: access.RekeyReport) -> str:
    if not report.needs_new_password:
        return ""
    names = ", ".join(report.needs_new_password)
    return (
        f"\nThese users had not logged in since the key file was upgraded and need a new"
        f" password (users reset-password): {names}"
        f"\nEstos usuarios no habían entrado desde que se actualizó el archivo de claves y"
        f" necesitan una contraseña nueva (users reset-password): {names}"
    )


def cmd_password(args: argparse.Namespace, session: Session) -> int:
    old = os.environ.get("STAGING_PASSWORD") or getpass.getpass("Current / Actual: ")
    access.change_own_password(session, old, read_new_password(), suspected_leak=args.leaked)
    emit(args, {"ok": True}, lambda: print("Password changed / Contraseña cambiada"))
    return EXIT_OK


USER_COMMANDS = {"users": cmd_users, "password": cmd_password}
