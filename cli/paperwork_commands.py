"""Sub-commands `eoir33` and `orientation`: print Form EOIR-33/IC, record it served, and record
a legal orientation attended.

For sites working without the desk app, or printing a day's forms from a script. What a form
holds, which court it goes to and who may record what are the core's; these commands resolve
the people typed, hand them over and say what was written. The PDFs hold people's names,
A-numbers and addresses: they are written owner-only and never over an existing file.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cli import medical_flags as flags
from cli.output import EXIT_OK, EXIT_REJECTED, EXIT_USAGE, emit, fail
from forms.eoir33.build import eoir33_form, eoir33_pdf, next_steps_pdf
from forms.eoir33.official import official_fields_missing
from staging.errors import Refused
from staging.files import create_private, write_private
from staging.paperwork.operations import form_row, mark_printed, mark_served
from staging.paperwork.operations import record_legal_orientation as record_orientation
from staging.paperwork.queries import (
    FormToPrint,
    forms_to_print,
    household_ids,
    official_template,
)
from staging.rules import Action
from staging.security.access import Session
from staging.store.store import require

EOIR33_COMMAND, ORIENTATION_COMMAND, MARK_SERVED = "eoir33", "orientation", "mark-served"
Command = Callable[[argparse.Namespace, Session], int]
METHODS = {"mail": "first_class_mail", "in-person": "in_person"}
METHOD_WORDS = {
    "first_class_mail": "first-class mail / correo de primera clase",
    "in_person": "in person / en persona",
}
# Each form of `eoir33` takes its own flags: {attribute: flag as typed}.
PRINT_FLAGS = {"pdf": "--pdf", "next_steps": "--next-steps", "household": "--household"}
SERVICE_FLAGS = {"server": "--server", "date": "--date", "method": "--method"}
# What each form printed was made from, in both languages.
SOURCE_WORDS = {
    "served": "saved form, served / formulario guardado, entregado",
    "complete": "saved form, complete / formulario guardado, completo",
    "draft": "saved draft / borrador guardado",
    "registration": "no form saved yet: filled from the registration / sin formulario guardado: "
    "llenado con el registro",
}


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    login: argparse.ArgumentParser,
) -> dict[str, Command]:
    """Add `eoir33` (print, or `mark-served`) and `orientation`; returns their runners."""
    eoir33 = commands.add_parser(
        EOIR33_COMMAND,
        parents=[login],
        help="print Form EOIR-33/IC (change of address), or record it served on ICE",
        usage=(
            "%(prog)s PERSON --pdf OUT [--household] [--next-steps OUT] [--language es|en]\n"
            "       %(prog)s mark-served PERSON --server NAME --date YYYY-MM-DD "
            "--method mail|in-person\n"
            "       (and --user USER [--db DB] [--json])"
        ),
    )
    eoir33.add_argument("first", metavar="PERSON", help=f"{flags.PERSON_HELP}; or mark-served")
    eoir33.add_argument("second", nargs="?", metavar="PERSON", help="the person, after mark-served")
    printing = eoir33.add_argument_group("printing")
    printing.add_argument("--pdf", type=Path, metavar="OUT", help="the form(s), a new PDF file")
    printing.add_argument(
        "--household", action="store_true", help="everyone of the household who has a case"
    )
    printing.add_argument(
        "--next-steps", type=Path, metavar="OUT", help="also the next-steps sheet, a new PDF file"
    )
    printing.add_argument(
        "--language",
        choices=["es", "en"],
        default="es",
        help="the next-steps sheet's first language (default es)",
    )
    served = eoir33.add_argument_group("mark-served")
    served.add_argument("--server", metavar="NAME", help="who served the copy on ICE (OPLA)")
    served.add_argument("--date", type=flags.day, metavar="YYYY-MM-DD", help="date of service")
    served.add_argument("--method", choices=sorted(METHODS), help="how it was served")

    orientation = commands.add_parser(
        ORIENTATION_COMMAND, parents=[login], help="record a legal orientation attended"
    )
    orientation.add_argument("people", nargs="+", metavar="PERSON", help=flags.PERSON_HELP)
    orientation.add_argument("--date", type=flags.day, required=True, metavar="YYYY-MM-DD")
    orientation.add_argument(
        "--provider", required=True, metavar="NAME", help="the organisation that gave it"
    )
    return PAPERWORK_COMMANDS


def cmd_eoir33(args: argparse.Namespace, session: Session) -> int:
    if args.first == MARK_SERVED:
        needed = _given(args, {"second": "PERSON", **SERVICE_FLAGS}, missing=True)
        misused = _given(args, PRINT_FLAGS)
        if needed or misused:
            return _usage(args, needed, misused)
        return _mark_served(args, session)
    needed = _given(args, {"pdf": "--pdf"}, missing=True)
    misused = _given(args, {"second": "a second PERSON", **SERVICE_FLAGS})
    if needed or misused:
        return _usage(args, needed, misused)
    if args.next_steps is not None and args.next_steps.resolve() == args.pdf.resolve():
        return fail(
            args,
            "--pdf and --next-steps must be two different files",
            "--pdf y --next-steps deben ser dos archivos distintos",
            EXIT_USAGE,
        )
    return _print(args, session)


def cmd_orientation(args: argparse.Namespace, session: Session) -> int:
    store = session.store
    people = [flags.person(store, reference) for reference in args.people]
    ids = list(dict.fromkeys(person["id"] for person in people))
    count = record_orientation(store, session.actor, ids, args.date, args.provider).value
    data = {
        "attended_on": args.date.isoformat(),
        "provider": args.provider.strip(),
        "people": [_who(person) for person in people],
        "recorded": count,
    }

    def human() -> None:
        print(
            f"Legal orientation recorded for {count} / Orientación legal registrada para "
            f"{count}: {args.provider.strip()}, {args.date:%Y-%m-%d}"
        )
        for person in people:
            print(f"  {flags.name(person)}  ({person['registration_id']})")

    emit(args, data, human)
    return EXIT_OK


PAPERWORK_COMMANDS: dict[str, Command] = {
    EOIR33_COMMAND: cmd_eoir33,
    ORIENTATION_COMMAND: cmd_orientation,
}

# --- printing ------------------------------------------------------------------------------------


def _print(args: argparse.Namespace, session: Session) -> int:
    store = session.store
    require(session.actor, Action.PREPARE_PAPERWORK)  # the forms carry everyone's A-number
    person = flags.person(store, args.first)
    if args.household:
        ids = household_ids(store, person["id"])
    else:
        ids = [person["id"]] if person["a_number"] else []
    if not ids:
        nobody = " (nor anyone of the household)" if args.household else ""
        nadie = " (ni nadie de su hogar)" if args.household else ""
        raise Refused(
            f"{flags.name(person)} has no A-number{nobody}: no case before the immigration "
            "court, so no Form EOIR-33",
            f"{flags.name(person)} no tiene número A{nadie}: no tiene caso ante la corte de "
            "inmigración, así que no lleva el formulario EOIR-33",
        )
    for target in [args.pdf, *([args.next_steps] if args.next_steps else [])]:
        if target.exists():
            raise _exists(target)
    forms = forms_to_print(store, ids)
    sources = [
        _source(form, form_row(store, person_id))
        for form, person_id in zip(forms, ids, strict=True)
    ]
    template_path = official_template(store)
    template = template_path.read_bytes() if template_path is not None else None
    official = template is not None and not official_fields_missing(template)
    files = {args.pdf: eoir33_pdf(forms, template if official else None)}
    if args.next_steps:
        files[args.next_steps] = next_steps_pdf(forms, args.language)
    for target, content in files.items():
        try:
            create_private(target)  # claimed first: a file made meanwhile is not replaced
            write_private(target, content)
        except FileExistsError as error:
            raise _exists(target) from error
        except OSError as error:
            return fail(
                args,
                f"Could not write {target}: {error}",
                f"No se pudo escribir {target}: {error}",
                EXIT_REJECTED,
            )
    complete = [person_id for form, person_id in zip(forms, ids, strict=True) if form.complete]
    if complete:
        mark_printed(store, session.actor, complete)
    return _report_printed(args, forms, sources, "official" if official else "replica")


def _exists(target: Path) -> Refused:
    return Refused(
        f"{target} already exists: choose a new file name (it is never overwritten)",
        f"{target} ya existe: elija un nombre de archivo nuevo (nunca se sobrescribe)",
    )


def _source(form: FormToPrint, saved: dict[str, Any] | None) -> str:
    if saved is None:
        return "registration"
    if form.service is not None:
        return "served"
    return "complete" if form.complete else "draft"


def _report_printed(
    args: argparse.Namespace, forms: list[FormToPrint], sources: list[str], template: str
) -> int:
    data = {
        "pdf": str(args.pdf),
        "next_steps": str(args.next_steps) if args.next_steps else None,
        "template": template,
        "forms": [_form_data(form, source) for form, source in zip(forms, sources, strict=True)],
    }

    def human() -> None:
        layout = "official PDF / PDF oficial" if template == "official" else "replica / réplica"
        print(f"Form EOIR-33/IC / Formulario EOIR-33/IC: {args.pdf} ({layout})")
        for form, source in zip(forms, sources, strict=True):
            paper = eoir33_form(form)
            courts = form.courts
            print(f"  {form.person.full_name}  {paper.a_number_printed if paper.a_number else '—'}")
            print(f"    {SOURCE_WORDS[source]}")
            print(f"    Filed with / Se presenta en: {_name(courts.current)}")
            print(f"    Moves to / Se traslada a:    {_receiving(form)}")
        if args.next_steps:
            print(f"Next steps / Próximos pasos: {args.next_steps}")

    emit(args, data, human)
    return EXIT_OK


def _form_data(form: FormToPrint, source: str) -> dict[str, Any]:
    courts = form.courts
    return {
        "registration_id": form.person.registration_id,
        "name": form.person.full_name,
        "a_number": form.entry.a_number,
        "source": source,
        "complete": form.complete,
        "current_court": courts.current.key if courts.current else None,
        "receiving_court": courts.receiving.key if courts.receiving else None,
        "opla_office": courts.opla_office.key if courts.opla_office else None,
    }


def _receiving(form: FormToPrint) -> str:
    proposed, receiving = form.courts.proposed, form.courts.receiving
    if receiving is None and not form.entry.current_zip:
        return "— (the new address first / primero la nueva dirección)"
    if proposed is None or receiving is None or proposed.court.key != receiving.key:
        return _name(receiving)
    return (
        f"{receiving.name} (nearest / la más cercana: {proposed.miles:.0f} mi, "
        f"{proposed.km:.0f} km)"
    )


def _name(court: Any) -> str:
    return court.name if court is not None else "— (choose it / elíjala)"


# --- service ------------------------------------------------------------------------------------


def _mark_served(args: argparse.Namespace, session: Session) -> int:
    store = session.store
    person = flags.person(store, args.second)
    [form] = forms_to_print(store, [person["id"]])
    office = form.courts.opla_office
    method = METHODS[args.method]
    mark_served(
        store,
        session.actor,
        person["id"],
        server_name=args.server,
        opla_office=office.key if office is not None else "",
        served_on=args.date,
        method=method,
    )
    data = {
        **_who(person),
        "served_on": args.date.isoformat(),
        "server_name": args.server.strip(),
        "method": method,
        "opla_office": office.key if office is not None else None,
    }

    def human() -> None:
        print(f"{flags.name(person)}  ({person['registration_id']})")
        print(f"  Served / Entregado: {args.date:%Y-%m-%d}, {METHOD_WORDS[method]}")
        print(f"  By / Por: {args.server.strip()}")
        print(f"  ICE (OPLA): {office.name if office is not None else '—'}")

    emit(args, data, human)
    return EXIT_OK


# --- shared -------------------------------------------------------------------------------------


def _who(person: dict[str, Any]) -> dict[str, Any]:
    return {
        "person_id": person["id"],
        "registration_id": person["registration_id"],
        "name": flags.name(person),
    }


def _given(args: argparse.Namespace, shown: dict[str, str], *, missing: bool = False) -> list[str]:
    """The flags (as shown) given, or with `missing` those not given."""
    return [flag for name, flag in shown.items() if bool(getattr(args, name)) is not missing]


def _usage(args: argparse.Namespace, needed: list[str], misused: list[str]) -> int:
    """A wrong combination of the two forms of `eoir33` (exit code 2), said in both languages."""
    problems_en = [f"needs {', '.join(needed)}"] if needed else []
    problems_es = [f"falta {', '.join(needed)}"] if needed else []
    if misused:
        problems_en.append(f"does not take {', '.join(misused)}")
        problems_es.append(f"no admite {', '.join(misused)}")
    what = "eoir33 mark-served" if args.first == MARK_SERVED else "eoir33 PERSON"
    return fail(
        args,
        f"{what}: {'; '.join(problems_en)}",
        f"{what}: {'; '.join(problems_es)}",
        EXIT_USAGE,
    )
