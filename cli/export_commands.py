"""Sub-commands that take people's data off the site: `export` and `decrypt-export`.

The passphrase comes from STAGING_EXPORT_PASSPHRASE (scripts) or is typed without echo (twice
when choosing one); it is never an argument, because arguments end up in shell histories and
process lists. `decrypt-export` opens no site: a partner runs it with only the file.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path

from cli.output import EXIT_OK, EXIT_REJECTED, EXIT_USAGE, emit, fail
from staging.errors import Refused, UserError
from staging.exports import FORMATS, ExportFormat, decrypt_export, export_people, write_new_file
from staging.security.access import Session

PASSPHRASE_VARIABLE = "STAGING_EXPORT_PASSPHRASE"
DECRYPT_COMMAND = "decrypt-export"


class MissingPassphrase(Refused):
    """No way to get a passphrase (no variable, no terminal): a usage error, exit code 2."""

    def __init__(self) -> None:
        super().__init__(
            f"No export passphrase: set {PASSPHRASE_VARIABLE} or run in a terminal",
            f"Falta la frase de contraseña de la exportación: defina {PASSPHRASE_VARIABLE} "
            "o use una terminal",
        )


def read_passphrase(*, confirm: bool) -> str:
    """From the environment, else typed without echo; a new passphrase is typed twice."""
    if PASSPHRASE_VARIABLE in os.environ:
        return os.environ[PASSPHRASE_VARIABLE]
    if not sys.stdin.isatty():
        raise MissingPassphrase()
    first = getpass.getpass("Export passphrase / Frase de contraseña de la exportación: ")
    if confirm and getpass.getpass("Again / Otra vez: ") != first:
        raise Refused("The two passphrases differ", "Las dos frases de contraseña no coinciden")
    return first


def export_format(args: argparse.Namespace) -> ExportFormat:
    """As asked, else guessed from the file name ("people.json"), else CSV."""
    if args.format:
        return args.format
    return "json" if ".json" in Path(args.file).suffixes else "csv"


def cmd_export(args: argparse.Namespace, session: Session) -> int:
    try:
        passphrase = None if args.plaintext else read_passphrase(confirm=True)
    except MissingPassphrase as error:
        return fail(args, error.message_en, error.message_es, EXIT_USAGE)
    result = export_people(
        session,
        Path(args.file),
        fmt=export_format(args),
        passphrase=passphrase,
        plaintext=args.plaintext,
    )

    def human() -> None:
        if result.encrypted:
            print(
                f"Encrypted export of {result.rows} people / "
                f"Exportación cifrada de {result.rows} personas: {result.path}\n"
                "Give the passphrase to the partner separately, never with the file / "
                "Entregue la frase de contraseña al socio por separado, nunca con el archivo"
            )
        else:
            print(
                f"UNENCRYPTED export of {result.rows} people / "
                f"Exportación SIN CIFRAR de {result.rows} personas: {result.path}\n"
                "Anyone with this file can read it: delete it once delivered / "
                "Cualquiera con este archivo puede leerlo: bórrelo al entregarlo"
            )

    emit(args, result.as_dict(), human)
    return EXIT_OK


def cmd_decrypt_export(args: argparse.Namespace) -> int:
    """Open an encrypted export into OUT; needs no site, user or password of this app."""
    try:
        content = decrypt_export(Path(args.file), read_passphrase(confirm=False))
        write_new_file(Path(args.out), content)
    except MissingPassphrase as error:
        return fail(args, error.message_en, error.message_es, EXIT_USAGE)
    except UserError as error:
        return fail(args, error.message_en, error.message_es, EXIT_REJECTED)
    data = {"file": args.file, "out": args.out, "bytes": len(content)}
    emit(args, data, lambda: print(f"Decrypted / Descifrado: {args.out}"))
    return EXIT_OK


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    login: argparse.ArgumentParser,
) -> dict[str, Callable[[argparse.Namespace, Session], int]]:
    """Add `export` and `decrypt-export`; returns the commands that run in an open site.

    `decrypt-export` is not among them: it is dispatched with `cmd_decrypt_export`, before any
    site is opened.
    """
    export = commands.add_parser(
        "export", parents=[login], help="export people for partners (encrypted unless asked)"
    )
    export.add_argument("file", help="file to write; encrypted files get the .sdx suffix")
    export.add_argument(
        "--format", choices=FORMATS, default=None, help="csv or json (default: from FILE, else csv)"
    )
    export.add_argument(
        "--plaintext",
        action="store_true",
        help="write an unencrypted file (coordinators and administrators; audited)",
    )
    decrypt = commands.add_parser(
        DECRYPT_COMMAND, parents=[common], help="open an encrypted export (no site needed)"
    )
    decrypt.add_argument("file", help="the encrypted export (.sdx)")
    decrypt.add_argument("out", help="where to write the CSV or JSON (must not exist)")
    return EXPORT_COMMANDS


EXPORT_COMMANDS: dict[str, Callable[[argparse.Namespace, Session], int]] = {"export": cmd_export}
