"""A correction of the person's details on DynamoDB (law 09-08, rectification): the form's new
values, the timeline's entry and the search tokens in one transaction, on the condition that the
stored form is still, byte for byte, the one the staff member's correction was made from."""

import json

from pynamodb.exceptions import PynamoDBException, TransactWriteError

from .port import StorageError


class DynamoCorrections:
    def correct_payload(self, reference, expected, payload, event, removed_tokens, added_tokens):
        from .dynamo_store import SEARCH_PARTITION

        Grievance_, Event_ = self.models.Grievance, self.models.Event
        try:
            item = Grievance_.get(reference, consistent_read=True)
        except Grievance_.DoesNotExist:
            return False
        except PynamoDBException as error:
            raise StorageError("read failed") from error
        if item.anonymised_at or json.loads(item.payload) != expected:
            return False
        grievance = self._grievance_record(item)
        condition = (Grievance_.payload == item.payload) & Grievance_.anonymised_at.does_not_exist()

        def build(transaction):
            transaction.update(
                Grievance_(reference), condition=condition,
                actions=[Grievance_.payload.set(json.dumps(payload, ensure_ascii=False))],
            )  # fmt: skip
            transaction.save(self._event_item(event))
            for token in removed_tokens:
                transaction.delete(Event_(f"{SEARCH_PARTITION}{token}", reference))
            for token in added_tokens:
                transaction.save(self._token_item(token, grievance))

        try:
            self._transact(build)
        except TransactWriteError:
            return False  # the condition failed: someone changed the form first
        return True
