"""tools/check_qt_system.py: reading `ldd`, naming the Debian packages, what it tells the person.

Headless: no X server, no Qt loaded; `ldd` is replaced by a script that prints captured output.
"""

from __future__ import annotations

import importlib.util
import re
import stat
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load_checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "check_qt_system", ROOT / "tools" / "check_qt_system.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


checker = load_checker()

# `ldd PySide6/Qt/plugins/platforms/libqxcb.so` (PySide6 6.11.3, Debian 12) with libxcb-icccm4 and
# libxcb-keysyms1 hidden — the case from the field, where Qt blamed libxcb-cursor0. Shortened.
LDD_TWO_MISSING = """\
\tlinux-vdso.so.1 (0x00007f0000000000)
\tlibQt6XcbQpa.so.6 => /v/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f0000000000)
\tlibQt6Gui.so.6 => /v/PySide6/Qt/lib/libQt6Gui.so.6 (0x00007f0000000000)
\tlibGL.so.1 => /lib/x86_64-linux-gnu/libGL.so.1 (0x00007f0000000000)
\tlibxkbcommon-x11.so.0 => /lib/x86_64-linux-gnu/libxkbcommon-x11.so.0 (0x00007f0000000000)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f0000000000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-util.so.1 => /lib/x86_64-linux-gnu/libxcb-util.so.1 (0x00007f0000000000)
\tlibxcb-image.so.0 => /lib/x86_64-linux-gnu/libxcb-image.so.0 (0x00007f0000000000)
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-randr.so.0 => /lib/x86_64-linux-gnu/libxcb-randr.so.0 (0x00007f0000000000)
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f0000000000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\t/lib64/ld-linux-x86-64.so.2 (0x00007f0000000000)
"""

LDD_NOTHING_MISSING = "\n".join(
    line for line in LDD_TWO_MISSING.splitlines() if "not found" not in line
)

DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n'
UBUNTU = "NAME=Ubuntu\nID=ubuntu\nID_LIKE=debian\n"
MINT = 'ID=linuxmint\nID_LIKE="ubuntu debian"\n'
FEDORA = "ID=fedora\nVERSION_ID=40\n"


def test_reads_the_not_found_libraries_once_each_in_order() -> None:
    assert checker.missing_sonames(LDD_TWO_MISSING) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]


def test_nothing_missing_reads_as_nothing() -> None:
    assert checker.missing_sonames(LDD_NOTHING_MISSING) == []
    assert checker.missing_sonames("") == []
    assert checker.missing_sonames("\tnot a dynamic executable\n") == []


