"""Rebuild the court directory the app ships (staging/courts/data/) from the public source lists.

    .venv/bin/python tools/build_court_directory.py SOURCE_FOLDER

SOURCE_FOLDER holds the four CSVs its README.md describes: the court drop-down of Form
EOIR-33/IC (Rev. Feb. 2026), EOIR's court roster, ICE's court -> OPLA handout and ICE's OPLA
office list. The two files written, `courts.csv` and `opla_offices.csv`, have the columns an
administrator edits and loads with `staging-site courts load`; `staging/courts/data/SOURCES.md`
says where each column comes from and why each disputed value was kept. Every choice between
sources is in a table below, checked against the sources on each run: a source that changes
under a choice stops the build instead of slipping into the directory. The result is read back
with the app's own checks before anything is written.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from staging.courts.directory import COURT_COLUMNS, OPLA_COLUMNS, read_directory  # noqa: E402

OUTPUT = ROOT / "staging" / "courts" / "data"

DROPDOWN = "eoir33ic_dropdown_courts_rev_feb2026.csv"
ROSTER = "eoir_court_roster_apexfiling_seed.csv"
HANDOUT = "court_to_opla_mapping.csv"
OPLA_LIST = "opla_offices_ice_list.csv"


class Note(NamedTuple):
    en: str
    es: str


# EOIR's roster courts with no address in any source: adjudication centres, which hear cases by
# video and have no public counter, so no one is sent to one.
NO_ADDRESS = frozenset(
    {
        "Falls Church IAC Immigration Court",
        "Fort Worth IAC Immigration Court",
        "Richmond IAC Immigration Court",
    }
)
# The roster's name for a court when it is not "<handout key> Immigration Court".
ROSTER_NAMES = {
    "Guaynabo (San Juan)": "Guaynabo Immigration Court",
    "Miami Krome": "Miami Krome (Detained) Immigration Court",
}
# ICE's list uses one label for two offices in Atlanta and in Los Angeles: told apart by street.
OPLA_KEYS_BY_STREET = {
    "180 Ted Turner Drive": "atlanta-ted-turner-drive",
    "401 W. Peachtree Street": "atlanta-peachtree-street",
    "606 South Olive Street": "los-angeles-olive-street",
    "300 N. Los Angeles Street": "los-angeles-north-los-angeles-street",
}
# The handout's OPLA label -> the office of ICE's list at the same address (checked: street
# number and ZIP of the office's street or mailing address).
HANDOUT_OFFICES = {
    "OPLA Adelanto": "adelanto",
    "OPLA Annandale": "annandale",
    "OPLA Atlanta (Peachtree St)": "atlanta-peachtree-street",
    "OPLA Atlanta (Ted Turner Drive)": "atlanta-ted-turner-drive",
    "OPLA Aurora": "centennial",
    "OPLA Baltimore": "baltimore",
    "OPLA Batavia": "batavia",
    "OPLA Boston": "boston",
    "OPLA Brooklyn Heights": "brooklyn-heights",
    "OPLA Buffalo": "buffalo",
    "OPLA Centennial": "centennial",
    "OPLA Chaparral": "chaparral",
    "OPLA Charlotte": "charlotte",
    "OPLA Chicago": "chicago",
    "OPLA Concord": "san-francisco",
    "OPLA Conroe": "conroe",
    "OPLA Dallas": "irving",
    "OPLA Detroit": "detroit",
    "OPLA El Paso": "el-paso",
    "OPLA Eloy": "eloy",
    "OPLA Florence": "florence",
    "OPLA Fort Snelling": "fort-snelling",
    "OPLA Guaynabo": "guaynabo",
    "OPLA Harlingen": "harlingen",
    "OPLA Hartford": "hartford",
    "OPLA Honolulu": "honolulu",
    "OPLA Houston": "houston",
    "OPLA Jena": "jena",
    "OPLA Kansas City": "kansas-city",
    "OPLA Las Vegas": "las-vegas",
    "OPLA Los Angeles (N. Los Angeles St.)": "los-angeles-north-los-angeles-street",
    "OPLA Los Angeles (Olive St.)": "los-angeles-olive-street",
    "OPLA Los Angeles (Santa Ana)": "santa-ana",
    "OPLA Los Angeles (Van Nuys)": "van-nuys",
    "OPLA Lumpkin": "lumpkin",
    "OPLA Memphis": "memphis",
    "OPLA Miami": "miami",
    "OPLA Miami (Krome)": "miami-krome",
    "OPLA New Orleans": "new-orleans",
    "OPLA New York (290 Broadway)": "new-york",
    "OPLA New York (Federal Plaza)": "new-york",
    "OPLA New York (Newburgh)": "newburgh",
    "OPLA New York (Varick)": "new-york-varick",
    "OPLA Newark": "newark",
    "OPLA Oakdale": "oakdale",
    "OPLA Omaha": "omaha",
    "OPLA Orlando": "orlando",
    "OPLA Pearsall": "pearsall",
    "OPLA Philadelphia": "philadelphia",
    "OPLA Phoenix": "phoenix",
    "OPLA Port Isabel": "los-fresnos",
    "OPLA Portland": "portland",
    "OPLA Sacramento": "sacramento",
    "OPLA Salt Lake City": "west-valley-city",
    "OPLA San Antonio": "san-antonio",
    "OPLA San Diego (Front St.)": "san-diego",
    "OPLA San Diego (Otay Mesa)": "san-diego-otay-mesa",
    "OPLA San Francisco (Montgomery St.)": "san-francisco",
    "OPLA Seattle": "seattle",
    "OPLA Sterling": "sterling",
    "OPLA Tacoma": "tacoma",
    "OPLA Tucson": "tucson",
    "Elizabeth Detention Facility": "elizabeth",
}
# An office the handout names and ICE's list lacks: kept as the handout prints it.
HANDOUT_ONLY_OFFICES = {
    "OPLA Laredo": (
        "laredo",
        "Office of the Principal Legal Advisor, Laredo",
        Note(
            "Only in ICE's handout, not in ICE's OPLA list: no phone number is known.",
            "Solo en la hoja de ICE, no en la lista de oficinas OPLA de ICE: no se conoce su"
            " teléfono.",
        ),
    )
}
# Where the handout's address for an office differs from ICE's own list of its offices. The list
# is the more specific source for an office (its own entry, with phone and area), so its value is
# kept, and the doubt shows on the office. With the handout's street as printed (checked).
OPLA_CONFLICTS: dict[str, tuple[str, Note]] = {
    "orlando": (
        "500 North Orange Avenue, Suite 500",
        Note(
            "ICE's handout gives Suite 500, ICE's OPLA list Suite 5000 (kept): confirm the suite"
            " before mailing.",
            "La hoja de ICE indica la Suite 500 y la lista de oficinas OPLA de ICE la Suite 5000"
            " (la que se usa): confirme la suite antes de enviar.",
        ),
    ),
    "new-orleans": (
        "1250 Poydras Street, Suite 2100",
        Note(
            "ICE's handout gives 1250 Poydras Street, Suite 2100, New Orleans, LA 70113; ICE's"
            " OPLA list 423 Canal Street, Suite 450 (kept): confirm the address before mailing.",
            "La hoja de ICE indica 1250 Poydras Street, Suite 2100, New Orleans, LA 70113; la"
            " lista de oficinas OPLA de ICE, 423 Canal Street, Suite 450 (la que se usa):"
            " confirme la dirección antes de enviar.",
        ),
    ),
    "santa-ana": (
        "1231 E. Dyer Road, Suite 155",
        Note(
            "ICE's handout gives 1231 E. Dyer Road, Suite 155; ICE's OPLA list 1251 E. Dyer"
            " Road, Suite 200 (kept): confirm the address before mailing.",
            "La hoja de ICE indica 1231 E. Dyer Road, Suite 155; la lista de oficinas OPLA de ICE,"
            " 1251 E. Dyer Road, Suite 200 (la que se usa): confirme la dirección antes de enviar.",
        ),
    ),
    "charlotte": (
        "701 Executive Center Drive, Suite 300",
        Note(
            "ICE's handout gives 701 Executive Center Drive; ICE's OPLA list 5701 (kept, the"
            " court's own number on that road): confirm before mailing.",
            "La hoja de ICE indica 701 Executive Center Drive; la lista de oficinas OPLA de ICE,"
            " 5701 (el que se usa, el mismo número que la corte en esa calle): confirme antes de"
            " enviar.",
        ),
    ),
}
# Other doubts about an office, from the sources' own notes.
OPLA_NOTES: dict[str, Note] = {
    "miami": Note(
        "A copy of ICE's handout printed a Puerto Rico address for this office by mistake; both"
        " sources now give Suite 200: confirm the suite before mailing.",
        "Una copia de la hoja de ICE imprimió por error una dirección de Puerto Rico para esta"
        " oficina; ambas fuentes indican ahora la Suite 200: confirme la suite antes de enviar.",
    ),
    "sacramento": Note(
        "ICE's OPLA list gives no street for this office, only the mailing address above, in"
        " San Francisco.",
        "La lista de oficinas OPLA de ICE no da calle para esta oficina, solo la dirección postal"
        " de arriba, en San Francisco.",
    ),
}
# Where the handout's office for a court is evidently wrong: (address printed, office kept, note).
OPLA_OVERRIDES: dict[str, tuple[str, str, Note]] = {
    "Imperial": (
        "15 Governor Drive | Newburgh, NY 12550",
        "imperial",
        Note(
            "ICE's handout names the Newburgh, NY office for this court, an evident error; the"
            " Imperial office of ICE's OPLA list is used: confirm before serving.",
            "La hoja de ICE indica la oficina de Newburgh, NY para esta corte, un error evidente;"
            " se usa la oficina de Imperial de la lista OPLA de ICE: confirme antes de notificar.",
        ),
    ),
}
# Courts the handout lacks: the office whose area of responsibility (ICE's list) covers them.
OPLA_BY_AREA: dict[str, tuple[str, str]] = {
    "Baton Rouge": ("new-orleans", "Louisiana"),
    "Houston - Jefferson Street": ("houston", "Southeast Texas"),
    "Saipan": ("honolulu", "Saipan"),
}
# Doubts about a court's own address, docket or office.
COURT_NOTES: dict[str, Note] = {
    "Indianapolis": Note(
        "ICE's handout gives 950 N. Meridian Street, Suite 185; EOIR's form and court list give"
        " 575 N. Pennsylvania Street, Suite 617 (kept). The handout serves DHS at OPLA Chicago;"
        " ICE's OPLA list also has an Indianapolis office (575 N. Pennsylvania Street, Suite 646):"
        " confirm which one with the court.",
        "La hoja de ICE indica 950 N. Meridian Street, Suite 185; el formulario y la lista de"
        " cortes de EOIR, 575 N. Pennsylvania Street, Suite 617 (la que se usa). La hoja notifica"
        " a DHS en OPLA Chicago; la lista OPLA de ICE tiene también una oficina en Indianápolis"
        " (575 N. Pennsylvania Street, Suite 646): confirme cuál con la corte.",
    ),
    "New York - Varick": Note(
        "The Feb. 2026 form's drop-down prints ZIP 10007 (that of 290 Broadway); EOIR's court"
        " list and ICE's handout give 10014 (kept), the ZIP of 201 Varick Street.",
        "La lista desplegable del formulario de feb. 2026 imprime el código postal 10007 (el de"
        " 290 Broadway); la lista de cortes de EOIR y la hoja de ICE indican 10014 (el que se"
        " usa), el de 201 Varick Street.",
    ),
    "Saipan": Note(
        "Mailing address of EOIR's form; the court sits at Marina Heights II Building, Suite 301,"
        " Marina Heights Business Park. No source names its OPLA office: OPLA Honolulu's area"
        " includes Saipan.",
        "Dirección postal del formulario de EOIR; la corte está en Marina Heights II Building,"
        " Suite 301, Marina Heights Business Park. Ninguna fuente indica su oficina OPLA: el área"
        " de OPLA Honolulu incluye Saipán.",
    ),
    "Baton Rouge": Note(
        "Only in EOIR's Feb. 2026 form. No source names its OPLA office: OPLA New Orleans's area"
        " includes Louisiana; confirm before serving.",
        "Solo en el formulario de EOIR de feb. 2026. Ninguna fuente indica su oficina OPLA: el"
        " área de OPLA Nueva Orleans incluye Luisiana; confirme antes de notificar.",
    ),
    "Houston - Jefferson Street": Note(
        "Not in ICE's handout: no source names its OPLA office or says whether it is detained-"
        "only. OPLA Houston's area is Southeast Texas; confirm before serving.",
        "No está en la hoja de ICE: ninguna fuente indica su oficina OPLA ni si es solo para"
        " detenidos. El área de OPLA Houston es el sureste de Texas; confirme antes de notificar.",
    ),
    "San Francisco": Note(
        "EOIR announced in 2026 that this court closes or is reorganised, and it is not in the"
        " Feb. 2026 form: confirm it still takes cases before filing or proposing it.",
        "EOIR anunció en 2026 el cierre o la reorganización de esta corte, que no figura en el"
        " formulario de feb. 2026: confirme que sigue recibiendo casos antes de usarla.",
    ),
    "Hyattsville": Note(
        "ICE's handout serves DHS for this court at OPLA Baltimore; ICE's OPLA list also has a"
        " Hyattsville office: confirm which one with the court.",
        "La hoja de ICE notifica a DHS para esta corte en OPLA Baltimore; la lista OPLA de ICE"
        " tiene también una oficina en Hyattsville: confirme cuál con la corte.",
    ),
    "Oakdale": Note(
        "Not marked detained-only in ICE's handout, but it sits by the detention centres of"
        " E. Whatley Road: confirm it hears cases of people who are not detained.",
        "La hoja de ICE no la marca como solo para detenidos, pero está junto a los centros de"
        " detención de E. Whatley Road: confirme que atiende casos de personas no detenidas.",
    ),
    "Ulster": Note(
        "Not marked detained-only in ICE's handout, but it sits in a state prison at Napanoch:"
        " confirm it hears cases of people who are not detained.",
        "La hoja de ICE no la marca como solo para detenidos, pero está en una prisión estatal en"
        " Napanoch: confirme que atiende casos de personas no detenidas.",
    ),
}
# The form's drop-down prints the Broadway court's ZIP under the Varick court (see its note).
ZIP_OVERRIDES = {"New York - Varick": ("10007", "10014")}

_CITY_LINE = re.compile(r"(?P<city>.+), (?P<state>[A-Z]{2}) (?P<zip>\d{5}(?:-\d{4})?)")
# "500 12th Street SW, Mail Stop 5902, Washington, D.C. 20536-5902"
_ADDRESS = re.compile(
    r"(?P<street>.+), (?P<city>[^,]+), (?P<state>[A-Z]\.?[A-Z]\.?) (?P<zip>\d{5}(?:-\d{4})?)"
)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def read_rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def two_lines(parts: list[str]) -> tuple[str, str]:
    """At most two street lines, as the 2026 form prints a court (Address1, Address2)."""
    kept = [part for part in parts if part]
    if len(kept) > 2:
        kept = [kept[0], ", ".join(kept[1:])]
    first, second, *_ = [*kept, "", ""]
    return first, second


def street_number(text: str) -> str:
    found = re.search(r"\d+", text)
    return found.group() if found else ""


def notes(note: Note | None) -> dict[str, str]:
    return {"note": note.en if note else "", "note_es": note.es if note else ""}


class Offices(NamedTuple):
    rows: dict[str, dict[str, str]]
    # (street number, 5-digit ZIP) of each address an office is known at, to check the handout.
    addresses: dict[str, set[tuple[str, str]]]
    areas: dict[str, str]


def build_offices(folder: Path, handout: dict[str, dict[str, str]]) -> Offices:
    offices = Offices({}, {}, {})
    for row in read_rows(folder, OPLA_LIST):
        parts = [part.strip() for part in row["address_lines"].split(";")]
        key = next(
            (key for street, key in OPLA_KEYS_BY_STREET.items() if street in row["address_lines"]),
            slug(row["label"]),
        )
        if key in offices.rows:
            raise SystemExit(f"two OPLA offices would be {key!r}: add one to OPLA_KEYS_BY_STREET")
        office = {"key": key, "name": row["office_name"], "phone": row["phone"]}
        place = {"city": row["city"], "state": row["state"], "zip": row["zip"]}
        lines = two_lines(parts)
        offices.addresses[key] = {(street_number(row["address_lines"]), row["zip"][:5])}
        note = OPLA_CONFLICTS[key][1] if key in OPLA_CONFLICTS else OPLA_NOTES.get(key)
        if row["mailing_address"]:
            # ICE asks for mail there: a copy served by mail goes to it.
            mailing = _ADDRESS.fullmatch(row["mailing_address"])
            if mailing is None:
                raise SystemExit(f"cannot read the mailing address of {key}")
            lines = two_lines([mailing["street"]])
            place = {
                "city": mailing["city"],
                "state": mailing["state"].replace(".", ""),
                "zip": mailing["zip"],
            }
            offices.addresses[key].add((street_number(mailing["street"]), mailing["zip"][:5]))
            if note is None:
                where = f"{', '.join(parts)}, {row['city']}, {row['state']} {row['zip']}"
                note = Note(
                    f"The office is at {where}; ICE asks for mail at the address above.",
                    f"La oficina está en {where}; ICE pide el correo en la dirección de arriba.",
                )
        address = {"address_line1": lines[0], "address_line2": lines[1]}
        offices.rows[key] = office | address | place | notes(note)
        offices.areas[key] = row["area_of_responsibility"]
    for label, (key, name, note) in HANDOUT_ONLY_OFFICES.items():
        printed = next(
            row["opla_service_address_lines_pipe_separated"]
            for row in handout.values()
            if row["opla_service_address_lines_pipe_separated"].startswith(f"{label} |")
        )
        parts = [part.strip() for part in printed.split("|")]
        city_line = _CITY_LINE.fullmatch(parts[-1])
        if city_line is None:
            raise SystemExit(f"cannot read the handout's address of {label}")
        lines = two_lines(parts[1:-1])
        offices.rows[key] = {
            "key": key,
            "name": name,
            "address_line1": lines[0],
            "address_line2": lines[1],
            "city": city_line["city"],
            "state": city_line["state"],
            "zip": city_line["zip"],
            "phone": "",
        } | notes(note)
    return offices


def handout_office(court: str, printed: str, offices: Offices) -> tuple[str, Note | None]:
    """The office the handout names for a court, checked against ICE's list (or a table above)."""
    label, _, rest = printed.partition(" | ")
    if court in OPLA_OVERRIDES:
        expected, kept, note = OPLA_OVERRIDES[court]
        if expected not in rest:
            raise SystemExit(f"{court}: the handout no longer prints {expected!r}")
        return kept, note
    if label in HANDOUT_ONLY_OFFICES:
        return HANDOUT_ONLY_OFFICES[label][0], None
    office = HANDOUT_OFFICES[label]
    if office in OPLA_CONFLICTS:
        if OPLA_CONFLICTS[office][0] not in rest:
            raise SystemExit(f"{court}: the handout no longer prints {OPLA_CONFLICTS[office][0]}")
        return office, None
    street, city_line = rest.rsplit(" | ", 1)
    found = _CITY_LINE.fullmatch(city_line.replace("D.C.", "DC"))
    if found is None:
        raise SystemExit(f"{court}: cannot read the handout's city line {city_line!r}")
    if (street_number(street), found["zip"][:5]) not in offices.addresses[office]:
        raise SystemExit(f"{court}: the handout's {rest!r} is not an address of {office}")
    return office, None


