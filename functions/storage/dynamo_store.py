"""The AWS backend: DynamoDB through PynamoDB (S3 for files comes with attachments)."""

import dataclasses
import json
import random
import time

from botocore.exceptions import BotoCoreError, ClientError
from pynamodb.connection import Connection
from pynamodb.exceptions import PynamoDBException, TransactWriteError
from pynamodb.transactions import TransactWrite

from schemas.vocabulary import FINAL_STATUSES

from .dynamo_admin import DynamoAdmin
from .dynamo_corrections import DynamoCorrections
from .dynamo_forwarding import DynamoForwarding
from .dynamo_inbox import DynamoInbox
from .dynamo_models import DEFAULT_TIMEOUT, RETRIES, build_models, dynamodb_endpoint
from .dynamo_retention import RETAINED, DynamoRetention
from .port import (
    AttachmentUnavailableError,
    GrievanceStore,
    IdempotencyKeyTakenError,
    ReferenceTakenError,
    StorageError,
    closes_or_reopens,
    closing_change,
)
from .records import CounterChange, Event, Grievance, IdempotencyRecord, Upload

_TRANSACTION_ATTEMPTS = 6
STATISTICS_SCOPE = "all"
PROBE_TIMEOUT = 1.5
# Not a reference (references have no "-" or lower case): the probe reads a key nobody can file.
PROBE_KEY = "health-probe"


def _merge(counters: list[CounterChange]) -> dict[tuple[str, str, str], int]:
    """A transaction may touch an item once; fold repeated counters together."""
    merged: dict[tuple[str, str, str], int] = {}
    for change in counters:
        item = (change.scope, change.name, change.key)
        merged[item] = merged.get(item, 0) + change.delta
    return merged


SEARCH_PARTITION = "search#"


