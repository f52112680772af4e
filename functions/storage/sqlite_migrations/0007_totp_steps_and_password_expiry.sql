-- A TOTP code works once: the last time step accepted per person.
ALTER TABLE staff ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
-- One-time passwords expire (0: the person's own password, which does not).
ALTER TABLE staff ADD COLUMN password_expires_at INTEGER NOT NULL DEFAULT 0;
-- The secret shown while one sign-in sets up its second factor.
ALTER TABLE sessions ADD COLUMN totp_secret TEXT;
-- One-time passwords given before this version had no end: they get the default 72 hours from now
-- (a one-time password without an end is refused as expired: DynamoDB's records from before).
UPDATE staff SET password_expires_at = CAST(strftime('%s', 'now') AS INTEGER) + 72 * 3600
WHERE password_must_change = 1 AND password_expires_at = 0;
