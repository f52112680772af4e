"""The storage port: what the functions need from a backend, and the errors it speaks.

Two adapters implement it: `SqliteStore` (the embedded default) and `DynamoStore` (AWS). One
contract test suite runs against both, so the functions never know which one they hold.
"""

import abc

from schemas.vocabulary import FINAL_STATUSES

from .records import (
    AuditEntry,
    CounterChange,
    Event,
    Forwarding,
    Grievance,
    IdempotencyRecord,
    InboxQuery,
    PendingCode,
    Staff,
    StaffSession,
    Upload,
)


class StorageError(RuntimeError):
    """The backend failed; the request is answered 503 and nothing was acknowledged."""


class IdempotencyKeyTakenError(StorageError):
    """Another request created a grievance with this key first."""


class ReferenceTakenError(StorageError):
    """The random reference already exists; draw another one."""


class StaffExistsError(StorageError):
    """A staff account with this email exists already."""


class InvalidCursorError(ValueError):
    """The inbox cursor is not one this backend made (edited, truncated, or from other filters):
    the caller's bad input, answered 400, not a failure of the store."""


class AttachmentUnavailableError(StorageError):
    """An upload named by a filing is not verified, not this filing's, or already attached."""


def closing_change(changes: dict) -> dict:
    """`closed_at` follows the status, in the same write: set when a file reaches a final status,
    cleared when it is reopened. The retention period counts from it."""
    if "status" not in changes:
        return {}
    return {"closed_at": changes.get("updated_at") if changes["status"] in FINAL_STATUSES else None}


def closes_or_reopens(expected_status: str, changes: dict) -> bool:
    """The change moves the file into a final status or out of one: its unanswered forwardings
    pause or resume in the same write (functions/cases/forwarding.py)."""
    if "status" not in changes:
        return False
    return (changes["status"] in FINAL_STATUSES) != (expected_status in FINAL_STATUSES)


