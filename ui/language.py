"""Spanish and English at run time, through Qt Linguist translations.

The `.ts` sources live in `ui/i18n/`; `make` builds the `.qm` files beside them. If a `.qm` is
missing (an install that skipped that step) it is built into the user's cache on first use.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import platformdirs
import PySide6
from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

LANGUAGES = ("es", "en")
SOURCE_LANGUAGE = "en"
I18N_FOLDER = Path(__file__).resolve().parent / "i18n"
LANGUAGE_PROPERTY = "staging_language"

_installed: list[QTranslator] = []


def default_language() -> str:
    """Spanish where the computer is set up in Spanish, English otherwise."""
    return "es" if QLocale.system().language() == QLocale.Language.Spanish else "en"


def current_language() -> str:
    app = QCoreApplication.instance()
    value = app.property(LANGUAGE_PROPERTY) if app else None
    return value if value in LANGUAGES else SOURCE_LANGUAGE


def compiled_translation(language: str) -> Path:
    """The `.qm` for a language, building it from the `.ts` source when it is missing or stale."""
    source = I18N_FOLDER / f"staging_{language}.ts"
    built = source.with_suffix(".qm")
    if built.exists() and built.stat().st_mtime >= source.stat().st_mtime:
        return built
    cache = Path(platformdirs.user_cache_dir("StagingDesk", appauthor=False)) / "i18n"
    cache.mkdir(parents=True, exist_ok=True)
    cached = cache / built.name
    if not cached.exists() or cached.stat().st_mtime < source.stat().st_mtime:
        lrelease = Path(PySide6.__file__).parent / "lrelease"
        subprocess.run(
            [str(lrelease), "-silent", str(source), "-qm", str(cached)],
            check=True,
            capture_output=True,
        )
    return cached


def set_language(language: str) -> None:
    """Switch every window's text; widgets re-read their strings on QEvent.LanguageChange."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language: {language}")
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language != SOURCE_LANGUAGE:
        ours = QTranslator(app)
        if ours.load(str(compiled_translation(language))):
            _installed.append(ours)
        qt_own = QTranslator(app)  # Qt's own dialogs: OK/Cancel, file pickers
        if qt_own.load(
            f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        ):
            _installed.append(qt_own)
        for translator in _installed:
            app.installTranslator(translator)
    app.setProperty(LANGUAGE_PROPERTY, language)
    # Dates and numbers follow the language: the locale is set before the windows redraw.
    QLocale.setDefault(
        QLocale(
            QLocale.Language.Spanish if language == "es" else QLocale.Language.English,
            QLocale.Country.Mexico if language == "es" else QLocale.Country.UnitedStates,
        )
    )
    # Deliver the change to every open window now, not on the next turn of the event loop.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
