"""`staging-site import` with partners' own layouts: --map, --save-profile, --profile, --check."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli.main import run
from tests.cli.test_cli import ADMIN_PASSWORD, run_json
from tests.helpers.form_exports import UUIDS, kobo_label_rows, write_kobo_csv

A_NUMBER_QUESTION = "Caso MPP/¿Cuál es su número de extranjero (A#)?"
ENROLLED_QUESTION = "Caso MPP/¿Cuándo le inscribieron en MPP?"
MAPS = [
    "--map",
    f"{A_NUMBER_QUESTION}=a_number",
    "--map",
    f"{ENROLLED_QUESTION}=mpp_enrollment_date",
]


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("STAGING_PASSWORD", ADMIN_PASSWORD)
    path = tmp_path / "site.db"
    assert run(["init", "--db", str(path), "--admin", "admin", "--site-name", "Tijuana"]) == 0
    return path


def as_admin(db: Path, *args: str) -> list[str]:
    return [*args, "--db", str(db), "--user", "admin"]


def test_a_labels_export_is_mapped_once_then_imported_by_its_profile(
    db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    first = write_kobo_csv(tmp_path / "etiquetas.csv", kobo_label_rows())
    code, refused = run_json(capsys, as_admin(db, "import", str(first)))
    assert code == 1 and "a_number" in refused["error_en"]
    code, checked = run_json(capsys, as_admin(db, "import", str(first), "--check", *MAPS))
    assert (code, checked["check_only"], checked["imported"], checked["rows"]) == (0, True, 4, 4)
    code, searched = run_json(capsys, as_admin(db, "search", UUIDS[0]))
    assert searched == []  # --check wrote nothing
    code, report = run_json(
        capsys, as_admin(db, "import", str(first), *MAPS, "--save-profile", "Kobo etiquetas")
    )
    assert (code, report["imported"], report["profile"]) == (0, 4, "Kobo etiquetas")
    rows = kobo_label_rows()
    rows[1][rows[0].index("Datos personales/Nombre(s)")] = "María Josefina"
    second = write_kobo_csv(tmp_path / "etiquetas-2.csv", rows)
    code, report = run_json(capsys, as_admin(db, "import", str(second)))
    assert (code, report["updated"], report["profile"]) == (0, 1, "Kobo etiquetas")
    code, profiles = run_json(capsys, as_admin(db, "import-profiles"))
    assert profiles[0]["columns"] == {
        A_NUMBER_QUESTION: "a_number",
        ENROLLED_QUESTION: "mpp_enrollment_date",
    }


def test_a_map_option_onto_no_field_is_refused_in_both_languages(
    db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = write_kobo_csv(tmp_path / "etiquetas.csv", kobo_label_rows())
    capsys.readouterr()
    code = run(as_admin(db, "import", str(path), "--map", f"{A_NUMBER_QUESTION}=alien_number"))
    err = capsys.readouterr().err
    assert code == 1
    assert "'alien_number', which is not a field of a person" in err
    assert "que no es un dato de una persona" in err
    code = run(as_admin(db, "import", str(path), "--map", "a_number"))
    assert code == 1 and "SOURCE=FIELD" in capsys.readouterr().err


def test_a_word_of_the_lists_own_is_said_with_word(
    db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    rows = kobo_label_rows()
    rows[1][rows[0].index("Caso MPP/Estado del caso")] = "Pendiente de audiencia"
    path = write_kobo_csv(tmp_path / "etiquetas.csv", rows)
    code, checked = run_json(capsys, as_admin(db, "import", str(path), "--check", *MAPS))
    assert (code, checked["unknown_words"]) == (1, {"case_status": ["Pendiente de audiencia"]})
    word = ["--word", "case_status:Pendiente de audiencia=pending"]
    code, report = run_json(capsys, as_admin(db, "import", str(path), *MAPS, *word))
    assert (code, report["imported"], report["rejected"]) == (0, 4, 0)
    code, person = run_json(capsys, as_admin(db, "person", UUIDS[0]))
    assert person["case_status"] == "pending"
