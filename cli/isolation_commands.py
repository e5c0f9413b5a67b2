"""Sub-command `isolation`: the board of who is in isolation, the daily follow-up, the release.

Who is due, who is overdue and who may be released are the core's answers
(`staging.isolation`); a release the rules do not allow yet is refused with what is missing.
"""

from __future__ import annotations

import argparse
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from cli import medical_flags as flags
from cli.output import EXIT_OK, emit
from staging.isolation.board import BoardRow, isolation_board
from staging.isolation.operations import FollowUpEntry, record_follow_up, release
from staging.rules.isolation import WarningSign
from staging.security.access import Session


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    login: argparse.ArgumentParser,
) -> None:
    """Add `isolation` with `list`, `follow-up` and `release`."""
    isolation = commands.add_parser("isolation", parents=[common], help="isolation follow-up")
    isolation_commands = isolation.add_subparsers(dest="isolation_command", required=True)
    board = isolation_commands.add_parser(
        "list", parents=[login], help="due, overdue and release candidates (audited)"
    )
    board.set_defaults(medical=cmd_isolation_list)
    board.add_argument(
        "--date", type=flags.day, metavar="DATE", help="another site day, YYYY-MM-DD"
    )
    follow_up = isolation_commands.add_parser(
        "follow-up", parents=[login], help="record the daily follow-up"
    )
    follow_up.set_defaults(medical=cmd_isolation_follow_up)
    follow_up.add_argument("person", help=flags.PERSON_HELP)
    flags.add_temperature_flags(follow_up)
    follow_up.add_argument("--improving", type=flags.yes_no, help="symptoms improving: yes or no")
    flags.add_codes(
        follow_up,
        "--warning-sign",
        WarningSign,
        "warning sign",
        "signo de alarma",
        "repeatable; any of them means urgent care",
    )
    follow_up.add_argument("--note", default="")
    leave = isolation_commands.add_parser(
        "release", parents=[login], help="release when the criteria are met"
    )
    leave.set_defaults(medical=cmd_isolation_release)
    leave.add_argument("person", help=flags.PERSON_HELP)
    leave.add_argument("--note", default="")


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
            marks = [
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
                f"{row['days_remaining']} left / faltan  " + "  ".join(f for f in marks if f)
            )
            if row["unmet"]:
                print(f"      Not yet / Todavía no: {flags.labels(row['unmet'])}")

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
    person = flags.person(store, args.person)
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
            "Follow-up saved / Seguimiento guardado: "
            f"{flags.name(person)} ({person['registration_id']})"
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
    person = flags.person(store, args.person)
    released_on = release(store, session.actor, person["id"], args.note).value
    data = {"registration_id": person["registration_id"], "released_on": released_on.isoformat()}

    def human() -> None:
        print(
            f"Released from isolation / Dado de alta del aislamiento: {flags.name(person)} "
            f"({person['registration_id']}), {released_on:%Y-%m-%d}"
        )
        print(
            "Re-screen before travel, without a new test / Reevalúe antes del viaje, sin otra "
            "prueba: staging-site screening record "
            f"{person['registration_id']} --temperature … --recovery-cleared-by …"
        )

    emit(args, data, human)
    return EXIT_OK
