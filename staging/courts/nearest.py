"""The immigration courts nearest a new address, proposed as the receiving court.

In 2021 DHS moved an MPP case to the court closest to the address on the person's change of
address form. Distance is measured between ZIP-code centroids along the earth's surface
(haversine): the sources give no court coordinates, and a ZIP centroid is close enough to tell
one court from the next. A court that hears only detained people's cases is never proposed for
someone released to an address.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from staging.courts.directory import Court, CourtDirectory, OplaOffice, zip_position
from staging.people.contact import check_zip

EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG)
KM_PER_MILE = 1.609344


@dataclass(frozen=True)
class NearbyCourt:
    court: Court
    opla_office: OplaOffice  # served with the copy of the form for this court's cases
    km: float

    @property
    def miles(self) -> float:
        return self.km / KM_PER_MILE


def nearest_courts(
    directory: CourtDirectory, zip_code: str, *, released: bool = True, limit: int = 5
) -> list[NearbyCourt]:
    """The courts nearest `zip_code` (5 digits or ZIP+4), nearest first, ties by name.

    A ZIP that is malformed or does not exist is refused (`Refused`, both languages).
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    here = zip_position(check_zip(zip_code, None))
    positions = directory.positions
    nearby = [
        NearbyCourt(court, directory.opla_office_of(court), distance_km(here, positions[court.key]))
        for court in directory.courts
        if not (released and court.detained_only)
    ]
    nearby.sort(key=lambda near: (near.km, near.court.name))
    return nearby[:limit]


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points in degrees."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
