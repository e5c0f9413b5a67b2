"""Before the desk opens on Linux: are the system libraries Qt's xcb (X11) plugin needs installed?

When one is missing, Qt aborts with "Could not load the Qt platform plugin "xcb"" and, since
Qt 6.5, always adds that "xcb-cursor0 or libxcb-cursor0 is needed" — even when the library really
missing is another one (libxcb-icccm4, libxcb-keysyms1, ...). This checker asks `ldd` which
libraries the installed PySide6's xcb plugin cannot find, names them, and prints the exact
`sudo apt-get install -y ...` line for Debian/Ubuntu, in English and Spanish.

    .venv/bin/python tools/check_qt_system.py      # `make run` calls it before opening the app

Exit 0: nothing missing, not Linux, Qt told to run without a screen (QT_QPA_PLATFORM=offscreen or
minimal), no `ldd` to ask, or only X11 libraries missing on a Wayland session (reported, not
fatal: Qt uses its wayland plugin there). Exit 1: a library the app needs is missing, or there is
no graphical session (no DISPLAY / WAYLAND_DISPLAY) to open a window in.

Standard library only; the parsing and the soname → package table are pure functions
(tests/tools/test_check_qt_system.py).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

# What `ldd` reports for each library PySide6 6.11's xcb plugin (libqxcb.so → libQt6XcbQpa.so.6,
# libQt6Gui.so.6, ...), QtWidgets and QtPrintSupport load, mapped to the Debian/Ubuntu package
# that ships it. On Ubuntu 24.04 some packages gained a "t64" suffix (libglib2.0-0t64,
# libpng16-16t64); apt picks the renamed package when given the old name.
DEBIAN_PACKAGES: dict[str, str] = {
    # The X11/xcb libraries Qt's xcb plugin links (the ones a fresh desktop install lacks).
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",  # Qt before 6.x; kept for older PySide6
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libXau.so.6": "libxau6",
    "libXdmcp.so.6": "libxdmcp6",
    # OpenGL / EGL (QtGui links them even when nothing is drawn with OpenGL).
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libGLdispatch.so.0": "libglvnd0",
    # Fonts, D-Bus, GLib and what they pull in.
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libpng16.so.16": "libpng16-16",
    "libexpat.so.1": "libexpat1",
    "libpcre2-8.so.0": "libpcre2-8-0",
    "libbrotlidec.so.1": "libbrotli1",
    "libbrotlicommon.so.1": "libbrotli1",
    "libz.so.1": "zlib1g",
    "libzstd.so.1": "libzstd1",
    "libsystemd.so.0": "libsystemd0",
    "libbsd.so.0": "libbsd0",
    "libmd.so.0": "libmd0",
    "libcap.so.2": "libcap2",
    "libgcrypt.so.20": "libgcrypt20",
    "libgpg-error.so.0": "libgpg-error0",
    "liblzma.so.5": "liblzma5",
    "liblz4.so.1": "liblz4-1",
    "libstdc++.so.6": "libstdc++6",
    "libgcc_s.so.1": "libgcc-s1",
    # Printing to a real printer (Qt's CUPS print-support plugin).
    "libcups.so.2": "libcups2",
}

# Everything the xcb platform needs, as one apt-get line (the README's Quick start quotes it).
XCB_PACKAGES = (
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-render-util0",
    "libxkbcommon-x11-0",
    "libxcb-shape0",
    "libxcb-randr0",
    "libxcb-xkb1",
    "libegl1",
    "libgl1",
    "libfontconfig1",
    "libdbus-1-3",
)

# Platforms that draw no window and so need no X or Wayland libraries.
HEADLESS_PLATFORMS = frozenset({"offscreen", "minimal", "minimalegl", "vnc", "linuxfb", "eglfs"})

# Libraries PySide6 ships itself: missing means a broken PySide6 install, not a system package.
BUNDLED = re.compile(r"^(libQt6\w*|libicu\w+|libpyside6\w*|libshiboken6\w*)\.so")

NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$")


# --- pure functions ------------------------------------------------------------------------------


def missing_sonames(ldd_output: str) -> list[str]:
    """The libraries `ldd` could not find ("libfoo.so.1 => not found"), once each, in order."""
    found: list[str] = []
    for line in ldd_output.splitlines():
        match = NOT_FOUND.match(line)
        if match and match.group(1) not in found:
            found.append(match.group(1))
    return found


def packages_for(sonames: Iterable[str]) -> tuple[list[str], list[str], list[str]]:
    """(Debian packages to install, sorted; unknown sonames; PySide6's own missing libraries)."""
    packages: set[str] = set()
    unknown: list[str] = []
    bundled: list[str] = []
    for soname in sonames:
        if soname in DEBIAN_PACKAGES:
            packages.add(DEBIAN_PACKAGES[soname])
        elif BUNDLED.match(soname):
            bundled.append(soname)
        else:
            unknown.append(soname)
    return sorted(packages), unknown, bundled


def install_command(packages: Iterable[str]) -> str:
    return "sudo apt-get install -y " + " ".join(packages)


def is_debian_like(os_release: str) -> bool:
    """Whether /etc/os-release describes Debian, Ubuntu or one of their derivatives."""
    fields: dict[str, str] = {}
    for line in os_release.splitlines():
        name, _, value = line.partition("=")
        fields[name.strip()] = value.strip().strip("\"'").lower()
    words = f"{fields.get('ID', '')} {fields.get('ID_LIKE', '')}".split()
    return "debian" in words or "ubuntu" in words


def needs_a_screen(environ: Mapping[str, str]) -> bool:
    """False when QT_QPA_PLATFORM names a platform that draws no window (offscreen, minimal...)."""
    requested = environ.get("QT_QPA_PLATFORM", "").strip()
    first = re.split(r"[;:]", requested, maxsplit=1)[0].strip().lower()
    return first not in HEADLESS_PLATFORMS


def has_a_screen(environ: Mapping[str, str]) -> bool:
    return bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))


