"""Drawing shared by wristbands and ID cards: the embedded font, the QR code and text that fits.

Everything is drawn in black only, because thermal label printers dither grey into noise.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import qrcode
import reportlab
from qrcode.constants import ERROR_CORRECT_Q
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

# Bitstream Vera ships inside reportlab, so it is always there to embed. Embedding (rather than
# relying on the viewer's Helvetica) makes every printer draw the glyphs whose widths we measured
# when shrinking a name to fit, and it covers Spanish and Portuguese accents, ñ, ü, ¿ and ¡.
REGULAR = "StagingSans"
BOLD = "StagingSans-Bold"
_FONT_FILES = {REGULAR: "Vera.ttf", BOLD: "VeraBd.ttf"}

ELLIPSIS_WIDTH = 0.8  # room left for the three dots of an ellipsis, in font sizes
FILL, INVISIBLE = 0, 3  # PDF text render modes: normal, and present but not drawn
LEADING = 1.15  # line height as a multiple of the font size
SIZE_STEP = 0.5  # points; how finely a name is shrunk to fit

Run = tuple[str, str]
"""A piece of text and the font to draw it in, e.g. a caption in regular and its value in bold."""


@cache
def register_fonts() -> None:
    """Register the embedded fonts once per process (reportlab keeps a global font registry)."""
    font_dir = Path(reportlab.__file__).parent / "fonts"
    for name, filename in _FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(font_dir / filename)))


def new_canvas(buffer: io.BytesIO, pagesize: tuple[float, float], title: str) -> Canvas:
    """A canvas whose bytes depend only on what is drawn (fixed dates and document id).

    The title is generic on purpose: PDF metadata travels with a file, names must not.
    """
    register_fonts()
    canvas = Canvas(buffer, pagesize=pagesize, invariant=True, pageCompression=True)
    canvas.setTitle(title)
    canvas.setCreator("Staging Desk")
    return canvas


def qr_modules(payload: str) -> tuple[tuple[bool, ...], ...]:
    """The dark modules of the QR code for a payload, without the quiet zone.

    Error correction Q (25 % of the symbol may be lost) still fits a band code in version 1
    (21 × 21), so the modules stay large on a 1-inch band for cheap scanners and 203-dpi printers.
    The mask is chosen by the standard's penalty rules (most of the time spent on a label, but it
    keeps finder-like patterns out of the data that make scanners hesitate).
    """
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_Q, border=0)
    code.add_data(payload)
    code.make(fit=True)
    return tuple(tuple(row) for row in code.get_matrix())


def draw_qr(
    canvas: Canvas, modules: Sequence[Sequence[bool]], x: float, y: float, side: float
) -> None:
    """Draw QR modules as vector squares with the lower-left corner at (x, y).

    One filled path of horizontal runs, written in module units: crisp at any printer
    resolution, no hairline seams between squares filled separately, and cheap to write (a
    literal path of small integers instead of one formatted float per coordinate). The caller
    leaves the quiet zone around it blank.
    """
    size = len(modules)
    rectangles = []
    for row_index, row in enumerate(modules):
        bottom = size - 1 - row_index
        column = 0
        while column < size:
            if not row[column]:
                column += 1
                continue
            start = column
            while column < size and row[column]:
                column += 1
            rectangles.append(f"{start} {bottom} {column - start} 1 re")
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(side / size, side / size)
    canvas.addLiteral("\n".join([*rectangles, "f"]))
    canvas.restoreState()


def _runs_width(runs: Sequence[Run], size: float) -> float:
    return sum(pdfmetrics.stringWidth(text, font, size) for text, font in runs)


def draw_runs(
    canvas: Canvas,
    runs: Sequence[Run],
    x: float,
    baseline: float,
    width: float,
    size: float,
    min_size: float,
) -> None:
    """Draw one line of runs, shrinking it down to ``min_size`` to fit ``width``.

    If it still does not fit, the characters that fit are drawn, then an ellipsis, so the cut is
    visible. The rest of the line is written as invisible text (PDF text render mode 3, as OCR
    layers do) and the ellipsis as three dots rather than a character: the PDF's text is still
    the whole line, in order, for search, copy and screen readers.
    """
    natural = _runs_width(runs, size)
    if natural > width:
        size = max(min_size, _round_down(size * width / natural))
    if _runs_width(runs, size) <= width:
        shown, hidden = list(runs), []
    else:
        shown, hidden = _split_runs(runs, size, width - ELLIPSIS_WIDTH * size)
    text = canvas.beginText(x, baseline)
    for piece, font in shown:
        text.setFont(font, size)
        text.textOut(piece)
    if hidden:
        text.setTextRenderMode(INVISIBLE)
        for piece, font in hidden:
            text.setFont(font, size)
            text.textOut(piece)
        text.setTextRenderMode(FILL)  # the mode outlives the text object: later text must show
    canvas.drawText(text)
    if hidden:
        radius = 0.07 * size
        for dot in range(3):
            centre = x + width - radius - dot * 0.27 * size
            canvas.circle(centre, baseline + radius, radius, stroke=0, fill=1)


@dataclass(frozen=True)
class TextBlock:
    """Text wrapped into lines at one font size, as large as the box allows."""

    lines: tuple[str, ...]
    font: str
    size: float

    @property
    def line_height(self) -> float:
        return self.size * LEADING


def fit_block(
    text: str,
    font: str,
    width: float,
    height: float,
    *,
    max_size: float,
    min_size: float,
    max_lines: int,
) -> TextBlock:
    """The largest size at which ``text`` wraps into no more lines than the box holds.

    The box decides whether a long name shrinks or wraps first: a band's name box holds one line
    of large text, so the name shrinks until two lines fit; a card's holds three lines at full
    size. ``max_lines`` keeps a name from becoming a ragged column of single words, but only
    until ``min_size``: there every line the box holds is used before anything is cut, and what
    still does not fit goes on the last line, which :func:`draw_runs` cuts with an ellipsis.
    """
    words = text.split()
    # Widths scale with the size: measure each word once at 1 pt, then try sizes by arithmetic.
    unit_widths = [pdfmetrics.stringWidth(word, font, 1) for word in words]
    unit_space = pdfmetrics.stringWidth(" ", font, 1)

    def wrapped(size: float, room: int) -> list[str] | None:
        lines = _wrap(words, unit_widths, unit_space, width / size)
        fits = len(lines) <= room and all(line_width <= width / size for _, line_width in lines)
        return [line for line, _ in lines] if fits else None

    size = max_size
    while size >= min_size:
        lines = wrapped(size, max(1, min(max_lines, int(height // (size * LEADING)))))
        if lines is not None:
            return TextBlock(tuple(lines), font, size)
        size -= SIZE_STEP
    room = max(1, int(height // (min_size * LEADING)))
    lines = wrapped(min_size, room)
    if lines is None:
        every = [line for line, _ in _wrap(words, unit_widths, unit_space, width / min_size)]
        lines = [*every[: room - 1], " ".join(every[room - 1 :])]
    return TextBlock(tuple(lines), font, min_size)


def draw_block(canvas: Canvas, block: TextBlock, x: float, top: float, width: float) -> None:
    """Draw a fitted block with its first line's cap height just below ``top``."""
    baseline = top - block.size * 0.8
    for line in block.lines:
        draw_runs(canvas, [(line, block.font)], x, baseline, width, block.size, block.size)
        baseline -= block.line_height


