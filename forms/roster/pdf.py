"""The printed roster: landscape Letter, one sheet per trip, one row and one QR code per person.

Every page repeats the trip's header (a page that comes loose still says which bus it belongs
to) and numbers the pages of its own sheet. The sheet's last page adds the totals and the lines
the coordinator, the driver and the receiving officer sign. A page break falls between two
households when the household fits on the next page, and households are told apart by
alternate shading and a heavier rule, so a family reads as one block.

The QR code in each row carries the person's wristband code, the same opaque code the band
carries, so a person who lost the band can be boarded by scanning the paper. Rules and shading
stop short of the QR column: they would eat into the codes' quiet zone. The EOIR-33 tick is
drawn (the embedded font has no check mark) with the words "sí / yes" as invisible text, so a
search or a screen reader still finds the answer.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from math import floor

from reportlab.lib.pagesizes import LETTER, landscape
from reportlab.pdfgen.canvas import Canvas

from forms.labels.drawing import (
    BOLD,
    FILL,
    INVISIBLE,
    REGULAR,
    Run,
    draw_block,
    draw_qr,
    draw_runs,
    fit_block,
    new_canvas,
    qr_modules,
)
from forms.roster.model import ADULT_AGE, RosterRow, RosterSheet

INCH = 72.0
PAGE_WIDTH, PAGE_HEIGHT = landscape(LETTER)
MARGIN = 0.4 * INCH  # inside the printable area of office printers
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN

TITLE_SIZE = 13.0
PAGE_NUMBER_SIZE = 9.0
INFO_CAPTION_SIZE, INFO_VALUE_SIZE, INFO_MIN = 7.0, 11.0, 7.0
HEADING_SIZE = 7.5
TEXT_SIZE, TEXT_MIN = 9.0, 6.0
NAME_MIN, NAME_PADDING = 6.0, 1.5  # a long name takes two lines of the row, down to 6 pt
SEAT_SIZE = 10.0

ROW_HEIGHT = 21.0
# 21 modules of 0.83 pt (0.29 mm, 11.6 mil): read by 2D desk scanners and at 300 dpi; the
# 3.5 pt between two rows' codes is their vertical quiet zone (4.2 modules).
QR_SIDE = 17.5
CELL_PADDING = 3.0
SHADE = 0.88  # grey of every second household: visible on a laser print, text still black
HOUSEHOLD_RULE, MEMBER_RULE = 0.9, 0.25
FOOTER_HEIGHT = 66.0  # totals, room to sign, the signature lines and their captions
SIGNATURE_LINE_Y = MARGIN + 20.0
SIGNATURE_GAP = 0.3 * INCH

# Spanish first, as on the wristbands: the people and most staff read Spanish, officers English.
CAPTIONS: dict[str, tuple[str, str]] = {
    "title": ("Lista de pasajeros", "Passenger roster"),
    "site": ("Sitio", "Site"),
    "port": ("Puerto de entrada", "Port of entry"),
    "day": ("Fecha", "Date"),
    "departs_at": ("Salida", "Departure"),
    "vehicle": ("Vehículo", "Vehicle"),
    "seat": ("Asiento", "Seat"),
    "name": ("Nombre", "Name"),
    "date_of_birth": ("Nacimiento", "Date of birth"),
    "sex": ("Sexo", "Sex"),
    "nationality": ("Nacionalidad", "Nationality"),
    "a_number": ("Número A", "A-number"),
    "household": ("Hogar", "Household"),
    "cleared_on": ("Autorizado el", "Cleared on"),
    "eoir33": ("EOIR-33 hecho", "EOIR-33 done"),
    "band": ("Brazalete", "Wristband"),
    "no_band": ("sin brazalete", "no band"),
    "done": ("sí", "yes"),
    "people": ("Personas", "People"),
    "households": ("Hogares", "Households"),
    "adults": ("Adultos", "Adults"),
    "children": (f"Menores (< {ADULT_AGE})", f"Children (< {ADULT_AGE})"),
    "age_unknown": ("Edad desconocida", "Age unknown"),
    "coordinator": ("Coordinador(a) del sitio", "Site coordinator"),
    "driver": ("Conductor(a)", "Driver"),
    "officer": ("Oficial que recibe (CBP)", "Receiving officer (CBP)"),
    "signature": ("nombre, firma y hora", "name, signature and time"),
}
MISSING = "—"  # an unknown date of birth, no A-number, a form not done


def both(key: str) -> str:
    spanish, english = CAPTIONS[key]
    return f"{spanish} / {english}"


@dataclass(frozen=True)
class Column:
    key: str
    width: float
    font: str = REGULAR
    size: float = TEXT_SIZE
    centred: bool = False


_FIXED_COLUMNS = (
    Column("seat", 40, BOLD, SEAT_SIZE),
    Column("date_of_birth", 62),
    Column("sex", 32, centred=True),
    Column("nationality", 80),
    Column("a_number", 76),
    Column("household", 76),
    Column("cleared_on", 62),
    Column("eoir33", 60, centred=True),
    Column("band", 44),
)
COLUMNS: tuple[Column, ...] = (
    _FIXED_COLUMNS[0],
    Column("name", CONTENT_WIDTH - sum(c.width for c in _FIXED_COLUMNS), BOLD),
    *_FIXED_COLUMNS[1:],
)
COLUMNS_BY_KEY = {column.key: column for column in COLUMNS}
COLUMN_X = dict(
    zip(
        COLUMNS_BY_KEY,
        accumulate((column.width for column in COLUMNS[:-1]), initial=MARGIN),
        strict=True,
    )
)
# Shading and rules end where the QR column starts.
TEXT_RIGHT = COLUMN_X["band"]

TITLE_BASELINE = PAGE_HEIGHT - MARGIN - TITLE_SIZE * 0.8
INFO_CAPTION_BASELINE = TITLE_BASELINE - TITLE_SIZE * 0.35 - 4 - INFO_CAPTION_SIZE
INFO_VALUE_BASELINE = INFO_CAPTION_BASELINE - INFO_VALUE_SIZE * 1.15
HEADER_RULE_Y = INFO_VALUE_BASELINE - 5
HEADING_BASELINES = (HEADER_RULE_Y - 9, HEADER_RULE_Y - 9 - HEADING_SIZE * 1.15)
TABLE_TOP = HEADING_BASELINES[1] - 4.5
ROWS_PER_PAGE = floor((TABLE_TOP - MARGIN) / ROW_HEIGHT)
ROWS_ON_LAST_PAGE = floor((TABLE_TOP - MARGIN - FOOTER_HEIGHT) / ROW_HEIGHT)
# The header's boxes: (caption key, width); the vehicle takes what is left.
_INFO_BOXES = (("site", 230.0), ("port", 170.0), ("day", 90.0), ("departs_at", 80.0))


@dataclass(frozen=True)
class Page:
    sheet: RosterSheet
    start: int  # index of the first row on the page
    stop: int
    number: int
    count: int


def render_roster(sheets: Sequence[RosterSheet]) -> bytes:
    """A PDF of the day's rosters, one sheet per trip in the order given, numbered per sheet."""
    if not sheets:
        raise ValueError("no roster to print: the list of trips is empty")
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, (PAGE_WIDTH, PAGE_HEIGHT), both("title"))
    for sheet in sheets:
        groups = household_groups(sheet.rows)
        # Every second household shaded, counted over the sheet so pages continue the pattern.
        shaded = [
            index % 2 == 1 for index, (start, stop) in enumerate(groups) for _ in range(start, stop)
        ]
        breaks = paginate(groups, len(sheet.rows))
        for number, (start, stop) in enumerate(breaks, start=1):
            page = Page(sheet, start, stop, number, len(breaks))
            draw_header(canvas, page)
            draw_rows(canvas, page, shaded[start:stop])
            if number == len(breaks):
                draw_footer(canvas, sheet, TABLE_TOP - (stop - start) * ROW_HEIGHT)
            canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def household_groups(rows: Sequence[RosterRow]) -> list[tuple[int, int]]:
    """(start, stop) of each run of rows of one household, in order."""
    groups: list[tuple[int, int]] = []
    start = 0
    for index in range(1, len(rows) + 1):
        if index == len(rows) or rows[index].household != rows[start].household:
            groups.append((start, index))
            start = index
    return groups


