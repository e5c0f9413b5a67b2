"""Where a person stands, combined from every stage of the journey (DESIGN.md rule 8).

`person_status` is the only place a screen, a command or an export learns it. Each stage names
its own blockers and stages in its module and joins the journey with one line in `JOURNEY`, so
a new stage never edits the logic here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TypeAlias

from staging.domain import Person, Role
from staging.rules.arrival import arrival_blockers, arrival_stage
from staging.rules.eligibility import (
    Eligibility,
    EligibilityBlocker,
    EligibilityStage,
    eligibility,
    eligibility_blockers,
    eligibility_stage,
)
from staging.rules.paperwork import paperwork_blockers, paperwork_stage
from staging.rules.permissions import Action, may
from staging.rules.policy import Policy
from staging.rules.screening import (
    blocker_without_medical_detail,
    screening_blockers,
    screening_stage,
    stage_without_medical_detail,
)
from staging.rules.transport import TransportStage, transport_blockers, transport_stage

Blocker: TypeAlias = StrEnum
"""What still stands between a person and transport: a member of one stage's blocker enum."""

Stage: TypeAlias = StrEnum
"""How far a person's recorded facts show they have come: a member of one stage's stage enum."""

BlockerSource = Callable[[Person, date, Policy], Sequence[Blocker]]
StageSource = Callable[[Person, date, Policy], Stage | None]


@dataclass(frozen=True)
class JourneyStep:
    """One stage's part: what it still needs, and the stage its facts show (None: not reached)."""

    blockers: BlockerSource
    stage: StageSource


# In journey order: blockers are listed in this order (the order staff clear them), and the
# stage is that of the furthest step reached.
JOURNEY: tuple[JourneyStep, ...] = (
    JourneyStep(eligibility_blockers, eligibility_stage),
    JourneyStep(arrival_blockers, arrival_stage),
    JourneyStep(screening_blockers, screening_stage),
    JourneyStep(paperwork_blockers, paperwork_stage),
    JourneyStep(transport_blockers, transport_stage),
)


@dataclass(frozen=True)
class PersonStatus:
    """May the person travel, how far have they come, and what is still needed (empty: ready)."""

    eligibility: Eligibility
    stage: Stage
    blockers: tuple[Blocker, ...]


def person_status(person: Person, today: date, policy: Policy, viewer: Role) -> PersonStatus:
    """Where `person` stands, as `viewer`'s role may know it: without medical access a
    medical hold is only "held", never why (so every screen, command and export agrees)."""
    status = eligibility(person.case_status, person.verification, policy.eligibility)
    if status is Eligibility.NOT_ELIGIBLE:
        # The journey ends here: what later stages would still need no longer matters.
        return PersonStatus(
            status, EligibilityStage.NOT_ELIGIBLE, (EligibilityBlocker.NOT_ELIGIBLE,)
        )
    found = tuple(b for step in JOURNEY for b in step.blockers(person, today, policy))
    reached = (step.stage(person, today, policy) for step in reversed(JOURNEY))
    # The first step (registration) is always reached, so a stage is always found.
    stage = next(stage for stage in reached if stage is not None)
    if stage is TransportStage.DELIVERED:
        # Handed over to CBP: the journey has ended, nothing stands before it any more.
        return PersonStatus(status, stage, ())
    if not may(viewer, Action.READ_MEDICAL):
        found = tuple(dict.fromkeys(blocker_without_medical_detail(b) for b in found))
        stage = stage_without_medical_detail(stage)
    return PersonStatus(status, stage, found)
