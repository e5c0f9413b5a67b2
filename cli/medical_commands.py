"""The medical team's sub-commands: `screening`, `isolation`, `kits`, `places` and `counts`.

For sites working without the desk app, or keying in paper forms later. Each lives in its own
module (`screening_commands`, `isolation_commands`, `supplies_commands`, `counts_commands`,
their flags in `medical_flags`); this one adds them to the parser and runs the one chosen.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from cli import counts_commands, isolation_commands, screening_commands, supplies_commands
from staging.security.access import Session

Command = Callable[[argparse.Namespace, Session], int]


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    login: argparse.ArgumentParser,
) -> dict[str, Command]:
    """Add `screening`, `isolation`, `kits`, `places` and `counts`; returns their runners."""
    for module in (screening_commands, isolation_commands, supplies_commands, counts_commands):
        module.register(commands, common, login)
    return MEDICAL_COMMANDS


def cmd_medical(args: argparse.Namespace, session: Session) -> int:
    """Each medical sub-command's parser names its runner in `args.medical`."""
    handler: Command = args.medical
    return handler(args, session)


MEDICAL_COMMANDS: dict[str, Command] = {
    name: cmd_medical for name in ("screening", "isolation", "kits", "places", "counts")
}