def paginate(groups: Sequence[tuple[int, int]], total: int) -> list[tuple[int, int]]:
    """(start, stop) of the rows on each page.

    A household that does not fit on the page begins the next one (one larger than a page is
    split), and the last page keeps room for the totals and the signatures.
    """
    pages: list[tuple[int, int]] = []
    start = 0
    for group_start, group_stop in groups:
        size = group_stop - group_start
        if group_start > start and group_stop - start > ROWS_PER_PAGE and size <= ROWS_PER_PAGE:
            pages.append((start, group_start))
            start = group_start
        while group_stop - start > ROWS_PER_PAGE:
            pages.append((start, start + ROWS_PER_PAGE))
            start += ROWS_PER_PAGE
    if total - start > ROWS_ON_LAST_PAGE:
        cut = next(
            (g for g, _ in groups if start < g and total - g <= ROWS_ON_LAST_PAGE),
            total - ROWS_ON_LAST_PAGE,
        )
        pages.append((start, cut))
        start = cut
    pages.append((start, total))
    return pages


def draw_header(canvas: Canvas, page: Page) -> None:
    sheet = page.sheet
    canvas.setFont(BOLD, TITLE_SIZE)
    canvas.drawString(MARGIN, TITLE_BASELINE, both("title"))
    canvas.setFont(REGULAR, PAGE_NUMBER_SIZE)
    canvas.drawRightString(
        PAGE_WIDTH - MARGIN,
        TITLE_BASELINE,
        f"Página {page.number} de {page.count} / page {page.number} of {page.count}",
    )
    values = {
        "site": sheet.site,
        "port": f"{sheet.port_name} ({sheet.port_code})",
        "day": sheet.day.isoformat(),
        "departs_at": sheet.departs_at,
        "vehicle": sheet.vehicle,
    }
    boxes = [*_INFO_BOXES, ("vehicle", CONTENT_WIDTH - sum(w for _, w in _INFO_BOXES))]
    x = MARGIN
    for key, width in boxes:
        room = width - 2 * CELL_PADDING
        caption: list[Run] = [(both(key), REGULAR)]
        draw_runs(canvas, caption, x, INFO_CAPTION_BASELINE, room, INFO_CAPTION_SIZE, 5.0)
        value: list[Run] = [(values[key], BOLD)]
        draw_runs(canvas, value, x, INFO_VALUE_BASELINE, room, INFO_VALUE_SIZE, INFO_MIN)
        x += width
    canvas.setLineWidth(1.0)
    canvas.line(MARGIN, HEADER_RULE_Y, PAGE_WIDTH - MARGIN, HEADER_RULE_Y)
    for column in COLUMNS:
        for baseline, words, font in zip(
            HEADING_BASELINES, CAPTIONS[column.key], (BOLD, REGULAR), strict=True
        ):
            _cell_text(canvas, column, words, font, HEADING_SIZE, baseline, min_size=5.0)
    canvas.setLineWidth(HOUSEHOLD_RULE)
    canvas.line(MARGIN, TABLE_TOP, TEXT_RIGHT, TABLE_TOP)


