"""The embedded backend: SQLite (WAL) plus files under SAWT_DATA_DIR."""

import contextlib
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

from schemas.vocabulary import FINAL_STATUSES

from .port import (
    AttachmentUnavailableError,
    GrievanceStore,
    IdempotencyKeyTakenError,
    ReferenceTakenError,
    StorageError,
    closes_or_reopens,
    closing_change,
)
from .records import CounterChange, Event, IdempotencyRecord, Upload
from .sqlite_admin import SqliteAdmin, insert_audit, insert_notification
from .sqlite_corrections import SqliteCorrections
from .sqlite_db import MigrationContext, SqliteDatabase
from .sqlite_forwarding import SqliteForwarding, pause_forwardings
from .sqlite_inbox import SqliteInbox
from .sqlite_retention import SqliteRetention
from .sqlite_rows import GRIEVANCE_COLUMNS, event_from_row, grievance_from_row

CHANGEABLE = frozenset(
    {"status", "delegation", "due_at", "first_answer_at", "updated_at", "email_updates", "assigned_to", "replied_at"}
)


def insert_event(conn: sqlite3.Connection, event: Event) -> None:
    conn.execute(
        "INSERT INTO events (reference, event_id, at, kind, actor, status, body, public) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            event.reference,
            event.event_id,
            event.at,
            event.kind,
            event.actor,
            event.status,
            json.dumps(event.body, ensure_ascii=False),
            int(event.public),
        ),
    )


def insert_idempotency(conn: sqlite3.Connection, record: IdempotencyRecord) -> None:
    conn.execute(
        "INSERT INTO idempotency (key_hash, body_hash, reference, created_at, expires_at, code_scheme) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (record.key_hash, record.body_hash, record.reference, record.created_at, record.expires_at,
         record.code_scheme),
    )  # fmt: skip


def key_taken(conn: sqlite3.Connection, record: IdempotencyRecord) -> bool:
    return conn.execute("SELECT 1 FROM idempotency WHERE key_hash = ?", (record.key_hash,)).fetchone() is not None


def attach_uploads(conn: sqlite3.Connection, upload_ids, reference: str, filing: str) -> None:
    for upload_id in upload_ids:
        attached = conn.execute(
            "UPDATE uploads SET status = 'attached', reference = ? "
            "WHERE upload_id = ? AND filing = ? AND status = 'verified'",
            (reference, upload_id, filing),
        )
        if attached.rowcount != 1:
            raise AttachmentUnavailableError(upload_id)


def apply_counters(conn: sqlite3.Connection, counters: list[CounterChange]) -> None:
    for change in counters:
        conn.execute(
            "INSERT INTO statistics_scoped (scope, name, key, count) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (scope, name, key) DO UPDATE SET count = count + excluded.count",
            (change.scope, change.name, change.key, change.delta),
        )


