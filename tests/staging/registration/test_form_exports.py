"""KoboToolbox and ODK exports import as partners send them: group paths, metadata, choices,
their own words; what no rule can guess is mapped once and kept as a profile."""

from __future__ import annotations

from pathlib import Path

import pytest

from staging.errors import NotFound
from staging.people import queries
from staging.registration.mapping import ColumnMapping, MappingError, parse_map_options
from staging.registration.preview import preview_file, preview_import
from staging.registration.problems import ImportFileError
from staging.registration.profiles import ColumnChoice, profile_for, save_profile
from staging.registration.service import import_registrations
from staging.store.store import Actor, Store
from tests.helpers.form_exports import (
    FLAGS,
    KOBO_METADATA,
    KOBO_TRAILER,
    PEOPLE,
    STATUSES,
    UUIDS,
    hxl_tags,
    kobo_label_rows,
    kobo_xml_rows,
    odk_central_rows,
    write_kobo_csv,
    write_xlsx,
)

LABEL_MAPPING = ColumnMapping(
    columns={
        "Caso MPP/¿Cuál es su número de extranjero (A#)?": "a_number",
        "Caso MPP/¿Cuándo le inscribieron en MPP?": "mpp_enrollment_date",
    }
)


def stored(store: Store, registration_id: str) -> dict:
    person = queries.find_person(store, registration_id)
    assert person is not None, registration_id
    return person


def assert_everyone_stored(store: Store, keys: list[str]) -> None:
    for key, person, flags, status in zip(keys, PEOPLE, FLAGS, STATUSES, strict=True):
        row = stored(store, key)
        assert (row["given_names"], row["paternal_surname"]) == (
            person["given_names"],
            person["paternal_surname"],
        )
        assert row["date_of_birth"] == person["date_of_birth"]
        assert row["case_status"] == status
        assert set(filter(None, row["vulnerabilities"].split(";"))) == flags
        assert row["sex"] == ("F" if person["sex"] == "mujer" else "M")
        assert row["household_external_id"] == person["household"]


def test_a_kobo_export_with_xml_names_imports_with_no_manual_step(
    store: Store, coordinator: Actor, tmp_path: Path
) -> None:
    path = write_kobo_csv(tmp_path / "registro_mpp_2021_02_18.csv", kobo_xml_rows())
    summary = import_registrations(store, coordinator, path)
    assert (summary.imported, summary.rejected) == (4, 0)
    assert summary.unknown_columns == []  # metadata is recognised, not "unknown"
    assert set(summary.ignored_columns) == set(KOBO_METADATA) | set(KOBO_TRAILER) - {"_uuid"}
    assert summary.key_from == "_uuid"  # the submission id is the registration id
    assert_everyone_stored(store, UUIDS)
    # Metadata named like our aliases stays out: the collecting phone is not the person's.
    assert stored(store, UUIDS[0])["phone"] == ""


def test_a_kobo_workbook_with_an_hxl_row_reads_the_tags_and_imports_every_person(
    store: Store, coordinator: Actor, tmp_path: Path
) -> None:
    rows = kobo_xml_rows()
    path = write_xlsx(tmp_path / "registro.xlsx", rows, hxl=hxl_tags(rows[0]))
    preview = preview_file(path)
    assert preview.hxl_tags is not None and "#affected+name+first" in preview.hxl_tags
    assert (preview.sheet, preview.header_row, len(preview.rows)) == ("registro_mpp", 1, 4)
    assert preview.rows[0].number == 3  # the tag row is row 2, not a person
    summary = import_registrations(store, coordinator, path)
    assert (summary.imported, summary.rejected) == (4, 0)
    assert_everyone_stored(store, UUIDS)


def test_an_odk_central_export_reads_its_group_paths_and_leaves_its_metadata_out(
    store: Store, coordinator: Actor, tmp_path: Path
) -> None:
    path = write_kobo_csv(tmp_path / "odk.csv", odk_central_rows())
    # ODK's submission key is not a registration id by itself: say which column is.
    with pytest.raises(ImportFileError) as refused:
        import_registrations(store, coordinator, path)
    assert "registration_id" in refused.value.message_en
    summary = import_registrations(
        store, coordinator, path, ColumnChoice(columns={"KEY": "registration_id"})
    )
    assert (summary.imported, summary.rejected, summary.unknown_columns) == (4, 0, [])
    assert_everyone_stored(store, [f"uuid:{key}" for key in UUIDS])


