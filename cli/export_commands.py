"""Sub-commands that take people's data off the site: `export` and `decrypt-export`.

The passphrase comes from STAGING_EXPORT_PASSPHRASE or is typed (`cli.passphrases`), never an
argument. `decrypt-export` opens no site: a partner runs it with only the file.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from cli.output import EXIT_OK, EXIT_REJECTED, EXIT_USAGE, emit, fail
from cli.passphrases import MissingPassphrase, PassphraseSource
from staging.errors import UserError
from staging.exports import FORMATS, ExportFormat, decrypt_export, export_people, write_new_file
from staging.security.access import Session
from staging.vocabulary import Words

PASSPHRASE_VARIABLE = "STAGING_EXPORT_PASSPHRASE"
DECRYPT_COMMAND = "decrypt-export"
PASSPHRASE = PassphraseSource(
    PASSPHRASE_VARIABLE, Words("Export passphrase", "Frase de contraseña de la exportación")
)


def export_format(args: argparse.Namespace) -> ExportFormat:
    """As asked, else guessed from the file name ("people.json"), else CSV."""
    if args.format:
        return args.format
    return "json" if ".json" in Path(args.file).suffixes else "csv"


def cmd_export(args: argparse.Namespace, session: Session) -> int:
    try:
        passphrase = None if args.plaintext else PASSPHRASE.read(confirm=True)
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
        content = decrypt_export(Path(args.file), PASSPHRASE.read(confirm=False))
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
