"""Sub-commands that link a desk to its site's hub and move changes: `hub init`, `sync`.

`sync` alone pushes and pulls through the hub; `sync export FOLDER` and `sync import BUNDLE`
carry the same changes on a USB stick. The action is an optional positional rather than a
sub-command so that `sync --db X --user U` and `sync export FOLDER --db X --user U` both parse.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from cli.output import EXIT_OK, EXIT_USAGE, emit, fail
from staging.security.access import Session
from staging.sync.bundle import export_bundle, import_bundle
from staging.sync.desk import set_up_hub
from staging.sync.revocation import revoke_desk, site_desks
from staging.sync.users import reconcile_users, sync_desk

EXPORT, IMPORT = "export", "import"


def cmd_hub(args: argparse.Namespace, session: Session) -> int:
    if args.hub_command == "desks":
        return _list_desks(args, session)
    if args.hub_command == "revoke":
        return _revoke(args, session)
    set_up_hub(session.store, session.actor, args.hub, args.site)
    data = {"site": args.site, "device": session.store.device_id}
    emit(
        args,
        data,
        lambda: print(
            f"Hub ready for site {args.site}; this desk ({session.store.device_id}) is "
            "registered / Servidor listo para el sitio "
            f"{args.site}; este equipo ({session.store.device_id}) está registrado"
        ),
    )
    return EXIT_OK


def _list_desks(args: argparse.Namespace, session: Session) -> int:
    desks = site_desks(session.store, session.actor)
    data = [
        {
            "device": desk.device,
            "this_desk": desk.device == session.store.device_id,
            "enrolled_at": desk.enrolled_at.isoformat() if desk.enrolled_at else None,
            "revoked_at": desk.revoked_at.isoformat() if desk.revoked_at else None,
        }
        for desk in desks
    ]

    def human() -> None:
        for desk in data:
            state = "revoked / revocado" if desk["revoked_at"] else "active / activo"
            mine = " (this desk / este equipo)" if desk["this_desk"] else ""
            print(f"{desk['device']}  {state}{mine}")

    emit(args, {"desks": data}, human)
    return EXIT_OK


def _revoke(args: argparse.Namespace, session: Session) -> int:
    revoked = revoke_desk(session.store, session.actor, args.device).value
    emit(
        args,
        revoked.__dict__,
        lambda: print(
            f"Desk {revoked.device} revoked; new sync keys {revoked.key_id} given to "
            f"{len(revoked.granted)} desk(s), {len(revoked.waiting)} will get them once they "
            f"sync / Equipo {revoked.device} revocado; nuevas claves {revoked.key_id} "
            f"entregadas a {len(revoked.granted)} equipo(s), {len(revoked.waiting)} las "
            "recibirán al sincronizar.\nAlso change the hub's password / Cambie también la "
            "contraseña del servidor."
        ),
    )
    return EXIT_OK


def cmd_sync(args: argparse.Namespace, session: Session) -> int:
    if args.action is None and args.path is not None:
        return fail(
            args,
            f"Unexpected {args.path}: use `sync`, `sync export FOLDER` or `sync import BUNDLE`",
            f"{args.path} sobra: use `sync`, `sync export CARPETA` o `sync import PAQUETE`",
            EXIT_USAGE,
        )
    if args.action is not None and args.path is None:
        what = "FOLDER / CARPETA" if args.action == EXPORT else "BUNDLE / PAQUETE"
        return fail(
            args,
            f"`sync {args.action}` needs a {what.split(' / ')[0]}",
            f"`sync {args.action}` necesita una {what.split(' / ')[1]}",
            EXIT_USAGE,
        )
    if args.action == EXPORT:
        reconcile_users(session)  # the users' credentials travel on the stick too
        path = export_bundle(session.store, session.actor, Path(args.path))
        emit(args, {"bundle": str(path)}, lambda: print(f"Bundle / Paquete: {path}"))
        return EXIT_OK
    if args.action == IMPORT:
        received = import_bundle(session.store, session.actor, Path(args.path))
        reconcile_users(session)
        data = {**received.__dict__, "bundle": args.path}
        emit(
            args,
            data,
            lambda: print(
                f"Applied {received.applied}, already here {received.known}, conflicts to "
                f"review {received.conflicts}, waiting {received.pending} / "
                f"Aplicados {received.applied}, ya estaban {received.known}, conflictos por "
                f"revisar {received.conflicts}, en espera {received.pending}"
            ),
        )
        return EXIT_OK
    report = sync_desk(session).value
    emit(
        args,
        report.as_dict(),
        lambda: print(
            f"Sent {report.sent}, received {report.received}, conflicts to review "
            f"{report.conflicts}, waiting {report.pending} / "
            f"Enviados {report.sent}, recibidos {report.received}, conflictos por revisar "
            f"{report.conflicts}, en espera {report.pending}"
        ),
    )
    return EXIT_OK


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    login: argparse.ArgumentParser,
) -> dict[str, Callable[[argparse.Namespace, Session], int]]:
    """Add `hub init` and `sync`; returns the commands that run in an open site."""
    hub = commands.add_parser("hub", parents=[common], help="the site's sync hub (admin)")
    hub_commands = hub.add_subparsers(dest="hub_command", required=True)
    init = hub_commands.add_parser(
        "init", parents=[login], help="create the hub's tables and link this desk to it"
    )
    init.add_argument("--hub", required=True, help="PostgreSQL URL of the hub")
    init.add_argument("--site", required=True, help="the site's name at the hub")
    hub_commands.add_parser("desks", parents=[login], help="the site's desks, revoked or not")
    revoke = hub_commands.add_parser(
        "revoke", parents=[login], help="revoke a lost desk and change the site's sync keys"
    )
    revoke.add_argument("device", help="the lost desk's id (see `hub desks`)")
    sync_parser = commands.add_parser(
        "sync", parents=[login], help="push and pull through the hub, or a USB bundle"
    )
    sync_parser.add_argument(
        "action", nargs="?", choices=[EXPORT, IMPORT], help="write or read a USB bundle"
    )
    sync_parser.add_argument("path", nargs="?", help="folder to export to, or bundle to import")
    return SYNC_COMMANDS


SYNC_COMMANDS: dict[str, Callable[[argparse.Namespace, Session], int]] = {
    "hub": cmd_hub,
    "sync": cmd_sync,
}
