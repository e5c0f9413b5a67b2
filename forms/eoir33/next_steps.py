"""The sheet a person takes away with the EOIR-33: their court, their address, what to do next.

One Letter page per person, the same text in Spanish and English side by side (the person's
language on the left), so staff of either language can go through it with them. Everything on
it can be done without a lawyer: telling the court about a new address (online, in person or by
mail) and finding the next hearing on EOIR's automated case information line, which asks for the
A-number as nine digits typed on the keypad, so that is how the sheet prints it.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.fonts import addMapping
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, KeepInFrame, Paragraph, Table, TableStyle

from forms.eoir33.model import Address, Office
from forms.labels.drawing import BOLD, REGULAR, draw_runs, new_canvas, register_fonts

Language = Literal["es", "en"]

PAGE_WIDTH, PAGE_HEIGHT = LETTER
MARGIN = 36.0
GUTTER = 20.0
COLUMN_WIDTH = (PAGE_WIDTH - 2 * MARGIN) / 2  # each holds half the gutter as padding
HEADER_HEIGHT = 58.0
CASE_LINE = "1-800-898-7180"
CASE_SITE = "acis.eoir.justice.gov"
PORTAL = "respondentaccess.eoir.justice.gov"


@dataclass(frozen=True)
class NextSteps:
    """One person's sheet. ``a_number`` holds the digits (eight are zero-padded to nine)."""

    person_name: str
    a_number: str
    current_court: Office
    address: Address
    receiving_court: Office | None = None
    receiving_distance: str = ""  # as the caller words it, e.g. "35 mi (56 km)"
    first_language: Language = "es"

    def __post_init__(self) -> None:
        if not (self.a_number.isdigit() and len(self.a_number) in (8, 9)):
            raise ValueError(f"an A-number has 8 or 9 digits, not {self.a_number!r}")
        if self.first_language not in ("es", "en"):
            raise ValueError("first_language must be 'es' or 'en'")

    @property
    def nine_digits(self) -> str:
        return self.a_number.zfill(9)

    @property
    def a_number_printed(self) -> str:
        digits = self.nine_digits
        return f"A {digits[:3]} {digits[3:6]} {digits[6:]}"


