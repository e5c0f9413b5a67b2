"""A case's court as registration lists write it, read as one court of the directory, or left for
a person to pick when the name fits several courts or none."""

from __future__ import annotations

import pytest

from staging.courts.directory import shipped_directory
from staging.courts.matching import match_court


def matched(text: str) -> str | None:
    court = match_court(shipped_directory(), text)
    return court.key if court else None


@pytest.mark.parametrize(
    ("written", "court"),
    [
        ("San Diego", "san-diego"),
        ("EL PASO SPC", "el-paso-spc"),
        ("El Paso", "el-paso"),
        ("Port Isabel Immigration Court", "port-isabel"),
        ("Harlingen, TX", "harlingen"),
        ("Harlingen Texas", "harlingen"),
        ("Laredo, Tejas", "laredo"),
        ("Corte de Inmigración de El Paso", "el-paso"),
        ("CORTE DE INMIGRACION DE SAN ANTONIO, TX", "san-antonio"),
        ("Tribunal de Inmigración San Antonio", "san-antonio"),
        ("san antonio tx 78207", "san-antonio"),
        ("Miami", "miami"),
        ("Miami Krome", "miami-krome"),
        ("Guaynabo (San Juan)", "guaynabo-san-juan"),
        ("San Juan, PR", "guaynabo-san-juan"),
        ("Houston - S. Gessner Road", "houston-s-gessner-road"),
        ("Houston (Greenspoint Park)", "houston-greenspoint-park"),
        ("New York Varick St", "new-york-varick"),
        ("Van Nuys", "los-angeles-van-nuys-boulevard"),
        ("West Los Angeles", "los-angeles-west-los-angeles"),
        ("Atlanta - W. Peachtree Street Immigration Court", "atlanta-w-peachtree-street"),
        ("La Salle", "lasalle"),
        ("Saipan", "saipan"),
    ],
)
def test_a_court_written_as_lists_write_it(written: str, court: str) -> None:
    assert matched(written) == court


@pytest.mark.parametrize(
    ("written", "court"),
    [
        # A city with a single court.
        ("Los Fresnos", "port-isabel"),
        ("Jena", "lasalle"),
        ("Chaparral NM", "otero"),
        ("West Valley City", "salt-lake-city"),
        # Words for detention: only a detention court fits.
        ("El Paso detained", "el-paso-spc"),
        ("El Paso Service Processing Center", "el-paso-spc"),
        ("Miami (detenidos)", "miami-krome"),
        ("Otay Mesa Detention Center", "otay-mesa"),
        # A slip of the keyboard.
        ("Harlingin", "harlingen"),
        ("San Antono", "san-antonio"),
        ("Ft. Snelling", "fort-snelling"),
    ],
)
def test_a_city_a_detention_word_or_a_typo_still_names_one_court(written: str, court: str) -> None:
    assert matched(written) == court


@pytest.mark.parametrize(
    "written",
    [
        "Houston",  # three courts
        "Houston, TX",
        "Los Angeles",
        "Atlanta",
        "New York",
        "Houstn",  # close to three courts
        "Harlingen TX (detenidos)",  # Harlingen is not a detention court
        "Detained",
        "Corte de inmigración",
        "Puerto Rico",
        "Krome",
        "",
        "   ",
        "A 012-345-678",
    ],
)
def test_a_name_that_fits_several_courts_or_none_is_left_to_a_person(written: str) -> None:
    assert matched(written) is None
