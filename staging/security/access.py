"""Opening a protected site: creating it, logging in, and managing who may log in.

A `Session` is an opened store plus the person acting. Users live in the database (their role
is data like any other, audited); their wrapped keys live in the key file beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from staging.changes import Done
from staging.clock import Clock, SystemClock
from staging.domain import Role
from staging.errors import NotFound, Refused
from staging.rules import Action
from staging.security.keyfile import (
    FailedLogins,
    KdfParams,
    Keyfile,
    WrongPassword,
    derive_key,
    editing,
    keyfile_path,
    new_database_key,
    unwrap_key,
    wrap_key,
)
from staging.store.store import SYSTEM_ACTOR, Actor, Store, require

FREE_ATTEMPTS = 3
MAX_DELAY_SECONDS = 60
MIN_PASSWORD_LENGTH = 8


class LoginRefused(Refused):
    """Login failed; the message never says which of user or password was wrong."""


class LoginThrottled(LoginRefused):
    def __init__(self, seconds: float) -> None:
        wait = max(1, round(seconds))
        super().__init__(
            f"Too many failed attempts: wait {wait} s before trying again",
            f"Demasiados intentos fallidos: espere {wait} s antes de volver a intentar",
        )
        self.seconds = wait


def _wrong_login() -> LoginRefused:
    return LoginRefused("Wrong user name or password", "Usuario o contraseña incorrectos")


def login_delay(failures: FailedLogins | None, now: float) -> float:
    """Seconds still to wait: a few free tries, then 1, 2, 4 … up to a minute between tries."""
    if failures is None or failures.count < FREE_ATTEMPTS:
        return 0.0
    delay = min(2 ** (failures.count - FREE_ATTEMPTS), MAX_DELAY_SECONDS)
    return max(0.0, failures.last_at + delay - now)


def check_user_name(username: str) -> str:
    """One word, as typed at the login screen (spaces there are too easy to get wrong)."""
    username = username.strip()
    if not username or any(ch.isspace() for ch in username):
        raise Refused(
            "A user name is one word without spaces", "El usuario es una palabra sin espacios"
        )
    return username


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise Refused(
            f"A password needs at least {MIN_PASSWORD_LENGTH} characters",
            f"La contraseña necesita al menos {MIN_PASSWORD_LENGTH} caracteres",
        )


@dataclass
class Session:
    store: Store
    actor: Actor
    key: bytes

    @property
    def keyfile(self) -> Keyfile:
        return Keyfile.load(keyfile_path(self.store.path))

    def close(self) -> None:
        self.store.close()

    def on_new_connection(self) -> Session:
        """The same user on a connection of its own, for work on another thread (a SQLite
        connection is used by one thread at a time)."""
        store = Store.open(self.store.path, clock=self.store.clock, key=self.key)
        return Session(store, self.actor, self.key)


def create_site(
    path: Path,
    admin: str,
    password: str,
    *,
    clock: Clock | None = None,
    kdf: KdfParams | None = None,
) -> Session:
    """A new, encrypted site database with its first administrator."""
    path = Path(path)
    keys = keyfile_path(path)
    if path.exists() or keys.exists():
        raise Refused(
            f"{path} already exists; choose another file",
            f"{path} ya existe; elija otro archivo",
        )
    admin = check_user_name(admin)
    check_password_strength(password)
    key = new_database_key()
    store = Store.open(path, clock=clock, key=key)
    with store.write(SYSTEM_ACTOR, Action.MANAGE_USERS) as work:
        work.insert(
            "app_user",
            {
                "username": admin,
                "role": str(Role.ADMIN),
                "display_name": admin,
                "disabled": 0,
                "created_at": work.at,
            },
        )
    slot = wrap_key(key, admin, password, kdf or KdfParams())
    with editing(keys) as keyfile:
        keyfile.slots[admin] = slot
    return Session(store, Actor(admin, Role.ADMIN), key)


def open_site(path: Path, user: str, password: str, *, clock: Clock | None = None) -> Session:
    """Log in: unwrap the user's key, open the database, and check the user is still active."""
    path = Path(path)
    keys = keyfile_path(path)
    if not path.exists() or not keys.exists():
        raise Refused(
            f"No site database at {path} (or its key file {keys.name} is missing)",
            f"No hay base de datos del sitio en {path} (o falta su archivo de claves {keys.name})",
        )
    keyfile = Keyfile.load(keys)
    clock = clock or SystemClock()
    now = clock.now().timestamp()
    wait = login_delay(keyfile.failures.get(user), now)
    if wait > 0:
        raise LoginThrottled(wait)
    slot = keyfile.slots.get(user)
    if slot is None:
        # Same work as a real attempt, so the answer's timing does not reveal who has an
        # account; nothing is recorded under a name that may be a mistyped password.
        derive_key(password, bytes(16), KdfParams())
        raise _wrong_login()
    try:
        key = unwrap_key(slot, user, password)
    except WrongPassword:
        with editing(keys) as changing:
            failures = changing.failures.setdefault(user, FailedLogins())
            failures.count += 1
            failures.last_at = now
        raise _wrong_login() from None
    if user in keyfile.failures:
        with editing(keys) as changing:
            changing.failures.pop(user, None)
    store = Store.open(path, clock=clock, key=key)
    row = store.db.execute(
        "SELECT role, disabled FROM app_user WHERE username = ?", [user]
    ).fetchone()
    if row is None or row[1]:
        store.close()
        raise LoginRefused(f"The account {user} is disabled", f"La cuenta {user} está desactivada")
    return Session(store, Actor(user, Role(row[0])), key)


