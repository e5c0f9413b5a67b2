"""Logging in and finding people on the desk, offscreen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from staging.demo.build import create_demo_site
from staging.people.queries import search_people
from staging.security.access import Session
from ui.language import set_language
from ui.login_dialog import LoginDialog
from ui.models.people_model import PeopleTableModel


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "site.db"
    create_demo_site(path, people=200, seed=3).close()
    return path


@pytest.fixture
def session(demo_path: Path) -> Session:
    from staging.security.access import open_site

    opened = open_site(demo_path, "intake", "intake-demo")
    yield opened
    opened.close()


def test_model_shows_people_without_any_widget(session: Session) -> None:
    hits = search_people(session.store, "a", limit=10)
    model = PeopleTableModel(session.store.policy(), session.store.today(), session.actor.role)
    model.set_hits(hits)
    assert model.rowCount() == len(hits) > 0
    first = hits[0].person
    assert model.data(model.index(0, PeopleTableModel.COL_NAME)) == first.full_name
    assert model.data(model.index(0, 0), PeopleTableModel.PersonIdRole) == first.id
    assert model.headerData(PeopleTableModel.COL_NAME, Qt.Orientation.Horizontal) == "Name"


def test_login_shows_demo_users_and_refuses_a_wrong_password(qtbot, demo_path: Path) -> None:
    set_language("es")
    dialog = LoginDialog(demo_path)
    qtbot.addWidget(dialog)
    assert dialog.user_caption.text() == "&Usuario"
    assert "intake / intake-demo" in dialog.notice_label.text()
    dialog.user_field.setText("intake")
    dialog.password_field.setText("wrong-password")
    dialog.try_login()
    assert dialog.session is None
    assert "Usuario o contraseña incorrectos" in dialog.error_label.text()
    assert dialog.password_field.text() == ""
    set_language("en")
    assert dialog.user_caption.text() == "&User"
    dialog.password_field.setText("intake-demo")
    dialog.try_login()
    assert dialog.session is not None
    assert dialog.session.actor.user == "intake"
    dialog.session.close()