def _wrap(
    words: Sequence[str], widths: Sequence[float], space: float, limit: float
) -> list[tuple[str, float]]:
    """Greedy word wrap into (line, width) pairs; a word wider than the limit gets its own line."""
    lines: list[tuple[str, float]] = []
    current: list[str] = []
    current_width = 0.0
    for word, word_width in zip(words, widths, strict=True):
        if current and current_width + space + word_width > limit:
            lines.append((" ".join(current), current_width))
            current, current_width = [], 0.0
        current_width += (space if current else 0.0) + word_width
        current.append(word)
    if current:
        lines.append((" ".join(current), current_width))
    return lines


def _split_runs(runs: Sequence[Run], size: float, limit: float) -> tuple[list[Run], list[Run]]:
    """The runs cut after the last whole character that ends within ``limit``, and the rest."""
    shown: list[Run] = []
    hidden: list[Run] = []
    reached = 0.0
    for text, font in runs:
        if hidden:
            hidden.append((text, font))
            continue
        for index, character in enumerate(text):
            advance = pdfmetrics.stringWidth(character, font, size)
            if reached + advance > limit:
                shown.append((text[:index], font))
                hidden.append((text[index:], font))
                break
            reached += advance
        else:
            shown.append((text, font))
    return shown, hidden


def _round_down(size: float) -> float:
    return int(size / SIZE_STEP) * SIZE_STEP
