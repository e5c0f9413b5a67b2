"""An administrator replaces the site's court directory: checked whole, stored through the
write path (audited), and a refused list changes nothing."""

from __future__ import annotations

import csv
import io
from importlib import resources
from pathlib import Path

import pytest

from staging.courts.directory import DirectoryRefused, shipped_directory
from staging.courts.nearest import nearest_courts
from staging.courts.site import SETTING_COURT_DIRECTORY, load_court_directory, site_directory
from staging.domain import Role
from staging.errors import NotFound, PermissionDenied
from staging.store.store import Actor, Store

ADMIN = Actor("ana", Role.ADMIN)
DATA = resources.files("staging.courts").joinpath("data")


def write_lists(folder: Path, change=None) -> tuple[Path, Path]:
    """Copies of the shipped files, the courts changed by `change(rows)`."""
    text = DATA.joinpath("courts.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    if change is not None:
        change(rows)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))  # a column removed is not written
    writer.writeheader()
    writer.writerows(rows)
    courts = folder / "courts.csv"
    courts.write_text(out.getvalue(), encoding="utf-8")
    offices = folder / "opla_offices.csv"
    offices.write_bytes(DATA.joinpath("opla_offices.csv").read_bytes())
    return courts, offices


def add_a_court_in_the_el_paso_valley(rows: list[dict[str, str]]) -> None:
    rows.append(
        dict(
            rows[0],
            key="socorro",
            name="Socorro Immigration Court",
            address_line1="1 Main Street",
            address_line2="",
            city="El Paso",
            state="TX",
            zip="79936",
            detained_only="no",
            opla_key="el-paso",
            form_name_2026="",
        )
    )


def audit_entries(store: Store) -> list[tuple[str, str]]:
    return store.db.execute(
        "SELECT user, action FROM audit_log WHERE entity_id = ?", [SETTING_COURT_DIRECTORY]
    ).fetchall()


def test_a_site_uses_the_shipped_directory_until_its_administrator_loads_one(
    store: Store,
) -> None:
    assert site_directory(store) == shipped_directory()


def test_a_loaded_directory_is_the_sites_and_its_loading_is_audited(
    store: Store, tmp_path: Path
) -> None:
    courts, offices = write_lists(tmp_path, add_a_court_in_the_el_paso_valley)
    done = load_court_directory(store, ADMIN, courts, offices)
    assert len(done.value.courts) == len(shipped_directory().courts) + 1
    assert done.changes
    [nearest] = nearest_courts(site_directory(store), "79936", limit=1)
    assert nearest.court.name == "Socorro Immigration Court"
    assert audit_entries(store) == [("ana", "manage_settings:insert")]


@pytest.mark.parametrize(
    "spoil",
    [
        lambda rows: rows[0].update(zip="99999"),
        lambda rows: rows[0].update(opla_key="nowhere"),
        lambda rows: [row.pop("detained_only") for row in rows],
    ],
    ids=["bad zip", "unknown OPLA office", "missing column"],
)
def test_a_refused_list_leaves_the_sites_directory_as_it_was(
    store: Store, tmp_path: Path, spoil
) -> None:
    good = tmp_path / "good"
    good.mkdir()
    load_court_directory(store, ADMIN, *write_lists(good, add_a_court_in_the_el_paso_valley))
    before = store.setting(SETTING_COURT_DIRECTORY)

    def spoiled(rows: list[dict[str, str]]) -> None:
        add_a_court_in_the_el_paso_valley(rows)
        spoil(rows)

    bad = tmp_path / "bad"
    bad.mkdir()
    courts, offices = write_lists(bad, spoiled)
    with pytest.raises(DirectoryRefused) as refused:
        load_court_directory(store, ADMIN, courts, offices)
    assert "courts.csv" in refused.value.message_en
    assert store.setting(SETTING_COURT_DIRECTORY) == before
    assert len(audit_entries(store)) == 1
    assert "socorro" in site_directory(store).courts_by_key


def test_only_an_administrator_replaces_the_directory(store: Store, tmp_path: Path) -> None:
    courts, offices = write_lists(tmp_path)
    with pytest.raises(PermissionDenied):
        load_court_directory(store, Actor("carmen", Role.COORDINATOR), courts, offices)
    assert store.setting(SETTING_COURT_DIRECTORY) is None


def test_a_missing_file_is_said_so(store: Store, tmp_path: Path) -> None:
    courts, _ = write_lists(tmp_path)
    with pytest.raises(NotFound) as missing:
        load_court_directory(store, ADMIN, courts, tmp_path / "oficinas.csv")
    assert "oficinas.csv" in missing.value.message_es
