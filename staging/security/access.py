"""Opening a protected site: creating it, logging in, and managing who may log in.

A `Session` is an opened store plus the person acting. Users live in the database (their role
is data like any other, audited); their keys live in the key file beside it. Removing a user,
or a password change after a suspected leak, re-encrypts the site under a new key sealed to
everyone else (`identities`, `rekey`): the removed user's old copies, in the key file of any
backup, open only the old key, which no longer opens the site.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from staging.audit.keys import AuditKey, device_audit_key
from staging.changes import Done
from staging.clock import Clock, SystemClock
from staging.domain import Role
from staging.errors import NotFound, Refused, StorageError
from staging.rules import Action
from staging.security import rekey
from staging.security.identities import (
    Credential,
    Unlocked,
    enrol,
    install,
    new_credential,
    promote_next_database_key,
    seal_audit_key,
    seal_next_database_key,
    unlock,
    unseal_audit_keys,
)
from staging.security.keyfile import (
    FailedLogins,
    KdfParams,
    Keyfile,
    WrongPassword,
    derive_key,
    editing,
    keyfile_path,
    new_database_key,
)
from staging.security.sealing import Identity
from staging.store.database import WrongKey
from staging.store.diagnosis import check_site_files
from staging.store.store import SYSTEM_ACTOR, Actor, Store, require

FREE_ATTEMPTS = 3
MAX_DELAY_SECONDS = 60
MIN_PASSWORD_LENGTH = 8
# A user's record id comes from their name, so the same user created on two desks that had
# not met is one record when they do (sync merges its fields) rather than two that clash.
USER_IDS = uuid.UUID("6f3c2a7e-5b1d-4c8e-9a0f-2d4e6b8c1a3f")


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
    """`identity` is the user's key pair, kept in memory for the session: an administrator
    needs it to hand the desks' audit keys to a new administrator. `audit_key` is this desk's."""

    store: Store
    actor: Actor
    key: bytes
    identity: Identity | None = field(default=None, repr=False)
    audit_key: AuditKey | None = field(default=None, repr=False)

    @property
    def keyfile(self) -> Keyfile:
        return Keyfile.load(keyfile_path(self.store.path))

    def close(self) -> None:
        self.store.close()

    def on_new_connection(self) -> Session:
        """The same user on a connection of its own, for work on another thread (a SQLite
        connection is used by one thread at a time)."""
        store = Store.open(
            self.store.path, clock=self.store.clock, key=self.key, audit_key=self.audit_key
        )
        return Session(store, self.actor, self.key, self.identity, self.audit_key)

    def audit_keys(self) -> dict[str, bytes]:
        """The audit keys this session can verify with: this desk's, and, for an
        administrator, every desk's sealed to them."""
        keys = {} if self.identity is None else self._sealed_audit_keys()
        if self.audit_key is not None:
            keys[self.audit_key.key_id] = self.audit_key.secret
        return keys

    def _sealed_audit_keys(self) -> dict[str, bytes]:
        assert self.identity is not None
        return unseal_audit_keys(self.keyfile, self.actor.user, self.identity)


def create_site(
    path: Path,
    admin: str,
    password: str,
    *,
    clock: Clock | None = None,
    kdf: KdfParams | None = None,
) -> Session:
    """A new, encrypted site database with its first administrator."""
    admin = check_user_name(admin)
    check_password_strength(password)
    empty = create_empty_site(path, clock=clock)
    identity, credential = new_credential(admin, password, kdf or KdfParams())
    with empty.store.write(SYSTEM_ACTOR, Action.MANAGE_USERS) as work:
        work.insert("app_user", _user_row(admin, Role.ADMIN, admin, credential, work.at))
    with editing(keyfile_path(Path(path))) as keyfile:
        install(keyfile, admin, credential, empty.key)
        if empty.audit_key is not None:
            seal_audit_key(keyfile, empty.audit_key, [admin])
    return Session(empty.store, Actor(admin, Role.ADMIN), empty.key, identity, empty.audit_key)


def create_empty_site(path: Path, *, clock: Clock | None = None) -> Session:
    """A new encrypted site with no user yet, opened by the system: a desk joining a site,
    whose users arrive with its first sync (`staging.sync.enrollment`)."""
    path = Path(path)
    keys = keyfile_path(path)
    if path.exists() or keys.exists():
        raise Refused(
            f"{path} already exists; choose another file",
            f"{path} ya existe; elija otro archivo",
        )
    key = new_database_key()
    path.parent.mkdir(parents=True, exist_ok=True)
    audit_key = device_audit_key(path)
    store = Store.open(path, clock=clock, key=key, audit_key=audit_key)
    with editing(keys) as keyfile:
        keyfile.key_id = secrets.token_hex(8)
    return Session(store, SYSTEM_ACTOR, key, None, audit_key)


