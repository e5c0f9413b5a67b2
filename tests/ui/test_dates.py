"""Dates follow the chosen language and spell the month out (no 03/04 ambiguity)."""

from __future__ import annotations

from datetime import date

from ui.language import set_language
from ui.widgets.dates import display_date


def test_dates_follow_the_language(qapp) -> None:
    set_language("es")
    try:
        assert display_date(date(1988, 4, 3)) == "3 abr 1988"
    finally:
        set_language("en")
    assert display_date(date(1988, 4, 3)) == "3 Apr 1988"
    assert display_date(None) == ""
