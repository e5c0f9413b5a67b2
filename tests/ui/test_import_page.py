"""Importing a list in the app, as a coordinator would: choose the file, see how it was read,
say what no rule can guess, check the whole file, import with progress (or cancel), read the
summary; KoboToolbox exports as partners send them (`tests.helpers.form_exports`).

Each test works on its own copy of the module's demo site, as the demo's coordinator.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog

from staging.registration.profiles import import_profiles
from staging.registration.service import ImportWatch
from staging.security.access import Session
from tests.helpers.desk import open_copy
from tests.helpers.form_exports import (
    UUIDS,
    hxl_tags,
    kobo_label_rows,
    kobo_xml_rows,
    write_kobo_csv,
    write_xlsx,
)
from ui.language import set_language
from ui.models.import_models import ColumnsModel, Status, WordsModel
from ui.operations import Operations
from ui.workspaces.data_desk.importing import page as import_page
from ui.workspaces.data_desk.importing.page import ImportPage, Page

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
]

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHOTS = Path("/tmp/shots")
# The two questions of the labels export no rule can guess, and what they are.
GUESSLESS = {
    "Caso MPP/¿Cuál es su número de extranjero (A#)?": "a_number",
    "Caso MPP/¿Cuándo le inscribieron en MPP?": "mpp_enrollment_date",
}
# The page's share of a 1280×680 window: menus, status bar and two rows of tabs take the rest.
PAGE_SIZE = (1264, 555)


@pytest.fixture
def session(demo_site: Path, tmp_path: Path) -> Iterator[Session]:
    opened = open_copy(demo_site, tmp_path, user="coordinator")
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def english(qapp) -> Iterator[None]:
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def page(qtbot, session: Session) -> Iterator[ImportPage]:
    """The page shown and active; deleted before its database closes."""
    widget = ImportPage(session, Operations())
    widget.resize(*PAGE_SIZE)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    yield widget
    qtbot.waitUntil(lambda: not widget.operations.busy, timeout=20_000)
    widget.close()
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def offer(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """The file dialog answers with `path`."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))


def key(qtbot, keys: str | Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), keys, modifier)


def idle(qtbot, page: ImportPage) -> None:
    """Every background job of the page has answered."""
    qtbot.waitUntil(lambda: not page.operations.busy, timeout=20_000)


def on_page(qtbot, page: ImportPage, expected: Page) -> None:
    qtbot.waitUntil(lambda: page.stack.currentIndex() == expected)