def render_next_steps(sheets: Sequence[NextSteps]) -> bytes:
    """A PDF with one bilingual page per person, in order."""
    if not sheets:
        raise ValueError("no next-steps sheets to print: the list is empty")
    _register_family()
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, LETTER, "Próximos pasos / Next steps")
    for sheet in sheets:
        draw_sheet(canvas, sheet)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def draw_sheet(canvas: Canvas, sheet: NextSteps) -> None:
    top = PAGE_HEIGHT - MARGIN
    width = PAGE_WIDTH - 2 * MARGIN
    draw_runs(canvas, [(sheet.person_name, BOLD)], MARGIN, top - 14, width, 16, 10)
    draw_runs(
        canvas,
        [("Número A / A-Number: ", REGULAR), (sheet.a_number_printed, BOLD)],
        MARGIN,
        top - 34,
        width,
        11,
        9,
    )
    rule = top - HEADER_HEIGHT + 8
    canvas.setLineWidth(1)
    canvas.line(MARGIN, rule, PAGE_WIDTH - MARGIN, rule)
    first, second = ("es", "en") if sheet.first_language == "es" else ("en", "es")
    # One table row per section, so each section starts level with its translation.
    rows = list(zip(COLUMNS[first](sheet), COLUMNS[second](sheet), strict=True))
    table = Table(rows, colWidths=[COLUMN_WIDTH] * 2)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), GUTTER / 2),
                ("LEFTPADDING", (1, 0), (1, -1), GUTTER / 2),
                ("RIGHTPADDING", (1, 0), (1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 9),  # a heading's spaceBefore is lost in a cell
                ("LINEAFTER", (0, 0), (0, -1), 0.5, colors.black),
            ]
        )
    )
    height = rule - 8 - MARGIN
    frame = Frame(
        MARGIN,
        MARGIN,
        PAGE_WIDTH - 2 * MARGIN,
        height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    frame.addFromList([KeepInFrame(frame.width, height, [table], mode="shrink")], canvas)


# --- Text ---------------------------------------------------------------------------------------

TITLE = ParagraphStyle("title", fontName=BOLD, fontSize=13, leading=16, spaceAfter=6)
HEADING = ParagraphStyle(
    "heading", fontName=BOLD, fontSize=10.5, leading=13, spaceBefore=8, spaceAfter=3
)
BODY = ParagraphStyle("body", fontName=REGULAR, fontSize=9.5, leading=12.2, spaceAfter=3)
BLOCK = ParagraphStyle("block", parent=BODY, leftIndent=10, spaceAfter=4)
BULLET = ParagraphStyle(
    "bullet", parent=BODY, leftIndent=12, bulletIndent=2, bulletFontName=REGULAR
)
DIGITS = ParagraphStyle(
    "digits", fontName=BOLD, fontSize=20, leading=24, leftIndent=10, spaceBefore=2, spaceAfter=4
)
NOTE = ParagraphStyle("note", fontName=REGULAR, fontSize=7.5, leading=9.5, spaceBefore=10)


def _lines(*lines: str) -> str:
    return "<br/>".join(escape(line) for line in lines if line)


def _office(office: Office, bold_name: bool = True) -> str:
    name = f"<b>{escape(office.name)}</b>" if bold_name else escape(office.name)
    return "<br/>".join([name, _lines(*office.lines)]) if office.lines else name


def _address(address: Address) -> str:
    return _lines(address.street_line(), address.city_line())


def spanish(sheet: NextSteps) -> list[list[Flowable]]:
    title = [Paragraph("Sus próximos pasos en la corte de inmigración", TITLE)]
    court: list[Flowable] = [
        Paragraph("Su corte", HEADING),
        Paragraph("Su caso está en esta corte de inmigración:", BODY),
        Paragraph(_office(sheet.current_court), BLOCK),
    ]
    if sheet.receiving_court is not None:
        distance = f", a {escape(sheet.receiving_distance)}" if sheet.receiving_distance else ""
        court += [
            Paragraph(
                f"Corte propuesta para recibir su caso: la más cercana a su nueva "
                f"dirección{distance}.",
                BODY,
            ),
            Paragraph(_office(sheet.receiving_court), BLOCK),
            Paragraph(
                "El cambio de corte no es automático: hasta que la corte le avise por correo, "
                "su caso sigue en la corte de arriba.",
                BODY,
            ),
        ]
    address = [
        Paragraph("Su dirección para la corte", HEADING),
        Paragraph("La corte le manda la fecha de sus audiencias solo a esta dirección:", BODY),
        Paragraph(_address(sheet.address), BLOCK),
    ]
    moving = [
        Paragraph("Si cambia de dirección", HEADING),
        Paragraph(
            "Si cambia de dirección o de teléfono, tiene que avisar a la corte <b>dentro de 5 "
            "días hábiles</b>. Si la corte no tiene su dirección correcta, no le llegará la "
            "fecha de su audiencia; si usted no se presenta, el juez puede ordenar su "
            "deportación en su ausencia.",
            BODY,
        ),
        Paragraph("Puede avisar usted mismo, sin abogado y sin pagar:", BODY),
        Paragraph(
            f"<b>En línea:</b> en el portal de EOIR para personas con caso en la corte "
            f"(Respondent Access), {PORTAL}.",
            BULLET,
            bulletText="•",
        ),
        Paragraph("<b>En persona:</b> en la corte donde está su caso.", BULLET, bulletText="•"),
        Paragraph(
            "<b>Por correo:</b> llene el Formulario EOIR-33/IC, mándelo a la corte donde está "
            "su caso y mande una copia a la oficina de abogados de ICE (OPLA) de esa corte.",
            BULLET,
            bulletText="•",
        ),
        Paragraph("Cada persona de su familia que tiene caso necesita su propio formulario.", BODY),
    ]
    status = [
        Paragraph("Cómo saber de su caso", HEADING),
        Paragraph(
            f"Llame a la línea automatizada de información de casos de EOIR, "
            f"<b>{CASE_LINE}</b>, o entre a <b>{CASE_SITE}</b>. Cuando se lo pidan, marque su "
            f"número A de nueve dígitos:",
            BODY,
        ),
        Paragraph(sheet.nine_digits, DIGITS),
        Paragraph("Ahí sabrá la fecha y la corte de su próxima audiencia.", BODY),
    ]
    note = [
        Paragraph(
            "Esta hoja es informativa: no es un documento de la corte ni asesoría legal.", NOTE
        )
    ]
    return [title, court, address, moving, status, note]


def english(sheet: NextSteps) -> list[list[Flowable]]:
    title = [Paragraph("Your next steps in immigration court", TITLE)]
    court: list[Flowable] = [
        Paragraph("Your court", HEADING),
        Paragraph("Your case is in this immigration court:", BODY),
        Paragraph(_office(sheet.current_court), BLOCK),
    ]
    if sheet.receiving_court is not None:
        distance = f", {escape(sheet.receiving_distance)} away" if sheet.receiving_distance else ""
        court += [
            Paragraph(
                f"Proposed receiving court: the closest to your new address{distance}.", BODY
            ),
            Paragraph(_office(sheet.receiving_court), BLOCK),
            Paragraph(
                "A change of court is not automatic: until the court tells you by mail, your "
                "case stays in the court above.",
                BODY,
            ),
        ]
    address = [
        Paragraph("Your address for the court", HEADING),
        Paragraph("The court mails your hearing dates only to this address:", BODY),
        Paragraph(_address(sheet.address), BLOCK),
    ]
    moving = [
        Paragraph("If you move", HEADING),
        Paragraph(
            "If your address or phone number changes, you must tell the court <b>within 5 "
            "working days</b>. If the court does not have your correct address, your hearing "
            "notice will not reach you; if you do not appear, the judge can order you removed "
            "in your absence.",
            BODY,
        ),
        Paragraph("You can tell the court yourself, without a lawyer and at no cost:", BODY),
        Paragraph(
            f"<b>Online:</b> EOIR's Respondent Access portal, {PORTAL}.",
            BULLET,
            bulletText="•",
        ),
        Paragraph("<b>In person:</b> at the court where your case is.", BULLET, bulletText="•"),
        Paragraph(
            "<b>By mail:</b> fill in Form EOIR-33/IC, send it to the court where your case is "
            "and send a copy to ICE's attorneys (OPLA) for that court.",
            BULLET,
            bulletText="•",
        ),
        Paragraph("Each family member with a case needs a form of their own.", BODY),
    ]
    status = [
        Paragraph("How to check your case", HEADING),
        Paragraph(
            f"Call EOIR's automated case information line, <b>{CASE_LINE}</b>, or go to "
            f"<b>{CASE_SITE}</b>. When asked, enter your nine-digit A-number:",
            BODY,
        ),
        Paragraph(sheet.nine_digits, DIGITS),
        Paragraph("It tells you the date and the court of your next hearing.", BODY),
    ]
    note = [
        Paragraph(
            "This sheet is for information only: it is not a court document or legal advice.",
            NOTE,
        )
    ]
    return [title, court, address, moving, status, note]


# Each language's sections, in the same order: the table pairs them row by row.
COLUMNS: dict[Language, Callable[[NextSteps], list[list[Flowable]]]] = {
    "es": spanish,
    "en": english,
}


@cache
def _register_family() -> None:
    """Let <b> in a paragraph switch to the embedded bold font (reportlab maps by family)."""
    register_fonts()
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    addMapping(BOLD, 0, 0, BOLD)
    addMapping(BOLD, 1, 0, BOLD)
    addMapping(BOLD, 0, 1, BOLD)
    addMapping(BOLD, 1, 1, BOLD)
