ALTER TABLE grievances ADD COLUMN due_at TEXT;
ALTER TABLE grievances ADD COLUMN first_answer_at TEXT;

-- The inbox reads a page through one of these, newest or oldest first (keyset pagination).
DROP INDEX grievances_by_created;
CREATE INDEX grievances_by_created ON grievances (created_at, reference);
CREATE INDEX grievances_by_delegation ON grievances (delegation, created_at, reference);
CREATE INDEX grievances_by_status ON grievances (status, created_at, reference);
CREATE INDEX events_by_reference ON events (reference, event_id);

-- Counters get a scope: "all", or one delegation's own figures.
CREATE TABLE statistics_scoped (
    scope TEXT NOT NULL,
    name  TEXT NOT NULL,
    key   TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (scope, name, key)
) WITHOUT ROWID;
INSERT INTO statistics_scoped (scope, name, key, count) SELECT 'all', name, key, count FROM statistics;
DROP TABLE statistics;

CREATE TABLE staff (
    staff_id      TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL,
    delegation    TEXT,
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    language      TEXT NOT NULL,
    totp_secret   TEXT,
    totp_enabled  INTEGER NOT NULL,
    active        INTEGER NOT NULL,
    failed_logins INTEGER NOT NULL,
    locked_until  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE sessions (
    session_hash TEXT PRIMARY KEY,
    staff_id     TEXT NOT NULL,
    stage        TEXT NOT NULL,
    csrf_token   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    last_seen    INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE audit (
    audit_id TEXT PRIMARY KEY,
    at       TEXT NOT NULL,
    staff_id TEXT NOT NULL,
    action   TEXT NOT NULL,
    target   TEXT,
    address  TEXT,
    detail   TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX audit_by_staff ON audit (staff_id, audit_id);
CREATE INDEX audit_by_target ON audit (target, audit_id);

-- Append-only, enforced by the database itself.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
