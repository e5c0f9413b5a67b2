"""Form EOIR-33/IC drawn on blank Letter paper: page 1 the form, page 2 the fold-and-mail cover.

A replica for sites that do not have the official fillable PDF (see :mod:`forms.eoir33.official`
for filling that one), with the fields, labels and headings of the "Rev. Feb. 2026" form but not
its exact geometry. The 2021-era layout is an approximation: its title is the older one
("Alien's Change of Address Form/Immigration Court"), its revision string "Rev. Jan. 2021" is a
plausible stand-in for the editions in use during the 2021 MPP wind-down, not a checked date,
and what really sets it apart is the "in care of" line that the 2026 emergency revision removed.

The addresses are stacked, current above former, each over the full width (the official 2026
PDF seems to put them side by side): a long street with an apartment then fits on one line at a
readable size instead of shrinking into half a page.
Dates are written MM/DD/YYYY because the clerk of a US immigration court reads them.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen.canvas import Canvas

from forms.eoir33.model import Eoir33Form, Office, Revision, ServiceMethod
from forms.labels.drawing import BOLD, REGULAR, draw_block, draw_runs, fit_block, new_canvas

PAGE_WIDTH, PAGE_HEIGHT = LETTER
INCH = 72.0
MARGIN = 0.5 * INCH
LEFT, RIGHT = MARGIN, PAGE_WIDTH - MARGIN
WIDTH = RIGHT - LEFT

LABEL_SIZE = 6.5
VALUE_SIZE, VALUE_MIN = 10.0, 7.0
BOX_HEIGHT = 30.0
SIGNATURE_HEIGHT = 44.0  # room for a handwritten signature
HEADING_HEIGHT = 14.0
SECTION_GAP = 7.0
RULE = 0.6
SHADE = 0.88  # grey of the section headings' bars; dark enough to survive a cheap printer


@dataclass(frozen=True)
class Edition:
    """What differs between the printed revisions."""

    title: str
    revision: str
    in_care_of: bool


EDITIONS = {
    Revision.REV_2021: Edition(
        title="Alien's Change of Address Form/Immigration Court",
        revision="Rev. Jan. 2021",
        in_care_of=True,
    ),
    Revision.REV_2026: Edition(
        title="Change of Address/Contact Information Form (Immigration Court)",
        revision="Rev. Feb. 2026",
        in_care_of=False,
    ),
}
OMB = "OMB 1125-0004"
FORM_NUMBER = "Form EOIR-33/IC"

INSTRUCTIONS = (
    "Use this form to tell the Immigration Court where your case is pending about a change of "
    "your address, telephone number or e-mail address. File it within five (5) working days of "
    "the change, or of receiving a charging document with wrong contact information. The court "
    "changes your contact information only from this form, not from pleadings or motions. File "
    "one form for each person whose information changed. Serve a copy on the Department of "
    "Homeland Security (DHS) and complete the Proof of Service. You may file online through "
    "EOIR's Respondent Access portal, in person or by mail; attorneys and accredited "
    "representatives file in ECAS. This form does not by itself change the venue of your case."
)
IN_CARE_OF_NOTE = (
    " If mail should reach you in care of another person, write that person's name in the "
    '"In care of" box.'
)
DECLARATION = (
    "I declare that the information on this form is true and correct, and that the Immigration "
    "Court may send notices about my case to my CURRENT address above."
)
SERVICE_NOTE = (
    "A copy of this form must be served on DHS, U.S. Immigration and Customs Enforcement (ICE), "
    "Office of the Principal Legal Advisor (OPLA), for the Immigration Court where the case is "
    "pending (8 C.F.R. § 1003.32)."
)
STREET_LABEL = "Number; Street; Apartment (if any)"
CITY_LABEL = "City, State, and ZIP code; Country (if other than U.S.)"
METHODS = {
    ServiceMethod.FIRST_CLASS_MAIL: "First-class mail",
    ServiceMethod.IN_PERSON: "In person",
}


def render_eoir33(forms: Sequence[Eoir33Form]) -> bytes:
    """One PDF with two pages per form, in order: a household's forms or a day's list at once."""
    if not forms:
        raise ValueError("no EOIR-33/IC forms to print: the list is empty")
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, LETTER, "Form EOIR-33/IC")
    for form in forms:
        draw_form_page(canvas, form)
        canvas.showPage()
        draw_cover_page(canvas, form)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def us_date(day: date | None) -> str:
    return day.strftime("%m/%d/%Y") if day else ""


# --- Page 1 -------------------------------------------------------------------------------------


def draw_form_page(canvas: Canvas, form: Eoir33Form) -> None:
    edition = EDITIONS[form.revision]
    top = draw_header(canvas, edition)

    instructions = INSTRUCTIONS + (IN_CARE_OF_NOTE if edition.in_care_of else "")
    block = fit_block(instructions, REGULAR, WIDTH, 72, max_size=8.0, min_size=7.0, max_lines=8)
    draw_block(canvas, block, LEFT, top, WIDTH)
    top -= len(block.lines) * block.line_height + SECTION_GAP

    a_number_width = 2.2 * INCH
    name_width = WIDTH - a_number_width
    field(canvas, "Name – Last, First, Middle, Suffix", form.name_line, LEFT, top, name_width)
    field(canvas, "A-Number", form.a_number_printed, LEFT + name_width, top, a_number_width)
    top -= BOX_HEIGHT + SECTION_GAP

    current = [("In care of (other person, if any)", form.in_care_of)] if edition.in_care_of else []
    current += [
        (STREET_LABEL, form.current_address.street_line()),
        (CITY_LABEL, form.current_address.city_line()),
    ]
    top = address_section(
        canvas,
        "My CURRENT address and phone number are",
        current,
        form.current_phone,
        form.current_email,
        top,
    )
    former = [
        (STREET_LABEL, form.former_address.street_line()),
        (CITY_LABEL, form.former_address.city_line()),
    ]
    top = address_section(
        canvas,
        "My FORMER address and phone number were",
        former,
        form.former_phone,
        form.former_email,
        top - SECTION_GAP,
    )

    top = declaration(canvas, form, top - SECTION_GAP)
    proof_of_service(canvas, form, top - SECTION_GAP)
    footer(canvas, edition, 1)


def draw_header(canvas: Canvas, edition: Edition) -> float:
    """Department, office, OMB number and the revision's title; returns where the text starts."""
    top = PAGE_HEIGHT - MARGIN
    canvas.setFont(BOLD, 9)
    canvas.drawString(LEFT, top - 8, "U.S. Department of Justice")
    canvas.setFont(REGULAR, 9)
    canvas.drawString(LEFT, top - 19, "Executive Office for Immigration Review")
    canvas.setFont(REGULAR, 8)
    canvas.drawRightString(RIGHT, top - 8, OMB)
    canvas.setFont(BOLD, 9)
    canvas.drawRightString(RIGHT, top - 19, FORM_NUMBER)
    title_baseline = top - 40
    title_size = 13.0
    title_width = canvas.stringWidth(edition.title, BOLD, title_size)
    draw_runs(
        canvas,
        [(edition.title, BOLD)],
        LEFT + max(0.0, (WIDTH - title_width) / 2),
        title_baseline,
        WIDTH,
        title_size,
        10.0,
    )
    rule_y = title_baseline - 9
    canvas.setLineWidth(1.2)
    canvas.line(LEFT, rule_y, RIGHT, rule_y)
    return rule_y - 5


