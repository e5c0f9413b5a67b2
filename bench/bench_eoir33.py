"""Printing Form EOIR-33/IC: one person's form, and a day's list at once.

Targets: one form (two pages) ≤ 40 ms p50 and p95, measured over 50 renders of different
people after one warm-up render (the first registers the fonts); a batch of 300 forms (a busy
day's departures) in one PDF, with its time and file size, since the file goes to the print
spooler in one piece.
"""

from __future__ import annotations

import random
import time
from datetime import date

from bench.common import percentile, timed
from forms.eoir33.model import Address, Eoir33Form, Office, ProofOfService, Revision
from forms.eoir33.paper import render_eoir33

SAMPLES = 50
BATCH = 300
GIVEN = ["María José", "José Ángel", "Ximena", "Jesús", "Dulce Nayeli", "Óscar", "Begoña"]
SURNAMES = ["Hernández", "Núñez", "Güemes", "Ramírez López", "Villaseñor", "Echeverría"]
COURTS = [
    Office("San Diego Immigration Court", ("401 West A Street, Suite 800", "San Diego, CA 92101")),
    Office(
        "El Paso Immigration Court", ("700 E. San Antonio Ave., Suite 750", "El Paso, TX 79901")
    ),
    Office(
        "Houston - S. Gessner Road Immigration Court",
        ("8701 S. Gessner Road, Suite 1000", "Houston, TX 77074"),
    ),
]
OPLA = Office(
    "Office of the Principal Legal Advisor, San Diego",
    ("880 Front Street, Suite 2246", "San Diego, CA 92101"),
)


def bench_forms(count: int, seed: int = 23) -> list[Eoir33Form]:
    """Different people, every field filled, both layouts."""
    rng = random.Random(seed)
    forms = []
    for number in range(count):
        given, last = rng.choice(GIVEN), f"{rng.choice(SURNAMES)} {rng.choice(SURNAMES)}"
        street = f"{rng.randint(100, 99999)} North Martin Luther King Junior Boulevard"
        forms.append(
            Eoir33Form(
                last_name=last,
                first_name=given,
                middle_name="",
                suffix="",
                a_number=f"{rng.randint(10_000_000, 299_999_999):09d}",
                current_address=Address(street, f"Apt. {number}", "San José", "CA", "95112-4321"),
                current_phone="(408) 555-0147",
                current_email=f"persona{number}@example.com",
                former_address=Address("Calle Zaragoza 1234", "", "Tijuana", country="México"),
                former_phone="+52 664 555 0199",
                former_email="",
                court=rng.choice(COURTS),
                return_address=(f"{given} {last}", f"{street}, Apt. {number}", "San José, CA"),
                in_care_of="Iglesia Nuestra Señora de Guadalupe",
                signed_on=date(2021, 3, 1),
                service=ProofOfService("Staff Member", OPLA, date(2021, 3, 1)),
                revision=Revision.REV_2021 if number % 2 else Revision.REV_2026,
            )
        )
    return forms


def main() -> dict[str, float]:
    started = time.perf_counter()
    forms = bench_forms(SAMPLES + 1)
    render_eoir33(forms[:1])  # fonts registered, reportlab's caches warm
    one = [timed(lambda f=f: render_eoir33([f])) for f in forms[1:]]
    batch_forms = bench_forms(BATCH, seed=29)
    batch_started = time.perf_counter()
    pdf = render_eoir33(batch_forms)
    batch_ms = (time.perf_counter() - batch_started) * 1000
    figures = {
        "eoir33_one_form_p50_ms": round(percentile(one, 0.50), 1),
        "eoir33_one_form_p95_ms": round(percentile(one, 0.95), 1),
        "eoir33_batch_300_ms": round(batch_ms, 0),
        "eoir33_batch_300_mb": round(len(pdf) / 1_000_000, 2),
        "eoir33_bench_seconds": round(time.perf_counter() - started, 1),
    }
    f = figures
    print(
        f"eoir33 one form (2 pages): p50 {f['eoir33_one_form_p50_ms']} ms, p95 "
        f"{f['eoir33_one_form_p95_ms']} ms (target ≤ 40 ms; {SAMPLES} renders) | batch of "
        f"{BATCH} forms ({2 * BATCH} pages): {f['eoir33_batch_300_ms']:.0f} ms, "
        f"{f['eoir33_batch_300_mb']} MB"
    )
    return figures


if __name__ == "__main__":
    main()
