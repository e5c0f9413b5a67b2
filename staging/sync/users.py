"""Users travel between the desks of a site: this desk's key file brought in line with the
user records sync brought.

A user's record carries their credential (`identities.Credential`: a public key and the
private key wrapped with their password), so the record is the truth and each desk's key file
follows it: a user created or given a new password on one desk can log in on every desk once
the record has arrived, because this desk seals its own database key to their public key. A
user disabled on one desk loses this desk's key copy too, and the desk is re-encrypted under a
new key (as when an administrator disables someone here), so a copy of the old key file opens
nothing current. Users whose record has no credential yet (made before users travelled) have
theirs published from this desk's key file, so they travel from then on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from staging.changes import Done
from staging.domain import Role
from staging.rules import Action
from staging.security.access import Session, rekey_for_site_change
from staging.security.identities import (
    Credential,
    credential_of,
    install,
    seal_audit_key,
)
from staging.security.keyfile import Keyfile, editing, keyfile_path
from staging.store.store import UnitOfWork
from staging.sync.desk import SyncReport, sync


@dataclass(frozen=True)
class UsersReport:
    """What changed in this desk's key file: users who can now log in here (`arrived`), whose
    password changed elsewhere (`updated`), who can no longer (`removed`, which re-keyed the
    desk), and whose credential this desk published for the others (`published`)."""

    arrived: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    published: list[str] = field(default_factory=list)


def reconcile_users(session: Session) -> Done[UsersReport]:
    """Bring the key file in line with the user records; run after each sync or bundle import,
    on the connection the desk works with (a re-keying replaces the database file). The key
    file is rewritten only when something changes: a desk syncing every few seconds would
    otherwise rewrite it each time."""
    store = session.store
    rows = store.db.execute(
        "SELECT username, role, disabled, credential FROM app_user ORDER BY username"
    ).fetchall()
    published = publish_credentials(session)
    path = keyfile_path(store.path)
    report = UsersReport(published=published.value)
    if _bring_in_line(Keyfile.load(path), rows, session, UsersReport()):
        with editing(path) as keyfile:
            _bring_in_line(keyfile, rows, session, report)
    changes = published.changes
    if report.removed:
        reason = f"{', '.join(report.removed)} disabled on another desk"
        changes = changes | rekey_for_site_change(session, reason).changes
    return Done(report, changes)


def _bring_in_line(
    keyfile: Keyfile, rows: list[tuple[Any, ...]], session: Session, report: UsersReport
) -> bool:
    """Change the key file as the records say, noting who in `report`; whether it changed."""
    now = session.store.clock.now().isoformat(timespec="seconds")
    for username, _, disabled, text in rows:
        entry = keyfile.users.get(username)
        if disabled:
            if entry is not None:
                del keyfile.users[username]
                keyfile.failures.pop(username, None)
                keyfile.revoked[username] = now
                report.removed.append(username)
            continue
        if text is None:
            continue
        credential = Credential.from_text(text)
        if entry is None or entry.public != credential.public:
            (report.arrived if entry is None else report.updated).append(username)
            install(keyfile, username, credential, session.key)
            keyfile.failures.pop(username, None)
            keyfile.revoked.pop(username, None)
    sealed = False
    if session.audit_key is not None:
        admins = [row[0] for row in rows if row[1] == str(Role.ADMIN) and not row[2]]
        sealed = seal_audit_key(keyfile, session.audit_key, admins)
    return sealed or bool(report.removed or report.arrived or report.updated)


def publish_credentials(session: Session) -> Done[list[str]]:
    """Only the publishing part of `reconcile_users` (no key file change, no re-keying): safe
    on a connection of its own, before a sync that must carry the site's users."""
    store = session.store
    entries = Keyfile.load(keyfile_path(store.path)).users
    unpublished = {
        user_id: (username, credential.as_text())
        for user_id, username in store.db.execute(
            "SELECT id, username FROM app_user WHERE credential IS NULL AND NOT disabled"
        ).fetchall()
        if username in entries and (credential := credential_of(entries[username])) is not None
    }
    if not unpublished:
        return Done([])

    def step(work: UnitOfWork) -> list[str]:
        for user_id, (_, text) in unpublished.items():
            work.update("app_user", user_id, {"credential": text})
        return sorted(username for username, _ in unpublished.values())

    return store.run(session.actor, Action.SYNC, step)


def sync_desk(session: Session) -> Done[SyncReport]:
    """One sync of a logged-in desk: the users' credentials it has not published yet go out
    with it, and the users that came in can log in here once it is done."""
    published = reconcile_users(session)
    done = sync(session.store, session.actor)
    settled = reconcile_users(session)
    return Done(done.value, published.changes | done.changes | settled.changes)
