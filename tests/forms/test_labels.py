"""Wristbands and ID cards, checked the way the desk uses them: scan the QR code, read the text.

Pages are rendered at 300 dpi with pdfium and decoded with zxing, like a scanner would see a
printout; the text is read back with pdfplumber, like a search or a screen reader would.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import date

import pdfplumber
import pypdfium2 as pdfium
import pytest
import zxingcpp
from PIL import Image

from forms.labels import LabelData, render_id_cards, render_wristbands
from forms.labels.id_cards import CARD_HEIGHT, CARD_WIDTH, COLUMNS, ROWS
from forms.labels.wristband import NAME_MAX, NAME_MIN
from staging.wristbands.codes import format_band_code, new_band_code, normalize_band_code

DPI = 300
LONG_NAME = "María de los Ángeles Hernández de la Cruz"
# Shrinks further than LONG_NAME, onto two lines of a band.
LONGER_NAME = "María de los Ángeles Hernández de la Cruz Villaseñor y Rodríguez Echeverría"
# Longer than two lines at the smallest size a band allows: it must end in a visible ellipsis.
ENDLESS_NAME = " ".join(["Maximiliana Guadalupe Concepción Ñúñez Güemes de Albuquerque"] * 4)


def label(number: int = 1, **changes: object) -> LabelData:
    base = LabelData(
        full_name="José Ñúñez Güemes",
        household_label=f"H-{number:06d}",
        household_size=4,
        date_of_birth=date(1986, 7, 15),
        appointment_date=date(2021, 3, 2),
        band_code=new_band_code(number.to_bytes(8, "big")),
        site_name="Tijuana — El Chaparral",
    )
    return replace(base, **changes)


def page_images(pdf: bytes) -> Iterator[Image.Image]:
    document = pdfium.PdfDocument(pdf)
    try:
        for page in document:
            yield page.render(scale=DPI / 72).to_pil()
    finally:
        document.close()


def scanned(image: Image.Image) -> list[str]:
    return [barcode.text for barcode in zxingcpp.read_barcodes(image)]


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text with every run of whitespace as one space, so wrapped lines join."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [" ".join((page.extract_text() or "").split()) for page in document.pages]


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [(float(page.width), float(page.height)) for page in document.pages]


def ellipsis_dots(pdf: bytes) -> int:
    """How many small round dots are drawn: an ellipsis is three (QR modules are squares)."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return len(document.pages[0].curves)


def bold_sizes(pdf: bytes) -> list[float]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        chars = document.pages[0].chars
        return [char["size"] for char in chars if char["fontname"].endswith("Bold")]


def card_texts(pdf: bytes) -> list[str]:
    """The text of every card, cropped card by card and read in drawing order.

    Drawing order keeps the code under the QR code from being read into the middle of the field
    that happens to sit on the same line in the next column.
    """
    texts = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            left = (page.width - COLUMNS * CARD_WIDTH) / 2
            top = (page.height - ROWS * CARD_HEIGHT) / 2
            for row in range(ROWS):
                for column in range(COLUMNS):
                    x, y = left + column * CARD_WIDTH, top + row * CARD_HEIGHT
                    card = page.crop((x, y, x + CARD_WIDTH, y + CARD_HEIGHT))
                    text = " ".join((card.extract_text(use_text_flow=True) or "").split())
                    if text:
                        texts.append(text)
    return texts


# Wristbands


def test_each_band_scans_to_its_own_code_and_nothing_personal() -> None:
    labels = [label(1), label(2, full_name=LONG_NAME), label(3, appointment_date=None)]
    pdf = render_wristbands(labels)
    assert page_sizes(pdf) == [(11 * 72, 1 * 72)] * len(labels)
    images = list(page_images(pdf))
    for image, printed in zip(images, labels, strict=True):
        payloads = scanned(image)
        assert payloads == [printed.band_code, printed.band_code]  # one QR code at each end
        assert normalize_band_code(payloads[0]) == printed.band_code
        assert payloads[0].isascii() and payloads[0].isalnum()


def test_a_band_reads_name_household_appointment_and_code() -> None:
    printed = label(7)
    (text,) = page_texts(render_wristbands([printed]))
    assert "José Ñúñez Güemes" in text
    assert "Hogar / Household: H-000007 · 4 personas / people" in text
    assert "Cita / Appointment: 2021-03-02" in text
    assert format_band_code(printed.band_code) in text


def test_a_band_without_appointment_says_so() -> None:
    (text,) = page_texts(render_wristbands([label(appointment_date=None)]))
    assert "Cita / Appointment: sin cita / none" in text


@pytest.mark.parametrize(
    ("language", "expected", "absent"),
    [("es", "Hogar: H-000001 · 4 personas", "Household"), ("en", "Household:", "Hogar")],
)
def test_captions_in_one_language(language: str, expected: str, absent: str) -> None:
    (text,) = page_texts(render_wristbands([label(language=language)]))
    assert expected in text
    assert absent not in text


def test_a_long_spanish_name_shrinks_but_is_never_cut() -> None:
    short = render_wristbands([label(full_name="Ana Ruiz")])
    long = render_wristbands([label(full_name=LONG_NAME)])
    longer = render_wristbands([label(full_name=LONGER_NAME)])
    assert max(bold_sizes(short)) == NAME_MAX
    assert NAME_MIN < max(bold_sizes(longer)) < max(bold_sizes(long)) < NAME_MAX
    assert LONG_NAME in page_texts(long)[0]
    assert LONGER_NAME in page_texts(longer)[0]
    assert not ellipsis_dots(long) and not ellipsis_dots(longer)


