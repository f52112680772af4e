"""Forwardings to administrations on DynamoDB: the forwardings table, keyed by file then
administration; the correspondent's inbox and the unanswered ones by deadline are index Queries."""

import json

from pynamodb.exceptions import PynamoDBException, TransactWriteError

from schemas.vocabulary import FINAL_STATUSES

from .port import AttachmentUnavailableError, StorageError
from .records import Forwarding

WAITING = "open"
DERIVED = ("shared", "reminders_sent", "paused")  # fields not stored as they are read


class DynamoForwarding:
    def _forwarding_item(self, forwarding: Forwarding):
        values = {k: v for k, v in vars(forwarding).items() if k != "shared"}
        values.pop("paused")
        waiting = None if forwarding.answered_at or forwarding.paused else WAITING
        return self.models.Forwarding(shared=json.dumps(list(forwarding.shared)), waiting=waiting, **values)

    @staticmethod
    def _forwarding_record(item) -> Forwarding:
        values = item.attribute_values
        return Forwarding(
            **{k: values.get(k) for k in Forwarding.__dataclass_fields__ if k not in DERIVED},
            shared=tuple(json.loads(values.get("shared") or "[]")),
            reminders_sent=int(values.get("reminders_sent") or 0),
            # Unanswered and out of the waiting index: its file is closed (or anonymised).
            paused=not values.get("answered_at") and not values.get("waiting"),
        )

    def create_forwarding(self, forwarding, event, counters):
        Forwarding_, Grievance_ = self.models.Forwarding, self.models.Grievance

        def build(transaction):
            transaction.save(self._forwarding_item(forwarding), condition=Forwarding_.reference.does_not_exist())
            # Only while the file is open: one closed or erased since the caller read it takes none.
            still_open = (
                Grievance_.reference.exists() & ~Grievance_.status.is_in(*sorted(FINAL_STATUSES))
                & Grievance_.anonymised_at.does_not_exist()
            )  # fmt: skip
            transaction.update(
                Grievance_(forwarding.reference), actions=[Grievance_.updated_at.set(event.at)], condition=still_open
            )
            transaction.save(self._event_item(event))
            self._statistic_updates(transaction, counters)

        try:
            self._transact(build)
        except TransactWriteError:
            return False  # forwarded there already, or the file ended meanwhile (the caller tells which)
        return True

    def get_forwarding(self, reference, administration):
        try:
            item = self.models.Forwarding.get(reference, administration, consistent_read=True)
        except self.models.Forwarding.DoesNotExist:
            return None
        except PynamoDBException as error:
            raise StorageError("read failed") from error
        return self._forwarding_record(item)

    def list_forwardings(self, reference):
        try:
            items = list(self.models.Forwarding.query(reference, consistent_read=True))
        except PynamoDBException as error:
            raise StorageError("read failed") from error
        return sorted((self._forwarding_record(i) for i in items), key=lambda f: f.forwarded_at)

    def forwarded_to(self, administration, limit, before=None):
        Forwarding_ = self.models.Forwarding
        condition = Forwarding_.forwarded_at < before if before else None
        try:
            items = Forwarding_.by_administration.query(
                administration, condition, scan_index_forward=False, limit=limit
            )
            return [self._forwarding_record(i) for i in items]
        except PynamoDBException as error:
            raise StorageError("read failed") from error

    def open_forwardings_due_by(self, moment, limit=None):
        Forwarding_ = self.models.Forwarding
        try:
            # limit None: every page of the index, 200 items at a time (a Query, never a Scan).
            items = Forwarding_.by_due.query(WAITING, Forwarding_.due_at <= moment, limit=limit, page_size=200)
            return [self._forwarding_record(i) for i in items]
        except PynamoDBException as error:
            raise StorageError("read failed") from error

    def record_answer(self, reference, administration, answered_at, answered_by, event, counters, attachments=(),
                      filing=None):  # fmt: skip
        Forwarding_, Grievance_ = self.models.Forwarding, self.models.Grievance

        def build(transaction):
            transaction.update(
                Forwarding_(reference, administration),
                actions=[Forwarding_.answered_at.set(answered_at), Forwarding_.answered_by.set(answered_by),
                         Forwarding_.waiting.remove()],
                condition=Forwarding_.waiting.exists() & Forwarding_.answered_at.does_not_exist(),
            )  # fmt: skip
            transaction.update(Grievance_(reference), actions=[Grievance_.updated_at.set(event.at)])
            transaction.save(self._event_item(event))
            self._statistic_updates(transaction, counters)
            self._attach(transaction, attachments, reference, filing)

        try:
            self._transact(build)
        except TransactWriteError as error:
            current = self.get_forwarding(reference, administration)
            if attachments and current is not None and current.answered_at is None and not current.paused:
                raise AttachmentUnavailableError(",".join(attachments)) from error
            return False
        return True

    def mark_reminded(self, reference, administration, expected, sent):
        Forwarding_ = self.models.Forwarding
        try:
            Forwarding_(reference, administration).update(
                actions=[Forwarding_.reminders_sent.set(sent)],
                condition=(Forwarding_.reminders_sent == expected)
                & Forwarding_.answered_at.does_not_exist()
                & Forwarding_.waiting.exists(),
            )
        except PynamoDBException as error:
            if getattr(error, "cause_response_code", None) == "ConditionalCheckFailedException":
                return False
            raise StorageError("write failed") from error
        return True

    def backfill_paused(self) -> int:
        """Once, after upgrading: forwardings of files closed before this version still wait in
        the index. One Query of it (never a scan) and a read of each file; those whose file ended
        leave it, on the condition that they are still unanswered."""
        from .records import is_anonymised

        Forwarding_, paused = self.models.Forwarding, 0
        try:
            for item in list(Forwarding_.by_due.query(WAITING, page_size=200)):
                grievance = self.get_grievance(item.reference)
                if grievance is not None and grievance.status not in FINAL_STATUSES and not is_anonymised(grievance):
                    continue
                try:
                    Forwarding_(item.reference, item.administration).update(
                        actions=[Forwarding_.waiting.remove()], condition=Forwarding_.answered_at.does_not_exist()
                    )
                except PynamoDBException as error:
                    if getattr(error, "cause_response_code", None) != "ConditionalCheckFailedException":
                        raise
                    continue
                paused += 1
        except PynamoDBException as error:
            raise StorageError("backfill failed") from error
        return paused

    def _pause_steps(self, reference, paused: bool) -> list:
        """Transaction steps that pause (file closed) or resume (reopened) a file's unanswered
        forwardings: out of, or back into, the waiting index. Read first: a file has a few."""
        Forwarding_ = self.models.Forwarding
        action = Forwarding_.waiting.remove() if paused else Forwarding_.waiting.set(WAITING)
        return [
            lambda t, f=f: t.update(
                Forwarding_(f.reference, f.administration),
                actions=[action],
                condition=Forwarding_.answered_at.does_not_exist(),
            )
            for f in self.list_forwardings(reference)
            if f.answered_at is None
        ]
