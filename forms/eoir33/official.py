"""Filling EOIR's own fillable PDF of Form EOIR-33/IC, when an administrator provides it.

The app never ships or downloads that PDF: a site that prefers the official paper to the replica
(:mod:`forms.eoir33.paper`) puts the file in the app's forms folder, and this module writes the
values into its AcroForm fields by name. The names are the ones public form-filling projects use
for the "Rev. Feb. 2026" edition; :func:`official_fields_missing` tells the app when a file is
not that form, so it can refuse it with a clear message instead of printing a blank copy.

Signatures ("Signature1", "Signature2") stay empty for ink, and "No Service Needed" stays
unticked: it is only for attorneys and accredited representatives registered in ECAS.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject
from reportlab.pdfbase.pdfmetrics import stringWidth

from forms.eoir33.model import Eoir33Form, Office, ServiceMethod
from forms.eoir33.paper import us_date

NAME = "Name"
A_NUMBER = "A-Number"
CURRENT_STREET = "number street address - current"
CURRENT_CITY = "city state zip country - current"
CURRENT_PHONE = "phone number - current"
CURRENT_EMAIL = "email address - current"
FORMER_STREET = "number street apartment - former"
FORMER_CITY = "city state zip country - former"
FORMER_PHONE = "phone number - former"
FORMER_EMAIL = "email address - former"
SIGNED_ON = "date"
SERVER_NAME = "name - proof of service"
OPLA_OFFICE = "office of principal legal advisor 1"
SERVED_ON = "date - proof of service"
COURT_DROPDOWN = "Immigration Court Name"
COURT_LINES = ("Address1", "Address2", "Address3")
RETURN_LINES = tuple(f"PUT YOUR ADDRESS HERE {n}" for n in range(1, 5))

# Every text field the filler writes: a file without one of them is not the form it knows.
# (The court drop-down is optional: its lines are written into Address1–3 either way.)
TEXT_FIELDS: tuple[str, ...] = (
    NAME,
    A_NUMBER,
    CURRENT_STREET,
    CURRENT_CITY,
    CURRENT_PHONE,
    CURRENT_EMAIL,
    FORMER_STREET,
    FORMER_CITY,
    FORMER_PHONE,
    FORMER_EMAIL,
    SIGNED_ON,
    SERVER_NAME,
    OPLA_OFFICE,
    SERVED_ON,
    *COURT_LINES,
    *RETURN_LINES,
)
METHOD_WORDS = {
    ServiceMethod.FIRST_CLASS_MAIL: "By first-class mail",
    ServiceMethod.IN_PERSON: "In person",
}
BASE_SIZE = 10.0  # points, when a field's default appearance leaves the size to the viewer
MIN_SIZE = 6.0
_DEFAULT_APPEARANCE = re.compile(r"/([^\s/]+)\s+([\d.]+)\s+Tf")


def official_fields_missing(template: bytes) -> list[str]:
    """The expected field names the PDF lacks; every name if it cannot be read as a PDF form."""
    try:
        names = set(_reader(template).get_fields() or {})
    except Exception:  # a damaged or password-locked file is refused like a wrong one
        return list(TEXT_FIELDS)
    return [name for name in TEXT_FIELDS if name not in names]


def fill_official_pdf(template: bytes, forms: Sequence[Eoir33Form]) -> bytes:
    """The official PDF filled once per form, the copies one after another in a single file.

    With several copies each one's fields are grouped under "copy-1", "copy-2" …: a PDF holds a
    field name once, so ungrouped copies would all show the first person's values.
    """
    if not forms:
        raise ValueError("no EOIR-33/IC forms to fill: the list is empty")
    missing = official_fields_missing(template)
    if missing:
        raise ValueError(f"not the fillable Form EOIR-33/IC: no field {', '.join(missing)}")
    if len(forms) == 1:
        return _write(_filled(template, forms[0]))
    merged = PdfWriter()
    for number, form in enumerate(forms, start=1):
        copy = _filled(template, form)
        _group_fields(copy, f"copy-{number}")
        merged.append(PdfReader(io.BytesIO(_write(copy))))
    return _write(merged)


def field_values(form: Eoir33Form, *, court_in_dropdown: bool = False) -> dict[str, str]:
    """What goes in each text field, by the official PDF's names (empty ones left out)."""
    service = form.service
    values = {
        NAME: form.name_line,
        A_NUMBER: form.a_number_printed,
        CURRENT_STREET: form.current_address.street_line(),
        CURRENT_CITY: form.current_address.city_line(),
        CURRENT_PHONE: form.current_phone,
        CURRENT_EMAIL: form.current_email,
        FORMER_STREET: form.former_address.street_line(),
        FORMER_CITY: form.former_address.city_line(),
        FORMER_PHONE: form.former_phone,
        FORMER_EMAIL: form.former_email,
        SIGNED_ON: us_date(form.signed_on),
    }
    if service is not None:
        values[SERVER_NAME] = service.server_name
        values[OPLA_OFFICE] = f"{METHOD_WORDS[service.method]}: {_one_line(service.office)}"
        values[SERVED_ON] = us_date(service.served_on)
    lines = court_lines(form.court, named_by_dropdown=court_in_dropdown)
    values |= dict(zip(COURT_LINES, lines, strict=True))
    values |= dict(zip(RETURN_LINES, form.return_address, strict=False))
    return {name: value for name, value in values.items() if value}