def field(
    canvas: Canvas,
    label: str,
    value: str,
    x: float,
    top: float,
    width: float,
    *,
    height: float = BOX_HEIGHT,
) -> None:
    """A ruled box with its printed label in the top-left corner and the value under it."""
    canvas.setLineWidth(RULE)
    canvas.rect(x, top - height, width, height)
    draw_runs(canvas, [(label, REGULAR)], x + 3, top - 7.5, width - 6, LABEL_SIZE, 5.0)
    if value:
        draw_runs(
            canvas, [(value, REGULAR)], x + 5, top - height + 6, width - 10, VALUE_SIZE, VALUE_MIN
        )


def heading_bar(canvas: Canvas, text: str, top: float) -> float:
    canvas.setFillGray(SHADE)
    canvas.setLineWidth(RULE)
    canvas.rect(LEFT, top - HEADING_HEIGHT, WIDTH, HEADING_HEIGHT, stroke=1, fill=1)
    canvas.setFillGray(0)
    canvas.setFont(BOLD, 8.5)
    canvas.drawString(LEFT + 4, top - HEADING_HEIGHT + 4, text)
    return top - HEADING_HEIGHT


def address_section(
    canvas: Canvas,
    heading: str,
    lines: Sequence[tuple[str, str]],
    phone: str,
    email: str,
    top: float,
) -> float:
    top = heading_bar(canvas, heading, top)
    for label, value in lines:
        field(canvas, label, value, LEFT, top, WIDTH)
        top -= BOX_HEIGHT
    phone_width = 2.6 * INCH
    field(canvas, "Phone Number", phone, LEFT, top, phone_width)
    field(canvas, "E-mail Address", email, LEFT + phone_width, top, WIDTH - phone_width)
    return top - BOX_HEIGHT


