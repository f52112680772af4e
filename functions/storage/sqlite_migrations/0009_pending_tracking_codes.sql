-- A reissued tracking code waiting to be used (cases/reissue.py): its hash, and the code sealed
-- with the server secret until its e-mail has gone.
ALTER TABLE grievances ADD COLUMN pending_tracking_hash TEXT;
ALTER TABLE grievances ADD COLUMN pending_code_sealed TEXT;
