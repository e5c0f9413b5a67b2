"""What the planner and the boarding screen both say: a port by its name, a count in the
desk's language."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from staging.domain import PORTS_BY_CODE


def port_name(code: str) -> str:
    port = PORTS_BY_CODE.get(code)
    return port.name if port is not None else code


def number(value: int) -> str:
    return QLocale().toString(value)
