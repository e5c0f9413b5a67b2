"""Sub-commands of the medical team: `screening`, `isolation`, `kits`, `places` and `counts`.

For sites working without the desk app, or keying in paper forms later. Every decision (the
outcome, the read window, the expiry, who may be released, who may read what) is the core's;
these commands turn the flags into its inputs and print what it answered. Times typed without a
zone ('2021-03-01 10:05') are the site's local time, as on the screener's watch.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from cli.output import EXIT_OK, emit
from staging.domain import ScreeningOutcome as Outcome
from staging.errors import NotFound
from staging.intake.queries import resolve_scan
from staging.isolation.board import BoardRow, isolation_board
from staging.isolation.operations import FollowUpEntry, record_follow_up, release
from staging.people.queries import person_from_row
from staging.rules.isolation import WarningSign
from staging.rules.screening import (
    Answers,
    AntigenResult,
    ClearanceBasis,
    Condition,
    DiseaseSign,
    KitType,
    Symptom,
    TemperatureUnit,
)
from staging.screening.operations import (
    ScreeningEntry,
    ScreeningSaved,
    record_screening,
    review_screening,
    screening_row,
)
from staging.screening.queries import day_counts, medical_record
from staging.screening.supplies import (
    add_isolation_place,
    add_kit_lot,
    add_kit_type,
    extend_kit_lot,
    find_lot,
    find_place,
    isolation_places,
    kit_types,
    lot_choices,
)
from staging.security.access import Session
from staging.store.store import Store
from staging.vocabulary import bilingual_label

Command = Callable[[argparse.Namespace, Session], int]
Code = TypeVar("Code", bound=StrEnum)

# --- reading the flags (a bad value is a usage error, exit code 2, said in both languages) ------


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date: write YYYY-MM-DD / {text!r} no es una fecha: escriba "
            "AAAA-MM-DD"
        ) from error


def _moment(text: str) -> datetime:
    """A site-local clock time: the core reads a time without a zone as the site's."""
    for shape in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"):
        try:
            return datetime.strptime(text.strip(), shape)
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(
        f"{text!r} is not a date and time: write 'YYYY-MM-DD HH:MM' (site time) / {text!r} no "
        "es una fecha y hora: escriba 'AAAA-MM-DD HH:MM' (hora del sitio)"
    )


def _number(text: str) -> float:
    try:
        return float(text.replace(",", "."))
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number / {text!r} no es un número"
        ) from error


def _minutes(text: str) -> int:
    if not text.strip().isdigit():
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of minutes / {text!r} no es un número de minutos"
        )
    return int(text)


def _code(kind: type[Code], en: str, es: str) -> Callable[[str], Code]:
    """A code typed as the core spells it; an unknown one is refused with the known ones."""

    def read(text: str) -> Code:
        try:
            return kind(text.strip())
        except ValueError as error:
            known = ", ".join(kind)
            raise argparse.ArgumentTypeError(
                f"unknown {en} {text!r} / {es} desconocido {text!r}; "
                f"choose from / elija entre: {known}"
            ) from error

    return read


def _unit(text: str) -> TemperatureUnit:
    return _code(TemperatureUnit, "unit", "unidad")(text.upper())


def _yes_no(text: str) -> bool:
    answer = text.strip().lower()
    if answer in ("yes", "y", "si", "sí", "s"):
        return True
    if answer in ("no", "n"):
        return False
    raise argparse.ArgumentTypeError(f"answer yes or no / responda sí o no: {text!r}")


# --- shared helpers -----------------------------------------------------------------------------


def _person(store: Store, reference: str) -> dict[str, Any]:
    """The person behind a registration id, an A-number or a wristband code."""
    record = resolve_scan(store, reference)
    if record is None:
        raise NotFound(
            f"No person with registration id, A-number or wristband {reference!r}",
            f"No hay ninguna persona con registro, número A o brazalete {reference!r}",
        )
    return record


