"""The site's policy: stored as JSON, read back from every released form, refused in words."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from staging.domain import VULNERABILITY_FLAGS, CaseStatus
from staging.errors import Refused
from staging.rules import priority
from staging.rules.duplicates import DuplicatesPolicy
from staging.rules.eligibility import EligibilityPolicy
from staging.rules.isolation import IsolationPolicy
from staging.rules.policy import Policy, ScreeningPolicy, SitePolicy
from staging.rules.priority import PriorityPolicy

# What `Policy.to_json` wrote up to commit 5968f2a, before the split by stage: the settings
# of every site database in use.
RELEASED_FLAT_JSON = (
    '{"auto_lock_minutes": 15, "backup_every_hours": 12, "backups_kept": 7, '
    '"clearance_valid_hours": 48, "eligible_case_statuses": ["pending", "terminated"], '
    '"fever_threshold_c": 37.8, "isolation_days": 14, "port_of_entry": "ELP", '
    '"possible_duplicate_min_score": 90, "priority_flags": ["infant", "pregnancy"], '
    '"timezone": "America/Ciudad_Juarez", "vulnerable_first": false}'
)


def test_policy_round_trips_through_json() -> None:
    policy = Policy(
        site=SitePolicy(port_of_entry="ELP", timezone="America/Ciudad_Juarez"),
        priority=PriorityPolicy(priority_flags=frozenset({"pregnancy"})),
        screening=ScreeningPolicy(clearance_valid_days=2, observation_hours=24),
        isolation=IsolationPolicy(isolation_days=14),
    )
    assert Policy.from_json(policy.to_json()) == policy


def test_a_released_database_keeps_its_settings() -> None:
    assert Policy.from_json(RELEASED_FLAT_JSON) == Policy(
        site=SitePolicy(
            timezone="America/Ciudad_Juarez",
            port_of_entry="ELP",
            auto_lock_minutes=15,
            backup_every_hours=12,
            backups_kept=7,
        ),
        eligibility=EligibilityPolicy(
            eligible_case_statuses=frozenset({CaseStatus.PENDING, CaseStatus.TERMINATED})
        ),
        priority=PriorityPolicy(
            priority_flags=frozenset({"infant", "pregnancy"}), vulnerable_first=False
        ),
        duplicates=DuplicatesPolicy(possible_duplicate_min_score=90),
        # 48 hours of clearance read as 2 calendar days; isolation has its own part now.
        screening=ScreeningPolicy(clearance_valid_days=2, fever_threshold_c=37.8),
        isolation=IsolationPolicy(isolation_days=14),
    )


def test_a_policy_saved_before_isolation_had_its_own_part_keeps_its_days() -> None:
    stored = '{"screening": {"clearance_valid_hours": 72, "isolation_days": 14}}'
    assert Policy.from_json(stored) == Policy(
        screening=ScreeningPolicy(clearance_valid_days=3),
        isolation=IsolationPolicy(isolation_days=14),
    )


def test_unknown_keys_are_ignored_and_missing_ones_take_the_default() -> None:
    stored = '{"printer": "zebra", "site": {"timezone": "America/Matamoros", "colour": "red"}}'
    assert Policy.from_json(stored) == Policy(site=SitePolicy(timezone="America/Matamoros"))


def without_flag(flag: str) -> tuple[str, ...]:
    return tuple(f for f in VULNERABILITY_FLAGS if f != flag)


REFUSALS: dict[str, Callable[[], object]] = {
    "time zone": lambda: SitePolicy(timezone="Mars/Olympus"),
    "time zone that is a region": lambda: SitePolicy(timezone="America"),
    "port of entry": lambda: SitePolicy(port_of_entry="XXX"),
    "stored port of entry": lambda: Policy.from_json('{"port_of_entry": "TIJ"}'),
    "flag dropped by this version": lambda: PriorityPolicy(
        priority_flags=frozenset({"pregnancy", "lgbtiq_at_risk"})
    ),
}


@pytest.fixture
def lgbtiq_flag_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    """A version that no longer gives priority to a flag its database still lists."""
    monkeypatch.setattr(priority, "VULNERABILITY_FLAGS", without_flag("lgbtiq_at_risk"))


@pytest.mark.usefixtures("lgbtiq_flag_dropped")
@pytest.mark.parametrize("refusal", REFUSALS.values(), ids=REFUSALS.keys())
def test_a_refused_policy_says_why_in_spanish_without_english_or_codes(
    refusal: Callable[[], object],
) -> None:
    with pytest.raises(Refused) as caught:
        refusal()
    english, spanish = caught.value.message_en, caught.value.message_es
    assert english not in spanish
    assert re.findall(r"\b[a-z]+_[a-z_]+\b", spanish) == []  # no code such as port_of_entry
    assert "[" not in spanish


def test_refusals_name_what_was_wrong() -> None:
    with pytest.raises(Refused, match="Mars/Olympus"):
        SitePolicy(timezone="Mars/Olympus")
    with pytest.raises(Refused) as port:
        SitePolicy(port_of_entry="XXX")
    assert "«XXX»" in port.value.message_es
    assert "El Paso (ELP)" in port.value.message_es


def test_a_flag_this_version_does_not_know_is_named_in_words(
    lgbtiq_flag_dropped: None,
) -> None:
    with pytest.raises(Refused) as caught:
        PriorityPolicy(priority_flags=frozenset({"pregnancy", "lgbtiq_at_risk"}))
    assert caught.value.message_es.endswith(": LGBTIQ+ en riesgo")
    assert caught.value.message_en.endswith(": LGBTIQ+ at risk")


def test_a_stored_case_status_this_version_does_not_know_is_refused() -> None:
    with pytest.raises(Refused, match="deported"):
        Policy.from_json('{"eligibility": {"eligible_case_statuses": ["pending", "deported"]}}')
