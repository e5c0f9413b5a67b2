"""From a form as the core keeps it to the paper: the court's and the OPLA office's addresses,
the return address on the cover, the proof of service, the next-steps sheet."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import phonenumbers

from forms.eoir33.model import Address, Eoir33Form, Office, ProofOfService, ServiceMethod
from forms.eoir33.next_steps import NextSteps, render_next_steps
from forms.eoir33.official import fill_official_pdf, official_fields_missing
from forms.eoir33.paper import render_eoir33
from staging.courts.directory import Court, OplaOffice
from staging.paperwork.queries import FormToPrint

# The court is left for a person to fill by hand rather than guessed.
NO_COURT = Office("", ())


def printed_phone(stored: str) -> str:
    """Phones are kept in E.164; the paper shows them as people write them: a US number in
    its national form, (915) 555-0142, any other with its country code, +52 656 507 2429."""
    if not stored:
        return ""
    try:
        number = phonenumbers.parse(stored, None)
    except phonenumbers.NumberParseException:
        return stored
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 1
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


def court_office(court: Court | None) -> Office:
    if court is None:
        return NO_COURT
    return Office(court.form_name or court.name, court.address_lines)


def opla_office(office: OplaOffice) -> Office:
    return Office(office.name, office.address_lines)


def current_address(form: FormToPrint) -> Address:
    entry = form.entry
    return Address(
        entry.current_street,
        entry.current_apartment,
        entry.current_city,
        entry.current_state,
        entry.current_zip,
    )


def eoir33_form(form: FormToPrint) -> Eoir33Form:
    entry = form.entry
    address = current_address(form)
    former = Address(
        entry.former_street,
        entry.former_apartment,
        entry.former_city,
        entry.former_state,
        entry.former_zip,
        entry.former_country or "United States",
    )
    name = " ".join(part for part in (entry.first_name, entry.middle_name, entry.last_name) if part)
    return_lines = tuple(
        line
        for line in (
            name,
            entry.in_care_of and f"c/o {entry.in_care_of}",
            address.street_line(),
            address.city_line(),
        )
        if line
    )
    return Eoir33Form(
        last_name=entry.last_name,
        first_name=entry.first_name,
        middle_name=entry.middle_name,
        suffix=entry.suffix,
        a_number=entry.a_number,
        current_address=address,
        current_phone=printed_phone(entry.current_phone),
        current_email=entry.current_email,
        former_address=former,
        former_phone=printed_phone(entry.former_phone),
        former_email=entry.former_email,
        court=court_office(form.courts.current),
        return_address=return_lines,
        in_care_of=entry.in_care_of,
        signed_on=entry.signed_on,
        service=_service(form),
        revision=form.revision,
    )


def _service(form: FormToPrint) -> ProofOfService | None:
    """Printed once served, naming the office recorded as served; before that the section
    stays blank for the server's hand."""
    office = form.served_office
    if form.service is None or office is None:
        return None
    served = form.service["served_on"]
    return ProofOfService(
        server_name=form.service["server_name"],
        office=opla_office(office),
        served_on=date.fromisoformat(served) if served else None,
        method=ServiceMethod(form.service["service_method"]),
    )


def next_steps(form: FormToPrint, first_language: str = "es") -> NextSteps:
    proposed = form.courts.proposed
    receiving = form.courts.receiving
    distance = ""
    if proposed is not None and receiving is not None and proposed.court.key == receiving.key:
        distance = f"{proposed.miles:.0f} mi ({proposed.km:.0f} km)"
    return NextSteps(
        person_name=form.person.full_name,
        a_number=form.entry.a_number or form.person.a_number or "",
        current_court=court_office(form.courts.current),
        address=current_address(form),
        receiving_court=court_office(receiving) if receiving is not None else None,
        receiving_distance=distance,
        first_language="en" if first_language == "en" else "es",
    )


def eoir33_pdf(forms: Sequence[FormToPrint], official_template: bytes | None = None) -> bytes:
    """The forms in one PDF: the official fillable PDF filled by field name when the site has
    placed a usable one, else the replica drawn from scratch."""
    papers = [eoir33_form(form) for form in forms]
    if official_template is not None and not official_fields_missing(official_template):
        return fill_official_pdf(official_template, papers)
    return render_eoir33(papers)


def next_steps_pdf(forms: Sequence[FormToPrint], first_language: str = "es") -> bytes:
    return render_next_steps([next_steps(form, first_language) for form in forms])
