"""Sub-command `duplicates`: review the possible duplicates flagged by imports and walk-ins.

`list` the open pairs, `show` one side by side (the fields that differ marked, and what each
registration has recorded), then `dismiss` it (not the same person) or `merge` it (same person:
`--keep` one registration, `--take` each field whose value comes from the other). A merge of two
registrations both checked in, or both screened, needs `--confirm`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from cli.output import EXIT_OK, EXIT_REJECTED, emit, fail
from staging.duplicates.operations import MergeNeedsConfirmation, dismiss, merge
from staging.duplicates.queries import OpenPair, PairView, Standing, open_pairs, pair_view
from staging.errors import NotFound
from staging.people.queries import find_person
from staging.security.access import Session
from staging.vocabulary import PERSON_FIELD_NAMES, bilingual_label, label

DUPLICATES_COMMAND = "duplicates"
Command = Callable[[argparse.Namespace, Session], int]
EOIR33_WORDS = {
    "none": "not started / sin empezar",
    "started": "started / empezado",
    "complete": "complete / completo",
    "served": "served on ICE / entregado a ICE",
}
STATUS_WORDS = {
    "open": "waiting for review / por revisar",
    "dismissed": "not the same person / no es la misma persona",
    "merged": "merged / fusionados",
}


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    login: argparse.ArgumentParser,
) -> dict[str, Command]:
    """Add `duplicates list|show|dismiss|merge`; returns its runner."""
    duplicates = commands.add_parser(
        DUPLICATES_COMMAND, parents=[common], help="review possible duplicates: dismiss or merge"
    )
    actions = duplicates.add_subparsers(dest="duplicates_command", required=True)
    actions.add_parser("list", parents=[login], help="the pairs waiting for review, oldest first")
    show = actions.add_parser("show", parents=[login], help="one pair side by side")
    show.add_argument("pair", metavar="ID", help="the possible duplicate's id (from list)")
    dismissing = actions.add_parser(
        "dismiss", parents=[login], help="not the same person: the pair is closed"
    )
    dismissing.add_argument("pair", metavar="ID")
    merging = actions.add_parser(
        "merge", parents=[login], help="same person: one registration keeps everything of both"
    )
    merging.add_argument("pair", metavar="ID")
    merging.add_argument(
        "--keep",
        required=True,
        metavar="PERSON",
        help="the registration to keep: its registration id or id",
    )
    merging.add_argument(
        "--take",
        nargs="+",
        action="extend",
        default=[],
        metavar="FIELD",
        help="fields whose value comes from the other registration (as `show` names them)",
    )
    merging.add_argument(
        "--confirm",
        action="store_true",
        help="merge even though both were checked in or both screened",
    )
    return DUPLICATE_COMMANDS


def cmd_duplicates(args: argparse.Namespace, session: Session) -> int:
    return {
        "list": _list,
        "show": _show,
        "dismiss": _dismiss,
        "merge": _merge,
    }[args.duplicates_command](args, session)


# --- list -----------------------------------------------------------------------------------------


def _list(args: argparse.Namespace, session: Session) -> int:
    pairs = open_pairs(session.store)
    emit(args, [asdict(pair) for pair in pairs], lambda: _print_pairs(pairs))
    return EXIT_OK


def _print_pairs(pairs: list[OpenPair]) -> None:
    if not pairs:
        print("No possible duplicates to review / No hay posibles duplicados por revisar")
        return
    print(f"{len(pairs)} possible duplicates to review / posibles duplicados por revisar")
    for pair in pairs:
        print(
            f"\n{pair.id}  score / similitud {pair.score}  found / detectado {pair.found_at[:10]}"
        )
        for person in (pair.first, pair.second):
            print(
                f"  {person.registration_id}  {person.name}  {person.date_of_birth or '—'}  "
                f"A {person.a_number or '—'}  {person.household or '—'}"
            )


# --- show -----------------------------------------------------------------------------------------


def _show(args: argparse.Namespace, session: Session) -> int:
    view = pair_view(session.store, session.actor, args.pair)
    emit(args, _view_data(view), lambda: _print_view(view))
    return EXIT_OK


def _view_data(view: PairView) -> dict[str, Any]:
    return {
        "id": view.id,
        "score": view.score,
        "found_at": view.found_at,
        "status": view.status,
        "fields": [asdict(row) for row in view.fields],
        "differing": list(view.differing),
        "people": [_standing_data(standing) for standing in (view.first, view.second)],
        "suggested_keep": view.suggested_keep,
        "needs_confirmation": view.needs_confirmation,
    }


def _standing_data(standing: Standing) -> dict[str, Any]:
    return {
        "id": standing.id,
        "registration_id": standing.registration_id,
        "name": standing.name,
        "household": standing.household,
        "registered_at": standing.registered_at,
        "checked_in_at": standing.checked_in_at,
        "screened": standing.screened,
        "eoir33": standing.eoir33,
        "roster_status": standing.roster_status,
        "roster_day": standing.roster_day.isoformat() if standing.roster_day else None,
        "wristbands": list(standing.wristbands),
        "stage": _words(standing.status.stage),
        "blockers": [_words(blocker) for blocker in standing.status.blockers],
    }


def _words(code: str) -> dict[str, str]:
    return {"code": str(code), "en": label(code, "en"), "es": label(code, "es")}


def _print_view(view: PairView) -> None:
    first, second = view.first, view.second
    print(
        f"Possible duplicate / Posible duplicado {view.id}: score / similitud {view.score}, "
        f"{STATUS_WORDS.get(view.status, view.status)}"
    )
    print(
        "* differs / difiere. `merge ID --keep REGISTRATION --take FIELD …` takes each FIELD from "
        "the other registration / toma cada FIELD del otro registro"
    )
    table = [("", "", first.registration_id, second.registration_id)]
    table += [
        (
            "*" if row.differs else "",
            f"{row.name} ({PERSON_FIELD_NAMES[row.name].both()})",
            _shown(row.first),
            _shown(row.second),
        )
        for row in view.fields
    ]
    widths = [max(len(line[column]) for line in table) for column in range(3)]
    for mark, name, one, other in table:
        print(f"{mark:1} {name:<{widths[1]}}  {one:<{widths[2]}}  {other}")
    for standing in (first, second):
        _print_standing(standing)
    keep = view.standing(view.suggested_keep).registration_id
    print(f"\nSuggested to keep / Se sugiere conservar: {keep}")
    if view.needs_confirmation:
        print(
            "Both were checked in or both screened: a merge needs --confirm / Ambos llegaron o "
            "ambos fueron evaluados: la fusión requiere --confirm"
        )


def _shown(value: Any) -> str:
    return "—" if value in (None, "") else str(value).replace("\n", " ")


def _print_standing(standing: Standing) -> None:
    print(f"\n{standing.registration_id}  {standing.name}")
    arrived = standing.checked_in_at
    arrived = f"{arrived[:16].replace('T', ' ')} UTC" if arrived else "no"
    print(f"  Checked in / Llegó al sitio: {arrived}")
    print(f"  Screened / Evaluado: {'yes / sí' if standing.screened else 'no'}")
    print(f"  Stage / Etapa: {bilingual_label(standing.status.stage)}")
    if standing.status.blockers:
        waiting = "; ".join(bilingual_label(b) for b in standing.status.blockers)
        print(f"  Still needs / Aún falta: {waiting}")
    print(f"  Form EOIR-33 / Formulario EOIR-33: {EOIR33_WORDS[standing.eoir33]}")
    if standing.roster_status:
        day = standing.roster_day.isoformat() if standing.roster_day else "—"
        print(f"  Roster / Viaje: {bilingual_label(standing.roster_status)} {day}")
    bands = ", ".join(standing.wristbands) or "—"
    print(f"  Wristband / Brazalete: {bands}")


# --- deciding -------------------------------------------------------------------------------------


def _dismiss(args: argparse.Namespace, session: Session) -> int:
    view = pair_view(session.store, session.actor, args.pair)
    dismiss(session.store, session.actor, args.pair)
    first, second = view.first.registration_id, view.second.registration_id
    data = {"id": view.id, "status": "dismissed", "people": [first, second]}
    emit(
        args,
        data,
        lambda: print(
            f"Not the same person: {first} and {second} stay apart / No es la misma persona: "
            f"{first} y {second} quedan separados"
        ),
    )
    return EXIT_OK


def _merge(args: argparse.Namespace, session: Session) -> int:
    store = session.store
    kept = find_person(store, args.keep)
    if kept is None:
        raise NotFound(
            f"No registration {args.keep.strip()}", f"No existe el registro {args.keep.strip()}"
        )
    try:
        done = merge(
            store,
            session.actor,
            args.pair,
            keep=kept["id"],
            take_other=set(args.take),
            confirmed=args.confirm,
        )
    except MergeNeedsConfirmation as error:
        return fail(
            args,
            f"{error.message_en} (add --confirm)",
            f"{error.message_es} (añada --confirm)",
            EXIT_REJECTED,
        )
    data = {"id": args.pair, **asdict(done.value)}
    emit(args, data, lambda: _print_merged(data))
    return EXIT_OK


def _print_merged(data: dict[str, Any]) -> None:
    kept, away = data["kept_registration_id"], data["merged_registration_id"]
    print(f"Merged / Fusionados: {away} → {kept}")
    if data["taken"]:
        print(f"  Values from / Valores de {away}: {', '.join(data['taken'])}")
    print(
        f"  Facts copied / Hechos copiados: {sum(data['copied'].values())}; records moved / "
        f"registros movidos: {sum(data['moved'].values())}"
    )
    print(f"  {away} now finds {kept} / {away} ahora encuentra a {kept}")


DUPLICATE_COMMANDS: dict[str, Command] = {DUPLICATES_COMMAND: cmd_duplicates}
