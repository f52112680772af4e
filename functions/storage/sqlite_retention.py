"""Retention on the embedded backend: the files due for anonymisation (a partial index on
`closed_at`), anonymising one in one transaction, and removing audit entries past their period."""

import json


class SqliteRetention:
    def closed_before(self, cutoff, limit):
        rows = self.db.connection().execute(
            "SELECT reference, closed_at FROM grievances WHERE closed_at IS NOT NULL AND anonymised_at IS NULL "
            "AND closed_at < ? ORDER BY closed_at LIMIT ?",
            (cutoff, limit),
        )
        return [(row[0], row[1]) for row in rows]

    def anonymise(self, reference, closed_before, at, events, search_tokens, upload_ids):
        conn = self.db.connection()
        # What is deleted or overwritten is zeroed in the file, not left in free pages.
        conn.execute("PRAGMA secure_delete=ON")
        try:
            with self.db.write() as conn:
                done = conn.execute(
                    "UPDATE grievances SET payload = ?, email_updates = 0, anonymised_at = ?, assigned_to = NULL "
                    "WHERE reference = ? AND anonymised_at IS NULL AND (? IS NULL OR closed_at < ?)",
                    (json.dumps({"anonymised_at": at}), at, reference, closed_before, closed_before),
                )
                if done.rowcount != 1:
                    return False
                conn.executemany(
                    "UPDATE events SET body = ? WHERE reference = ? AND event_id = ?",
                    [(json.dumps(e.body, ensure_ascii=False), reference, e.event_id) for e in events],
                )
                conn.execute("DELETE FROM search_tokens WHERE reference = ?", (reference,))
                # What staff asked an administration is about the person too; an anonymised file
                # waits for no answer (its dates stay, for the accountability figures).
                conn.execute("UPDATE forwardings SET text = '', shared = '[]', paused = 1 WHERE reference = ?",
                             (reference,))  # fmt: skip
                conn.executemany(
                    "DELETE FROM uploads WHERE upload_id = ? AND reference = ?", [(u, reference) for u in upload_ids]
                )
                return True
        finally:
            conn.execute("PRAGMA secure_delete=OFF")
            self.db.forget_wal()

    def erase_late_writes(self, reference, events, upload_ids):
        conn = self.db.connection()
        conn.execute("PRAGMA secure_delete=ON")
        try:
            with self.db.write() as conn:
                conn.executemany(
                    "UPDATE events SET body = ? WHERE reference = ? AND event_id = ?",
                    [(json.dumps(e.body, ensure_ascii=False), reference, e.event_id) for e in events],
                )
                conn.executemany(
                    "DELETE FROM uploads WHERE upload_id = ? AND reference = ?", [(u, reference) for u in upload_ids]
                )
                conn.execute("UPDATE forwardings SET text = '', shared = '[]', paused = 1 WHERE reference = ?",
                             (reference,))  # fmt: skip
        finally:
            conn.execute("PRAGMA secure_delete=OFF")
            self.db.forget_wal()

    def purge_audit(self, before: str) -> int:
        """Delete audit entries older than `before` (the only deletion the log's trigger lets
        through: the bound is written in this transaction and gone when it commits)."""
        with self.db.write() as conn:
            conn.execute("INSERT INTO audit_purge (before) VALUES (?)", (before,))
            removed = conn.execute("DELETE FROM audit WHERE at < ?", (before,)).rowcount
            conn.execute("DELETE FROM audit_purge")
            return removed
