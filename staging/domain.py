"""The vocabulary of a staging site, as plain values the rules and the store share.

Nothing here touches a database or a screen: these are the nouns of DESIGN.md's journey.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class CaseStatus(StrEnum):
    """Where the person's MPP case stands before EOIR, as the lists report it."""

    PENDING = "pending"
    TERMINATED = "terminated"
    IN_ABSENTIA = "in_absentia"
    REMOVED_AFTER_HEARING = "removed_after_hearing"
    UNKNOWN = "unknown"


class Verification(StrEnum):
    """Where the eligibility check with DHS stands (unverified → submitted → an outcome)."""

    UNVERIFIED = "unverified"
    SUBMITTED = "submitted"
    VERIFIED = "verified"
    INELIGIBLE = "ineligible"
    UNRESOLVED = "unresolved"


class Sex(StrEnum):
    FEMALE = "F"
    MALE = "M"
    OTHER = "X"


class Role(StrEnum):
    INTAKE = "intake"
    SCREENER = "screener"
    COORDINATOR = "coordinator"
    ADMIN = "admin"


@dataclass(frozen=True)
class PortOfEntry:
    code: str
    name: str
    state: str


PORTS_OF_ENTRY: tuple[PortOfEntry, ...] = (
    PortOfEntry("SYS", "San Ysidro", "CA"),
    PortOfEntry("ELP", "El Paso", "TX"),
    PortOfEntry("EGP", "Eagle Pass", "TX"),
    PortOfEntry("LRD", "Laredo", "TX"),
    PortOfEntry("HID", "Hidalgo", "TX"),
    PortOfEntry("BRO", "Brownsville", "TX"),
)
PORTS_BY_CODE = {port.code: port for port in PORTS_OF_ENTRY}

# Vulnerability flags a site can give priority to (Policy chooses which count).
VULNERABILITY_FLAGS: tuple[str, ...] = (
    "serious_medical_condition",
    "pregnancy",
    "disability",
    "age_65_plus",
    "infant",
    "single_caregiver",
    "risk_of_violence",
    "unaccompanied_minor",
    "lgbtiq_at_risk",
)


class ScreeningOutcome(StrEnum):
    """What a health screening concluded (DESIGN.md step 5)."""

    CLEARED = "cleared"
    ISOLATION = "isolation"
    RETEST = "retest"
    CLINICAL_REVIEW = "clinical_review"


@dataclass(frozen=True)
class Health:
    """The few medical facts readiness needs, derived from the records: no answer, no
    temperature, no result. Whether a user may see them is `rules.screening`'s to say."""

    outcome: ScreeningOutcome | None = None
    screened_on: date | None = None
    screened_at: datetime | None = None
    # The day a clearance is counted from: the specimen's collection, else the screening.
    clearance_base: date | None = None
    recovered_positive_on: date | None = None
    # The collection day of the latest screening's negative antigen test, if it had one.
    tested_negative_on: date | None = None
    isolation_started_on: date | None = None
    released_on: date | None = None
    # Another member of the household: isolated since (open episode), last positive test.
    household_isolation_since: date | None = None
    household_exposure_on: date | None = None

    @property
    def in_isolation(self) -> bool:
        return self.isolation_started_on is not None and self.released_on is None

    @property
    def rescreening_due(self) -> bool:
        """Released, and not screened again since (no retest: questionnaire and recovery)."""
        return self.released_on is not None and (
            self.screened_on is None or self.screened_on < self.released_on
        )


NO_HEALTH = Health()


@dataclass(frozen=True)
class Paperwork:
    """What the records show of the person's paperwork (DESIGN.md step 7)."""

    eoir33_completed: bool = False
    eoir33_served: bool = False
    legal_orientation_on: date | None = None
    # Codes of the documents prepared to reopen an in-absentia case.
    reopen_documents: frozenset[str] = frozenset()


NO_PAPERWORK = Paperwork()


@dataclass(frozen=True)
class Travel:
    """The person's latest place on a trip: planned, boarded, no-show; delivered ends it."""

    roster_status: str | None = None
    roster_day: date | None = None
    delivered_at: datetime | None = None


NO_TRAVEL = Travel()


@dataclass(frozen=True)
class Person:
    """One registered person with the facts the rules need (a read model, not a row)."""

    id: str
    registration_id: str
    household_id: str
    given_names: str
    paternal_surname: str
    maternal_surname: str = ""
    date_of_birth: date | None = None
    sex: str = ""
    nationality: str = ""
    a_number: str | None = None
    mpp_enrollment_date: date | None = None
    case_status: CaseStatus = CaseStatus.UNKNOWN
    current_court: str = ""
    appointment_date: date | None = None
    vulnerabilities: frozenset[str] = field(default_factory=frozenset)
    verification: Verification = Verification.UNVERIFIED
    checked_in: bool = False
    source: str = "import"
    health: Health = NO_HEALTH
    paperwork: Paperwork = NO_PAPERWORK
    travel: Travel = NO_TRAVEL

    @property
    def full_name(self) -> str:
        return " ".join(
            p for p in (self.given_names, self.paternal_surname, self.maternal_surname) if p
        )
