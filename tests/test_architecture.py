"""The house's one hard wall: the core and the printed forms never load Qt."""

from __future__ import annotations

import ast
import re
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


MIGRATIONS = ROOT / "staging" / "store" / "migrations.py"
# What a migration may use besides its own locals: the set it registers in, the statement
# runner, and names imported from the standard library or sqlite-utils.
MIGRATION_HELPERS = {"migrations", "_run_script"}
MIGRATION_LIBRARIES = {*sys.stdlib_module_names, "sqlite_utils"}


def is_migration(node: ast.stmt) -> bool:
    return isinstance(node, ast.FunctionDef) and any(
        isinstance(decorator, ast.Call)
        and isinstance(decorator.func, ast.Name)
        and decorator.func.id == "migrations"
        for decorator in node.decorator_list
    )


def migration_offenders(source: str) -> dict[str, list[str]]:
    """Each migration function, with what it imports and the module-level names it uses
    besides its helpers and the libraries'."""
    tree = ast.parse(source)
    module_names: set[str] = set()
    allowed = set(MIGRATION_HELPERS)
    for node in tree.body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            for alias in node.names:
                bound = (alias.asname or alias.name).split(".")[0]
                module = alias.name if isinstance(node, ast.Import) else node.module or ""
                module_names.add(bound)
                if getattr(node, "level", 0) == 0 and module.split(".")[0] in MIGRATION_LIBRARIES:
                    allowed.add(bound)
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            module_names.add(node.name)
        else:
            module_names |= {
                name.id
                for name in ast.walk(node)
                if isinstance(name, ast.Name) and isinstance(name.ctx, ast.Store)
            }
    offenders: dict[str, list[str]] = {}
    for node in filter(is_migration, tree.body):
        used = {name.id for name in ast.walk(node) if isinstance(name, ast.Name)}
        imported = [
            alias.name
            for inner in ast.walk(node)
            if isinstance(inner, ast.Import | ast.ImportFrom)
            for alias in inner.names
        ]
        offenders[node.name] = sorted((used & module_names) - allowed) + imported
    return offenders


def test_released_migrations_spell_out_their_own_schema() -> None:
    """A migration built from a constant other code uses would change, for new sites only,
    whenever that constant is edited."""
    offenders = migration_offenders(MIGRATIONS.read_text(encoding="utf-8"))
    assert "core" in offenders
    assert {name: names for name, names in offenders.items() if names} == {}


LIVE_CONSTANT = """
from sqlite_utils import Database, Migrations
from staging.people.fields import PERSON_FIELDS
migrations = Migrations("staging_desk")
COLUMNS = ("given_names", "notes")

@migrations(name="0001_core")
def core(db: Database) -> None:
    _run_script(db, ",".join(COLUMNS))

@migrations(name="0002_fields")
def fields(db: Database) -> None:
    from staging.people import fields
    _run_script(db, ",".join(f.name for f in PERSON_FIELDS))

def _run_script(db: Database, script: str) -> None:
    statement = script
"""


def test_a_migration_using_a_constant_or_an_import_is_caught() -> None:
    assert migration_offenders(LIVE_CONSTANT) == {
        "core": ["COLUMNS"],
        "fields": ["PERSON_FIELDS", "fields"],
    }


# Only the store writes: these modules hold the write path, the schema and the connection.
STORE_MODULES = {
    "staging/store/store.py",
    "staging/store/migrations.py",
    # The site hub's own PostgreSQL (sealed change events only), not the site's database.
    "staging/sync/hub.py",
}
WRITE_SQL = re.compile(
    r"\b(INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|REPLACE\s+INTO)\b", re.I
)
# What a screen or a command may not touch: the connection and the store's own modules.
STORE_INTERNAL_ATTRIBUTES = {"db", "conn", "execute", "executemany", "executescript"}
STORE_INTERNAL_MODULES = {
    "staging.store.database",
    "staging.store.migrations",
    "staging.store.tables",
}


def source_files(*places: str) -> list[Path]:
    found: list[Path] = []
    for place in places:
        path = ROOT / place
        found += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return found


def string_literals(source: Path) -> list[tuple[int, str]]:
    tree = ast.parse(source.read_text(encoding="utf-8"))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def sql_writes_outside_the_store(files: list[Path]) -> list[str]:
    return [
        f"{path.relative_to(ROOT)}:{line}"
        for path in files
        if str(path.relative_to(ROOT)) not in STORE_MODULES
        for line, text in string_literals(path)
        if WRITE_SQL.search(text)
    ]


def test_nothing_but_the_store_writes_sql() -> None:
    """Every change goes through the one write path (role, transaction, audit, change log)."""
    files = source_files("staging", "forms", "ui", "cli", "app.py")
    assert sql_writes_outside_the_store(files) == []


def test_the_sql_write_check_catches_a_write(tmp_path: Path) -> None:
    rogue = ROOT / "staging" / "rogue_for_test.py"
    try:
        rogue.write_text('SQL = "UPDATE person SET notes = ? WHERE id = ?"\n', encoding="utf-8")
        assert sql_writes_outside_the_store([rogue]) == ["staging/rogue_for_test.py:1"]
    finally:
        rogue.unlink()


def reaches_into_the_store(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        is_arguments = isinstance(node, ast.Attribute) and ast.unparse(node.value) == "args"
        if (
            isinstance(node, ast.Attribute)
            and node.attr in STORE_INTERNAL_ATTRIBUTES
            and not is_arguments  # the command line's own --db option
        ):
            found.append(f"{path.name}:{node.lineno} .{node.attr}")
        elif isinstance(node, ast.ImportFrom) and node.module in STORE_INTERNAL_MODULES:
            found.append(f"{path.name}:{node.lineno} {node.module}")
    return found


@pytest.mark.parametrize("place", ["ui", "cli", "app.py"])
def test_screens_and_commands_run_no_sql_and_stay_out_of_the_store(place: str) -> None:
    """They call core operations and queries; the connection is the core's business."""
    assert [hit for path in source_files(place) for hit in reaches_into_the_store(path)] == []


def test_the_store_check_catches_a_screen_running_sql(tmp_path: Path) -> None:
    screen = tmp_path / "screen.py"
    screen.write_text(
        "from staging.store.database import connect\n"
        "def count(session):\n"
        "    return session.store.db.execute('SELECT 1')\n",
        encoding="utf-8",
    )
    assert reaches_into_the_store(screen) == [
        "screen.py:1 staging.store.database",
        "screen.py:3 .execute",
        "screen.py:3 .db",
    ]
