"""What the storage port takes and gives: plain, immutable records, the same for every backend."""

import dataclasses
import datetime as dt


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def iso(moment: dt.datetime) -> str:
    """Fixed-width UTC timestamps sort the same as text and as time, in SQLite and DynamoDB alike."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_iso(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC)


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
    key: str
    body_hash: str
    reference: str
    created_at: str
    expires_at: int  # epoch seconds; DynamoDB TTL removes it afterwards


@dataclasses.dataclass(frozen=True)
class CounterChange:
    """A statistics counter moved on write, so figures never need a scan."""

    name: str  # dimension: "total", "month", "status", "category", ...
    key: str
    delta: int = 1


@dataclasses.dataclass(frozen=True)
class Upload:
    """A document on its way to a grievance: pending (link given), verified (bytes checked),
    attached (part of a filed grievance) or rejected."""

    upload_id: str
    filing: str  # the filing's Idempotency-Key
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
