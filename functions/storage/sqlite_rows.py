"""How grievance and event rows of the embedded backend map to records (shared by the store and the inbox)."""

import json
import sqlite3

from .records import Event, Grievance

GRIEVANCE_COLUMNS = (
    "reference, created_at, updated_at, status, type, filer_kind, category, region, delegation, "
    "country, partner, language, email_updates, tracking_hash, payload, due_at, first_answer_at, "
    "assigned_to, replied_at, opened_at, pending_tracking_hash, pending_code_sealed"
)


def grievance_from_row(row: sqlite3.Row) -> Grievance:
    values = dict(row)
    values["email_updates"] = bool(values["email_updates"])
    values["payload"] = json.loads(values["payload"])
    return Grievance(**values)


def event_from_row(row: sqlite3.Row) -> Event:
    values = dict(row)
    values["body"] = json.loads(values["body"])
    values["public"] = bool(values["public"])
    return Event(**values)
