-- A forwarding whose file reached a final status unanswered is paused: out of the reminders and of
-- the overdue answers (the index holds only the waiting ones), no answer taken; reopening resumes it.
ALTER TABLE forwardings ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;
UPDATE forwardings SET paused = 1
 WHERE answered_at IS NULL
   AND reference IN (SELECT reference FROM grievances
                      WHERE status IN ('resolved', 'closed', 'oriented', 'inadmissible', 'withdrawn')
                         OR anonymised_at IS NOT NULL);
DROP INDEX forwardings_open_by_due;
CREATE INDEX forwardings_open_by_due ON forwardings (due_at) WHERE answered_at IS NULL AND paused = 0;