def user_id_for(username: str) -> str:
    return str(uuid.uuid5(USER_IDS, username))


def _user_row(
    username: str, role: Role, display_name: str, credential: Credential, at: str
) -> dict[str, Any]:
    return {
        "id": user_id_for(username),
        "username": username,
        "role": str(role),
        "display_name": display_name,
        "disabled": 0,
        "created_at": at,
        "credential": credential.as_text(),
    }


def open_site(path: Path, user: str, password: str, *, clock: Clock | None = None) -> Session:
    """Log in: unlock the user's keys, open the database, and check the user is still active.

    The attempt is counted before the password is checked, under the key file's lock, so
    guesses made in parallel wait their turn like guesses made one by one.
    """
    path = Path(path)
    keys = keyfile_path(path)
    check_site_files(path, keys)  # missing, unreadable, read-only: said before anything is touched
    clock = clock or SystemClock()
    keyfile = _count_attempt(keys, user, clock.now().timestamp())
    if user not in keyfile.users:
        # Same work as a real attempt, so the answer's timing does not reveal who has an
        # account; nothing is recorded under a name that may be a mistyped password.
        derive_key(password, bytes(16), KdfParams())
        raise _wrong_login()
    try:
        unlocked = unlock(keyfile, user, password)
    except WrongPassword:
        raise _wrong_login() from None
    audit_key = device_audit_key(path)
    store, key = _open_with_first_key(path, unlocked, clock, audit_key)
    row = store.db.execute(
        "SELECT role, disabled FROM app_user WHERE username = ?", [user]
    ).fetchone()
    if row is None or row[1]:
        store.close()
        raise LoginRefused(f"The account {user} is disabled", f"La cuenta {user} está desactivada")
    admins = [
        name
        for (name,) in store.db.execute(
            "SELECT username FROM app_user WHERE role = ? AND NOT disabled", [str(Role.ADMIN)]
        )
    ]
    identity = _after_login(keys, user, password, key, unlocked, audit_key, admins)
    return Session(store, Actor(user, Role(row[0])), key, identity, audit_key)


def _count_attempt(keys: Path, user: str, now: float) -> Keyfile:
    """Refuse while the user must wait; otherwise count this attempt as failed until it
    succeeds. Returns the key file as read under the lock."""
    with editing(keys) as keyfile:
        if user in keyfile.users:
            wait = login_delay(keyfile.failures.get(user), now)
            if wait > 0:
                raise LoginThrottled(wait)
            failures = keyfile.failures.setdefault(user, FailedLogins())
            failures.count += 1
            failures.last_at = now
    return keyfile


def _open_with_first_key(
    path: Path, unlocked: Unlocked, clock: Clock, audit_key: AuditKey
) -> tuple[Store, bytes]:
    """The key in use opens the database, unless a re-keying was cut short after its new file
    was swapped in: then the next key does."""
    for number, key in enumerate(unlocked.database_keys):
        try:
            store = Store.open(path, clock=clock, key=key, audit_key=audit_key)
        except WrongKey:
            if number + 1 < len(unlocked.database_keys):
                continue
            raise KeyfileOutOfDate(path) from None
        if number > 0:
            with editing(keyfile_path(path)) as keyfile:
                promote_next_database_key(keyfile)
        return store, key
    raise _wrong_login()


class KeyfileOutOfDate(StorageError):
    """The key file opened, but its key does not open the database beside it."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"The key file {keyfile_path(path).name} is older than the database {path.name}: its"
            " key no longer opens it (the site was re-encrypted after a user was removed or a"
            " password leaked). Use the site's current key file; the data is not damaged.",
            f"El archivo de claves {keyfile_path(path).name} es más antiguo que la base de datos"
            f" {path.name}: su clave ya no la abre (el sitio se volvió a cifrar después de quitar"
            " a un usuario o de filtrarse una contraseña). Use el archivo de claves actual del"
            " sitio; los datos no están dañados.",
        )


def _after_login(
    keys: Path,
    user: str,
    password: str,
    key: bytes,
    unlocked: Unlocked,
    audit_key: AuditKey,
    admins: list[str],
) -> Identity:
    """Reset the failures, give a version 1 entry its key pair, and make sure every
    administrator holds this desk's audit key."""
    with editing(keys) as keyfile:
        keyfile.failures.pop(user, None)
        identity = unlocked.identity
        if identity is None:
            slot = keyfile.users[user].password_slot
            identity = enrol(keyfile, user, password, key, slot.kdf)
        seal_audit_key(keyfile, audit_key, admins)
    return identity


