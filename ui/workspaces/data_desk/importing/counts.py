"""The figures the check and the summary give: a caption beside each, the figure in bold."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel

from ui.widgets.labels import bold, value_label


def count_form(lines: int) -> tuple[QFormLayout, list[QLabel], list[QLabel]]:
    """A form of `lines` lines, and its captions (worded by the step) and figures (selectable
    to copy)."""
    figures = [bold(value_label()) for _ in range(lines)]
    captions = [QLabel() for _ in range(lines)]
    form = QFormLayout()
    for caption, figure in zip(captions, figures, strict=True):
        form.addRow(caption, figure)
    return form, captions, figures