def test_a_labels_export_needs_only_the_columns_no_rule_can_guess_then_never_again(
    store: Store, coordinator: Actor, tmp_path: Path
) -> None:
    rows = kobo_label_rows()
    path = write_kobo_csv(tmp_path / "labels.csv", rows)
    with pytest.raises(ImportFileError) as refused:
        import_registrations(store, coordinator, path)
    # Only the two questions no rule can guess are missing.
    missing = refused.value.message_en.split("Required columns")[0]
    assert "a_number" in missing and "mpp_enrollment_date" in missing
    assert "given_names" not in missing
    preview = preview_import(store, coordinator, path, ColumnChoice(mapping=LABEL_MAPPING))
    assert (preview.summary.imported, preview.summary.rejected, preview.rows) == (4, 0, 4)
    save_profile(store, coordinator, "Kobo — registro MPP (etiquetas)", rows[0], LABEL_MAPPING)
    # Next week's export, same layout, more people: chosen by its headers, no manual step.
    rows[0] = list(reversed(rows[0]))  # the same headers in another order are the same layout
    rows[1:] = [list(reversed(row)) for row in rows[1:]]
    again = write_kobo_csv(tmp_path / "labels-next-week.csv", rows)
    summary = import_registrations(store, coordinator, again)
    assert summary.profile == "Kobo — registro MPP (etiquetas)"
    assert (summary.imported, summary.rejected) == (4, 0)
    assert_everyone_stored(store, UUIDS)


def test_a_profile_chosen_by_name_on_the_command_line_and_a_column_decided_again(
    store: Store, coordinator: Actor, tmp_path: Path
) -> None:
    rows = kobo_label_rows()
    save_profile(store, coordinator, "Etiquetas", rows[0], LABEL_MAPPING)
    rows[0] = [*rows[0], "Notas del equipo"]
    for row in rows[1:]:
        row.append("llega con su hija")
    path = write_kobo_csv(tmp_path / "labels.csv", rows)
    assert profile_for(store, rows[0]) is None  # a new column: another layout
    summary = import_registrations(
        store,
        coordinator,
        path,
        ColumnChoice(profile="etiquetas", columns=parse_map_options(["Notas del equipo=notes"])),
    )
    assert (summary.imported, summary.profile) == (4, "Etiquetas")
    assert stored(store, UUIDS[0])["notes"] == "llega con su hija"
    with pytest.raises(NotFound, match="Etiquetas"):
        import_registrations(store, coordinator, path, ColumnChoice(profile="Otro"))


def test_the_lists_own_words_are_named_by_the_preview_and_mapped_onto_ours(
    store: Store, coordinator: Actor, tmp_path: Path
) -> None:
    rows = kobo_xml_rows()
    status_at = rows[0].index("caso_mpp/estado_caso")
    sex_at = rows[0].index("datos_personales/sexo")
    rows[1][status_at] = "Pendiente de audiencia"
    rows[2][sex_at] = "2"
    rows[3][rows[0].index("vulnerabilidad/vulnerabilidades")] = "violencia_domestica"
    path = write_kobo_csv(tmp_path / "codes.csv", rows)
    preview = preview_import(store, coordinator, path)
    assert preview.summary.rejected == 3
    assert preview.unknown_words == {
        "case_status": ["Pendiente de audiencia"],
        "sex": ["2"],
        "vulnerabilities": ["violencia_domestica"],
    }
    assert {reason.code for reason in preview.reasons} == {
        "case_status_unknown",
        "sex_unknown",
        "vulnerability_unknown",
    }
    words = ColumnMapping(
        words={
            "case_status": {"pendiente de audiencia": "pending"},
            "sex": {"2": "M", "1": "F"},
            "vulnerabilities": {"violencia domestica": "risk_of_violence"},
        }
    )
    summary = import_registrations(store, coordinator, path, ColumnChoice(mapping=words))
    assert (summary.imported, summary.rejected) == (4, 0)
    assert stored(store, UUIDS[0])["case_status"] == "pending"
    assert stored(store, UUIDS[1])["sex"] == "M"
    assert stored(store, UUIDS[2])["vulnerabilities"] == "risk_of_violence"


def test_a_choice_column_of_the_lists_own_is_mapped_onto_a_flag_or_left_out(
    store: Store, coordinator: Actor, tmp_path: Path
) -> None:
    rows = kobo_xml_rows()
    rows[0].append("vulnerabilidad/vulnerabilidades/ninguna")
    rows[0].append("vulnerabilidad/vulnerabilidades/sobreviviente_violencia")
    for i, row in enumerate(rows[1:]):
        row += ["1" if i == 1 else "0", "1" if i == 3 else "0"]
    path = write_kobo_csv(tmp_path / "choices.csv", rows)
    first = import_registrations(store, coordinator, path)
    assert set(first.unknown_columns) == {
        "vulnerabilidad/vulnerabilidades/ninguna",
        "vulnerabilidad/vulnerabilidades/sobreviviente_violencia",
    }
    choices = ColumnMapping(
        choices={
            "vulnerabilidad/vulnerabilidades/ninguna": "",
            "vulnerabilidad/vulnerabilidades/sobreviviente_violencia": "risk_of_violence",
        }
    )
    again = import_registrations(store, coordinator, path, ColumnChoice(mapping=choices))
    assert (again.updated, again.unknown_columns) == (1, [])
    assert set(stored(store, UUIDS[3])["vulnerabilities"].split(";")) == {
        "age_65_plus",
        "risk_of_violence",
    }


