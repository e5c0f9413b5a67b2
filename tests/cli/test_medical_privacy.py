"""An intake desk never learns a result, a temperature or an answer, whatever it reads.

Two people with medical detail: REG-0001 tested positive (in isolation, so REG-0002, in the
same household, is held) and REG-0003 waits for clinical review with 38.7 °C and a cough.
Every command, export and table an intake user can reach is read in full; the medical words
below must not be in any of it, while a screener reading the same people does see them. What
intake learns is only that someone is held by the medical team, or not screened.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractTableModel, Qt

from staging.domain import Role
from staging.people import queries
from staging.security.access import open_site
from staging.vocabulary import label
from tests.cli.medical_site import PASSWORDS, TODAY, MedicalSite, build_site
from ui.models.household_model import HouseholdModel
from ui.models.people_model import PeopleTableModel

MEDICAL_WORDS = (
    "positive",
    "isolation",
    "in_isolation",
    "retest",
    "clinical_review",
    "38.7",
    "cough",
    "household_held",
)
PEOPLE = ("REG-0001", "REG-0002", "REG-0003", "REG-0004")


def medical_words_in(text: str) -> list[str]:
    lowered = text.lower()
    return [word for word in MEDICAL_WORDS if word in lowered]


@pytest.fixture
def site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> MedicalSite:
    built = build_site(tmp_path, monkeypatch, capsys)
    assert built.positive("REG-0001").data["outcome"] == "isolation"
    review = built.negative("REG-0003", "--temperature", "38.7", "--symptom", "cough")
    assert review.data["outcome"] == "clinical_review"
    return built


def intake_reads(site: MedicalSite) -> dict[str, str]:
    """Everything the intake user gets from the read commands, keyed by what was typed."""
    typed: list[tuple[str, ...]] = [("search", "Pérez"), ("queue",), ("counts",)]
    typed += [("person", person) for person in PEOPLE]
    typed += [("screening", "show", person) for person in PEOPLE]
    typed += [("isolation", "list"), ("audit", "trail", "REG-0001")]
    outputs = {}
    for argv in typed:
        for shown in (site.run(*argv, user="ivan"), site.json(*argv, user="ivan")):
            outputs[" ".join(argv)] = outputs.get(" ".join(argv), "") + shown.out + shown.err
    return outputs


def test_intake_commands_show_holds_never_their_reasons(site: MedicalSite) -> None:
    outputs = intake_reads(site)
    leaks = {argv: medical_words_in(text) for argv, text in outputs.items()}
    assert {argv: words for argv, words in leaks.items() if words} == {}
    blockers = {p: site.json("person", p, user="ivan").data["blockers"] for p in PEOPLE}
    assert "medical_hold" in blockers["REG-0001"]
    assert "medical_hold" in blockers["REG-0002"]
    assert "medical_hold" in blockers["REG-0003"]
    assert "not_screened" in blockers["REG-0004"]
    assert "Held by the medical team / Retenido por el equipo médico" in outputs["person REG-0001"]


def test_intake_is_refused_the_medical_reads_and_the_audit_trail(site: MedicalSite) -> None:
    for argv, refusal in [
        (("screening", "show", "REG-0001"), "may not read medical records"),
        (("isolation", "list"), "may not read medical records"),
        (("counts",), "may not read the day's screening counts"),
        (("audit", "trail", "REG-0001"), "may not read the audit log"),
    ]:
        refused = site.run(*argv, user="ivan")
        assert (refused.code, refusal in refused.err) == (1, True), argv


def test_intake_refusals_do_not_depend_on_the_person(site: MedicalSite) -> None:
    """A write the role may not make is refused before the person's records are looked at:
    the same words for someone in isolation as for someone never screened."""
    writes = [
        ("screening", "record", "{person}", "--temperature", "36.8"),
        ("isolation", "follow-up", "{person}", "--temperature", "36.8"),
        ("isolation", "release", "{person}"),
    ]
    for argv in writes:
        answers = {
            person: site.run(*(part.format(person=person) for part in argv), user="ivan")
            for person in ("REG-0001", "REG-0003", "REG-0004")
        }
        assert {(a.code, a.err) for a in answers.values()} == {(1, answers["REG-0004"].err)}
        assert "may not" in answers["REG-0004"].err
    review = site.run("screening", "review", "any-id", "--decide", "cleared", user="ivan")
    assert review.code == 1 and "may not record health screenings" in review.err


def test_intake_may_not_export_and_a_coordinator_s_export_has_only_holds(
    site: MedicalSite, tmp_path: Path
) -> None:
    refused = site.run("export", str(tmp_path / "intake.json"), "--plaintext", user="ivan")
    assert refused.code == 1
    assert "may not export data" in refused.err
    assert not (tmp_path / "intake.json").exists()

    exported = tmp_path / "people.json"
    assert site.run("export", str(exported), "--plaintext", user="carmen").code == 0
    text = exported.read_text(encoding="utf-8")
    assert medical_words_in(text) == []
    people = {row["registration_id"]: row for row in json.loads(text)["people"]}
    assert "medical_hold" in people["REG-0001"]["blockers"]
    assert "medical_hold" in people["REG-0003"]["blockers"]
    csv_file = tmp_path / "people.csv"
    assert site.run("export", str(csv_file), "--plaintext", user="carmen").code == 0
    assert medical_words_in(csv_file.read_text(encoding="utf-8")) == []


def every_cell(model: QAbstractTableModel) -> str:
    roles = [
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.StatusTipRole,
        Qt.ItemDataRole.WhatsThisRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.AccessibleDescriptionRole,
        *range(Qt.ItemDataRole.UserRole, Qt.ItemDataRole.UserRole + 8),
    ]
    cells = [
        model.data(model.index(row, column), role)
        for row in range(model.rowCount())
        for column in range(model.columnCount())
        for role in roles
    ]
    headers = [
        model.headerData(column, Qt.Orientation.Horizontal) for column in range(model.columnCount())
    ]
    return "\n".join(str(value) for value in [*cells, *headers] if value is not None)


@pytest.mark.parametrize("language", ["en", "es"])
def test_intake_tables_show_holds_never_their_reasons(site: MedicalSite, language: str) -> None:
    session = open_site(site.db, "ivan", PASSWORDS["ivan"], clock=site.clock)
    try:
        store = session.store
        policy = store.policy()
        records = queries.person_records(store.db, "1 ORDER BY registration_id")
        people = PeopleTableModel(policy, TODAY, Role.INTAKE, language)
        people.set_records(records)
        household = HouseholdModel(policy, TODAY, Role.INTAKE, language)
        household.set_members([queries.person_from_row(r) for r in records], policy, TODAY)
        seen = every_cell(people) + every_cell(household)
    finally:
        session.close()
    assert (people.rowCount(), household.rowCount()) == (4, 4)
    assert "Lucía" in seen and label("checked_in", language) in seen
    assert medical_words_in(seen) == []


def test_a_screener_reading_the_same_people_sees_the_detail(site: MedicalSite) -> None:
    """The other side of the tests above: the words are there to be found."""
    blockers = {p: site.json("person", p).data["blockers"] for p in PEOPLE}
    assert "in_isolation" in blockers["REG-0001"]
    assert "household_held" in blockers["REG-0002"]
    assert "clinical_review" in blockers["REG-0003"]
    record = site.run("screening", "show", "REG-0003").out
    assert "38.7" in record and "Cough / Tos" in record
    assert "Positive / Positivo" in site.run("screening", "show", "REG-0001").out
    board = site.json("isolation", "list").data
    assert [row["registration_id"] for row in board["people"]] == ["REG-0001"]
