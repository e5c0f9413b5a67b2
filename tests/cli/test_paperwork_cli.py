"""`staging-site eoir33` and `orientation`: the forms written as PDFs nobody else can read and
never over another file, the proof of service and the orientation recorded through the core."""

from __future__ import annotations

import io
import json
import os
import stat
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any
from unittest import mock

import pdfplumber
import pytest
from pypdf import PdfReader

from cli.main import run
from staging.clock import FrozenClock
from staging.domain import Role
from staging.intake.walk_ins import WalkIn, register_walk_ins
from staging.paperwork.operations import Courts, form_row, prefilled_entry, save_form
from staging.paperwork.queries import OFFICIAL_EOIR33_FILE, OFFICIAL_FORMS_FOLDER
from staging.people import queries
from staging.registration.service import import_registrations
from staging.security.access import add_user, create_site, open_site
from staging.security.keyfile import KdfParams
from staging.wristbands.operations import issue_bands
from tests.conftest import REFERENCE_MOMENT, registration_row, write_registrations
from tests.forms.official_eoir33 import official_like_pdf

FAST = KdfParams(time_cost=1, memory_kib=8, parallelism=1)
PASSWORDS = {"admin": "a-good-password", "carmen": "carmen-password", "sofia": "sofia-password"}
TODAY = date(2021, 3, 1)
EL_PASO_ADDRESS = {
    "us_address_street": "1520 N Mesa St",
    "us_address_city": "El Paso",
    "us_address_state": "TX",
    "us_address_zip": "79902",
    "current_court": "Corte de Inmigración de San Diego",
}


@dataclass
class Output:
    code: int
    out: str
    err: str

    @property
    def data(self) -> Any:
        return json.loads(self.out)


@dataclass
class Site:
    """REG-0001 José and REG-0002 Ana (household H-1, an address in El Paso, a case in San
    Diego), REG-0003 Rosa (H-3, no address yet), Kevin (a walk-in without an A-number).
    Users: admin, carmen (coordinator), sofia (screener)."""

    db: Path
    capsys: pytest.CaptureFixture[str]
    band: str  # José's wristband code
    walk_in: str  # Kevin's person id: a walk-in without an A-number

    def run(self, *argv: str, user: str = "carmen") -> Output:
        self.capsys.readouterr()
        with mock.patch.dict(os.environ, {"STAGING_PASSWORD": PASSWORDS[user]}):
            code = run([*argv, "--db", str(self.db), "--user", user])
        captured = self.capsys.readouterr()
        return Output(code, captured.out, captured.err)

    def open(self) -> Any:
        return open_site(self.db, "admin", PASSWORDS["admin"], clock=FrozenClock(REFERENCE_MOMENT))

    def person_id(self, registration: str) -> str:
        session = self.open()
        try:
            return queries.find_person(session.store, registration)["id"]
        finally:
            session.close()

    def save_complete_form(self, registration: str) -> None:
        """José's form as the desk completes it: the registration's, signed today."""
        session = self.open()
        try:
            person = queries.find_person(session.store, registration)["id"]
            entry = replace(prefilled_entry(session.store, person), signed_on=TODAY)
            courts = Courts(current="san-diego", receiving="el-paso")
            assert save_form(session.store, session.actor, person, entry, courts).value.complete
        finally:
            session.close()

    def form(self, registration: str) -> dict[str, Any] | None:
        session = self.open()
        try:
            person = queries.find_person(session.store, registration)["id"]
            return form_row(session.store, person)
        finally:
            session.close()


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> Site:
    clock = FrozenClock(REFERENCE_MOMENT)
    path = tmp_path / "site.db"
    admin = create_site(path, "admin", PASSWORDS["admin"], clock=clock, kdf=FAST)
    add_user(admin, "carmen", Role.COORDINATOR, PASSWORDS["carmen"], kdf=FAST)
    add_user(admin, "sofia", Role.SCREENER, PASSWORDS["sofia"], kdf=FAST)
    rows = [
        registration_row(1, household_id="H-1", a_number="12345678", **EL_PASO_ADDRESS),
        registration_row(2, household_id="H-1", given_names="Ana", sex="F", **EL_PASO_ADDRESS),
        registration_row(3, given_names="Rosa", sex="F", current_court="El Paso"),
    ]
    store = admin.store
    summary = import_registrations(
        store, admin.actor, write_registrations(tmp_path / "l.csv", rows)
    )
    assert summary.imported == 3, summary.problems
    [walk_in] = register_walk_ins(
        store, admin.actor, [WalkIn("Kevin", "Zelaya", date(2015, 4, 5))]
    ).value
    jose = queries.find_person(store, "REG-0001")["id"]
    band = issue_bands(store, admin.actor, [jose]).value[jose]
    admin.close()
    monkeypatch.setattr("cli.main.open_site", partial(open_site, clock=clock))
    return Site(path, capsys, band, walk_in)


