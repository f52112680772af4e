"""Use cases of the public function: file a grievance exactly once, and follow it."""

import dataclasses
import datetime as dt
import hashlib
import json
import secrets
import uuid

from marshmallow import ValidationError

from schemas.fields import is_uuid
from schemas.grievance import GrievanceSchema
from schemas.guidance import delegation_for_region
from schemas.identifiers import format_reference, format_tracking_code, new_reference

from ..platform import rate_limit
from ..platform.config import Config
from ..storage.port import (
    AttachmentUnavailableError,
    GrievanceStore,
    IdempotencyKeyTakenError,
    ReferenceTakenError,
    StorageError,
)
from ..storage.records import CounterChange, Event, Grievance, IdempotencyRecord, iso, utc_now
from . import notifications
from .deadlines import due_at
from .domain_errors import (
    IdempotencyConflictError,
    InvalidInputError,
    MissingIdempotencyKeyError,
    UnavailableError,
    flatten_validation,
)
from .search_tokens import filing_tokens
from .tracking_codes import CODE_FROM_KEY, derive_tracking_code, hash_tracking_code, key_hash, receipt_code

_REFERENCE_ATTEMPTS = 8


@dataclasses.dataclass(frozen=True)
class Receipt:
    reference: str
    tracking_code: str
    status: str
    created_at: str
    replayed: bool = False

    def to_json(self) -> dict:
        return {
            "ok": True,
            "reference": format_reference(self.reference),
            "tracking_code": format_tracking_code(self.tracking_code),
            "status": self.status,
            "created_at": self.created_at,
        }


