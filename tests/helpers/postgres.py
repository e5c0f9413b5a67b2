"""Throw-away PostgreSQL servers for the tests: a real server on loopback, never a mock.

The binaries are the machine's own PostgreSQL when it has one, else those shipped in the
`pgserver` wheel (a test dependency), so a fresh machine still gets a real server. `initdb` and
`postgres` refuse to run as root and CI runs as root: then the cluster belongs to an
unprivileged user (`nobody`, or a `staging-pg` system user created for it) and every server
process runs as that user.

The cluster lives in a short folder of its own under the system's temporary folder, not in
pytest's: pytest's folder is private to root (the server user could not enter it) and its
paths can pass the 107-byte limit of a Unix socket's path. The folder is removed when the
server stops; the server's log is copied into the test's temporary folder first.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import importlib.util
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

SUPERUSER = "postgres"
SERVER_USER = "nobody"
FALLBACK_SERVER_USER = "staging-pg"
START_TIMEOUT_S = 60
PORT_ATTEMPTS = 3

# Fast (durability is worthless for a throw-away cluster) and small.
SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "shared_buffers": "16MB",
    "max_connections": "50",
    "log_min_messages": "warning",
}
LOGICAL_SETTINGS = {"wal_level": "logical", "max_replication_slots": "10", "max_wal_senders": "10"}
# Trust on loopback and on the socket in the cluster's private folder only.
HBA = """\
local all all trust
host all all 127.0.0.1/32 trust
host replication all 127.0.0.1/32 trust
"""


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL binaries here, or the server would not start (the message holds its log)."""


