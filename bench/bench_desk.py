"""The intake desk at 100,000 people: scan → household checked in (target ≤ 30 ms p95, audit and
change log included), and cold start to a usable window (target ≤ 1.5 s)."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

from bench.bench_import import DATABASES, KEY_FILE, bench_key
from bench.common import BENCH_ACTOR, bench_clock, percentile, timed
from staging.audit.keys import device_audit_key
from staging.intake.operations import check_in
from staging.intake.queries import resolve_scan
from staging.people import queries
from staging.rules import StopSign
from staging.store.store import Store
from staging.wristbands.operations import issue_bands

ROOT = Path(__file__).resolve().parent.parent
COLD_START = """
import sys, time
started = time.perf_counter()
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from ui.login_dialog import LoginDialog
dialog = LoginDialog(Path(sys.argv[2]))
dialog.show()
def shown():
    print(f"{(time.perf_counter() - started) * 1000:.0f}")
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""
MAIN_WINDOW = """
import sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from staging.audit.keys import device_audit_key
from staging.security.access import Session
from staging.store.store import Store
from staging.domain import Role
from staging.store.store import Actor
from ui.main_window import MainWindow
key = Path(sys.argv[3]).read_bytes()
started = time.perf_counter()
audit_key = device_audit_key(Path(sys.argv[2]))
store = Store.open(Path(sys.argv[2]), key=key, audit_key=audit_key)
# The bench site is opened with its raw key and has no key file, so the window is a
# coordinator's: the administrator's would read the user list from the key file.
session = Session(store, Actor("bench", Role.COORDINATOR), key, audit_key=audit_key)
window = MainWindow(session, Path(sys.argv[2]))
window.show()
app.processEvents()
print(f"{(time.perf_counter() - started) * 1000:.0f}")
"""


def scan_to_check_in(samples: int = 300) -> dict[str, float]:
    database = DATABASES["encrypted"]
    store = Store.open(
        database, key=bench_key(), clock=bench_clock(), audit_key=device_audit_key(database)
    )
    rng = random.Random(5)
    waiting = [
        r[0]
        for r in store.db.execute(
            "SELECT id FROM person WHERE id NOT IN (SELECT person_id FROM check_in)"
        )
    ]
    chosen = rng.sample(waiting, samples)
    codes = issue_bands(store, BENCH_ACTOR, chosen).value

    def scan_and_check_in(code: str) -> None:
        person = resolve_scan(store, code)
        members = queries.household_records(store, person["household_id"])
        # As the desk does after the volunteer confirms the household's stop signs.
        check_in(store, BENCH_ACTOR, [m["id"] for m in members], confirmed=frozenset(StopSign))

    times = [timed(lambda c=codes[p]: scan_and_check_in(c)) for p in chosen]
    store.close()
    figures = {
        "scan_check_in_p50_ms": round(percentile(times, 0.50), 1),
        "scan_check_in_p95_ms": round(percentile(times, 0.95), 1),
    }
    print(
        f"desk     scan → household checked in p50 {figures['scan_check_in_p50_ms']} ms, "
        f"p95 {figures['scan_check_in_p95_ms']} ms (target ≤ 30 ms; {samples} households, "
        "synchronous=FULL, audit and change log included)"
    )
    return figures


def cold_start(runs: int = 5) -> dict[str, float]:
    login = [
        float(
            subprocess.run(
                [sys.executable, "-c", COLD_START, str(ROOT), str(DATABASES["encrypted"])],
                capture_output=True,
                text=True,
                check=True,
                env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
            ).stdout
        )
        for _ in range(runs)
    ]
    key_file = KEY_FILE
    main = [
        float(
            subprocess.run(
                [
                    sys.executable,
                    "-c",
                    MAIN_WINDOW,
                    str(ROOT),
                    str(DATABASES["encrypted"]),
                    str(key_file),
                ],
                capture_output=True,
                text=True,
                check=True,
                env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
            ).stdout
        )
        for _ in range(runs)
    ]
    figures = {
        "cold_start_login_ms": round(sorted(login)[len(login) // 2]),
        "open_main_window_100k_ms": round(sorted(main)[len(main) // 2]),
    }
    print(
        f"desk     cold start to the login window {figures['cold_start_login_ms']} ms "
        f"(target ≤ 1.5 s); after login, site opened and main window shown at 100,000 people "
        f"{figures['open_main_window_100k_ms']} ms (median of {runs}; Argon2id adds ~150 ms)"
    )
    return figures


def main() -> dict[str, float]:
    started = time.perf_counter()
    figures = scan_to_check_in()
    figures.update(cold_start())
    figures["desk_bench_seconds"] = round(time.perf_counter() - started, 1)
    return figures


if __name__ == "__main__":
    main()
