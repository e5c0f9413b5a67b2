"""A form field that says, right under itself, what is wrong with its value.

Used by every form the core may refuse field by field (contact details, walk-ins), so a
volunteer sees each problem where it is and corrects the form in one pass.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

ERROR_COLOUR = "#b00020"
# The line under a form that says nothing was saved.
ERROR_STYLE = f"color: {ERROR_COLOUR}; font-weight: bold;"


class CheckedField(QWidget):
    """A form field with room under it for what is wrong with its value.

    The field is the caption's buddy and this widget's focus proxy, so Alt+letter and focus
    still reach the field itself; a problem gives it a red border and a red message below.
    """

    def __init__(self, field: QWidget, beside: QWidget | None = None) -> None:
        super().__init__()
        self.field = field
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.problem_label.setVisible(False)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(field, 1 if beside is None else 0)
        if beside is not None:
            row.addWidget(beside, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.problem_label)
        self.setFocusProxy(field)

    def show_problem(self, text: str) -> None:
        self.field.setStyleSheet(
            f"{type(self.field).__name__} {{ border: 2px solid {ERROR_COLOUR}; }}"
        )
        self.problem_label.setText(text)
        self.problem_label.setVisible(True)

    def clear_problem(self) -> None:
        self.field.setStyleSheet("")
        self.problem_label.clear()
        self.problem_label.setVisible(False)