@pytest.mark.parametrize(
    ("soname", "package"),
    [
        ("libxcb-cursor.so.0", "libxcb-cursor0"),
        ("libxcb-icccm.so.4", "libxcb-icccm4"),
        ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
        ("libxcb-image.so.0", "libxcb-image0"),
        ("libxcb-render-util.so.0", "libxcb-render-util0"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libxcb-xinerama.so.0", "libxcb-xinerama0"),
        ("libxcb-shape.so.0", "libxcb-shape0"),
        ("libxcb-randr.so.0", "libxcb-randr0"),
        ("libxcb-xkb.so.1", "libxcb-xkb1"),
        ("libEGL.so.1", "libegl1"),
        ("libGL.so.1", "libgl1"),
        ("libfontconfig.so.1", "libfontconfig1"),
        ("libdbus-1.so.3", "libdbus-1-3"),
    ],
)
def test_each_library_names_its_debian_package(soname: str, package: str) -> None:
    assert checker.packages_for([soname]) == ([package], [], [])


def test_packages_are_sorted_and_named_once() -> None:
    packages, unknown, bundled = checker.packages_for(
        ["libxcb-keysyms.so.1", "libglib-2.0.so.0", "libgthread-2.0.so.0", "libxcb-icccm.so.4"]
    )
    assert packages == ["libglib2.0-0", "libxcb-icccm4", "libxcb-keysyms1"]
    assert unknown == bundled == []


def test_unknown_and_pyside6_own_libraries_are_kept_apart() -> None:
    assert checker.packages_for(["libfoo.so.3", "libQt6DBus.so.6", "libicuuc.so.73"]) == (
        [],
        ["libfoo.so.3"],
        ["libQt6DBus.so.6", "libicuuc.so.73"],
    )


def test_the_install_command_is_exact() -> None:
    assert (
        checker.install_command(["libxcb-icccm4", "libxcb-keysyms1"])
        == "sudo apt-get install -y libxcb-icccm4 libxcb-keysyms1"
    )


@pytest.mark.parametrize(("text", "debian"), [(DEBIAN, True), (UBUNTU, True), (MINT, True)])
def test_debian_and_its_derivatives_are_recognised(text: str, debian: bool) -> None:
    assert checker.is_debian_like(text) is debian


def test_other_systems_are_not_debian() -> None:
    assert checker.is_debian_like(FEDORA) is False
    assert checker.is_debian_like("") is False


@pytest.mark.parametrize(
    ("platform", "needed"),
    [
        ("", True),
        ("xcb", True),
        ("wayland;xcb", True),
        ("offscreen", False),
        ("minimal", False),
        ("offscreen:fontengine=freetype", False),
        ("Offscreen", False),
    ],
)
def test_only_a_platform_that_draws_windows_needs_the_libraries(
    platform: str, needed: bool
) -> None:
    assert checker.needs_a_screen({"QT_QPA_PLATFORM": platform}) is needed
    assert checker.needs_a_screen({}) is True


def test_a_screen_is_an_x_display_or_a_wayland_one() -> None:
    assert checker.has_a_screen({"DISPLAY": ":0"}) is True
    assert checker.has_a_screen({"WAYLAND_DISPLAY": "wayland-0"}) is True
    assert checker.has_a_screen({"DISPLAY": ""}) is False
    assert checker.has_a_screen({}) is False


def test_the_message_names_what_is_missing_and_the_command_in_both_languages() -> None:
    text, fatal = checker.missing_libraries_message(
        ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"], [], debian=True
    )
    assert fatal is True
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in text
    assert "    sudo apt-get install -y libxcb-icccm4 libxcb-keysyms1\n" in text
    assert "cannot open its window" in text and "no puede abrir su ventana" in text
    assert "xcb-cursor0" in text  # why Qt's own message names another library


def test_off_debian_the_packages_are_named_without_an_apt_command() -> None:
    text, fatal = checker.missing_libraries_message(["libxcb-icccm.so.4"], [], debian=False)
    assert fatal is True
    assert "apt-get" not in text
    assert "libxcb-icccm4" in text


def test_unknown_and_pyside6_libraries_get_their_own_advice() -> None:
    text, _ = checker.missing_libraries_message(["libfoo.so.3", "libQt6DBus.so.6"], [], debian=True)
    assert "apt-file search" in text and "libfoo.so.3" in text
    assert "--force-reinstall PySide6-Essentials" in text
    assert "apt-get install" not in text


def test_optional_libraries_alone_do_not_stop_the_app() -> None:
    text, fatal = checker.missing_libraries_message([], ["libcups.so.2"], debian=True)
    assert fatal is False
    assert "sudo apt-get install -y libcups2" in text
    assert checker.missing_libraries_message([], [], debian=True) == ("", False)


def test_on_wayland_missing_x11_libraries_are_reported_without_stopping_the_app() -> None:
    text, fatal = checker.missing_libraries_message(
        ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"], [], debian=True, wayland=True
    )
    assert fatal is False
    assert "sudo apt-get install -y libxcb-icccm4 libxcb-keysyms1" in text
    assert "Wayland session" in text and "sesión Wayland" in text
    assert "cannot open its window" not in text


def test_on_wayland_a_library_qt_itself_needs_still_stops_the_app() -> None:
    _, fatal = checker.missing_libraries_message(
        ["libxcb-icccm.so.4", "libEGL.so.1"], [], debian=True, wayland=True
    )
    assert fatal is True


@pytest.mark.parametrize(
    ("environ", "wayland"),
    [
        ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, True),
        ({"WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "xcb"}, False),
        ({"DISPLAY": ":0"}, False),
        ({}, False),
    ],
)
def test_a_wayland_session_is_one_where_qt_is_not_told_to_use_x(
    environ: dict[str, str], wayland: bool
) -> None:
    assert checker.on_wayland(environ) is wayland


def test_the_readme_apt_line_installs_every_xcb_package() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    line = re.search(r"sudo apt-get install -y .*", readme)
    assert line is not None
    assert set(checker.XCB_PACKAGES) <= set(line.group(0).split())
    assert set(checker.XCB_PACKAGES) <= set(checker.DEBIAN_PACKAGES.values())


# --- the whole check, with a stand-in for `ldd` ---------------------------------------------------


@pytest.fixture
def fake_qt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    qt = tmp_path / "PySide6" / "Qt"
    for name in ("plugins/platforms/libqxcb.so", "lib/libQt6XcbQpa.so.6"):
        (qt / name).parent.mkdir(parents=True, exist_ok=True)
        (qt / name).write_bytes(b"")
    monkeypatch.setattr(checker, "qt_folder", lambda: qt)
    monkeypatch.setattr(checker, "read_os_release", lambda: DEBIAN)
    return qt


def fake_ldd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output: str) -> None:
    captured = tmp_path / "ldd-output.txt"
    captured.write_text(output, encoding="utf-8")
    script = tmp_path / "ldd"
    script.write_text(f"#!/bin/sh\ncat '{captured}'\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(checker, "find_ldd", lambda: str(script))


skip_off_posix = pytest.mark.skipif(sys.platform == "win32", reason="a /bin/sh stand-in for ldd")


@skip_off_posix
def test_missing_libraries_stop_make_run_with_the_command(
    fake_qt: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    fake_ldd(tmp_path, monkeypatch, LDD_TWO_MISSING)
    assert checker.main({"DISPLAY": ":0"}, "linux") == 1
    err = capsys.readouterr().err
    assert "sudo apt-get install -y libxcb-icccm4 libxcb-keysyms1" in err
    assert "graphical session" not in err


@skip_off_posix
def test_on_wayland_missing_x11_libraries_do_not_stop_make_run(
    fake_qt: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    fake_ldd(tmp_path, monkeypatch, LDD_TWO_MISSING)
    assert checker.main({"WAYLAND_DISPLAY": "wayland-0"}, "linux") == 0
    assert "sudo apt-get install -y libxcb-icccm4 libxcb-keysyms1" in capsys.readouterr().err


@skip_off_posix
def test_all_present_says_nothing(
    fake_qt: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    fake_ldd(tmp_path, monkeypatch, LDD_NOTHING_MISSING)
    assert checker.main({"DISPLAY": ":0"}, "linux") == 0
    assert capsys.readouterr() == ("", "")


@skip_off_posix
def test_without_a_graphical_session_it_says_so(
    fake_qt: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    fake_ldd(tmp_path, monkeypatch, LDD_NOTHING_MISSING)
    assert checker.main({}, "linux") == 1
    err = capsys.readouterr().err
    assert "No graphical session" in err and "No hay sesión gráfica" in err


def test_offscreen_macos_and_no_ldd_are_left_alone(
    fake_qt: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    assert checker.main({"QT_QPA_PLATFORM": "offscreen"}, "linux") == 0
    assert checker.main({}, "darwin") == 0
    monkeypatch.setattr(checker, "find_ldd", lambda: None)
    assert checker.main({"DISPLAY": ":0"}, "linux") == 0
    assert capsys.readouterr() == ("", "")
