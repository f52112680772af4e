-- One-time passwords (new accounts, resets) must be replaced at the first sign-in.
ALTER TABLE staff ADD COLUMN password_must_change INTEGER NOT NULL DEFAULT 0;