def draw_rows(canvas: Canvas, page: Page, shaded: Sequence[bool]) -> None:
    rows = page.sheet.rows[page.start : page.stop]
    canvas.setFillGray(SHADE)
    for index, shade in enumerate(shaded):
        if shade:
            bottom = TABLE_TOP - (index + 1) * ROW_HEIGHT
            canvas.rect(MARGIN, bottom, TEXT_RIGHT - MARGIN, ROW_HEIGHT, stroke=0, fill=1)
    canvas.setFillGray(0)
    for index, row in enumerate(rows):
        top = TABLE_TOP - index * ROW_HEIGHT
        draw_row(canvas, row, top)
        last_of_household = index + 1 == len(rows) or rows[index + 1].household != row.household
        canvas.setLineWidth(HOUSEHOLD_RULE if last_of_household else MEMBER_RULE)
        canvas.line(MARGIN, top - ROW_HEIGHT, TEXT_RIGHT, top - ROW_HEIGHT)


def draw_row(canvas: Canvas, row: RosterRow, top: float) -> None:
    values = {
        "seat": row.seat,
        "date_of_birth": row.date_of_birth.isoformat() if row.date_of_birth else MISSING,
        "sex": row.sex or MISSING,
        "nationality": row.nationality or MISSING,
        "a_number": row.a_number_printed or MISSING,
        "household": row.household,
        "cleared_on": row.cleared_on.isoformat() if row.cleared_on else MISSING,
    }
    for column in COLUMNS:
        if column.key in values:
            baseline = top - ROW_HEIGHT / 2 - column.size * 0.35
            _cell_text(canvas, column, values[column.key], column.font, column.size, baseline)
    middle = top - ROW_HEIGHT / 2
    draw_name(canvas, row.name, top)
    done_x = COLUMN_X["eoir33"] + COLUMNS_BY_KEY["eoir33"].width / 2
    if row.eoir33_done:
        draw_tick(canvas, done_x, middle)
    else:
        canvas.setFont(REGULAR, TEXT_SIZE)
        canvas.drawCentredString(done_x, middle - TEXT_SIZE * 0.35, MISSING)
    band_x = COLUMN_X["band"]
    band_width = COLUMNS_BY_KEY["band"].width
    if row.band_code:
        qr_x = band_x + (band_width - QR_SIDE) / 2
        draw_qr(canvas, qr_modules(row.band_code), qr_x, middle - QR_SIDE / 2, QR_SIDE)
    else:
        canvas.setFont(REGULAR, 6.0)
        for line, baseline in zip(CAPTIONS["no_band"], (middle + 1, middle - 6), strict=True):
            canvas.drawCentredString(band_x + band_width / 2, baseline, line)


