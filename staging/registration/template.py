"""A blank registration list for partners to fill in, so their files import without surprises."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from staging.registration.columns import CANONICAL_COLUMNS, SPANISH_HEADERS


def template_headers(*, spanish: bool = False) -> list[str]:
    """The header row, with the canonical English names or their Spanish equivalents."""
    return [SPANISH_HEADERS[column] if spanish else column for column in CANONICAL_COLUMNS]


def write_template(path: Path, *, spanish: bool = False) -> Path:
    """Write just the header row: an .xlsx workbook if the name ends in .xlsx, otherwise CSV.

    The CSV has a UTF-8 BOM so Excel opens accents correctly.
    """
    headers = template_headers(spanish=spanish)
    if path.suffix.casefold() == ".xlsx":
        _write_workbook(path, headers, spanish=spanish)
    else:
        with path.open("w", encoding="utf-8-sig", newline="") as output:
            csv.writer(output).writerow(headers)
    return path


def _write_workbook(path: Path, headers: list[str], *, spanish: bool) -> None:
    """Every column is formatted as text, so Excel keeps what is typed.

    Otherwise Excel turns 03/04/2020 into a date in its own locale (the 4th of March on an
    English machine), drops the leading zero of A-numbers and ZIP codes, and mangles phones.
    """
    workbook = openpyxl.Workbook()
    sheet = workbook.worksheets[0]
    sheet.title = "Registro" if spanish else "Registration"
    sheet.append(headers)
    for index, header in enumerate(headers, start=1):
        sheet.cell(row=1, column=index).font = Font(bold=True)
        column = sheet.column_dimensions[get_column_letter(index)]
        column.number_format = "@"
        column.width = max(12, len(header) + 2)
    sheet.freeze_panes = "A2"
    workbook.save(path)
