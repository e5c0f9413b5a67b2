"""Hybrid logical clock stamps, so edits from several desks order the same way everywhere.

A stamp is `<13-digit ms>-<6-digit counter>-<device>` and sorts as text.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_COUNTER = 999_999


@dataclass
class HybridClock:
    device: str
    last_ms: int = 0
    counter: int = 0

    def stamp(self, physical_ms: int) -> str:
        """A stamp later than every stamp this clock has issued or seen."""
        if physical_ms > self.last_ms:
            self.last_ms, self.counter = physical_ms, 0
        else:
            self.counter += 1
            if self.counter > MAX_COUNTER:
                self.last_ms, self.counter = self.last_ms + 1, 0
        return format_stamp(self.last_ms, self.counter, self.device)

    def observe(self, stamp: str) -> None:
        """Move past a stamp seen from elsewhere (or read back from the change log)."""
        ms, counter, _ = parse_stamp(stamp)
        if (ms, counter) > (self.last_ms, self.counter):
            self.last_ms, self.counter = ms, counter


def format_stamp(ms: int, counter: int, device: str) -> str:
    return f"{ms:013d}-{counter:06d}-{device}"


def parse_stamp(stamp: str) -> tuple[int, int, str]:
    ms, counter, device = stamp.split("-", 2)
    return int(ms), int(counter), device