def declaration(canvas: Canvas, form: Eoir33Form, top: float) -> float:
    block = fit_block(DECLARATION, REGULAR, WIDTH, 20, max_size=8.0, min_size=7.0, max_lines=2)
    draw_block(canvas, block, LEFT, top, WIDTH)
    date_width = 1.8 * INCH
    signature_width = WIDTH - date_width
    box_top = top - len(block.lines) * block.line_height - 3
    signature_box(canvas, "Signature", LEFT, box_top, signature_width)
    field(
        canvas,
        "Date (MM/DD/YYYY)",
        us_date(form.signed_on),
        LEFT + signature_width,
        box_top,
        date_width,
        height=SIGNATURE_HEIGHT,
    )
    return box_top - SIGNATURE_HEIGHT


def signature_box(canvas: Canvas, label: str, x: float, top: float, width: float) -> None:
    """Left blank on purpose: the person signs in ink (a printed name is not a signature)."""
    field(canvas, label, "", x, top, width, height=SIGNATURE_HEIGHT)
    canvas.setFont(BOLD, 6.5)
    canvas.drawString(x + 3, top - SIGNATURE_HEIGHT + 4, "SIGN HERE")


def proof_of_service(canvas: Canvas, form: Eoir33Form, top: float) -> None:
    service = form.service
    top = heading_bar(canvas, "PROOF OF SERVICE", top)
    note = fit_block(SERVICE_NOTE, REGULAR, WIDTH - 8, 20, max_size=7.5, min_size=6.5, max_lines=2)
    canvas.setLineWidth(RULE)
    note_height = len(note.lines) * note.line_height + 5
    canvas.rect(LEFT, top - note_height, WIDTH, note_height)
    draw_block(canvas, note, LEFT + 4, top - 2.5, WIDTH - 8)
    top -= note_height

    date_width = 1.8 * INCH
    field(
        canvas,
        "Name of person serving (print)",
        service.server_name if service else "",
        LEFT,
        top,
        WIDTH - date_width,
    )
    field(
        canvas,
        "Date of service (MM/DD/YYYY)",
        us_date(service.served_on) if service else "",
        RIGHT - date_width,
        top,
        date_width,
    )
    top -= BOX_HEIGHT

    office_height = 40.0
    office_field(canvas, service.office if service else None, top, office_height)
    top -= office_height

    method_height = 20.0
    canvas.rect(LEFT, top - method_height, WIDTH, method_height)
    canvas.setFont(REGULAR, LABEL_SIZE)
    canvas.drawString(LEFT + 3, top - 12.5, "Method of service:")
    x = LEFT + 80
    for method, text in METHODS.items():
        check_box(canvas, x, top - 14.5, service is not None and service.method == method)
        canvas.setFont(REGULAR, 9)
        canvas.drawString(x + 13, top - 13, text)
        x += 130
    top -= method_height
    signature_box(canvas, "Signature of person serving", LEFT, top, WIDTH)


def office_field(canvas: Canvas, office: Office | None, top: float, height: float) -> None:
    """The OPLA office served: its name on the first line, its address on the second."""
    label = "Served on: ICE Office of the Principal Legal Advisor (office and address)"
    field(canvas, label, "", LEFT, top, WIDTH, height=height)
    if office is None:
        return
    rows = [office.name, ", ".join(line for line in office.lines if line)]
    baseline = top - 18
    for row in rows:
        draw_runs(canvas, [(row, REGULAR)], LEFT + 5, baseline, WIDTH - 10, 9.5, VALUE_MIN)
        baseline -= 11.5


