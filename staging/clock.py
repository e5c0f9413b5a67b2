"""Injected time, so rules such as "valid for 72 h" are tested with a frozen clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FrozenClock:
    """A clock that only moves when a test moves it."""

    def __init__(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("FrozenClock needs a timezone-aware moment")
        self._moment = moment

    def now(self) -> datetime:
        return self._moment

    def advance(self, delta: timedelta) -> None:
        self._moment += delta


def site_today(clock: Clock, timezone: str) -> date:
    """The site's calendar day: appointments are kept by the site's local day, not UTC's."""
    return clock.now().astimezone(ZoneInfo(timezone)).date()


def site_day_start(clock: Clock, timezone: str) -> datetime:
    """Midnight of the site's day, in UTC: facts stamped after it happened "today" at the site."""
    zone = ZoneInfo(timezone)
    local_midnight = datetime.combine(site_today(clock, timezone), datetime.min.time(), zone)
    return local_midnight.astimezone(UTC)


def site_date(moment: datetime, timezone: str) -> date:
    """The site's calendar day of a moment (a specimen collected at 23:30 local is that day's)."""
    return moment.astimezone(ZoneInfo(timezone)).date()


def in_site_time(moment: datetime, timezone: str) -> datetime:
    """The same moment on the site's clock, so its `.date()` is the site's calendar day."""
    return moment.astimezone(ZoneInfo(timezone))


def at_site(moment: datetime, timezone: str) -> datetime:
    """A time as written at the site: one without a zone is the site's local time."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=ZoneInfo(timezone))
    return moment
