"""A passphrase for a file that leaves the site (an export, an enrollment file): from an
environment variable (scripts) or typed without echo, never as an argument — arguments end up
in shell histories."""

from __future__ import annotations

import getpass
import os
import sys
from dataclasses import dataclass

from staging.errors import Refused
from staging.vocabulary import Words


@dataclass(frozen=True)
class PassphraseSource:
    """Where one command's passphrase comes from, and what it is called in both languages."""

    variable: str
    name: Words

    def read(self, *, confirm: bool) -> str:
        """From the environment, else typed without echo; a new passphrase is typed twice."""
        if self.variable in os.environ:
            return os.environ[self.variable]
        if not sys.stdin.isatty():
            raise MissingPassphrase(self)
        first = getpass.getpass(f"{self.name.en} / {self.name.es}: ")
        if confirm and getpass.getpass("Again / Otra vez: ") != first:
            raise Refused("The two passphrases differ", "Las dos frases de contraseña no coinciden")
        return first


class MissingPassphrase(Refused):
    """No way to get a passphrase (no variable, no terminal): a usage error, exit code 2."""

    def __init__(self, source: PassphraseSource) -> None:
        super().__init__(
            f"No {source.name.en.lower()}: set {source.variable} or run in a terminal",
            f"Falta la {source.name.es.lower()}: defina {source.variable} o use una terminal",
        )
