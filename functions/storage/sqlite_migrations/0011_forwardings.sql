-- Forwarding a file to the administration concerned, and its answer (functions/cases/forwarding.py).
ALTER TABLE staff ADD COLUMN administration TEXT;

CREATE TABLE forwardings (
    reference      TEXT NOT NULL REFERENCES grievances (reference),
    administration TEXT NOT NULL,
    forwarded_at   TEXT NOT NULL,
    due_at         TEXT NOT NULL,
    forwarded_by   TEXT NOT NULL,
    text           TEXT NOT NULL,
    shared         TEXT NOT NULL DEFAULT '[]', -- JSON list of upload ids staff chose to share
    answered_at    TEXT,
    answered_by    TEXT,
    reminders_sent INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (reference, administration)
) WITHOUT ROWID;
-- The correspondent's inbox, newest first.
CREATE INDEX forwardings_by_administration ON forwardings (administration, forwarded_at);
-- Unanswered forwardings by deadline (reminders, overdue answers): only those, as on DynamoDB.
CREATE INDEX forwardings_open_by_due ON forwardings (due_at) WHERE answered_at IS NULL;