def pdf_pages(path: Path) -> list[str]:
    with pdfplumber.open(path) as document:
        return [" ".join((page.extract_text() or "").split()) for page in document.pages]


# --- printing -----------------------------------------------------------------------------------


def test_without_a_saved_form_the_registration_is_printed_and_said_so(
    site: Site, tmp_path: Path
) -> None:
    out = tmp_path / "jose.pdf"
    printed = site.run("eoir33", "REG-0001", "--pdf", str(out))
    assert printed.code == 0, printed.err
    assert "no form saved yet: filled from the registration" in printed.out
    assert "sin formulario guardado: llenado con el registro" in printed.out
    assert "Filed with / Se presenta en: San Diego Immigration Court" in printed.out
    assert "Moves to / Se traslada a:    El Paso Immigration Court (nearest" in printed.out
    assert stat.S_IMODE(out.stat().st_mode) == 0o600  # names and A-numbers: owner only
    form, cover = pdf_pages(out)
    assert "Pérez1 Gómez, José, Luis" in form
    assert "A 012 345 678" in form
    assert "1520 N Mesa St" in form and "El Paso, TX 79902" in form
    assert "Immigration Court Name San Diego 880 Front Street Suite 4240 San Diego, CA" in cover
    assert site.form("REG-0001") is None  # printing a prefill saves nothing


def test_a_household_is_printed_at_once_from_a_wristband_with_its_next_steps(
    site: Site, tmp_path: Path
) -> None:
    site.save_complete_form("REG-0001")
    forms, sheets = tmp_path / "h1.pdf", tmp_path / "h1-pasos.pdf"
    printed = site.run(
        "eoir33", site.band, "--household", "--pdf", str(forms), "--next-steps", str(sheets),
        "--json",
    )  # fmt: skip
    assert printed.code == 0, printed.err
    report = printed.data
    assert [(f["registration_id"], f["source"]) for f in report["forms"]] == [
        ("REG-0001", "complete"),
        ("REG-0002", "registration"),
    ]
    assert report["forms"][0]["a_number"] == "012345678"
    assert report["forms"][0]["opla_office"] == "san-diego"
    assert (report["template"], report["next_steps"]) == ("replica", str(sheets))
    assert len(pdf_pages(forms)) == 4
    first, second = pdf_pages(sheets)
    assert "Sus próximos pasos" in first and "A 012 345 678" in first
    assert "Ana" in second
    assert site.form("REG-0001")["printed_at"]  # the complete form is marked printed


def test_the_next_steps_sheet_can_put_english_first(site: Site, tmp_path: Path) -> None:
    sheets = tmp_path / "steps.pdf"
    printed = site.run(
        "eoir33", "A-012-345-678", "--pdf", str(tmp_path / "f.pdf"), "--next-steps",
        str(sheets), "--language", "en",
    )  # fmt: skip
    assert printed.code == 0, printed.err
    (page,) = pdf_pages(sheets)
    assert page.index("Your next steps") < page.index("Sus próximos pasos")


def test_the_official_pdf_placed_beside_the_site_is_filled(site: Site, tmp_path: Path) -> None:
    folder = site.db.parent / OFFICIAL_FORMS_FOLDER
    folder.mkdir()
    (folder / OFFICIAL_EOIR33_FILE).write_bytes(official_like_pdf())
    out = tmp_path / "official.pdf"
    printed = site.run("eoir33", "REG-0001", "--pdf", str(out), "--json")
    assert printed.code == 0, printed.err
    assert printed.data["template"] == "official"
    fields = PdfReader(io.BytesIO(out.read_bytes())).get_fields() or {}
    assert fields["A-Number"]["/V"] == "A 012 345 678"


@pytest.mark.parametrize("existing", ["pdf", "next-steps"])
def test_an_existing_file_is_never_overwritten(site: Site, tmp_path: Path, existing: str) -> None:
    forms, sheets = tmp_path / "forms.pdf", tmp_path / "steps.pdf"
    taken = forms if existing == "pdf" else sheets
    taken.write_text("someone else's file")
    printed = site.run("eoir33", "REG-0001", "--pdf", str(forms), "--next-steps", str(sheets))
    assert printed.code == 1
    assert f"{taken} already exists: choose a new file name" in printed.err
    assert f"{taken} ya existe: elija un nombre de archivo nuevo" in printed.err
    assert taken.read_text() == "someone else's file"
    assert not (sheets if existing == "pdf" else forms).exists()  # nothing half written


