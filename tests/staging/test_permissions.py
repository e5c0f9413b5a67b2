"""Roles are enforced by the core, whatever screen (or script) asks: each role tries every kind
of write, through the real operations, logged in as a user of that role.

The expectations below are written out by hand from DESIGN.md ("Who uses it"), not read from
`rules.PERMISSIONS`, so a wrong entry there fails here. A refused write must leave every table,
the audit log included, and the key file exactly as they were; an allowed one must land.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from staging.audit.history import person_history
from staging.domain import Role, Verification
from staging.duplicates.operations import dismiss, merge
from staging.errors import PermissionDenied
from staging.exports import export_people
from staging.intake.operations import check_in, update_contact
from staging.isolation.operations import FollowUpEntry, record_follow_up
from staging.paperwork.operations import record_legal_orientation
from staging.registration.service import import_registrations
from staging.rules import Action, StopSign
from staging.rules.screening import Answers, AntigenResult
from staging.rules.transport import Vehicle
from staging.screening.operations import ScreeningEntry, record_screening
from staging.screening.queries import day_counts, medical_record
from staging.screening.supplies import KNOWN_KITS, add_isolation_place, add_kit_lot, add_kit_type
from staging.security.access import (
    Session,
    add_user,
    change_own_password,
    create_site,
    disable_user,
    open_site,
    reset_password,
)
from staging.security.keyfile import KdfParams, keyfile_path
from staging.sync.envelope import Change
from staging.sync.hlc import format_stamp, parse_stamp
from staging.sync.inbox import receive_changes
from staging.sync.review import conflicts_to_review, settle
from staging.transport.operations import add_trip, add_vehicle, close_trip
from staging.verification.operations import record_verification
from tests.conftest import registration_row, write_registrations

FAST_KDF = KdfParams(time_cost=1, memory_kib=8, parallelism=1)
PASSWORD = "contraseña-de-prueba"
USER_OF = {
    Role.INTAKE: "ivan",
    Role.SCREENER: "sara",
    Role.COORDINATOR: "carmen",
    Role.ADMIN: "admin",
}
BYSTANDER = "victor"  # the account others try to disable or reset
NEW_LIST = "nueva-lista.csv"  # waits on the "USB stick" beside the site

ALLOWED: dict[Role, frozenset[Action]] = {
    Role.INTAKE: frozenset(
        {
            Action.REGISTER_WALK_IN,
            Action.EDIT_CONTACT,
            Action.CHECK_IN,
            Action.REVIEW_DUPLICATES,
            Action.CHANGE_OWN_PASSWORD,
            # Every desk applies what the other desks recorded (sync), whoever is logged in.
            Action.SYNC,
            # Form EOIR-33, legal orientation, reopening documents: done at tables like intake.
            Action.PREPARE_PAPERWORK,
            # Boarding is a scan at the vehicle's door, as at the intake desk.
            Action.BOARD,
        }
    ),
    # Screeners screen and follow isolation, and may check people in; only they (and admins)
    # read a person's medical record.
    Role.SCREENER: frozenset(
        {
            Action.CHECK_IN,
            Action.CHANGE_OWN_PASSWORD,
            # Every desk applies what the other desks recorded (sync), whoever is logged in.
            Action.SYNC,
            Action.SCREEN,
            Action.FOLLOW_UP_ISOLATION,
            Action.MANAGE_MEDICAL_SUPPLIES,
            Action.READ_MEDICAL,
            Action.READ_MEDICAL_COUNTS,
        }
    ),
    Role.COORDINATOR: frozenset(
        {
            Action.IMPORT_REGISTRATIONS,
            Action.REGISTER_WALK_IN,
            Action.EDIT_CONTACT,
            Action.RECORD_VERIFICATION,
            Action.CHECK_IN,
            Action.REVIEW_DUPLICATES,
            # Intake staff may say two registrations are different people; only coordinators
            # merge them (a wrong merge puts one person's facts on another).
            Action.MERGE_PEOPLE,
            Action.EXPORT,
            Action.BACKUP,
            Action.CHANGE_OWN_PASSWORD,
            # Every desk applies what the other desks recorded (sync), whoever is logged in.
            Action.SYNC,
            # The day's counts, never a person's result.
            Action.READ_MEDICAL_COUNTS,
            Action.PREPARE_PAPERWORK,
            Action.PLAN_TRANSPORT,
            Action.BOARD,
            # The coordinator chooses between the values two desks gave one field.
            Action.RESOLVE_CONFLICTS,
        }
    ),
    Role.ADMIN: frozenset(
        {
            Action.IMPORT_REGISTRATIONS,
            Action.REGISTER_WALK_IN,
            Action.EDIT_CONTACT,
            Action.RECORD_VERIFICATION,
            Action.CHECK_IN,
            Action.REVIEW_DUPLICATES,
            Action.MERGE_PEOPLE,
            Action.BUILD_DEMO,
            Action.EXPORT,
            Action.MANAGE_USERS,
            Action.MANAGE_SETTINGS,
            Action.CHANGE_OWN_PASSWORD,
            # Every desk applies what the other desks recorded (sync), whoever is logged in.
            Action.SYNC,
            Action.BACKUP,
            Action.RESTORE,
            Action.READ_AUDIT,
            Action.SCREEN,
            Action.FOLLOW_UP_ISOLATION,
            Action.MANAGE_MEDICAL_SUPPLIES,
            Action.READ_MEDICAL,
            Action.READ_MEDICAL_COUNTS,
            Action.PREPARE_PAPERWORK,
            Action.PLAN_TRANSPORT,
            Action.BOARD,
            Action.RESOLVE_CONFLICTS,
        }
    ),
}
# Reads that change nothing and are not audited: allowed means answered.
UNAUDITED_READS = frozenset({Action.READ_MEDICAL_COUNTS})


@dataclass
class Desk:
    """A copy of the test site, logged in as one user, with what the operations act on."""

    session: Session
    folder: Path
    person: str
    duplicate: str
    arrived: str  # checked in, not screened
    isolated: str  # checked in, tested positive
    lot: str
    trip: str = ""  # today's, open


Operation = Callable[[Desk], object]


def import_list(desk: Desk) -> object:
    source = desk.folder / "usb" / NEW_LIST
    return import_registrations(desk.session.store, desk.session.actor, source)


def register_walk_in(desk: Desk) -> object:
    with desk.session.store.write(desk.session.actor, Action.REGISTER_WALK_IN) as work:
        household = work.insert("household", {"external_id": None, "created_at": work.at})
        return work.insert(
            "person",
            {
                "registration_id": "WALKIN-1",
                "household_id": household,
                "given_names": "Ana",
                "paternal_surname": "Reyes",
                "source": "walk_in",
                "created_at": work.at,
                "updated_at": work.at,
            },
        )


def edit_contact(desk: Desk) -> object:
    with desk.session.store.write(desk.session.actor, Action.EDIT_CONTACT) as work:
        return work.update("person", desk.person, {"phone": "+52 664 555 0199"})


def review_duplicate(desk: Desk) -> object:
    return dismiss(desk.session.store, desk.session.actor, desk.duplicate)


def merge_people(desk: Desk) -> object:
    return merge(desk.session.store, desk.session.actor, desk.duplicate, keep=desk.person)


def build_demo(desk: Desk) -> object:
    with desk.session.store.write(desk.session.actor, Action.BUILD_DEMO) as work:
        work.note("demo", "demo", {"people": 10})


def export(desk: Desk) -> object:
    return export_people(
        desk.session,
        desk.folder / "usb" / "personas.csv",
        fmt="csv",
        passphrase="tres palabras sueltas",
        kdf=FAST_KDF,
    )


def put_setting(desk: Desk) -> object:
    with desk.session.store.write(desk.session.actor, Action.MANAGE_SETTINGS) as work:
        work.put_setting("site_name", "Matamoros")


def backup(desk: Desk) -> object:
    with desk.session.store.write(desk.session.actor, Action.BACKUP) as work:
        work.note("backup", "copia.db", {"folder": "usb"})


def restore(desk: Desk) -> object:
    with desk.session.store.write(desk.session.actor, Action.RESTORE) as work:
        work.note("restore", "copia.db", {"folder": "usb"})


# Each kind of write, through the core function a screen would call. Backup, restore, walk-ins,
# contact edits and demo building have no core function yet: for those the write path itself is
# the operation.
def receive_from_another_desk(desk: Desk) -> object:
    vehicle = {"name": "Van Z", "rows": 4, "seats_per_row": 3, "created_at": "2021-03-01"}
    change = Change(
        "e-1", "desk-z", "0000000000001-000000-desk-z", "vehicle", "v-1", "insert", vehicle
    )
    return receive_changes(desk.session.store, desk.session.actor, [change])


def resolve_conflict(desk: Desk) -> object:
    (conflict,) = conflicts_to_review(desk.session.store)
    value = conflict.leaves[1].value
    return settle(desk.session.store, desk.session.actor, conflict.id, value)


OPERATIONS: dict[str, tuple[Action, Operation]] = {
    "import_registrations": (Action.IMPORT_REGISTRATIONS, import_list),
    "register_walk_in": (Action.REGISTER_WALK_IN, register_walk_in),
    "edit_contact": (Action.EDIT_CONTACT, edit_contact),
    "record_verification": (
        Action.RECORD_VERIFICATION,
        lambda d: (
            record_verification(
                d.session.store, d.session.actor, [d.person], Verification.VERIFIED
            ).value
        ),
    ),
    "check_in": (
        Action.CHECK_IN,
        lambda d: check_in(d.session.store, d.session.actor, [d.person], frozenset(StopSign)).value,
    ),
    "review_duplicates": (Action.REVIEW_DUPLICATES, review_duplicate),
    "merge_people": (Action.MERGE_PEOPLE, merge_people),
    "sync": (Action.SYNC, receive_from_another_desk),
    "resolve_conflicts": (Action.RESOLVE_CONFLICTS, resolve_conflict),
    "build_demo": (Action.BUILD_DEMO, build_demo),
    "export": (Action.EXPORT, export),
    "add_user": (
        Action.MANAGE_USERS,
        lambda d: add_user(d.session, "nuevo", Role.INTAKE, PASSWORD, kdf=FAST_KDF),
    ),
    "disable_user": (Action.MANAGE_USERS, lambda d: disable_user(d.session, BYSTANDER)),
    "reset_password": (
        Action.MANAGE_USERS,
        lambda d: reset_password(d.session, BYSTANDER, "otra-contraseña", kdf=FAST_KDF),
    ),
    "put_setting": (Action.MANAGE_SETTINGS, put_setting),
    "change_own_password": (
        Action.CHANGE_OWN_PASSWORD,
        lambda d: change_own_password(d.session, PASSWORD, "mi-nueva-contraseña"),
    ),
    "backup": (Action.BACKUP, backup),
    "restore": (Action.RESTORE, restore),
    "read_audit": (Action.READ_AUDIT, lambda d: person_history(d.session, d.person)),
    "screen": (
        Action.SCREEN,
        lambda d: record_screening(d.session.store, d.session.actor, negative(d)),
    ),
    "follow_up_isolation": (
        Action.FOLLOW_UP_ISOLATION,
        lambda d: record_follow_up(
            d.session.store, d.session.actor, FollowUpEntry(d.isolated, 36.9)
        ),
    ),
    "manage_medical_supplies": (
        Action.MANAGE_MEDICAL_SUPPLIES,
        lambda d: add_isolation_place(d.session.store, d.session.actor, "Albergue Juventud 2000"),
    ),
    "read_medical": (
        Action.READ_MEDICAL,
        lambda d: medical_record(d.session.store, d.session.actor, d.isolated),
    ),
    "prepare_paperwork": (
        Action.PREPARE_PAPERWORK,
        lambda d: record_legal_orientation(
            d.session.store,
            d.session.actor,
            [d.arrived],
            d.session.store.today(),
            "Al Otro Lado",
        ),
    ),
    "plan_transport": (
        Action.PLAN_TRANSPORT,
        lambda d: add_vehicle(d.session.store, d.session.actor, Vehicle("Van 2", 4, 3)),
    ),
    "board": (Action.BOARD, lambda d: close_trip(d.session.store, d.session.actor, d.trip)),
    "read_medical_counts": (
        Action.READ_MEDICAL_COUNTS,
        lambda d: day_counts(d.session.store, d.session.actor, d.session.store.today()),
    ),
}


def negative(desk: Desk, person: str | None = None) -> ScreeningEntry:
    """A negative BinaxNOW read 20 minutes after the specimen went onto the card."""
    now = desk.session.store.clock.now()
    return ScreeningEntry(
        person_id=person or desk.arrived,
        answers=Answers(),
        temperature=36.7,
        kit_lot_id=desk.lot,
        collected_at=now - timedelta(minutes=20),
        read_at=now,
        result=AntigenResult.NEGATIVE,
    )


CASES = [pytest.param(role, name, id=f"{role}-{name}") for role in Role for name in OPERATIONS]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site with one user per role, a bystander, two people and one possible duplicate."""
    folder = tmp_path_factory.mktemp("template")
    (folder / "usb").mkdir()
    write_registrations(folder / "usb" / NEW_LIST, [registration_row(900)])
    session = create_site(folder / "site.db", USER_OF[Role.ADMIN], PASSWORD, kdf=FAST_KDF)
    for role, user in USER_OF.items():
        if role is not Role.ADMIN:
            add_user(session, user, role, PASSWORD, kdf=FAST_KDF)
    add_user(session, BYSTANDER, Role.INTAKE, PASSWORD, kdf=FAST_KDF)
    source = write_registrations(
        tmp_path_factory.mktemp("lists") / "lista.csv",
        [registration_row(1), registration_row(2)],  # alike names, same birth date
    )
    summary = import_registrations(session.store, session.actor, source)
    assert (summary.imported, summary.possible_duplicates) == (2, 1)
    arrivals = write_registrations(
        tmp_path_factory.mktemp("arrivals") / "llegadas.csv",
        [
            registration_row(3, given_names="Rosa", date_of_birth="1979-02-03"),
            registration_row(4, given_names="Tomás", date_of_birth="1992-11-20"),
        ],
    )
    import_registrations(session.store, session.actor, arrivals)
    store, actor = session.store, session.actor
    arrived, isolated = (
        store.db.execute("SELECT id FROM person WHERE registration_id = ?", [r]).fetchone()[0]
        for r in ("REG-0003", "REG-0004")
    )
    check_in(store, actor, [arrived, isolated], frozenset(StopSign))
    kit = add_kit_type(store, actor, KNOWN_KITS[0]).value
    lot = add_kit_lot(store, actor, kit, "BX-1", date.today() + timedelta(days=365)).value
    desk = Desk(session, folder, "", "", arrived, isolated, lot)
    positive = replace(negative(desk, isolated), result=AntigenResult.POSITIVE)
    record_screening(store, actor, positive)
    van = add_vehicle(store, actor, Vehicle("Van 1", 4, 3)).value
    add_trip(store, actor, store.today(), "SYS", "07:30", van)
    _phone_changed_on_two_desks(session, arrived)
    session.close()
    return folder