class GrievanceStore(abc.ABC):
    @abc.abstractmethod
    def create_grievance(
        self,
        grievance: Grievance,
        first_event: Event,
        idempotency: IdempotencyRecord,
        counters: list[CounterChange],
        attachments: tuple[str, ...] = (),
        search_tokens: tuple[str, ...] = (),
    ) -> None:
        """All or nothing: the grievance, its first event, the key record, the counters, its
        verified uploads (of this filing) marked attached to it, and its search tokens."""

    @abc.abstractmethod
    def find_by_tokens(self, tokens: tuple[str, ...], limit: int) -> list[str]:
        """References of grievances holding any of these search tokens (keyed hashes), by key or
        index: never a scan."""

    @abc.abstractmethod
    def mark_opened(self, reference: str, at: str) -> None:
        """Staff opened the file now (a reply newer than this is "new")."""

    @abc.abstractmethod
    def get_idempotency(self, key_hash: str, legacy_key: str | None = None) -> IdempotencyRecord | None:
        """The record of a key, by its keyed hash. `legacy_key` (the key itself) also finds a record
        written before keys were stored hashed, where the store may still hold some (DynamoDB until
        they expire; the SQLite migration rewrote them)."""

    @abc.abstractmethod
    def get_grievance(self, reference: str) -> Grievance | None: ...

    @abc.abstractmethod
    def ping(self) -> None:
        """One tiny read with a short timeout, for `GET /api/health`: returns when the store
        answers, raises StorageError when it does not. Reads nothing anyone filed."""

    @abc.abstractmethod
    def list_events(self, reference: str) -> list[Event]: ...

    @abc.abstractmethod
    def increment_counter(self, bucket: str, ceiling: int | None, expires_at: int) -> int | None:
        """One atomic step: add one to a limit's counter unless it already holds `ceiling`, and
        return the new count; None (and nothing changed) when it was full. No ceiling: always add.
        A bucket names its window, so a new window is a new counter; `expires_at` lets the store
        forget it (DynamoDB TTL, the local housekeeping)."""

    @abc.abstractmethod
    def decrement_counter(self, bucket: str) -> None:
        """Give one back (a try that was no failure), atomically and never below zero."""

    @abc.abstractmethod
    def read_statistics(self, scope: str = "all") -> dict[str, dict[str, int]]:
        """Every statistics counter of a scope, by dimension then key."""

    @abc.abstractmethod
    def record_change(
        self,
        reference: str,
        expected_status: str,
        event: Event,
        changes: dict,
        counters: list[CounterChange],
        idempotency: IdempotencyRecord | None = None,
        attachments: tuple[str, ...] = (),
    ) -> bool:
        """All or nothing, and only if the grievance still has expected_status: apply the field
        changes (status, delegation, due_at, first_answer_at, updated_at), add the event, move the
        counters. False when someone changed the status first (the caller shows the new state).
        With an idempotency record (a complainant's reply), the key must be new
        (IdempotencyKeyTakenError otherwise) and the uploads of that key are attached too."""

    # -- tracking codes reissued (cases/reissue.py) ----------------------------------------------

    @abc.abstractmethod
    def record_reissue(self, audit: AuditEntry, pending: PendingCode | None = None) -> None:
        """One atomic write, whether or not the details matched (the same work either way): the
        audit entry and, when they matched, the file's pending code (replacing an earlier one) and
        its e-mail's notification."""

    @abc.abstractmethod
    def promote_pending_code(self, reference: str, code_hash: str) -> bool:
        """The pending code was used: it becomes the file's code and the old one stops working, in
        one conditional write (only while that code is still the pending one). False otherwise."""

    @abc.abstractmethod
    def clear_sealed_code(self, reference: str, code_hash: str) -> None:
        """Its e-mail has gone: forget the sealed code (only if it is still the pending one)."""

    @abc.abstractmethod
    def list_grievances(self, query: InboxQuery) -> tuple[list[Grievance], str | None]:
        """A page of the inbox and the cursor of the next page. Index queries only, never a scan.
        InvalidCursorError for a cursor this backend did not make for these filters."""

    @abc.abstractmethod
    def create_upload(self, upload: Upload) -> None: ...

    @abc.abstractmethod
    def get_upload(self, upload_id: str) -> Upload | None: ...

    @abc.abstractmethod
    def update_upload(self, upload_id: str, expected_status: str, **changes) -> bool:
        """Change an upload only if it still has the expected status; False when it had not."""

    @abc.abstractmethod
    def expired_uploads(self, now: int, limit: int = 100) -> list[Upload]:
        """Unattached uploads past their expiry (the local sweep; DynamoDB's TTL does it on AWS)."""

    @abc.abstractmethod
    def delete_upload(self, upload_id: str) -> None: ...

    # -- retention and erasure (law 09-08: functions/cases/retention.py) --------------------------

    @abc.abstractmethod
    def closed_before(self, cutoff: str, limit: int) -> list[tuple[str, str]]:
        """(reference, closed_at) of files in a final status since before `cutoff` and not yet
        anonymised, oldest first: an index query, never a scan."""

    @abc.abstractmethod
    def anonymise(
        self, reference: str, closed_before: str | None, at: str, events: list[Event], search_tokens: tuple[str, ...],
        upload_ids: tuple[str, ...],
    ) -> bool:  # fmt: skip
        """Keep the case for statistics, drop the person: the payload is replaced by
        {"anonymised_at": at}, e-mail updates stop, `events` (the same ids, their bodies reduced
        by the caller) replace the timeline's, the search tokens and upload records go (an
        e-mail still queued finds no address and is skipped). Only if the file is still closed
        since before `closed_before` (None: an erasure before its time, whatever its status) and
        not anonymised already; False otherwise. Status, dates, category, region, country, type and counters stay."""

    @abc.abstractmethod
    def erase_late_writes(self, reference: str, events: list[Event], upload_ids: tuple[str, ...]) -> None:
        """After `anonymise`: what was written to the file while its documents were being deleted
        (a note, an answer, a forwarding) goes too — `events` reduced by the caller replace those
        bodies, the upload records go, the forwardings' texts are emptied. Nothing is written to an
        anonymised file after that, so one pass is enough."""

    @abc.abstractmethod
    def correct_payload(
        self, reference: str, expected: dict, payload: dict, event: Event, removed_tokens: tuple[str, ...],
        added_tokens: tuple[str, ...],
    ) -> bool:  # fmt: skip
        """A correction of the person's details (functions/cases/rectification.py), all or nothing:
        the form becomes `payload`, the (public) event is added, the search tokens of the old values
        go and those of the new ones come. Only if the stored form still equals `expected` and the
        file is not anonymised (two corrections at once: one wins, the other gets False)."""

    # -- email notifications (queued with the change, sent by a dispatcher) ---------------------

    @abc.abstractmethod
    def enqueue_notification(self, notification_id: str, reference: str, created_at: str, now: int) -> None: ...

    @abc.abstractmethod
    def claim_notifications(self, now: int, lease: int, limit: int) -> list[tuple[str, str, int]]:
        """Due notifications as (id, reference, attempts), each leased for `lease` seconds to the
        caller only (a conditional update): two dispatchers never send the same one."""

    @abc.abstractmethod
    def finish_notification(self, notification_id: str, status: str, attempts: int, next_try: int) -> None:
        """status: "sent", "skipped" (nothing to send: no consent or no address), "failed" (given up
        after every attempt) or "pending" (to be tried again at next_try)."""

    @abc.abstractmethod
    def notifications_of(self, reference: str) -> list[tuple[str, str, str, int]]:
        """(id, created_at, status, next_try) of every notification about a file, oldest first: a
        key range (SQLite's index, DynamoDB's `by-reference`), never a scan. For a notification
        "sent", next_try is when it went (epoch seconds)."""

    @abc.abstractmethod
    def count_notifications(self, status: str) -> int:
        """How many notifications are in a status (operators watch "failed")."""

    # -- forwarding to an administration and its answer (functions/cases/forwarding.py) -----------

    @abc.abstractmethod
    def create_forwarding(self, forwarding: Forwarding, event: Event, counters: list[CounterChange]) -> bool:
        """All or nothing: the forwarding, the file's (internal) timeline event and the counters;
        False, and nothing written, when the file was forwarded to that administration already."""

    @abc.abstractmethod
    def get_forwarding(self, reference: str, administration: str) -> Forwarding | None: ...

    @abc.abstractmethod
    def list_forwardings(self, reference: str) -> list[Forwarding]:
        """A file's forwardings, oldest first (one key range)."""

    @abc.abstractmethod
    def forwarded_to(self, administration: str, limit: int, before: str | None = None) -> list[Forwarding]:
        """The correspondent's inbox: an administration's forwardings, newest first, older than
        `before` (a forwarded_at) when given. An index Query, never a scan."""

    @abc.abstractmethod
    def open_forwardings_due_by(self, moment: str, limit: int | None = None) -> list[Forwarding]:
        """Unanswered forwardings of open files whose answer is due by `moment`, soonest first
        (reminders, overdue answers): an index holding only those, read to its end when `limit` is
        None (page by page on DynamoDB), so the ones already reminded never hide the others."""

    @abc.abstractmethod
    def record_answer(
        self, reference: str, administration: str, answered_at: str, answered_by: str, event: Event,
        counters: list[CounterChange], attachments: tuple = (), filing: str | None = None,
    ) -> bool:  # fmt: skip
        """All or nothing, only if still unanswered: the answer's time, its event, the counters and
        its documents (verified uploads of `filing`, attached to the file as a reply's are).
        False when it was answered already (two correspondents at once: one answer); a document no
        longer verified is AttachmentUnavailableError."""

    @abc.abstractmethod
    def mark_reminded(self, reference: str, administration: str, expected: int, sent: int) -> bool:
        """Move reminders_sent from `expected` to `sent` only if it still is `expected` and the
        forwarding is unanswered: two dispatchers never send the same reminder."""

    # -- staff, sessions and the audit log (the admin function) -----------------------------------

    @abc.abstractmethod
    def create_staff(self, staff: Staff) -> None:
        """Raises StaffExistsError when the email is taken."""

    @abc.abstractmethod
    def get_staff(self, staff_id: str) -> Staff | None: ...

    @abc.abstractmethod
    def list_staff(self) -> list[Staff]: ...

    @abc.abstractmethod
    def update_staff(self, staff_id: str, **changes) -> None: ...

    @abc.abstractmethod
    def has_staff(self) -> bool: ...

    @abc.abstractmethod
    def claim_totp_step(self, staff_id: str, step: int) -> bool:
        """Record that a second-factor code of this time step was used, in one conditional write,
        only if the step is later than the last one accepted: False for a code used already (a
        replay, or the same code sent twice at once — only one of them gets True)."""

    @abc.abstractmethod
    def enable_totp(self, staff_id: str, secret: str, step: int) -> bool:
        """Turn the second factor on with this secret, the enrolment code's step counted as used,
        only if it is still off: False when another sign-in enrolled first."""

    @abc.abstractmethod
    def create_session(self, session: StaffSession) -> None: ...

    @abc.abstractmethod
    def get_session(self, session_hash: str) -> StaffSession | None: ...

    @abc.abstractmethod
    def update_session(self, session_hash: str, **changes) -> None: ...

    @abc.abstractmethod
    def delete_session(self, session_hash: str) -> None: ...

    @abc.abstractmethod
    def end_sessions_of(self, staff_id: str) -> int:
        """Delete every session of one staff member (after a reset or a deactivation); returns how many."""

    @abc.abstractmethod
    def append_audit(self, entry: AuditEntry) -> None:
        """Append only: nothing in the port can change or delete an entry."""

    @abc.abstractmethod
    def list_audit(
        self, staff_id: str | None, action: str | None, target: str | None, before: str | None, limit: int
    ) -> list[AuditEntry]:
        """Newest first, older than `before` (an audit_id) when given."""

    def close(self) -> None:  # noqa: B027 - optional: only adapters holding connections override it
        """Release connections (tests and the local server call it on shutdown)."""


