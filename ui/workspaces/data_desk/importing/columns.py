"""Step 2: what each of the file's columns is, as the rules (or a profile) found it and as the
person says where no rule can guess; and whether to keep that as a profile."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from staging.registration.profiles import NAME_LENGTH, ImportProfile
from ui.language import current_language
from ui.models.import_models import ColumnsModel, field_words
from ui.widgets.captions import buddy_label
from ui.widgets.checked_field import ERROR_STYLE
from ui.widgets.choice_delegate import chain_focus, open_choices
from ui.widgets.labels import wrapped_label
from ui.workspaces.data_desk.importing.tables import choice_table


class ColumnsStep(QWidget):
    """A line per column with its drop-down, what stops the check, and the profile to save."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ColumnsModel()
        self.profile_found_label = wrapped_label(plain=True)
        self.profile_box = QComboBox()
        self.profile_box.setMinimumContentsLength(24)
        self.profile_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.profile_caption = buddy_label(self.profile_box)
        self.table = choice_table(
            self.model,
            ColumnsModel.COL_CHOICE,
            ColumnsModel.COL_EXAMPLES,
            {
                ColumnsModel.COL_HEADER: 300,
                ColumnsModel.COL_CHOICE: 320,
                ColumnsModel.COL_STATUS: 230,
            },
        )
        self.problems_label = wrapped_label(ERROR_STYLE, plain=True)
        self.save_check = QCheckBox()
        self.profile_name = QLineEdit()
        self.profile_name.setMaxLength(NAME_LENGTH)
        self.profile_name.setEnabled(False)
        self.back_button = QPushButton()
        self.check_button = QPushButton()
        self.save_check.toggled.connect(self._save_toggled)
        self._layout()

    def _layout(self) -> None:
        profile_row = QHBoxLayout()
        profile_row.addWidget(self.profile_found_label, 1)
        profile_row.addWidget(self.profile_caption)
        profile_row.addWidget(self.profile_box)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_check)
        save_row.addWidget(self.profile_name, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        bottom.addWidget(self.check_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(profile_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problems_label)
        layout.addLayout(save_row)
        layout.addLayout(bottom)

    def retranslate(self) -> None:
        self.model.set_language(current_language())
        self.profile_caption.setText(self.tr("Use a &profile:"))
        self.save_check.setText(self.tr("&Save this mapping as a profile named:"))
        self.profile_name.setPlaceholderText(self.tr("e.g. Kobo — Al Otro Lado registration"))
        self.back_button.setText(self.tr("&Back"))
        self.check_button.setText(self.tr("Check the &whole file (Ctrl+Enter)"))

    def show_profiles(
        self,
        profiles: list[ImportProfile],
        chosen: ImportProfile | None,
        file_read: bool,
        found: ImportProfile | None,
    ) -> None:
        """The drop-down of the site's `profiles` on the one `chosen`, and whether a profile was
        `found` for the headers of the file (once one is read)."""
        box = self.profile_box
        box.blockSignals(True)
        try:
            box.clear()
            box.addItem(self.tr("— none: the rules alone —"), None)
            for profile in profiles:
                box.addItem(profile.name, profile.name)
            name = chosen.name if chosen else None
            box.setCurrentIndex(max(0, box.findData(name)) if name else 0)
        finally:
            box.blockSignals(False)
        if not file_read:
            self.profile_found_label.setText("")
        elif found is not None:
            self.profile_found_label.setText(
                self.tr("Profile for these headers: {name}").format(name=found.name)
            )
        else:
            self.profile_found_label.setText(
                self.tr(
                    "No profile was made for these headers yet: the rules decided what they could."
                )
            )

    def open_choices(self) -> None:
        """The drop-downs, reached with Tab between the profile's and the save box."""
        boxes = open_choices(self.table, ColumnsModel.COL_CHOICE)
        chain_focus([self.profile_box, *boxes, self.save_check])

    def first_needing_you(self) -> QWidget | None:
        """The drop-down of the first column no rule could tell, where the keyboard starts."""
        rows = self.model.needing_you()
        if not rows:
            return None
        return self.table.indexWidget(self.model.index(rows[0], ColumnsModel.COL_CHOICE))

    def _save_toggled(self, checked: bool) -> None:
        self.profile_name.setEnabled(checked)
        if checked:
            self.profile_name.setFocus()

    def problems(self) -> list[str]:
        """Why the whole file cannot be checked yet, in words; none when it can."""
        problems: list[str] = []
        language = current_language()
        missing = self.model.missing_required()
        if missing:
            problems.append(
                self.tr("Required, and still without a column: {fields}.").format(
                    fields=", ".join(field_words(name, language) for name in missing)
                )
            )
        for name, headers in self.model.clashes().items():
            problems.append(
                self.tr("Two columns cannot both be {field}: {headers}. Leave one out.").format(
                    field=field_words(name, language),
                    headers=", ".join(f"“{header}”" for header in headers),
                )
            )
        if self.save_check.isChecked() and not self.profile_name.text().strip():
            problems.append(self.tr("Type a name for the profile, or untick “Save”."))
        return problems

    def show_problems(self, file_read: bool, idle: bool) -> None:
        """What stops the check, and the check's button, which waits for a file and for the
        page to be `idle`."""
        problems = self.problems() if file_read else []
        self.problems_label.setVisible(bool(problems))
        self.problems_label.setText("\n".join(f"✖ {problem}" for problem in problems))
        self.check_button.setEnabled(file_read and not problems and idle)
