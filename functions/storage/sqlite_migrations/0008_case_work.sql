-- Case work: who owns a file, when the complainant last answered and staff last opened it.
ALTER TABLE grievances ADD COLUMN assigned_to TEXT;
ALTER TABLE grievances ADD COLUMN replied_at TEXT;
ALTER TABLE grievances ADD COLUMN opened_at TEXT;
CREATE INDEX grievances_by_assignee ON grievances (assigned_to, created_at, reference);

-- Search: keyed hashes of normalised family names, e-mails and phones (cases/search_tokens.py).
CREATE TABLE search_tokens (
    token     TEXT NOT NULL,
    reference TEXT NOT NULL,
    PRIMARY KEY (token, reference)
) WITHOUT ROWID;