def _name(record: dict[str, Any]) -> str:
    return person_from_row(record).full_name


def _labels(codes: Iterable[str]) -> str:
    return ", ".join(bilingual_label(code) for code in codes) or "—"


def _local(moment: str | None, zone: str) -> str:
    if not moment:
        return "—"
    return datetime.fromisoformat(moment).astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


# --- screening ----------------------------------------------------------------------------------


def cmd_screening_record(args: argparse.Namespace, session: Session) -> int:
    store = session.store
    person = _person(store, args.person)
    answers = Answers(
        symptoms=frozenset(args.symptom),
        onset=args.onset,
        felt_feverish=args.felt_feverish,
        fever_medicine=args.fever_medicine,
        close_contact=args.close_contact,
        positive_test_on=args.positive_test_on,
        disease_signs=frozenset(args.disease_sign),
        pregnant=args.pregnant,
        conditions=frozenset(args.condition),
        injuries=args.injuries,
        referral_needed=args.referral,
    )
    entry = ScreeningEntry(
        person_id=person["id"],
        answers=answers,
        temperature=args.temperature,
        unit=args.unit,
        # A clinician's letter is documentation of recovery; otherwise the core decides
        # (an antigen test, none under 2, recovery after an isolation released here).
        test=ClearanceBasis.RECOVERY if args.recovery_cleared_by.strip() else None,
        kit_lot_id=find_lot(store, args.lot) if args.lot else None,
        collected_at=args.collected,
        started_at=args.started,
        read_at=args.read,
        result=args.result,
        decided=args.decide,
        note=args.note,
        isolation_place_id=find_place(store, args.place) if args.place else None,
        recovery_cleared_by=args.recovery_cleared_by,
        corrects=args.corrects,
    )
    saved = record_screening(store, session.actor, entry).value
    return _show_saved(args, person, saved)


def cmd_screening_review(args: argparse.Namespace, session: Session) -> int:
    store = session.store
    saved = review_screening(store, session.actor, args.screening_id, args.decide, args.note)
    reviewed = screening_row(store, args.screening_id)
    return _show_saved(args, _person(store, reviewed["person_id"]), saved.value)


def _show_saved(args: argparse.Namespace, person: dict[str, Any], saved: ScreeningSaved) -> int:
    data = {
        "screening_id": saved.screening_id,
        "person_id": person["id"],
        "registration_id": person["registration_id"],
        "outcome": str(saved.outcome),
        "reasons": list(saved.reasons),
        "valid_through": _iso(saved.valid_through),
        "episode_id": saved.episode_id,
    }

    def human() -> None:
        print(f"{_name(person)}  ({person['registration_id']})")
        print(f"  Outcome / Resultado:   {bilingual_label(saved.outcome)}")
        print(f"  Why / Motivo:          {_labels(saved.reasons)}")
        if saved.valid_through:
            print(f"  Cleared through / Autorizado hasta: {saved.valid_through:%Y-%m-%d}")
        print(f"  Screening / Evaluación: {saved.screening_id}")
        if saved.outcome is Outcome.ISOLATION:
            print("  Isolation opened; the household waits / Aislamiento abierto; el hogar espera")
        elif saved.outcome is Outcome.CLINICAL_REVIEW:
            print(
                "  Decide in writing / Decida por escrito: staging-site screening review "
                f"{saved.screening_id} --decide cleared|isolation --note …"
            )
        elif saved.outcome is Outcome.RETEST:
            print("  Test again with a new kit / Repita la prueba con otro kit")

    emit(args, data, human)
    return EXIT_OK