def draw_name(canvas: Canvas, name: str, top: float) -> None:
    """The name on one line, shrunk a little, then on two lines before anything is cut."""
    column = COLUMNS_BY_KEY["name"]
    room = column.width - 2 * CELL_PADDING
    block = fit_block(
        name,
        column.font,
        room,
        ROW_HEIGHT - 2 * NAME_PADDING,
        max_size=column.size,
        min_size=NAME_MIN,
        max_lines=2,
    )
    # Centred on the row like the other cells' text, whose baseline is 0.35 sizes below the
    # middle; `draw_block` puts the first baseline 0.8 sizes below the top it is given.
    first_baseline = top - ROW_HEIGHT / 2 + (len(block.lines) - 1) * block.line_height / 2
    first_baseline -= 0.35 * block.size
    draw_block(
        canvas, block, COLUMN_X["name"] + CELL_PADDING, first_baseline + 0.8 * block.size, room
    )


def draw_tick(canvas: Canvas, x: float, y: float) -> None:
    """A check mark centred on (x, y), over the invisible words "sí / yes"."""
    text = canvas.beginText()
    text.setTextRenderMode(INVISIBLE)
    text.setFont(REGULAR, 6.0)
    words = both("done")
    text.setTextOrigin(x - canvas.stringWidth(words, REGULAR, 6.0) / 2, y - 2)
    text.textOut(words)
    text.setTextRenderMode(FILL)
    canvas.drawText(text)
    canvas.saveState()
    canvas.setLineWidth(1.4)
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    path = canvas.beginPath()
    path.moveTo(x - 4.0, y + 0.2)
    path.lineTo(x - 1.3, y - 3.0)
    path.lineTo(x + 4.2, y + 4.0)
    canvas.drawPath(path, stroke=1, fill=0)
    canvas.restoreState()


def draw_footer(canvas: Canvas, sheet: RosterSheet, table_bottom: float) -> None:
    totals = sheet.totals
    figures = [
        ("people", totals.people),
        ("households", totals.households),
        ("adults", totals.adults),
        ("children", totals.children),
    ]
    if totals.age_unknown:
        figures.append(("age_unknown", totals.age_unknown))
    runs: list[Run] = []
    for key, figure in figures:
        runs += [(f"{both(key)}: ", REGULAR), (f"{figure}", BOLD), ("      ", REGULAR)]
    draw_runs(canvas, runs[:-1], MARGIN, table_bottom - 15, CONTENT_WIDTH, 10.0, 7.0)

    width = (CONTENT_WIDTH - 2 * SIGNATURE_GAP) / 3
    canvas.setLineWidth(0.8)
    for index, key in enumerate(("coordinator", "driver", "officer")):
        x = MARGIN + index * (width + SIGNATURE_GAP)
        canvas.line(x, SIGNATURE_LINE_Y, x + width, SIGNATURE_LINE_Y)
        draw_runs(canvas, [(both(key), BOLD)], x, SIGNATURE_LINE_Y - 9, width, 8.0, 6.0)
        draw_runs(canvas, [(both("signature"), REGULAR)], x, SIGNATURE_LINE_Y - 18, width, 7, 5)


def _cell_text(
    canvas: Canvas,
    column: Column,
    text: str,
    font: str,
    size: float,
    baseline: float,
    min_size: float = TEXT_MIN,
) -> None:
    """Text inside a column's padding, shrunk (then cut with an ellipsis) to fit."""
    room = column.width - 2 * CELL_PADDING
    x = COLUMN_X[column.key] + CELL_PADDING
    if column.centred:
        natural = canvas.stringWidth(text, font, size)
        if natural < room:
            x += (room - natural) / 2
            room = natural + 0.01
    draw_runs(canvas, [(text, font)], x, baseline, room, size, min_size)
