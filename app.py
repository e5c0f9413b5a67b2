"""Composition root of `staging-site`: the command line, or the desk app when no command given."""

from __future__ import annotations

import sys

from cli.main import run


def main() -> int:
    return run(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