def cmd_screening_show(args: argparse.Namespace, session: Session) -> int:
    """One person's medical record: an audited read, refused to roles without medical access."""
    store = session.store
    person = _person(store, args.person)
    record = medical_record(store, session.actor, person["id"])
    zone = store.policy().site.timezone
    data = {
        "person_id": person["id"],
        "registration_id": person["registration_id"],
        "name": _name(person),
        "screenings": [
            {**row, "answers": row["answers"].to_json(), "corrected": bool(row["corrected"])}
            for row in record.screenings
        ],
        "episodes": record.episodes,
        "follow_ups": record.follow_ups,
    }

    def human() -> None:
        print(f"{data['name']}  ({person['registration_id']})")
        if not record.screenings:
            print("  Not screened yet / Aún sin evaluación de salud")
        for row in record.screenings:
            _print_screening(row, zone)
        for episode in record.episodes:
            _print_episode(episode)
        if record.follow_ups:
            print("  Follow-ups / Seguimientos:")
        for check in record.follow_ups:
            _print_follow_up(check, zone)

    emit(args, data, human)
    return EXIT_OK


def _print_screening(row: dict[str, Any], zone: str) -> None:
    answers: Answers = row["answers"]
    corrected = "  [corrected / corregida]" if row["corrected"] else ""
    print(
        f"  {_local(row['screened_at'], zone)}  {row['kind']:<11} {row['screened_by']:<12} "
        f"{bilingual_label(row['outcome'])}{corrected}"
    )
    print(f"    Screening / Evaluación:   {row['id']}")
    print(
        f"    Temperature / Temperatura: {row['temperature_c']} °C "
        f"(entered / ingresada {row['temperature_entered']})"
    )
    print(f"    Symptoms / Síntomas:      {_labels(sorted(answers.symptoms))}")
    if answers.onset:
        print(f"    Onset / Inicio:           {answers.onset:%Y-%m-%d}")
    asked = {
        "felt_feverish": ("Felt feverish", "Se sintió con fiebre"),
        "fever_medicine": ("Fever medicine", "Medicamento para la fiebre"),
        "close_contact": ("Close contact", "Contacto cercano"),
        "pregnant": ("Pregnant", "Embarazo"),
        "referral_needed": ("Referral needed", "Requiere referencia"),
    }
    said = [f"{en} / {es}" for field, (en, es) in asked.items() if getattr(answers, field)]
    if said:
        print(f"    Answered yes / Respondió sí: {', '.join(said)}")
    if answers.disease_signs:
        print(f"    Signs / Signos:           {_labels(sorted(answers.disease_signs))}")
    if answers.conditions:
        print(f"    Conditions / Condiciones: {_labels(sorted(answers.conditions))}")
    if answers.injuries:
        print(f"    Injuries / Lesiones:      {answers.injuries}")
    test = bilingual_label(row["test"])
    if row["result"]:
        print(
            f"    Test / Prueba:            {test}: {row['kit_name']} {row['lot_number']}, "
            f"collected / tomada {_local(row['specimen_collected_at'], zone)}, "
            f"read / leída {_local(row['read_at'], zone)} → {bilingual_label(row['result'])}"
        )
    else:
        print(f"    Test / Prueba:            {test}")
    if row["recovery_cleared_by"]:
        print(f"    Recovery cleared by / Alta firmada por: {row['recovery_cleared_by']}")
    print(f"    Why / Motivo:             {_labels(row['reasons'])}")
    if row["note"]:
        print(f"    Note / Nota:              {row['note']}")


def _print_episode(episode: dict[str, Any]) -> None:
    released = episode["released_on"] or "—"
    severe = "  [severe / grave]" if episode["severe"] else ""
    print(
        f"  Isolation / Aislamiento: from / desde {episode['started_on']}, positive test / "
        f"prueba positiva {episode['positive_on']}, onset / inicio {episode['onset_on'] or '—'}, "
        f"place / lugar {episode['place'] or '—'}, released / alta {released}{severe}"
    )


