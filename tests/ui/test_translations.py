"""Every visible string is in Spanish too, and stays so as the screens change."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import PySide6
import pytest

ROOT = Path(__file__).resolve().parents[2]
SPANISH = ROOT / "ui" / "i18n" / "staging_es.ts"
PLACEHOLDER = re.compile(r"\{\w*\}")


def messages(ts_file: Path) -> list[tuple[str, str, ElementTree.Element]]:
    root = ElementTree.parse(ts_file).getroot()
    return [
        (context.findtext("name"), message.findtext("source"), message.find("translation"))
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def untranslated(ts_file: Path) -> list[str]:
    return [
        f"{context}: {source!r}"
        for context, source, translation in messages(ts_file)
        if translation is None or translation.get("type") or not (translation.text or "").strip()
    ]


def test_no_spanish_entry_is_left_untranslated() -> None:
    assert messages(SPANISH), "the Spanish translation file is empty"
    assert untranslated(SPANISH) == []


def test_every_string_in_the_screens_is_in_the_translation_file(tmp_path: Path) -> None:
    """lupdate over the current code finds nothing new (a new tr() string needs translating)."""
    refreshed = tmp_path / "staging_es.ts"
    shutil.copy(SPANISH, refreshed)
    lupdate = Path(PySide6.__file__).parent / "lupdate"
    sources = sorted(str(path) for path in (ROOT / "ui").rglob("*.py"))
    subprocess.run(
        [
            str(lupdate),
            "-silent",
            *sources,
            "-ts",
            str(refreshed),
            "-no-obsolete",
            "-locations",
            "none",
        ],
        check=True,
        capture_output=True,
    )
    assert len(messages(refreshed)) >= len(messages(SPANISH)) > 100, "lupdate found no strings"
    assert untranslated(refreshed) == []


@pytest.mark.parametrize("context, source, translation", messages(SPANISH))
def test_translation_keeps_placeholders(context: str, source: str, translation) -> None:
    assert sorted(PLACEHOLDER.findall(source)) == sorted(
        PLACEHOLDER.findall(translation.text or "")
    )
