-- A TOTP code works once: the last time step accepted per person.
ALTER TABLE staff ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
-- One-time passwords expire (0: the person's own password, which does not).
ALTER TABLE staff ADD COLUMN password_expires_at INTEGER NOT NULL DEFAULT 0;
-- The secret shown while one sign-in sets up its second factor.
ALTER TABLE sessions ADD COLUMN totp_secret TEXT;