def _print_follow_up(check: dict[str, Any], zone: str) -> None:
    improving = {None: "—", 0: "no", 1: "yes / sí"}[check["symptoms_improving"]]
    signs = [s for s in check["warning_signs"].split(";") if s]
    print(
        f"    {_local(check['recorded_at'], zone)}  {check['temperature_c']} °C  "
        f"fever medicine / medicamento: {'yes / sí' if check['fever_medicine'] else 'no'}  "
        f"improving / mejora: {improving}  by / por {check['recorded_by']}"
    )
    if signs:
        print(f"      WARNING SIGNS / SIGNOS DE ALARMA: {_labels(signs)}")


# --- isolation ----------------------------------------------------------------------------------


def cmd_isolation_list(args: argparse.Namespace, session: Session) -> int:
    """Who is in isolation on a day: urgent, overdue and due follow-ups, release candidates.

    Without `--date`, or with today's date, the board is as of this moment. For another day
    it is as of the end of that site-local day (23:59:59): for a past day that shows where
    everyone stood when the day closed (whose follow-up was missed, who could have been
    released), and for a coming day who will be due and who may be released by its evening,
    if nothing changes. The start of the day would make every release wait for a day that
    has, in practice, passed.
    """
    store = session.store
    zone = store.policy().site.timezone
    today = store.today()
    day = args.date or today
    now = store.clock.now() if day == today else datetime.combine(day, time.max, ZoneInfo(zone))
    board = isolation_board(store, session.actor, now, day)
    data = {
        "date": day.isoformat(),
        "urgent": sum(row.urgent for row in board),
        "overdue": sum(row.overdue_days > 0 for row in board),
        "due_today": sum(row.due_today for row in board),
        "release_candidates": sum(row.release_candidate for row in board),
        "people": [_board_row(row) for row in board],
    }

    def human() -> None:
        print(f"Isolation / Aislamiento — {day:%Y-%m-%d}: {len(board)}")
        print(
            f"  Urgent / Urgentes: {data['urgent']}   Overdue / Atrasados: {data['overdue']}   "
            f"Due / Pendientes: {data['due_today']}   "
            f"May be released / Pueden salir: {data['release_candidates']}"
        )
        for row in data["people"]:
            flags = [
                "URGENT / URGENTE" if row["urgent"] else "",
                f"overdue {row['overdue_days']} d / atrasado {row['overdue_days']} d"
                if row["overdue_days"]
                else "",
                "follow-up due / seguimiento pendiente" if row["due_today"] else "",
                "may be released / puede salir" if row["release_candidate"] else "",
            ]
            print(
                f"  {row['registration_id']:<14} {row['name']:<32} {row['place'] or '—':<16} "
                f"day / día {row['day']} of / de {row['days_total']}, "
                f"{row['days_remaining']} left / faltan  " + "  ".join(f for f in flags if f)
            )
            if row["unmet"]:
                print(f"      Not yet / Todavía no: {_labels(row['unmet'])}")

    emit(args, data, human)
    return EXIT_OK


def _board_row(row: BoardRow) -> dict[str, Any]:
    last = row.last_follow_up
    return {
        "person_id": row.person.id,
        "registration_id": row.person.registration_id,
        "name": row.person.full_name,
        "household": row.household_external_id or row.person.household_id,
        "place": row.place,
        "started_on": row.episode.started_on.isoformat(),
        "day": row.day,
        "days_total": (row.release_from - row.episode.day_zero).days,
        "days_remaining": row.days_remaining,
        "release_from": row.release_from.isoformat(),
        "due_today": row.due_today,
        "overdue_days": row.overdue_days,
        "urgent": row.urgent,
        "unmet": [str(code) for code in row.unmet],
        "release_candidate": row.release_candidate,
        "last_follow_up": None
        if last is None
        else {
            "recorded_at": last.recorded_at.isoformat(),
            "temperature_c": last.temperature_c,
            "fever": last.fever,
            "fever_medicine": last.fever_medicine,
            "symptoms_improving": last.symptoms_improving,
            "warning_signs": sorted(last.warning_signs),
        },
    }


