"""Every rule of the journey, as plain functions over plain data (DESIGN.md, "The journey").

One module per stage, each with its own part of the site's `Policy`; `readiness` combines
them into `person_status`. Nothing here reads a database, a clock or a screen, so each rule is
tested on its own with the facts it names.
"""

from staging.rules.arrival import (
    ArrivalBlocker,
    ArrivalPolicy,
    ArrivalStage,
    StopSign,
    needs_confirmation,
    signs_among,
    stop_signs,
)
from staging.rules.duplicates import DuplicatesPolicy, possible_duplicate
from staging.rules.eligibility import (
    Eligibility,
    EligibilityBlocker,
    EligibilityPolicy,
    EligibilityStage,
    eligibility,
)
from staging.rules.permissions import PERMISSIONS, Action, may
from staging.rules.policy import Policy, ScreeningPolicy, SitePolicy
from staging.rules.priority import (
    ELDER_MIN_YEARS,
    INFANT_MAX_YEARS,
    PriorityPolicy,
    age_on,
    effective_vulnerabilities,
    household_priority,
    is_priority_vulnerable,
    priority_queue,
)
from staging.rules.readiness import Blocker, PersonStatus, Stage, person_status

__all__ = [
    "ELDER_MIN_YEARS",
    "INFANT_MAX_YEARS",
    "PERMISSIONS",
    "Action",
    "ArrivalBlocker",
    "ArrivalPolicy",
    "ArrivalStage",
    "Blocker",
    "DuplicatesPolicy",
    "Eligibility",
    "EligibilityBlocker",
    "EligibilityPolicy",
    "EligibilityStage",
    "PersonStatus",
    "Policy",
    "PriorityPolicy",
    "ScreeningPolicy",
    "SitePolicy",
    "Stage",
    "StopSign",
    "age_on",
    "effective_vulnerabilities",
    "eligibility",
    "household_priority",
    "is_priority_vulnerable",
    "may",
    "needs_confirmation",
    "person_status",
    "possible_duplicate",
    "priority_queue",
    "signs_among",
    "stop_signs",
]
