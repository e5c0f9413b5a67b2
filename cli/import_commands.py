"""Sub-commands `import` and `import-profiles`: registration lists, however partners lay them out.

`import FILE` reads the columns by the rules and, if one was saved for these headers, by the
site's profile for them; `--profile NAME` names one, `--map SOURCE=FIELD` decides a column
("SOURCE=" leaves it out), `--word FIELD:WORD=CODE` says what one of the list's words means,
`--save-profile NAME` keeps the result for the next file of that layout, and `--check` says
what the import would do without writing anything.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from cli.output import EXIT_OK, EXIT_REJECTED, emit, fail
from staging.errors import UserError
from staging.registration.columns import map_headers
from staging.registration.mapping import parse_map_options, parse_word_options
from staging.registration.preview import preview_file, preview_import
from staging.registration.profiles import (
    ColumnChoice,
    import_profiles,
    mapping_for,
    save_profile,
)
from staging.registration.service import ImportSummary, import_registrations
from staging.security.access import Session


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    login: argparse.ArgumentParser,
) -> dict[str, Callable[[argparse.Namespace, Session], int]]:
    """Add `import` and `import-profiles`; returns the commands (both run in an open site)."""
    imp = commands.add_parser("import", parents=[login], help="import a registration list")
    imp.add_argument("file")
    imp.add_argument("--profile", metavar="NAME", help="read the columns with this saved profile")
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="SOURCE=FIELD",
        help='which field a column holds, e.g. "caso/numero_extranjero=a_number" '
        '("SOURCE=" leaves it out); repeat for several',
    )
    imp.add_argument(
        "--word",
        action="append",
        default=[],
        metavar="FIELD:WORD=CODE",
        help='what a word of the list means, e.g. "case_status:Pendiente de audiencia=pending" '
        '(case_status, sex, vulnerabilities; "vulnerabilities:ninguna=" leaves it out)',
    )
    imp.add_argument(
        "--save-profile",
        metavar="NAME",
        help="keep the mapping used under this name, for the next file of this layout "
        "(not with --check)",
    )
    imp.add_argument(
        "--check",
        action="store_true",
        help="only say what the import would do: nothing is written",
    )
    commands.add_parser(
        "import-profiles", parents=[login], help="the saved column mappings of partners' lists"
    )
    return IMPORT_COMMANDS


def cmd_import(args: argparse.Namespace, session: Session) -> int:
    path = Path(args.file)
    unknown_words: dict[str, list[str]] = {}
    try:
        choice = ColumnChoice(
            profile=args.profile,
            columns=parse_map_options(args.map),
            words=parse_word_options(args.word),
        )
        if args.check:
            preview = preview_import(session.store, session.actor, path, choice)
            summary, unknown_words = preview.summary, preview.unknown_words
        else:
            if args.save_profile:
                _save_profile(session, path, choice, args.save_profile)
                choice = ColumnChoice(profile=args.save_profile)
            summary = import_registrations(session.store, session.actor, path, choice)
    except UserError as error:
        return fail(args, error.message_en, error.message_es, EXIT_REJECTED)
    data = summary.as_dict()
    if args.check:
        data.update(check_only=True, rows=preview.rows, unknown_words=unknown_words)

    def human() -> None:
        _print_summary(summary, checked_only=args.check)
        for name, words in unknown_words.items():
            print(
                f"Words this list uses its own way / Palabras propias de la lista ({name}): "
                + ", ".join(words)
            )

    emit(args, data, human)
    return EXIT_REJECTED if summary.rejected else EXIT_OK


def _save_profile(session: Session, path: Path, choice: ColumnChoice, name: str) -> None:
    """The mapping the import would use, checked against the file's headers, kept by name."""
    headers = preview_file(path, rows=0).headers
    mapping, _ = mapping_for(session.store, headers, choice)
    map_headers(headers, mapping)  # refuses a clash before anything is kept
    save_profile(session.store, session.actor, name, headers, mapping)


def _print_summary(summary: ImportSummary, *, checked_only: bool) -> None:
    if checked_only:
        print("Nothing was written: this is what the import would do.")
        print("No se escribió nada: esto es lo que haría la importación.")
    print(f"Imported / Importados:                     {summary.imported}")
    print(f"Updated / Actualizados:                    {summary.updated}")
    print(f"Unchanged / Sin cambios:                   {summary.unchanged}")
    print(f"Rejected / Rechazados:                     {summary.rejected}")
    if not checked_only:
        print(f"Households / Hogares:                      {summary.households}")
        print(f"Possible duplicates / Posibles duplicados: {summary.possible_duplicates}")
    if summary.merged:
        print(
            f"Rows of merged registrations, left as they are / "
            f"Filas de registros fusionados, sin cambios: {summary.merged}"
        )
    if summary.profile:
        print(f"Profile / Perfil: {summary.profile}")
    if summary.key_from:
        print(f"Registration id read from / Id de registro tomado de: {summary.key_from}")
    if summary.unknown_columns:
        print("Ignored columns / Columnas ignoradas: " + ", ".join(summary.unknown_columns))
    if summary.repeated_columns:
        print(
            "Repeated columns, the first one was used / Columnas repetidas, se usó la primera: "
            + ", ".join(summary.repeated_columns)
        )
    for warning in summary.warnings:
        print(f"Check / Revise: {warning.message_en}\n  {warning.message_es}")
    for problem in summary.problems:
        print(f"  {problem.message_en}\n  {problem.message_es}")
    if summary.rejects_file:
        print(f"Rejected rows written to / Filas rechazadas en: {summary.rejects_file}")


def cmd_import_profiles(args: argparse.Namespace, session: Session) -> int:
    profiles = import_profiles(session.store)
    data = [
        {
            "name": profile.name,
            "headers": len(profile.headers),
            "columns": dict(profile.mapping.columns),
            "choices": dict(profile.mapping.choices),
            "words": {name: dict(words) for name, words in profile.mapping.words.items()},
            "updated_at": profile.updated_at,
        }
        for profile in profiles
    ]

    def human() -> None:
        if not data:
            print("No import profiles yet / Aún no hay perfiles de importación")
        for row in data:
            print(f"{row['name']}  ({row['headers']} columns / columnas, {row['updated_at']})")
            for source, name in row["columns"].items():
                print(f"    {source} → {name or '(left out / omitida)'}")
            for source, flag in row["choices"].items():
                print(f"    {source} → {flag or '(left out / omitida)'}")
            for name, words in row["words"].items():
                for word, code in words.items():
                    print(f"    {name}: {word} → {code or '(left out / omitida)'}")

    emit(args, data, human)
    return EXIT_OK


IMPORT_COMMANDS: dict[str, Callable[[argparse.Namespace, Session], int]] = {
    "import": cmd_import,
    "import-profiles": cmd_import_profiles,
}