def on_wayland(environ: Mapping[str, str]) -> bool:
    """A Wayland session where Qt is not told to use X: Qt opens windows with its wayland plugin."""
    requested = environ.get("QT_QPA_PLATFORM", "").strip().lower()
    return bool(environ.get("WAYLAND_DISPLAY")) and not requested.startswith("xcb")


def x11_only(soname: str) -> bool:
    """A library only the X11 (xcb) plugin needs, not Qt itself (libxcb-*, libX11-xcb, ...)."""
    return soname.startswith(("libxcb", "libX11-xcb", "libxkbcommon-x11"))


def missing_libraries_message(
    required: list[str], optional: list[str], *, debian: bool, wayland: bool = False
) -> tuple[str, bool]:
    """What to tell the person for the missing sonames, and whether the app cannot start.

    On a Wayland session Qt needs the X11 libraries only to fall back to X, so missing X11-only
    libraries are reported without stopping the app there.
    """
    only_x11 = wayland and all(x11_only(name) for name in required)
    packages, unknown, bundled = packages_for(required)
    optional_packages, optional_unknown, _ = packages_for(optional)
    optional_packages = [p for p in optional_packages if p not in packages]
    lines: list[str] = []
    if required:
        names = ", ".join(required)
        lines += [
            "Qt's xcb (X11) platform plugin needs system libraries that are not installed:",
            f"    {names}",
            "El complemento xcb (X11) de Qt necesita bibliotecas del sistema que no están",
            f"instaladas: {names}",
        ]
        if not only_x11:
            lines += [
                "Without them Staging Desk cannot open its window.",
                "Sin ellas Staging Desk no puede abrir su ventana.",
            ]
        if packages:
            if debian:
                lines += [
                    "",
                    "Install them with / Instálelas con:",
                    "",
                    "    " + install_command(packages),
                ]
            else:
                lines += [
                    "",
                    "Install the packages that provide them; on Debian/Ubuntu they are called /",
                    "Instale los paquetes que las contienen; en Debian/Ubuntu se llaman:",
                    "    " + " ".join(packages),
                ]
        if unknown:
            lines += [
                "",
                f"Not in our table / No están en nuestra tabla: {', '.join(unknown)}",
                "    apt-file search <name>   finds the package / encuentra el paquete",
            ]
        if bundled:
            lines += [
                "",
                f"PySide6's own libraries are missing: {', '.join(bundled)}. Reinstall it:",
                f"Faltan bibliotecas del propio PySide6: {', '.join(bundled)}. Reinstálelo:",
                "    .venv/bin/python -m pip install --force-reinstall PySide6-Essentials",
            ]
        lines += [
            "",
            "(From Qt 6.5 on, libxcb-cursor0 is required for xcb, and Qt's own error names it",
            "whenever the xcb plugin fails to load, whichever library is really missing: trust",
            "the list above.)",
            "(Desde Qt 6.5, libxcb-cursor0 es obligatoria para xcb, y el error de Qt la nombra",
            "siempre que el complemento xcb no carga, falte la biblioteca que falte: fíese de la",
            "lista de arriba.)",
        ]
    if required and only_x11:
        lines += [
            "",
            "This is a Wayland session: Qt opens its windows through Wayland and needs these",
            "only to fall back to X (QT_QPA_PLATFORM=xcb), so the desk is started anyway.",
            "Esta es una sesión Wayland: Qt abre sus ventanas con Wayland y solo las necesita",
            "para recurrir a X (QT_QPA_PLATFORM=xcb), así que la aplicación se abre igualmente.",
        ]
    if optional_packages or optional_unknown:
        extra = " ".join(optional_packages + optional_unknown)
        lines += [
            "" if lines else "Note / Nota:",
            "Optional (OpenGL over X, printing through CUPS) — the desk opens without them:",
            "Opcionales (OpenGL sobre X, impresión con CUPS) — la aplicación abre sin ellas:",
            "    "
            + (install_command(optional_packages) if debian and optional_packages else extra),
        ]
    return "\n".join(lines), bool(required) and not only_x11