def cmd_isolation_follow_up(args: argparse.Namespace, session: Session) -> int:
    store = session.store
    person = _person(store, args.person)
    entry = FollowUpEntry(
        person_id=person["id"],
        temperature=args.temperature,
        unit=args.unit,
        felt_feverish=args.felt_feverish,
        fever_medicine=args.fever_medicine,
        symptoms=frozenset(args.symptom),
        symptoms_improving=args.improving,
        warning_signs=frozenset(args.warning_sign),
        note=args.note,
    )
    saved = record_follow_up(store, session.actor, entry).value
    data = {
        "follow_up_id": saved.follow_up_id,
        "registration_id": person["registration_id"],
        "urgent_referral": saved.urgent_referral,
    }

    def human() -> None:
        print(
            f"Follow-up saved / Seguimiento guardado: {_name(person)} ({person['registration_id']})"
        )
        if saved.urgent_referral:
            print(
                "URGENT: emergency warning signs, get medical care now / URGENTE: signos de "
                "alarma, busque atención médica ya"
            )

    emit(args, data, human)
    return EXIT_OK


def cmd_isolation_release(args: argparse.Namespace, session: Session) -> int:
    """Refused by the core, with what is still missing, until the release criteria are met."""
    store = session.store
    person = _person(store, args.person)
    released_on = release(store, session.actor, person["id"], args.note).value
    data = {"registration_id": person["registration_id"], "released_on": released_on.isoformat()}

    def human() -> None:
        print(
            f"Released from isolation / Dado de alta del aislamiento: {_name(person)} "
            f"({person['registration_id']}), {released_on:%Y-%m-%d}"
        )
        print(
            "Re-screen before travel, without a new test / Reevalúe antes del viaje, sin otra "
            "prueba: staging-site screening record "
            f"{person['registration_id']} --temperature … --recovery-cleared-by …"
        )

    emit(args, data, human)
    return EXIT_OK


# --- supplies: kits and places ------------------------------------------------------------------


def cmd_kits_list(args: argparse.Namespace, session: Session) -> int:
    store = session.store
    today = store.today()
    types = [
        {
            "id": kit_id,
            "name": kit.name,
            "read_from_minutes": kit.read_from_minutes,
            "read_until_minutes": kit.read_until_minutes,
            "test_within_minutes": kit.test_within_minutes,
        }
        for kit_id, kit in kit_types(store)
    ]
    lots = [
        {
            "id": choice.id,
            "kit": choice.lot.kit.name,
            "lot_number": choice.lot.lot_number,
            "expires_on": choice.lot.expires_on.isoformat(),
            "extended_expires_on": _iso(choice.lot.extended_expires_on),
            "extension_notice": choice.lot.extension_notice,
            "usable_through": choice.lot.usable_through.isoformat(),
            "expired": choice.lot.usable_through < today,
        }
        for choice in lot_choices(store, today)
    ]

    def human() -> None:
        print("Kit types / Tipos de prueba:")
        for kit in types:
            print(
                f"  {kit['name']:<32} read / leer {kit['read_from_minutes']}–"
                f"{kit['read_until_minutes']} min"
            )
        print("Lots / Lotes:")
        for lot in lots:
            expired = "  EXPIRED / VENCIDO" if lot["expired"] else ""
            extended = " (extended / extendido)" if lot["extended_expires_on"] else ""
            print(
                f"  {lot['lot_number']:<16} {lot['kit']:<32} "
                f"until / hasta {lot['usable_through']}{extended}{expired}"
            )

    emit(args, {"types": types, "lots": lots}, human)
    return EXIT_OK


def cmd_kits_add_type(args: argparse.Namespace, session: Session) -> int:
    kit = KitType(args.name.strip(), args.read_from, args.read_until, args.test_within)
    kit_id = add_kit_type(session.store, session.actor, kit).value
    emit(
        args,
        {"id": kit_id, "name": kit.name},
        lambda: print(f"Kit type added / Tipo de prueba agregado: {kit.name}"),
    )
    return EXIT_OK


