"""Retention on DynamoDB: the files due (one Query of a sparse index by closing time: only files
closed and not yet anonymised hold `retention`), and anonymising one in conditional transactions.
Audit entries leave by TTL (`expires_at`, written with each entry: functions/storage/dynamo_admin.py)."""

import json

from pynamodb.exceptions import PynamoDBException, TransactWriteError
from pynamodb.transactions import TransactWrite

from schemas.vocabulary import FINAL_STATUSES

from .port import StorageError

RETAINED = "closed"  # the sparse index's one partition
_PER_TRANSACTION = 90  # DynamoDB takes 100 items per transaction; one is the condition on the file


class DynamoRetention:
    def closed_before(self, cutoff, limit):
        Grievance_ = self.models.Grievance
        try:
            items = Grievance_.by_closing.query(RETAINED, Grievance_.closed_at < cutoff, limit=limit)
            return [(item.reference, item.closed_at) for item in items]
        except PynamoDBException as error:
            raise StorageError("query failed") from error

    def anonymise(self, reference, closed_before, at, events, search_tokens, upload_ids):
        from .dynamo_store import SEARCH_PARTITION

        Grievance_, Event_, Upload_ = self.models.Grievance, self.models.Event, self.models.Upload
        condition = Grievance_.anonymised_at.does_not_exist() & Grievance_.reference.exists()
        if closed_before:
            condition &= Grievance_.retention.exists() & (Grievance_.closed_at < closed_before)
        steps = [lambda t, e=e: t.save(self._event_item(e)) for e in events]
        steps += [lambda t, k=token: t.delete(Event_(f"{SEARCH_PARTITION}{k}", reference)) for token in search_tokens]
        steps += [lambda t, u=upload_id: t.delete(Upload_(u)) for upload_id in upload_ids]
        steps += self._forwardings_emptied(reference)
        # Every batch holds the file's condition, so a file reopened (or erased) meanwhile stops
        # the run at the next batch; the file itself changes in the last one.
        batches = [steps[i : i + _PER_TRANSACTION] for i in range(0, len(steps), _PER_TRANSACTION)] or [[]]
        try:
            for number, batch in enumerate(batches, 1):
                with TransactWrite(connection=self.connection) as transaction:
                    for step in batch:
                        step(transaction)
                    if number < len(batches):
                        transaction.condition_check(Grievance_, reference, condition=condition)
                    else:
                        transaction.update(Grievance_(reference), condition=condition, actions=[
                            Grievance_.payload.set(json.dumps({"anonymised_at": at})),
                            Grievance_.email_updates.set(False), Grievance_.anonymised_at.set(at),
                            Grievance_.assigned_to.remove(), Grievance_.retention.remove(),
                        ])  # fmt: skip
        except TransactWriteError as error:
            reasons = [r.code for r in (error.cancellation_reasons or []) if r is not None]
            if "ConditionalCheckFailed" in reasons:
                return False
            raise StorageError("anonymisation failed") from error
        return True

    def erase_late_writes(self, reference, events, upload_ids):
        Upload_ = self.models.Upload
        steps = [lambda t, e=e: t.save(self._event_item(e)) for e in events]
        steps += [lambda t, u=upload_id: t.delete(Upload_(u)) for upload_id in upload_ids]
        steps += self._forwardings_emptied(reference)
        try:
            for start in range(0, len(steps), _PER_TRANSACTION):
                with TransactWrite(connection=self.connection) as transaction:
                    for step in steps[start : start + _PER_TRANSACTION]:
                        step(transaction)
        except (TransactWriteError, PynamoDBException) as error:
            raise StorageError("anonymisation failed") from error

    def _forwardings_emptied(self, reference) -> list:
        """What staff asked an administration is about the person too; an anonymised file waits
        for no answer (out of the waiting index; its dates stay for the accountability figures)."""
        Forwarding_ = self.models.Forwarding
        emptied = [Forwarding_.text.set(""), Forwarding_.shared.set("[]"), Forwarding_.waiting.remove()]
        return [
            lambda t, f=f: t.update(Forwarding_(reference, f.administration), actions=emptied)
            for f in self.list_forwardings(reference)
        ]

    def backfill_closing(self) -> int:
        """Once, after upgrading: files closed before this version have no `closed_at` and are not
        in the index. One Query of the status index per final status (not a scan) dates them by
        their last update, with a condition, so a file changed meanwhile keeps its own."""
        Grievance_ = self.models.Grievance
        dated = 0
        try:
            for status in sorted(FINAL_STATUSES):
                for item in Grievance_.by_status.query(status):
                    if item.closed_at or item.anonymised_at:
                        continue
                    try:
                        item.update(
                            actions=[Grievance_.closed_at.set(item.updated_at), Grievance_.retention.set(RETAINED)],
                            condition=(Grievance_.status == status) & Grievance_.closed_at.does_not_exist(),
                        )
                    except PynamoDBException as error:
                        if getattr(error, "cause_response_code", None) != "ConditionalCheckFailedException":
                            raise
                        continue
                    dated += 1
        except PynamoDBException as error:
            raise StorageError("backfill failed") from error
        return dated
