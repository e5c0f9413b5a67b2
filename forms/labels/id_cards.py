"""ID cards: CR80-size cards (3.375 × 2.125 in), ten to a Letter or A4 sheet, cut out at the desk.

Cards touch each other (one cut separates two cards) and cut marks sit in the margins and at the
inner corners, so scissors or a trimmer can follow them. The sheet is centred: on Letter the top
and bottom margins are only 3/16 in, so the marks there are short, but everything on a card keeps
its own 1/8 in padding inside the printable area of office printers.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Literal

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfgen.canvas import Canvas

from forms.labels.data import LabelData
from forms.labels.drawing import (
    BOLD,
    REGULAR,
    draw_block,
    draw_qr,
    draw_runs,
    fit_block,
    new_canvas,
    qr_modules,
)

INCH = 72.0
CARD_WIDTH, CARD_HEIGHT = 3.375 * INCH, 2.125 * INCH
COLUMNS, ROWS = 2, 5
CARDS_PER_SHEET = COLUMNS * ROWS
PAPERS = {"letter": LETTER, "a4": A4}

PADDING = 0.125 * INCH
QR_SIDE = 1.1 * INCH
COLUMN_GAP = 0.125 * INCH  # between the QR code and the text: part of its quiet zone
HEADER_SIZE = 8.0
NAME_MAX, NAME_MIN, NAME_LINES = 14.0, 7.0, 3
CAPTION_SIZE, CAPTION_MIN = 6.0, 5.0
VALUE_SIZE, VALUE_MIN = 9.0, 6.0
CODE_SIZE = 8.0

MARK_LENGTH = 0.25 * INCH
MARK_OFFSET = 2.0  # points between a card edge and the start of its cut mark
CROSS_ARM = 3.0  # points; the small cross at inner corners
MARK_WIDTH = 0.3


def render_id_cards(
    labels: Sequence[LabelData], *, paper: Literal["letter", "a4"] = "letter"
) -> bytes:
    """A PDF of card sheets (ten per page, row by row), for the print dialog or a file."""
    if not labels:
        raise ValueError("no ID cards to print: the list of labels is empty")
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {', '.join(PAPERS)}, not {paper!r}")
    page_width, page_height = PAPERS[paper]
    left = (page_width - COLUMNS * CARD_WIDTH) / 2
    bottom = (page_height - ROWS * CARD_HEIGHT) / 2
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, (page_width, page_height), "Tarjetas de identificación / ID cards")
    for start in range(0, len(labels), CARDS_PER_SHEET):
        draw_cut_marks(canvas, left, bottom)
        for index, label in enumerate(labels[start : start + CARDS_PER_SHEET]):
            row, column = divmod(index, COLUMNS)
            x = left + column * CARD_WIDTH
            y = bottom + (ROWS - 1 - row) * CARD_HEIGHT
            draw_card(canvas, label, x, y)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def draw_card(canvas: Canvas, label: LabelData, x: float, y: float) -> None:
    """One card with its lower-left corner at (x, y)."""
    inner_width = CARD_WIDTH - 2 * PADDING
    top = y + CARD_HEIGHT - PADDING

    header_baseline = top - HEADER_SIZE * 0.8
    draw_runs(
        canvas,
        [(label.site_name, BOLD)],
        x + PADDING,
        header_baseline,
        inner_width,
        HEADER_SIZE,
        CAPTION_SIZE,
    )
    # No rule under the header: a line this close to the QR code eats into its quiet zone.
    body_top = header_baseline - 0.35 * HEADER_SIZE - 0.08 * INCH
    qr_y = body_top - QR_SIDE
    draw_qr(canvas, qr_modules(label.band_code), x + PADDING, qr_y, QR_SIDE)
    draw_runs(
        canvas,
        [(label.printed_code, BOLD)],
        x + PADDING,
        qr_y - CODE_SIZE * 1.5,
        QR_SIDE,
        CODE_SIZE,
        CAPTION_SIZE,
    )

    text_x = x + PADDING + QR_SIDE + COLUMN_GAP
    text_width = x + CARD_WIDTH - PADDING - text_x
    fields = [
        (label.caption("household"), label.household_text),
        (label.caption("date_of_birth"), label.date_of_birth_text),
        (label.caption("appointment"), label.appointment_text),
    ]
    field_height = CAPTION_SIZE + VALUE_SIZE * 1.5
    fields_top = y + PADDING + len(fields) * field_height
    name = fit_block(
        label.full_name,
        BOLD,
        text_width,
        body_top - fields_top - 3,
        max_size=NAME_MAX,
        min_size=NAME_MIN,
        max_lines=NAME_LINES,
    )
    draw_block(canvas, name, text_x, body_top, text_width)

    baseline = fields_top
    for caption, value in fields:
        baseline -= CAPTION_SIZE
        draw_runs(
            canvas, [(caption, REGULAR)], text_x, baseline, text_width, CAPTION_SIZE, CAPTION_MIN
        )
        baseline -= VALUE_SIZE * 1.1
        draw_runs(canvas, [(value, BOLD)], text_x, baseline, text_width, VALUE_SIZE, VALUE_MIN)
        baseline -= VALUE_SIZE * 0.4


def draw_cut_marks(canvas: Canvas, left: float, bottom: float) -> None:
    """Ticks in the margins along every cut line, and small crosses where inner cuts meet."""
    right = left + COLUMNS * CARD_WIDTH
    top = bottom + ROWS * CARD_HEIGHT
    vertical_room = min(MARK_LENGTH, bottom - MARK_OFFSET)
    horizontal_room = min(MARK_LENGTH, left - MARK_OFFSET)
    canvas.setLineWidth(MARK_WIDTH)
    for column in range(COLUMNS + 1):
        x = left + column * CARD_WIDTH
        canvas.line(x, top + MARK_OFFSET, x, top + vertical_room)
        canvas.line(x, bottom - MARK_OFFSET, x, bottom - vertical_room)
    for row in range(ROWS + 1):
        y = bottom + row * CARD_HEIGHT
        canvas.line(left - MARK_OFFSET, y, left - horizontal_room, y)
        canvas.line(right + MARK_OFFSET, y, right + horizontal_room, y)
    for column in range(1, COLUMNS):
        for row in range(1, ROWS):
            x, y = left + column * CARD_WIDTH, bottom + row * CARD_HEIGHT
            canvas.line(x - CROSS_ARM, y, x + CROSS_ARM, y)
            canvas.line(x, y - CROSS_ARM, x, y + CROSS_ARM)
