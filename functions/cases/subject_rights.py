"""The rights of the person (law 09-08), carried out by staff: access (everything held about a
complainant, as one archive) and erasure of a file before its time on a justified request — asked
by one admin with a reason, confirmed by a different admin, irreversible, counters kept.

The pending request lives in the audit log itself (`erasure_requested`, append-only, read by the
file as target): no new table, and nobody can make a request vanish.
"""

import datetime as dt
import io
import json
import zipfile

from marshmallow import ValidationError

from schemas.fields import staff_text

from ..storage.records import iso, parse_iso, utc_now
from . import correspondent_mail, notifications
from .domain_errors import InvalidInputError
from .retention import Retention, document_ids, is_anonymised
from .search_tokens import token

REQUEST_VALID = dt.timedelta(days=30)  # an old request is not confirmed by surprise years later
MAX_REASON = 1000
SECRET_FIELDS = ("tracking_hash", "pending_tracking_hash", "pending_code_sealed")  # codes, not the person's data
ARCHIVE_DOCUMENT_BYTES = 20 * 1024 * 1024


def files_of_the_person(store, secret: bytes, grievance, limit: int = 50) -> list[str]:
    """This file and every other one filed with the same e-mail or phone (by the search tokens:
    keyed hashes, one Query each, never a scan)."""
    contact = grievance.payload.get("complainant") or {}
    tokens = tuple(token(secret, kind, contact[kind]) for kind in ("email", "phone") if contact.get(kind))
    found = [grievance.reference]
    for reference in store.find_by_tokens(tokens, limit) if tokens else []:
        if reference not in found:
            found.append(reference)
    return found


def emails_about(store, grievance) -> list[dict]:
    """The e-mails to the person about a file (not those to an administration's correspondents):
    when each was queued and sent, its kind, its language and its address. The queue keeps no copy
    of the address: it is the one the file holds (one corrected since shows in the timeline)."""
    address = (grievance.payload.get("complainant") or {}).get("email")
    out = []
    for notification_id, created_at, status, next_try in store.notifications_of(grievance.reference):
        if correspondent_mail.parse(notification_id) is not None:
            continue
        sent = status == "sent"
        out.append({
            "kind": notifications.kind_of(notification_id), "status": status, "queued_at": created_at,
            "sent_at": iso(dt.datetime.fromtimestamp(next_try, dt.UTC)) if sent else None,
            "language": grievance.language, "recipient": address if status != "skipped" else None,
        })  # fmt: skip
    return out


