"""Qt tests run offscreen; a Qt warning fails the test (qutebrowser's strictness)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from staging.security.access import Session
from tests.helpers.desk import build_demo_site, open_copy
from ui.operations import Operations
from ui.workspaces.intake import IntakeWorkspace


@pytest.fixture
def desk_windows(qapp):
    """Main windows opened by a test: closed and deleted before their database is closed, so a
    later language change never reaches a window whose session is gone."""
    windows = []
    yield windows
    for window in windows:
        window.close()
        window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    for window in windows:
        window.session.close()


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo site per test module, on the demo's reference day; tests work on copies."""
    return build_demo_site(tmp_path_factory.mktemp("intake-demo"))


@pytest.fixture
def session(demo_site: Path, tmp_path: Path) -> Iterator[Session]:
    opened = open_copy(demo_site, tmp_path)
    yield opened
    opened.close()


@pytest.fixture
def workspace(qtbot, session: Session) -> IntakeWorkspace:
    """The intake desk shown and ready, with the keyboard in its scan field."""
    widget = IntakeWorkspace(session, Operations())
    qtbot.addWidget(widget)
    widget.resize(1280, 680)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: widget.scan_field.hasFocus())
    return widget
