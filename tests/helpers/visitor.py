"""Running a check as an account without root's powers, so that permission tests mean something.

Root reads and writes any file whatever its mode, so a read-only folder tested as root proves
nothing, and CI runs as root. There the check runs in a child process that drops to the
`nobody` account once it has imported what it needs (the interpreter may live where `nobody`
may not read); under any other account it simply runs in this process, which is already
unprivileged. Checks take and return plain strings and dicts, which cross either way.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

VISITOR = "nobody"
REPOSITORY = Path(__file__).resolve().parents[2]

_CHILD = """
import importlib, json, os, pwd, sys
module, name, arguments = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
check = getattr(importlib.import_module(module), name)
account = pwd.getpwnam(sys.argv[4])
os.setgroups([])
os.setgid(account.pw_gid)
os.setuid(account.pw_uid)
print(json.dumps(check(*arguments)))
"""


def as_root() -> bool:
    return os.geteuid() == 0


@contextmanager
def visitor_folder() -> Iterator[Path]:
    """A temporary folder the unprivileged account can reach (pytest's own is root's only);
    its permissions are put back before it is removed."""
    folder = Path(tempfile.mkdtemp(prefix="staging-visitor-"))
    try:
        yield folder
    finally:
        folder.chmod(0o700)
        for parent, folders, _ in os.walk(folder):
            for name in folders:
                Path(parent, name).chmod(0o700)
        shutil.rmtree(folder)


def hand_over(folder: Path) -> None:
    """As root, give the folder and everything in it to the visitor, so that the modes a test
    sets decide what it may do, as they would for the laptop's own account."""
    if not as_root():
        return
    import pwd

    account = pwd.getpwnam(VISITOR)
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, account.pw_uid, account.pw_gid)


def run_as_visitor(check: Callable[..., Any], *arguments: str) -> Any:
    """`check(*arguments)` run by an account that file modes apply to; its result."""
    if not as_root():
        return check(*arguments)
    completed = subprocess.run(
        [
            sys.executable,
            "-c",
            _CHILD,
            check.__module__,
            check.__qualname__,
            json.dumps(arguments),
            VISITOR,
        ],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.splitlines()[-1])
