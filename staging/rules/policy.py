"""A site's adjustable values: one small frozen policy per stage, gathered in `Policy`.

Each stage keeps its values beside its rules (`EligibilityPolicy` in `eligibility`); a new
stage adds one field here. Stored as JSON in the site settings: nested by stage since the
split, flat in databases written before it, and both are read.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any, get_type_hints
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from staging.domain import PORTS_BY_CODE, PORTS_OF_ENTRY
from staging.errors import Refused
from staging.rules.arrival import ArrivalPolicy
from staging.rules.duplicates import DuplicatesPolicy
from staging.rules.eligibility import EligibilityPolicy
from staging.rules.isolation import IsolationPolicy
from staging.rules.paperwork import PaperworkPolicy
from staging.rules.priority import PriorityPolicy
from staging.rules.screening import ScreeningPolicy
from staging.rules.transport import TransportPolicy


@dataclass(frozen=True)
class SitePolicy:
    """The site itself: its clock, its port of entry, and how its desks guard the data."""

    timezone: str = "America/Tijuana"
    port_of_entry: str = "SYS"
    auto_lock_minutes: int = 10
    backup_every_hours: int = 24
    backups_kept: int = 14

    def __post_init__(self) -> None:
        if self.port_of_entry not in PORTS_BY_CODE:
            ports = ", ".join(f"{port.name} ({port.code})" for port in PORTS_OF_ENTRY)
            raise Refused(
                f"Unknown port of entry “{self.port_of_entry}”: choose one of {ports}",
                f"Puerto de entrada desconocido «{self.port_of_entry}»: elija uno de {ports}",
            )
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError, OSError) as error:
            raise Refused(
                f"Unknown time zone “{self.timezone}”: write it as Region/City, "
                "for example America/Tijuana",
                f"Zona horaria desconocida «{self.timezone}»: escríbala como Región/Ciudad, "
                "por ejemplo America/Tijuana",
            ) from error


@dataclass(frozen=True)
class Policy:
    """Everything an administrator can change for a site, one part per stage of the journey."""

    site: SitePolicy = field(default_factory=SitePolicy)
    eligibility: EligibilityPolicy = field(default_factory=EligibilityPolicy)
    arrival: ArrivalPolicy = field(default_factory=ArrivalPolicy)
    priority: PriorityPolicy = field(default_factory=PriorityPolicy)
    duplicates: DuplicatesPolicy = field(default_factory=DuplicatesPolicy)
    screening: ScreeningPolicy = field(default_factory=ScreeningPolicy)
    isolation: IsolationPolicy = field(default_factory=IsolationPolicy)
    paperwork: PaperworkPolicy = field(default_factory=PaperworkPolicy)
    transport: TransportPolicy = field(default_factory=TransportPolicy)

    def to_json(self) -> str:
        parts = {part.name: asdict(getattr(self, part.name)) for part in fields(self)}
        # Sets (case statuses, flags) are stored as sorted lists, so equal policies store alike.
        return json.dumps(parts, sort_keys=True, default=sorted)

    @classmethod
    def from_json(cls, text: str) -> Policy:
        """Read a stored policy, nested or flat: unknown keys are ignored, missing ones default."""
        data = _moved_settings(json.loads(text))
        return cls(**{name: _read_part(kind, data, name) for name, kind in _PARTS.items()})


# Each part of `Policy` and its class, to read a stored policy part by part.
_PARTS: dict[str, type[Any]] = get_type_hints(Policy)


def _moved_settings(data: dict[str, Any]) -> dict[str, Any]:
    """Settings of released databases under their present names: the clearance was counted in
    hours (72) before it was counted in calendar days (3), and isolation had no part of its own.
    """
    screening = data.get("screening") if isinstance(data.get("screening"), dict) else {}
    for source in (data, screening):
        hours = source.get("clearance_valid_hours")
        if isinstance(hours, int) and "clearance_valid_days" not in source:
            source["clearance_valid_days"] = max(1, round(hours / 24))
    isolation = data.setdefault("isolation", {})
    if isinstance(isolation, dict) and "isolation_days" in screening:
        isolation.setdefault("isolation_days", screening["isolation_days"])
    return data


def _read_part(kind: type[Any], data: dict[str, Any], name: str) -> Any:
    """One stage's values: its own section, over the flat keys of a released database."""
    names = {f.name for f in fields(kind)}
    values = {key: value for key, value in data.items() if key in names}
    section = data.get(name)
    if isinstance(section, dict):
        values.update((key, value) for key, value in section.items() if key in names)
    return kind(**{k: _stored_value(v) for k, v in values.items()})


def _stored_value(value: Any) -> Any:
    """Lists of codes were sets (stored sorted); lists of settings stay in their order."""
    if not isinstance(value, list):
        return value
    if all(isinstance(item, str) for item in value):
        return frozenset(value)
    return tuple(value)
