"""A PDF shown as pictures of its pages, as wide as the room allows.

The paperwork desk redraws the form as it is typed, so the person at the table can check the
paper with the volunteer before it is printed. PDFium draws the pages (form fields included,
for a filled official PDF); a page is a few milliseconds, so it runs on the UI thread.
"""

from __future__ import annotations

import pypdfium2
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

PAGE_GAP = 8
# Sharper than the screen gains nothing, and a very wide preview would cost memory for naught.
MAX_WIDTH = 1200


def page_images(pdf: bytes, width: int) -> list[QImage]:
    """Each page drawn `width` pixels wide, white paper under it."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        document.init_forms()  # a filled official PDF keeps its values in form fields
        images = []
        for number in range(len(document)):
            page = document[number]
            page_width, _ = page.get_size()
            bitmap = page.render(
                scale=width / page_width,
                rev_byteorder=True,
                prefer_bgrx=True,
                may_draw_forms=True,
            )
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGBX8888,
            ).copy()  # the bitmap's memory is freed with it
            bitmap.close()
            page.close()
            images.append(image)
        return images
    finally:
        document.close()


class PdfPreview(QScrollArea):
    """Pages one under the other; scrolls up and down, fits its width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pdf: bytes | None = None
        self._drawn_width = 0
        self.pages: list[QLabel] = []
        # Sized here, page by page: a resizable holder would squeeze the pages into the view.
        self.setWidgetResizable(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a picture: Tab goes past it
        holder = QWidget()
        holder.setStyleSheet("background: #8a8a8a;")
        self._layout = QVBoxLayout(holder)
        self._layout.setContentsMargins(PAGE_GAP, PAGE_GAP, PAGE_GAP, PAGE_GAP)
        self._layout.setSpacing(PAGE_GAP)
        self.setWidget(holder)
        self.viewport().installEventFilter(self)

    @property
    def pdf(self) -> bytes | None:
        """The PDF shown."""
        return self._pdf

    def show_pdf(self, pdf: bytes | None) -> None:
        """Draw `pdf` (None: nothing to show)."""
        self._pdf = pdf
        self._draw()

    def _page_width(self) -> int:
        return max(1, min(MAX_WIDTH, self.viewport().width() - 2 * PAGE_GAP))

    def _draw(self) -> None:
        images = page_images(self._pdf, self._page_width()) if self._pdf else []
        self._drawn_width = self._page_width()
        while len(self.pages) > len(images):
            self.pages.pop().deleteLater()
        while len(self.pages) < len(images):
            label = QLabel()
            self._layout.insertWidget(len(self.pages), label)
            self.pages.append(label)
        for label, image in zip(self.pages, images, strict=True):
            label.setPixmap(QPixmap.fromImage(image))
            label.setFixedSize(image.size())
        height = sum(image.height() + PAGE_GAP for image in images) + PAGE_GAP
        self.widget().resize(self.viewport().width(), height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A wider or narrower window: the pages are drawn again to fit."""
        if (
            watched is self.viewport()
            and event.type() == QEvent.Type.Resize
            and self._pdf is not None
            and self._page_width() != self._drawn_width
        ):
            self._draw()
        return super().eventFilter(watched, event)
