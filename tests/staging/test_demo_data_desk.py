"""The demo's data desk: last week's partner list left possible duplicates to review, and this
week's list lies beside the database, needing exactly what a first import of a Kobo export with
labels needs — two columns no rule can guess and one word of the partner's own."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from staging.clock import FrozenClock
from staging.demo.build import create_demo_site
from staging.demo.generator import generate_demo_site
from staging.demo.partner_lists import (
    A_NUMBER_QUESTION,
    ENROLLED_QUESTION,
    OWN_STATUS_WORD,
    PARTNER_LIST_NAME,
    PARTNER_SECOND_REGISTRATIONS,
    near_duplicates,
)
from staging.domain import Role
from staging.duplicates.queries import open_pairs
from staging.registration.mapping import ColumnMapping, folded_words
from staging.registration.preview import preview_import
from staging.registration.problems import ImportFileError
from staging.registration.profiles import ColumnChoice
from staging.registration.service import import_registrations
from staging.security.access import Session
from staging.store.store import Actor

MOMENT = datetime(2021, 3, 1, 18, 0, tzinfo=UTC)
COORDINATOR = Actor("coordinator", Role.COORDINATOR)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Session, Path]]:
    folder = tmp_path_factory.mktemp("data-desk-demo")
    session = create_demo_site(folder / "site.db", people=300, seed=3, clock=FrozenClock(MOMENT))
    yield session, folder / PARTNER_LIST_NAME
    session.close()


def test_last_weeks_partner_list_left_three_possible_duplicates(
    demo: tuple[Session, Path],
) -> None:
    session, _ = demo
    pairs = open_pairs(session.store)
    assert len(pairs) == PARTNER_SECOND_REGISTRATIONS
    for pair in pairs:
        assert pair.first.date_of_birth == pair.second.date_of_birth
        assert pair.first.a_number != pair.second.a_number


def test_this_weeks_list_needs_two_columns_and_one_word_then_imports(
    demo: tuple[Session, Path],
) -> None:
    session, partner_list = demo
    store = session.store
    with pytest.raises(ImportFileError) as refused:
        preview_import(store, COORDINATOR, partner_list)
    missing = refused.value.message_en.split("Required columns")[0]
    assert "a_number" in missing and "mpp_enrollment_date" in missing
    columns = {A_NUMBER_QUESTION: "a_number", ENROLLED_QUESTION: "mpp_enrollment_date"}
    mapped = ColumnMapping(columns=columns)
    preview = preview_import(store, COORDINATOR, partner_list, ColumnChoice(mapping=mapped))
    assert preview.unknown_words == {"case_status": [OWN_STATUS_WORD]}
    assert (preview.summary.imported, preview.summary.rejected) == (8, 1)
    words = {"case_status": folded_words([(OWN_STATUS_WORD, "pending")])}
    choice = ColumnChoice(mapping=ColumnMapping(columns=columns, words=words))
    summary = import_registrations(store, COORDINATOR, partner_list, choice)
    assert (summary.imported, summary.rejected, summary.possible_duplicates) == (9, 0, 1)


@pytest.mark.parametrize("seed", range(40))
def test_the_partners_second_registrations_are_made_whatever_the_seed(seed: int) -> None:
    """Some people's A-numbers are written with dashes: the digit off is still a digit."""
    site = generate_demo_site(people=300, seed=seed, today=MOMENT.date())

    def digits(a_number: str) -> str:
        return "".join(c for c in a_number if c.isdigit())

    on_site = {digits(row["a_number"]) for row in site.rows}
    copies = near_duplicates(site, 3, seed)
    assert len(copies) == 3
    for copy in copies:
        assert len(digits(copy["a_number"])) == 9
        assert digits(copy["a_number"]) not in on_site  # a digit off, never someone else's
