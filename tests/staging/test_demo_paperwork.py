"""The demo site's paperwork: the paperwork desk has forms in every state, served by
coordinators on the day people arrived or the next, orientations and reopening checklists,
all recorded through the operations, and the same for a seed."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from staging.clock import FrozenClock, site_date
from staging.courts.site import site_directory
from staging.demo.build import create_demo_site
from staging.demo.generator import generate_demo_site
from staging.demo.paperwork import DESK_PEOPLE_PER_DAY, ORIENTATION_PROVIDERS, SERVERS
from staging.domain import CaseStatus, Role
from staging.paperwork.courts import court_choice
from staging.paperwork.queries import waiting_for_form
from staging.people import queries
from staging.rules import person_status
from staging.rules.paperwork import PaperworkBlocker, ReopenDocument
from staging.security.access import Session

MOMENT = datetime(2021, 3, 1, 18, 0, tzinfo=UTC)  # 10:00 in Tijuana
TODAY = date(2021, 3, 1)
ZONE = "America/Tijuana"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    folder = tmp_path_factory.mktemp("paperwork-demo")
    session = create_demo_site(folder / "site.db", people=300, seed=3, clock=FrozenClock(MOMENT))
    yield session
    session.close()


def rows(demo: Session, sql: str) -> list[dict[str, Any]]:
    return queries.rows(demo.store.db, sql)


def arrived_on(demo: Session) -> dict[str, date]:
    return {
        row["person_id"]: site_date(datetime.fromisoformat(row["checked_in_at"]), ZONE)
        for row in rows(demo, "SELECT person_id, checked_in_at FROM check_in")
    }


def households(demo: Session) -> dict[str, list[dict[str, Any]]]:
    """The checked-in people by household."""
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in queries.person_records(demo.store.db, "checked_in"):
        found[record["household_id"]].append(record)
    return found


def test_the_paperwork_desk_has_forms_in_every_state(demo: Session) -> None:
    waiting = Counter(entry.form_state for entry in waiting_for_form(demo.store))
    assert waiting["none"] and waiting["draft"] and waiting["complete"]
    served = rows(demo, "SELECT * FROM eoir33_form WHERE served_at IS NOT NULL")
    assert len(served) > sum(waiting.values()) / 2, "many forms are served"


def test_most_households_that_arrived_before_today_are_served(demo: Session) -> None:
    arrived = arrived_on(demo)
    earlier = [
        members for members in households(demo).values() if arrived[members[0]["id"]] < TODAY
    ]
    served = [members for members in earlier if all(m["eoir33_served"] for m in members)]
    assert len(served) >= 0.6 * len(earlier)


def test_forms_were_served_by_coordinators_on_the_day_of_arrival_or_the_next(
    demo: Session,
) -> None:
    arrived = arrived_on(demo)
    served = rows(demo, "SELECT * FROM eoir33_form WHERE served_at IS NOT NULL")
    delays = Counter(
        (date.fromisoformat(f["served_on"]) - arrived[f["person_id"]]).days for f in served
    )
    assert set(delays) == {0, 1}
    assert {f["server_name"] for f in served} <= set(SERVERS)
    assert {f["service_method"] for f in served} == {"first_class_mail", "in_person"}
    assert all(f["completed_at"] and f["printed_at"] for f in served)
    servers = {
        row["user"]
        for row in rows(
            demo,
            "SELECT a.user FROM audit_log a JOIN eoir33_form f ON f.id = a.entity_id "
            "WHERE a.after LIKE '%served_at%'",
        )
    }
    assert servers == {"coordinator"}


def test_served_forms_go_to_the_courts_the_form_proposes(demo: Session) -> None:
    directory = site_directory(demo.store)
    for form in rows(
        demo,
        "SELECT f.*, p.current_court AS case_court FROM eoir33_form f "
        "JOIN person p ON p.id = f.person_id WHERE f.served_at IS NOT NULL",
    ):
        choice = court_choice(directory, form["case_court"], "", "", form["current_zip"])
        assert form["current_court"] == choice.current.key
        assert form["receiving_court"] == choice.proposed.court.key
        assert form["opla_office"] == choice.opla_office.key
        assert form["signed_on"] == form["served_on"] or form["signed_on"] < form["served_on"]
        assert form["former_country"] and form["former_city"] == "Tijuana"


def test_drafts_wait_for_the_signature_date(demo: Session) -> None:
    drafts = rows(demo, "SELECT * FROM eoir33_form WHERE completed_at IS NULL")
    assert drafts and all(draft["signed_on"] is None for draft in drafts)
    complete = rows(demo, "SELECT * FROM eoir33_form WHERE completed_at IS NOT NULL")
    assert all(form["current_street"] and form["current_zip"] for form in complete)


def test_most_households_have_a_us_address_on_their_form(demo: Session) -> None:
    forms = rows(demo, "SELECT current_street FROM eoir33_form")
    assert sum(1 for form in forms if form["current_street"]) >= 0.8 * len(forms)
    assert rows(demo, "SELECT 1 FROM eoir33_form WHERE in_care_of != ''")


def test_most_households_of_the_last_days_attended_a_legal_orientation(demo: Session) -> None:
    arrived = arrived_on(demo)
    earlier = [
        members for members in households(demo).values() if arrived[members[0]["id"]] < TODAY
    ]
    oriented = [m for m in earlier if all(p["legal_orientation_on"] for p in m)]
    assert len(oriented) >= 0.6 * len(earlier)
    sessions = rows(demo, "SELECT * FROM legal_orientation")
    assert {s["provider"] for s in sessions} <= set(ORIENTATION_PROVIDERS)
    for session in sessions:
        delay = date.fromisoformat(session["attended_on"]) - arrived[session["person_id"]]
        assert delay in (timedelta(0), timedelta(days=1))


def test_in_absentia_cases_have_all_some_or_none_of_their_documents(demo: Session) -> None:
    policy = demo.store.policy()
    prepared = Counter()
    absent = queries.person_records(
        demo.store.db, "checked_in AND case_status = ?", [CaseStatus.IN_ABSENTIA]
    )
    for record in absent:
        person = queries.person_from_row(record)
        count = len(person.paperwork.reopen_documents)
        prepared["all" if count == len(ReopenDocument) else "some" if count else "none"] += 1
        blocked = (
            PaperworkBlocker.REOPEN_DOCUMENTS_NEEDED
            in person_status(person, TODAY, policy, Role.COORDINATOR).blockers
        )
        assert blocked == (count < len(ReopenDocument))
    assert prepared["all"] and prepared["some"] and prepared["none"]


def test_the_same_seed_plans_the_same_paperwork_and_the_desk_has_a_days_limit() -> None:
    first = generate_demo_site(people=10_000, seed=11, today=TODAY)
    again = generate_demo_site(people=10_000, seed=11, today=TODAY)
    other = generate_demo_site(people=10_000, seed=12, today=TODAY)
    assert first.paperwork == again.paperwork
    assert first.paperwork != other.paperwork
    for day in first.paperwork:
        assert len(day.forms) <= DESK_PEOPLE_PER_DAY
    today = first.paperwork[-1]
    assert today.days_ago == 0 and len(today.forms) > DESK_PEOPLE_PER_DAY / 2


def test_the_demo_records_what_was_planned(demo: Session) -> None:
    site = generate_demo_site(people=300, seed=3, today=TODAY)
    planned = {form.registration_id for day in site.paperwork for form in day.forms}
    saved = {
        row["registration_id"]
        for row in rows(
            demo, "SELECT p.registration_id FROM eoir33_form f JOIN person p ON p.id = f.person_id"
        )
    }
    assert saved == planned
