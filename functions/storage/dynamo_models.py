"""PynamoDB models, built per table prefix and endpoint by a factory (never read from env at import).

Every table is on-demand and keyed so that each hot path is a GetItem, a Query or a conditional
write: no request ever scans.
"""

import os
import types

from pynamodb.attributes import BooleanAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

TTL_ATTRIBUTE = "expires_at"


def dynamodb_endpoint() -> str | None:
    """The standard AWS SDK variables, so moto's server (or DynamoDB Local) can stand in for AWS."""
    return os.environ.get("AWS_ENDPOINT_URL_DYNAMODB") or os.environ.get("AWS_ENDPOINT_URL") or None


# Each call's connect and read timeout, in seconds: a slow call is abandoned and retried well
# within the Lambda's 15 s, rather than holding the request until the Lambda itself is killed.
DEFAULT_TIMEOUT = 3.0
RETRIES = 3


def build_models(prefix: str, region: str, host: str | None, timeout: float = DEFAULT_TIMEOUT) -> types.SimpleNamespace:
    def meta(name: str):
        return type(
            "Meta",
            (),
            {
                "table_name": f"{prefix}{name}",
                "region": region,
                "host": host,
                "billing_mode": "PAY_PER_REQUEST",
                "max_retry_attempts": RETRIES,
                "connect_timeout_seconds": timeout,
                "read_timeout_seconds": timeout,
            },
        )

    def index(name: str, hash_name: str, range_name: str):
        """A GSI with all attributes projected: the inbox reads whole grievances from it."""
        attrs = {
            "Meta": type("Meta", (), {"index_name": name, "projection": AllProjection()}),
            hash_name: UnicodeAttribute(hash_key=True),
            range_name: UnicodeAttribute(range_key=True),
        }
        return type(f"Index_{name.replace('-', '_')}", (GlobalSecondaryIndex,), attrs)()

    def GlobalSecondaryIndexNumeric(name: str):
        """status (hash) + next_try (number range): the notifications that are due, by Query."""
        attrs = {
            "Meta": type("Meta", (), {"index_name": name, "projection": AllProjection()}),
            "status": UnicodeAttribute(hash_key=True),
            "next_try": NumberAttribute(range_key=True),
        }
        return type("Index_due", (GlobalSecondaryIndex,), attrs)()

    class GrievanceModel(Model):
        Meta = meta("grievances")
        # The inbox's three ways in, each a Query: a delegation's files, files in a status, or all
        # files (a constant key: fine for the few thousand files a year an ombudsman receives).
        by_delegation = index("by-delegation", "delegation", "created_at")
        by_status = index("by-status", "status", "created_at")
        by_created = index("by-created", "inbox", "created_at")
        inbox = UnicodeAttribute(default="all")
        reference = UnicodeAttribute(hash_key=True)
        created_at = UnicodeAttribute()
        updated_at = UnicodeAttribute()
        status = UnicodeAttribute()
        type = UnicodeAttribute()
        filer_kind = UnicodeAttribute()
        category = UnicodeAttribute()
        region = UnicodeAttribute()
        delegation = UnicodeAttribute(null=True)
        country = UnicodeAttribute()
        partner = UnicodeAttribute(null=True)
        language = UnicodeAttribute()
        email_updates = BooleanAttribute()
        tracking_hash = UnicodeAttribute()
        payload = UnicodeAttribute()  # JSON: the validated grievance as filed
        due_at = UnicodeAttribute(null=True)
        first_answer_at = UnicodeAttribute(null=True)
        assigned_to = UnicodeAttribute(null=True)
        replied_at = UnicodeAttribute(null=True)
        opened_at = UnicodeAttribute(null=True)
        pending_tracking_hash = UnicodeAttribute(null=True)  # a reissued code not used yet
        pending_code_sealed = UnicodeAttribute(null=True)  # until its e-mail has gone
        # Retention: a sparse index of the files closed and not yet anonymised (only they hold
        # `retention`), by closing time, so the scheduled run finds what is due with one Query.
        by_closing = index("by-closing", "retention", "closed_at")
        retention = UnicodeAttribute(null=True)
        closed_at = UnicodeAttribute(null=True)
        anonymised_at = UnicodeAttribute(null=True)

    class EventModel(Model):
        Meta = meta("events")
        reference = UnicodeAttribute(hash_key=True)
        event_id = UnicodeAttribute(range_key=True)
        at = UnicodeAttribute()
        kind = UnicodeAttribute()
        actor = UnicodeAttribute()
        status = UnicodeAttribute(null=True)
        body = UnicodeAttribute()  # JSON
        public = BooleanAttribute()

    class IdempotencyModel(Model):
        Meta = meta("idempotency")
        # The keyed hash of the Idempotency-Key; items written before keys were stored hashed hold
        # the key itself, and no code_scheme (they expire through TTL after SAWT_IDEMPOTENCY_DAYS).
        key = UnicodeAttribute(hash_key=True)
        body_hash = UnicodeAttribute()
        reference = UnicodeAttribute()
        created_at = UnicodeAttribute()
        expires_at = NumberAttribute()
        code_scheme = NumberAttribute(null=True)

    class StatisticModel(Model):
        """All counters of a scope share a partition, so one Query reads every figure."""

        Meta = meta("statistics")
        scope = UnicodeAttribute(hash_key=True)
        counter = UnicodeAttribute(range_key=True)  # "<dimension>#<value>"
        count = NumberAttribute(default=0)

    class RateLimitModel(Model):
        Meta = meta("rate-limits")
        bucket = UnicodeAttribute(hash_key=True)
        count = NumberAttribute(default=0)
        expires_at = NumberAttribute()

    class UploadModel(Model):
        Meta = meta("uploads")
        upload_id = UnicodeAttribute(hash_key=True)
        filing = UnicodeAttribute()
        kind = UnicodeAttribute()
        declared_type = UnicodeAttribute()
        declared_size = NumberAttribute()
        name = UnicodeAttribute()
        status = UnicodeAttribute()
        created_at = UnicodeAttribute()
        expires_at = NumberAttribute(null=True)  # removed once attached: TTL never touches it then
        size = NumberAttribute(null=True)
        sniffed_type = UnicodeAttribute(null=True)
        reference = UnicodeAttribute(null=True)
        duration = NumberAttribute(null=True)  # a recording's seconds

    class StaffModel(Model):
        Meta = meta("staff")
        staff_id = UnicodeAttribute(hash_key=True)
        name = UnicodeAttribute()
        role = UnicodeAttribute()
        delegation = UnicodeAttribute(null=True)
        password_hash = UnicodeAttribute()
        created_at = UnicodeAttribute()
        language = UnicodeAttribute()
        totp_secret = UnicodeAttribute(null=True)
        totp_enabled = BooleanAttribute()
        active = BooleanAttribute()
        failed_logins = NumberAttribute()
        locked_until = NumberAttribute()
        password_must_change = BooleanAttribute(null=True)  # absent on accounts made before it existed
        password_expires_at = NumberAttribute(null=True)  # (the same for these two)
        totp_last_step = NumberAttribute(null=True)
        administration = UnicodeAttribute(null=True)  # a correspondent's administration

    class SessionModel(Model):
        Meta = meta("sessions")
        session_hash = UnicodeAttribute(hash_key=True)
        staff_id = UnicodeAttribute()
        stage = UnicodeAttribute()
        csrf_token = UnicodeAttribute()
        created_at = NumberAttribute()
        last_seen = NumberAttribute()
        expires_at = NumberAttribute()
        totp_secret = UnicodeAttribute(null=True)  # only while this sign-in sets up its second factor

    class AuditModel(Model):
        """Partitioned by month, newest first within it; a GSI answers "who read this file"."""

        Meta = meta("audit")
        month = UnicodeAttribute(hash_key=True)
        audit_id = UnicodeAttribute(range_key=True)
        by_target = index("by-target", "target", "audit_id")
        at = UnicodeAttribute()
        staff_id = UnicodeAttribute()
        action = UnicodeAttribute()
        target = UnicodeAttribute(null=True)
        address = UnicodeAttribute(null=True)
        detail = UnicodeAttribute()  # JSON
        expires_at = NumberAttribute(null=True)  # TTL: the entry's own retention period (absent before it)

    class NotificationModel(Model):
        Meta = meta("notifications")
        notification_id = UnicodeAttribute(hash_key=True)
        due = GlobalSecondaryIndexNumeric("by-due")
        by_reference = index("by-reference", "reference", "created_at")  # a file's e-mails (the export)
        reference = UnicodeAttribute()
        created_at = UnicodeAttribute()
        status = UnicodeAttribute()
        attempts = NumberAttribute()
        next_try = NumberAttribute()

    class ForwardingModel(Model):
        """A file forwarded to an administration (one item per file and administration). Two ways
        in besides the file's own partition: the correspondent's inbox, and a sparse index of the
        unanswered ones by deadline (`waiting` is set only until the answer, so answered items
        leave it): reminders and overdue answers are Queries, never a Scan."""

        Meta = meta("forwardings")
        reference = UnicodeAttribute(hash_key=True)
        administration = UnicodeAttribute(range_key=True)
        by_administration = index("by-administration", "administration", "forwarded_at")
        by_due = index("waiting-by-due", "waiting", "due_at")
        waiting = UnicodeAttribute(null=True)  # "open" while unanswered, absent afterwards
        forwarded_at = UnicodeAttribute()
        due_at = UnicodeAttribute()
        forwarded_by = UnicodeAttribute()
        text = UnicodeAttribute()
        shared = UnicodeAttribute()  # JSON list of upload ids
        answered_at = UnicodeAttribute(null=True)
        answered_by = UnicodeAttribute(null=True)
        reminders_sent = NumberAttribute(default=0)

    return types.SimpleNamespace(
        Forwarding=ForwardingModel,
        Notification=NotificationModel,
        Staff=StaffModel,
        Session=SessionModel,
        Audit=AuditModel,
        Upload=UploadModel,
        Grievance=GrievanceModel,
        Event=EventModel,
        Idempotency=IdempotencyModel,
        Statistic=StatisticModel,
        RateLimit=RateLimitModel,
        # Tables whose items expire through DynamoDB TTL on `expires_at`.
        with_ttl=(IdempotencyModel, RateLimitModel, UploadModel, SessionModel, AuditModel),
    )
