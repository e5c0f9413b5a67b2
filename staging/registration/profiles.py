"""Import profiles: a partner's list layout, mapped once, recognised by its headers next time.

A facilitating organisation exports the same KoboToolbox form week after week; once a
coordinator has said which column is which, the profile is kept under a name ("Kobo — Al Otro
Lado") and chosen by itself when a file with the same headers is opened, on any desk and from
the command line (`import FILE --profile NAME`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from staging.changes import Done
from staging.errors import NotFound, Refused
from staging.registration.columns import is_rejects_column, normalize_header
from staging.registration.mapping import ColumnMapping, check_mapping
from staging.rules import Action
from staging.store.store import Actor, Store, UnitOfWork

NAME_LENGTH = 80


@dataclass(frozen=True)
class ImportProfile:
    id: str
    name: str
    headers: tuple[str, ...]
    mapping: ColumnMapping
    updated_at: str


def layout_of(headers: Iterable[str]) -> frozenset[str]:
    """What makes two files the same layout: their headers, folded, in any order."""
    return frozenset(
        key
        for header in headers
        if (key := normalize_header(header)) and not is_rejects_column(header)
    )


def import_profiles(store: Store) -> list[ImportProfile]:
    """Every profile of the site, by name."""
    return [
        ImportProfile(id_, name, tuple(json.loads(headers)), ColumnMapping.from_json(mapping), at)
        for id_, name, headers, mapping, at in store.db.execute(
            "SELECT id, name, headers, mapping, updated_at FROM import_profile "
            "ORDER BY name COLLATE NOCASE"
        )
    ]


def profile_named(store: Store, name: str) -> ImportProfile:
    profiles = import_profiles(store)
    for profile in profiles:
        if profile.name.casefold() == name.strip().casefold():
            return profile
    known = ", ".join(profile.name for profile in profiles) or "—"
    raise NotFound(
        f"No import profile named '{name}' (profiles: {known})",
        f"No hay ningún perfil de importación llamado '{name}' (perfiles: {known})",
    )


def profile_for(store: Store, headers: Iterable[str]) -> ImportProfile | None:
    """The profile made for a file with these headers (the latest one saved, if several)."""
    layout = layout_of(headers)
    matching = [p for p in import_profiles(store) if layout_of(p.headers) == layout]
    return max(matching, key=lambda profile: profile.updated_at, default=None)


def save_profile(
    store: Store, actor: Actor, name: str, headers: list[str], mapping: ColumnMapping
) -> Done[ImportProfile]:
    """Keep a confirmed mapping under a name; a profile of that name is replaced."""
    name = " ".join(name.split())
    if not name or len(name) > NAME_LENGTH:
        raise Refused(
            f"A profile needs a name of 1 to {NAME_LENGTH} characters "
            "(e.g. the organisation and its form)",
            f"Un perfil necesita un nombre de 1 a {NAME_LENGTH} caracteres "
            "(p. ej. la organización y su formulario)",
        )
    check_mapping(mapping)

    def step(work: UnitOfWork) -> ImportProfile:
        existing = work.store.db.execute(
            "SELECT id, name, headers, mapping, updated_at FROM import_profile "
            "WHERE name = ? COLLATE NOCASE",
            [name],
        ).fetchone()
        values = {
            "name": name,
            "headers": json.dumps(headers, ensure_ascii=False),
            "mapping": mapping.as_json(),
            "updated_at": work.at,
        }
        if existing is None:
            profile_id = work.insert("import_profile", {**values, "created_at": work.at})
        else:
            profile_id, *kept = existing
            before = dict(zip(("name", "headers", "mapping", "updated_at"), kept, strict=True))
            work.update("import_profile", profile_id, values, before=before)
        return ImportProfile(profile_id, name, tuple(headers), mapping, work.at)

    return store.run(actor, Action.IMPORT_REGISTRATIONS, step)


@dataclass(frozen=True)
class ColumnChoice:
    """How an import reads a list's columns: a desk's own `mapping`, or the `profile` of that
    name, or — with neither — the profile made for these headers if there is one, else the
    rules alone; `columns` and `words` then decide some columns and words again (the command
    line's `--map` and `--word`)."""

    mapping: ColumnMapping | None = None
    profile: str | None = None
    columns: Mapping[str, str] = field(default_factory=dict)
    words: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


def mapping_for(
    store: Store, headers: list[str], choice: ColumnChoice
) -> tuple[ColumnMapping, str | None]:
    """The mapping to read a file with these headers, and the name of the profile it came from."""
    profile: ImportProfile | None
    if choice.mapping is not None:
        mapping, profile = choice.mapping, None
    elif choice.profile is not None:
        profile = profile_named(store, choice.profile)
        mapping = profile.mapping
    else:
        profile = profile_for(store, headers)
        mapping = profile.mapping if profile else ColumnMapping()
    if choice.columns or choice.words:
        mapping = mapping.with_columns(choice.columns).with_words(choice.words)
    return mapping, profile.name if profile else None
