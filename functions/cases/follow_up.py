"""Use cases of following a grievance: see where it is, answer staff (with documents), withdraw.

Every request proves itself with the tracking code (checked against its hash only). Wrong codes are
limited in the store, fairly to people who share an address (a consulate's Wi-Fi, a carrier's
NAT): per person and file (client and reference), per file from anywhere, and per client with a
higher ceiling, so one person's typos never lock anyone else out of their own file. Answers and
withdrawals carry an Idempotency-Key, so one sent twice (a retry, the outbox) counts once.
"""

import dataclasses
import datetime as dt

from marshmallow import ValidationError

from schemas.follow_up import ReplySchema, WithdrawSchema
from schemas.identifiers import format_reference, is_valid_reference, normalise_code
from schemas.track import TrackRequestSchema
from schemas.vocabulary import FINAL_STATUSES

from ..platform import rate_limit
from ..platform.config import Config
from ..storage.port import AttachmentUnavailableError, IdempotencyKeyTakenError, StorageError
from ..storage.records import IdempotencyRecord, is_anonymised, iso, utc_now
from .deadlines import due_at, is_overdue, next_step
from .domain_errors import (
    IdempotencyConflictError,
    InvalidInputError,
    NotFoundError,
    RateLimitedError,
    StateConflictError,
    UnavailableError,
    flatten_validation,
)
from .filing import body_hash, new_event, parse_idempotency_key, status_counters
from .forwarding import administration_clock
from .tracking_codes import key_hash, tracking_code_matches

PUBLIC_BODY = ("template", "card", "fields")  # what of an event's body a complainant may read (and its text)
ATTEMPTS = 4  # a staff change racing a reply: read again and retry


def _load(schema, raw):
    try:
        return schema.load(raw)
    except ValidationError as error:
        raise InvalidInputError(flatten_validation(error.messages)) from None


