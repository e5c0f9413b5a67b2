"""Importing registration lists into the site: counts, rejects, updates, conflicts, duplicates."""

from __future__ import annotations

import csv
import json
import unicodedata
from pathlib import Path

import openpyxl
import pytest
import sqlcipher3

from staging.audit.chain import verify_chain
from staging.errors import PermissionDenied
from staging.people import queries
from staging.registration import service
from staging.registration.problems import ImportFileError
from staging.registration.rejects import NothingImported
from staging.registration.service import import_registrations
from staging.store.store import Actor, Store
from tests.conftest import audit_keys, registration_row, write_registrations

SPANISH_HEADER = [
    "ID Registro",
    "ID Hogar",
    "Nombres",
    "Apellido Paterno",
    "Apellido Materno",
    "Fecha de Nacimiento",
    "Sexo",
    "Nacionalidad",
    "Número A",
    "Fecha Inscripción MPP",
    "Estado Caso",
    "Teléfono",
    "Vulnerabilidades",
]


def count(store: Store, table: str) -> int:
    return store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def read_rejects(path: str) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def test_messy_spanish_excel_export(store: Store, coordinator: Actor, tmp_path: Path) -> None:
    """Windows-1252, semicolons, Spanish headers, day-first dates, bad rows in between."""
    rows = [
        registration_row(
            1,
            given_names="María",
            paternal_surname="Ñúñez",
            date_of_birth="04/05/1990",
            household_id="F-1",
        ),
        registration_row(
            2,
            given_names="Ángel",
            paternal_surname="Ñúñez",
            date_of_birth="12/01/2015",
            household_id="F-1",
        ),
        registration_row(3, date_of_birth="31/02/1990"),
        registration_row(4, a_number="A-12-34"),
        registration_row(5, a_number="A 2000000011"),
        registration_row(6, mpp_enrollment_date="2022-01-01"),
        registration_row(7, vulnerabilities="embarazo; discapacidad", sex="F"),
    ]
    source = write_registrations(
        tmp_path / "lista.csv", rows, header=SPANISH_HEADER, delimiter=";", encoding="cp1252"
    )
    summary = import_registrations(store, coordinator, source)

    assert (summary.imported, summary.rejected, summary.updated) == (3, 4, 0)
    assert summary.households == 2
    assert [p.row_number for p in summary.problems] == [4, 5, 6, 7]
    assert count(store, "person") == 3
    family = store.db.execute(
        "SELECT count(DISTINCT household_id) FROM person WHERE paternal_surname = 'Ñúñez'"
    ).fetchone()[0]
    assert family == 1

    rejects = read_rejects(summary.rejects_file)
    assert rejects[0][:3] == SPANISH_HEADER[:3]
    assert [r[-2] for r in rejects[1:]] == ["4", "5", "6", "7"]
    assert rejects[1][5] == "31/02/1990"
    assert rejects[2][8] == "A-12-34"
    assert "A-number" in rejects[3][-1] and "2000000011" in rejects[3][-1]
    assert "número A" in rejects[3][-1]


def test_a_number_twice_in_a_file_is_a_conflict(
    store: Store, coordinator: Actor, tmp_path: Path
) -> None:
    rows = [registration_row(1, a_number="111111111"), registration_row(2, a_number="A111-111-111")]
    summary = import_registrations(
        store, coordinator, write_registrations(tmp_path / "l.csv", rows)
    )
    assert (summary.imported, summary.rejected, summary.conflicts) == (1, 1, 1)
    assert "row 2" in summary.problems[0].message_en
    assert summary.problems[0].row_number == 3


def test_a_number_owned_by_someone_already_registered(
    store: Store, coordinator: Actor, tmp_path: Path
) -> None:
    import_registrations(
        store, coordinator, write_registrations(tmp_path / "a.csv", [registration_row(1)])
    )
    other = registration_row(2, a_number=registration_row(1)["a_number"])
    summary = import_registrations(
        store, coordinator, write_registrations(tmp_path / "b.csv", [other])
    )
    assert (summary.imported, summary.conflicts) == (0, 1)
    assert "REG-0001" in summary.problems[0].message_en


