"""The inbox on DynamoDB: a Query on one of three indexes, the other filters as a filter expression,
paginated by DynamoDB's own last-evaluated key. Never a Scan."""

import base64
import json

from pynamodb.exceptions import PynamoDBException

from schemas.vocabulary import FINAL_STATUSES

from .port import InvalidCursorError, StorageError

PAGE_READ = 200  # items read per request while filling a page


def _encode(key: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(key, sort_keys=True).encode()).decode().rstrip("=")


def _decode(text: str, names: set[str]) -> dict:
    """DynamoDB's last-evaluated key for this index, as _encode wrote it, or InvalidCursorError."""
    try:
        key = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (ValueError, TypeError, RecursionError):
        raise InvalidCursorError() from None
    if not isinstance(key, dict) or set(key) != names:
        raise InvalidCursorError()
    if not all(isinstance(v, dict) and list(v) == ["S"] and isinstance(v["S"], str) for v in key.values()):
        raise InvalidCursorError()
    return key


class DynamoInbox:
    def list_grievances(self, query):
        model = self.models.Grievance
        if query.delegation:
            index, hash_name, hash_value, rest = model.by_delegation, "delegation", query.delegation, ("status",)
        elif query.status:
            index, hash_name, hash_value, rest = model.by_status, "status", query.status, ()
        else:
            index, hash_name, hash_value, rest = model.by_created, "inbox", "all", ("status",)
        start = _decode(query.cursor, {"reference", hash_name, "created_at"}) if query.cursor else None
        if start and start[hash_name]["S"] != hash_value:
            raise InvalidCursorError()  # a cursor of another delegation's (or status's) pages
        range_condition = None
        if query.created_from and query.created_to:
            range_condition = model.created_at.between(query.created_from, query.created_to)
        elif query.created_from:
            range_condition = model.created_at >= query.created_from
        elif query.created_to:
            range_condition = model.created_at <= query.created_to
        condition = None
        for name in (*rest, "type", "category", "region", "country", "partner", "assigned_to"):
            value = getattr(query, name)
            if value:
                term = getattr(model, name) == value
                condition = term if condition is None else condition & term
        if query.unassigned:
            term = model.assigned_to.does_not_exist()
            condition = term if condition is None else condition & term
        if query.overdue_at:
            term = (model.due_at < query.overdue_at) & ~model.status.is_in(*sorted(FINAL_STATUSES))
            condition = term if condition is None else condition & term
        try:
            results = index.query(
                hash_value,
                range_key_condition=range_condition,
                filter_condition=condition,
                scan_index_forward=not query.newest_first,
                limit=query.limit,
                page_size=PAGE_READ,
                last_evaluated_key=start,
            )
            page = [self._grievance_record(item) for item in results]
        except PynamoDBException as error:
            if start and getattr(error, "cause_response_code", None) == "ValidationException":
                raise InvalidCursorError() from None  # e.g. a cursor outside the dates now asked for
            raise StorageError("inbox query failed") from error
        last = results.last_evaluated_key
        return page, (_encode(last) if last and len(page) == query.limit else None)
