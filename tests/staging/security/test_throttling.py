"""Guessing passwords is slow, in parallel as one by one (issue 9, finding 3).

Seen: 30 wrong passwords tried at once all got an answer at once, because each attempt read
the failure count before any of them wrote it.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest

from staging.clock import FrozenClock
from staging.security.access import (
    FREE_ATTEMPTS,
    MAX_DELAY_SECONDS,
    LoginRefused,
    LoginThrottled,
    create_site,
    open_site,
)
from staging.security.keyfile import KdfParams

FAST_KDF = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)
GUESSES = 30


@pytest.fixture
def site(tmp_path: Path, clock: FrozenClock) -> Path:
    path = tmp_path / "site.db"
    create_site(path, "admin", "la-clave-buena", clock=clock, kdf=FAST_KDF).close()
    return path


def guess(site: Path, clock: FrozenClock, number: int) -> str:
    return answer(site, clock, number)[0]


def answer(site: Path, clock: FrozenClock, number: int) -> tuple[str, int]:
    """What one wrong guess gets: checked, or told to wait so many seconds."""
    try:
        open_site(site, "admin", f"intento-{number}", clock=clock)
    except LoginThrottled as throttled:
        return "throttled", throttled.seconds
    except LoginRefused:
        return "checked", 0
    return "opened", 0


def promised_waits(attempts: int) -> float:
    """What the policy promises: a few free tries, then 1, 2, 4 … up to a minute each."""
    return sum(
        min(2 ** (n - FREE_ATTEMPTS), MAX_DELAY_SECONDS) for n in range(FREE_ATTEMPTS, attempts)
    )


def test_parallel_guesses_get_no_more_checks_than_the_free_ones(
    site: Path, clock: FrozenClock
) -> None:
    with ThreadPoolExecutor(max_workers=GUESSES) as pool:
        answers = list(pool.map(lambda n: guess(site, clock, n), range(GUESSES)))
    assert answers.count("checked") == FREE_ATTEMPTS
    assert answers.count("throttled") == GUESSES - FREE_ATTEMPTS


def test_thirty_guesses_take_at_least_the_waits_the_policy_promises(
    site: Path, clock: FrozenClock
) -> None:
    waited = 0
    checked = 0
    while checked < GUESSES:
        with ThreadPoolExecutor(max_workers=4) as pool:  # a guesser keeps 4 tries in flight
            answers = list(pool.map(lambda n: answer(site, clock, n), range(4)))
        checked += sum(1 for kind, _ in answers if kind == "checked")
        wait = min((seconds for kind, seconds in answers if kind == "throttled"), default=0)
        clock.advance(timedelta(seconds=wait))  # as told, and not a second more
        waited += wait
    assert checked >= GUESSES
    assert waited >= promised_waits(GUESSES)


def test_the_right_password_after_the_wait_opens_and_clears_the_count(
    site: Path, clock: FrozenClock
) -> None:
    for number in range(FREE_ATTEMPTS):
        assert guess(site, clock, number) == "checked"
    with pytest.raises(LoginThrottled):
        open_site(site, "admin", "la-clave-buena", clock=clock)
    clock.advance(timedelta(seconds=1))
    open_site(site, "admin", "la-clave-buena", clock=clock).close()
    assert guess(site, clock, 99) == "checked"  # a fresh count: no wait after a success