def build(folder: Path) -> tuple[str, str]:
    dropdown = {row["dropdown_name"]: row for row in read_rows(folder, DROPDOWN)}
    roster = {row["name"]: row for row in read_rows(folder, ROSTER)}
    handout = {row["key"]: row for row in read_rows(folder, HANDOUT)}
    offices = build_offices(folder, handout)
    named = {ROSTER_NAMES.get(key, f"{key} Immigration Court") for key in {*handout, *dropdown}}
    unplaced = set(roster) - named - NO_ADDRESS
    if unplaced:
        raise SystemExit(f"courts of EOIR's roster in no other source: {sorted(unplaced)}")

    courts = []
    for court in sorted({*dropdown, *handout}):
        form_row = dropdown.get(court)
        roster_row = roster.get(ROSTER_NAMES.get(court, f"{court} Immigration Court"))
        handout_row = handout.get(court)
        # The court's name as EOIR's court finder gives it, else as the handout does.
        if roster_row is not None:
            name = roster_row["name"]
        elif handout_row is not None:
            name = handout_row["court_name"]
        else:
            name = f"{court} Immigration Court"
        # The address EOIR's own form prints under the court, else EOIR's roster, else ICE's.
        if form_row is not None:
            lines = two_lines([form_row["address_line1"], form_row["address_line2"]])
            place = (form_row["city"], form_row["state"], form_row["zip"])
        elif roster_row is not None and roster_row["address_line1"]:
            lines = two_lines([roster_row["address_line1"], roster_row["address_line2"]])
            place = (roster_row["city"], roster_row["state"], roster_row["postal_code"])
        else:
            assert handout_row is not None  # the court is in the drop-down or the handout
            found = _CITY_LINE.fullmatch(handout_row["court_city_state_zip"])
            if found is None:
                raise SystemExit(f"{court}: cannot read {handout_row['court_city_state_zip']!r}")
            lines = two_lines([handout_row["court_street"]])
            place = (found["city"], found["state"], found["zip"])
        city, state, zip_code = place
        if court in ZIP_OVERRIDES:
            printed, kept = ZIP_OVERRIDES[court]
            if zip_code != printed:
                raise SystemExit(f"{court}: the ZIP is no longer {printed}")
            zip_code = kept
        note = COURT_NOTES.get(court)
        if handout_row is None:
            office, area = OPLA_BY_AREA[court]
            if area not in offices.areas[office]:
                raise SystemExit(f"{court}: {office}'s area no longer includes {area}")
            detained = False
        else:
            printed = handout_row["opla_service_address_lines_pipe_separated"]
            office, office_note = handout_office(court, printed, offices)
            note = note or office_note
            detained = {"True": True, "False": False}[handout_row["detained_only"]]
        courts.append(
            {
                "key": slug(court),
                "name": name,
                "address_line1": lines[0],
                "address_line2": lines[1],
                "city": city,
                "state": state,
                "zip": zip_code,
                "detained_only": "yes" if detained else "no",
                "opla_key": office,
                "form_name_2026": court if form_row is not None else "",
            }
            | notes(note)
        )
    return to_csv(COURT_COLUMNS, courts), to_csv(
        OPLA_COLUMNS, [offices.rows[key] for key in sorted(offices.rows)]
    )


def to_csv(columns: tuple[str, ...], rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("source", type=Path, help="folder with the four source CSVs")
    parser.add_argument("--out", type=Path, default=OUTPUT, help="default: %(default)s")
    args = parser.parse_args()
    courts, opla = build(args.source)
    directory = read_directory(courts.encode(), opla.encode())  # the app's own checks first
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "courts.csv").write_text(courts, encoding="utf-8")
    (args.out / "opla_offices.csv").write_text(opla, encoding="utf-8")
    print(f"{len(directory.courts)} courts, {len(directory.opla_offices)} OPLA offices: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
