"""Printing Form EOIR-33/IC: one person's form, and a day's list at once.

Targets: one form (two pages) ≤ 40 ms p50 and p95, measured over 50 renders of different
people after one warm-up render (the first registers the fonts); a batch of 300 forms (a busy
day's departures) in one PDF, with its time and file size, since the file goes to the print
spooler in one piece.

Then the whole path at 100,000 people, on a copy of the import benchmark's encrypted site:
saving a form (`save_form`: checks, courts, audit entry and change log, `synchronous=FULL`),
reading a household's forms back with their courts (`forms_to_print`) and drawing them
(`eoir33_pdf`), as the desk's Print does for the person at the table, and a day's list of 300
forms read and drawn at once.
"""

from __future__ import annotations

import random
import shutil
import time
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path

from bench.bench_import import DATABASES, bench_key
from bench.common import BENCH_ACTOR, OUT, bench_clock, percentile, timed
from forms.eoir33.build import eoir33_pdf
from forms.eoir33.model import Address, Eoir33Form, Office, ProofOfService, Revision
from forms.eoir33.paper import render_eoir33
from staging.audit.keys import audit_key_path, device_audit_key
from staging.courts.site import site_directory
from staging.paperwork.courts import court_choice
from staging.paperwork.operations import Courts, prefilled_entry, save_form
from staging.paperwork.queries import forms_to_print, household_ids
from staging.people import queries
from staging.store.store import Store

SAMPLES = 50
BATCH = 300
HOUSEHOLDS = 30  # households of 2 to 7 with a case and an address, printed one at a time
SCRATCH = OUT / "bench-eoir33.db"
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


def whole_path() -> dict[str, float]:
    """Forms saved, then read back and drawn, on a copy of the 100,000-person site."""
    database = _scratch_copy()
    store = Store.open(
        database, key=bench_key(), clock=bench_clock(), audit_key=device_audit_key(database)
    )
    try:
        rng = random.Random(31)
        day = rng.sample(_with_address(store, "person"), BATCH)
        heads = rng.sample(_with_address(store, "household"), HOUSEHOLDS)
        members = [m for head in heads for m in household_ids(store, head) if m not in day]
        directory = site_directory(store)
        saves = []
        for person_id in [*day, *members]:
            record = queries.find_person(store, person_id)
            entry = replace(
                prefilled_entry(store, person_id),
                former_street="Calle Emiliano Zapata 2315",
                former_city="Tijuana",
                signed_on=store.today(),
            )
            choice = court_choice(directory, record["current_court"], "", "", entry.current_zip)
            courts = Courts(
                current=choice.current.key if choice.current else "",
                receiving=choice.proposed.court.key if choice.proposed else "",
            )
            saves.append(timed(partial(save_form, store, BENCH_ACTOR, person_id, entry, courts)))
        eoir33_pdf(forms_to_print(store, household_ids(store, heads[0])))  # caches warm
        read, drawn, sizes = [], [], []
        for head in heads:
            started = time.perf_counter()
            forms = forms_to_print(store, household_ids(store, head))
            read.append((time.perf_counter() - started) * 1000)
            sizes.append(len(forms))
            drawn.append(timed(lambda forms=forms: eoir33_pdf(forms)))
        started = time.perf_counter()
        day_forms = forms_to_print(store, day)
        day_read = (time.perf_counter() - started) * 1000
        day_drawn = timed(lambda: eoir33_pdf(day_forms))
    finally:
        store.close()
        _remove_scratch()
    household = [r + d for r, d in zip(read, drawn, strict=True)]
    return {
        "eoir33_save_form_p50_ms": round(percentile(saves, 0.50), 1),
        "eoir33_save_form_p95_ms": round(percentile(saves, 0.95), 1),
        "eoir33_household_read_p50_ms": round(percentile(read, 0.50), 1),
        "eoir33_household_print_p50_ms": round(percentile(household, 0.50), 1),
        "eoir33_household_print_p95_ms": round(percentile(household, 0.95), 1),
        "eoir33_household_forms_mean": round(sum(sizes) / len(sizes), 1),
        "eoir33_day_300_read_ms": round(day_read, 0),
        "eoir33_day_300_print_ms": round(day_read + day_drawn, 0),
    }


def _with_address(store: Store, what: str) -> list[str]:
    """People (or one person per household of 2 or more) with a case and a US address."""
    if what == "person":
        sql = "SELECT id FROM person WHERE a_number IS NOT NULL AND us_address_zip != ''"
    else:
        sql = (
            "SELECT min(id) FROM person WHERE a_number IS NOT NULL AND us_address_zip != '' "
            "GROUP BY household_id HAVING count(*) >= 2"
        )
    return sorted(row[0] for row in store.db.execute(sql))


def _scratch_copy() -> Path:
    """A copy of the encrypted site, so the other benchmarks' site stays as the import left it."""
    source = DATABASES["encrypted"]
    _remove_scratch()
    shutil.copy(source, SCRATCH)
    shutil.copy(audit_key_path(source), audit_key_path(SCRATCH))
    return SCRATCH


def _remove_scratch() -> None:
    for leftover in SCRATCH.parent.glob(SCRATCH.name + "*"):
        leftover.unlink()


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
    }
    f = figures
    print(
        f"eoir33 one form (2 pages): p50 {f['eoir33_one_form_p50_ms']} ms, p95 "
        f"{f['eoir33_one_form_p95_ms']} ms (target ≤ 40 ms; {SAMPLES} renders) | batch of "
        f"{BATCH} forms ({2 * BATCH} pages): {f['eoir33_batch_300_ms']:.0f} ms, "
        f"{f['eoir33_batch_300_mb']} MB"
    )
    figures |= whole_path()
    figures["eoir33_bench_seconds"] = round(time.perf_counter() - started, 1)
    print(
        f"eoir33 at 100,000 people: save_form p50 {f['eoir33_save_form_p50_ms']} ms, p95 "
        f"{f['eoir33_save_form_p95_ms']} ms | a household's forms (mean "
        f"{f['eoir33_household_forms_mean']}) read + drawn: p50 "
        f"{f['eoir33_household_print_p50_ms']} ms, p95 {f['eoir33_household_print_p95_ms']} ms "
        f"(read alone p50 {f['eoir33_household_read_p50_ms']} ms; {HOUSEHOLDS} households) | "
        f"a day's {BATCH} forms read {f['eoir33_day_300_read_ms']:.0f} ms, read + drawn "
        f"{f['eoir33_day_300_print_ms']:.0f} ms"
    )
    return figures


if __name__ == "__main__":
    main()
