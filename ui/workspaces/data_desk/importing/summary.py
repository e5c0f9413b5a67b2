"""Step 5: what the import did, where its rejected rows went, and what comes next."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from staging.registration.service import ImportSummary
from ui.widgets.labels import wrapped_label
from ui.workspaces.data_desk.importing.counts import count_form
from ui.workspaces.data_desk.importing.notes import read_notes


class SummaryStep(QWidget):
    """The counts, the notes, and the rejects file, the duplicates and another file a click
    away."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QGroupBox()
        counts, captions, figures = count_form(6)
        (
            self.added_value,
            self.updated_value,
            self.unchanged_value,
            self.rejected_value,
            self.duplicates_value,
            self.households_value,
        ) = figures
        (
            self.added_caption,
            self.updated_caption,
            self.unchanged_caption,
            self.rejected_caption,
            self.duplicates_caption,
            self.households_caption,
        ) = captions
        self.details = wrapped_label(plain=True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        summary = QVBoxLayout(self.box)
        summary.addLayout(counts)
        summary.addWidget(self.details)
        summary.addStretch(1)
        self.rejects_button = QPushButton()
        self.duplicates_button = QPushButton()
        self.another_button = QPushButton()
        buttons = QHBoxLayout()
        buttons.addWidget(self.rejects_button)
        buttons.addWidget(self.duplicates_button)
        buttons.addStretch(1)
        buttons.addWidget(self.another_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box, 1)
        layout.addLayout(buttons)

    def retranslate(self) -> None:
        self.box.setTitle(self.tr("Imported"))
        self.added_caption.setText(self.tr("New people:"))
        self.updated_caption.setText(self.tr("People updated:"))
        self.unchanged_caption.setText(self.tr("Left unchanged:"))
        self.rejected_caption.setText(self.tr("Rows rejected:"))
        self.duplicates_caption.setText(self.tr("Possible duplicates found:"))
        self.households_caption.setText(self.tr("Households in the list:"))
        self.rejects_button.setText(self.tr("&Open the rejects file"))
        self.duplicates_button.setText(self.tr("&Review possible duplicates"))
        self.another_button.setText(self.tr("Import &another file"))

    def show_summary(self, summary: ImportSummary) -> None:
        number = QLocale().toString
        self.box.setTitle(self.tr("Imported from {file}").format(file=Path(summary.file).name))
        self.added_value.setText(number(summary.imported))
        self.updated_value.setText(number(summary.updated))
        self.unchanged_value.setText(number(summary.unchanged))
        self.rejected_value.setText(number(summary.rejected))
        self.duplicates_value.setText(number(summary.possible_duplicates))
        self.households_value.setText(number(summary.households))
        lines = read_notes(summary)
        if summary.rejects_file:
            lines.insert(
                0,
                self.tr("The rejected rows, each with its reason, are in {file}").format(
                    file=summary.rejects_file
                ),
            )
        self.details.setText("\n".join(lines))
        self.rejects_button.setVisible(bool(summary.rejects_file))
        self.duplicates_button.setEnabled(summary.possible_duplicates > 0)
