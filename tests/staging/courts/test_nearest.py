"""The receiving court proposed for a new address: the nearest court a released person can go to.

Each expected answer below was worked out by hand from the ZIP centroids of the `zipcodes`
data (latitude, longitude) and the courts' ZIPs in `staging/courts/data/courts.csv`, with the
flat-earth approximation that is good to a few percent at these distances: one degree of
latitude ≈ 111.2 km, one degree of longitude ≈ 111.2 km × cos(latitude).
"""

from __future__ import annotations

import pytest

from staging.courts.directory import Court, CourtDirectory, OplaOffice, shipped_directory
from staging.courts.nearest import nearest_courts
from staging.errors import Refused


def keys(zip_code: str, *, released: bool = True, limit: int = 5) -> list[str]:
    found = nearest_courts(shipped_directory(), zip_code, released=released, limit=limit)
    return [near.court.key for near in found]


@pytest.mark.parametrize(
    ("zip_code", "expected"),
    [
        # San Diego downtown (32.7185, -117.1593) is the San Diego court's own ZIP: 0 mi. Otay
        # Mesa (92154: 32.5753, -117.0707, 18 km) is a detention court, never proposed.
        ("92101", ["san-diego"]),
        # El Paso east side (31.7677, -106.3016): El Paso SPC (79925: 31.7814, -106.3613) is
        # nearest, 0.0597° × 94.5 km ≈ 5.6 km east-west, ≈ 5.8 km, but detained-only; the
        # downtown court (79901: 31.7584, -106.4783): 0.1767° × 94.5 ≈ 16.7 km ≈ 10.4 mi.
        ("79936", ["el-paso"]),
        # Los Fresnos is Port Isabel's own ZIP (detained-only); Harlingen (78550: 26.1951,
        # -97.689): 0.0793° × 111.2 ≈ 8.8 km north, 0.2783° × 99.9 ≈ 27.8 km west ≈ 29 km.
        ("78566", ["harlingen"]),
        # Chicago Loop (41.8858, -87.6181) to the court's 60603 (41.8798, -87.6285): ≈ 1.1 km.
        ("60601", ["chicago"]),
        # Miami (33130) is the Miami court's ZIP; Krome (33194, 34 km) is detained-only.
        ("33130", ["miami"]),
        # Seattle (47.6114, -122.3305) to 98174 (47.6062, -122.3321): ≈ 0.6 km; Tacoma (98421,
        # 38.7 km) hears detained cases only, so Portland (97204, ≈ 234 km) comes second.
        ("98101", ["seattle", "portland"]),
        # Beacon Hill (42.3576, -71.0684) to the JFK building's 02203 (42.3615, -71.0604):
        # ≈ 0.8 km; Chelmsford (01824: 42.5911, -71.3556) ≈ 26 km north, 24 km west ≈ 35 km.
        ("02108", ["boston", "chelmsford"]),
        # Denver (39.7491, -104.9946) to 80294 (39.7491, -104.989): ≈ 0.5 km; Aurora (80010,
        # ≈ 12 km) is detained-only; Salt Lake City's court is next, ≈ 604 km.
        ("80202", ["denver", "salt-lake-city"]),
        # Honolulu (96813) to the federal building's 96850: ≈ 1.5 km.
        ("96813", ["honolulu"]),
        # Old San Juan (00901) to Guaynabo's 00968: ≈ 6 km, the only court on the island.
        ("00901", ["guaynabo-san-juan"]),
    ],
)
def test_the_nearest_court_a_released_person_can_go_to(zip_code: str, expected: list[str]) -> None:
    assert keys(zip_code, limit=len(expected)) == expected