class DynamoStore(DynamoInbox, DynamoAdmin, DynamoRetention, DynamoForwarding, DynamoCorrections, GrievanceStore):
    def __init__(
        self, table_prefix: str, region: str, host: str | None = None, timeout: float = DEFAULT_TIMEOUT,
        audit_years: int | None = None,
    ):  # fmt: skip
        """`audit_years`: each audit entry is written with a TTL that many years after it."""
        self.audit_years = audit_years
        host = host or dynamodb_endpoint()
        self.models = build_models(table_prefix, region, host, timeout)
        # TransactWrite needs its own connection pointed at the same endpoint as the models.
        self.connection = Connection(
            region=region, host=host, connect_timeout_seconds=timeout, read_timeout_seconds=timeout,
            max_retry_attempts=RETRIES,
        )  # fmt: skip
        # The health probe's own: a short timeout and one retry, so a monitor learns of an outage
        # in seconds rather than after the data calls' patient retries.
        self.probe = Connection(
            region=region, host=host, connect_timeout_seconds=min(timeout, PROBE_TIMEOUT),
            read_timeout_seconds=min(timeout, PROBE_TIMEOUT), max_retry_attempts=1,
        )  # fmt: skip

    # -- conversions ---------------------------------------------------------------------------

    def _grievance_item(self, grievance: Grievance):
        values = {k: v for k, v in vars(grievance).items() if k != "payload"}
        return self.models.Grievance(payload=json.dumps(grievance.payload, ensure_ascii=False), **values)

    @staticmethod
    def _grievance_record(item) -> Grievance:
        values = item.attribute_values
        return Grievance(
            **{k: values.get(k) for k in Grievance.__dataclass_fields__ if k != "payload"},
            payload=json.loads(values["payload"]),
        )

    def _event_item(self, event: Event):
        values = {k: v for k, v in vars(event).items() if k != "body"}
        return self.models.Event(body=json.dumps(event.body, ensure_ascii=False), **values)

    @staticmethod
    def _event_record(item) -> Event:
        values = dict(item.attribute_values)
        values["body"] = json.loads(values["body"])
        values.setdefault("status", None)
        return Event(**values)

    def _statistic_updates(self, transaction: TransactWrite, counters: list[CounterChange]) -> None:
        Statistic = self.models.Statistic
        for (scope, name, key), delta in _merge(counters).items():
            if delta:
                item = Statistic(scope, f"{name}#{key}")
                transaction.update(item, actions=[Statistic.count.add(delta)])

    def _transact(self, build) -> None:
        """Run a transaction, retrying the conflicts DynamoDB reports when two touch one counter."""
        for attempt in range(_TRANSACTION_ATTEMPTS):
            try:
                with TransactWrite(connection=self.connection) as transaction:
                    build(transaction)
                return
            except TransactWriteError as error:
                reasons = [r.code for r in (error.cancellation_reasons or []) if r is not None]
                if "ConditionalCheckFailed" in reasons:
                    raise
                retryable = "TransactionConflict" in reasons or error.cause_response_code in (
                    "TransactionInProgressException",
                    "ThrottlingException",
                    "ProvisionedThroughputExceededException",
                )
                if not retryable or attempt == _TRANSACTION_ATTEMPTS - 1:
                    raise StorageError("transaction failed") from error
                time.sleep(min(0.8, 0.025 * 2**attempt) * random.random())  # noqa: S311 - jitter, not a secret

    # -- the port ------------------------------------------------------------------------------

    def create_grievance(self, grievance, first_event, idempotency, counters, attachments=(), search_tokens=()):
        Grievance_, Idempotency = self.models.Grievance, self.models.Idempotency

        def build(transaction):
            transaction.save(self._grievance_item(grievance), condition=Grievance_.reference.does_not_exist())
            transaction.save(self._event_item(first_event))
            transaction.save(self._idempotency_item(idempotency), condition=Idempotency.key.does_not_exist())
            self._statistic_updates(transaction, counters)
            self._attach(transaction, attachments, grievance.reference, idempotency.key_hash)
            for token in search_tokens:
                transaction.save(self._token_item(token, grievance))

        try:
            self._transact(build)
        except TransactWriteError as error:
            # Which condition failed? Ask the tables rather than decode positions in the reasons.
            if self.get_idempotency(idempotency.key_hash) is not None:
                raise IdempotencyKeyTakenError(idempotency.key_hash) from error
            if self.get_grievance(grievance.reference) is not None:
                raise ReferenceTakenError(grievance.reference) from error
            raise AttachmentUnavailableError(",".join(attachments)) from error

    def _token_item(self, token: str, grievance: Grievance):
        """A search token lives in the events table, under a partition no reference can have
        ("search#" + the keyed hash), with the grievance's reference as its sort key: a search
        is one Query per token, and no new table or permission is needed."""
        return self.models.Event(
            reference=f"{SEARCH_PARTITION}{token}", event_id=grievance.reference, at=grievance.created_at,
            kind="search", actor="system", body="{}", public=False,
        )  # fmt: skip

    def find_by_tokens(self, tokens, limit):
        found: list[str] = []
        try:
            for token in tokens:
                for item in self.models.Event.query(f"{SEARCH_PARTITION}{token}", limit=limit):
                    if item.event_id not in found:
                        found.append(item.event_id)
        except PynamoDBException as error:
            raise StorageError("search failed") from error
        return found[:limit]

    def mark_opened(self, reference, at):
        Grievance_ = self.models.Grievance
        try:
            Grievance_(reference).update(
                actions=[Grievance_.opened_at.set(at)], condition=Grievance_.reference.exists()
            )
        except PynamoDBException as error:
            if getattr(error, "cause_response_code", None) != "ConditionalCheckFailedException":
                raise StorageError("write failed") from error

    def _idempotency_item(self, record: IdempotencyRecord):
        values = {k: v for k, v in vars(record).items() if k != "key_hash"}
        return self.models.Idempotency(key=record.key_hash, **values)

    def get_idempotency(self, key_hash, legacy_key=None):
        record = self._idempotency(key_hash)
        if record is None and legacy_key:
            # Written before keys were stored hashed: keyed by the key itself, its code the old way.
            record = self._idempotency(legacy_key)
            record = record and dataclasses.replace(record, key_hash=key_hash, code_scheme=1)
        return record

    def _idempotency(self, key: str) -> IdempotencyRecord | None:
        try:
            item = self.models.Idempotency.get(key, consistent_read=True)
        except self.models.Idempotency.DoesNotExist:
            return None
        except PynamoDBException as error:
            raise StorageError("read failed") from error
        values = item.attribute_values
        return IdempotencyRecord(
            key_hash=values["key"],
            body_hash=values["body_hash"],
            reference=values["reference"],
            created_at=values["created_at"],
            expires_at=int(values["expires_at"]),
            code_scheme=int(values.get("code_scheme") or 1),
        )

    def ping(self):
        try:
            table = self.models.Grievance.Meta.table_name
            self.probe.dispatch("GetItem", {"TableName": table, "Key": {"reference": {"S": PROBE_KEY}}})
        except (PynamoDBException, BotoCoreError, ClientError) as error:
            raise StorageError("DynamoDB does not answer") from error

    def get_grievance(self, reference):
        try:
            item = self.models.Grievance.get(reference, consistent_read=True)
        except self.models.Grievance.DoesNotExist:
            return None
        except PynamoDBException as error:
            raise StorageError("read failed") from error
        return self._grievance_record(item)

    def list_events(self, reference):
        try:
            return [self._event_record(i) for i in self.models.Event.query(reference, consistent_read=True)]
        except PynamoDBException as error:
            raise StorageError("read failed") from error

    def increment_counter(self, bucket, ceiling, expires_at):
        if ceiling is not None and ceiling < 1:
            return None
        RateLimit = self.models.RateLimit
        item = RateLimit(bucket)
        # One UpdateItem: ADD with a condition, so the count and the decision are one step.
        condition = None if ceiling is None else RateLimit.count.does_not_exist() | (RateLimit.count < ceiling)
        try:
            item.update(actions=[RateLimit.count.add(1), RateLimit.expires_at.set(expires_at)], condition=condition)
        except PynamoDBException as error:
            if getattr(error, "cause_response_code", None) == "ConditionalCheckFailedException":
                return None
            raise StorageError("write failed") from error
        return int(item.count)

    def decrement_counter(self, bucket):
        RateLimit = self.models.RateLimit
        try:
            RateLimit(bucket).update(actions=[RateLimit.count.add(-1)], condition=RateLimit.count > 0)
        except PynamoDBException as error:
            if getattr(error, "cause_response_code", None) != "ConditionalCheckFailedException":
                raise StorageError("write failed") from error

    def record_change(self, reference, expected_status, event, changes, counters, idempotency=None, attachments=()):
        Grievance_, Idempotency = self.models.Grievance, self.models.Idempotency
        changes = {**changes, **closing_change(changes)}
        if "closed_at" in changes:  # in the retention index while closed (and not anonymised)
            changes["retention"] = RETAINED if changes["closed_at"] else None
        actions = [
            getattr(Grievance_, k).remove() if v is None else getattr(Grievance_, k).set(v) for k, v in changes.items()
        ]
        pausing = []
        if closes_or_reopens(expected_status, changes):
            pausing = self._pause_steps(reference, changes["status"] in FINAL_STATUSES)

        # An anonymised file takes nothing new: its person asked for it gone (or its time had come).
        condition = (Grievance_.status == expected_status) & Grievance_.anonymised_at.does_not_exist()

        def build(transaction):
            if actions:
                transaction.update(Grievance_(reference), actions=actions, condition=condition)
            else:
                transaction.condition_check(Grievance_, reference, condition=condition)
            transaction.save(self._event_item(event))
            self._statistic_updates(transaction, counters)
            for step in pausing:
                step(transaction)
            if idempotency:
                transaction.save(self._idempotency_item(idempotency), condition=Idempotency.key.does_not_exist())
                self._attach(transaction, attachments, reference, idempotency.key_hash)

        try:
            self._transact(build)
        except TransactWriteError as error:
            if idempotency and self.get_idempotency(idempotency.key_hash) is not None:
                raise IdempotencyKeyTakenError(idempotency.key_hash) from error
            current = self.get_grievance(reference)
            if attachments and current is not None and current.status == expected_status:
                raise AttachmentUnavailableError(",".join(attachments)) from error
            return False
        return True

    def record_reissue(self, audit, pending=None):
        Grievance_ = self.models.Grievance

        def build(transaction):
            transaction.save(self._audit_item(audit), condition=self.models.Audit.audit_id.does_not_exist())
            if pending is None:
                return
            sealed = Grievance_.pending_code_sealed
            transaction.update(
                Grievance_(pending.reference),
                actions=[
                    Grievance_.pending_tracking_hash.set(pending.code_hash),
                    sealed.remove() if pending.sealed is None else sealed.set(pending.sealed),
                ],
                condition=Grievance_.reference.exists(),
            )
            if pending.notification_id:
                transaction.save(self._notification_item(pending.notification_id, pending.reference,
                                                         pending.created_at, pending.now))  # fmt: skip

        try:
            self._transact(build)
        except TransactWriteError as error:
            raise StorageError("reissue failed") from error

    def promote_pending_code(self, reference, code_hash):
        Grievance_ = self.models.Grievance
        actions = [Grievance_.tracking_hash.set(code_hash), Grievance_.pending_tracking_hash.remove(),
                   Grievance_.pending_code_sealed.remove()]  # fmt: skip
        return self._update_if_pending(reference, code_hash, actions)

    def clear_sealed_code(self, reference, code_hash):
        self._update_if_pending(reference, code_hash, [self.models.Grievance.pending_code_sealed.remove()])

    def _update_if_pending(self, reference, code_hash, actions) -> bool:
        Grievance_ = self.models.Grievance
        try:
            Grievance_(reference).update(actions=actions, condition=Grievance_.pending_tracking_hash == code_hash)
        except PynamoDBException as error:
            if getattr(error, "cause_response_code", None) == "ConditionalCheckFailedException":
                return False
            raise StorageError("write failed") from error
        return True

    def _attach(self, transaction, upload_ids, reference: str, filing: str) -> None:
        Upload_ = self.models.Upload
        for upload_id in upload_ids:
            transaction.update(
                Upload_(upload_id),
                actions=[Upload_.status.set("attached"), Upload_.reference.set(reference), Upload_.expires_at.remove()],
                condition=(Upload_.status == "verified") & (Upload_.filing == filing),
            )

    def create_upload(self, upload):
        try:
            self.models.Upload(**vars(upload)).save(condition=self.models.Upload.upload_id.does_not_exist())
        except PynamoDBException as error:
            raise StorageError("write failed") from error

    def get_upload(self, upload_id):
        try:
            item = self.models.Upload.get(upload_id, consistent_read=True)
        except self.models.Upload.DoesNotExist:
            return None
        except PynamoDBException as error:
            raise StorageError("read failed") from error
        values = item.attribute_values
        return Upload(**{k: values.get(k) for k in Upload.__dataclass_fields__})

    def update_upload(self, upload_id, expected_status, **changes):
        Upload_ = self.models.Upload
        actions = [
            getattr(Upload_, k).remove() if v is None else getattr(Upload_, k).set(v) for k, v in changes.items()
        ]
        try:
            Upload_(upload_id).update(actions=actions, condition=Upload_.status == expected_status)
        except PynamoDBException as error:
            if getattr(error, "cause_response_code", None) == "ConditionalCheckFailedException":
                return False
            raise StorageError("write failed") from error
        return True

    def expired_uploads(self, now, limit=100):
        return []  # DynamoDB's TTL forgets them, and the bucket's lifecycle rules delete the bytes

    def delete_upload(self, upload_id):
        try:
            self.models.Upload(upload_id).delete(condition=self.models.Upload.status != "attached")
        except PynamoDBException as error:
            if getattr(error, "cause_response_code", None) != "ConditionalCheckFailedException":
                raise StorageError("write failed") from error

    def read_statistics(self, scope=STATISTICS_SCOPE):
        figures: dict[str, dict[str, int]] = {}
        try:
            for item in self.models.Statistic.query(scope):
                name, _, key = item.counter.partition("#")
                if int(item.count):  # a counter back at zero is no figure at all
                    figures.setdefault(name, {})[key] = int(item.count)
        except PynamoDBException as error:
            raise StorageError("read failed") from error
        return figures
