"""Paperwork (DESIGN.md step 7): Form EOIR-33 for everyone with a case, legal orientation, and
the documents to reopen an in-absentia case.

A case is moved only to a fixed address the court can use, and DHS moved MPP cases on the
strength of the form filed at the site, so nobody with a case travels without it, filed and
served on ICE. The DHS page offers legal orientation (a site may require it) and makes the
reopening documents a pre-processing step for in-absentia cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from staging.domain import CaseStatus, Person
from staging.rules.stored import known_codes
from staging.vocabulary import Words

if TYPE_CHECKING:
    from staging.rules.policy import Policy


class ReopenDocument(StrEnum):
    """What a motion to reopen an in-absentia order is filed with."""

    MOTION_TO_REOPEN = "motion_to_reopen"
    SUPPORTING_DECLARATION = "supporting_declaration"
    PROOF_OF_ADDRESS = "proof_of_address"
    COPY_OF_REMOVAL_ORDER = "copy_of_removal_order"


class FormRevision(StrEnum):
    """Which layout of Form EOIR-33/IC the site prints (the 2021 one has "in care of")."""

    REV_2021 = "2021"
    REV_2026 = "2026"


@dataclass(frozen=True)
class PaperworkPolicy:
    eoir33_revision: FormRevision = FormRevision.REV_2021
    legal_orientation_required: bool = False
    reopen_documents_required: bool = True
    reopen_documents: frozenset[ReopenDocument] = frozenset(ReopenDocument)

    def __post_init__(self) -> None:
        revision = known_codes(
            FormRevision,
            [self.eoir33_revision],
            Words("form revisions", "versiones del formulario"),
        )
        object.__setattr__(self, "eoir33_revision", next(iter(revision)))
        documents = known_codes(
            ReopenDocument,
            self.reopen_documents,
            Words("reopening documents", "documentos de reapertura"),
        )
        object.__setattr__(self, "reopen_documents", documents)


class PaperworkBlocker(StrEnum):
    EOIR33_NOT_DONE = "eoir33_not_done"
    EOIR33_NOT_SERVED = "eoir33_not_served"
    LEGAL_ORIENTATION_NEEDED = "legal_orientation_needed"
    REOPEN_DOCUMENTS_NEEDED = "reopen_documents_needed"


class PaperworkStage(StrEnum):
    PAPERWORK_DONE = "paperwork_done"


def needs_eoir33(person: Person) -> bool:
    """Everyone with a case before the immigration court: their own A-number."""
    return bool(person.a_number)


def reopen_documents_missing(person: Person, policy: PaperworkPolicy) -> frozenset[str]:
    if person.case_status is not CaseStatus.IN_ABSENTIA or not policy.reopen_documents_required:
        return frozenset()
    return frozenset(policy.reopen_documents) - person.paperwork.reopen_documents


def paperwork_blockers(person: Person, today: date, policy: Policy) -> list[PaperworkBlocker]:
    rules = policy.paperwork
    done = person.paperwork
    found = []
    if needs_eoir33(person):
        if not done.eoir33_completed:
            found.append(PaperworkBlocker.EOIR33_NOT_DONE)
        elif not done.eoir33_served:
            found.append(PaperworkBlocker.EOIR33_NOT_SERVED)
    if rules.legal_orientation_required and done.legal_orientation_on is None:
        found.append(PaperworkBlocker.LEGAL_ORIENTATION_NEEDED)
    if reopen_documents_missing(person, rules):
        found.append(PaperworkBlocker.REOPEN_DOCUMENTS_NEEDED)
    return found


def paperwork_stage(person: Person, today: date, policy: Policy) -> PaperworkStage | None:
    """Reached only once everything the stage asks is done (a form alone is not the stage)."""
    if paperwork_blockers(person, today, policy):
        return None
    touched = person.paperwork
    if touched.eoir33_served or touched.legal_orientation_on or touched.reopen_documents:
        return PaperworkStage.PAPERWORK_DONE
    return None