def test_reimport_updates_by_registration_id_and_never_duplicates(
    store: Store, coordinator: Actor, tmp_path: Path
) -> None:
    rows = [registration_row(n) for n in range(1, 6)]
    path = write_registrations(tmp_path / "list.csv", rows)
    first = import_registrations(store, coordinator, path)
    again = import_registrations(store, coordinator, path)
    assert (first.imported, again.imported, again.updated, again.unchanged) == (5, 0, 0, 5)

    rows[2]["phone"] = "+52 656 000 1234"
    updated = import_registrations(store, coordinator, write_registrations(path, rows))
    assert (updated.imported, updated.updated, updated.unchanged) == (0, 1, 4)
    assert count(store, "person") == 5
    person = queries.find_person(store, "REG-0003")
    trail = queries.audit_entries_for(store.db, [person["id"]])
    assert json.loads(trail[-1]["before"])["phone"] == "+52 664 555 0101"
    assert json.loads(trail[-1]["after"])["phone"] == "+52 656 000 1234"
    assert trail[-1]["user"] == "carmen"


def test_reimport_with_a_bad_row_keeps_what_was_saved(
    store: Store, coordinator: Actor, tmp_path: Path
) -> None:
    path = write_registrations(tmp_path / "list.csv", [registration_row(1)])
    import_registrations(store, coordinator, path)
    broken = write_registrations(path, [registration_row(1, date_of_birth="not a date")])
    summary = import_registrations(store, coordinator, broken)
    assert summary.rejected == 1
    assert queries.find_person(store, "REG-0001")["date_of_birth"] == "1985-06-15"


def test_likely_duplicates_are_flagged_not_merged(
    store: Store, coordinator: Actor, tmp_path: Path
) -> None:
    rows = [
        registration_row(
            1,
            given_names="María José",
            paternal_surname="Núñez",
            maternal_surname="López",
            date_of_birth="1990-05-04",
        ),
        registration_row(
            2,
            given_names="MARIA JOSE",
            paternal_surname="LOPEZ",
            maternal_surname="NUNEZ",
            date_of_birth="04/05/1990",
        ),
        registration_row(
            3,
            given_names="María José",
            paternal_surname="Núñez",
            maternal_surname="López",
            date_of_birth="1991-05-04",
        ),
        registration_row(
            4,
            given_names="Pedro",
            paternal_surname="Núñez",
            maternal_surname="López",
            date_of_birth="1990-05-04",
        ),
    ]
    summary = import_registrations(
        store, coordinator, write_registrations(tmp_path / "l.csv", rows)
    )
    assert summary.imported == 4
    assert summary.possible_duplicates == 1
    pair = store.db.execute(
        "SELECT a.registration_id, b.registration_id FROM possible_duplicate d "
        "JOIN person a ON a.id = d.person_id JOIN person b ON b.id = d.other_person_id"
    ).fetchone()
    assert set(pair) == {"REG-0001", "REG-0002"}
    first = queries.find_person(store, "REG-0001")
    flagged = queries.open_possible_duplicates(store, first["id"])
    assert [f["registration_id"] for f in flagged] == ["REG-0002"]
    again = import_registrations(store, coordinator, write_registrations(tmp_path / "l.csv", rows))
    assert again.possible_duplicates == 0


def test_missing_required_column_refuses_the_whole_file(
    store: Store, coordinator: Actor, tmp_path: Path
) -> None:
    rows = [{k: v for k, v in registration_row(1).items() if k != "a_number"}]
    with pytest.raises(ImportFileError) as refused:
        import_registrations(store, coordinator, write_registrations(tmp_path / "l.csv", rows))
    assert "a_number" in refused.value.message_en
    assert count(store, "person") == 0


