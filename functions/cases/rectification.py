"""The right of rectification (law 09-08): staff correct the complainant's details on a justified
request. A correction is validated by the filing's own rules (schemas/grievance.py ContactSchema):
what the form would refuse is refused here, with the same translated errors, and nothing changes.

One conditional write (the store's `correct_payload`) changes the form, adds a public timeline
entry naming the corrected fields (never their values: the complainant's track page says "your
details were corrected") and moves the search tokens, so a search finds the new value, not the old.
"""

from marshmallow import ValidationError

from schemas.grievance import CORRECTABLE_CONTACT_FIELDS as CORRECTABLE
from schemas.grievance import ContactSchema

from ..storage.records import utc_now
from . import notifications
from .domain_errors import InvalidInputError, flatten_validation
from .filing import new_event
from .retention import is_anonymised
from .search_tokens import filing_tokens
from .subject_rights import check_reason

ATTEMPTS = 3


class NothingChangedError(Exception):
    """Every field holds what it held: no correction, no entry."""


class CorrectionConflictError(Exception):
    """The file changed while the correction was made (another correction, an erasure)."""


def proposed_contact(contact: dict, values: dict) -> tuple[dict, tuple[str, ...]]:
    """The contact with the new values (an empty one removes the field), validated as at filing,
    and the fields that changed. InvalidInputError with the form's own error codes otherwise."""
    proposed = dict(contact)
    for field in CORRECTABLE:
        if field in values:
            value = (values[field] or "").strip()
            if value:
                proposed[field] = value
            else:
                proposed.pop(field, None)
    try:
        loaded = ContactSchema().load(proposed)
    except ValidationError as error:
        raise InvalidInputError(flatten_validation({"complainant": error.messages})) from None
    corrected = dict(contact)
    for field in CORRECTABLE:
        if loaded.get(field) in (None, ""):
            corrected.pop(field, None)
        else:
            corrected[field] = loaded[field]
    changed = tuple(f for f in CORRECTABLE if corrected.get(f) != contact.get(f))
    return corrected, changed


def correct(store, secret: bytes, grievance, staff_id: str, values: dict, reason: str, clock=utc_now):
    """Apply a correction; returns the fields changed (what the audit entry records)."""
    errors = []
    try:
        reason = check_reason(reason)
    except InvalidInputError as error:
        errors += error.pairs
    for _attempt in range(ATTEMPTS):
        if grievance is None or is_anonymised(grievance):
            raise CorrectionConflictError()
        contact = grievance.payload.get("complainant") or {}
        try:
            corrected, changed = proposed_contact(contact, values)
        except InvalidInputError as error:
            raise InvalidInputError(errors + error.pairs) from None
        if errors:
            raise InvalidInputError(errors)
        if not changed:
            raise NothingChangedError()
        payload = {**grievance.payload, "complainant": corrected}
        old, new = filing_tokens(secret, grievance.payload), filing_tokens(secret, payload)
        event = new_event(
            grievance.reference, clock(), "correction", staff_id, body={"fields": list(changed), "reason": reason}
        )
        removed = tuple(t for t in old if t not in new)
        added = tuple(t for t in new if t not in old)
        if store.correct_payload(grievance.reference, grievance.payload, payload, event, removed, added):
            if grievance.email_updates:
                notifications.queue(store, grievance.reference, clock)
            return changed
        # Changed meanwhile: the same correction, read against the file as it is now.
        grievance = store.get_grievance(grievance.reference)
    raise CorrectionConflictError()
