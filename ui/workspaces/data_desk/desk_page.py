"""What the data desk's pages (import, duplicates, exports) have in common: the session they
read, the operations they run work through, and when they redraw or word themselves again."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWidget

from staging.changes import Changes
from staging.security.access import Session
from ui.operations import Operations


class DeskPage(QWidget):
    """A page that redraws itself on the changes it cares for (`on_changes`, given the
    `Changes` of every operation) and words itself again on a language change (`retranslate`);
    `refresh` reads the site again when the workspace asks. Each page defines the three."""

    on_changes: Callable[[Changes], None]
    refresh: Callable[[], None]
    retranslate: Callable[[], None]

    def __init__(
        self, session: Session, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.operations = operations
        operations.changed.connect(self.on_changes)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
