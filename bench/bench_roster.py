"""Printing the day's transport roster and writing the CBP manifest.

Target: a 300-person roster PDF ≤ 1 s (one QR code per person). Measured twice: as one sheet of
300 rows (the densest case: 14 pages) and as a day of twelve trips of 25, each its own sheet;
median of 5 renders after one warm-up render (the first registers the fonts). The share spent
making the QR symbols (qrcode's mask selection tries all eight masks) is timed on its own,
since the wristbands found that it dominates. Then the manifest of the same 300 people as CSV
and as JSON.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import UTC, date, datetime, timedelta

import pypdfium2 as pdfium

from bench.common import timed
from forms.labels.drawing import qr_modules
from forms.roster.model import RosterRow, RosterSheet
from forms.roster.pdf import render_roster
from staging.transport.manifest import ManifestRow, manifest_csv, manifest_json
from staging.wristbands.codes import new_band_code

PEOPLE = 300
TRIP_SIZE = 25
RENDERS = 5
DAY = date(2021, 3, 2)
GIVEN = ["María José", "José Ángel", "Ximena", "Jesús", "Dulce Nayeli", "Óscar", "Begoña", "Ñico"]
SURNAMES = ["Hernández", "Núñez", "Güemes", "Ramírez López", "Villaseñor", "Echeverría"]
NATIONALITIES = ["Honduras", "Guatemala", "El Salvador", "Venezuela", "Nicaragua", "Cuba"]


def bench_people(count: int, seed: int = 41) -> list[tuple[RosterRow, ManifestRow]]:
    """Households of 1 to 6 in seat order, every field filled as the core would."""
    rng = random.Random(seed)
    people: list[tuple[RosterRow, ManifestRow]] = []
    household = 0
    while len(people) < count:
        household += 1
        for _ in range(min(rng.randint(1, 6), count - len(people))):
            number = len(people)
            first = rng.choice(GIVEN)
            last = f"{rng.choice(SURNAMES)} {rng.choice(SURNAMES)}"
            seat = f"{1 + 2 * (number % TRIP_SIZE // 4)}{'ABCD'[number % 4]}"
            born = date(rng.randint(1950, 2020), rng.randint(1, 12), rng.randint(1, 28))
            sex = rng.choice("FM")
            nationality = rng.choice(NATIONALITIES)
            a_number = f"{rng.randint(10_000_000, 299_999_999):09d}"
            cleared = DAY - timedelta(days=rng.randint(0, 2))
            row = RosterRow(
                seat=seat,
                name=f"{first} {last}",
                date_of_birth=born,
                sex=sex,
                nationality=nationality,
                a_number=a_number,
                household=f"H-{household:06d}",
                cleared_on=cleared,
                eoir33_done=rng.random() < 0.9,
                band_code=new_band_code(rng.randbytes(16)),
            )
            manifest = ManifestRow(
                order=number + 1,
                departs_at="08:30",
                vehicle="Autobús 1",
                port="SYS",
                seat=seat,
                household=row.household,
                last_name=last,
                first_name=first,
                date_of_birth=born,
                sex=sex,
                nationality=nationality,
                a_number=a_number,
                cleared_on=cleared,
            )
            people.append((row, manifest))
    return people


def sheet(rows: list[RosterRow], trip: int = 1) -> RosterSheet:
    return RosterSheet(
        site="Tijuana — El Chaparral",
        port_name="San Ysidro",
        port_code="SYS",
        day=DAY,
        departs_at=f"{6 + trip // 2:02d}:{30 * (trip % 2):02d}",
        vehicle=f"Autobús {trip}",
        rows=tuple(rows),
    )


def median_render(sheets: list[RosterSheet]) -> tuple[float, int, int]:
    """(median ms, pages, bytes) of RENDERS renders."""
    samples = []
    for _ in range(RENDERS):
        started = time.perf_counter()
        pdf = render_roster(sheets)
        samples.append((time.perf_counter() - started) * 1000)
    document = pdfium.PdfDocument(pdf)
    pages = len(document)
    document.close()
    return statistics.median(samples), pages, len(pdf)


def main() -> dict[str, float]:
    people = bench_people(PEOPLE)
    rows = [row for row, _ in people]
    manifest = [entry for _, entry in people]
    render_roster([sheet(rows[:10])])  # fonts registered, reportlab's caches warm

    one_ms, one_pages, one_bytes = median_render([sheet(rows)])
    trips = [
        sheet(rows[start : start + TRIP_SIZE], trip)
        for trip, start in enumerate(range(0, PEOPLE, TRIP_SIZE), start=1)
    ]
    day_ms, day_pages, _ = median_render(trips)
    qr_ms = timed(lambda: [qr_modules(row.band_code) for row in rows])
    csv_ms = timed(lambda: manifest_csv(manifest))
    generated = datetime(2021, 3, 2, 14, 0, tzinfo=UTC)
    json_ms = timed(lambda: manifest_json(manifest, "Tijuana", "SYS", DAY, generated))
    figures = {
        "roster_300_one_sheet_ms": round(one_ms, 0),
        "roster_300_one_sheet_pages": one_pages,
        "roster_300_one_sheet_kb": round(one_bytes / 1000, 0),
        "roster_300_in_12_trips_ms": round(day_ms, 0),
        "roster_300_in_12_trips_pages": day_pages,
        "roster_300_qr_symbols_ms": round(qr_ms, 0),
        "manifest_300_csv_ms": round(csv_ms, 1),
        "manifest_300_json_ms": round(json_ms, 1),
    }
    f = figures
    print(
        f"roster PDF, {PEOPLE} people: one sheet {f['roster_300_one_sheet_ms']:.0f} ms "
        f"({one_pages} pages, {f['roster_300_one_sheet_kb']:.0f} kB), twelve trips of "
        f"{TRIP_SIZE} {f['roster_300_in_12_trips_ms']:.0f} ms ({day_pages} pages) (target ≤ 1 s; "
        f"median of {RENDERS}) | of which QR symbols {f['roster_300_qr_symbols_ms']:.0f} ms | "
        f"manifest CSV {f['manifest_300_csv_ms']} ms, JSON {f['manifest_300_json_ms']} ms"
    )
    return figures


if __name__ == "__main__":
    main()