def find_bindir() -> Path:
    """The system's PostgreSQL binaries first, else the `pgserver` wheel's."""
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        done = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        if done.returncode == 0:
            candidates.append(Path(done.stdout.strip()))
    candidates += sorted(
        (Path(p) for p in glob.glob("/usr/lib/postgresql/*/bin")),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        reverse=True,
    )
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).resolve().parent)
    spec = importlib.util.find_spec("pgserver")
    if spec is not None and spec.origin is not None:
        candidates.append(Path(spec.origin).parent / "pginstall" / "bin")
    for bindir in candidates:
        if all((bindir / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres")):
            return bindir
    raise PostgresUnavailable(
        "No PostgreSQL binaries: install PostgreSQL or the test extras (`pip install -e .[test]`, "
        "whose pgserver wheel ships them)"
    )


def _server_account() -> pwd.struct_passwd | None:
    """Who runs the server: None for the current user, an unprivileged one when that is root."""
    if os.geteuid() != 0:
        return None
    for name in (SERVER_USER, FALLBACK_SERVER_USER):
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    subprocess.run(
        [
            "useradd",
            "--system",
            "--no-create-home",
            "--shell",
            "/usr/sbin/nologin",
            FALLBACK_SERVER_USER,
        ],
        check=True,
        capture_output=True,
    )
    return pwd.getpwnam(FALLBACK_SERVER_USER)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class PostgresServer:
    """One running cluster: `url` to connect as its superuser; `stop`/`start` to restart it."""

    bindir: Path
    folder: Path
    port: int
    account: pwd.struct_passwd | None

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def log(self) -> Path:
        return self.folder / "server.log"

    @property
    def url(self) -> str:
        return self.url_for("postgres")

    def url_for(self, database: str) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def run(self, tool: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """A PostgreSQL tool run as the server's user; output to a file, not a pipe, since
        `pg_ctl start` leaves the postmaster holding whatever it was given."""
        user = {}
        if self.account is not None:
            user = {
                "user": self.account.pw_uid,
                "group": self.account.pw_gid,
                "extra_groups": [],
            }
        with tempfile.TemporaryFile("w+") as output:
            done = subprocess.run(
                [str(self.bindir / tool), *args],
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                text=True,
                env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C", "TZ": "UTC"},
                cwd=self.folder,
                timeout=START_TIMEOUT_S + 30,
                **user,
            )
            output.seek(0)
            done.stdout = output.read()
        if check and done.returncode != 0:
            raise PostgresUnavailable(
                f"{tool} {' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n"
                f"--- server log ---\n{self.read_log()}"
            )
        return done

    def read_log(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def init(self, *, logical: bool) -> None:
        self.run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--no-locale",
            "--no-sync",
        )
        settings = {**SETTINGS, **(LOGICAL_SETTINGS if logical else {})}
        with (self.data / "postgresql.conf").open("a") as conf:
            for name, value in settings.items():
                conf.write(f"{name} = {value}\n")
            conf.write(f"unix_socket_directories = '{self.folder}'\n")
        (self.data / "pg_hba.conf").write_text(HBA)

    def start(self) -> None:
        """Start on `self.port`, or on another free port if that one was taken meanwhile."""
        for attempt in range(PORT_ATTEMPTS):
            done = self.run(
                "pg_ctl",
                "start",
                "-D",
                str(self.data),
                "-l",
                str(self.log),
                "-w",
                "-t",
                str(START_TIMEOUT_S),
                "-o",
                f"-p {self.port}",
                check=False,
            )
            if done.returncode == 0 and self._ready():
                return
            log = self.read_log()
            if "could not bind" in log and attempt + 1 < PORT_ATTEMPTS:
                self.stop()
                self.port = free_port()
                continue
            self.stop()
            raise PostgresUnavailable(
                f"PostgreSQL did not start on 127.0.0.1:{self.port}:\n{done.stdout}\n"
                f"--- server log ---\n{log}"
            )

    def _ready(self) -> bool:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            try:
                psycopg.connect(self.url, connect_timeout=5).close()
            except psycopg.OperationalError:
                time.sleep(0.1)
            else:
                return True
        return False

    def stop(self) -> None:
        """Stop the server; kill the postmaster if a fast shutdown does not, so nothing is left."""
        if not (self.data / "postmaster.pid").exists():
            return
        done = self.run("pg_ctl", "stop", "-D", str(self.data), "-m", "fast", "-w", check=False)
        pidfile = self.data / "postmaster.pid"
        if done.returncode != 0 and pidfile.exists():
            with contextlib.suppress(ValueError, ProcessLookupError):
                os.kill(int(pidfile.read_text().split()[0]), signal.SIGKILL)

    def restart(self) -> None:
        self.stop()
        self.start()

    def create_database(self, name: str) -> str:
        """A fresh, empty database on this server; its URL."""
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.url_for(name)

    def drop_database(self, name: str) -> None:
        """Drop a database made by `create_database`, whoever is still connected to it, so
        that tests making many hubs keep the server small."""
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def _reachable(bindir: Path, account: pwd.struct_passwd | None) -> Path:
    """Binaries the server's account can run. The pgserver wheel's live inside the virtual
    environment, which may sit in root's home (0700) on a CI machine: copied once to a shared
    temporary folder, readable by all, laid out as in site-packages (their run path finds the
    wheel's libraries at `../../../pgserver.libs`)."""
    if account is None or str(bindir).startswith("/usr/"):
        return bindir
    site_packages = bindir.parents[2]
    copy = Path(tempfile.gettempdir()) / f"staging-pg-install-{os.getpid()}"
    copied_bin = copy / bindir.relative_to(site_packages)
    if not (copied_bin / "postgres").is_file():
        atexit.register(shutil.rmtree, copy, True)
        for part in (bindir.parent, site_packages / "pgserver.libs"):
            if part.is_dir():
                shutil.copytree(part, copy / part.relative_to(site_packages), dirs_exist_ok=True)
        for folder, _, files in os.walk(copy):
            os.chmod(folder, 0o755)
            for name in files:
                path = Path(folder) / name
                os.chmod(path, 0o755 if os.access(path, os.X_OK) else 0o644)
    return copied_bin


@contextlib.contextmanager
def postgres_server(tmp_path: Path, *, logical: bool = False) -> Iterator[PostgresServer]:
    """A real PostgreSQL on a free loopback port, stopped and removed afterwards.

    `logical=True` sets `wal_level=logical`, for logical replication between servers.
    """
    account = _server_account()
    bindir = _reachable(find_bindir(), account)
    folder = Path(tempfile.mkdtemp(prefix="staging-pg-"))
    if account is not None:
        os.chown(folder, account.pw_uid, account.pw_gid)
    server = PostgresServer(bindir, folder, free_port(), account)
    try:
        server.init(logical=logical)
        server.start()
        yield server
    finally:
        try:
            server.stop()
        finally:
            if server.log.exists():
                shutil.copyfile(server.log, tmp_path / "postgres.log")
            shutil.rmtree(folder, ignore_errors=True)
