"""Qt tests run offscreen; a Qt warning fails the test (qutebrowser's strictness)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


import pytest
from PySide6.QtCore import QCoreApplication, QEvent


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