def _kit_type_id(store: Store, text: str) -> str:
    """A kit type by its id or its name (any case)."""
    wanted = text.strip().casefold()
    for kit_id, kit in kit_types(store):
        if wanted in (kit_id.casefold(), kit.name.casefold()):
            return kit_id
    raise NotFound(
        f"No kit type {text!r}: list them with `staging-site kits list`",
        f"No existe el tipo de prueba {text!r}: véalos con `staging-site kits list`",
    )


def cmd_kits_add_lot(args: argparse.Namespace, session: Session) -> int:
    store = session.store
    lot_id = add_kit_lot(
        store,
        session.actor,
        _kit_type_id(store, args.kit_type),
        args.lot,
        args.expires,
        args.extended,
        args.notice,
    ).value
    emit(
        args,
        {"id": lot_id, "lot_number": args.lot.strip()},
        lambda: print(f"Lot added / Lote agregado: {args.lot.strip()}"),
    )
    return EXIT_OK


def cmd_kits_extend(args: argparse.Namespace, session: Session) -> int:
    store = session.store
    extend_kit_lot(store, session.actor, find_lot(store, args.lot), args.until, args.notice)
    emit(
        args,
        {"lot_number": args.lot, "extended_expires_on": args.until.isoformat()},
        lambda: print(
            f"Lot {args.lot} usable until / Lote {args.lot} vigente hasta: {args.until:%Y-%m-%d}"
        ),
    )
    return EXIT_OK


def cmd_places_list(args: argparse.Namespace, session: Session) -> int:
    places = isolation_places(session.store)

    def human() -> None:
        if not places:
            print("No isolation places yet / Aún no hay lugares de aislamiento")
        for place in places:
            print(f"  {place['name']:<32} {place['address']}")

    emit(args, places, human)
    return EXIT_OK


def cmd_places_add(args: argparse.Namespace, session: Session) -> int:
    place_id = add_isolation_place(session.store, session.actor, args.name, args.address).value
    emit(
        args,
        {"id": place_id, "name": args.name.strip()},
        lambda: print(f"Place added / Lugar agregado: {args.name.strip()}"),
    )
    return EXIT_OK


# --- counts -------------------------------------------------------------------------------------


def cmd_counts(args: argparse.Namespace, session: Session) -> int:
    """The day's figures, never a name: coordinators may read them too."""
    store = session.store
    counts = day_counts(store, session.actor, args.date or store.today())
    data = {
        "date": counts.day.isoformat(),
        "screened": counts.screened,
        "tested": counts.tested,
        "positive": counts.positive,
        "positivity": counts.positivity,
        "in_isolation": counts.in_isolation,
        "released": counts.released,
    }

    def human() -> None:
        share = "—" if counts.positivity is None else f"{counts.positivity:.1%}"
        print(f"{counts.day:%Y-%m-%d}")
        print(f"  Screened / Evaluados:          {counts.screened}")
        print(f"  Tested / Con prueba:           {counts.tested}")
        print(f"  Positive / Positivos:          {counts.positive} ({share})")
        print(f"  In isolation / En aislamiento: {counts.in_isolation}")
        print(f"  Released / Dados de alta:      {counts.released}")

    emit(args, data, human)
    return EXIT_OK


# --- the parsers --------------------------------------------------------------------------------