def no_screen_message() -> str:
    return "\n".join(
        [
            "No graphical session: neither DISPLAY nor WAYLAND_DISPLAY is set. Staging Desk is a",
            "desktop app and needs one (log in to the desktop, or use `ssh -X`). `make test` runs",
            "headless and needs none.",
            "No hay sesión gráfica: no están definidas DISPLAY ni WAYLAND_DISPLAY. Staging Desk es",
            "una aplicación de escritorio y la necesita (entre al escritorio o use `ssh -X`).",
            "`make test` funciona sin pantalla.",
        ]
    )


# --- looking at this machine ---------------------------------------------------------------------


def qt_folder() -> Path | None:
    """PySide6/Qt of the running Python, found without importing (loading) Qt."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "Qt"
    return folder if folder.is_dir() else None


def required_files(qt: Path) -> list[Path]:
    """The xcb plugin and the Qt libraries the desk loads (ldd follows their dependencies)."""
    candidates = [
        qt / "plugins" / "platforms" / "libqxcb.so",
        qt / "lib" / "libQt6XcbQpa.so.6",
        qt / "lib" / "libQt6Widgets.so.6",
        qt / "lib" / "libQt6PrintSupport.so.6",
    ]
    return [path for path in candidates if path.is_file()]


def optional_files(qt: Path) -> list[Path]:
    """Plugins the xcb plugin or printing load when they can; without them the desk still opens."""
    found = sorted((qt / "plugins" / "xcbglintegrations").glob("*.so"))
    cups = qt / "plugins" / "printsupport" / "libcupsprintersupport.so"
    return [*found, cups] if cups.is_file() else found


def ldd_missing(ldd: str, files: Iterable[Path]) -> list[str]:
    missing: list[str] = []
    for path in files:
        try:
            result = subprocess.run(
                [ldd, str(path)], capture_output=True, text=True, check=False, timeout=60
            )
        except (OSError, subprocess.SubprocessError):
            continue  # no answer from ldd: say nothing rather than guess
        missing += [name for name in missing_sonames(result.stdout) if name not in missing]
    return missing


def find_ldd() -> str | None:
    return shutil.which("ldd")


def read_os_release() -> str:
    for place in ("/etc/os-release", "/usr/lib/os-release"):
        try:
            return Path(place).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
    return ""


def main(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> int:
    if not platform.startswith("linux") or not needs_a_screen(environ):
        return 0
    status = 0
    ldd = find_ldd()
    qt = qt_folder()
    if ldd and qt:
        required = ldd_missing(ldd, required_files(qt))
        optional = [
            name
            for name in ldd_missing(ldd, optional_files(qt))
            if name not in required and not BUNDLED.match(name)
        ]
        text, fatal = missing_libraries_message(
            required,
            optional,
            debian=is_debian_like(read_os_release()),
            wayland=on_wayland(environ),
        )
        if text:
            print(text, file=sys.stderr)
        status = 1 if fatal else 0
    if not has_a_screen(environ):
        print(("\n" if status else "") + no_screen_message(), file=sys.stderr)
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
