"""`staging-site screening | isolation | kits | places | counts` as a screener types them."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from staging.people import queries
from staging.security.access import open_site
from staging.wristbands.operations import issue_bands
from tests.cli.medical_site import PASSWORDS, MedicalSite, build_site


@pytest.fixture
def site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> MedicalSite:
    return build_site(tmp_path, monkeypatch, capsys)


def screenings_of(site: MedicalSite, person: str) -> list[dict]:
    shown = site.json("screening", "show", person)
    assert shown.code == 0
    return shown.data["screenings"]


# --- recording a screening ----------------------------------------------------------------------


def test_negative_and_well_is_cleared_for_three_days(site: MedicalSite) -> None:
    saved = site.negative("REG-0001", "--temperature", "36.8")
    assert saved.code == 0
    assert saved.data == {
        "screening_id": saved.data["screening_id"],
        "person_id": saved.data["person_id"],
        "registration_id": "REG-0001",
        "outcome": "cleared",
        "reasons": ["well_antigen"],
        "valid_through": "2021-03-04",
        "episode_id": None,
    }
    person = site.json("person", "REG-0001")
    assert "not_screened" not in person.data["blockers"]


def test_the_outcome_is_printed_in_both_languages(site: MedicalSite) -> None:
    saved = site.screen("A200000001", "negative", "--temperature", "98.4", "--unit", "F")
    assert saved.code == 0
    assert "Outcome / Resultado:   Cleared / Autorizado" in saved.out
    assert "Negative and well / Negativo y sin síntomas" in saved.out
    assert "Cleared through / Autorizado hasta: 2021-03-04" in saved.out


def test_a_wristband_code_finds_the_person(site: MedicalSite) -> None:
    session = open_site(site.db, "admin", PASSWORDS["admin"], clock=site.clock)
    person_id = queries.find_person(session.store, "REG-0003")["id"]
    code = issue_bands(session.store, session.actor, [person_id]).value[person_id]
    session.close()
    saved = site.negative(code, "--temperature", "36.6")
    assert (saved.code, saved.data["registration_id"]) == (0, "REG-0003")


def test_every_questionnaire_answer_is_kept(site: MedicalSite) -> None:
    saved = site.negative(
        "REG-0003",
        "--temperature",
        "38.7",
        "--symptom",
        "cough",
        "--symptom",
        "headache",
        "--onset",
        "2021-02-27",
        "--felt-feverish",
        "--fever-medicine",
        "--close-contact",
        "--disease-sign",
        "fever_with_rash",
        "--pregnant",
        "--condition",
        "diabetes",
        "--injuries",
        "scraped knee",
        "--referral",
        "--started",
        "2021-03-01 09:41",
    )
    assert saved.data["outcome"] == "clinical_review"
    assert saved.data["reasons"] == ["fever", "symptoms", "disease_signs"]
    [row] = screenings_of(site, "REG-0003")
    assert row["temperature_c"] == 38.7
    assert row["test_started_at"].startswith("2021-03-01T09:41:00-08:00")
    answers = row["answers"]
    assert answers["symptoms"] == ["cough", "headache"]
    assert answers["onset"] == "2021-02-27"
    assert answers["disease_signs"] == ["fever_with_rash"]
    assert answers["conditions"] == ["diabetes"]
    assert answers["injuries"] == "scraped knee"
    for flag in ("felt_feverish", "fever_medicine", "close_contact", "pregnant"):
        assert answers[flag] is True
    assert answers["referral_needed"] is True


def test_a_clinical_review_is_decided_in_writing(site: MedicalSite) -> None:
    first = site.negative("REG-0003", "--temperature", "38.7", "--symptom", "cough")
    assert first.data["outcome"] == "clinical_review"
    printed = site.run("screening", "show", "REG-0003")
    assert "Clinical review / Revisión clínica" in printed.out
    without_note = site.run(
        "screening", "review", first.data["screening_id"], "--decide", "cleared"
    )
    assert without_note.code == 1
    assert "Write why you decided" in without_note.err
    assert "Escriba por qué decidió así" in without_note.err
    reviewed = site.json(
        "screening",
        "review",
        first.data["screening_id"],
        "--decide",
        "cleared",
        "--note",
        "Seasonal allergy, lungs clear",
    )
    assert reviewed.code == 0
    assert reviewed.data["outcome"] == "cleared"
    assert reviewed.data["registration_id"] == "REG-0003"
    assert reviewed.data["reasons"] == ["fever", "symptoms", "clinician_decided"]
    assert reviewed.data["valid_through"] == "2021-03-04"


def test_a_positive_opens_isolation_and_holds_the_household(site: MedicalSite) -> None:
    saved = site.positive("REG-0001")
    assert saved.code == 0
    assert (saved.data["outcome"], saved.data["reasons"]) == ("isolation", ["positive_test"])
    assert saved.data["episode_id"]
    assert "in_isolation" in site.json("person", "REG-0001").data["blockers"]
    assert "household_held" in site.json("person", "REG-0002").data["blockers"]
    board = site.json("isolation", "list").data
    assert [row["registration_id"] for row in board["people"]] == ["REG-0001"]
    assert board["people"][0]["place"] == "Hotel Frontera"


def test_a_correction_replaces_the_latest_screening(site: MedicalSite) -> None:
    wrong = site.positive("REG-0001")
    fixed = site.negative(
        "REG-0001", "--temperature", "36.9", "--corrects", wrong.data["screening_id"]
    )
    assert fixed.data["outcome"] == "cleared"
    assert site.json("isolation", "list").data["people"] == []
    corrected = [row["corrected"] for row in screenings_of(site, "REG-0001")]
    assert corrected == [True, False]


def test_a_recovery_documented_elsewhere_replaces_the_test(site: MedicalSite) -> None:
    saved = site.json(
        "screening",
        "record",
        "REG-0003",
        "--temperature",
        "36.5",
        "--positive-test-on",
        "2021-02-01",
        "--recovery-cleared-by",
        "Dr. Salas, Hospital General",
    )
    assert saved.code == 0
    assert (saved.data["outcome"], saved.data["reasons"]) == ("cleared", ["well_recovery"])
    [row] = screenings_of(site, "REG-0003")
    assert (row["test"], row["result"]) == ("recovery", None)
    assert row["recovery_cleared_by"] == "Dr. Salas, Hospital General"


# --- bad input: a clear message in both languages, a non-zero exit, nothing saved ----------------


@pytest.mark.parametrize(
    ("flags", "english", "spanish"),
    [
        (("--temperature", "3.7"), "3.7 °C is not a body temperature", "no es una temperatura"),
        (("--temperature", "377"), "377 °C is not a body temperature", "Revise la lectura"),
        (
            ("--temperature", "36.8", "--symptom", "cough", "--onset", "2021-03-02"),
            "onset date 2021-03-02 is in the future",
            "está en el futuro",
        ),
        (
            ("--temperature", "36.8", "--lot", "BX-OLD"),
            "lot BX-OLD expired on 2021-02-28",
            "El lote BX-OLD de BinaxNOW COVID-19 Ag Card venció el 2021-02-28",
        ),
        (
            ("--temperature", "36.8", "--read", "2021-03-01 09:45"),
            "only 5 min have passed. Wait 10 more minutes",
            "Espere 10 minutos más",
        ),
        (("--lot", "BX-9"), "No single kit lot “BX-9”", "No hay un único lote «BX-9»"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(
    site: MedicalSite, flags: tuple[str, ...], english: str, spanish: str
) -> None:
    # The later flags win: each case spoils one value of a negative, well screening.
    refused = site.negative("REG-0001", "--temperature", "36.8", *flags)
    assert refused.code == 1
    assert english in refused.err and spanish in refused.err
    assert refused.data["error_en"] in refused.err
    assert "Traceback" not in refused.err
    assert screenings_of(site, "REG-0001") == []


@pytest.mark.parametrize(
    ("flags", "english", "spanish"),
    [
        (("--symptom", "coughing"), "unknown symptom 'coughing'", "síntoma desconocido"),
        (("--onset", "27/02/2021"), "'27/02/2021' is not a date", "no es una fecha"),
        (("--collected", "09:40"), "is not a date and time", "no es una fecha y hora"),
        (("--temperature", "treinta"), "'treinta' is not a number", "no es un número"),
        (("--result", "maybe"), "unknown result 'maybe'", "resultado desconocido"),
    ],
)
def test_malformed_flags_are_usage_errors_in_both_languages(
    site: MedicalSite, flags: tuple[str, ...], english: str, spanish: str
) -> None:
    with pytest.raises(SystemExit) as usage:
        site.run("screening", "record", "REG-0001", *flags)
    assert usage.value.code == 2
    err = site.capsys.readouterr().err
    assert english in err and spanish in err
    assert screenings_of(site, "REG-0001") == []


def test_an_unknown_person_exits_one(site: MedicalSite) -> None:
    refused = site.run("screening", "show", "REG-9999")
    assert refused.code == 1
    assert "No person with registration id, A-number or wristband 'REG-9999'" in refused.err
    assert "No hay ninguna persona" in refused.err


def test_a_person_not_checked_in_is_not_screened(site: MedicalSite) -> None:
    refused = site.negative("REG-0004", "--temperature", "36.8")
    assert refused.code == 1
    assert "has not checked in" in refused.err and "no ha registrado su llegada" in refused.err


# --- roles ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "english", "spanish"),
    [
        (
            ("screening", "record", "REG-0001", "--temperature", "36.8"),
            "ivan (Intake) may not record health screenings",
            "ivan (Recepcionista) no tiene permiso para registrar evaluaciones de salud",
        ),
        (("screening", "show", "REG-0001"), "may not read medical records", "expedientes"),
        (("isolation", "list"), "may not read medical records", "leer expedientes médicos"),
        (("counts",), "may not read the day's screening counts", "conteos de evaluación"),
        (("places", "add", "Casa Tía"), "may not manage test kits", "administrar pruebas"),
    ],
)
def test_the_core_refuses_what_the_role_may_not_do(
    site: MedicalSite, argv: tuple[str, ...], english: str, spanish: str
) -> None:
    refused = site.run(*argv, user="ivan")
    assert refused.code == 1
    assert english in refused.err and spanish in refused.err


def test_a_coordinator_reads_the_counts_and_not_the_record(site: MedicalSite) -> None:
    site.positive("REG-0001")
    site.negative("REG-0003", "--temperature", "36.8")
    counts = site.json("counts", user="carmen")
    assert counts.code == 0
    assert counts.data == {
        "date": "2021-03-01",
        "screened": 2,
        "tested": 2,
        "positive": 1,
        "positivity": 0.5,
        "in_isolation": 1,
        "released": 0,
    }
    assert "Positive / Positivos:          1 (50.0%)" in site.run("counts", user="carmen").out
    assert site.json("counts", "--date", "2021-02-28", user="carmen").data["screened"] == 0
    assert site.run("screening", "show", "REG-0001", user="carmen").code == 1


# --- isolation: the board, follow-ups, release ---------------------------------------------------


def test_follow_up_and_release_by_the_rules(site: MedicalSite) -> None:
    site.positive("REG-0001")
    too_soon = site.run("isolation", "release", "REG-0001")
    assert too_soon.code == 1
    assert "Not yet: Too early" in too_soon.err
    assert "Todavía no: Aún no se cumplen los días" in too_soon.err

    site.clock.advance(timedelta(days=10))
    board = site.json("isolation", "list").data
    [row] = board["people"]
    assert (row["day"], row["days_total"], row["days_remaining"]) == (10, 10, 0)
    assert row["overdue_days"] == 9 and row["due_today"] is True
    # Ten days have passed, but nobody has seen them since: not on the calendar alone.
    assert row["unmet"] == ["no_recent_follow_up"] and row["release_candidate"] is False
    assert (board["overdue"], board["release_candidates"]) == (1, 0)

    checked = site.json(
        "isolation", "follow-up", "REG-0001", "--temperature", "36.6", "--improving", "yes"
    )
    assert checked.code == 0
    assert checked.data["urgent_referral"] is False
    [row] = site.json("isolation", "list").data["people"]
    assert row["due_today"] is False and row["overdue_days"] == 0
    assert row["last_follow_up"]["temperature_c"] == 36.6
    assert row["release_candidate"] is True

    released = site.json("isolation", "release", "REG-0001", "--note", "well")
    assert released.code == 0
    assert released.data == {"registration_id": "REG-0001", "released_on": "2021-03-11"}
    assert site.json("isolation", "list").data["people"] == []
    blockers = site.json("person", "REG-0001").data["blockers"]
    assert "rescreening_due" in blockers
    rescreened = site.json(
        "screening",
        "record",
        "REG-0001",
        "--temperature",
        "36.5",
        "--recovery-cleared-by",
        "Dra. Ruiz",
    )
    assert rescreened.data["outcome"] == "cleared"
    assert rescreened.data["reasons"] == ["well_recovery"]


def test_warning_signs_make_the_follow_up_urgent(site: MedicalSite) -> None:
    site.positive("REG-0001", "--symptom", "cough", "--onset", "2021-02-28")
    site.clock.advance(timedelta(days=1))
    checked = site.run(
        "isolation",
        "follow-up",
        "REG-0001",
        "--temperature",
        "101.3",
        "--unit",
        "F",
        "--symptom",
        "cough",
        "--improving",
        "no",
        "--warning-sign",
        "trouble_breathing",
    )
    assert checked.code == 0
    assert "URGENT: emergency warning signs" in checked.out
    assert "URGENTE: signos de alarma" in checked.out
    [row] = site.json("isolation", "list").data["people"]
    assert row["urgent"] is True
    assert row["last_follow_up"]["temperature_c"] == 38.5
    assert row["last_follow_up"]["warning_signs"] == ["trouble_breathing"]
    assert {"warning_signs", "fever_in_last_24_hours", "symptoms_not_improving"} <= set(
        row["unmet"]
    )
    printed = site.run("isolation", "list").out
    assert "URGENT / URGENTE" in printed
    assert "Emergency warning signs / Signos de alarma" in printed


def test_the_board_of_another_day_is_as_of_that_day_s_end(site: MedicalSite) -> None:
    site.positive("REG-0001")
    assert site.json("isolation", "list", "--date", "2021-02-28").data["people"] == []
    [row] = site.json("isolation", "list", "--date", "2021-03-03").data["people"]
    assert (row["day"], row["overdue_days"], row["due_today"]) == (2, 1, True)
    [row] = site.json("isolation", "list", "--date", "2021-03-11").data["people"]
    assert row["day"] == 10 and row["unmet"] == ["no_recent_follow_up"]


def test_follow_up_of_someone_not_in_isolation_is_refused(site: MedicalSite) -> None:
    refused = site.run("isolation", "follow-up", "REG-0003", "--temperature", "36.6")
    assert refused.code == 1
    assert "This person is not in isolation" in refused.err


# --- supplies ------------------------------------------------------------------------------------


def test_kits_and_places_are_set_up_without_the_app(site: MedicalSite) -> None:
    added = site.json("kits", "add-type", "Flowflex", "--read-from", "15", "--read-until", "30")
    assert added.code == 0
    lot = site.json(
        "kits",
        "add-lot",
        "flowflex",
        "FF-7",
        "--expires",
        "2021-02-01",
        "--extended",
        "2021-05-01",
        "--notice",
        "Manufacturer letter 2021-01-15",
    )
    assert lot.code == 0
    listed = site.json("kits", "list").data
    assert {kit["name"] for kit in listed["types"]} == {"BinaxNOW COVID-19 Ag Card", "Flowflex"}
    lots = {row["lot_number"]: row for row in listed["lots"]}
    assert lots["FF-7"]["usable_through"] == "2021-05-01"
    assert lots["FF-7"]["expired"] is False
    assert lots["BX-OLD"]["expired"] is True
    assert "EXPIRED / VENCIDO" in site.run("kits", "list").out

    extended = site.json(
        "kits", "extend", "BX-OLD", "--until", "2021-04-30", "--notice", "FDA letter"
    )
    assert extended.code == 0
    saved = site.negative("REG-0001", "--temperature", "36.8", "--lot", "BX-OLD")
    assert saved.code == 0

    bad_window = site.run("kits", "add-type", "Odd", "--read-from", "20", "--read-until", "10")
    assert bad_window.code == 1
    assert "the read window must start" in bad_window.err
    assert "la ventana de lectura" in bad_window.err

    assert site.json("places", "add", "Casa Tía", "--address", "Calle 2").code == 0
    names = [place["name"] for place in site.json("places", "list").data]
    assert names == ["Casa Tía", "Hotel Frontera"]
