"""The schema, as small named migrations applied in order (sqlite-utils `Migrations`).

A migration is never edited once released: a change to the schema is a new function here.
Each spells out its own SQL, never built from a constant other code uses: editing that constant
would silently change a released migration, for new sites only.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database, Migrations

MIGRATION_SET = "staging_desk"
migrations = Migrations(MIGRATION_SET)


@migrations(name="0001_core")
def core(db: Database) -> None:
    """Settings, households, people and the append-only facts of the journey."""
    _run_script(
        db,
        """
CREATE TABLE site_setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE household (
    id TEXT PRIMARY KEY,
    external_id TEXT UNIQUE,
    created_at TEXT NOT NULL
);
CREATE TABLE person (
    id TEXT PRIMARY KEY,
    registration_id TEXT NOT NULL UNIQUE,
    household_id TEXT NOT NULL REFERENCES household(id),
    given_names TEXT NOT NULL DEFAULT '',
    paternal_surname TEXT NOT NULL DEFAULT '',
    maternal_surname TEXT NOT NULL DEFAULT '',
    sex TEXT NOT NULL DEFAULT '',
    nationality TEXT NOT NULL DEFAULT '',
    current_court TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    us_address_street TEXT NOT NULL DEFAULT '',
    us_address_city TEXT NOT NULL DEFAULT '',
    us_address_state TEXT NOT NULL DEFAULT '',
    us_address_zip TEXT NOT NULL DEFAULT '',
    us_contact_name TEXT NOT NULL DEFAULT '',
    us_contact_phone TEXT NOT NULL DEFAULT '',
    languages TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    date_of_birth TEXT,
    a_number TEXT UNIQUE,
    mpp_enrollment_date TEXT,
    case_status TEXT NOT NULL DEFAULT 'unknown',
    appointment_date TEXT,
    vulnerabilities TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT 'import',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX person_household ON person(household_id);
CREATE INDEX person_birth ON person(date_of_birth);
CREATE INDEX person_appointment ON person(appointment_date);
CREATE INDEX person_registration_nocase ON person(registration_id COLLATE NOCASE);

CREATE TABLE verification_event (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES person(id),
    state TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
);
CREATE INDEX verification_person ON verification_event(person_id, recorded_at);

CREATE TABLE check_in (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES person(id),
    checked_in_at TEXT NOT NULL,
    checked_in_by TEXT NOT NULL,
    device TEXT NOT NULL
);
CREATE INDEX check_in_person ON check_in(person_id);

CREATE TABLE possible_duplicate (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES person(id),
    other_person_id TEXT NOT NULL REFERENCES person(id),
    score INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'open',
    found_at TEXT NOT NULL,
    UNIQUE (person_id, other_person_id)
);

CREATE TABLE import_batch (
    id TEXT PRIMARY KEY,
    file_name TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    summary TEXT NOT NULL
);

-- The newest verification and whether the person has arrived, derived from the facts.
CREATE VIEW person_facts AS
SELECT p.*,
    h.external_id AS household_external_id,
    COALESCE((SELECT v.state FROM verification_event v WHERE v.person_id = p.id
              ORDER BY v.recorded_at DESC, v.id DESC LIMIT 1), 'unverified') AS verification,
    EXISTS (SELECT 1 FROM check_in c WHERE c.person_id = p.id) AS checked_in
FROM person p JOIN household h ON h.id = p.household_id;

-- Names, registration id and A-number, accent- and case-folded, for search-as-you-type.
CREATE VIRTUAL TABLE person_search USING fts5(
    given_names, paternal_surname, maternal_surname, registration_id, a_number,
    content='person', content_rowid='rowid',
    tokenize="unicode61 remove_diacritics 2", prefix='2 3'
);
CREATE TRIGGER person_search_insert AFTER INSERT ON person BEGIN
    INSERT INTO person_search(rowid, given_names, paternal_surname, maternal_surname,
                              registration_id, a_number)
    VALUES (new.rowid, new.given_names, new.paternal_surname, new.maternal_surname,
            new.registration_id, new.a_number);
END;
CREATE TRIGGER person_search_delete AFTER DELETE ON person BEGIN
    INSERT INTO person_search(person_search, rowid, given_names, paternal_surname,
                              maternal_surname, registration_id, a_number)
    VALUES ('delete', old.rowid, old.given_names, old.paternal_surname, old.maternal_surname,
            old.registration_id, old.a_number);
END;
CREATE TRIGGER person_search_update
AFTER UPDATE OF given_names, paternal_surname, maternal_surname, registration_id, a_number
ON person BEGIN
    INSERT INTO person_search(person_search, rowid, given_names, paternal_surname,
                              maternal_surname, registration_id, a_number)
    VALUES ('delete', old.rowid, old.given_names, old.paternal_surname, old.maternal_surname,
            old.registration_id, old.a_number);
    INSERT INTO person_search(rowid, given_names, paternal_surname, maternal_surname,
                              registration_id, a_number)
    VALUES (new.rowid, new.given_names, new.paternal_surname, new.maternal_surname,
            new.registration_id, new.a_number);
END;
""",
    )


@migrations(name="0002_audit_and_changes")
def audit_and_changes(db: Database) -> None:
    """The hash-chained audit log and the change log that sync pushes.

    `seq` orders one desk's own chain; it is never used as an id across desks. A change points
    at its audit entry for the values instead of copying them: a 100,000-person import would
    otherwise write every row three times.
    """
    _run_script(
        db,
        """
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    role TEXT NOT NULL,
    device TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    before TEXT,
    after TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_entity ON audit_log(entity_id);

CREATE TABLE change_log (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    hlc TEXT NOT NULL,
    device TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    op TEXT NOT NULL,
    audit_id TEXT NOT NULL REFERENCES audit_log(id),
    pushed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX change_log_unpushed ON change_log(pushed, seq);
""",
    )


@migrations(name="0003_users")
def users(db: Database) -> None:
    """Who may log in, and as what. Their key copies live in the key file beside the database."""
    _run_script(
        db,
        """
CREATE TABLE app_user (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    password_changed_at TEXT
);
""",
    )


@migrations(name="0004_wristbands")
def wristbands(db: Database) -> None:
    """Band codes printed on wristbands and ID cards; a reprint replaces the old band."""
    _run_script(
        db,
        """
CREATE TABLE wristband (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES person(id),
    code TEXT NOT NULL UNIQUE,
    issued_at TEXT NOT NULL,
    issued_by TEXT NOT NULL,
    replaced_at TEXT
);
CREATE INDEX wristband_person ON wristband(person_id);
""",
    )


@migrations(name="0005_search_index_in_batches")
def search_index_in_batches(db: Database) -> None:
    """New people are added to the search index by the write path in one statement per
    action: a trigger per row made a 100,000-row import six times slower."""
    _run_script(db, "DROP TRIGGER person_search_insert;\n")


@migrations(name="0006_replaced_stamps")
def replaced_stamps(db: Database) -> None:
    """Each field edit records the stamp of the value it replaced (`change_log.base`, JSON by
    field), so a merge tells concurrent edits from sequential ones. `field_stamp` keeps every
    edited field's latest stamp; a field never edited has its record's insert stamp."""
    _run_script(
        db,
        """
ALTER TABLE change_log ADD COLUMN base TEXT;
CREATE INDEX change_log_entity ON change_log(entity_id);
CREATE TABLE field_stamp (
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    field TEXT NOT NULL,
    hlc TEXT NOT NULL,
    PRIMARY KEY (entity, entity_id, field)
) WITHOUT ROWID;
""",
    )


@migrations(name="0007_confirmed_stop_signs")
def confirmed_stop_signs(db: Database) -> None:
    """A check-in records the stop signs (not eligible, appointment on another day, …) that
    the volunteer saw and confirmed; ';'-separated codes, empty for an expected arrival."""
    _run_script(
        db,
        """
ALTER TABLE check_in ADD COLUMN confirmed_stop_signs TEXT NOT NULL DEFAULT '';
""",
    )


@migrations(name="0008_signed_audit_entries")
def signed_audit_entries(db: Database) -> None:
    """Each new audit entry is an HMAC under the writing desk's audit key, named here, so that
    the data key alone cannot rewrite the chain. NULL for the plain SHA-256 entries before."""
    _run_script(
        db,
        """
ALTER TABLE audit_log ADD COLUMN mac_key TEXT;
""",
    )


@migrations(name="0009_screening_and_isolation")
def screening_and_isolation(db: Database) -> None:
    """Medical screening and isolation (DESIGN.md steps 5 and 6).

    Kit types, lots and isolation places are site lists; screenings and follow-ups are facts,
    appended only (a correction is a new screening naming the one it corrects, a clinical
    review's decision a new one naming the screening it reviews). `person_facts` gains the
    few derived facts readiness needs; answers, temperatures and results stay in their tables.
    """
    _run_script(
        db,
        """
CREATE TABLE kit_type (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    read_from_minutes INTEGER NOT NULL,
    read_until_minutes INTEGER NOT NULL,
    test_within_minutes INTEGER NOT NULL DEFAULT 60,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);
CREATE TABLE kit_lot (
    id TEXT PRIMARY KEY,
    kit_type_id TEXT NOT NULL REFERENCES kit_type(id),
    lot_number TEXT NOT NULL,
    expires_on TEXT NOT NULL,
    extended_expires_on TEXT,
    extension_notice TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    UNIQUE (kit_type_id, lot_number)
);
CREATE TABLE isolation_place (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    address TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);
CREATE TABLE screening (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES person(id),
    kind TEXT NOT NULL,
    corrects_id TEXT REFERENCES screening(id),
    reviews_id TEXT REFERENCES screening(id),
    screened_at TEXT NOT NULL,
    screened_on TEXT NOT NULL,
    screened_by TEXT NOT NULL,
    device TEXT NOT NULL,
    answers TEXT NOT NULL,
    temperature_c REAL,
    temperature_entered TEXT NOT NULL DEFAULT '',
    test TEXT NOT NULL,
    kit_lot_id TEXT REFERENCES kit_lot(id),
    specimen_collected_at TEXT,
    collected_on TEXT,
    test_started_at TEXT,
    read_at TEXT,
    result TEXT,
    recovery_positive_on TEXT,
    recovery_cleared_by TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL,
    reasons TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX screening_person ON screening(person_id, screened_at);
CREATE INDEX screening_corrects ON screening(corrects_id);
CREATE INDEX screening_day ON screening(screened_on);
CREATE TABLE isolation_episode (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES person(id),
    screening_id TEXT NOT NULL REFERENCES screening(id),
    place_id TEXT REFERENCES isolation_place(id),
    started_on TEXT NOT NULL,
    positive_on TEXT NOT NULL,
    onset_on TEXT,
    severe INTEGER NOT NULL DEFAULT 0,
    released_on TEXT,
    released_at TEXT,
    released_by TEXT NOT NULL DEFAULT '',
    release_note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX isolation_person ON isolation_episode(person_id, started_on);
-- Open episodes by person: `person_facts` asks, for every person, whether another member of the
-- household is in isolation. An index on released_on made SQLite answer that by reading every
-- open episode for every person (seconds per screen with 500 people in isolation).
CREATE INDEX isolation_open ON isolation_episode(person_id) WHERE released_on IS NULL;
CREATE TABLE isolation_follow_up (
    id TEXT PRIMARY KEY,
    episode_id TEXT NOT NULL REFERENCES isolation_episode(id),
    person_id TEXT NOT NULL REFERENCES person(id),
    recorded_at TEXT NOT NULL,
    recorded_on TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    temperature_c REAL,
    fever INTEGER NOT NULL,
    fever_medicine INTEGER NOT NULL,
    symptoms TEXT NOT NULL DEFAULT '',
    symptoms_improving INTEGER,
    warning_signs TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX follow_up_episode ON isolation_follow_up(episode_id, recorded_at);

DROP VIEW person_facts;
CREATE VIEW person_facts AS
SELECT p.*,
    h.external_id AS household_external_id,
    COALESCE((SELECT v.state FROM verification_event v WHERE v.person_id = p.id
              ORDER BY v.recorded_at DESC, v.id DESC LIMIT 1), 'unverified') AS verification,
    EXISTS (SELECT 1 FROM check_in c WHERE c.person_id = p.id) AS checked_in,
    s.outcome AS screening_outcome,
    s.screened_at AS screened_at,
    s.screened_on AS screened_on,
    COALESCE(s.collected_on, s.screened_on) AS clearance_base,
    s.recovery_positive_on AS recovered_positive_on,
    CASE WHEN s.result = 'negative' THEN s.collected_on END AS tested_negative_on,
    e.started_on AS isolation_started_on,
    e.released_on AS released_on,
    (SELECT min(o.started_on) FROM person m JOIN isolation_episode o ON o.person_id = m.id
     WHERE m.household_id = p.household_id AND m.id != p.id AND o.released_on IS NULL)
        AS household_isolation_since,
    (SELECT max(o.positive_on) FROM person m JOIN isolation_episode o ON o.person_id = m.id
     WHERE m.household_id = p.household_id AND m.id != p.id) AS household_exposure_on
FROM person p JOIN household h ON h.id = p.household_id
LEFT JOIN screening s ON s.id = (
    SELECT l.id FROM screening l WHERE l.person_id = p.id
    AND NOT EXISTS (SELECT 1 FROM screening c WHERE c.corrects_id = l.id)
    ORDER BY l.screened_at DESC, l.id DESC LIMIT 1)
LEFT JOIN isolation_episode e ON e.id = (
    SELECT l.id FROM isolation_episode l WHERE l.person_id = p.id
    ORDER BY l.started_on DESC, l.id DESC LIMIT 1);
""",
    )


@migrations(name="0010_paperwork")
def paperwork(db: Database) -> None:
    """Form EOIR-33 (one record per person, edited until it is served), legal orientation
    attended and the documents prepared to reopen an in-absentia case (facts). `person_facts`
    gains whether the form is complete and served, the orientation and the documents."""
    _run_script(
        db,
        """
CREATE TABLE eoir33_form (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL UNIQUE REFERENCES person(id),
    last_name TEXT NOT NULL DEFAULT '',
    first_name TEXT NOT NULL DEFAULT '',
    middle_name TEXT NOT NULL DEFAULT '',
    suffix TEXT NOT NULL DEFAULT '',
    a_number TEXT NOT NULL DEFAULT '',
    current_street TEXT NOT NULL DEFAULT '',
    current_apartment TEXT NOT NULL DEFAULT '',
    current_city TEXT NOT NULL DEFAULT '',
    current_state TEXT NOT NULL DEFAULT '',
    current_zip TEXT NOT NULL DEFAULT '',
    current_phone TEXT NOT NULL DEFAULT '',
    current_email TEXT NOT NULL DEFAULT '',
    in_care_of TEXT NOT NULL DEFAULT '',
    former_street TEXT NOT NULL DEFAULT '',
    former_apartment TEXT NOT NULL DEFAULT '',
    former_city TEXT NOT NULL DEFAULT '',
    former_state TEXT NOT NULL DEFAULT '',
    former_zip TEXT NOT NULL DEFAULT '',
    former_country TEXT NOT NULL DEFAULT '',
    former_phone TEXT NOT NULL DEFAULT '',
    former_email TEXT NOT NULL DEFAULT '',
    signed_on TEXT,
    current_court TEXT NOT NULL DEFAULT '',
    receiving_court TEXT NOT NULL DEFAULT '',
    receiving_court_reason TEXT NOT NULL DEFAULT '',
    completed_at TEXT,
    printed_at TEXT,
    server_name TEXT NOT NULL DEFAULT '',
    opla_office TEXT NOT NULL DEFAULT '',
    service_method TEXT NOT NULL DEFAULT '',
    served_on TEXT,
    served_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE legal_orientation (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES person(id),
    attended_on TEXT NOT NULL,
    provider TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
);
CREATE INDEX legal_orientation_person ON legal_orientation(person_id);
CREATE TABLE reopen_document (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES person(id),
    document TEXT NOT NULL,
    prepared INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
);
CREATE INDEX reopen_document_person ON reopen_document(person_id, document, recorded_at);

DROP VIEW person_facts;
CREATE VIEW person_facts AS
SELECT p.*,
    h.external_id AS household_external_id,
    COALESCE((SELECT v.state FROM verification_event v WHERE v.person_id = p.id
              ORDER BY v.recorded_at DESC, v.id DESC LIMIT 1), 'unverified') AS verification,
    EXISTS (SELECT 1 FROM check_in c WHERE c.person_id = p.id) AS checked_in,
    s.outcome AS screening_outcome,
    s.screened_at AS screened_at,
    s.screened_on AS screened_on,
    COALESCE(s.collected_on, s.screened_on) AS clearance_base,
    s.recovery_positive_on AS recovered_positive_on,
    CASE WHEN s.result = 'negative' THEN s.collected_on END AS tested_negative_on,
    e.started_on AS isolation_started_on,
    e.released_on AS released_on,
    (SELECT min(o.started_on) FROM person m JOIN isolation_episode o ON o.person_id = m.id
     WHERE m.household_id = p.household_id AND m.id != p.id AND o.released_on IS NULL)
        AS household_isolation_since,
    (SELECT max(o.positive_on) FROM person m JOIN isolation_episode o ON o.person_id = m.id
     WHERE m.household_id = p.household_id AND m.id != p.id) AS household_exposure_on,
    f.completed_at IS NOT NULL AS eoir33_completed,
    f.served_at IS NOT NULL AS eoir33_served,
    (SELECT max(o.attended_on) FROM legal_orientation o WHERE o.person_id = p.id)
        AS legal_orientation_on,
    -- The documents whose latest mark says prepared, ';'-separated.
    (SELECT group_concat(d.document, ';') FROM reopen_document d
     WHERE d.person_id = p.id AND d.prepared AND d.id = (
        SELECT l.id FROM reopen_document l WHERE l.person_id = p.id AND l.document = d.document
        ORDER BY l.recorded_at DESC, l.id DESC LIMIT 1)) AS reopen_documents
FROM person p JOIN household h ON h.id = p.household_id
LEFT JOIN screening s ON s.id = (
    SELECT l.id FROM screening l WHERE l.person_id = p.id
    AND NOT EXISTS (SELECT 1 FROM screening c WHERE c.corrects_id = l.id)
    ORDER BY l.screened_at DESC, l.id DESC LIMIT 1)
LEFT JOIN isolation_episode e ON e.id = (
    SELECT l.id FROM isolation_episode l WHERE l.person_id = p.id
    ORDER BY l.started_on DESC, l.id DESC LIMIT 1)
LEFT JOIN eoir33_form f ON f.person_id = p.id;
""",
    )


@migrations(name="0011_transport")
def transport(db: Database) -> None:
    """Vehicles, the day's trips to the port, who sits where (a record: re-planned, moved,
    boarded, no-show), boardings (facts, with the mask and the travellers' instructions) and
    the hand-over at the port. `person_facts` gains the person's latest roster entry."""
    _run_script(
        db,
        """
CREATE TABLE vehicle (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    rows INTEGER NOT NULL,
    seats_per_row INTEGER NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);
CREATE TABLE trip (
    id TEXT PRIMARY KEY,
    day TEXT NOT NULL,
    port TEXT NOT NULL,
    departs_at TEXT NOT NULL,
    vehicle_id TEXT NOT NULL REFERENCES vehicle(id),
    closed_at TEXT,
    arrived_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX trip_day ON trip(day, port);
CREATE TABLE roster_entry (
    id TEXT PRIMARY KEY,
    trip_id TEXT NOT NULL REFERENCES trip(id),
    person_id TEXT NOT NULL REFERENCES person(id),
    household_id TEXT NOT NULL REFERENCES household(id),
    seat TEXT NOT NULL,
    locked INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'planned',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (trip_id, person_id)
);
CREATE INDEX roster_entry_person ON roster_entry(person_id);
CREATE TABLE boarding (
    id TEXT PRIMARY KEY,
    trip_id TEXT NOT NULL REFERENCES trip(id),
    person_id TEXT NOT NULL REFERENCES person(id),
    boarded_at TEXT NOT NULL,
    boarded_by TEXT NOT NULL,
    mask TEXT NOT NULL,
    instructions_given INTEGER NOT NULL
);
CREATE INDEX boarding_trip ON boarding(trip_id);

DROP VIEW person_facts;
CREATE VIEW person_facts AS
SELECT p.*,
    h.external_id AS household_external_id,
    COALESCE((SELECT v.state FROM verification_event v WHERE v.person_id = p.id
              ORDER BY v.recorded_at DESC, v.id DESC LIMIT 1), 'unverified') AS verification,
    EXISTS (SELECT 1 FROM check_in c WHERE c.person_id = p.id) AS checked_in,
    s.outcome AS screening_outcome,
    s.screened_at AS screened_at,
    s.screened_on AS screened_on,
    COALESCE(s.collected_on, s.screened_on) AS clearance_base,
    s.recovery_positive_on AS recovered_positive_on,
    CASE WHEN s.result = 'negative' THEN s.collected_on END AS tested_negative_on,
    e.started_on AS isolation_started_on,
    e.released_on AS released_on,
    (SELECT min(o.started_on) FROM person m JOIN isolation_episode o ON o.person_id = m.id
     WHERE m.household_id = p.household_id AND m.id != p.id AND o.released_on IS NULL)
        AS household_isolation_since,
    (SELECT max(o.positive_on) FROM person m JOIN isolation_episode o ON o.person_id = m.id
     WHERE m.household_id = p.household_id AND m.id != p.id) AS household_exposure_on,
    f.completed_at IS NOT NULL AS eoir33_completed,
    f.served_at IS NOT NULL AS eoir33_served,
    (SELECT max(o.attended_on) FROM legal_orientation o WHERE o.person_id = p.id)
        AS legal_orientation_on,
    -- The documents whose latest mark says prepared, ';'-separated.
    (SELECT group_concat(d.document, ';') FROM reopen_document d
     WHERE d.person_id = p.id AND d.prepared AND d.id = (
        SELECT l.id FROM reopen_document l WHERE l.person_id = p.id AND l.document = d.document
        ORDER BY l.recorded_at DESC, l.id DESC LIMIT 1)) AS reopen_documents,
    r.status AS roster_status,
    t.day AS roster_day,
    t.arrived_at AS delivered_at
FROM person p JOIN household h ON h.id = p.household_id
LEFT JOIN screening s ON s.id = (
    SELECT l.id FROM screening l WHERE l.person_id = p.id
    AND NOT EXISTS (SELECT 1 FROM screening c WHERE c.corrects_id = l.id)
    ORDER BY l.screened_at DESC, l.id DESC LIMIT 1)
LEFT JOIN isolation_episode e ON e.id = (
    SELECT l.id FROM isolation_episode l WHERE l.person_id = p.id
    ORDER BY l.started_on DESC, l.id DESC LIMIT 1)
LEFT JOIN eoir33_form f ON f.person_id = p.id
LEFT JOIN roster_entry r ON r.id = (
    SELECT l.id FROM roster_entry l JOIN trip lt ON lt.id = l.trip_id
    WHERE l.person_id = p.id AND l.status != 'removed'
    ORDER BY lt.day DESC, l.updated_at DESC, l.id DESC LIMIT 1)
LEFT JOIN trip t ON t.id = r.trip_id;
""",
    )


@migrations(name="0012_data_desk")
def data_desk(db: Database) -> None:
    """Merging two registrations of one person, and the column mappings of partners' lists.

    A merged-away person stays as a row (facts are appended, never moved; a column added to
    `person` would need a new audit format) and a `person_merge` fact names the person it was
    merged into: its registration id and A-number keep finding that person, and
    `person_facts` (every list of the site) leaves it out. A reviewed possible duplicate says
    who decided and when. An import profile is a partner's list layout, kept by name.
    """
    _run_script(
        db,
        """
CREATE TABLE person_merge (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL UNIQUE REFERENCES person(id),
    merged_into TEXT NOT NULL REFERENCES person(id),
    merged_at TEXT NOT NULL,
    merged_by TEXT NOT NULL,
    duplicate_id TEXT REFERENCES possible_duplicate(id)
);
CREATE INDEX person_merge_into ON person_merge(merged_into);
ALTER TABLE possible_duplicate ADD COLUMN decided_at TEXT;
ALTER TABLE possible_duplicate ADD COLUMN decided_by TEXT;
CREATE TABLE import_profile (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    headers TEXT NOT NULL,
    mapping TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

DROP VIEW person_facts;
CREATE VIEW person_facts AS
SELECT p.*,
    h.external_id AS household_external_id,
    COALESCE((SELECT v.state FROM verification_event v WHERE v.person_id = p.id
              ORDER BY v.recorded_at DESC, v.id DESC LIMIT 1), 'unverified') AS verification,
    EXISTS (SELECT 1 FROM check_in c WHERE c.person_id = p.id) AS checked_in,
    s.outcome AS screening_outcome,
    s.screened_at AS screened_at,
    s.screened_on AS screened_on,
    COALESCE(s.collected_on, s.screened_on) AS clearance_base,
    s.recovery_positive_on AS recovered_positive_on,
    CASE WHEN s.result = 'negative' THEN s.collected_on END AS tested_negative_on,
    e.started_on AS isolation_started_on,
    e.released_on AS released_on,
    (SELECT min(o.started_on) FROM person m JOIN isolation_episode o ON o.person_id = m.id
     WHERE m.household_id = p.household_id AND m.id != p.id AND o.released_on IS NULL)
        AS household_isolation_since,
    (SELECT max(o.positive_on) FROM person m JOIN isolation_episode o ON o.person_id = m.id
     WHERE m.household_id = p.household_id AND m.id != p.id) AS household_exposure_on,
    f.completed_at IS NOT NULL AS eoir33_completed,
    f.served_at IS NOT NULL AS eoir33_served,
    (SELECT max(o.attended_on) FROM legal_orientation o WHERE o.person_id = p.id)
        AS legal_orientation_on,
    -- The documents whose latest mark says prepared, ';'-separated.
    (SELECT group_concat(d.document, ';') FROM reopen_document d
     WHERE d.person_id = p.id AND d.prepared AND d.id = (
        SELECT l.id FROM reopen_document l WHERE l.person_id = p.id AND l.document = d.document
        ORDER BY l.recorded_at DESC, l.id DESC LIMIT 1)) AS reopen_documents,
    r.status AS roster_status,
    t.day AS roster_day,
    t.arrived_at AS delivered_at
FROM person p JOIN household h ON h.id = p.household_id
LEFT JOIN screening s ON s.id = (
    SELECT l.id FROM screening l WHERE l.person_id = p.id
    AND NOT EXISTS (SELECT 1 FROM screening c WHERE c.corrects_id = l.id)
    ORDER BY l.screened_at DESC, l.id DESC LIMIT 1)
LEFT JOIN isolation_episode e ON e.id = (
    SELECT l.id FROM isolation_episode l WHERE l.person_id = p.id
    ORDER BY l.started_on DESC, l.id DESC LIMIT 1)
LEFT JOIN eoir33_form f ON f.person_id = p.id
LEFT JOIN roster_entry r ON r.id = (
    SELECT l.id FROM roster_entry l JOIN trip lt ON lt.id = l.trip_id
    WHERE l.person_id = p.id AND l.status != 'removed'
    ORDER BY lt.day DESC, l.updated_at DESC, l.id DESC LIMIT 1)
LEFT JOIN trip t ON t.id = r.trip_id
WHERE NOT EXISTS (SELECT 1 FROM person_merge g WHERE g.person_id = p.id);
""",
    )


@migrations(name="0013_sync")
def sync(db: Database) -> None:
    """What a desk keeps about the changes it receives from the others (staging.sync.inbox).

    A received change goes into `change_log` under its original id, stamp and device. The values
    of it that lost the merge are kept in `sync_unapplied` (the audit entry holds only what was
    written), so the change can be relayed whole and its value shown in a conflict. A change
    whose record has not arrived yet, or that the data refuses, waits in `sync_pending`. A field
    edited on two desks from the same base is a `sync_conflict`, open until an edit replacing
    every leaf settles it.
    """
    _run_script(
        db,
        """
CREATE TABLE sync_unapplied (
    event_id TEXT PRIMARY KEY,
    fields TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE sync_pending (
    seq INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL UNIQUE,
    change TEXT NOT NULL,
    waiting_entity TEXT,
    waiting_id TEXT,
    problem TEXT,
    received_at TEXT NOT NULL
);
CREATE INDEX sync_pending_waiting ON sync_pending(waiting_id, waiting_entity);
CREATE TABLE sync_conflict (
    id TEXT PRIMARY KEY,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    field TEXT NOT NULL,
    leaves TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    closed_at TEXT,
    closed_by TEXT
);
CREATE UNIQUE INDEX sync_conflict_open ON sync_conflict(entity, entity_id, field)
    WHERE closed_at IS NULL;
""",
    )


@migrations(name="0014_users_travel")
def users_travel(db: Database) -> None:
    """A user's login travels to the site's other desks (staging.sync.users): the key pair's
    public half and its private half wrapped with their password, as one JSON value so a merge
    can never pair one desk's public key with another's private key. Nothing here opens the
    site: each desk seals its own database key to the public half."""
    _run_script(db, "ALTER TABLE app_user ADD COLUMN credential TEXT;\n")


@migrations(name="0015_sync_desks")
def sync_desks(db: Database) -> None:
    """The site's desks as records every desk holds (staging.sync.desks): each desk's public
    keys — one to check the USB bundles it signs, one new site keys are sealed to — and whether
    it was revoked, so a revocation reaches a desk by USB as well as through the hub."""
    _run_script(
        db,
        """
CREATE TABLE sync_desk (
    id TEXT PRIMARY KEY,
    signing_key TEXT,
    sealing_key TEXT,
    linked_at TEXT NOT NULL,
    revoked_at TEXT,
    revoked_by TEXT
);
""",
    )


def unknown_applied(db: Database) -> list[str]:
    """Migrations this database has that this app does not know: it was made by a newer app."""
    known = {m.name for m in migrations.pending(Database(memory=True))}
    return [m.name for m in migrations.applied(db) if m.name not in known]


def _run_script(db: Database, script: str) -> None:
    """Run statements one by one: `executescript` would commit mid-migration."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement in migration: {statement!r}")
