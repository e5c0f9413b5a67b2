"""Sub-command `counts`: the day's screening figures, never a name (coordinators may read them)."""

from __future__ import annotations

import argparse

from cli import medical_flags as flags
from cli.output import EXIT_OK, emit
from staging.screening.queries import day_counts
from staging.security.access import Session


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    login: argparse.ArgumentParser,
) -> None:
    """Add `counts`."""
    counts = commands.add_parser(
        "counts", parents=[login], help="the day's screening figures, no names"
    )
    counts.set_defaults(medical=cmd_counts)
    counts.add_argument(
        "--date", type=flags.day, metavar="DATE", help="YYYY-MM-DD (default: today)"
    )


def cmd_counts(args: argparse.Namespace, session: Session) -> int:
    """The day's figures, never a name: coordinators may read them too."""
    store = session.store
    counts = day_counts(store, session.actor, args.date or store.today())
    data = {
        "date": counts.day.isoformat(),
        "screened": counts.screened,
        "tested": counts.tested,
        "positive": counts.positive,
        "positivity": counts.positivity,
        "in_isolation": counts.in_isolation,
        "released": counts.released,
    }

    def human() -> None:
        share = "—" if counts.positivity is None else f"{counts.positivity:.1%}"
        print(f"{counts.day:%Y-%m-%d}")
        print(f"  Screened / Evaluados:          {counts.screened}")
        print(f"  Tested / Con prueba:           {counts.tested}")
        print(f"  Positive / Positivos:          {counts.positive} ({share})")
        print(f"  In isolation / En aislamiento: {counts.in_isolation}")
        print(f"  Released / Dados de alta:      {counts.released}")

    emit(args, data, human)
    return EXIT_OK