def check_box(canvas: Canvas, x: float, y: float, checked: bool) -> None:
    """A 9-point square; a chosen one holds a bold X (text, so it can be read back)."""
    canvas.setLineWidth(RULE)
    canvas.rect(x, y, 9, 9)
    if checked:
        canvas.setFont(BOLD, 9)
        canvas.drawCentredString(x + 4.5, y + 1.5, "X")


def footer(canvas: Canvas, edition: Edition, page: int) -> None:
    canvas.setFont(BOLD, 8)
    canvas.drawString(LEFT, MARGIN - 4, FORM_NUMBER)
    canvas.setFont(REGULAR, 7.5)
    canvas.drawString(LEFT, MARGIN - 13, edition.revision)
    canvas.drawRightString(RIGHT, MARGIN - 4, f"Page {page} of 2")


# --- Page 2: the fold-and-mail cover ----------------------------------------------------------


def draw_cover_page(canvas: Canvas, form: Eoir33Form) -> None:
    """Folded in thirds, the top panel carries the return address, the stamp and the court."""
    edition = EDITIONS[form.revision]
    panel = PAGE_HEIGHT / 3
    top = PAGE_HEIGHT - MARGIN

    return_width = 4.4 * INCH
    canvas.setFont(REGULAR, LABEL_SIZE)
    canvas.drawString(LEFT, top - 6, "PUT YOUR ADDRESS HERE")
    baseline = top - 22
    lines = [*form.return_address[:4], *[""] * (4 - len(form.return_address[:4]))]
    canvas.setLineWidth(0.4)
    for line in lines:
        if line:
            draw_runs(canvas, [(line, REGULAR)], LEFT, baseline, return_width, 10, VALUE_MIN)
        canvas.line(LEFT, baseline - 3, LEFT + return_width, baseline - 3)
        baseline -= 15

    stamp = 0.95 * INCH
    canvas.setDash(2, 2)
    canvas.rect(RIGHT - stamp, top - stamp, stamp, stamp)
    canvas.setDash()
    canvas.setFont(REGULAR, 7)
    canvas.drawCentredString(RIGHT - stamp / 2, top - stamp / 2 + 2, "Place Stamp")
    canvas.drawCentredString(RIGHT - stamp / 2, top - stamp / 2 - 7, "Here")

    court_x = LEFT + 2.9 * INCH
    court_width = RIGHT - court_x
    baseline = PAGE_HEIGHT - panel + 1.25 * INCH
    canvas.setFont(REGULAR, LABEL_SIZE)
    canvas.drawString(court_x, baseline + 15, "Immigration Court Name")
    draw_runs(canvas, [(form.court.name, BOLD)], court_x, baseline, court_width, 11, 8)
    for line in form.court.lines:
        baseline -= 14
        draw_runs(canvas, [(line, REGULAR)], court_x, baseline, court_width, 11, 8)

    for fold in (PAGE_HEIGHT - panel, PAGE_HEIGHT - 2 * panel):
        fold_line(canvas, fold)
    fasten_mark(canvas, MARGIN + 30)
    footer(canvas, edition, 2)


def fold_line(canvas: Canvas, y: float) -> None:
    """A dashed line across the page, "Fold Here" at both ends on the line itself."""
    text_width = canvas.stringWidth("Fold Here", BOLD, 8)
    canvas.setLineWidth(0.5)
    canvas.setDash(6, 3)
    canvas.line(LEFT + text_width + 6, y, RIGHT - text_width - 6, y)
    canvas.setDash()
    canvas.setFont(BOLD, 8)
    canvas.drawString(LEFT, y - 3, "Fold Here")
    canvas.drawRightString(RIGHT, y - 3, "Fold Here")


def fasten_mark(canvas: Canvas, y: float) -> None:
    """Where the folded sheet is taped or stapled shut, at the middle of its open edge."""
    width = 1.4 * INCH
    x = (PAGE_WIDTH - width) / 2
    canvas.setLineWidth(0.5)
    canvas.setDash(2, 2)
    canvas.rect(x, y, width, 18)
    canvas.setDash()
    canvas.setFont(BOLD, 8)
    canvas.drawCentredString(PAGE_WIDTH / 2, y + 6, "Fasten Here")
