"""Dates as the desk reads them: in the user's language, with the month spelled out.

"3 abr. 1988" / "3 Apr 1988" cannot be misread the way 03/04 can between Mexican and US
habits, and still follows the chosen language (QLocale's default is set by `ui.language`).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale

DISPLAY_FORMAT = "d MMM yyyy"


def display_date(day: date | None) -> str:
    if day is None:
        return ""
    return QLocale().toString(QDate(day.year, day.month, day.day), DISPLAY_FORMAT)
