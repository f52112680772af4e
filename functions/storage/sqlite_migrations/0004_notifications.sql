-- Emails waiting to be sent: one row per change a complainant should hear about. The row is
-- claimed (next_try moves into the future) before sending, so two workers never send it twice.
CREATE TABLE notifications (
    notification_id TEXT PRIMARY KEY,
    reference       TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    status          TEXT NOT NULL,
    attempts        INTEGER NOT NULL,
    next_try        INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX notifications_due ON notifications (status, next_try);