# --- managing users (administrators) --------------------------------------------------------


def require_admin(session: Session) -> None:
    """Reading the user list is an administrator's business too, not only changing it."""
    require(session.actor, Action.MANAGE_USERS)


def list_users(session: Session) -> list[dict[str, Any]]:
    """Each user, with `can_log_in`: an active user with no key entry (left out of a re-keying
    before they ever logged in with a key pair) needs a new password before they can."""
    require_admin(session)
    cursor = session.store.db.execute(
        "SELECT username, display_name, role, disabled, created_at FROM app_user ORDER BY username"
    )
    names = [d[0] for d in cursor.description]
    with_keys = session.keyfile.users
    return [
        {**user, "can_log_in": not user["disabled"] and user["username"] in with_keys}
        for user in (dict(zip(names, row, strict=True)) for row in cursor)
    ]


def add_user(
    session: Session,
    username: str,
    role: Role,
    password: str,
    *,
    display_name: str = "",
    kdf: KdfParams | None = None,
) -> Done[str]:
    """A new user; returns its id. The user's record (with their credential, which travels to
    the site's other desks) is committed before this desk's key copy is saved: a crash in
    between is mended by the next `staging.sync.users.reconcile_users`."""
    require_admin(session)
    check_password_strength(password)
    username = check_user_name(username)
    exists = session.store.db.execute(
        "SELECT 1 FROM app_user WHERE username = ?", [username]
    ).fetchone()
    if exists:
        raise Refused(f"The user {username} already exists", f"El usuario {username} ya existe")
    _, credential = new_credential(username, password, kdf or KdfParams())
    done = session.store.run(
        session.actor,
        Action.MANAGE_USERS,
        lambda work: work.insert(
            "app_user",
            _user_row(username, role, display_name or username, credential, work.at),
        ),
    )
    _install(session, username, credential)
    if role is Role.ADMIN:
        _share_audit_keys(session, username)
    return done


def disable_user(session: Session, username: str) -> Done[RekeyReport]:
    """The user can no longer open the site, with any copy of a key they ever had: their entry
    is removed and remembered as revoked, then the site is re-encrypted under a new key."""
    require_admin(session)
    if username == session.actor.user:
        raise Refused("You cannot disable your own account", "No puede desactivar su propia cuenta")
    user_id = _user_id(session, username)
    with editing(keyfile_path(session.store.path)) as keyfile:
        keyfile.users.pop(username, None)
        keyfile.failures.pop(username, None)
        keyfile.revoked[username] = session.store.clock.now().isoformat(timespec="seconds")
    disabled = session.store.run(
        session.actor,
        Action.MANAGE_USERS,
        lambda work: work.update("app_user", user_id, {"disabled": 1}),
    )
    rekeyed = rekey_site(session, reason=f"{username} disabled")
    return Done(rekeyed.value, disabled.changes)


@dataclass(frozen=True)
class RekeyReport:
    """Who lost access with the old key and could not be given the new one: users whose
    entry predates key pairs and who never logged in since (they need a new password)."""

    key_id: str
    needs_new_password: list[str]


def rekey_site(session: Session, *, reason: str) -> Done[RekeyReport]:
    """Re-encrypt the site under a new database key, sealed to every user with a key pair.

    Old backups keep their old key and their old key file: who could open one then still can.
    """
    require_admin(session)
    return _rekey(session, reason, Action.MANAGE_USERS)


def rekey_for_site_change(session: Session, reason: str) -> Done[RekeyReport]:
    """Re-encrypt this desk because of a change that arrived from another desk (a user
    disabled there): recorded as the desk applying what others did, whoever is logged in."""
    require(session.actor, Action.SYNC)
    return _rekey(session, reason, Action.SYNC)


