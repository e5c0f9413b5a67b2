"""Sub-commands about the people of a site: import, search, person, queue, audit.

Each takes the parsed arguments and an open `Session` and returns an exit code.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from cli.output import EXIT_OK, EXIT_REJECTED, emit, fail
from staging.audit.history import person_history
from staging.audit.integrity import CHECK_NAMES, audit_site
from staging.domain import Person, Role
from staging.people import queries
from staging.registration.parsing import format_a_number
from staging.rules import Policy, person_status
from staging.security.access import Session
from staging.vocabulary import bilingual_label


def person_summary(
    record: dict[str, Any], today: date, policy: Policy, viewer: Role
) -> dict[str, Any]:
    person = queries.person_from_row(record)
    household = record["household_external_id"] or record["household_id"]
    return _summary(person, household, today, policy, viewer)


def _summary(
    person: Person, household: str, today: date, policy: Policy, viewer: Role
) -> dict[str, Any]:
    status = person_status(person, today, policy, viewer)
    return {
        "id": person.id,
        "registration_id": person.registration_id,
        "name": person.full_name,
        "date_of_birth": person.date_of_birth,
        "a_number": person.a_number,
        "household": household,
        "case_status": str(person.case_status),
        "verification": str(person.verification),
        "eligibility": str(status.eligibility),
        "stage": str(status.stage),
        "blockers": [str(b) for b in status.blockers],
    }


def cmd_search(args: argparse.Namespace, session: Session) -> int:
    store = session.store
    policy, today = store.policy(), store.today()
    hits = queries.search_people(store, args.query, limit=args.limit)
    data = [
        _summary(
            hit.person,
            hit.household_external_id or hit.person.household_id,
            today,
            policy,
            session.actor.role,
        )
        for hit in hits
    ]

    def human() -> None:
        if not data:
            print("No one found / No se encontró a nadie")
        for row in data:
            a_number = format_a_number(row["a_number"]) if row["a_number"] else "—"
            print(
                f"{row['registration_id']:<24} {row['name']:<40} {row['date_of_birth']!s:<10} "
                f"{a_number:<14} {bilingual_label(row['stage'])}"
            )

    emit(args, data, human)
    return EXIT_OK


def cmd_person(args: argparse.Namespace, session: Session) -> int:
    store = session.store
    record = queries.find_person(store, args.reference)
    if record is None:
        return fail(
            args,
            f"No person with id, registration id or A-number {args.reference!r}",
            f"No hay ninguna persona con id, registro o número A {args.reference!r}",
            EXIT_REJECTED,
        )
    policy, today = store.policy(), store.today()
    data = person_summary(record, today, policy, session.actor.role)
    data["household_members"] = [
        person_summary(r, today, policy, session.actor.role)
        for r in queries.household_records(store, record["household_id"])
    ]
    data["possible_duplicates"] = queries.open_possible_duplicates(store, record["id"])
    data["record"] = queries.record_as_seen_by(record, session.actor.role)

    def human() -> None:
        a_number = format_a_number(data["a_number"]) if data["a_number"] else "—"
        print(f"{data['name']}  ({data['registration_id']})")
        print(f"  A-number / Número A:        {a_number}")
        print(f"  Born / Nacimiento:          {data['date_of_birth']}")
        print(f"  Household / Hogar:          {data['household']}")
        print(f"  Case / Caso:                {bilingual_label(data['case_status'])}")
        print(f"  Eligibility / Elegibilidad: {bilingual_label(data['eligibility'])}")
        print(f"  Stage / Etapa:              {bilingual_label(data['stage'])}")
        if data["blockers"]:
            print("  Still needed / Falta:")
            for blocker in data["blockers"]:
                print(f"    - {bilingual_label(blocker)}")
        else:
            print("  Ready for transport / Listo para el transporte")
        for other in data["possible_duplicates"]:
            print(
                f"  Possible duplicate of / Posible duplicado de: {other['registration_id']} "
                f"{other['name'].strip()} — review / revisar"
            )
        print("  Household members / Miembros del hogar:")
        for member in data["household_members"]:
            print(f"    {member['registration_id']:<24} {member['name']}")

    emit(args, data, human)
    return EXIT_OK


def cmd_queue(args: argparse.Namespace, session: Session) -> int:
    store = session.store
    policy, today = store.policy(), store.today()
    queue = queries.priority_queue_view(store, today, policy)[: args.limit]
    data = [
        {
            "position": entry.position,
            "household": entry.household_external_id or entry.household_id,
            "size": len(entry.members),
            "vulnerable": entry.vulnerable,
            "waiting_since": entry.waiting_since,
            "members": [
                {
                    "registration_id": p.registration_id,
                    "name": p.full_name,
                    "blockers": [
                        str(b) for b in person_status(p, today, policy, session.actor.role).blockers
                    ],
                }
                for p in entry.members
            ],
        }
        for entry in queue
    ]

    def human() -> None:
        for row in data:
            flag = "★" if row["vulnerable"] else " "
            names = ", ".join(m["name"] for m in row["members"])
            print(
                f"{row['position']:>6} {flag} {row['household']:<14} {row['waiting_since']!s:<10} "
                f"{row['size']}  {names}"
            )

    emit(args, data, human)
    return EXIT_OK


def cmd_audit_verify(args: argparse.Namespace, session: Session) -> int:
    """The signed chain, the data, change log, search index and schema against it, and the
    anchors kept outside the database; exit code 1 if anything is found or cannot be checked."""
    keys = session.audit_keys()
    site_key_ids = {*session.keyfile.audit_keys, *keys}
    audit = audit_site(session.store, keys, args.anchors or (), site_key_ids)
    report, differences = audit.chain, audit.differences
    others = [f for f in audit.findings if f.check not in ("chain", "data")]
    data = {
        "intact": audit.intact,
        "entries": report.entries,
        "first_broken_seq": report.first_broken_seq,
        "reason": report.reason.en if report.reason else "",
        "reason_es": report.reason.es if report.reason else "",
        "data_differences": [d.describe() for d in differences],
        "findings": [
            {"check": f.check, "en": f.words.en, "es": f.words.es} for f in audit.findings
        ],
        "unverified": [{"en": w.en, "es": w.es} for w in audit.unverified],
        "anchors": {
            "checked": audit.anchors.checked,
            "superseded_by_restore": audit.anchors.superseded,
            "other_sites": audit.anchors.other_sites,
        },
    }

    def human() -> None:
        if report.reason is not None:
            print(
                f"Audit log BROKEN at entry {report.first_broken_seq}: {report.reason.en}\n"
                f"Registro de auditoría ALTERADO en la entrada {report.first_broken_seq}: "
                f"{report.reason.es}"
            )
        elif report.unverified:
            print(
                f"Audit log unbroken, {report.entries} entries, but not all can be verified "
                f"here / Registro de auditoría sin cortes, {report.entries} entradas, pero no "
                "todas se pueden verificar aquí:"
            )
        else:
            print(
                f"Audit log intact: {report.entries} entries / "
                f"Registro de auditoría íntegro: {report.entries} entradas"
            )
        for words in audit.unverified:
            print(f"  {words.en}\n  {words.es}")
        if differences:
            print("Data changed outside the app / Datos cambiados fuera de la aplicación:")
            for difference in differences:
                words = difference.words()
                print(f"  {words.en}\n  {words.es}")
        else:
            print("Data matches the audit log / Los datos coinciden con el registro de auditoría")
        anchors = audit.anchors
        print(
            f"Anchors outside the database checked: {anchors.checked} / "
            f"Anclas fuera de la base de datos verificadas: {anchors.checked}"
            + (
                f" ({anchors.superseded} older than a restore / anteriores a una restauración)"
                if anchors.superseded
                else ""
            )
        )
        if not others:
            print(
                "Change log, search index and schema as the app left them / Registro de "
                "cambios, índice de búsqueda y esquema como los dejó la aplicación"
            )
        for finding in others:
            print(f"  [{CHECK_NAMES[finding.check].both()}]")
            print(f"    {finding.words.en}\n    {finding.words.es}")

    emit(args, data, human)
    return EXIT_OK if audit.intact else EXIT_REJECTED


def cmd_audit_trail(args: argparse.Namespace, session: Session) -> int:
    """Who changed what about one person, and when (administrators only)."""
    record = queries.find_person(session.store, args.reference)
    if record is None:
        return fail(
            args,
            f"No person {args.reference!r}",
            f"No existe la persona {args.reference!r}",
            EXIT_REJECTED,
        )
    trail = person_history(session, record["id"])

    def human() -> None:
        for entry in trail:
            print(f"{entry['at']}  {entry['user']:<12} {entry['action']:<32} {entry['entity']}")
            if entry["before"]:
                print(f"    before / antes:   {entry['before']}")
            if entry["after"]:
                print(f"    after / después:  {entry['after']}")

    emit(args, trail, human)
    return EXIT_OK


def cmd_audit(args: argparse.Namespace, session: Session) -> int:
    if args.audit_command == "trail":
        return cmd_audit_trail(args, session)
    return cmd_audit_verify(args, session)


SITE_COMMANDS = {
    "search": cmd_search,
    "person": cmd_person,
    "queue": cmd_queue,
    "audit": cmd_audit,
}
