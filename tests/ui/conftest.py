"""Qt tests run offscreen; a Qt warning fails the test (qutebrowser's strictness)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