def test_manhattan_has_three_courts_before_newark() -> None:
    # Midtown 10001 (40.7484, -73.9967): Varick (10014: 40.7339, -74.0054) ≈ 1.8 km, Federal
    # Plaza (10278: 40.7152, -74.0038) ≈ 3.7 km, Broadway (10007: 40.7139, -74.007) ≈ 3.9 km,
    # then Newark (07102: 40.732, -74.1765) ≈ 15 km across the Hudson.
    assert keys("10001", limit=4) == [
        "new-york-varick",
        "new-york-federal-plaza",
        "new-york-broadway",
        "newark",
    ]


def test_downtown_houston_has_three_courts_and_never_conroe() -> None:
    # 77002 is Jefferson Street's own ZIP; S. Gessner (77074: 29.6896, -95.5106) ≈ 16.5 km;
    # Greenspoint (77060: 29.9335, -95.3981) ≈ 19.7 km; Conroe (77301, 62 km) is detained-only,
    # so Oakdale, Louisiana (≈ 284 km) is fourth.
    assert keys("77002", limit=4) == [
        "houston-jefferson-street",
        "houston-s-gessner-road",
        "houston-greenspoint-park",
        "oakdale",
    ]


def test_detention_courts_are_proposed_only_for_a_detained_person() -> None:
    assert keys("79936", released=False, limit=2) == ["el-paso-spc", "el-paso"]
    assert keys("78566", released=False, limit=2) == ["port-isabel", "harlingen"]
    assert keys("98101", released=False, limit=2) == ["seattle", "tacoma"]
    assert keys("80202", released=False, limit=2) == ["denver", "aurora"]
    detained = {court.key for court in shipped_directory().courts if court.detained_only}
    for zip_code in ("92101", "79936", "78566", "33130", "77002", "98101", "80202", "10001"):
        assert detained.isdisjoint(keys(zip_code, limit=20))


def test_each_answer_carries_its_distance_in_both_units_and_the_office_to_serve() -> None:
    [first] = nearest_courts(shipped_directory(), "79936", limit=1)
    assert first.km == pytest.approx(16.7, abs=0.1)
    assert first.miles == pytest.approx(10.4, abs=0.1)
    assert first.opla_office.key == "el-paso"
    assert first.opla_office.address_lines == ("11541 Montana Avenue, Suite O", "El Paso, TX 79936")


def test_a_zip_plus_4_is_the_same_place_as_its_zip() -> None:
    assert keys("79936-1234") == keys("79936")
    assert keys(" 10001 ") == keys("10001")


@pytest.mark.parametrize(
    ("typed", "english", "spanish"),
    [
        ("7993", "is not a ZIP code", "no es un código postal"),
        ("ABCDE", "is not a ZIP code", "no es un código postal"),
        ("799361", "is not a ZIP code", "no es un código postal"),
        ("", "is not a ZIP code", "no es un código postal"),
        ("00000", "does not exist", "no existe"),
        ("99999", "does not exist", "no existe"),
    ],
)
def test_an_unknown_or_malformed_zip_is_refused_in_both_languages(
    typed: str, english: str, spanish: str
) -> None:
    with pytest.raises(Refused) as refused:
        nearest_courts(shipped_directory(), typed)
    assert english in refused.value.message_en
    assert spanish in refused.value.message_es


def test_courts_at_the_same_distance_come_in_order_of_name() -> None:
    office = OplaOffice("opla", "OPLA", ("1 Main St",), "El Paso", "TX", "79901")
    courts = tuple(
        Court(key, name, ("1 Main St",), "El Paso", "TX", "79901", False, "opla")
        for key, name in (("b", "Zaragoza Court"), ("a", "Alameda Court"), ("c", "Mesa Court"))
    )
    found = nearest_courts(CourtDirectory(courts, (office,)), "79936", limit=5)
    assert [near.court.name for near in found] == ["Alameda Court", "Mesa Court", "Zaragoza Court"]


def test_the_limit_is_how_many_courts_are_proposed() -> None:
    assert len(keys("79936", limit=1)) == 1
    assert len(keys("79936", limit=3)) == 3
