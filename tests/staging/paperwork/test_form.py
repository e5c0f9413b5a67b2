"""Form EOIR-33's fields: every wrong value named at once, drafts kept, usable addresses."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from staging.paperwork.form import Eoir33Entry, FormProblems, check_entry

TODAY = date(2021, 3, 1)
COMPLETE = Eoir33Entry(
    last_name="Pérez Gómez",
    first_name="José",
    middle_name="Luis",
    a_number="A 012-345-678",
    current_street="1520 N Mesa St",
    current_apartment="Apt 4",
    current_city="El Paso",
    current_state="Texas",
    current_zip="79902-1234",
    current_phone="915 555 0142",
    signed_on=TODAY,
)


def test_a_complete_form_is_cleaned_for_the_court() -> None:
    checked = check_entry(COMPLETE, TODAY)
    assert checked.complete and checked.warnings == ()
    assert checked.entry.a_number == "012345678"
    assert checked.entry.current_state == "TX"
    assert checked.entry.current_zip == "79902-1234"
    assert checked.entry.current_phone == "+19155550142"


def test_an_eight_digit_a_number_gets_its_leading_zero() -> None:
    assert check_entry(replace(COMPLETE, a_number="12345678"), TODAY).entry.a_number == "012345678"


def test_every_wrong_field_is_named_at_once_in_both_languages() -> None:
    wrong = replace(
        COMPLETE,
        current_state="CA",  # 79902 is in Texas
        a_number="A12-34",
        signed_on=TODAY + timedelta(days=1),
        current_email="jose@",
    )
    with pytest.raises(FormProblems) as refused:
        check_entry(wrong, TODAY)
    problems = refused.value.problems
    assert set(problems) == {"a_number", "current_zip", "current_email", "signed_on"}
    assert "ZIP 79902 is in Texas (TX), not California (CA)" in problems["current_zip"].message_en
    assert "está en Texas (TX), no en California (CA)" in problems["current_zip"].message_es
    assert "in the future" in problems["signed_on"].message_en
    assert "Current address: ZIP code" in refused.value.message_en


def test_a_four_digit_zip_is_refused() -> None:
    with pytest.raises(FormProblems) as refused:
        check_entry(replace(COMPLETE, current_zip="7990"), TODAY)
    assert "not a ZIP code" in refused.value.problems["current_zip"].message_en


def test_a_draft_is_saved_with_what_is_still_missing() -> None:
    draft = check_entry(Eoir33Entry(last_name="Pérez", a_number="200000001"), TODAY)
    assert not draft.complete
    assert "current_street" in draft.missing and "signed_on" in draft.missing


def test_a_po_box_or_in_care_of_alone_is_flagged_as_no_fixed_address() -> None:
    box = check_entry(replace(COMPLETE, current_street="P.O. Box 1234"), TODAY)
    assert "P.O. box" in box.warnings[0].en
    care = check_entry(replace(COMPLETE, current_street="", in_care_of="Iglesia San Judas"), TODAY)
    assert "“In care of” alone" in care.warnings[0].en and not care.complete