def body_hash(raw: dict) -> str:
    canonical = json.dumps(raw, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def parse_idempotency_key(value: str | None) -> str:
    if not value:
        raise MissingIdempotencyKeyError()
    if not is_uuid(value):
        raise MissingIdempotencyKeyError("invalid_idempotency_key")
    return str(uuid.UUID(value))


def new_event(reference: str, at: dt.datetime, kind: str, actor: str, **fields) -> Event:
    stamp = iso(at)
    event_id = f"{stamp}#{secrets.token_hex(4)}"
    return Event(reference=reference, event_id=event_id, at=stamp, kind=kind, actor=actor, **fields)


def dimension_counters(g: Grievance, scope: str = "all", delta: int = 1) -> list[CounterChange]:
    """Every statistics counter a grievance counts in, within one scope."""
    dimensions = [
        ("total", "all"),
        ("month", g.created_at[:7]),
        ("status", g.status),
        ("type", g.type),
        ("category", g.category),
        ("country", g.country),
        ("region", g.region),
    ]
    if g.partner:
        dimensions.append(("partner", g.partner))
    return [CounterChange(name, key, delta, scope) for name, key in dimensions]


def scopes_of(g: Grievance) -> list[str]:
    """Where a grievance counts: everywhere, in its delegation's figures and in its partner's."""
    scopes = ["all"]
    if g.delegation:
        scopes.append(f"delegation:{g.delegation}")
    if g.partner:
        scopes.append(f"partner:{g.partner}")
    return scopes


def creation_counters(g: Grievance) -> list[CounterChange]:
    return [change for scope in scopes_of(g) for change in dimension_counters(g, scope)]


def status_counters(g: Grievance, new_status: str, first_answer_days: int | None = None) -> list[CounterChange]:
    """A status change moves one count in each scope; a first answer adds to the delay histogram."""
    changes = []
    for scope in scopes_of(g):
        if new_status != g.status:
            changes += [CounterChange("status", g.status, -1, scope), CounterChange("status", new_status, 1, scope)]
        if first_answer_days is not None:
            changes.append(CounterChange("first_answer_days", str(first_answer_days), 1, scope))
    return changes


def _validate(schema, raw) -> dict:
    try:
        return schema.load(raw)
    except ValidationError as error:
        raise InvalidInputError(flatten_validation(error.messages)) from None


def _jsonable(data):
    """Validated data holds dates; the stored payload is plain JSON."""
    if isinstance(data, dict):
        return {k: _jsonable(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_jsonable(v) for v in data]
    if isinstance(data, (dt.date, dt.datetime)):
        return data.isoformat()
    return data


class GrievanceService:
    def __init__(self, store: GrievanceStore, secret: bytes, config: Config, attachments=None, clock=utc_now):
        self.store = store
        self.attachments = attachments
        self.secret = secret
        self.config = config
        self.clock = clock
        self.limit = rate_limit.Limit("filings", config.int("SAWT_FILINGS_PER_HOUR"), 3600)

    # -- filing --------------------------------------------------------------------------------

    def submit(self, raw, idempotency_key: str, language: str, client: str) -> Receipt:
        key = parse_idempotency_key(idempotency_key)
        digest = body_hash(raw) if isinstance(raw, dict) else None
        try:
            # A key seen before answers from its record, even if the schema changed since.
            existing = self.store.get_idempotency(key_hash(self.secret, key), legacy_key=key)
            if existing:
                return self._replay(existing, digest, key)
            data = _jsonable(_validate(GrievanceSchema(), raw))
            # Only a new filing counts (a resent one answered above never does): a bound on what one
            # client can make us store, generous enough for a desk filing for many people.
            rate_limit.take(self.store, self.secret, int(self.clock().timestamp()), (self.limit, (client,)))
            uploads = self._attachable(data.get("attachments") or [], key)
            if data["description_recorded"] and not any(upload.kind == "voice" for upload in uploads):
                raise InvalidInputError([("description", "recording_missing")])
            return self._create(data, key, digest, language, uploads)
        except StorageError:
            raise UnavailableError() from None

    def validate(self, raw) -> dict:
        """Check a filing without storing it (the "check your answers" step)."""
        return _validate(GrievanceSchema(), raw)

    def _replay(self, record: IdempotencyRecord, digest: str | None, key: str) -> Receipt:
        if record.body_hash != digest:
            raise IdempotencyConflictError()
        grievance = self.store.get_grievance(record.reference)
        return Receipt(
            reference=record.reference,
            tracking_code=receipt_code(record.code_scheme, self.secret, key),
            status=grievance.status if grievance else "received",
            created_at=record.created_at,
            replayed=True,
        )

    def _attachable(self, upload_ids: list[str], key: str) -> list:
        if not upload_ids:
            return []
        if self.attachments is None or len(set(upload_ids)) != len(upload_ids):
            raise InvalidInputError([("attachments", "unknown_attachment")])
        uploads = self.attachments.attachable(upload_ids, key)
        for upload in uploads:
            # Before the transaction: if it then fails, a kept file is an orphan, never a loss.
            self.attachments.files.mark_attached(upload)
        return uploads

    def _create(self, data: dict, key: str, digest: str, language: str, uploads: list) -> Receipt:
        now = self.clock()
        stamp = iso(now)
        code = derive_tracking_code(key)
        contact = data["complainant"]
        expires = int(now.timestamp()) + self.config.int("SAWT_IDEMPOTENCY_DAYS") * 86400
        for _ in range(_REFERENCE_ATTEMPTS):
            reference = new_reference()
            grievance = Grievance(
                reference=reference,
                created_at=stamp,
                updated_at=stamp,
                status="received",
                type=data["type"],
                filer_kind=data["filer_kind"],
                category=data["category"],
                region=data["region"],
                delegation=delegation_for_region(data["region"]),
                country=contact["country_of_residence"],
                # Counted for the partner only with the person's consent (they may remove the tag).
                partner=data.get("partner") if data.get("partner_consent") else None,
                language=contact.get("language") or language,
                email_updates=bool(data.get("email_updates") and contact.get("email")),
                tracking_hash=hash_tracking_code(code),
                payload=data,
                due_at=due_at("received", stamp, stamp, self.config),
            )
            first = new_event(reference, now, "status", "complainant", status="received")
            record = IdempotencyRecord(key_hash(self.secret, key), digest, reference, stamp, expires, CODE_FROM_KEY)
            try:
                self.store.create_grievance(
                    grievance, first, record, creation_counters(grievance), tuple(u.upload_id for u in uploads),
                    filing_tokens(self.secret, data),
                )  # fmt: skip
            except AttachmentUnavailableError:
                raise InvalidInputError([("attachments", "unknown_attachment")]) from None
            except ReferenceTakenError:
                continue
            except IdempotencyKeyTakenError:
                # The same filing raced itself (a retry while the first request was in flight).
                return self._replay(self.store.get_idempotency(record.key_hash), digest, key)
            if contact.get("email"):  # the receipt by email (never the code), once: a replay never gets here
                notifications.queue(self.store, reference, self.clock, kind="receipt")
            return Receipt(reference, code, "received", stamp)
        raise UnavailableError()
