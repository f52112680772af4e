"""Staff accounts, their sessions and the audit log, on the embedded backend."""

import dataclasses
import json
import sqlite3

from .port import StaffExistsError
from .records import AuditEntry, Staff, StaffSession

_STAFF_BOOLEANS = ("totp_enabled", "active", "password_must_change")


def _staff(row) -> Staff:
    values = dict(row)
    for name in _STAFF_BOOLEANS:
        values[name] = bool(values[name])
    return Staff(**values)


def _columns(record) -> dict:
    return {k: int(v) if isinstance(v, bool) else v for k, v in dataclasses.asdict(record).items()}


def insert_notification(conn: sqlite3.Connection, notification_id, reference, created_at, now) -> None:
    conn.execute(
        "INSERT INTO notifications (notification_id, reference, created_at, status, attempts, next_try) "
        "VALUES (?, ?, ?, 'pending', 0, ?)",
        (notification_id, reference, created_at, now),
    )


def insert_audit(conn: sqlite3.Connection, entry: AuditEntry) -> None:
    conn.execute(
        "INSERT INTO audit (audit_id, at, staff_id, action, target, address, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (entry.audit_id, entry.at, entry.staff_id, entry.action, entry.target, entry.address,
         json.dumps(entry.detail, ensure_ascii=False)),
    )  # fmt: skip


class SqliteAdmin:
    def enqueue_notification(self, notification_id, reference, created_at, now):
        with self.db.write() as conn:
            insert_notification(conn, notification_id, reference, created_at, now)

    def claim_notifications(self, now, lease, limit):
        with self.db.write() as conn:
            rows = conn.execute(
                "SELECT notification_id, reference, attempts FROM notifications "
                "WHERE status = 'pending' AND next_try <= ? ORDER BY next_try LIMIT ?",
                (now, limit),
            ).fetchall()
            for row in rows:
                conn.execute("UPDATE notifications SET next_try = ? WHERE notification_id = ?", (now + lease, row[0]))
        return [(row[0], row[1], row[2]) for row in rows]

    def finish_notification(self, notification_id, status, attempts, next_try):
        with self.db.write() as conn:
            conn.execute(
                "UPDATE notifications SET status = ?, attempts = ?, next_try = ? WHERE notification_id = ?",
                (status, attempts, next_try, notification_id),
            )

    def notifications_of(self, reference):
        rows = self.db.connection().execute(
            "SELECT notification_id, created_at, status, next_try FROM notifications WHERE reference = ? "
            "ORDER BY created_at",
            (reference,),
        )
        return [(row[0], row[1], row[2], row[3]) for row in rows]

    def count_notifications(self, status):
        query = "SELECT count(*) FROM notifications WHERE status = ?"
        return self.db.connection().execute(query, (status,)).fetchone()[0]

    def create_staff(self, staff):
        values = _columns(staff)
        try:
            with self.db.write() as conn:
                conn.execute(
                    f"INSERT INTO staff ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",  # noqa: S608
                    tuple(values.values()),
                )
        except sqlite3.IntegrityError:
            raise StaffExistsError(staff.staff_id) from None

    def get_staff(self, staff_id):
        row = self.db.connection().execute("SELECT * FROM staff WHERE staff_id = ?", (staff_id,)).fetchone()
        return _staff(row) if row else None

    def list_staff(self):
        return [_staff(row) for row in self.db.connection().execute("SELECT * FROM staff ORDER BY staff_id")]

    def update_staff(self, staff_id, **changes):
        allowed = set(Staff.__dataclass_fields__) - {"staff_id", "created_at"}
        if not set(changes) <= allowed:
            raise ValueError(f"cannot change {set(changes) - allowed}")
        assignments = ", ".join(f"{column} = ?" for column in changes)
        with self.db.write() as conn:
            conn.execute(
                f"UPDATE staff SET {assignments} WHERE staff_id = ?",  # noqa: S608 - columns checked above
                (*(int(v) if isinstance(v, bool) else v for v in changes.values()), staff_id),
            )

    def claim_totp_step(self, staff_id, step):
        with self.db.write() as conn:
            done = conn.execute(
                "UPDATE staff SET totp_last_step = ? WHERE staff_id = ? AND totp_last_step < ?", (step, staff_id, step)
            )
            return done.rowcount == 1

    def enable_totp(self, staff_id, secret, step):
        with self.db.write() as conn:
            done = conn.execute(
                "UPDATE staff SET totp_secret = ?, totp_enabled = 1, totp_last_step = ? "
                "WHERE staff_id = ? AND totp_enabled = 0",
                (secret, step, staff_id),
            )
            return done.rowcount == 1

    def has_staff(self):
        return self.db.connection().execute("SELECT 1 FROM staff LIMIT 1").fetchone() is not None

    def create_session(self, session):
        values = _columns(session)
        with self.db.write() as conn:
            conn.execute(
                f"INSERT INTO sessions ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",  # noqa: S608
                tuple(values.values()),
            )

    def get_session(self, session_hash):
        row = self.db.connection().execute("SELECT * FROM sessions WHERE session_hash = ?", (session_hash,)).fetchone()
        return StaffSession(**dict(row)) if row else None

    def update_session(self, session_hash, **changes):
        allowed = {"stage", "last_seen", "expires_at", "csrf_token", "totp_secret"}
        if not set(changes) <= allowed:
            raise ValueError(f"cannot change {set(changes) - allowed}")
        assignments = ", ".join(f"{column} = ?" for column in changes)
        with self.db.write() as conn:
            conn.execute(
                f"UPDATE sessions SET {assignments} WHERE session_hash = ?",  # noqa: S608
                (*changes.values(), session_hash),
            )

    def delete_session(self, session_hash):
        with self.db.write() as conn:
            conn.execute("DELETE FROM sessions WHERE session_hash = ?", (session_hash,))

    def end_sessions_of(self, staff_id):
        with self.db.write() as conn:
            return conn.execute("DELETE FROM sessions WHERE staff_id = ?", (staff_id,)).rowcount

    def append_audit(self, entry):
        with self.db.write() as conn:
            insert_audit(conn, entry)

    def list_audit(self, staff_id, action, target, before, limit):
        where, params = [], []
        for column, value in (("staff_id", staff_id), ("action", action), ("target", target)):
            if value:
                where.append(f"{column} = ?")
                params.append(value)
        if before:
            where.append("audit_id < ?")
            params.append(before)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        sql = "SELECT * FROM audit" + clause + " ORDER BY audit_id DESC LIMIT ?"  # noqa: S608 - fixed columns
        rows = self.db.connection().execute(sql, (*params, limit))
        return [AuditEntry(**{**dict(row), "detail": json.loads(row["detail"])}) for row in rows]