def test_nothing_is_half_imported(
    store: Store, coordinator: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(*args: object) -> int:
        raise OSError("disk full")

    monkeypatch.setattr(service, "_flag_possible_duplicates", crash)
    rows = [registration_row(n) for n in range(1, 20)]
    with pytest.raises(OSError):
        import_registrations(store, coordinator, write_registrations(tmp_path / "l.csv", rows))
    assert count(store, "person") == 0
    assert count(store, "household") == 0
    assert verify_chain(queries.audit_entries(store.db), audit_keys(store)).intact


def test_intake_staff_cannot_import(store: Store, intake: Actor, tmp_path: Path) -> None:
    with pytest.raises(PermissionDenied):
        import_registrations(
            store, intake, write_registrations(tmp_path / "l.csv", [registration_row(1)])
        )


def test_clean_import_leaves_no_rejects_file(
    store: Store, coordinator: Actor, tmp_path: Path
) -> None:
    summary = import_registrations(
        store, coordinator, write_registrations(tmp_path / "l.csv", [registration_row(1)])
    )
    assert summary.rejects_file is None
    assert not (tmp_path / "l.rejects.csv").exists()


def test_moving_a_person_to_another_household(
    store: Store, coordinator: Actor, tmp_path: Path
) -> None:
    path = tmp_path / "l.csv"
    import_registrations(
        store,
        coordinator,
        write_registrations(
            path, [registration_row(1, household_id="F-1"), registration_row(2, household_id="F-1")]
        ),
    )
    summary = import_registrations(
        store,
        coordinator,
        write_registrations(
            path, [registration_row(1, household_id="F-1"), registration_row(2, household_id="F-2")]
        ),
    )
    assert summary.updated == 1
    households = {r[0] for r in store.db.execute("SELECT household_id FROM person")}
    assert len(households) == 2


def test_a_rejects_file_that_cannot_be_written_imports_nothing(
    store: Store, coordinator: Actor, tmp_path: Path
) -> None:
    """Excel holding the old rejects file open (here: a folder in its place)."""
    rows = [registration_row(1), registration_row(2, date_of_birth="31/02/1990")]
    source = write_registrations(tmp_path / "l.csv", rows)
    (tmp_path / "l.rejects.csv").mkdir()
    with pytest.raises(ImportFileError) as refused:
        import_registrations(store, coordinator, source)
    assert "rejects file" in refused.value.message_en
    assert count(store, "person") == 0


def test_a_repeated_column_is_reported(store: Store, coordinator: Actor, tmp_path: Path) -> None:
    row = registration_row(1)
    header = [*row, "Nombres"]
    path = tmp_path / "l.csv"
    path.write_text(
        ",".join(header) + "\n" + ",".join([*row.values(), "Otra"]) + "\n", encoding="utf-8"
    )
    summary = import_registrations(store, coordinator, path)
    assert summary.repeated_columns == ["Nombres"]
    assert queries.find_person(store, "REG-0001")["given_names"] == "José Luis"


# --- Never garble, never split a family, never a stale rejects file -----------------------------


def test_a_utf8_list_with_a_windows_1252_row_stores_every_name_right(
    store: Store, coordinator: Actor, tmp_path: Path
) -> None:
    path = write_registrations(
        tmp_path / "l.csv",
        [registration_row(1, given_names="José"), registration_row(2, given_names="Iñaki")],
    )
    path.write_bytes(
        path.read_bytes() + b"REG-0003,H-0003,Jos\xe9,P\xe9rez3,G\xf3mez,1985-06-15,M,Honduras,"
        b"200000003,2019-09-10,pending,+52 664 555 0101,\r\n"
    )
    summary = import_registrations(store, coordinator, path)
    assert (summary.imported, summary.rejected) == (3, 0)
    names = dict(store.db.execute("SELECT registration_id, given_names FROM person"))
    assert names == {"REG-0001": "José", "REG-0002": "Iñaki", "REG-0003": "José"}
    assert queries.find_person(store, "REG-0003")["paternal_surname"] == "Pérez3"
    (warning,) = summary.warnings
    assert (warning.code, warning.rows) == ("read_as_windows_1252", [4])
    assert summary.as_dict()["warnings"][0]["rows"] == [4]


def test_names_typed_decomposed_are_stored_composed_and_found(
    store: Store, coordinator: Actor, tmp_path: Path
) -> None:
    decomposed = unicodedata.normalize("NFD", "Ñúñez")
    rows = [registration_row(1, paternal_surname=decomposed, given_names="Jose\u0301\u200b")]
    import_registrations(store, coordinator, write_registrations(tmp_path / "l.csv", rows))
    stored = queries.find_person(store, "REG-0001")
    assert (stored["given_names"], stored["paternal_surname"]) == ("José", "Ñúñez")
    assert [hit.person.registration_id for hit in queries.search_people(store, "José Ñúñez")] == [
        "REG-0001"
    ]


def test_a_household_cell_merged_over_three_rows_is_one_household_of_three(
    store: Store, coordinator: Actor, tmp_path: Path
) -> None:
    """Seen: the merged cell split the family in two households, and the import exited 0."""
    path = tmp_path / "lista.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    rows = [registration_row(n, household_id="F-1" if n == 1 else "") for n in (1, 2, 3)]
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append(list(row.values()))
    sheet.merge_cells("B2:B4")
    workbook.save(path)

    summary = import_registrations(store, coordinator, path)
    assert (summary.imported, summary.rejected, summary.households) == (3, 0, 1)
    households = store.db.execute("SELECT DISTINCT household_id FROM person").fetchall()
    assert len(households) == 1


def test_hidden_rows_and_other_sheets_are_in_the_summary(
    store: Store, coordinator: Actor, tmp_path: Path
) -> None:
    path = tmp_path / "lista.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    rows = [registration_row(n) for n in (1, 2, 3)]
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append(list(row.values()))
    sheet.row_dimensions[3].hidden = True
    workbook.create_sheet("Hoja2")["C3"] = "otra lista"
    workbook.save(path)

    summary = import_registrations(store, coordinator, path)
    assert summary.imported == 3
    assert [(w.code, w.rows) for w in summary.warnings] == [
        ("other_sheets", []),
        ("hidden_rows", [3]),
    ]
    batch = json.loads(store.db.execute("SELECT summary FROM import_batch").fetchone()[0])
    assert [w["code"] for w in batch["warnings"]] == ["other_sheets", "hidden_rows"]


class _FullAtCommit:
    """The site's connection, but the drive fills up as the import commits."""

    def __init__(self, connection: object) -> None:
        self._connection = connection

    def __getattr__(self, name: str) -> object:
        return getattr(self._connection, name)

    def execute(self, sql: str, *args: object) -> object:
        if sql == "COMMIT":
            error = sqlcipher3.OperationalError("database or disk is full")
            error.sqlite_errorcode = sqlcipher3.SQLITE_FULL
            raise error
        return self._connection.execute(sql, *args)


def test_a_full_disk_at_commit_imports_nothing_and_leaves_no_rejects_file(
    store: Store, coordinator: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [registration_row(1), registration_row(2, date_of_birth="31/02/1990")]
    source = write_registrations(tmp_path / "l.csv", rows)
    earlier = import_registrations(store, coordinator, source)  # its rejects file: row 3
    assert earlier.rejects_file == str(tmp_path / "l.rejects.csv")
    rows += [registration_row(3), registration_row(4, date_of_birth="30/02/1990")]
    write_registrations(source, rows)

    monkeypatch.setattr(store.db, "conn", _FullAtCommit(store.db.conn))
    with pytest.raises(NothingImported) as refused:
        import_registrations(store, coordinator, source)

    assert refused.value.message_en.startswith(
        "Nothing was imported from l.csv, and no rejects file was written: Not enough space"
    )
    assert refused.value.message_es.startswith("No se importó nada de l.csv")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("l.")) == ["l.csv"]
    monkeypatch.undo()
    assert count(store, "person") == 1


def test_a_drive_that_fills_up_during_the_import_leaves_no_rejects_file(
    store: Store, coordinator: Actor, tmp_path: Path
) -> None:
    rows = [registration_row(n) for n in range(1, 400)]
    rows.append(registration_row(400, date_of_birth="31/02/1990"))
    source = write_registrations(tmp_path / "l.csv", rows)
    (tmp_path / "l.rejects.csv").write_text("rows of an earlier import", encoding="utf-8")
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")  # a drive with no room left

    with pytest.raises(NothingImported, match=r"Nothing was imported from l\.csv"):
        import_registrations(store, coordinator, source)

    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("l.")) == ["l.csv"]
    assert count(store, "person") == 0