def court_lines(office: Office, *, named_by_dropdown: bool) -> tuple[str, str, str]:
    """The court's address in the three lines page 2 has, its name first unless the drop-down
    already shows it; extra lines are joined to the last one rather than dropped."""
    named = office.lines if named_by_dropdown else (office.name, *office.lines)
    lines = [line for line in named if line]
    if len(lines) > 3:
        lines = [*lines[:2], ", ".join(lines[2:])]
    padded = [*lines, "", "", ""]
    return padded[0], padded[1], padded[2]


def _filled(template: bytes, form: Eoir33Form) -> PdfWriter:
    writer = PdfWriter(clone_from=_reader(template))
    acro_form = writer.root_object["/AcroForm"]
    # An XFA description would win over the AcroForm values in Acrobat: drop it.
    acro_form.pop(NameObject("/XFA"), None)
    fields = writer.get_fields() or {}
    dropdown = fields.get(COURT_DROPDOWN)
    options = [_option(option) for option in (dropdown or {}).get("/Opt", [])]
    in_dropdown = form.court.name in options
    values = field_values(form, court_in_dropdown=in_dropdown)
    if in_dropdown:
        values[COURT_DROPDOWN] = form.court.name
    default = str(acro_form.get("/DA", ""))
    sized = {name: _sized(value, writer, name, default) for name, value in values.items()}
    writer.update_page_form_field_values(None, sized, auto_regenerate=False)
    return writer


def _sized(value: str, writer: PdfWriter, name: str, default: str) -> tuple[str, str, float]:
    """The value with a font size that fits its box: the fields have no length limit, and a
    long street would otherwise run past the edge of the printed field."""
    font, size = "Helv", 0.0
    widget = _widget(writer, name)
    match = _DEFAULT_APPEARANCE.search(str(widget.get("/DA", "")) or default)
    if match:
        font, size = match.group(1), float(match.group(2))
    base = size if size > 0 else BASE_SIZE
    rect = [float(number) for number in widget.get("/Rect", [0, 0, 0, 0])]
    room = abs(rect[2] - rect[0]) - 4
    natural = stringWidth(value, "Helvetica", 1)
    fitting = room / natural if natural and room > 0 else base
    return value, f"/{font}", max(MIN_SIZE, min(base, int(fitting * 2) / 2))


def _widget(writer: PdfWriter, name: str) -> DictionaryObject:
    """The field's widget (or the field itself, when the two are merged as usual)."""
    for page in writer.pages:
        for annotation in page.get("/Annots", []) or []:
            annotation = annotation.get_object()
            parent = annotation.get("/Parent")
            title = annotation.get("/T") or (parent.get_object().get("/T") if parent else None)
            if title == name:
                return annotation
    return DictionaryObject()


def _group_fields(writer: PdfWriter, top_name: str) -> None:
    """Put every field under one new parent, so "Name" becomes "copy-2.Name"."""
    acro_form = writer.root_object["/AcroForm"]
    fields = ArrayObject(acro_form.get("/Fields", []))
    parent = DictionaryObject(
        {NameObject("/T"): TextStringObject(top_name), NameObject("/Kids"): fields}
    )
    parent_ref = writer._add_object(parent)  # pypdf's only way to make an indirect object
    for field_ref in fields:
        field_ref.get_object()[NameObject("/Parent")] = parent_ref
    acro_form[NameObject("/Fields")] = ArrayObject([parent_ref])


def _option(option: object) -> str:
    """A choice's shown text: an option is a string or an [export value, text] pair."""
    option = option.get_object() if hasattr(option, "get_object") else option
    return str(option[1]) if isinstance(option, list) else str(option)


def _one_line(office: Office) -> str:
    return ", ".join(part for part in (office.name, *office.lines) if part)


def _reader(template: bytes) -> PdfReader:
    reader = PdfReader(io.BytesIO(template))
    if reader.is_encrypted:  # official forms may carry an owner password that only sets rights
        reader.decrypt("")
    return reader


def _write(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