def choose_file(qtbot, page: ImportPage, monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Ctrl+O, the file, and its first rows shown."""
    offer(monkeypatch, path)
    key(qtbot, "O", CTRL)
    idle(qtbot, page)


def choose(view, model, row: int, column: int, value: str) -> None:
    """A choice made in a line's drop-down (as the keyboard or the mouse makes it)."""
    box = view.indexWidget(model.index(row, column))
    position = box.findData(value)
    assert position >= 0, value
    box.setFocus()
    box.setCurrentIndex(position)
    box.activated.emit(position)


def to_columns(qtbot, page: ImportPage) -> None:
    """Alt+N: the next step (Qt clicks a mnemonic's button a moment later)."""
    key(qtbot, "N", ALT)
    on_page(qtbot, page, Page.COLUMNS)


def check_whole_file(qtbot, page: ImportPage) -> None:
    key(qtbot, Qt.Key.Key_Return, CTRL)
    on_page(qtbot, page, Page.CHECK)
    idle(qtbot, page)


def import_it(qtbot, page: ImportPage) -> None:
    assert page.check_step.import_button.isEnabled()
    key(qtbot, "I", ALT)
    on_page(qtbot, page, Page.SUMMARY)


def people(session: Session) -> int:
    return session.store.db.execute("SELECT count(*) FROM person").fetchone()[0]


def statuses(page: ImportPage) -> dict[str, Status]:
    model = page.columns_step.model
    return {line.header: model.status(line) for line in model.lines()}


def test_a_kobo_export_imports_with_no_manual_step(
    qtbot, page: ImportPage, session: Session, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    before = people(session)
    path = write_kobo_csv(tmp_path / "registro_mpp.csv", kobo_xml_rows())
    choose_file(qtbot, page, monkeypatch, path)
    assert page.file_step.file_value.text() == "registro_mpp.csv"
    assert (page.file_step.encoding_value.text(), page.file_step.delimiter_value.text()) == (
        "UTF-8",
        "semicolon ;",
    )
    assert page.file_step.header_row_value.text() == "1" and page.file_step.hxl_label.isHidden()
    assert page.file_step.model.columnCount() == len(kobo_xml_rows()[0])
    assert page.file_step.model.rowCount() == 4
    assert page.file_step.model.headerData(0, Qt.Orientation.Vertical) == "2"  # Excel's row numbers

    to_columns(qtbot, page)
    found = statuses(page)
    assert set(found.values()) == {Status.AUTOMATIC, Status.METADATA, Status.SUBMISSION_KEY}
    assert found["_uuid"] is Status.SUBMISSION_KEY
    assert page.columns_step.model.mapping() == import_page.ColumnMapping()  # the rules say it all
    assert (
        page.columns_step.problems_label.isHidden() and page.columns_step.check_button.isEnabled()
    )
    assert "No profile" in page.columns_step.profile_found_label.text()

    check_whole_file(qtbot, page)
    assert [
        page.check_step.would_add.text(),
        page.check_step.would_reject.text(),
        page.check_step.row_count.text(),
    ] == [
        "4",
        "0",
        "4",
    ]
    assert page.check_step.words_box.isHidden()
    assert page.check_step.import_button.text() == "&Import 4 people"
    assert people(session) == before  # a check writes nothing

    import_it(qtbot, page)
    assert page.summary_step.added_value.text() == "4"
    assert page.summary_step.rejected_value.text() == "0"
    assert page.summary_step.households_value.text() == "3"
    assert "_uuid" in page.summary_step.details.text()
    assert page.summary_step.rejects_button.isHidden()
    assert people(session) == before + 4


def test_a_labels_export_needs_only_its_two_questions_and_then_never_again(
    qtbot, page: ImportPage, session: Session, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    rows = kobo_label_rows()
    choose_file(qtbot, page, monkeypatch, write_kobo_csv(tmp_path / "labels.csv", rows))
    to_columns(qtbot, page)
    model = page.columns_step.model
    needing = [model.lines()[row].header for row in model.needing_you()]
    assert needing == list(GUESSLESS)
    assert not page.columns_step.check_button.isEnabled()
    assert "A-number, MPP enrollment date" in page.columns_step.problems_label.text()
    # The keyboard starts on the first drop-down that needs the person.
    first_row, second_row = model.needing_you()
    first = page.columns_step.table.indexWidget(model.index(first_row, model.COL_CHOICE))
    second = page.columns_step.table.indexWidget(model.index(second_row, model.COL_CHOICE))
    assert first.hasFocus()
    key(qtbot, Qt.Key.Key_Tab)  # Tab goes from drop-down to drop-down, as in a form
    assert second.hasFocus()
    key(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert first.hasFocus()

    for header, name in GUESSLESS.items():
        choose(page.columns_step.table, model, model.line_of(header), model.COL_CHOICE, name)
    assert (
        page.columns_step.check_button.isEnabled() and page.columns_step.problems_label.isHidden()
    )
    assert {statuses(page)[header] for header in GUESSLESS} == {Status.YOURS}
    assert model.mapping().columns == GUESSLESS
    page.columns_step.save_check.setChecked(True)
    assert not page.columns_step.check_button.isEnabled()  # a profile needs a name
    qtbot.keyClicks(page.columns_step.profile_name, "Kobo etiquetas")
    assert page.columns_step.check_button.isEnabled()

    check_whole_file(qtbot, page)
    assert page.check_step.would_add.text() == "4"
    import_it(qtbot, page)
    assert page.summary_step.added_value.text() == "4"
    assert "Kobo etiquetas" in page.summary_step.details.text()
    [profile] = import_profiles(session.store)
    assert (profile.name, dict(profile.mapping.columns)) == ("Kobo etiquetas", GUESSLESS)

    # Next week's export of the same form, its columns in another order: nothing to do.
    rows[0] = list(reversed(rows[0]))
    rows[1:] = [list(reversed(row)) for row in rows[1:]]
    offer(monkeypatch, write_kobo_csv(tmp_path / "labels-next-week.csv", rows))
    key(qtbot, "A", ALT)  # Import another file
    qtbot.waitUntil(lambda: page.file_step.file_value.text() == "labels-next-week.csv")
    to_columns(qtbot, page)
    assert (
        "Profile for these headers: Kobo etiquetas" in page.columns_step.profile_found_label.text()
    )
    assert page.columns_step.profile_box.currentText() == "Kobo etiquetas"
    assert model.needing_you() == []
    assert {statuses(page)[header] for header in GUESSLESS} == {Status.PROFILE}
    check_whole_file(qtbot, page)
    assert page.check_step.would_keep.text() == "4"  # the same people, already on the site
    import_it(qtbot, page)
    assert page.summary_step.unchanged_value.text() == "4"
    assert "Kobo etiquetas" in page.summary_step.details.text()


def test_a_case_status_of_the_lists_own_is_mapped_and_checking_again_clears_it(
    qtbot, page: ImportPage, session: Session, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    rows = kobo_xml_rows()
    rows[1][rows[0].index("caso_mpp/estado_caso")] = "Pendiente de audiencia"
    choose_file(qtbot, page, monkeypatch, write_kobo_csv(tmp_path / "words.csv", rows))
    to_columns(qtbot, page)
    check_whole_file(qtbot, page)
    assert page.check_step.would_reject.text() == "1"
    assert "Pendiente de audiencia" in page.check_step.results_details.text()
    assert page.check_step.words_box.isVisible()
    words = page.check_step.words_model
    assert words.rowCount() == 1
    assert words.data(words.index(0, WordsModel.COL_FIELD)) == "Case status"
    assert words.data(words.index(0, WordsModel.COL_WORD)) == "Pendiente de audiencia"
    assert page.check_step.import_button.text() == "&Import 3 people"
    box = page.check_step.words_view.indexWidget(words.index(0, WordsModel.COL_CODE))
    assert box.hasFocus()  # the keyboard is where the person is needed
    assert [box.itemText(i) for i in range(box.count())][:2] == ["Pending", "Terminated"]

    choose(page.check_step.words_view, words, 0, WordsModel.COL_CODE, "pending")
    assert not page.check_step.import_button.isEnabled()
    assert "Check again" in page.check_step.import_hint.text()
    key(qtbot, "A", ALT)  # Check again
    qtbot.waitUntil(lambda: page.check_step.would_reject.text() == "0", timeout=20_000)
    assert words.rowCount() == 0 and page.check_step.words_box.isHidden()
    assert page.check_step.import_button.isEnabled()
    assert page.check_step.import_button.text() == "&Import 4 people"
    import_it(qtbot, page)
    assert page.summary_step.added_value.text() == "4"
    status = session.store.db.execute(
        "SELECT case_status FROM person WHERE registration_id = ?", [UUIDS[0]]
    ).fetchone()[0]
    assert status == "pending"


def test_cancel_during_the_import_leaves_the_site_as_it_was(
    qtbot, page: ImportPage, session: Session, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The import is held inside its write (after one chunk of people was written in the
    transaction) until Cancel is pressed: the transaction is rolled back."""
    real = import_page.import_registrations
    writing = threading.Event()

    def held_import(store, actor, path, columns, watch: ImportWatch):
        def progress(stage: str, rows: int) -> None:
            watch.progress(stage, rows)
            if stage == "writing" and not writing.is_set():
                writing.set()
                deadline = time.monotonic() + 15
                while not watch.cancelled() and time.monotonic() < deadline:
                    time.sleep(0.01)

        return real(store, actor, path, columns, ImportWatch(progress, watch.cancelled))

    monkeypatch.setattr(import_page, "import_registrations", held_import)
    written = "SELECT (SELECT count(*) FROM person) + (SELECT count(*) FROM audit_log)"
    before = session.store.db.execute(written).fetchone()[0]
    choose_file(qtbot, page, monkeypatch, write_kobo_csv(tmp_path / "k.csv", kobo_xml_rows()))
    to_columns(qtbot, page)
    check_whole_file(qtbot, page)
    key(qtbot, "I", ALT)
    qtbot.waitUntil(writing.is_set, timeout=10_000)
    assert page.progress.isVisible() and page.progress.cancel_button.isEnabled()
    assert page.progress.bar.maximum() == 8  # checking, then writing, of the 4 rows
    assert "4." in page.step_bar.labels[3].text()
    SHOTS.mkdir(exist_ok=True)
    page.grab().save(str(SHOTS / "import_4_progress_en.png"))
    key(qtbot, Qt.Key.Key_Escape)
    idle(qtbot, page)
    assert page.stack.currentIndex() == Page.CHECK
    assert "nothing was imported" in page.message.text()
    assert page.progress.isHidden() and page.check_step.import_button.isEnabled()
    assert session.store.db.execute(written).fetchone()[0] == before


def test_an_unreadable_file_says_why_in_the_users_language_and_changes_nothing(
    qtbot, page: ImportPage, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    choose_file(qtbot, page, monkeypatch, write_kobo_csv(tmp_path / "good.csv", kobo_xml_rows()))
    old = tmp_path / "lista.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0 an old workbook")
    page.file_step.choose_button.setFocus()
    choose_file(qtbot, page, monkeypatch, old)
    assert "old Excel (.xls) file" in page.message.text()
    assert page.file_step.file_value.text() == "good.csv"  # what was shown stays
    assert page.file_step.next_button.isEnabled()
    set_language("es")
    assert "archivo de Excel antiguo" in page.message.text()


def test_a_workbook_names_its_sheet_and_its_hxl_row(
    qtbot, page: ImportPage, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    rows = kobo_xml_rows()
    path = write_xlsx(tmp_path / "registro.xlsx", rows, hxl=hxl_tags(rows[0]))
    choose_file(qtbot, page, monkeypatch, path)
    assert page.file_step.sheet_value.text() == "registro_mpp"
    assert page.file_step.hxl_label.isVisible()
    assert "row 2" in page.file_step.hxl_label.text()
    assert page.file_step.model.headerData(0, Qt.Orientation.Vertical) == "3"
    tip = page.file_step.model.headerData(
        rows[0].index("datos_personales/nombres"),
        Qt.Orientation.Horizontal,
        Qt.ItemDataRole.ToolTipRole,
    )
    assert "#affected+name+first" in tip


def test_two_columns_onto_one_field_are_shown_where_they_clash(
    qtbot, page: ImportPage, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    choose_file(qtbot, page, monkeypatch, write_kobo_csv(tmp_path / "k.csv", kobo_xml_rows()))
    to_columns(qtbot, page)
    model = page.columns_step.model
    maternal = model.line_of("datos_personales/apellido_materno")
    choose(page.columns_step.table, model, maternal, ColumnsModel.COL_CHOICE, "given_names")
    assert statuses(page)["datos_personales/nombres"] is Status.CLASH
    status = model.data(model.index(maternal, ColumnsModel.COL_STATUS))
    assert "datos_personales/nombres" in status
    assert "Two columns cannot both be Given names" in page.columns_step.problems_label.text()
    assert not page.columns_step.check_button.isEnabled()
    given = model.line_of("datos_personales/nombres")
    choose(page.columns_step.table, model, given, ColumnsModel.COL_CHOICE, "")
    assert page.columns_step.check_button.isEnabled()
    assert model.mapping().columns == {
        "datos_personales/apellido_materno": "given_names",
        "datos_personales/nombres": "",
    }


def test_the_rejects_file_opens_and_the_duplicates_are_a_click_away(
    qtbot, page: ImportPage, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    rows = kobo_xml_rows()
    rows[2][rows[0].index("datos_personales/fecha_nacimiento")] = "31/02/1988"
    choose_file(qtbot, page, monkeypatch, write_kobo_csv(tmp_path / "k.csv", rows))
    to_columns(qtbot, page)
    check_whole_file(qtbot, page)
    assert page.check_step.would_reject.text() == "1"
    assert "Row 3" in page.check_step.results_details.text()
    import_it(qtbot, page)
    assert page.summary_step.rejected_value.text() == "1"
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", opened.append)
    key(qtbot, "O", ALT)
    qtbot.waitUntil(lambda: bool(opened))
    assert Path(opened[0].toLocalFile()).exists()
    asked: list[bool] = []
    page.review_duplicates.connect(lambda: asked.append(True))
    page.summary_step.duplicates_button.setEnabled(True)
    page.summary_step.duplicates_button.click()
    assert asked == [True]


@pytest.mark.parametrize("language", ["en", "es"])
def test_screenshots_of_each_step(
    qtbot,
    page: ImportPage,
    session: Session,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    language: str,
) -> None:
    """Each step at its size in the window, for a person to look at (/tmp/shots)."""
    SHOTS.mkdir(exist_ok=True)
    set_language(language)
    rows = kobo_label_rows()
    rows[1][rows[0].index("Caso MPP/Estado del caso")] = "Pendiente de audiencia"
    rows[2][rows[0].index("Datos personales/Fecha de nacimiento")] = "31/02/1988"
    path = write_xlsx(tmp_path / "registro_etiquetas.xlsx", rows, hxl=hxl_tags(rows[0]))
    choose_file(qtbot, page, monkeypatch, path)
    page.grab().save(str(SHOTS / f"import_1_file_{language}.png"))
    page.file_step.next_button.click()
    model = page.columns_step.model
    for header, name in GUESSLESS.items():
        choose(page.columns_step.table, model, model.line_of(header), model.COL_CHOICE, name)
    page.columns_step.save_check.setChecked(True)
    page.columns_step.profile_name.setText("Kobo etiquetas")
    page.columns_step.table.scrollTo(model.index(model.line_of(next(iter(GUESSLESS))), 0))
    page.grab().save(str(SHOTS / f"import_2_columns_{language}.png"))
    page.columns_step.check_button.click()
    idle(qtbot, page)
    page.grab().save(str(SHOTS / f"import_3_check_{language}.png"))
    page.check_step.import_button.click()
    on_page(qtbot, page, Page.SUMMARY)
    page.grab().save(str(SHOTS / f"import_5_summary_{language}.png"))
    assert (page.summary_step.added_value.text(), page.summary_step.rejected_value.text()) == (
        "2",
        "2",
    )
