"""One inbox row as a case officer reads it: the reference with its dashes, who the file is for,
what it is about, how old it is, the next deadline, the documents, and whether the complainant
answered since staff last opened the file."""

import dataclasses

from schemas.identifiers import format_reference
from schemas.vocabulary import FINAL_STATUSES

from ..cases.deadlines import is_overdue
from ..storage.records import parse_iso


@dataclasses.dataclass(frozen=True)
class InboxRow:
    grievance: object
    reference: str  # as citizens see it: K7M-QX4-RTW
    name: str
    age_days: int
    due: str
    overdue: bool
    documents: int
    new_reply: bool
    mine: bool


def complainant_name(grievance) -> str:
    """The organisation for a legal person; else the person (for a group: its representative
    contact, the first name given)."""
    payload = grievance.payload
    if grievance.filer_kind == "legal_person" and (payload.get("organisation") or {}).get("name"):
        return payload["organisation"]["name"]
    person = payload.get("complainant") or {}
    return f"{person.get('given_name', '')} {person.get('family_name', '')}".strip()


def inbox_row(grievance, now, staff_id: str) -> InboxRow:
    open_ = grievance.status not in FINAL_STATUSES
    replied, opened = grievance.replied_at, grievance.opened_at
    return InboxRow(
        grievance=grievance,
        reference=format_reference(grievance.reference),
        name=complainant_name(grievance),
        age_days=max(0, (now - parse_iso(grievance.created_at)).days),
        due=(grievance.due_at or "")[:10] if open_ else "",
        overdue=open_ and is_overdue(grievance.due_at, now),
        documents=len(grievance.payload.get("attachments") or []),
        new_reply=bool(replied and (not opened or replied > opened)),
        mine=grievance.assigned_to == staff_id,
    )
