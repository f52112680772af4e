"""What the storage port takes and gives: plain, immutable records, the same for every backend."""

import dataclasses
import datetime as dt


def is_anonymised(grievance) -> bool:
    """Erased on request or past its retention (functions/cases/retention.py): the file keeps its
    dates and codes for the statistics and takes nothing new."""
    return "anonymised_at" in grievance.payload


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def iso(moment: dt.datetime) -> str:
    """Fixed-width UTC timestamps sort the same as text and as time, in SQLite and DynamoDB alike."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_iso(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC)


def years_after(moment: dt.datetime, years: int) -> dt.datetime:
    """The same day and time `years` later (or earlier, when negative); 29 February becomes 28."""
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:
        return moment.replace(year=moment.year + years, day=28)


@dataclasses.dataclass(frozen=True)
class Grievance:
    reference: str
    created_at: str
    updated_at: str
    status: str
    type: str
    filer_kind: str
    category: str
    region: str
    delegation: str | None
    country: str
    partner: str | None
    language: str
    email_updates: bool
    tracking_hash: str
    payload: dict
    due_at: str | None = None  # when the next expected step is due (the deadline clock)
    first_answer_at: str | None = None  # first message or decision from staff (statistics)
    assigned_to: str | None = None  # the case officer who owns the file (a staff id)
    replied_at: str | None = None  # the complainant's last answer
    opened_at: str | None = None  # when staff last opened the file ("new reply" is newer than this)
    # A reissued tracking code not used yet (docs/architecture.md#a-lost-code): the hash of the new
    # code, which replaces tracking_hash when it is first used, and, until its e-mail is sent, the
    # code sealed with the server secret (tracking_codes.seal), wiped once the e-mail has gone.
    pending_tracking_hash: str | None = None
    pending_code_sealed: str | None = None


@dataclasses.dataclass(frozen=True)
class Event:
    """One line of a grievance's timeline: a status change, a message, a reply, a document."""

    reference: str
    event_id: str  # "<iso time>#<random>": unique and in time order
    at: str
    kind: str
    actor: str  # "complainant", "system" or a staff id
    status: str | None = None
    body: dict = dataclasses.field(default_factory=dict)
    public: bool = True


@dataclasses.dataclass(frozen=True)
class IdempotencyRecord:
    """What a request with an Idempotency-Key left behind, so a replay gets the same answer."""

    key_hash: str  # HMAC(server secret, key): the key itself is never stored (cases/tracking_codes.py)
    body_hash: str
    reference: str
    created_at: str
    expires_at: int  # epoch seconds; DynamoDB TTL removes it afterwards
    code_scheme: int = 2  # how the receipt's tracking code comes from the key (1: records made before)


@dataclasses.dataclass(frozen=True)
class PendingCode:
    """A new tracking code for a file, waiting to be used (then it replaces the old one)."""

    reference: str
    code_hash: str
    sealed: str | None  # the code sealed for its e-mail; None when staff give it by phone or post
    notification_id: str | None  # the e-mail that carries it (queued in the same write)
    created_at: str
    now: int


@dataclasses.dataclass(frozen=True)
class CounterChange:
    """A statistics counter moved on write, so figures never need a scan."""

    name: str  # dimension: "total", "month", "status", "category", ...
    key: str
    delta: int = 1
    scope: str = "all"  # "all", or "delegation:<code>" for a delegation's own figures


@dataclasses.dataclass(frozen=True)
class Staff:
    staff_id: str  # the login email, lower-cased
    name: str
    role: str  # admin, reviewer, delegation, correspondent
    delegation: str | None
    password_hash: str
    created_at: str
    language: str = "fr"
    totp_secret: str | None = None
    totp_enabled: bool = False
    active: bool = True
    failed_logins: int = 0
    locked_until: int = 0
    # Set when someone else chose the password (a new account, a reset): the person must replace it
    # before anything else, so a password that passed through another's hands never stays in use.
    password_must_change: bool = False
    # When that one-time password stops working (epoch seconds; 0: it is the person's own).
    password_expires_at: int = 0
    # The last TOTP time step accepted for this person: a code works once, never again.
    totp_last_step: int = 0
    # A correspondent's administration (a code of schemas/data/administrations.toml); None for staff.
    administration: str | None = None


@dataclasses.dataclass(frozen=True)
class StaffSession:
    session_hash: str  # SHA-256 of the cookie value: a stolen database holds no live session
    staff_id: str
    stage: str  # "password" (second factor pending) or "full"
    csrf_token: str
    created_at: int
    last_seen: int
    expires_at: int
    # While the second factor is being set up: the secret shown to this sign-in only, new each time.
    totp_secret: str | None = None


@dataclasses.dataclass(frozen=True)
class AuditEntry:
    audit_id: str  # "<iso time>#<random>": unique and in time order
    at: str
    staff_id: str
    action: str
    target: str | None = None
    address: str | None = None
    detail: dict = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class InboxQuery:
    """What staff ask of the inbox. `delegation` is forced by the role, never taken from the request."""

    delegation: str | None = None
    status: str | None = None
    type: str | None = None
    category: str | None = None
    region: str | None = None
    country: str | None = None
    partner: str | None = None
    overdue_at: str | None = None  # now: only grievances whose due_at has passed (and still open)
    created_from: str | None = None
    created_to: str | None = None  # inclusive
    assigned_to: str | None = None  # "my files"
    unassigned: bool = False
    newest_first: bool = True
    limit: int = 50
    cursor: str | None = None


@dataclasses.dataclass(frozen=True)
class Upload:
    """A document on its way to a grievance: pending (link given), verified (bytes checked),
    attached (part of a filed grievance) or rejected."""

    upload_id: str
    filing: str  # the keyed hash of the Idempotency-Key of the filing (or reply) it is for
    kind: str
    declared_type: str
    declared_size: int
    name: str
    status: str
    created_at: str
    expires_at: int  # unattached uploads are forgotten after this (DynamoDB TTL, local sweep)
    size: int | None = None
    sniffed_type: str | None = None
    reference: str | None = None
    duration: int | None = None  # a recording's whole seconds, read from its container when verified


@dataclasses.dataclass(frozen=True)
class Forwarding:
    """A file sent to the administration concerned, and its answer: one per file and administration,
    each with its own clock (functions/cases/forwarding.py)."""

    reference: str
    administration: str  # a code of schemas/data/administrations.toml
    forwarded_at: str
    due_at: str  # the answer is expected by then (SAWT_DEADLINE_ADMINISTRATION_DAYS)
    forwarded_by: str  # a staff id
    text: str  # what the Ombudsman asks: the case summary staff wrote, all the correspondent reads
    shared: tuple[str, ...] = ()  # upload ids of the documents staff chose to share
    answered_at: str | None = None
    answered_by: str | None = None
    reminders_sent: int = 0  # how many of the reminder points (before the deadline, then at it) went out
    # The file reached a final status unanswered: no clock, no reminder, no answer taken (reopening
    # the file resumes it). Written in the status change's own transaction.
    paused: bool = False
