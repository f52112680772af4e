CREATE TABLE uploads (
    upload_id     TEXT PRIMARY KEY,
    filing        TEXT NOT NULL,
    kind          TEXT NOT NULL,
    declared_type TEXT NOT NULL,
    declared_size INTEGER NOT NULL,
    name          TEXT NOT NULL,
    status        TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    expires_at    INTEGER NOT NULL,
    size          INTEGER,
    sniffed_type  TEXT,
    reference     TEXT
) WITHOUT ROWID;

CREATE INDEX uploads_unattached_by_expiry ON uploads (expires_at) WHERE status != 'attached';