def _phone_changed_on_two_desks(session: Session, person: str) -> None:
    """The phone edited here and, from the same value, on another desk: a conflict to settle."""
    store = session.store
    (inserted,) = store.db.execute(
        "SELECT hlc FROM change_log WHERE entity = 'person' AND entity_id = ? AND op = 'insert'",
        [person],
    ).fetchone()
    update_contact(store, session.actor, person, {"phone": "+526645550303"})
    elsewhere = Change(
        "e-phone",
        "desk-z",
        format_stamp(*parse_stamp(inserted)[:2], "desk-z"),
        "person",
        person,
        "update",
        {"phone": "+526645550333"},
        {"phone": inserted},
        "rosa",
        "intake",
    )
    receive_changes(store, session.actor, [elsewhere])
    assert len(conflicts_to_review(store)) == 1


@pytest.fixture
def desk(template: Path, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Desk]:
    role: Role = request.param
    folder = tmp_path / "site"
    shutil.copytree(template, folder)
    session = open_site(folder / "site.db", USER_OF[role], PASSWORD)
    db = session.store.db
    person = db.execute("SELECT id FROM person WHERE registration_id = 'REG-0001'").fetchone()
    duplicate = db.execute("SELECT id FROM possible_duplicate").fetchone()
    arrived, isolated = (
        db.execute("SELECT id FROM person WHERE registration_id = ?", [r]).fetchone()[0]
        for r in ("REG-0003", "REG-0004")
    )
    lot = db.execute("SELECT id FROM kit_lot").fetchone()[0]
    trip = db.execute("SELECT id FROM trip").fetchone()[0]
    yield Desk(session, folder, person[0], duplicate[0], arrived, isolated, lot, trip)
    session.close()