class FileStore(abc.ABC):
    """Where the bytes of documents live: quarantine/ (where the upload link writes), verifying/ (a
    private snapshot, out of the link's reach, the only bytes verification reads), then files/."""

    # Whether upload links post to the public function itself (the local stand-in for S3's POST,
    # checked with signature_valid), rather than straight to storage.
    links_to_server = False

    @abc.abstractmethod
    def upload_target(self, upload: Upload, max_bytes: int, expires_at: int, redirect: str | None = None) -> dict:
        """{"url", "fields"}: a form the phone posts the file to, straight to storage. With
        `redirect`, the answer to a successful post is a 303 there (a browser without JavaScript),
        and the redirect is part of what the link signs."""

    @abc.abstractmethod
    def receive(self, upload: Upload, stream, max_bytes: int) -> int:
        """Write bytes the server itself received (a correspondent's answer form) to quarantine/,
        where the link would have written them: they are then verified like a phone's. Stops at
        max_bytes + 1 (the verification refuses the size); returns what was read."""

    @abc.abstractmethod
    def snapshot(self, upload: Upload) -> bool:
        """Move what the link wrote where no link can write; False if nothing arrived. A snapshot
        taken already (an earlier attempt) is kept as it is: True."""

    @abc.abstractmethod
    def head(self, upload: Upload, length: int) -> tuple[int, bytes] | None:
        """(size, first bytes) of the snapshot, or None if there is none."""

    @abc.abstractmethod
    def chunks(self, upload: Upload):
        """The snapshot's bytes, in chunks (for the malware scan)."""

    @abc.abstractmethod
    def promote(self, upload: Upload) -> None:
        """Move the verified snapshot to files/, still marked unattached."""

    @abc.abstractmethod
    def mark_attached(self, upload: Upload) -> None:
        """Keep the object for good (on S3: the tag that exempts it from expiry)."""

    @abc.abstractmethod
    def discard(self, upload: Upload) -> None:
        """Delete the object wherever it is (rejected or expired)."""

    @abc.abstractmethod
    def download_url(self, upload: Upload, filename: str, expires_in: int) -> str:
        """A short-lived link for staff."""

    @abc.abstractmethod
    def read_attached(self, upload: Upload, limit: int) -> bytes | None:
        """The bytes of an attached document for a preview, or None when it holds more than
        `limit` bytes (a preview goes through the admin function, whose answers are capped)."""
