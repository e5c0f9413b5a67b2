"""Step 1: the file, and how it was read (encoding, delimiter, worksheet, header row, its first
rows) before anything else is decided about it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from staging.registration.preview import FilePreview
from ui.models.import_models import FileRowsModel
from ui.widgets.badges import Tone
from ui.widgets.busy_bar import busy_bar, button_row
from ui.widgets.labels import value_label, wrapped_label
from ui.widgets.messages import localized
from ui.workspaces.data_desk.importing.tables import table_view


class FileStep(QWidget):
    """Choose a file; once read, how it was read and its first rows, then Next."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = FileRowsModel()
        self.intro = wrapped_label(plain=True)
        self.choose_button = QPushButton()
        self.reading_bar = busy_bar()
        self.file_value, self.encoding_value, self.delimiter_value = (
            value_label(),
            value_label(),
            value_label(),
        )
        self.sheet_value, self.header_row_value = value_label(), value_label()
        self.file_caption, self.encoding_caption, self.delimiter_caption = (
            QLabel(),
            QLabel(),
            QLabel(),
        )
        self.sheet_caption, self.header_row_caption = QLabel(), QLabel()
        self.file_value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.found_box = QGroupBox()
        self.found_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        found = QVBoxLayout(self.found_box)
        found.addLayout(self._found_grid())
        self.hxl_label = wrapped_label(plain=True)
        self.read_warnings = wrapped_label(f"color: {Tone.WAITING.value[1]};", plain=True)
        found.addWidget(self.hxl_label)
        found.addWidget(self.read_warnings)
        self.rows_caption = QLabel()
        self.rows_view = table_view(self.model)
        self.rows_view.horizontalHeader().setDefaultSectionSize(150)
        # A long Kobo header shows its start (its group); the whole of it is the tip.
        self.rows_view.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.rows_caption.setBuddy(self.rows_view)
        self.next_button = QPushButton()
        self._layout()

    def _found_grid(self) -> QGridLayout:
        """Caption and value, three pairs to a line."""
        grid = QGridLayout()
        pairs = (
            (self.file_caption, self.file_value),
            (self.encoding_caption, self.encoding_value),
            (self.delimiter_caption, self.delimiter_value),
            (self.sheet_caption, self.sheet_value),
            (self.header_row_caption, self.header_row_value),
        )
        for number, (caption, value) in enumerate(pairs):
            row, pair = divmod(number, 3)
            grid.addWidget(caption, row, 2 * pair)
            grid.addWidget(value, row, 2 * pair + 1)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        grid.setColumnStretch(5, 2)
        return grid

    def _layout(self) -> None:
        top = button_row(self.choose_button, self.reading_bar)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.intro)
        layout.addLayout(top)
        self.details = QWidget()
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.addWidget(self.found_box)
        details.addWidget(self.rows_caption)
        details.addWidget(self.rows_view, 1)
        layout.addWidget(self.details, 1)
        layout.addStretch(0)  # holds the page together before a file is chosen
        layout.addLayout(bottom)

    def retranslate(self) -> None:
        self.intro.setText(
            self.tr(
                "Choose a registration list (CSV or Excel, as a partner or KoboToolbox exports"
                " it). Nothing is imported until the last step."
            )
        )
        self.choose_button.setText(self.tr("&Choose a file… (Ctrl+O)"))
        self.found_box.setTitle(self.tr("How the file was read"))
        self.file_caption.setText(self.tr("File:"))
        self.encoding_caption.setText(self.tr("Encoding:"))
        self.delimiter_caption.setText(self.tr("Delimiter:"))
        self.sheet_caption.setText(self.tr("Worksheet:"))
        self.header_row_caption.setText(self.tr("Header row:"))
        self.rows_caption.setText(self.tr("The first rows, as read:"))
        self.next_button.setText(self.tr("&Next: the columns"))

    def show_file(self, preview: FilePreview | None) -> None:
        """How `preview` was read; nothing but the choice before a file is read."""
        self.details.setVisible(preview is not None)
        if preview is None:
            return
        self.file_value.setText(Path(preview.file).name)
        self.file_value.setToolTip(preview.file)
        workbook = bool(preview.sheet)
        self.encoding_value.setText(
            self.tr("— (Excel workbook)") if workbook else self._encoding_words(preview.encoding)
        )
        self.delimiter_value.setText(
            self.tr("— (Excel workbook)") if workbook else self._delimiter_words(preview.delimiter)
        )
        self.sheet_value.setText(preview.sheet or self.tr("— (text file)"))
        self.header_row_value.setText(QLocale().toString(preview.header_row))
        self.hxl_label.setVisible(preview.hxl_tags is not None)
        self.hxl_label.setText(
            self.tr("HXL tag row found (row {row}), not imported.").format(
                row=QLocale().toString(preview.header_row + 1)
            )
        )
        self.read_warnings.setVisible(bool(preview.warnings))
        self.read_warnings.setText("\n".join(f"⚠ {localized(w)}" for w in preview.warnings))

    def _encoding_words(self, encoding: str) -> str:
        return {
            "utf-8": self.tr("UTF-8"),
            "utf-8-sig": self.tr("UTF-8 (with a byte-order mark)"),
            "utf-16": self.tr("UTF-16"),
            "cp1252": self.tr("Windows-1252 (older Excel)"),
        }.get(encoding, encoding)

    def _delimiter_words(self, delimiter: str) -> str:
        return {
            ",": self.tr("comma ,"),
            ";": self.tr("semicolon ;"),
            "\t": self.tr("tab"),
            "|": self.tr("vertical bar |"),
        }.get(delimiter, delimiter)
