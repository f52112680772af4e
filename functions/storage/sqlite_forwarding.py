"""Forwardings to administrations on the embedded backend: one row per file and administration,
written in the same transaction as the file's event and the counters."""

import json
import sqlite3

from schemas.vocabulary import FINAL_STATUSES

from .records import Forwarding

COLUMNS = (
    "reference, administration, forwarded_at, due_at, forwarded_by, text, shared, answered_at, answered_by, "
    "reminders_sent, paused"
)


def forwarding_from_row(row: sqlite3.Row) -> Forwarding:
    values = dict(row)
    values["shared"] = tuple(json.loads(values["shared"]))
    values["paused"] = bool(values["paused"])
    return Forwarding(**values)


class SqliteForwarding:
    def create_forwarding(self, forwarding, event, counters):
        from .sqlite_store import apply_counters, insert_event

        with self.db.write() as conn:
            exists = conn.execute(
                "SELECT 1 FROM forwardings WHERE reference = ? AND administration = ?",
                (forwarding.reference, forwarding.administration),
            ).fetchone()
            if exists or not _open(conn, forwarding.reference):
                return False  # (the caller tells which: forwarded there already, or the file ended meanwhile)
            conn.execute(
                f"INSERT INTO forwardings ({COLUMNS}) VALUES ({', '.join('?' * 11)})",  # noqa: S608 - constant columns
                (forwarding.reference, forwarding.administration, forwarding.forwarded_at, forwarding.due_at,
                 forwarding.forwarded_by, forwarding.text, json.dumps(list(forwarding.shared)),
                 forwarding.answered_at, forwarding.answered_by, forwarding.reminders_sent, int(forwarding.paused)),
            )  # fmt: skip
            conn.execute("UPDATE grievances SET updated_at = ? WHERE reference = ?", (event.at, event.reference))
            insert_event(conn, event)
            apply_counters(conn, counters)
            return True

    def get_forwarding(self, reference, administration):
        row = (
            self.db.connection()
            .execute(
                f"SELECT {COLUMNS} FROM forwardings WHERE reference = ? AND administration = ?",  # noqa: S608
                (reference, administration),
            )
            .fetchone()
        )
        return forwarding_from_row(row) if row else None

    def list_forwardings(self, reference):
        rows = self.db.connection().execute(
            f"SELECT {COLUMNS} FROM forwardings WHERE reference = ? ORDER BY forwarded_at",  # noqa: S608
            (reference,),
        )
        return [forwarding_from_row(row) for row in rows]

    def forwarded_to(self, administration, limit, before=None):
        rows = self.db.connection().execute(
            f"SELECT {COLUMNS} FROM forwardings WHERE administration = ? AND forwarded_at < ? "  # noqa: S608
            "ORDER BY forwarded_at DESC LIMIT ?",
            (administration, before or "~", limit),
        )
        return [forwarding_from_row(row) for row in rows]

    def open_forwardings_due_by(self, moment, limit=None):
        rows = self.db.connection().execute(
            f"SELECT {COLUMNS} FROM forwardings WHERE answered_at IS NULL AND paused = 0 AND due_at <= ? "  # noqa: S608
            "ORDER BY due_at LIMIT ?",
            (moment, -1 if limit is None else limit),
        )
        return [forwarding_from_row(row) for row in rows]

    def record_answer(self, reference, administration, answered_at, answered_by, event, counters, attachments=(),
                      filing=None):  # fmt: skip
        from .sqlite_store import apply_counters, attach_uploads, insert_event

        with self.db.write() as conn:
            done = conn.execute(
                "UPDATE forwardings SET answered_at = ?, answered_by = ? "
                "WHERE reference = ? AND administration = ? AND answered_at IS NULL AND paused = 0",
                (answered_at, answered_by, reference, administration),
            )
            if done.rowcount != 1:
                return False
            conn.execute("UPDATE grievances SET updated_at = ? WHERE reference = ?", (event.at, reference))
            insert_event(conn, event)
            apply_counters(conn, counters)
            attach_uploads(conn, attachments, reference, filing)  # raises: the whole answer is undone
            return True

    def mark_reminded(self, reference, administration, expected, sent):
        with self.db.write() as conn:
            done = conn.execute(
                "UPDATE forwardings SET reminders_sent = ? "
                "WHERE reference = ? AND administration = ? AND reminders_sent = ? AND answered_at IS NULL "
                "AND paused = 0",
                (sent, reference, administration, expected),
            )
            return done.rowcount == 1


def _open(conn: sqlite3.Connection, reference: str) -> bool:
    """The file is there, in no final status and not anonymised: read in the writing transaction,
    so a file closed or erased since the caller read it takes no forwarding."""
    row = conn.execute("SELECT status, anonymised_at FROM grievances WHERE reference = ?", (reference,)).fetchone()
    return row is not None and row["status"] not in FINAL_STATUSES and not row["anonymised_at"]


def pause_forwardings(conn: sqlite3.Connection, reference: str, paused: bool) -> None:
    """In a status change's transaction: a file closed unanswered stops its administrations'
    clocks; reopened, they run again (answered ones are left as they are)."""
    conn.execute(
        "UPDATE forwardings SET paused = ? WHERE reference = ? AND answered_at IS NULL", (int(paused), reference)
    )