def export_archive(store, files, references: list[str]) -> bytes:
    """One zip: per file, its record and form (`file.json`), its timeline with internal notes
    (`timeline.json`), its documents' records and bytes (`documents/`), the e-mails about it
    (`emails.json`)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for reference in references:
            grievance = store.get_grievance(reference)
            if grievance is None:
                continue
            events = store.list_events(reference)
            record = {k: v for k, v in vars(grievance).items() if k not in SECRET_FIELDS}
            archive.writestr(f"{reference}/file.json", json.dumps(record, ensure_ascii=False, indent=1))
            timeline = [vars(e) for e in events]
            archive.writestr(f"{reference}/timeline.json", json.dumps(timeline, ensure_ascii=False, indent=1))
            emails = emails_about(store, grievance)
            archive.writestr(f"{reference}/emails.json", json.dumps(emails, ensure_ascii=False, indent=1))
            for upload_id in document_ids(grievance, events):
                upload = store.get_upload(upload_id)
                if upload is None or upload.reference != reference:
                    continue
                archive.writestr(
                    f"{reference}/documents/{upload_id}.json", json.dumps(vars(upload), ensure_ascii=False)
                )
                data = files.read_attached(upload, ARCHIVE_DOCUMENT_BYTES)
                if data is not None:
                    archive.writestr(f"{reference}/documents/{upload_id}", data)
    return buffer.getvalue()


def _latest(store, action: str, target: str):
    found = store.list_audit(None, action, target, None, 1)
    return found[0] if found else None


def pending_requests(store, reference: str, now: dt.datetime) -> list:
    """The erasure requests on this file since it was last confirmed or cancelled, newest first,
    if the newest is recent; [] when none waits. Read by action, so a busy file's hundreds of
    page views never hide them."""
    ended = [e for e in (_latest(store, a, reference) for a in ("erasure_confirmed", "erasure_cancelled")) if e]
    since = max((e.audit_id for e in ended), default="")
    asked = [e for e in store.list_audit(None, "erasure_requested", reference, None, 50) if e.audit_id > since]
    if not asked or now - parse_iso(asked[0].at) > REQUEST_VALID:
        return []
    return asked


def pending_request(store, reference: str, now: dt.datetime):
    """The latest erasure request on this file still waiting for its confirmation, or None."""
    asked = pending_requests(store, reference, now)
    return asked[0] if asked else None


def check_reason(reason: str | None) -> str:
    try:
        return staff_text(reason, MAX_REASON, required=True)
    except ValidationError as error:
        raise InvalidInputError([("reason", error.messages[0])]) from None


# Changes to an account after which the one who made them may hold it (its one-time password,
# or a second factor still to enrol).
HANDED_OVER = ("reset_password", "reset_totp", "activate")
# How far back one admin's making or resetting another's account keeps them from being the two.
RELATED_WITHIN = dt.timedelta(days=90)


def handovers(store, staff_id: str) -> list:
    """Audit entries by which someone made, reset or reactivated this account, newest first."""
    made = store.list_audit(None, "staff_create", staff_id, None, 5)
    changed = [
        e for e in store.list_audit(None, "staff_update", staff_id, None, 100) if e.detail.get("change") in HANDED_OVER
    ]
    return sorted(made + changed, key=lambda e: e.audit_id, reverse=True)


def in_new_hands(store, staff_id: str, since: str) -> bool:
    """The account was made, reset, reactivated or had its second factor enrolled after `since`
    (a request): whoever asked may have made it, or hold its one-time password."""
    person = store.get_staff(staff_id)
    if person is None or person.created_at >= since:
        return True
    enrolled = store.list_audit(staff_id, "totp_enrolled", None, None, 1)
    return any(e.at >= since for e in handovers(store, staff_id) + enrolled)


def handed_over_between(store, one: str, other: str, since: str) -> bool:
    """One of the two made, reset or reactivated the other's account since `since`."""
    return any(
        e.staff_id == giver and e.at >= since
        for giver, account in ((one, other), (other, one))
        for e in handovers(store, account)
    )


def two_people(store, requests: list, confirmer: str) -> str | None:
    """Why the confirming admin and those who asked might be one person, or None. Each request
    since the last confirmation or cancellation counts: asking again from a second account
    does not make a second person."""
    requesters = {e.staff_id for e in requests}
    if confirmer in requesters:
        return "same_person"
    earliest = min(e.at for e in requests)
    if any(in_new_hands(store, person, earliest) for person in requesters | {confirmer}):
        return "new_account"
    window = iso(parse_iso(earliest) - RELATED_WITHIN)
    if any(handed_over_between(store, confirmer, person, window) for person in requesters):
        return "new_account"
    return None


class ErasureRefusedError(Exception):
    """`code`: no_request (nothing to confirm), same_person (the requester cannot confirm), done
    (anonymised already)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def confirm_erasure(store, files, secret, config, grievance, staff_id: str, clock=utc_now) -> str:
    """Erase the file now (the retention step, whatever its status or age); returns the
    requester's id. Refused unless a different admin asked for it, recently."""
    if is_anonymised(grievance):
        raise ErasureRefusedError("done")
    requests = pending_requests(store, grievance.reference, clock())
    if not requests:
        raise ErasureRefusedError("no_request")
    refused = two_people(store, requests, staff_id)
    if refused:
        raise ErasureRefusedError(refused)
    request = requests[0]
    if not Retention(store, files, secret, config, clock).anonymise(grievance.reference, None):
        raise ErasureRefusedError("done")
    return request.staff_id
