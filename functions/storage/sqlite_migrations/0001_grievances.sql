CREATE TABLE grievances (
    reference     TEXT PRIMARY KEY,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    status        TEXT NOT NULL,
    type          TEXT NOT NULL,
    filer_kind    TEXT NOT NULL,
    category      TEXT NOT NULL,
    region        TEXT NOT NULL,
    delegation    TEXT,
    country       TEXT NOT NULL,
    partner       TEXT,
    language      TEXT NOT NULL,
    email_updates INTEGER NOT NULL,
    tracking_hash TEXT NOT NULL,
    payload       TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX grievances_by_created ON grievances (created_at);

CREATE TABLE events (
    reference TEXT NOT NULL REFERENCES grievances (reference),
    event_id  TEXT NOT NULL,
    at        TEXT NOT NULL,
    kind      TEXT NOT NULL,
    actor     TEXT NOT NULL,
    status    TEXT,
    body      TEXT NOT NULL,
    public    INTEGER NOT NULL,
    PRIMARY KEY (reference, event_id)
) WITHOUT ROWID;

CREATE TABLE idempotency (
    key        TEXT PRIMARY KEY,
    body_hash  TEXT NOT NULL,
    reference  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE statistics (
    name  TEXT NOT NULL,
    key   TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (name, key)
) WITHOUT ROWID;

CREATE TABLE rate_limits (
    bucket     TEXT PRIMARY KEY,
    count      INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) WITHOUT ROWID;
