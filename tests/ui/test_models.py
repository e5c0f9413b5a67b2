"""The desk's table models, without any widget: rows, columns, roles and headers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt

from staging.clock import FrozenClock
from staging.demo.build import create_demo_site
from staging.domain import CaseStatus, Person, Role, Verification
from staging.intake.queries import expected_today
from staging.people.queries import SearchHit, search_people
from staging.rules import Policy
from staging.security.access import Session, open_site
from staging.vocabulary import label
from ui.models.household_model import HouseholdModel
from ui.models.people_model import PAGE_SIZE, PeopleTableModel
from ui.models.rows_model import RowsModel
from ui.widgets.dates import display_date

REFERENCE_MOMENT = datetime(2021, 3, 1, 18, 0, tzinfo=UTC)
TODAY = date(2021, 3, 1)
DISPLAY = Qt.ItemDataRole.DisplayRole


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    path = tmp_path_factory.mktemp("models") / "site.db"
    clock = FrozenClock(REFERENCE_MOMENT)
    create_demo_site(path, people=300, seed=3, clock=clock).close()
    opened = open_site(path, "intake", "intake-demo", clock=clock)
    yield opened
    opened.close()


# --- people (lists and search results) ---------------------------------------------------------


def test_people_model_shows_a_list_with_ids_and_stage_codes(session: Session) -> None:
    records = expected_today(session.store, TODAY)
    model = PeopleTableModel(session.store.policy(), TODAY, Role.INTAKE)
    model.set_records(records)
    assert model.rowCount() == len(records) > 0
    assert model.columnCount() == 7
    first = records[0]
    born = date.fromisoformat(first["date_of_birth"])
    assert model.data(model.index(0, model.COL_BORN)) == display_date(born)
    assert str(born.year) in display_date(born)
    assert model.data(model.index(0, model.COL_HOUSEHOLD)) == first["household_external_id"]
    assert model.data(model.index(0, 0), model.PersonIdRole) == first["id"]
    assert model.data(model.index(0, 4), model.HouseholdIdRole) == first["household_id"]
    stage = model.index(0, model.COL_STAGE)
    assert model.data(stage, model.CodeRole) in {
        "registered",
        "verification_submitted",
        "verified",
        "escalated_to_cbp",
        "not_eligible",
        "checked_in",
        "screened",  # the demo's screened arrivals, as an intake user may know them
        "cleared",
    }
    assert model.data(model.index(0, model.COL_NAME), model.CodeRole) is None
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    assert headers == [
        "Arrived",
        "Name",
        "Born",
        "A-number",
        "Registration",
        "Household",
        "Stage",
    ]
    assert model.headerData(0, Qt.Orientation.Vertical) is None


def test_people_model_formats_a_numbers_and_speaks_spanish(session: Session) -> None:
    hits = search_people(session.store, "a", limit=5)
    model = PeopleTableModel(session.store.policy(), TODAY, Role.INTAKE)
    model.set_hits(hits)
    with_number = next(r for r, hit in enumerate(hits) if hit.person.a_number)
    shown = model.data(model.index(with_number, model.COL_A_NUMBER))
    digits = hits[with_number].person.a_number
    assert shown == f"A {digits[:3]}-{digits[3:6]}-{digits[6:]}"
    stage = model.index(0, model.COL_STAGE)
    assert model.data(stage) == label(model.data(stage, model.CodeRole), "en")
    changed: list[tuple] = []
    model.headerDataChanged.connect(lambda *args: changed.append(args))
    model.set_language("es")
    assert changed
    assert model.data(stage) == label(model.data(stage, model.CodeRole), "es")
    assert model.data(stage) != label(model.data(stage, model.CodeRole), "en")


def test_everyone_is_loaded_a_page_at_a_time() -> None:
    people = [
        SearchHit(
            Person(
                id=f"p{n}",
                registration_id=f"R{n}",
                household_id="h",
                given_names="Ana",
                paternal_surname=f"N{n}",
            ),
            "H-1",
        )
        for n in range(PAGE_SIZE + 50)
    ]
    asked: list[tuple[int, int]] = []

    def load(offset: int, limit: int) -> list[SearchHit]:
        asked.append((offset, limit))
        return people[offset : offset + limit]

    model = PeopleTableModel(Policy(), TODAY, Role.INTAKE)
    model.set_pages(load, len(people))
    assert model.rowCount() == PAGE_SIZE
    assert model.total_rows() == len(people)
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == len(people)
    assert not model.canFetchMore()
    assert asked == [(0, PAGE_SIZE), (PAGE_SIZE, PAGE_SIZE)]
    model.set_hits(people[:3])
    assert (model.rowCount(), model.canFetchMore()) == (3, False)


def test_a_list_that_shrank_since_it_was_counted_stops_loading() -> None:
    model = PeopleTableModel(Policy(), TODAY, Role.INTAKE)
    model.set_pages(lambda offset, limit: [], 10)
    assert model.rowCount() == 0
    assert not model.canFetchMore()


# --- the household card ------------------------------------------------------------------------


def member(n: int, **facts) -> Person:
    defaults = {
        "id": f"p{n}",
        "registration_id": f"REG-{n}",
        "household_id": "h1",
        "given_names": f"Name{n}",
        "paternal_surname": "Paredes",
        "date_of_birth": date(1990, 6, 1),
        "case_status": CaseStatus.PENDING,
        "verification": Verification.VERIFIED,
    }
    return Person(**{**defaults, **facts})


@pytest.fixture
def household() -> HouseholdModel:
    model = HouseholdModel(Policy(), TODAY, Role.INTAKE)
    model.set_members(
        [
            member(1, a_number="215719504", vulnerabilities=frozenset({"pregnancy"})),
            member(2, date_of_birth=date(2020, 1, 9), checked_in=True),
            member(3, case_status=CaseStatus.REMOVED_AFTER_HEARING),
            member(4, case_status=CaseStatus.UNKNOWN, verification=Verification.UNVERIFIED),
        ],
        Policy(),
        TODAY,
    )
    return model


def test_household_model_columns_and_headers(household: HouseholdModel) -> None:
    assert (household.rowCount(), household.columnCount()) == (4, 6)
    headers = [household.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == ["Name", "Age", "A-number", "Eligibility", "Stage", "Vulnerabilities"]
    row = [household.data(household.index(0, c)) for c in range(6)]
    assert row == ["Name1 Paredes", "30", "A 215-719-504", "Eligible", "Verified", "Pregnancy"]
    assert household.data(household.index(0, 0), HouseholdModel.PersonIdRole) == "p1"
    tip = household.data(household.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert "1 Jun 1990" in tip and "REG-1" in tip


def test_household_badges_carry_the_rules_codes(household: HouseholdModel) -> None:
    def codes(row: int) -> tuple[str, str]:
        return (
            household.data(household.index(row, household.COL_ELIGIBILITY), household.CodeRole),
            household.data(household.index(row, household.COL_STAGE), household.CodeRole),
        )

    assert codes(0) == ("eligible", "verified")
    assert codes(1) == ("eligible", "checked_in")
    assert codes(2) == ("not_eligible", "not_eligible")
    assert codes(3) == ("verification_needed", "registered")
    assert household.data(household.index(0, household.COL_AGE), household.CodeRole) is None


def test_flags_include_what_the_birth_date_proves(household: HouseholdModel) -> None:
    assert household.data(household.index(1, household.COL_AGE)) == "1"
    assert household.data(household.index(1, household.COL_FLAGS)) == "Infant (under 2)"


def test_ticks_choose_who_is_checked_in(household: HouseholdModel) -> None:
    name = household.index(2, household.COL_NAME)
    assert household.flags(name) & Qt.ItemFlag.ItemIsUserCheckable
    assert not household.flags(household.index(2, household.COL_AGE)) & (
        Qt.ItemFlag.ItemIsUserCheckable
    )
    assert household.data(name, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert [m.id for m in household.arriving()] == ["p1", "p3", "p4"]  # p2 is already in

    assert household.setData(name, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert household.data(name, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert household.data(name, Qt.ItemDataRole.ForegroundRole) is not None
    assert [m.id for m in household.present()] == ["p1", "p2", "p4"]
    assert [m.id for m in household.arriving()] == ["p1", "p4"]
    assert household.absent_ids() == {"p3"}
    assert not household.setData(name, "x", DISPLAY)
    household.toggle(2)
    assert household.absent_ids() == set()


def test_reopening_keeps_who_is_absent(household: HouseholdModel) -> None:
    members = household.members()
    household.set_members(members, Policy(), TODAY, absent={"p4"})
    assert [m.id for m in household.present()] == ["p1", "p2", "p3"]


def test_household_model_in_spanish(household: HouseholdModel) -> None:
    household.set_language("es")
    assert household.data(household.index(0, household.COL_ELIGIBILITY)) == "Elegible"
    assert household.data(household.index(1, household.COL_STAGE)) == "Llegó al sitio"
    assert household.data(household.index(0, household.COL_FLAGS)) == "Embarazo"


def test_the_users_list_says_who_needs_a_new_password() -> None:
    """After a re-keying, a user who never logged in with a key pair cannot log in: the
    administrator must see it, not "Active"."""
    from ui.models.users_model import UsersTableModel

    model = UsersTableModel()
    model.set_users(
        [
            {"username": u, "display_name": u, "role": "intake", "disabled": d, "can_log_in": c}
            for u, d, c in (("ana", 0, True), ("luis", 0, False), ("rosa", 1, False))
        ]
    )
    states = [model.data(model.index(row, model.COL_STATE)) for row in range(3)]
    assert states == ["Active", "Needs a new password", "Disabled"]


def test_a_list_model_that_forgets_a_hook_is_refused_when_it_is_written() -> None:
    """Qt ignores abstract methods: a forgotten `text` would only fail when a list is drawn."""
    with pytest.raises(TypeError, match="Forgetful must define text"):

        class Forgetful(RowsModel):
            def headers(self) -> list[str]:
                return []