def _temperature_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--temperature", type=_number, metavar="DEGREES", help="e.g. 37.2")
    parser.add_argument(
        "--unit",
        type=_unit,
        choices=list(TemperatureUnit),
        default=TemperatureUnit.CELSIUS,
        help="C (default) or F",
    )
    parser.add_argument("--felt-feverish", action="store_true", help="feels feverish")
    parser.add_argument(
        "--fever-medicine", action="store_true", help="took fever-reducing medicine"
    )
    parser.add_argument(
        "--symptom",
        type=_code(Symptom, "symptom", "síntoma"),
        choices=list(Symptom),
        action="append",
        default=[],
        help="repeatable",
    )


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    login: argparse.ArgumentParser,
) -> dict[str, Command]:
    """Add `screening`, `isolation`, `kits`, `places` and `counts`; returns their runners."""
    person_help = "registration id, A-number or wristband code"

    screening = commands.add_parser("screening", parents=[common], help="health screening")
    screening_commands = screening.add_subparsers(dest="screening_command", required=True)
    record = screening_commands.add_parser(
        "record", parents=[login], help="record a screening (questionnaire, temperature, test)"
    )
    record.set_defaults(medical=cmd_screening_record)
    record.add_argument("person", help=person_help)
    _temperature_flags(record)
    record.add_argument("--onset", type=_day, metavar="DATE", help="symptoms' onset, YYYY-MM-DD")
    record.add_argument("--close-contact", action="store_true")
    record.add_argument(
        "--positive-test-on",
        type=_day,
        metavar="DATE",
        help="an earlier positive test's date (YYYY-MM-DD)",
    )
    record.add_argument(
        "--disease-sign",
        type=_code(DiseaseSign, "sign", "signo"),
        choices=list(DiseaseSign),
        action="append",
        default=[],
        help="repeatable",
    )
    record.add_argument("--pregnant", action="store_true")
    record.add_argument(
        "--condition",
        type=_code(Condition, "condition", "condición"),
        choices=list(Condition),
        action="append",
        default=[],
        help="repeatable",
    )
    record.add_argument("--injuries", default="", help="injuries seen, in words")
    record.add_argument("--referral", action="store_true", help="needs a medical referral")
    record.add_argument("--lot", help="kit lot number or id (see `kits list`)")
    record.add_argument(
        "--collected",
        type=_moment,
        metavar="WHEN",
        help="specimen collected, 'YYYY-MM-DD HH:MM' site time",
    )
    record.add_argument(
        "--started",
        type=_moment,
        metavar="WHEN",
        help="specimen applied to the kit (its timer started); default: --collected",
    )
    record.add_argument(
        "--read", type=_moment, metavar="WHEN", help="test read, 'YYYY-MM-DD HH:MM' site time"
    )
    record.add_argument(
        "--result",
        type=_code(AntigenResult, "result", "resultado"),
        choices=[AntigenResult.POSITIVE, AntigenResult.NEGATIVE, AntigenResult.INVALID],
    )
    record.add_argument(
        "--recovery-cleared-by",
        default="",
        metavar="NAME",
        help="documentation of recovery instead of a test: the clinician who signed it",
    )
    _decision_flags(record, required=False)
    record.add_argument("--place", help="isolation place (name or id), for a positive")
    record.add_argument("--corrects", metavar="SCREENING_ID", help="correct this screening")

    review = screening_commands.add_parser(
        "review", parents=[login], help="decide a clinical review in writing"
    )
    review.set_defaults(medical=cmd_screening_review)
    review.add_argument("screening_id")
    _decision_flags(review, required=True)

    show = screening_commands.add_parser(
        "show", parents=[login], help="a person's medical record (audited)"
    )
    show.set_defaults(medical=cmd_screening_show)
    show.add_argument("person", help=person_help)

    isolation = commands.add_parser("isolation", parents=[common], help="isolation follow-up")
    isolation_commands = isolation.add_subparsers(dest="isolation_command", required=True)
    board = isolation_commands.add_parser(
        "list", parents=[login], help="due, overdue and release candidates (audited)"
    )
    board.set_defaults(medical=cmd_isolation_list)
    board.add_argument("--date", type=_day, metavar="DATE", help="another site day, YYYY-MM-DD")
    follow_up = isolation_commands.add_parser(
        "follow-up", parents=[login], help="record the daily follow-up"
    )
    follow_up.set_defaults(medical=cmd_isolation_follow_up)
    follow_up.add_argument("person", help=person_help)
    _temperature_flags(follow_up)
    follow_up.add_argument("--improving", type=_yes_no, help="symptoms improving: yes or no")
    follow_up.add_argument(
        "--warning-sign",
        type=_code(WarningSign, "warning sign", "signo de alarma"),
        choices=list(WarningSign),
        action="append",
        default=[],
        help="repeatable; any of them means urgent care",
    )
    follow_up.add_argument("--note", default="")
    leave = isolation_commands.add_parser(
        "release", parents=[login], help="release when the criteria are met"
    )
    leave.set_defaults(medical=cmd_isolation_release)
    leave.add_argument("person", help=person_help)
    leave.add_argument("--note", default="")

    kits = commands.add_parser("kits", parents=[common], help="antigen test kits and lots")
    kit_commands = kits.add_subparsers(dest="kits_command", required=True)
    kit_commands.add_parser("list", parents=[login]).set_defaults(medical=cmd_kits_list)
    add_type = kit_commands.add_parser("add-type", parents=[login], help="a kind of kit")
    add_type.set_defaults(medical=cmd_kits_add_type)
    add_type.add_argument("name")
    add_type.add_argument("--read-from", type=_minutes, required=True, metavar="MIN")
    add_type.add_argument("--read-until", type=_minutes, required=True, metavar="MIN")
    add_type.add_argument(
        "--test-within",
        type=_minutes,
        default=60,
        metavar="MIN",
        help="minutes from collection to the kit (default 60)",
    )
    add_lot = kit_commands.add_parser("add-lot", parents=[login], help="a lot of a kit type")
    add_lot.set_defaults(medical=cmd_kits_add_lot)
    add_lot.add_argument("kit_type", metavar="TYPE", help="kit type name or id")
    add_lot.add_argument("lot", metavar="LOT", help="lot number printed on the box")
    add_lot.add_argument(
        "--expires", type=_day, required=True, metavar="DATE", help="printed expiry"
    )
    add_lot.add_argument(
        "--extended", type=_day, metavar="DATE", help="the manufacturer's extended expiry"
    )
    add_lot.add_argument("--notice", default="", help="the notice that extends it")
    extend = kit_commands.add_parser(
        "extend", parents=[login], help="a manufacturer's extension of a lot's expiry"
    )
    extend.set_defaults(medical=cmd_kits_extend)
    extend.add_argument("lot", metavar="LOT", help="lot number or id")
    extend.add_argument(
        "--until", type=_day, required=True, metavar="DATE", help="the extended expiry"
    )
    extend.add_argument("--notice", required=True, help="the notice that extends it")

    places = commands.add_parser("places", parents=[common], help="isolation places")
    place_commands = places.add_subparsers(dest="places_command", required=True)
    place_commands.add_parser("list", parents=[login]).set_defaults(medical=cmd_places_list)
    add_place = place_commands.add_parser("add", parents=[login])
    add_place.set_defaults(medical=cmd_places_add)
    add_place.add_argument("name")
    add_place.add_argument("--address", default="")

    counts = commands.add_parser(
        "counts", parents=[login], help="the day's screening figures, no names"
    )
    counts.set_defaults(medical=cmd_counts)
    counts.add_argument("--date", type=_day, metavar="DATE", help="YYYY-MM-DD (default: today)")
    return MEDICAL_COMMANDS


def _decision_flags(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument(
        "--decide",
        type=_code(Outcome, "decision", "decisión"),
        choices=[Outcome.CLEARED, Outcome.ISOLATION],
        required=required,
        help="the screener's decision on a negative test with fever or symptoms",
    )
    parser.add_argument("--note", default="", help="why (required with --decide)")


def cmd_medical(args: argparse.Namespace, session: Session) -> int:
    handler: Command = args.medical
    return handler(args, session)


MEDICAL_COMMANDS: dict[str, Command] = {
    name: cmd_medical for name in ("screening", "isolation", "kits", "places", "counts")
}
