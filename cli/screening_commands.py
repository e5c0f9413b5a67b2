"""Sub-command `screening`: record a screening, decide a clinical review, show a record.

For keying in paper forms, or sites working without the desk app. The outcome, the read window,
the expiry and who may read a medical record are the core's; these commands turn the flags into
its inputs and print what it answered.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from cli import medical_flags as flags
from cli.output import EXIT_OK, emit
from staging.domain import ScreeningOutcome as Outcome
from staging.rules.screening import (
    Answers,
    AntigenResult,
    ClearanceBasis,
    Condition,
    DiseaseSign,
)
from staging.screening.operations import (
    ScreeningEntry,
    ScreeningSaved,
    record_screening,
    review_screening,
    screening_row,
)
from staging.screening.queries import medical_record
from staging.screening.supplies import find_lot, find_place
from staging.security.access import Session
from staging.vocabulary import bilingual_label


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    login: argparse.ArgumentParser,
) -> None:
    """Add `screening` with `record`, `review` and `show`."""
    screening = commands.add_parser("screening", parents=[common], help="health screening")
    screening_commands = screening.add_subparsers(dest="screening_command", required=True)
    record = screening_commands.add_parser(
        "record", parents=[login], help="record a screening (questionnaire, temperature, test)"
    )
    record.set_defaults(medical=cmd_screening_record)
    record.add_argument("person", help=flags.PERSON_HELP)
    flags.add_temperature_flags(record)
    record.add_argument(
        "--onset", type=flags.day, metavar="DATE", help="symptoms' onset, YYYY-MM-DD"
    )
    record.add_argument("--close-contact", action="store_true")
    record.add_argument(
        "--positive-test-on",
        type=flags.day,
        metavar="DATE",
        help="an earlier positive test's date (YYYY-MM-DD)",
    )
    flags.add_codes(record, "--disease-sign", DiseaseSign, "sign", "signo")
    record.add_argument("--pregnant", action="store_true")
    flags.add_codes(record, "--condition", Condition, "condition", "condición")
    record.add_argument("--injuries", default="", help="injuries seen, in words")
    record.add_argument("--referral", action="store_true", help="needs a medical referral")
    record.add_argument("--lot", help="kit lot number or id (see `kits list`)")
    record.add_argument(
        "--collected",
        type=flags.moment,
        metavar="WHEN",
        help="specimen collected, 'YYYY-MM-DD HH:MM' site time",
    )
    record.add_argument(
        "--started",
        type=flags.moment,
        metavar="WHEN",
        help="specimen applied to the kit (its timer started); default: --collected",
    )
    record.add_argument(
        "--read", type=flags.moment, metavar="WHEN", help="test read, 'YYYY-MM-DD HH:MM' site time"
    )
    record.add_argument(
        "--result",
        type=flags.code(AntigenResult, "result", "resultado"),
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
    show.add_argument("person", help=flags.PERSON_HELP)


def _decision_flags(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument(
        "--decide",
        type=flags.code(Outcome, "decision", "decisión"),
        choices=[Outcome.CLEARED, Outcome.ISOLATION],
        required=required,
        help="the screener's decision on a negative test with fever or symptoms",
    )
    parser.add_argument("--note", default="", help="why (required with --decide)")


def cmd_screening_record(args: argparse.Namespace, session: Session) -> int:
    store = session.store
    person = flags.person(store, args.person)
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
    return _show_saved(args, flags.person(store, reviewed["person_id"]), saved.value)


def _show_saved(args: argparse.Namespace, person: dict[str, Any], saved: ScreeningSaved) -> int:
    data = {
        "screening_id": saved.screening_id,
        "person_id": person["id"],
        "registration_id": person["registration_id"],
        "outcome": str(saved.outcome),
        "reasons": list(saved.reasons),
        "valid_through": flags.iso(saved.valid_through),
        "episode_id": saved.episode_id,
    }

    def human() -> None:
        print(f"{flags.name(person)}  ({person['registration_id']})")
        print(f"  Outcome / Resultado:   {bilingual_label(saved.outcome)}")
        print(f"  Why / Motivo:          {flags.labels(saved.reasons)}")
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
    person = flags.person(store, args.person)
    record = medical_record(store, session.actor, person["id"])
    zone = store.policy().site.timezone
    data = {
        "person_id": person["id"],
        "registration_id": person["registration_id"],
        "name": flags.name(person),
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
    print(f"    Symptoms / Síntomas:      {flags.labels(sorted(answers.symptoms))}")
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
        print(f"    Signs / Signos:           {flags.labels(sorted(answers.disease_signs))}")
    if answers.conditions:
        print(f"    Conditions / Condiciones: {flags.labels(sorted(answers.conditions))}")
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
    print(f"    Why / Motivo:             {flags.labels(row['reasons'])}")
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
        print(f"      WARNING SIGNS / SIGNOS DE ALARMA: {flags.labels(signs)}")


def _local(moment: str | None, zone: str) -> str:
    if not moment:
        return "—"
    return datetime.fromisoformat(moment).astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")