def _rekey(session: Session, reason: str, action: Action) -> Done[RekeyReport]:
    """`action` is what the re-keying is recorded under: an administrator's, or a user's own
    password change after a leak (any user holding the key may put a new one in its place)."""
    store = session.store
    keys = keyfile_path(store.path)
    new_key = new_database_key()
    key_id = secrets.token_hex(8)
    seen = rekey.last_change(store)
    exported = rekey.export_under_new_key(store, new_key)
    with editing(keys) as keyfile:
        unreachable = seal_next_database_key(keyfile, new_key, key_id)
    try:
        rekey.swap_in(store, exported, new_key, seen)
    except BaseException:
        with editing(keys) as keyfile:
            for entry in keyfile.users.values():
                entry.next_data_key = None
            keyfile.next_key_id = ""
        raise
    with editing(keys) as keyfile:
        promote_next_database_key(keyfile)
    session.key = new_key
    report = RekeyReport(key_id, unreachable)
    details = {"key_id": key_id, "reason": reason, "needs_new_password": unreachable}
    done = store.run(session.actor, action, lambda work: work.note("site_key", key_id, details))
    return Done(report, done.changes)


def reset_password(
    session: Session, username: str, new_password: str, *, kdf: KdfParams | None = None
) -> Done[bool]:
    """An administrator sets a new password (for a forgotten one, or to re-enable an account).

    The user gets a new key pair; a user re-enabled after being revoked is taken off the
    revoked list, since an administrator chose to let them back."""
    require_admin(session)
    check_password_strength(new_password)
    user_id = _user_id(session, username)
    role = session.store.db.execute("SELECT role FROM app_user WHERE id = ?", [user_id]).fetchone()[
        0
    ]
    _, credential = new_credential(username, new_password, kdf or KdfParams())
    done = session.store.run(
        session.actor,
        Action.MANAGE_USERS,
        lambda work: work.update(
            "app_user",
            user_id,
            {"disabled": 0, "password_changed_at": work.at, "credential": credential.as_text()},
        ),
    )
    _install(session, username, credential)
    if role == str(Role.ADMIN):
        _share_audit_keys(session, username)
    return done


def change_own_password(
    session: Session, old_password: str, new_password: str, *, suspected_leak: bool = False
) -> Done[bool]:
    """A new key pair under the new password. After a suspected leak the site is also
    re-encrypted, so the old password with any copy of the old key file opens nothing current."""
    keyfile = session.keyfile
    try:
        unlock(keyfile, session.actor.user, old_password)
    except WrongPassword:
        raise _wrong_login() from None
    check_password_strength(new_password)
    require(session.actor, Action.CHANGE_OWN_PASSWORD)
    user = session.actor.user
    user_id = _user_id(session, user)
    slot = keyfile.users[user].password_slot
    opened = (
        unseal_audit_keys(keyfile, user, session.identity)
        if session.identity is not None and session.actor.role is Role.ADMIN
        else {}
    )
    identity, credential = new_credential(user, new_password, slot.kdf)
    done = session.store.run(
        session.actor,
        Action.CHANGE_OWN_PASSWORD,
        lambda work: work.update(
            "app_user",
            user_id,
            {"password_changed_at": work.at, "credential": credential.as_text()},
        ),
    )
    with editing(keyfile_path(session.store.path)) as changing:
        install(changing, user, credential, session.key)
        changing.failures.pop(user, None)
        _reseal_audit_keys(changing, user, opened)
    session.identity = identity
    if suspected_leak:
        _rekey(session, f"{user} changed a leaked password", Action.CHANGE_OWN_PASSWORD)
    return done


def _install(session: Session, username: str, credential: Credential) -> None:
    with editing(keyfile_path(session.store.path)) as keyfile:
        install(keyfile, username, credential, session.key)
        keyfile.failures.pop(username, None)
        keyfile.revoked.pop(username, None)


def _share_audit_keys(session: Session, admin: str) -> None:
    """An administrator's new key pair gets every desk's audit key, opened with the acting
    administrator's own."""
    if session.identity is None:
        return
    opened = unseal_audit_keys(session.keyfile, session.actor.user, session.identity)
    with editing(keyfile_path(session.store.path)) as keyfile:
        _reseal_audit_keys(keyfile, admin, opened)


def _reseal_audit_keys(keyfile: Keyfile, admin: str, opened: dict[str, bytes]) -> None:
    """Replace the administrator's copies of these audit keys with copies for their key pair."""
    for key_id, secret in opened.items():
        keyfile.audit_keys.get(key_id, {}).pop(admin, None)
        seal_audit_key(keyfile, AuditKey(key_id, secret), [admin])


def _user_id(session: Session, username: str) -> str:
    row = session.store.db.execute(
        "SELECT id FROM app_user WHERE username = ?", [username]
    ).fetchone()
    if row is None:
        raise NotFound(f"No user {username}", f"No existe el usuario {username}")
    return row[0]
