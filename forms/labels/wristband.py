"""Wristbands: one strip per person, for 1 × 11 in wristband stock on a label printer.

Each page is one band, drawn landscape (11 in across, 1 in high). From the leading edge: a QR code,
the name in large bold, the household and appointment, the code in readable form, and a second QR
code, so that one of the two faces the scanner however the band sits on the wrist. The tail end is
left blank because it goes under the clasp and overlaps when the band is closed.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from forms.labels.data import LabelData
from forms.labels.drawing import (
    BOLD,
    LEADING,
    REGULAR,
    draw_block,
    draw_qr,
    draw_runs,
    fit_block,
    new_canvas,
    qr_modules,
)

INCH = 72.0
MARGIN = 0.1 * INCH  # above and below everything: the QR code's quiet zone on a 1 in band
LEAD_IN = 0.4 * INCH  # the leading edge, where printers cannot print reliably
TAIL = 1.5 * INCH  # the end that tucks under the clasp
GAP = 0.2 * INCH  # between a QR code and the text: the rest of the quiet zone
MIN_QR = 0.6 * INCH  # below this, cheap scanners struggle with a 21-module code
MIN_TEXT_WIDTH = 2.0 * INCH

NAME_MAX, NAME_MIN, NAME_LINES = 24.0, 10.0, 2
DETAIL_SIZE, DETAIL_MIN = 9.0, 6.0
CODE_SIZE = 10.0


@dataclass(frozen=True)
class BandLayout:
    """Where things go on a band of a given size, in points from the lower-left corner."""

    width: float
    length: float
    qr_side: float
    qr_xs: tuple[float, float]
    text_x: float
    text_width: float

    @classmethod
    def for_band(cls, width_in: float, length_in: float) -> BandLayout:
        width, length = width_in * INCH, length_in * INCH
        qr_side = width - 2 * MARGIN
        if qr_side < MIN_QR:
            raise ValueError(
                f"a {width_in} in band is too narrow: the QR code needs "
                f"{(MIN_QR + 2 * MARGIN) / INCH:.1f} in"
            )
        second_qr_x = length - TAIL - qr_side
        text_x = LEAD_IN + qr_side + GAP
        text_width = second_qr_x - GAP - text_x
        if text_width < MIN_TEXT_WIDTH:
            raise ValueError(f"a {length_in} in band is too short for two QR codes and a name")
        return cls(width, length, qr_side, (LEAD_IN, second_qr_x), text_x, text_width)


def render_wristbands(
    labels: Sequence[LabelData], *, width_in: float = 1.0, length_in: float = 11.0
) -> bytes:
    """A PDF with one page per band, in the order given, for the print dialog or a file."""
    if not labels:
        raise ValueError("no wristbands to print: the list of labels is empty")
    layout = BandLayout.for_band(width_in, length_in)
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, (layout.length, layout.width), "Brazaletes / Wristbands")
    for label in labels:
        draw_band(canvas, label, layout)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def draw_band(canvas: Canvas, label: LabelData, layout: BandLayout) -> None:
    modules = qr_modules(label.band_code)
    for qr_x in layout.qr_xs:
        draw_qr(canvas, modules, qr_x, MARGIN, layout.qr_side)

    code_baseline = MARGIN + 0.2 * CODE_SIZE
    detail_baseline = code_baseline + CODE_SIZE * LEADING + 1.5
    name_bottom = detail_baseline + DETAIL_SIZE + 1.5
    top = layout.width - MARGIN
    name = fit_block(
        label.full_name,
        BOLD,
        layout.text_width,
        top - name_bottom,
        max_size=NAME_MAX,
        min_size=NAME_MIN,
        max_lines=NAME_LINES,
    )
    draw_block(canvas, name, layout.text_x, top, layout.text_width)

    details = [
        (f"{label.caption('household')}: ", REGULAR),
        (label.household_text, BOLD),
        (f"     {label.caption('appointment')}: ", REGULAR),
        (label.appointment_text, BOLD),
    ]
    draw_runs(
        canvas, details, layout.text_x, detail_baseline, layout.text_width, DETAIL_SIZE, DETAIL_MIN
    )
    draw_runs(
        canvas,
        [(label.printed_code, BOLD)],
        layout.text_x,
        code_baseline,
        layout.text_width,
        CODE_SIZE,
        DETAIL_MIN,
    )
