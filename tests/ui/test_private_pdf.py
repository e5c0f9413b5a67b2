"""Wristbands and ID cards saved as a PDF carry people's names and codes: owner-only (0600),
even when they replace a file the volunteer chose to overwrite."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from staging.security.access import Session
from tests.helpers.desk import households_not_checked_in
from ui import printing
from ui.workspaces.intake import IntakeWorkspace

pytestmark = [
    pytest.mark.skipif(os.name == "nt", reason="POSIX file modes"),
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
]


@pytest.fixture
def usual_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_a_saved_wristband_pdf_is_owner_only(
    usual_umask: None,
    workspace: IntakeWorkspace,
    session: Session,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    documents = tmp_path / "documents"
    documents.mkdir()
    saved = documents / "bands.pdf"
    saved.write_bytes(b"yesterday's bands")
    saved.chmod(0o644)
    monkeypatch.setattr(printing, "ask_destination", lambda *args: printing.Destination.FILE)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(saved), ""))
    workspace.open_household(households_not_checked_in(session, 2)[0])
    workspace.print_wristbands()
    assert saved.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert [path.name for path in documents.iterdir()] == ["bands.pdf"]  # no file left aside
