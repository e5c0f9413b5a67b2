"""Step 3: what importing the whole file would do, checked exactly as the import will, the
words of the list's own that no rule knows, and the import's button; the check's (and the
import's) progress stands above it while either runs."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from staging.registration.preview import ImportPreview
from ui.language import current_language
from ui.models.import_models import WordsModel
from ui.widgets.choice_delegate import ChoiceBox, chain_focus, open_choices
from ui.widgets.labels import MUTED_STYLE, wrapped_label
from ui.widgets.messages import localized
from ui.workspaces.data_desk.importing.counts import count_form
from ui.workspaces.data_desk.importing.notes import read_notes
from ui.workspaces.data_desk.importing.progress import ImportProgress
from ui.workspaces.data_desk.importing.tables import choice_table


class CheckStep(QWidget):
    """The counts and reasons the check found, beside the words to say what they mean."""

    def __init__(self, progress: ImportProgress, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.progress = progress
        self.words_model = WordsModel()
        self._build_results()
        self._build_words()
        self.back_button = QPushButton()
        self.import_hint = wrapped_label(MUTED_STYLE, plain=True)
        self.import_hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.import_button = QPushButton()
        middle = QHBoxLayout()
        middle.addWidget(self.results_box, 1)
        middle.addWidget(self.words_box, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addWidget(self.import_hint, 1)
        bottom.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress)
        layout.addLayout(middle, 1)
        layout.addLayout(bottom)

    def _build_results(self) -> None:
        self.results_box = QGroupBox()
        counts, captions, figures = count_form(5)
        self.would_add, self.would_update, self.would_keep, self.would_reject, self.row_count = (
            figures
        )
        (
            self.add_caption,
            self.update_caption,
            self.keep_caption,
            self.reject_caption,
            self.rows_count_caption,
        ) = captions
        self.results_details = wrapped_label(plain=True)
        self.results_details.setAlignment(Qt.AlignmentFlag.AlignTop)
        details = QScrollArea()
        details.setWidgetResizable(True)
        details.setFrameShape(QScrollArea.Shape.NoFrame)
        details.setWidget(self.results_details)
        results = QVBoxLayout(self.results_box)
        results.addLayout(counts)
        results.addWidget(details, 1)

    def _build_words(self) -> None:
        self.words_box = QGroupBox()
        self.words_intro = wrapped_label(plain=True)
        self.words_view = choice_table(
            self.words_model,
            WordsModel.COL_CODE,
            WordsModel.COL_WORD,
            {WordsModel.COL_FIELD: 150, WordsModel.COL_CODE: 260},
        )
        self.check_again_button = QPushButton()
        words = QVBoxLayout(self.words_box)
        words.addWidget(self.words_intro)
        words.addWidget(self.words_view, 1)
        again_row = QHBoxLayout()
        again_row.addStretch(1)
        again_row.addWidget(self.check_again_button)
        words.addLayout(again_row)

    def retranslate(self) -> None:
        self.words_model.set_language(current_language())
        self.results_box.setTitle(self.tr("What the import would do"))
        self.add_caption.setText(self.tr("New people:"))
        self.update_caption.setText(self.tr("People updated:"))
        self.keep_caption.setText(self.tr("Left unchanged:"))
        self.reject_caption.setText(self.tr("Rows rejected:"))
        self.rows_count_caption.setText(self.tr("Rows in the file:"))
        self.words_box.setTitle(self.tr("Words this list uses its own way"))
        self.words_intro.setText(
            self.tr(
                "No rule knows these words, so their rows would be rejected. Say what each"
                " means, then check again."
            )
        )
        self.check_again_button.setText(self.tr("Check &again (Ctrl+Enter)"))
        self.back_button.setText(self.tr("&Back to the columns"))

    def ask_words(self, unknown: dict[str, list[str]]) -> list[ChoiceBox]:
        """The `unknown` words, each with its drop-down; Tab goes through them to "Check
        again". Returns the drop-downs, in the lines' order."""
        self.words_model.set_words(unknown)
        boxes = open_choices(self.words_view, WordsModel.COL_CODE)
        chain_focus([*boxes, self.check_again_button])
        return boxes

    def show_preview(self, preview: ImportPreview | None) -> None:
        """What the check found; nothing before a check (or after the columns changed)."""
        shown = preview is not None
        self.results_box.setVisible(shown)
        self.words_box.setVisible(shown and self.words_model.rowCount() > 0)
        if preview is None:
            return
        summary = preview.summary
        number = QLocale().toString
        self.would_add.setText(number(summary.imported))
        self.would_update.setText(number(summary.updated))
        self.would_keep.setText(number(summary.unchanged))
        self.would_reject.setText(number(summary.rejected))
        self.row_count.setText(number(preview.rows))
        lines: list[str] = []
        if preview.reasons:
            lines.append(self.tr("Why rows would be rejected:"))
            for reason in preview.reasons:
                example = localized(reason.example)
                lines.append(
                    f"• {example}"
                    if reason.rows == 1
                    else self.tr("• {count} rows, such as {example}").format(
                        count=number(reason.rows), example=example
                    )
                )
            lines.append(
                self.tr(
                    "They will go to a rejects file beside the list, each with its reason, to"
                    " correct and import again."
                )
            )
        lines.extend(read_notes(summary))
        self.results_details.setText("\n".join(lines))

    def show_actions(self, preview: ImportPreview | None, current: bool, idle: bool) -> None:
        """ "Import N people", pressable once the whole file was checked with the columns and
        words as they are now (`current`) and nothing runs (`idle`); the hint says why not."""
        count = 0 if preview is None else preview.summary.imported + preview.summary.updated
        self.import_button.setText(
            self.tr("&Import 1 person")
            if count == 1
            else self.tr("&Import {count} people").format(count=QLocale().toString(count))
        )
        self.import_button.setEnabled(current and idle)
        self.check_again_button.setEnabled(idle)
        self.back_button.setEnabled(idle)
        if preview is not None and not current:
            self.import_hint.setText(self.tr("Check again to use the words you chose."))
        elif self.words_model.undecided():
            self.import_hint.setText(self.tr("Rows with words left undecided will be rejected."))
        else:
            self.import_hint.setText("")
