"""Step 4's progress, shown over the check's results while the check or the import runs: rows
checked, then written (or compared with the site), and Cancel."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget


class ImportProgress(QWidget):
    """The first half of the bar checks the rows, the second writes them; busy while the
    count of rows is not known yet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.cancel_button = QPushButton()
        row = QHBoxLayout()
        row.addWidget(self.label)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        self.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)

    def retranslate(self) -> None:
        self.cancel_button.setText(self.tr("Cancel (Esc)"))

    def show_rows(self, stage: str, rows: int, total: int, importing: bool) -> None:
        """`rows` of the `total` the last check counted (0: not counted yet) done at `stage`:
        "checking", then "writing" (the import) or comparing with the site (the check)."""
        done, of = QLocale().toString(rows), QLocale().toString(total)
        if stage == "checking":
            text = (
                self.tr("Checking rows: {done} of {total}")
                if total
                else self.tr("Checking rows: {done}")
            )
        elif importing:
            text = (
                self.tr("Writing people: {done} of {total}")
                if total
                else self.tr("Writing people: {done}")
            )
        else:
            text = (
                self.tr("Comparing with the site: {done} of {total}")
                if total
                else self.tr("Comparing with the site: {done}")
            )
        self.label.setText(text.format(done=done, total=of))
        if total:
            self.bar.setRange(0, 2 * total)
            self.bar.setValue(min(2 * total, rows + (0 if stage == "checking" else total)))
        else:
            self.bar.setRange(0, 0)

    def stopping(self) -> None:
        """Cancel was pressed: the work stops at its next chunk of rows."""
        self.cancel_button.setEnabled(False)
        self.label.setText(self.tr("Stopping…"))