def test_a_per_choice_cell_that_is_neither_yes_nor_no_rejects_its_row_naming_it(
    store: Store, coordinator: Actor, tmp_path: Path
) -> None:
    rows = kobo_xml_rows()
    rows[2][rows[0].index("vulnerabilidad/vulnerabilidades/embarazada")] = "quizás"
    path = write_kobo_csv(tmp_path / "maybe.csv", rows)
    summary = import_registrations(store, coordinator, path)
    assert summary.rejected == 1
    [problem] = summary.problems
    assert (problem.row_number, problem.column) == (3, "vulnerabilities")
    assert "quizás" in problem.message_en and "quizás" in problem.message_es


@pytest.mark.parametrize(
    ("mapping", "words"),
    [
        (
            ColumnMapping(
                columns={
                    "datos_personales/nombres": "given_names",
                    "datos_personales/apellido_materno": "given_names",
                }
            ),
            "are both mapped onto given_names",
        ),
        (ColumnMapping(columns={"caso_mpp/numero_a": ""}), "no column for: a_number"),
        (
            ColumnMapping(words={"vulnerabilities": {"violencia domestica": "violence"}}),
            "'violence', which is not one of",
        ),
        (
            ColumnMapping(choices={"vulnerabilidad/vulnerabilidades/embarazada": "pregnant"}),
            "'pregnant', which is not a vulnerability flag",
        ),
        (ColumnMapping(columns={"datos_personales/sexo": "gender"}), "not a field of a person"),
        (ColumnMapping(words={"nationality": {"hn": "Honduras"}}), "takes no list of words"),
    ],
)
def test_a_bad_mapping_is_refused_before_any_row_is_read(
    store: Store,
    coordinator: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    mapping: ColumnMapping,
    words: str,
) -> None:
    path = write_kobo_csv(tmp_path / "kobo.csv", kobo_xml_rows())
    from staging.registration import validate

    def no_row_may_be_checked(*args: object) -> None:
        raise AssertionError("a row was checked with a bad mapping")

    monkeypatch.setattr(validate.RowChecker, "check", no_row_may_be_checked)
    with pytest.raises(ImportFileError, match=words):
        import_registrations(store, coordinator, path, ColumnChoice(mapping=mapping))
    assert store.db.execute("SELECT count(*) FROM person").fetchone()[0] == 0


def test_a_profile_with_a_bad_mapping_is_not_saved(store: Store, coordinator: Actor) -> None:
    bad = ColumnMapping(words={"sex": {"2": "male"}})
    with pytest.raises(MappingError, match="'male'"):
        save_profile(store, coordinator, "Malo", ["sexo"], bad)
    assert store.db.execute("SELECT count(*) FROM import_profile").fetchone()[0] == 0


def test_the_preview_counts_what_the_import_then_does(
    store: Store, coordinator: Actor, tmp_path: Path
) -> None:
    rows = kobo_xml_rows()
    import_registrations(store, coordinator, write_kobo_csv(tmp_path / "first.csv", rows))
    status_at = rows[0].index("caso_mpp/estado_caso")
    given_at = rows[0].index("datos_personales/nombres")
    rows[1][status_at] = "terminado"  # an update
    rows[3][given_at] = ""  # a rejected row
    rows.append(list(rows[4]))  # a new person, with an A-number of someone else: a conflict
    rows[5][rows[0].index("_uuid")] = "0c0ffee0-0000-4000-8000-000000000005"
    new = list(rows[4])
    new[rows[0].index("_uuid")] = "0c0ffee0-0000-4000-8000-000000000006"
    new[rows[0].index("caso_mpp/numero_a")] = "201555099"
    rows.append(new)
    path = write_kobo_csv(tmp_path / "second.csv", rows)
    written = "SELECT (SELECT count(*) FROM audit_log) + (SELECT count(*) FROM person)"
    before = store.db.execute(written).fetchone()[0]
    preview = preview_import(store, coordinator, path)
    assert store.db.execute(written).fetchone()[0] == before  # a preview writes nothing
    summary = import_registrations(store, coordinator, path)
    counted = (summary.imported, summary.updated, summary.unchanged, summary.rejected)
    assert counted == (1, 1, 2, 2)
    assert (
        preview.summary.imported,
        preview.summary.updated,
        preview.summary.unchanged,
        preview.summary.rejected,
    ) == counted
    assert preview.rows == 6
