"""`staging-site courts`: the immigration courts nearest a ZIP code, and loading an updated list.

`courts nearest` reads only the court directory, which holds no one's data, so it needs no
login: without `--user` it answers from the directory shipped with the app; with `--user` (and
`--db`) from the one the site's administrator loaded. `courts load` replaces the site's
directory and is an administrator's change, audited like any other.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cli.output import EXIT_OK, EXIT_REJECTED, EXIT_USAGE, emit, fail
from staging.courts.directory import Court, CourtDirectory, OplaOffice, shipped_directory
from staging.courts.nearest import NearbyCourt, nearest_courts
from staging.courts.site import load_court_directory, site_directory
from staging.errors import UserError
from staging.security.access import Session

COURTS_COMMAND = "courts"
Command = Callable[[argparse.Namespace, Session], int]


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    login: argparse.ArgumentParser,
) -> dict[str, Command]:
    """Add `courts nearest` and `courts load`; returns the runner used when a site is open."""
    courts = commands.add_parser(COURTS_COMMAND, parents=[common], help="immigration courts")
    court_commands = courts.add_subparsers(dest="courts_command", required=True)
    nearest = court_commands.add_parser(
        "nearest",
        parents=[common],
        help="the courts nearest a ZIP code (no login: the shipped directory)",
    )
    nearest.add_argument("zip", metavar="ZIP", help="5 digits or ZIP+4")
    nearest.add_argument("--limit", type=_positive, default=5)
    nearest.add_argument(
        "--detained",
        action="store_true",
        help="the person is detained: also propose courts that hear only detained cases",
    )
    nearest.add_argument(
        "--user", default=None, help="use the directory this site loaded (asks for the password)"
    )
    load = court_commands.add_parser(
        "load", parents=[login], help="replace the site's court directory (admin)"
    )
    load.add_argument("courts_file", type=Path, metavar="COURTS.csv")
    load.add_argument("opla_file", type=Path, metavar="OPLA.csv")
    return COURT_COMMANDS


def needs_site(args: argparse.Namespace) -> bool:
    """Whether the command must open the site (and so log in) before it runs."""
    return args.courts_command == "load" or args.user is not None


def cmd_courts_without_site(args: argparse.Namespace) -> int:
    """`courts nearest` from the shipped directory; `--db` alone would be silently ignored."""
    if getattr(args, "db", None) is not None:
        return fail(
            args,
            "--db needs --user: the site's directory is read after logging in",
            "--db necesita --user: el directorio del sitio se lee después de iniciar sesión",
            EXIT_USAGE,
        )
    try:
        return _nearest(args, shipped_directory(), "shipped")
    except UserError as error:
        return fail(args, error.message_en, error.message_es, EXIT_REJECTED)


def cmd_courts(args: argparse.Namespace, session: Session) -> int:
    if args.courts_command == "nearest":
        return _nearest(args, site_directory(session.store), "site")
    directory = load_court_directory(
        session.store, session.actor, args.courts_file, args.opla_file
    ).value
    courts, offices = len(directory.courts), len(directory.opla_offices)
    emit(
        args,
        {
            "courts": courts,
            "opla_offices": offices,
            "courts_file": str(args.courts_file),
            "opla_file": str(args.opla_file),
        },
        lambda: print(
            f"Court directory loaded: {courts} courts, {offices} OPLA offices / Directorio de"
            f" cortes cargado: {courts} cortes, {offices} oficinas OPLA"
        ),
    )
    return EXIT_OK


COURT_COMMANDS: dict[str, Command] = {COURTS_COMMAND: cmd_courts}


def _nearest(args: argparse.Namespace, directory: CourtDirectory, source: str) -> int:
    found = nearest_courts(directory, args.zip, released=not args.detained, limit=args.limit)
    data = {
        "zip": args.zip.strip(),
        "directory": source,
        "detained": args.detained,
        "courts": [_nearby_data(rank, near) for rank, near in enumerate(found, start=1)],
    }
    emit(args, data, lambda: _print_nearest(args.zip.strip(), source, found))
    return EXIT_OK


def _nearby_data(rank: int, near: NearbyCourt) -> dict[str, Any]:
    return {
        "rank": rank,
        **_court_data(near.court),
        "miles": round(near.miles, 1),
        "km": round(near.km, 1),
        "opla_office": _office_data(near.opla_office),
    }


def _court_data(court: Court) -> dict[str, Any]:
    return {
        "key": court.key,
        "name": court.name,
        "address_lines": list(court.address_lines),
        "detained_only": court.detained_only,
        "note_en": court.note.en if court.note else "",
        "note_es": court.note.es if court.note else "",
    }


def _office_data(office: OplaOffice) -> dict[str, Any]:
    return {
        "key": office.key,
        "name": office.name,
        "address_lines": list(office.address_lines),
        "phone": office.phone,
        "note_en": office.note.en if office.note else "",
        "note_es": office.note.es if office.note else "",
    }


def _print_nearest(zip_code: str, source: str, found: list[NearbyCourt]) -> None:
    which = (
        ("the site's directory", "directorio del sitio")
        if source == "site"
        else ("shipped directory", "directorio incluido")
    )
    print(
        f"Nearest immigration courts to ZIP {zip_code} ({which[0]}) / Cortes de inmigración más"
        f" cercanas al código postal {zip_code} ({which[1]}):"
    )
    for rank, near in enumerate(found, start=1):
        court, office = near.court, near.opla_office
        detained = " — detained only / solo detenidos" if court.detained_only else ""
        print(f"{rank}. {court.name} — {near.miles:.1f} mi / {near.km:.1f} km{detained}")
        print(f"   {', '.join(court.address_lines)}")
        if court.note:
            print(f"   Note: {court.note.en}\n   Nota: {court.note.es}")
        phone = f" — {office.phone}" if office.phone else ""
        print(f"   OPLA: {office.name} — {', '.join(office.address_lines)}{phone}")
        if office.note:
            print(f"   OPLA note: {office.note.en}\n   Nota OPLA: {office.note.es}")


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("a number from 1 / un número desde 1")
    return value