class FollowUpService:
    def __init__(self, store, secret: bytes, config: Config, attachments=None, clock=utc_now):
        self.store, self.secret, self.config = store, secret, config
        self.attachments, self.clock = attachments, clock
        window = config.int("SAWT_TRACK_WINDOW_SECONDS")
        self.limits = (
            rate_limit.Limit("track-person", config.int("SAWT_TRACK_FAILURES"), window),
            rate_limit.Limit("track-file", config.int("SAWT_TRACK_FAILURES_PER_REFERENCE"), window),
            rate_limit.Limit("track-client", config.int("SAWT_TRACK_FAILURES_PER_CLIENT"), window),
        )

    def _grievance(self, reference: str, code: str, client: str):
        """The grievance if the code is right; an unknown reference and a wrong code look alike.

        The try is counted before the code is checked (a burst cannot outrun the count) and given
        back when the code was right: only failures stay counted. A file's own window being full
        (others guessing at it from many addresses) never refuses its owner: the code is still
        checked, and only a wrong one is answered 429."""
        reference = normalise_code(reference)
        if not is_valid_reference(reference):
            # A mistyped or misheard symbol, caught by the check character before any look-up (no
            # try counted: it tells nothing); said as such, and answered as a file that is not there.
            raise NotFoundError("invalid_reference", "reference")
        now = int(self.clock().timestamp())
        person, file, anyone = self.limits
        tries = rate_limit.take(self.store, self.secret, now, (person, (client, reference)), (anyone, (client,)))
        file_full = None
        try:
            file_try = rate_limit.take(self.store, self.secret, now, (file, (reference,)))
        except RateLimitedError as refused:
            file_try, file_full = rate_limit.Tries(self.store, []), refused
        except StorageError:
            tries.give_back()
            raise
        try:
            grievance = self.store.get_grievance(reference)
        except StorageError:
            tries.give_back()  # the store failed, not the person
            file_try.give_back()
            raise
        try:
            grievance = self._with_code(grievance, code)
        except StorageError:
            tries.give_back()
            file_try.give_back()
            raise
        if grievance is None:
            if file_full is not None:
                raise file_full
            raise NotFoundError()
        tries.give_back()
        file_try.give_back()
        return grievance

    def _with_code(self, grievance, code: str):
        """The grievance if the code opens it: its code, or a reissued one not used yet, which
        becomes its code now — and from then on the old one is refused (docs/architecture.md#a-lost-code)."""
        if grievance is None:
            return None
        if tracking_code_matches(code, grievance.tracking_hash):
            return grievance
        pending = grievance.pending_tracking_hash
        if not pending or not tracking_code_matches(code, pending):
            return None
        if not self.store.promote_pending_code(grievance.reference, pending):
            # Two first uses at once: the other one promoted it. Whatever the file holds now decides.
            grievance = self.store.get_grievance(grievance.reference)
            return grievance if grievance and tracking_code_matches(code, grievance.tracking_hash) else None
        return dataclasses.replace(
            grievance, tracking_hash=pending, pending_tracking_hash=None, pending_code_sealed=None
        )

    # -- seeing where it is ---------------------------------------------------------------------

    def view(self, raw, client: str) -> dict:
        try:
            request = _load(TrackRequestSchema(), raw)
            grievance = self._grievance(request["reference"], request["tracking_code"], client)
            events = self.store.list_events(grievance.reference)
            forwardings = self.store.list_forwardings(grievance.reference)
        except StorageError:
            raise UnavailableError() from None
        return self.describe(grievance, events, forwardings)

    def describe(self, grievance, events, forwardings=()) -> dict:
        step = next_step(grievance.status)
        orientation = next((e.body.get("card") for e in reversed(events) if e.kind == "orientation"), None)
        return {
            "ok": True,
            "reference": format_reference(grievance.reference),
            "status": grievance.status,
            "type": grievance.type,
            "category": grievance.category,
            "created_at": grievance.created_at,
            "updated_at": grievance.updated_at,
            "next_step": {
                "step": step,
                "due_at": grievance.due_at,
                "overdue": is_overdue(grievance.due_at, self.clock()),
            }
            if step and grievance.due_at
            else None,
            "orientation": orientation if grievance.status == "oriented" else None,
            "can_reply": grievance.status == "information_requested",
            "can_withdraw": grievance.status not in FINAL_STATUSES,
            "timeline": [
                {
                    "at": e.at,
                    "kind": e.kind,
                    "status": e.status,
                    "by": "you" if e.actor == "complainant" else "staff",
                    "documents": len(e.body.get("attachments") or []),
                    **{key: e.body.get(key) for key in PUBLIC_BODY},
                    "message": e.body.get("text") or None,
                    # The language staff wrote their words in: the page names it when it is not its own.
                    "language": e.body.get("language") if e.body.get("text") else None,
                }
                for e in events
                if e.public
            ],
            # The clock of each administration the file went to: when, by when, and when it
            # answered. What it answered reaches the complainant only through staff's own message.
            "administrations": [administration_clock(f, self.clock()) for f in forwardings],
        }

    # -- answering and withdrawing --------------------------------------------------------------

    def _act(self, reference, raw, key, client, schema, decide):
        key = parse_idempotency_key(key)
        digest = body_hash(raw) if isinstance(raw, dict) else None
        try:
            existing = self.store.get_idempotency(key_hash(self.secret, key), legacy_key=key)
            if existing:
                return self._replay(existing, digest)
            data = _load(schema, raw)
            for _ in range(ATTEMPTS):
                grievance = self._grievance(reference, data["tracking_code"], client)
                if is_anonymised(grievance):  # erased on request: it takes no new words or documents
                    raise StateConflictError("already_closed")
                status, event, changes, uploads = decide(grievance, data)
                now = self.clock()
                record = IdempotencyRecord(key_hash(self.secret, key), digest, grievance.reference, iso(now),
                                           self._expiry(now))  # fmt: skip
                counters = status_counters(grievance, status)
                try:
                    done = self.store.record_change(
                        grievance.reference, grievance.status, event, changes, counters, record, uploads
                    )
                except IdempotencyKeyTakenError:
                    return self._replay(self.store.get_idempotency(record.key_hash), digest)
                except AttachmentUnavailableError:
                    raise InvalidInputError([("attachments", "unknown_attachment")]) from None
                if done:  # (no email: the complainant did this themselves)
                    return {"ok": True, "reference": format_reference(grievance.reference), "status": status}
            raise UnavailableError()
        except StorageError:
            raise UnavailableError() from None

    def _replay(self, record, digest):
        if record.body_hash != digest:
            raise IdempotencyConflictError()
        grievance = self.store.get_grievance(record.reference)
        return {"ok": True, "reference": format_reference(record.reference), "status": grievance.status}

    def _expiry(self, now: dt.datetime) -> int:
        return int(now.timestamp()) + self.config.int("SAWT_IDEMPOTENCY_DAYS") * 86400

    def reply(self, reference: str, raw, key: str, client: str) -> dict:
        def decide(grievance, data):
            if grievance.status != "information_requested":
                raise StateConflictError("not_awaiting_reply")
            uploads = tuple(data.get("attachments") or ())
            found = self.attachments.attachable(list(uploads), key) if uploads and self.attachments else []
            if data["text_recorded"] and not any(upload.kind == "voice" for upload in found):
                raise InvalidInputError([("text", "answer_recording_missing")])
            for upload in found:
                self.attachments.files.mark_attached(upload)
            now = self.clock()
            stamp = iso(now)
            event = new_event(
                grievance.reference, now, "reply", "complainant", status="under_review",
                body={"text": data.get("text") or "", "attachments": list(uploads)},
            )  # fmt: skip
            changes = {"status": "under_review", "updated_at": stamp, "replied_at": stamp,
                       "due_at": due_at("under_review", grievance.created_at, stamp, self.config)}  # fmt: skip
            return "under_review", event, changes, uploads

        key = parse_idempotency_key(key)
        return self._act(reference, raw, key, client, ReplySchema(), decide)

    def withdraw(self, reference: str, raw, key: str, client: str) -> dict:
        def decide(grievance, data):
            if grievance.status in FINAL_STATUSES:
                raise StateConflictError("already_closed")
            now = self.clock()
            event = new_event(
                grievance.reference, now, "withdrawal", "complainant", status="withdrawn",
                body={"text": data.get("reason") or ""},
            )  # fmt: skip
            return "withdrawn", event, {"status": "withdrawn", "updated_at": iso(now), "due_at": None}, ()

        return self._act(reference, raw, key, client, WithdrawSchema(), decide)
