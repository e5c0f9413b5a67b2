"""The import page's column mapping, without widgets: what it shows is what the core will read,
and what it hands the core is only what differs from the rules."""

from __future__ import annotations

import pytest

from staging.registration.columns import map_headers
from staging.registration.mapping import IGNORE, ColumnMapping
from staging.registration.reader import SourceRow
from tests.helpers.form_exports import kobo_label_rows, kobo_xml_rows
from ui.models.import_models import ColumnsModel, Status, WordsModel

CHOICE = ColumnsModel.COL_CHOICE


def model_of(rows: list[list[str]], mapping: ColumnMapping | None = None) -> ColumnsModel:
    model = ColumnsModel()
    model.set_file(rows[0], [SourceRow(n, row) for n, row in enumerate(rows[1:], start=2)])
    model.apply(mapping or ColumnMapping())
    return model


def choose(model: ColumnsModel, header: str, value: str) -> None:
    assert model.setData(model.index(model.line_of(header), CHOICE), value)


def read_by_core(model: ColumnsModel, headers: list[str]) -> dict[str, str]:
    """Field → header, as the core reads the file with the model's mapping."""
    found = map_headers(headers, model.mapping())
    return {name: headers[index] for name, index in found.index_of.items()}


def shown(model: ColumnsModel) -> dict[str, str]:
    """Field → header, as the page shows it."""
    return {
        value: line.header
        for line in model.lines()
        if not line.choice and (value := model.shown_value(line))
    }


def test_a_kobo_export_is_read_by_the_rules_alone() -> None:
    rows = kobo_xml_rows()
    model = model_of(rows)
    assert model.mapping() == ColumnMapping()
    assert model.needing_you() == [] and model.missing_required() == []
    assert shown(model) == read_by_core(model, rows[0])
    examples = model.data(model.index(model.line_of("datos_personales/nombres"), 1))
    assert examples == "María José · Juan · Rosa"
    uuid = model.lines()[model.line_of("_uuid")]
    assert model.status(uuid) is Status.SUBMISSION_KEY


def test_another_column_as_registration_id_puts_the_submission_id_aside() -> None:
    rows = kobo_xml_rows()
    model = model_of(rows)
    choose(model, "_id", "registration_id")
    uuid = model.lines()[model.line_of("_uuid")]
    assert model.shown_value(uuid) == IGNORE
    assert model.status(uuid) is Status.METADATA
    assert model.clashes() == {}
    assert model.mapping().columns == {"_id": "registration_id"}
    assert shown(model) == read_by_core(model, rows[0])


@pytest.mark.parametrize(
    "choices",
    [
        {
            "Caso MPP/¿Cuál es su número de extranjero (A#)?": "a_number",
            "Caso MPP/¿Cuándo le inscribieron en MPP?": "mpp_enrollment_date",
        },
        {
            "Caso MPP/¿Cuál es su número de extranjero (A#)?": "a_number",
            "Caso MPP/¿Cuándo le inscribieron en MPP?": "mpp_enrollment_date",
            "Datos personales/Apellido materno": IGNORE,
            "today": "appointment_date",
        },
    ],
)
def test_what_the_page_shows_is_what_the_core_reads(choices: dict[str, str]) -> None:
    rows = kobo_label_rows()
    model = model_of(rows)
    for header, value in choices.items():
        choose(model, header, value)
    assert model.mapping().columns == choices
    assert model.missing_required() == [] and model.clashes() == {}
    assert shown(model) == read_by_core(model, rows[0])
    # Kept as a profile, the same mapping shows the same decisions, now the profile's.
    again = model_of(rows, model.mapping())
    assert shown(again) == shown(model)
    assert {again.status(again.lines()[again.line_of(h)]) for h in choices} == {Status.PROFILE}


def test_a_repeated_column_stays_out_even_when_the_first_one_moves() -> None:
    rows = kobo_xml_rows()
    rows[0].append("nombres")
    for row in rows[1:]:
        row.append("otro nombre")
    model = model_of(rows)
    repeated = model.lines()[model.line_of("nombres")]
    assert model.status(repeated) is Status.REPEATED
    choose(model, "datos_personales/nombres", "notes")
    assert "given_names" in model.missing_required()
    assert model.mapping().columns == {"datos_personales/nombres": "notes", "nombres": IGNORE}
    assert shown(model) == read_by_core(model, rows[0])


def test_a_choice_column_of_the_lists_own_takes_a_flag() -> None:
    rows = kobo_xml_rows()
    rows[0].append("vulnerabilidad/vulnerabilidades/sobreviviente_violencia")
    for row in rows[1:]:
        row.append("0")
    model = model_of(rows)
    header = "vulnerabilidad/vulnerabilidades/sobreviviente_violencia"
    line = model.lines()[model.line_of(header)]
    assert line.choice and model.status(line) is Status.NEEDS_YOU
    options = [value for value, _ in model.options(line)]
    assert options[0] == IGNORE and "risk_of_violence" in options and "given_names" not in options
    choose(model, header, "risk_of_violence")
    assert model.mapping() == ColumnMapping(choices={header: "risk_of_violence"})


def test_the_lists_words_are_kept_folded_as_the_mapping_wants_them() -> None:
    words = WordsModel()
    words.set_words({"case_status": ["Pendiente de audiencia"], "sex": ["2", "1"]})
    assert words.undecided() == 3
    words.choose(0, "pending")
    words.choose(1, "M")
    assert words.words() == {
        "case_status": {"pendiente de audiencia": "pending"},
        "sex": {"2": "M"},
    }
    words.set_language("es")
    assert words.data(words.index(1, WordsModel.COL_CODE)) == "Masculino"
    assert words.data(words.index(2, WordsModel.COL_CODE)) == "— choose —"
