"""The line under a desk's scan field (or board) that says what just happened, or what is next.

The desks write here rather than in the status bar, where a long message would be cut short.
A mark and a colour tell at a glance how it went; the words always say it too, for volunteers
who cannot tell the colours apart. The text is kept as a callable, so a language change words
the message again.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from staging.errors import UserError
from ui.widgets.badges import Tone
from ui.widgets.messages import localized

# Done (green), refused (red), look again (amber), what to do next (blue).
MARK_OF_TONE = {Tone.GOOD: "✔", Tone.BLOCKED: "✖", Tone.WAITING: "⚠", Tone.DONE: "➜"}
SCALE = 1.2


class MessageLine(QLabel):
    """Hidden until the first message; then one message at a time, in bold, larger than the rest."""

    def __init__(self, scale: float = SCALE, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._message: tuple[Tone, Callable[[], str], str] | None = None
        self.setWordWrap(True)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * scale)
        font.setBold(True)
        self.setFont(font)
        self.setVisible(False)

    def say(self, tone: Tone, text: Callable[[], str], mark: str | None = None) -> None:
        """Show `text()` in the tone's colours, after its mark unless another `mark` is given."""
        self._message = (tone, text, mark or MARK_OF_TONE[tone])
        self._show()

    def refused(self, error: UserError) -> None:
        """What the core refused, and why, in the user's language."""
        self.say(Tone.BLOCKED, partial(localized, error))

    def clear(self) -> None:
        """Nothing to say any more: hidden, and not shown again by a language change."""
        self._message = None
        self.setText("")
        self.setVisible(False)

    def _show(self) -> None:
        if self._message is None:
            return
        tone, text, mark = self._message
        background, foreground = tone.value
        self.setText(f"{mark} {text()}")
        self.setStyleSheet(
            f"QLabel {{ background: {background}; color: {foreground};"
            " border-radius: 4px; padding: 6px; }"
        )
        self.setVisible(True)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._show()
        super().changeEvent(event)


def page_message_line(*, selectable: bool = False) -> MessageLine:
    """A page's message line, in the page's own size (a page has no scan field to stand out
    from), that wraps and never widens the page: a long path must not push a 1280-pixel window
    wider. `selectable` where the message holds a path or a name to copy."""
    line = MessageLine(1.0)
    line.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    if selectable:
        line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return line
