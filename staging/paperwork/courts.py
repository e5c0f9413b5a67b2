"""The form's two courts: where the case is pending, and where it should move.

The current court comes from the case as the lists wrote it, matched to the directory (an
unsure match is left for a person to pick). The receiving court proposed is the non-detained
court nearest the new address; choosing another is allowed, with a written reason, since DHS
moved cases on that basis and a coordinator will be asked why.
"""

from __future__ import annotations

from dataclasses import dataclass

from staging.courts.directory import Court, CourtDirectory, OplaOffice, find_court
from staging.courts.matching import match_court
from staging.courts.nearest import NearbyCourt, nearest_courts
from staging.errors import Refused, UserError


@dataclass(frozen=True)
class CourtChoice:
    """What the form's court fields offer for one person."""

    case_court_text: str  # the court as the registration list wrote it
    current: Court | None  # matched, or chosen and saved
    proposed: NearbyCourt | None  # nearest the new address (None: no usable ZIP yet)
    receiving: Court | None  # saved, else the proposal
    opla_office: OplaOffice | None  # served: the current court's office


def court_choice(
    directory: CourtDirectory,
    case_court_text: str,
    current_key: str,
    receiving_key: str,
    zip_code: str,
) -> CourtChoice:
    current = find_court(directory, current_key) if current_key else None
    if current is None and case_court_text:
        current = match_court(directory, case_court_text)
    proposed = proposed_court(directory, zip_code)
    receiving = find_court(directory, receiving_key) if receiving_key else None
    if receiving is None and proposed is not None:
        receiving = proposed.court
    office = directory.opla_office_of(current) if current is not None else None
    return CourtChoice(case_court_text, current, proposed, receiving, office)


def proposed_court(directory: CourtDirectory, zip_code: str) -> NearbyCourt | None:
    """The nearest non-detained court, or None while the ZIP is missing or not a real one
    (the form's own check names the ZIP's problem)."""
    if not zip_code:
        return None
    try:
        nearest = nearest_courts(directory, zip_code, limit=1)
    except UserError:
        return None
    return nearest[0] if nearest else None


def check_court_choice(
    directory: CourtDirectory, current_key: str, receiving_key: str, reason: str, zip_code: str
) -> None:
    """Known courts only; a released person is never sent to a detained-only docket; a court
    other than the nearest one needs its reason."""
    if current_key:
        find_court(directory, current_key)
    if not receiving_key:
        return
    receiving = find_court(directory, receiving_key)
    if receiving.detained_only:
        raise Refused(
            f"{receiving.name} hears only detained people's cases: choose a court for a "
            "released person",
            f"{receiving.name} solo atiende casos de personas detenidas: elija una corte para "
            "una persona en libertad",
        )
    proposed = proposed_court(directory, zip_code)
    if proposed is not None and proposed.court.key != receiving_key and not reason.strip():
        raise Refused(
            f"The court nearest the new address is {proposed.court.name} "
            f"({proposed.miles:.0f} mi): write why {receiving.name} is chosen instead",
            f"La corte más cercana a la nueva dirección es {proposed.court.name} "
            f"({proposed.km:.0f} km): escriba por qué se elige {receiving.name}",
        )
