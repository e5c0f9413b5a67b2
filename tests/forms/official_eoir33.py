"""A stand-in for EOIR's fillable Form EOIR-33/IC: the same field names and kinds, drawn here.

The official PDF is never shipped with the app nor fetched by the tests; this file only has to
look like it to the filler: text fields by those names on two pages, the court drop-down, the
"No Service Needed" box and two signature fields (/FT /Sig, which take no text).
"""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject
from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen.canvas import Canvas

from forms.eoir33 import official

COURT_OPTIONS = (
    "Select Immigration Court",
    "Adelanto",
    "San Francisco",
    "Houston - S. Gessner Road",
)
SIGNATURES = ("Signature1", "Signature2")

# (name, x, y, width) in points on page 1; every field is 18 points high.
PAGE_1 = (
    (official.NAME, 40, 660, 380),
    (official.A_NUMBER, 430, 660, 140),
    (official.FORMER_STREET, 40, 600, 260),
    (official.FORMER_CITY, 40, 570, 260),
    (official.FORMER_PHONE, 40, 540, 260),
    (official.FORMER_EMAIL, 40, 510, 260),
    (official.CURRENT_STREET, 310, 600, 260),
    (official.CURRENT_CITY, 310, 570, 260),
    (official.CURRENT_PHONE, 310, 540, 260),
    (official.CURRENT_EMAIL, 310, 510, 260),
    ("Signature1", 40, 450, 300),
    (official.SIGNED_ON, 400, 450, 120),
    (official.SERVER_NAME, 40, 350, 300),
    (official.OPLA_OFFICE, 40, 320, 530),
    (official.SERVED_ON, 400, 290, 120),
    ("Signature2", 40, 250, 300),
)
PAGE_2 = (
    *((name, 60, 720 - 20 * index, 250) for index, name in enumerate(official.RETURN_LINES)),
    *((name, 250, 560 - 20 * index, 300) for index, name in enumerate(official.COURT_LINES)),
)


def official_like_pdf(*, leave_out: tuple[str, ...] = ()) -> bytes:
    """The stand-in PDF; ``leave_out`` names fields to omit, to play a wrong file."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=LETTER)
    form = canvas.acroForm
    canvas.drawString(40, 740, "Form EOIR-33/IC (test stand-in)")
    for name, x, y, width in PAGE_1:
        if name not in leave_out:
            form.textfield(name=name, x=x, y=y, width=width, height=18, fontSize=10)
    form.checkbox(name="No Service Needed", x=40, y=220, size=12)
    canvas.showPage()
    for name, x, y, width in PAGE_2:
        if name not in leave_out:
            form.textfield(name=name, x=x, y=y, width=width, height=18, fontSize=0)
    form.choice(
        name=official.COURT_DROPDOWN,
        value=COURT_OPTIONS[0],
        options=list(COURT_OPTIONS),
        x=250,
        y=590,
        width=300,
        height=18,
    )
    canvas.showPage()
    canvas.save()
    return _as_signature_fields(buffer.getvalue())


def _as_signature_fields(pdf: bytes) -> bytes:
    """reportlab draws no signature fields: turn the two placeholders into /Sig ones."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for page in writer.pages:
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            if annotation.get("/T") in SIGNATURES:
                annotation[NameObject("/FT")] = NameObject("/Sig")
                for key in ("/V", "/DV", "/MaxLen", "/Ff", "/AP"):
                    annotation.pop(NameObject(key), None)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
