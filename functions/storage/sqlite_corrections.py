"""A correction of the person's details on the embedded backend (law 09-08, rectification): the
form's new values, the timeline's entry and the search tokens in one transaction, only if the
form is still the one the staff member read."""

import json


class SqliteCorrections:
    def correct_payload(self, reference, expected, payload, event, removed_tokens, added_tokens):
        from .sqlite_store import insert_event

        conn = self.db.connection()
        # The old values are zeroed in the file, not left in free pages.
        conn.execute("PRAGMA secure_delete=ON")
        try:
            with self.db.write() as conn:
                row = conn.execute(
                    "SELECT payload FROM grievances WHERE reference = ? AND anonymised_at IS NULL", (reference,)
                ).fetchone()
                if row is None or json.loads(row["payload"]) != expected:
                    return False
                conn.execute(
                    "UPDATE grievances SET payload = ? WHERE reference = ?",
                    (json.dumps(payload, ensure_ascii=False), reference),
                )
                insert_event(conn, event)
                conn.executemany(
                    "DELETE FROM search_tokens WHERE token = ? AND reference = ?",
                    [(token, reference) for token in removed_tokens],
                )
                conn.executemany(
                    "INSERT OR IGNORE INTO search_tokens (token, reference) VALUES (?, ?)",
                    [(token, reference) for token in added_tokens],
                )
                return True
        finally:
            conn.execute("PRAGMA secure_delete=OFF")
            self.db.forget_wal()