def test_a_name_too_long_for_the_band_is_ellipsised_and_kept_whole_in_the_pdf() -> None:
    pdf = render_wristbands([label(full_name=ENDLESS_NAME)])
    (text,) = page_texts(pdf)
    assert ENDLESS_NAME in text
    assert ellipsis_dots(pdf) == 3
    assert max(bold_sizes(pdf)) == NAME_MIN
    assert len(scanned(next(page_images(pdf)))) == 2


def test_an_ellipsised_name_hides_nothing_else_on_the_band() -> None:
    """The rest of the name is invisible text; what is drawn after it must still show."""
    (cut,) = page_images(render_wristbands([label(full_name=ENDLESS_NAME)]))
    (whole,) = page_images(render_wristbands([label(full_name="Ana Ruiz")]))
    details = (0, (72 - 28) * DPI // 72, 11 * DPI, 1 * DPI)  # the band below the name
    assert cut.crop(details).tobytes() == whole.crop(details).tobytes()


def test_a_wider_band_and_a_shorter_one_still_scan() -> None:
    pdf = render_wristbands([label()], width_in=1.25, length_in=7.0)
    assert page_sizes(pdf) == [(7 * 72, 1.25 * 72)]
    (image,) = page_images(pdf)
    assert scanned(image) == [label().band_code] * 2


@pytest.mark.parametrize(("width_in", "length_in"), [(0.7, 11.0), (1.0, 5.0)])
def test_a_band_too_small_for_the_qr_code_is_refused(width_in: float, length_in: float) -> None:
    with pytest.raises(ValueError, match="too"):
        render_wristbands([label()], width_in=width_in, length_in=length_in)


# ID cards


def test_a_sheet_holds_ten_cards_and_each_scans() -> None:
    labels = [label(number) for number in range(1, 24)]
    pdf = render_id_cards(labels)
    assert page_sizes(pdf) == [(8.5 * 72, 11 * 72)] * 3
    images = list(page_images(pdf))
    found = [payload for image in images for payload in scanned(image)]
    assert sorted(found) == sorted(printed.band_code for printed in labels)


def test_a_card_reads_everything_about_the_person() -> None:
    labels = [label(1, full_name=LONG_NAME), label(2, date_of_birth=None, household_size=1)]
    first, second = card_texts(render_id_cards(labels))
    assert first.startswith("Tijuana — El Chaparral")
    for expected in (
        LONG_NAME,
        "Hogar / Household H-000001 · 4 personas / people",
        "Nacimiento / Date of birth 1986-07-15",
        "Cita / Appointment 2021-03-02",
        format_band_code(labels[0].band_code),
    ):
        assert expected in first
    assert "H-000002 · 1 persona / person" in second
    assert "Nacimiento / Date of birth desconocida / unknown" in second


def test_a_card_gives_a_very_long_name_more_lines_before_cutting_it() -> None:
    name = (
        "Maria Aparecida dos Santos Conceição da Silva Oliveira de Albuquerque Cavalcanti "
        "Wanderley Junior Filho Neto"
    )
    pdf = render_id_cards([label(full_name=name)])
    assert name in card_texts(pdf)[0]
    assert not ellipsis_dots(pdf)


def test_an_ellipsised_name_hides_nothing_else_on_the_sheet() -> None:
    neighbour = label(2)
    (cut,) = page_images(render_id_cards([label(1, full_name=ENDLESS_NAME), neighbour]))
    (whole,) = page_images(render_id_cards([label(1), neighbour]))
    right_column = (cut.width // 2, 0, cut.width, cut.height)
    assert cut.crop(right_column).tobytes() == whole.crop(right_column).tobytes()


def test_cards_follow_the_order_given_row_by_row() -> None:
    labels = [label(number, full_name=f"Persona {number}") for number in range(1, 6)]
    texts = card_texts(render_id_cards(labels))
    assert len(texts) == len(labels)
    for number, text in enumerate(texts, start=1):
        assert f"Persona {number} Hogar" in text


def test_a4_sheets() -> None:
    pdf = render_id_cards([label()], paper="a4")
    assert page_sizes(pdf) == [pytest.approx((210 / 25.4 * 72, 297 / 25.4 * 72))]
    (image,) = page_images(pdf)
    assert scanned(image) == [label().band_code]


def test_unknown_paper_is_refused() -> None:
    with pytest.raises(ValueError, match="paper must be one of letter, a4"):
        render_id_cards([label()], paper="legal")  # type: ignore[arg-type]


# Both

Renderer = Callable[[Sequence[LabelData]], bytes]


@pytest.mark.parametrize("render", [render_wristbands, render_id_cards])
def test_nothing_to_print_is_a_clear_error(render: Renderer) -> None:
    with pytest.raises(ValueError, match="the list of labels is empty"):
        render([])


@pytest.mark.parametrize("render", [render_wristbands, render_id_cards])
def test_the_same_labels_give_the_same_bytes(render: Renderer) -> None:
    labels = [label(1), label(2, full_name=LONG_NAME)]
    assert render(labels) == render(labels)


@pytest.mark.parametrize("render", [render_wristbands, render_id_cards])
def test_the_pdf_metadata_names_nobody(render: Renderer) -> None:
    pdf = render([label(full_name="Zacarías Ñúñez")])
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        metadata = " ".join(str(value) for value in document.metadata.values())
    assert "Zacar" not in metadata


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"band_code": "SD00000000001"}, "band code"),
        ({"band_code": "sd00000000000"}, "band code"),
        ({"full_name": "  "}, "name"),
        ({"household_size": 0}, "at least one"),
        ({"language": "fr"}, "language"),
    ],
)
def test_label_data_refuses_what_cannot_be_printed(
    changes: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        label(**changes)
