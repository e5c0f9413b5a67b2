"""What a wristband or an ID card says about one person, as plain values and printed words.

The desk builds a :class:`LabelData` from its records; the renderers only lay it out. Dates are
printed as ISO 8601 (2021-03-01) because at a border site the same paper is read by people used
to 01/03/2021 and by officers used to 03/01/2021: the ISO order cannot be read the wrong way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal, get_args

from staging.wristbands.codes import format_band_code, normalize_band_code

Language = Literal["es", "en", "es+en"]
LANGUAGES: tuple[str, ...] = get_args(Language)

# Spanish first: the people wearing the band and most staff read Spanish; officers read English.
CAPTIONS: dict[str, tuple[str, str]] = {
    "household": ("Hogar", "Household"),
    "appointment": ("Cita", "Appointment"),
    "date_of_birth": ("Nacimiento", "Date of birth"),
    "site": ("Sitio", "Site"),
    "no_appointment": ("sin cita", "none"),
    "unknown": ("desconocida", "unknown"),
    "person": ("persona", "person"),
    "people": ("personas", "people"),
}


@dataclass(frozen=True)
class LabelData:
    """One person's band or card. ``band_code`` is the canonical code as stored for the person."""

    full_name: str
    household_label: str
    household_size: int
    date_of_birth: date | None
    appointment_date: date | None
    band_code: str
    site_name: str
    language: Language = "es+en"

    def __post_init__(self) -> None:
        if not self.full_name.strip():
            raise ValueError("a label needs the person's name")
        if normalize_band_code(self.band_code) != self.band_code:
            raise ValueError(f"not a canonical band code: {self.band_code!r}")
        if self.household_size < 1:
            raise ValueError("a household has at least one member")
        if self.language not in LANGUAGES:
            raise ValueError(f"language must be one of {', '.join(LANGUAGES)}")

    def caption(self, key: str) -> str:
        """A printed word in the label's language, e.g. "Hogar / Household" when bilingual."""
        spanish, english = CAPTIONS[key]
        if self.language == "es":
            return spanish
        if self.language == "en":
            return english
        return f"{spanish} / {english}"

    @property
    def household_text(self) -> str:
        """The household and how many travel together: "H-000123 · 4 personas / people"."""
        key = "person" if self.household_size == 1 else "people"
        return f"{self.household_label} · {self.household_size} {self.caption(key)}"

    @property
    def appointment_text(self) -> str:
        if self.appointment_date is None:
            return self.caption("no_appointment")
        return self.appointment_date.isoformat()

    @property
    def date_of_birth_text(self) -> str:
        if self.date_of_birth is None:
            return self.caption("unknown")
        return self.date_of_birth.isoformat()

    @property
    def printed_code(self) -> str:
        """The band code in groups of four, for a person to read or type when a scan fails."""
        return format_band_code(self.band_code)
