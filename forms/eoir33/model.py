"""Form EOIR-33/IC as plain data: what the paper shows, already checked by the core.

`forms` knows no database: the core builds these values from the person's record, the court
directory and the proof of service, and the renderers only draw them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

# Which layout to print (the site's policy chooses): the 2021-era form has an "in care of" line.
from staging.rules.paperwork import FormRevision as Revision


class ServiceMethod(StrEnum):
    """How the copy reached ICE's OPLA (8 CFR 1003.32); electronic service exists only in ECAS."""

    FIRST_CLASS_MAIL = "first_class_mail"
    IN_PERSON = "in_person"


@dataclass(frozen=True)
class Address:
    street: str = ""
    apartment: str = ""
    city: str = ""
    state: str = ""  # two-letter code for a US address
    zip: str = ""  # 12345 or 12345-6789
    country: str = "United States"

    def street_line(self) -> str:
        """ "Number; Street; Apartment (if any)", as the form's label asks."""
        return ", ".join(part for part in (self.street, self.apartment) if part)

    def city_line(self) -> str:
        """ "City, State, and ZIP code; Country (if other than U.S.)"."""
        place = ", ".join(part for part in (self.city, f"{self.state} {self.zip}".strip()) if part)
        if self.country and self.country not in ("United States", "USA", "US"):
            return f"{place}, {self.country}" if place else self.country
        return place


@dataclass(frozen=True)
class Office:
    """An immigration court or an ICE OPLA office, as its address is printed."""

    name: str
    lines: tuple[str, ...]  # the address lines under the name


@dataclass(frozen=True)
class ProofOfService:
    server_name: str
    office: Office  # the OPLA office served
    served_on: date | None
    method: ServiceMethod = ServiceMethod.FIRST_CLASS_MAIL


@dataclass(frozen=True)
class Eoir33Form:
    """One person's change of address, ready to print."""

    last_name: str
    first_name: str
    middle_name: str
    suffix: str
    a_number: str  # nine digits
    current_address: Address
    current_phone: str
    current_email: str
    former_address: Address
    former_phone: str
    former_email: str
    court: Office  # the court where the case is pending: the form is filed there
    return_address: tuple[str, ...]  # page 2, "PUT YOUR ADDRESS HERE"
    in_care_of: str = ""  # 2021-era revision only
    signed_on: date | None = None
    service: ProofOfService | None = None
    revision: Revision = Revision.REV_2021

    @property
    def name_line(self) -> str:
        """ "Name – Last, First, Middle, Suffix"."""
        return ", ".join(
            part
            for part in (self.last_name, self.first_name, self.middle_name, self.suffix)
            if part
        )

    @property
    def a_number_printed(self) -> str:
        """As EOIR's practice manual writes it: A 012 345 678."""
        digits = self.a_number.zfill(9)
        return f"A {digits[:3]} {digits[3:6]} {digits[6:]}"