def test_a_folder_that_does_not_exist_is_named(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "no-such-folder" / "x.pdf"
    printed = site.run("eoir33", "REG-0001", "--pdf", str(out))
    assert printed.code == 1
    assert f"Could not write {out}" in printed.err and f"No se pudo escribir {out}" in printed.err


def test_an_unknown_person_exits_1_in_both_languages(site: Site, tmp_path: Path) -> None:
    printed = site.run("eoir33", "REG-9999", "--pdf", str(tmp_path / "x.pdf"))
    assert printed.code == 1
    assert "No person with registration id, A-number or wristband 'REG-9999'" in printed.err
    assert "No hay ninguna persona" in printed.err
    assert not (tmp_path / "x.pdf").exists()


def test_someone_without_an_a_number_has_no_form(site: Site, tmp_path: Path) -> None:
    printed = site.run("eoir33", site.walk_in, "--pdf", str(tmp_path / "x.pdf"))
    assert printed.code == 1
    assert "has no A-number" in printed.err and "no tiene número A" in printed.err


def test_a_screener_does_not_print_forms(site: Site, tmp_path: Path) -> None:
    printed = site.run("eoir33", "REG-0001", "--pdf", str(tmp_path / "x.pdf"), user="sofia")
    assert printed.code == 1
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["eoir33", "REG-0001"], "needs --pdf"),
        (["eoir33", "REG-0001", "--pdf", "x.pdf", "--server", "Carmen"], "does not take --server"),
        (["eoir33", "mark-served", "REG-0001", "--date", "2021-03-01"], "needs --server, --method"),
        (["eoir33", "mark-served", "--server", "C", "--date", "2021-03-01", "--method", "mail"],
         "needs PERSON"),
        (["eoir33", "REG-0001", "--pdf", "same.pdf", "--next-steps", "same.pdf"],
         "two different files"),
    ],
)  # fmt: skip
def test_a_wrong_combination_is_a_usage_error(site: Site, argv: list[str], said: str) -> None:
    printed = site.run(*argv)
    assert printed.code == 2
    assert said in printed.err


# --- service and orientation --------------------------------------------------------------------


def test_a_form_is_served_on_the_current_courts_opla_office(site: Site, tmp_path: Path) -> None:
    site.save_complete_form("REG-0001")
    served = site.run(
        "eoir33", "mark-served", "REG-0001", "--server", "Carmen Ruiz Beltrán", "--date",
        "2021-03-01", "--method", "in-person", "--json",
    )  # fmt: skip
    assert served.code == 0, served.err
    assert served.data["opla_office"] == "san-diego"
    row = site.form("REG-0001")
    assert (row["server_name"], row["served_on"], row["service_method"]) == (
        "Carmen Ruiz Beltrán",
        "2021-03-01",
        "in_person",
    )
    out = tmp_path / "served.pdf"
    printed = site.run("eoir33", "REG-0001", "--pdf", str(out))
    assert "saved form, served / formulario guardado, entregado" in printed.out
    form, _ = pdf_pages(out)
    assert "Carmen Ruiz Beltrán" in form
    assert "Office of the Principal Legal Advisor, San Diego" in form


def test_a_form_not_complete_or_a_future_date_is_not_served(site: Site) -> None:
    serve = ("eoir33", "mark-served", "REG-0001", "--server", "Carmen", "--method", "mail")
    draft = site.run(*serve, "--date", "2021-03-01")
    assert draft.code == 1 and "Complete and save the form first" in draft.err
    site.save_complete_form("REG-0001")
    future = site.run(*serve, "--date", "2021-03-02")
    assert future.code == 1
    assert "is in the future" in future.err and "está en el futuro" in future.err
    assert site.form("REG-0001")["served_at"] is None


def test_an_orientation_is_recorded_for_everyone_named(site: Site) -> None:
    recorded = site.run(
        "orientation", "REG-0001", "REG-0003", "--date", "2021-03-01", "--provider",
        "Al Otro Lado", "--json",
    )  # fmt: skip
    assert recorded.code == 0, recorded.err
    assert recorded.data["recorded"] == 2
    session = site.open()
    try:
        for registration in ("REG-0001", "REG-0003"):
            record = queries.find_person(session.store, registration)
            assert record["legal_orientation_on"] == "2021-03-01"
        assert queries.find_person(session.store, "REG-0002")["legal_orientation_on"] is None
    finally:
        session.close()
    later = site.run("orientation", "REG-0002", "--date", "2021-03-05", "--provider", "JFS")
    assert later.code == 1 and "in the future" in later.err
