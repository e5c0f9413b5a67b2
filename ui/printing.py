"""Getting a rendered PDF (wristbands, ID cards) onto paper or into a file.

The PDF itself comes from `forms`, as bytes, from plain data. Printing rasterizes each page with
PDFium at the printer's resolution and paints it with QPainter, so every printer Qt can drive
prints it, label printers included, without a PDF viewer on the laptop.

Codes are only issued once a printer or a file has been chosen (`deliver_pdf` takes a function,
not bytes): issuing replaces a band's code, and a print cancelled after that would leave the
person wearing a band that no longer scans.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path

import pypdfium2
from PySide6.QtCore import QCoreApplication, QRectF, QStandardPaths
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from forms.labels import LabelData
from staging.changes import Done
from staging.domain import Person
from staging.files import write_private
from staging.security.access import Session
from staging.site.settings import site_name
from staging.store.store import Actor, Store
from ui.operations import Operations

POINTS_PER_INCH = 72.0
MAX_DPI = 600  # sharper gains nothing on labels, and a 1200-dpi page is ~100 MB of pixels


# --- building the PDF ------------------------------------------------------------------------


def label_data(
    members: Sequence[Person],
    codes: dict[str, str],
    *,
    household_label: str,
    household_size: int,
    site_name: str,
) -> list[LabelData]:
    """One label per member who was given a code, in the household's order."""
    return [
        LabelData(
            full_name=member.full_name,
            household_label=household_label,
            household_size=household_size,
            date_of_birth=member.date_of_birth,
            appointment_date=member.appointment_date,
            band_code=codes[member.id],
            site_name=site_name,
        )
        for member in members
        if member.id in codes
    ]


CodeSource = Callable[[Store, Actor, list[str]], Done[dict[str, str]]]


def issue_labels(
    session: Session,
    operations: Operations,
    present: Sequence[Person],
    codes_for: CodeSource,
    *,
    household_label: str,
    household_size: int,
) -> list[LabelData]:
    """Labels for the present members, with codes from `codes_for` (new bands, or card codes)."""
    issued = codes_for(session.store, session.actor, [m.id for m in present])
    operations.broadcast(issued.changes)
    codes = issued.value
    return label_data(
        present,
        codes,
        household_label=household_label,
        household_size=household_size,
        site_name=site_name(session.store),
    )


# --- painting it -----------------------------------------------------------------------------


def paint_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Paint every page onto the printer, as large as fits; returns the number of pages.

    A page is turned a quarter when that makes it larger: label printers often describe an
    11 × 1 in band as 1 × 11 in stock.
    """
    document = pypdfium2.PdfDocument(pdf)
    document.init_forms()  # a filled official form keeps its values in form fields
    painter = QPainter()
    if not painter.begin(printer):
        document.close()
        raise OSError(QCoreApplication.translate("printing", "The printer could not be started."))
    try:
        area = QRectF(painter.viewport())
        for number in range(len(document)):
            if number:
                printer.newPage()
            page = document[number]
            width, height = page.get_size()
            turn = (width > height) != (area.width() > area.height())
            if turn:
                width, height = height, width
            fit = min(area.width() / width, area.height() / height)
            dots_per_point = min(fit, MAX_DPI / POINTS_PER_INCH)
            image = _page_image(page, dots_per_point, 90 if turn else 0)
            target = QRectF(area.x(), area.y(), width * fit, height * fit)
            painter.drawImage(target, image)
            page.close()
        return len(document)
    finally:
        painter.end()
        document.close()


def _page_image(page: pypdfium2.PdfPage, scale: float, rotation: int) -> QImage:
    bitmap = page.render(
        scale=scale,
        rotation=rotation,
        rev_byteorder=True,
        prefer_bgrx=True,
        optimize_mode="print",
    )
    image = QImage(
        bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888
    ).copy()  # the bitmap's memory is freed with it
    bitmap.close()
    return image


# --- the dialogs -----------------------------------------------------------------------------


class Destination(Enum):
    PRINTER = "printer"
    FILE = "file"


def ask_destination(parent: QWidget, title: str) -> Destination | None:
    box = QMessageBox(parent)
    box.setWindowTitle(title)
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(QCoreApplication.translate("printing", "Print now, or save as a PDF file?"))
    print_button = box.addButton(
        QCoreApplication.translate("printing", "&Print…"), QMessageBox.ButtonRole.AcceptRole
    )
    file_button = box.addButton(
        QCoreApplication.translate("printing", "&Save as PDF…"), QMessageBox.ButtonRole.ActionRole
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(print_button)
    box.exec()
    clicked = box.clickedButton()
    if clicked is print_button:
        return Destination.PRINTER
    if clicked is file_button:
        return Destination.FILE
    return None


def deliver_pdf(
    parent: QWidget, make_pdf: Callable[[], bytes], *, title: str, file_name: str
) -> str | None:
    """Ask where to, then make the PDF and send it there; a sentence saying where, or None."""
    destination = ask_destination(parent, title)
    if destination is Destination.PRINTER:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(title)
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(title)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return None
        paint_pdf(make_pdf(), printer)
        return QCoreApplication.translate("printing", "Sent to {printer}.").format(
            printer=printer.printerName() or printer.outputFileName()
        )
    if destination is Destination.FILE:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen, _ = QFileDialog.getSaveFileName(
            parent,
            title,
            str(Path(folder) / file_name),
            QCoreApplication.translate("printing", "PDF files (*.pdf)"),
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(f"{path.name}.pdf")
        write_private(path, make_pdf())  # names and codes of people: this account's only
        return QCoreApplication.translate("printing", "Saved as {path}.").format(path=path)
    return None