# --- managing users (administrators) --------------------------------------------------------


def require_admin(session: Session) -> None:
    """Reading the user list is an administrator's business too, not only changing it."""
    require(session.actor, Action.MANAGE_USERS)


def list_users(session: Session) -> list[dict[str, Any]]:
    require_admin(session)
    cursor = session.store.db.execute(
        "SELECT username, display_name, role, disabled, created_at FROM app_user ORDER BY username"
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def add_user(
    session: Session,
    username: str,
    role: Role,
    password: str,
    *,
    display_name: str = "",
    kdf: KdfParams | None = None,
) -> Done[str]:
    """A new user; returns its id. The key copy is saved before the user row is committed: a
    crash in between leaves a key copy nobody can use (login needs the row), never a user
    locked out."""
    require_admin(session)
    check_password_strength(password)
    username = check_user_name(username)
    exists = session.store.db.execute(
        "SELECT 1 FROM app_user WHERE username = ?", [username]
    ).fetchone()
    if exists:
        raise Refused(f"The user {username} already exists", f"El usuario {username} ya existe")
    _set_password(session, username, password, kdf)
    return session.store.run(
        session.actor,
        Action.MANAGE_USERS,
        lambda work: work.insert(
            "app_user",
            {
                "username": username,
                "role": str(role),
                "display_name": display_name or username,
                "disabled": 0,
                "created_at": work.at,
            },
        ),
    )


def disable_user(session: Session, username: str) -> Done[bool]:
    """The user can no longer open the database: their key copy is destroyed first."""
    require_admin(session)
    if username == session.actor.user:
        raise Refused("You cannot disable your own account", "No puede desactivar su propia cuenta")
    user_id = _user_id(session, username)
    with editing(keyfile_path(session.store.path)) as keyfile:
        keyfile.slots.pop(username, None)
    return session.store.run(
        session.actor,
        Action.MANAGE_USERS,
        lambda work: work.update("app_user", user_id, {"disabled": 1}),
    )


def reset_password(
    session: Session, username: str, new_password: str, *, kdf: KdfParams | None = None
) -> Done[bool]:
    """An administrator sets a new password (for a forgotten one, or to re-enable an account)."""
    require_admin(session)
    check_password_strength(new_password)
    user_id = _user_id(session, username)
    _set_password(session, username, new_password, kdf)
    return session.store.run(
        session.actor,
        Action.MANAGE_USERS,
        lambda work: work.update(
            "app_user", user_id, {"disabled": 0, "password_changed_at": work.at}
        ),
    )


def change_own_password(session: Session, old_password: str, new_password: str) -> Done[bool]:
    """Re-wrap the user's own key copy; the database itself is not re-encrypted."""
    keyfile = session.keyfile
    slot = keyfile.slots.get(session.actor.user)
    if slot is None:
        raise _wrong_login()
    try:
        unwrap_key(slot, session.actor.user, old_password)
    except WrongPassword:
        raise _wrong_login() from None
    check_password_strength(new_password)
    require(session.actor, Action.CHANGE_OWN_PASSWORD)
    user_id = _user_id(session, session.actor.user)
    new_slot = wrap_key(session.key, session.actor.user, new_password, slot.kdf)
    with editing(keyfile_path(session.store.path)) as changing:
        changing.slots[session.actor.user] = new_slot
    return session.store.run(
        session.actor,
        Action.CHANGE_OWN_PASSWORD,
        lambda work: work.update("app_user", user_id, {"password_changed_at": work.at}),
    )


def _set_password(session: Session, username: str, password: str, kdf: KdfParams | None) -> None:
    slot = wrap_key(session.key, username, password, kdf or KdfParams())
    with editing(keyfile_path(session.store.path)) as keyfile:
        keyfile.slots[username] = slot
        keyfile.failures.pop(username, None)


def _user_id(session: Session, username: str) -> str:
    row = session.store.db.execute(
        "SELECT id FROM app_user WHERE username = ?", [username]
    ).fetchone()
    if row is None:
        raise NotFound(f"No user {username}", f"No existe el usuario {username}")
    return row[0]
