"""The inbox on the embedded backend: indexed SQL, keyset pagination (no OFFSET: page 2,000 costs
what page 1 costs)."""

import base64
import json

from schemas.vocabulary import FINAL_STATUSES

from .port import InvalidCursorError
from .sqlite_rows import GRIEVANCE_COLUMNS, grievance_from_row

FILTERS = ("delegation", "status", "type", "category", "region", "country", "partner", "assigned_to")


def encode_cursor(values) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def decode_cursor(text: str) -> list[str]:
    """[created_at, reference] of the last row shown, or InvalidCursorError."""
    try:
        values = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (ValueError, TypeError, RecursionError):
        raise InvalidCursorError() from None
    if not (isinstance(values, list) and len(values) == 2 and all(isinstance(v, str) for v in values)):
        raise InvalidCursorError()
    return values


class SqliteInbox:
    def list_grievances(self, query):
        where, params = [], []
        for name in FILTERS:
            value = getattr(query, name)
            if value:
                where.append(f"{name} = ?")
                params.append(value)
        if query.unassigned:
            where.append("assigned_to IS NULL")
        if query.overdue_at:
            where.append(f"due_at < ? AND status NOT IN ({', '.join('?' * len(FINAL_STATUSES))})")
            params += [query.overdue_at, *sorted(FINAL_STATUSES)]
        if query.created_from:
            where.append("created_at >= ?")
            params.append(query.created_from)
        if query.created_to:
            where.append("created_at <= ?")
            params.append(query.created_to)
        after = decode_cursor(query.cursor) if query.cursor else None
        if after:
            where.append(f"(created_at, reference) {'<' if query.newest_first else '>'} (?, ?)")
            params += after
        order = "DESC" if query.newest_first else "ASC"
        sql = (
            f"SELECT {GRIEVANCE_COLUMNS} FROM grievances"  # noqa: S608 - fixed columns, filters bound
            + (f" WHERE {' AND '.join(where)}" if where else "")
            + f" ORDER BY created_at {order}, reference {order} LIMIT ?"
        )
        rows = self.db.connection().execute(sql, (*params, query.limit + 1)).fetchall()
        page = [grievance_from_row(row) for row in rows[: query.limit]]
        cursor = encode_cursor([page[-1].created_at, page[-1].reference]) if len(rows) > query.limit else None
        return page, cursor
