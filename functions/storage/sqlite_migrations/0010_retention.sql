-- Retention (law 09-08): when a file reached its final status, and when it was anonymised.
ALTER TABLE grievances ADD COLUMN closed_at TEXT;
ALTER TABLE grievances ADD COLUMN anonymised_at TEXT;
-- Files closed before this version: closed when their status was last set.
UPDATE grievances SET closed_at = COALESCE(
    (SELECT MAX(at) FROM events WHERE events.reference = grievances.reference AND events.status = grievances.status),
    updated_at)
WHERE status IN ('resolved', 'closed', 'oriented', 'inadmissible', 'withdrawn');
-- The retention run's one way in: files closed and not yet anonymised, oldest first.
CREATE INDEX grievances_to_anonymise ON grievances (closed_at) WHERE closed_at IS NOT NULL AND anonymised_at IS NULL;

-- The audit log stays append-only, except that the retention run may delete entries older than
-- the bound it writes here in its own transaction (and removes before committing).
CREATE TABLE audit_purge (before TEXT NOT NULL);
DROP TRIGGER audit_no_delete;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
WHEN OLD.at >= COALESCE((SELECT MIN(before) FROM audit_purge), '')
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
