"""The kit timer: minutes since the specimen went onto the device, against the kit's window.

A BinaxNOW card read at 12 minutes can show a false negative and one read at 40 is not a
result at all, so the screener must see the window at a glance: waiting (blue), read now
(green), too late (red). The words say the same as the colour. The core judges the reading
(`rules.screening.judge_reading`); this only shows the kit's own figures against the clock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QEvent, QLocale, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from staging.rules.screening import KitType, ReadPhase, read_phase
from ui.widgets.badges import Tone

TICK_MS = 1000
FONT_SCALE = 1.3


# The tone each phase of the kit's read window (`rules.screening.read_phase`) is shown in.
TONE_OF_PHASE = {
    ReadPhase.DEVELOPING: Tone.DONE,
    ReadPhase.READ_NOW: Tone.GOOD,
    ReadPhase.TOO_LATE: Tone.BLOCKED,
}


class KitTimer(QWidget):
    """Counts from `start`, until the form is cleared; it keeps its place on the form when
    idle, so nothing below it moves when a test starts."""

    def __init__(self, now: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._now = now
        self.started_at: datetime | None = None
        self.kit: KitType | None = None
        self.label = QLabel()
        self.label.setWordWrap(True)
        font = QFont(self.label.font())
        font.setPointSizeF(font.pointSizeF() * FONT_SCALE)
        font.setBold(True)
        self.label.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self.refresh)
        self.refresh()

    def start(self, started_at: datetime, kit: KitType | None) -> None:
        self.started_at = started_at
        self.kit = kit
        self._ticker.start()
        self.refresh()

    def set_kit(self, kit: KitType | None) -> None:
        """The lot picked after the timer started decides the window shown."""
        self.kit = kit
        self.refresh()

    def stop(self) -> None:
        self._ticker.stop()
        self.started_at = None
        self.refresh()

    def elapsed(self) -> float:
        """Minutes since the specimen went onto the device, as the core will count them."""
        if self.started_at is None:
            return 0.0
        return (self._now() - self.started_at) / timedelta(minutes=1)

    def minutes(self) -> int:
        return int(self.elapsed())

    def phase(self) -> ReadPhase:
        if self.kit is None:
            return ReadPhase.DEVELOPING
        return read_phase(self.kit, self.elapsed())

    def refresh(self) -> None:
        self.label.setText(self.text())
        tone = Tone.NEUTRAL if self.started_at is None else TONE_OF_PHASE[self.phase()]
        background, foreground = tone.value
        self.label.setStyleSheet(
            f"QLabel {{ background: {background}; color: {foreground};"
            " border-radius: 4px; padding: 6px; }"
        )

    def text(self) -> str:
        """Two short lines: the minutes and what to do, then the kit's window."""
        number = QLocale().toString
        minutes = number(self.minutes())
        if self.started_at is None:
            return self.tr("Timer not started\nStart it when the specimen is on the device")
        if self.kit is None:
            return self.tr("{minutes} min since the test started\nPick the kit lot").format(
                minutes=minutes
            )
        window = self.tr("Read at {start} min (not after {end})").format(
            start=number(self.kit.read_from_minutes),
            end=number(self.kit.read_until_minutes),
        )
        phase = self.phase()
        if phase is ReadPhase.READ_NOW:
            state = self.tr("{minutes} min — READ NOW").format(minutes=minutes)
        elif phase is ReadPhase.TOO_LATE:
            state = self.tr("{minutes} min — TOO LATE: test again").format(minutes=minutes)
        else:
            state = self.tr("{minutes} min — wait").format(minutes=minutes)
        return f"{state}\n{window}"

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()
        super().changeEvent(event)