class SqliteStore(SqliteInbox, SqliteAdmin, SqliteRetention, SqliteForwarding, SqliteCorrections, GrievanceStore):
    def __init__(self, data_dir: Path, secret: Callable[[], bytes] | None = None):
        """`secret` gives the server secret to a migration that needs it (keys stored in clear by
        an earlier version are replaced by their keyed hash); asked for only then."""
        self.data_dir = Path(data_dir)
        self.db = SqliteDatabase(self.data_dir / "sawt.sqlite3", MigrationContext(self.data_dir, secret))

    def create_grievance(self, grievance, first_event, idempotency, counters, attachments=(), search_tokens=()):
        with self.db.write() as conn:
            if key_taken(conn, idempotency):
                raise IdempotencyKeyTakenError(idempotency.key_hash)
            if conn.execute("SELECT 1 FROM grievances WHERE reference = ?", (grievance.reference,)).fetchone():
                raise ReferenceTakenError(grievance.reference)
            conn.execute(
                f"INSERT INTO grievances ({GRIEVANCE_COLUMNS}) VALUES ({', '.join('?' * 22)})",  # noqa: S608 - constant column list
                (
                    grievance.reference,
                    grievance.created_at,
                    grievance.updated_at,
                    grievance.status,
                    grievance.type,
                    grievance.filer_kind,
                    grievance.category,
                    grievance.region,
                    grievance.delegation,
                    grievance.country,
                    grievance.partner,
                    grievance.language,
                    int(grievance.email_updates),
                    grievance.tracking_hash,
                    json.dumps(grievance.payload, ensure_ascii=False),
                    grievance.due_at,
                    grievance.first_answer_at,
                    grievance.assigned_to,
                    grievance.replied_at,
                    grievance.opened_at,
                    grievance.pending_tracking_hash,
                    grievance.pending_code_sealed,
                ),
            )
            insert_event(conn, first_event)
            insert_idempotency(conn, idempotency)
            apply_counters(conn, counters)
            attach_uploads(conn, attachments, grievance.reference, idempotency.key_hash)
            conn.executemany(
                "INSERT OR IGNORE INTO search_tokens (token, reference) VALUES (?, ?)",
                [(token, grievance.reference) for token in search_tokens],
            )

    def find_by_tokens(self, tokens, limit):
        marks = ", ".join("?" * len(tokens))
        sql = f"SELECT DISTINCT reference FROM search_tokens WHERE token IN ({marks}) LIMIT ?"  # noqa: S608
        return [row[0] for row in self.db.connection().execute(sql, (*tokens, limit))] if tokens else []

    def mark_opened(self, reference, at):
        with self.db.write() as conn:
            conn.execute("UPDATE grievances SET opened_at = ? WHERE reference = ?", (at, reference))

    def get_idempotency(self, key_hash, legacy_key=None):
        # (No legacy_key lookup: migration 0006 replaced every key stored in clear by its hash.)
        row = self.db.connection().execute("SELECT * FROM idempotency WHERE key_hash = ?", (key_hash,)).fetchone()
        return IdempotencyRecord(**dict(row)) if row else None

    def get_grievance(self, reference):
        row = (
            self.db.connection()
            .execute(f"SELECT {GRIEVANCE_COLUMNS} FROM grievances WHERE reference = ?", (reference,))  # noqa: S608
            .fetchone()
        )
        return grievance_from_row(row) if row else None

    def ping(self):
        # A fresh connection each time: the thread's own would keep answering from a file that
        # was deleted or replaced under it (its descriptor outlives the name).
        try:
            with contextlib.closing(sqlite3.connect(f"file:{self.db.path}?mode=ro", uri=True, timeout=1)) as conn:
                conn.execute("SELECT version FROM schema_migrations LIMIT 1").fetchone()
        except sqlite3.Error as error:
            raise StorageError("the database does not answer") from error

    def list_events(self, reference):
        rows = self.db.connection().execute("SELECT * FROM events WHERE reference = ? ORDER BY event_id", (reference,))
        return [event_from_row(row) for row in rows]

    def increment_counter(self, bucket, ceiling, expires_at):
        if ceiling is not None and ceiling < 1:
            return None
        with self.db.write(durable=False) as conn:  # a power cut may forget a try, never a filing
            # One statement: the upsert's WHERE refuses a full window, and RETURNING then gives no row.
            row = conn.execute(
                "INSERT INTO rate_limits (bucket, count, expires_at) VALUES (?, 1, ?) "
                "ON CONFLICT (bucket) DO UPDATE SET count = count + 1 WHERE ? IS NULL OR count < ? "
                "RETURNING count",
                (bucket, expires_at, ceiling, ceiling),
            ).fetchone()
        return row[0] if row else None

    def decrement_counter(self, bucket):
        with self.db.write(durable=False) as conn:
            conn.execute("UPDATE rate_limits SET count = count - 1 WHERE bucket = ? AND count > 0", (bucket,))

    def read_statistics(self, scope="all"):
        figures: dict[str, dict[str, int]] = {}
        rows = self.db.connection().execute(
            "SELECT name, key, count FROM statistics_scoped WHERE scope = ? AND count != 0", (scope,)
        )
        for row in rows:
            figures.setdefault(row["name"], {})[row["key"]] = row["count"]
        return figures

    def record_change(self, reference, expected_status, event, changes, counters, idempotency=None, attachments=()):
        if not set(changes) <= CHANGEABLE:
            raise ValueError(f"cannot change {set(changes) - CHANGEABLE}")
        changes = {**changes, **closing_change(changes)}
        with self.db.write() as conn:
            if idempotency and key_taken(conn, idempotency):
                raise IdempotencyKeyTakenError(idempotency.key_hash)
            current = conn.execute(
                "SELECT status, anonymised_at FROM grievances WHERE reference = ?", (reference,)
            ).fetchone()
            if current is None or current["status"] != expected_status or current["anonymised_at"]:
                return False  # (an anonymised file takes nothing new: its person asked for it gone)
            if idempotency:
                insert_idempotency(conn, idempotency)
                attach_uploads(conn, attachments, reference, idempotency.key_hash)
            if changes:
                assignments = ", ".join(f"{column} = ?" for column in changes)
                conn.execute(
                    f"UPDATE grievances SET {assignments} WHERE reference = ?",  # noqa: S608 - columns checked above
                    (*(int(v) if isinstance(v, bool) else v for v in changes.values()), reference),
                )
            if closes_or_reopens(expected_status, changes):
                pause_forwardings(conn, reference, changes["status"] in FINAL_STATUSES)
            insert_event(conn, event)
            apply_counters(conn, counters)
            return True

    def record_reissue(self, audit, pending=None):
        with self.db.write() as conn:
            insert_audit(conn, audit)
            if pending is None:
                return
            conn.execute(
                "UPDATE grievances SET pending_tracking_hash = ?, pending_code_sealed = ? WHERE reference = ?",
                (pending.code_hash, pending.sealed, pending.reference),
            )
            if pending.notification_id:
                insert_notification(conn, pending.notification_id, pending.reference, pending.created_at, pending.now)

    def promote_pending_code(self, reference, code_hash):
        with self.db.write() as conn:
            done = conn.execute(
                "UPDATE grievances SET tracking_hash = pending_tracking_hash, pending_tracking_hash = NULL, "
                "pending_code_sealed = NULL WHERE reference = ? AND pending_tracking_hash = ?",
                (reference, code_hash),
            )
            return done.rowcount == 1

    def clear_sealed_code(self, reference, code_hash):
        with self.db.write() as conn:
            conn.execute(
                "UPDATE grievances SET pending_code_sealed = NULL WHERE reference = ? AND pending_tracking_hash = ?",
                (reference, code_hash),
            )

    def create_upload(self, upload):
        values = vars(upload)
        with self.db.write() as conn:
            conn.execute(
                f"INSERT INTO uploads ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",  # noqa: S608
                tuple(values.values()),
            )

    def get_upload(self, upload_id):
        row = self.db.connection().execute("SELECT * FROM uploads WHERE upload_id = ?", (upload_id,)).fetchone()
        return Upload(**dict(row)) if row else None

    def update_upload(self, upload_id, expected_status, **changes):
        allowed = set(Upload.__dataclass_fields__) - {"upload_id", "filing"}
        if not set(changes) <= allowed:
            raise ValueError(f"cannot change {set(changes) - allowed}")
        assignments = ", ".join(f"{column} = ?" for column in changes)
        with self.db.write() as conn:
            done = conn.execute(
                f"UPDATE uploads SET {assignments} WHERE upload_id = ? AND status = ?",  # noqa: S608
                (*changes.values(), upload_id, expected_status),
            )
            return done.rowcount == 1

    def expired_uploads(self, now, limit=100):
        rows = self.db.connection().execute(
            "SELECT * FROM uploads WHERE status != 'attached' AND expires_at < ? LIMIT ?", (now, limit)
        )
        return [Upload(**dict(row)) for row in rows]

    def delete_upload(self, upload_id):
        with self.db.write() as conn:
            conn.execute("DELETE FROM uploads WHERE upload_id = ? AND status != 'attached'", (upload_id,))

    def purge_expired(self, now):
        """The embedded backend's TTL (functions/platform/housekeeping.py): expired replay records, rate-limit
        windows and staff sessions. Only this adapter has it; DynamoDB expires them by itself."""
        with self.db.write() as conn:
            return {
                table: conn.execute(f"DELETE FROM {table} WHERE expires_at <= ?", (now,)).rowcount  # noqa: S608
                for table in ("idempotency", "rate_limits", "sessions")
            }

    def close(self):
        self.db.close()
