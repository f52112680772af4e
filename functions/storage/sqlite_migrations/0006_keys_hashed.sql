-- Idempotency-Keys are no longer stored: only their keyed hash (functions/cases/tracking_codes.py).
-- The values are rewritten by this migration's Python step (functions/storage/sqlite_upgrades.py),
-- which needs the server secret; code_scheme 1 marks the records whose tracking codes were derived
-- the earlier way.
ALTER TABLE idempotency RENAME COLUMN key TO key_hash;
ALTER TABLE idempotency ADD COLUMN code_scheme INTEGER NOT NULL DEFAULT 2;
UPDATE idempotency SET code_scheme = 1;
