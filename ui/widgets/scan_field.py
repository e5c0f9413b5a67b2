"""The field a USB barcode scanner types into, and a guard that keeps scans from landing elsewhere.

A scanner is a keyboard: it types the code fast and presses Enter. Whatever else has the focus
(the list, the household card, a button) would swallow those keys, so those widgets hand typed
characters on to the scan field instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from staging.intake.queries import resolve_scan
from staging.security.access import Session
from ui.widgets.badges import Tone
from ui.widgets.message_line import MessageLine

# Keys that mean something where they are pressed (Space ticks a box or presses a button).
_OWN_KEYS = frozenset({Qt.Key.Key_Space})
_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)
FONT_SCALE = 1.5


class ScanField(QLineEdit):
    """Enter hands over what was typed ("" for a bare Enter); Escape empties the field.

    The field has the focus nearly all the time, so the desk's shortcuts must reach the desk
    through it: on X11 a line edit claims Ctrl+E (end of line, Emacs style) and would swallow
    "Edit contact"; and an Alt+letter a volunteer presses for a button must not be typed in.
    """

    scanned = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * FONT_SCALE)
        self.setFont(font)
        self.returnPressed.connect(lambda: self.scanned.emit(self.text().strip()))
        self._desk_keys: set[QKeyCombination] = set()

    def leave_to_desk(self, keys: Iterable[QKeySequence]) -> None:
        """Key combinations the field never keeps for itself: the desk's shortcuts."""
        self._desk_keys.update(sequence[0] for sequence in keys if not sequence.isEmpty())

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.keyCombination() in self._desk_keys
        ):
            event.ignore()  # not ours: the shortcut fires
            return True
        return super().event(event)

    def ready(self) -> None:
        """Focus, with any text selected, so the next scan replaces it."""
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.selectAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        if event.modifiers() & Qt.KeyboardModifier.AltModifier:
            event.ignore()  # a scanner never presses Alt; a person meant a button or a menu
            return
        super().keyPressEvent(event)


class ForwardTypingToScan(QObject):
    """Event filter for lists, tables and buttons: typed characters go to the scan field."""

    def __init__(self, field: ScanField) -> None:
        super().__init__(field)
        self._field = field

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        text = event.text()
        if (
            not text
            or not text.isprintable()
            or event.key() in _OWN_KEYS
            or event.modifiers() & _COMMAND_MODIFIERS
        ):
            return False
        self._field.setFocus(Qt.FocusReason.OtherFocusReason)
        self._field.insert(text)
        return True


class ScanDesk(QWidget):
    """A desk whose keyboard belongs to its `scan_field` (set by the subclass): whenever the
    desk is shown (after login, unlock, a user switch or a tab change) the next scan lands there."""

    scan_field: ScanField
    session: Session
    message_label: MessageLine
    pick: Callable[[str], None]  # opens a person by id (desks that pick from a scan)
    refresh: Callable[[], None]  # reads the desk's lists again (desks that refresh when seen)

    _stale = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()
        QTimer.singleShot(0, self.back_to_scan)

    def refresh_when_seen(self) -> None:
        """Redraw now if the desk is in sight, else when it is next shown: a queue read at
        every check-in on another tab (0.3 s at 8,000 waiting) would slow the desk in use."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def back_to_scan(self) -> None:
        """Ready for the next scan, unless a dialog is open (it keeps the keyboard)."""
        if QApplication.activeModalWidget() is None:
            self.scan_field.ready()

    def pick_scanned(self, text: str, nobody_found: Callable[[], str]) -> None:
        """Open the person behind a scan (band, A-number, registration id) with the desk's
        `pick`, or say in the desk's words (`nobody_found`) that no one has that code."""
        if not text:
            return
        record = resolve_scan(self.session.store, text)
        if record is None:
            self.message_label.say(Tone.BLOCKED, nobody_found)
            self.back_to_scan()
            return
        self.scan_field.clear()
        self.pick(record["id"])