def row_counts(desk: Desk) -> dict[str, int]:
    db = desk.session.store.db
    tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {table: db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}


def snapshot(desk: Desk) -> tuple[dict[str, int], bytes, list[str]]:
    """Every table's row count, the key file's bytes and the files beside the database."""
    files = sorted(
        str(path.relative_to(desk.folder))
        for path in desk.folder.rglob("*")
        if not path.name.endswith(("-wal", "-shm"))  # always there while the site is open
    )
    return row_counts(desk), keyfile_path(desk.session.store.path).read_bytes(), files


def test_every_kind_of_write_and_every_role_is_covered() -> None:
    assert {action for action, _ in OPERATIONS.values()} == set(Action)
    assert set(ALLOWED) == set(Role)


@pytest.mark.parametrize(("desk", "operation"), CASES, indirect=["desk"])
def test_each_role_may_do_exactly_its_own_writes(desk: Desk, operation: str) -> None:
    action, run = OPERATIONS[operation]
    before = snapshot(desk)
    if action in ALLOWED[desk.session.actor.role]:
        answer = run(desk)
        if action in UNAUDITED_READS:
            assert answer is not None and snapshot(desk) == before
        else:
            assert row_counts(desk)["audit_log"] > before[0]["audit_log"]
        return
    with pytest.raises(PermissionDenied) as refused:
        run(desk)
    assert refused.value.action is action
    assert snapshot(desk) == before
