"""The house's one hard wall: the core and the printed forms never load Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
QT_FREE_PACKAGES = ("staging", "forms", "cli")


def imported_modules(source: Path) -> set[str]:
    tree = ast.parse(source.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def offenders(package: str, forbidden: set[str]) -> list[str]:
    return [
        str(path.relative_to(ROOT))
        for path in (ROOT / package).rglob("*.py")
        if any(name.split(".")[0] in forbidden for name in imported_modules(path))
    ]


@pytest.mark.parametrize("package", QT_FREE_PACKAGES)
def test_package_source_never_imports_qt(package: str) -> None:
    assert offenders(package, {"PySide6"}) == []


@pytest.mark.parametrize("package", ["staging", "forms"])
def test_dependencies_point_one_way(package: str) -> None:
    """The core knows no screen and no command line; the forms know no screen."""
    assert offenders(package, {"ui", "cli", "app"}) == []


def test_loading_the_core_and_the_command_line_does_not_load_qt() -> None:
    """Imports at run time, not only the source text: a transitive import would show here."""
    code = (
        "import sys, importlib, pkgutil\n"
        "for package in ('staging', 'forms'):\n"
        "    module = importlib.import_module(package)\n"
        "    for info in pkgutil.walk_packages(module.__path__, package + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "import cli.main\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
