"""What the check and the import both say besides their counts: rows left alone, the profile
and the id column used, the columns left out, and the file's warnings."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from staging.registration.service import ImportSummary
from ui.widgets.messages import localized


def read_notes(summary: ImportSummary) -> list[str]:
    """A line each, in the user's language (translated in the context "ImportNotes")."""
    number = QLocale().toString
    lines: list[str] = []
    if summary.merged == 1:
        lines.append(
            QCoreApplication.translate(
                "ImportNotes",
                "• 1 row is of a registration merged into another person: left as it is.",
            )
        )
    elif summary.merged:
        lines.append(
            QCoreApplication.translate(
                "ImportNotes",
                "• {count} rows are of registrations merged into another person: left as they are.",
            ).format(count=number(summary.merged))
        )
    if summary.profile:
        lines.append(
            QCoreApplication.translate(
                "ImportNotes", "• Columns read with the profile “{name}”."
            ).format(name=summary.profile)
        )
    if summary.key_from:
        lines.append(
            QCoreApplication.translate(
                "ImportNotes",
                "• The form's submission id ({column}) serves as the registration id.",
            ).format(column=summary.key_from)
        )
    if summary.unknown_columns:
        lines.append(
            QCoreApplication.translate(
                "ImportNotes", "• Columns no rule recognises, left out: {columns}."
            ).format(columns=", ".join(summary.unknown_columns))
        )
    if summary.repeated_columns:
        lines.append(
            QCoreApplication.translate(
                "ImportNotes", "• Repeated columns, left out: {columns}."
            ).format(columns=", ".join(summary.repeated_columns))
        )
    if len(summary.ignored_columns) == 1:
        lines.append(
            QCoreApplication.translate(
                "ImportNotes", "• 1 column left out (form metadata, or as you chose)."
            )
        )
    elif summary.ignored_columns:
        lines.append(
            QCoreApplication.translate(
                "ImportNotes", "• {count} columns left out (form metadata, or as you chose)."
            ).format(count=number(len(summary.ignored_columns)))
        )
    lines.extend(f"⚠ {localized(warning)}" for warning in summary.warnings)
    return lines
