-- The e-mails about one file, for the person's export (law 09-08, right of access): a key range,
-- never a scan of the queue.
CREATE INDEX notifications_by_reference ON notifications (reference, created_at);
