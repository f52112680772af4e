"""Staff accounts, their sessions and the audit log on DynamoDB."""

import dataclasses
import json

from pynamodb.exceptions import PynamoDBException

from .port import StaffExistsError, StorageError
from .records import AuditEntry, Staff, StaffSession, parse_iso, years_after

AUDIT_MONTHS = 24  # how far back the audit viewer pages


def _previous_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    return f"{year - 1}-12" if number == 1 else f"{year}-{number - 1:02d}"


def _staff(item) -> Staff:
    # An attribute added after an account was made is absent from its item: the record's default.
    values = {}
    for name, field in Staff.__dataclass_fields__.items():
        value = item.attribute_values.get(name)
        values[name] = field.default if value is None and field.default not in (None, dataclasses.MISSING) else value
    return Staff(**values)


class DynamoAdmin:
    def _notification_item(self, notification_id, reference, created_at, now):
        return self.models.Notification(
            notification_id=notification_id, reference=reference, created_at=created_at, status="pending",
            attempts=0, next_try=now,
        )  # fmt: skip

    def _audit_item(self, entry):
        return self.models.Audit(
            month=entry.at[:7], audit_id=entry.audit_id, at=entry.at, staff_id=entry.staff_id, action=entry.action,
            target=entry.target, address=entry.address, detail=json.dumps(entry.detail, ensure_ascii=False),
            expires_at=self._audit_expiry(entry.at),
        )  # fmt: skip

    def enqueue_notification(self, notification_id, reference, created_at, now):
        try:
            self._notification_item(notification_id, reference, created_at, now).save()
        except PynamoDBException as error:
            raise StorageError("write failed") from error

    def claim_notifications(self, now, lease, limit):
        Notification = self.models.Notification
        claimed = []
        try:
            for item in Notification.due.query(
                "pending", range_key_condition=Notification.next_try <= now, limit=limit
            ):
                try:
                    # Only if nobody claimed it meanwhile: the lease is the lock.
                    item.update(actions=[Notification.next_try.set(now + lease)],
                                condition=Notification.next_try == item.next_try)  # fmt: skip
                except PynamoDBException:
                    continue
                claimed.append((item.notification_id, item.reference, int(item.attempts)))
        except PynamoDBException as error:
            raise StorageError("read failed") from error
        return claimed

    def finish_notification(self, notification_id, status, attempts, next_try):
        Notification = self.models.Notification
        try:
            Notification(notification_id).update(
                actions=[Notification.status.set(status), Notification.attempts.set(attempts),
                         Notification.next_try.set(next_try)]
            )  # fmt: skip
        except PynamoDBException as error:
            raise StorageError("write failed") from error

    def notifications_of(self, reference):
        # The "by-reference" index: one Query of the file's e-mails, never a scan of the queue.
        try:
            items = self.models.Notification.by_reference.query(reference)
            return [(i.notification_id, i.created_at, i.status, int(i.next_try)) for i in items]
        except PynamoDBException as error:
            raise StorageError("read failed") from error

    def count_notifications(self, status):
        # The "by-due" index is keyed by status: a Query, not a scan.
        try:
            return self.models.Notification.due.count(status)
        except PynamoDBException as error:
            raise StorageError("read failed") from error

    def _get(self, model, key):
        try:
            return model.get(key, consistent_read=True)
        except model.DoesNotExist:
            return None
        except PynamoDBException as error:
            raise StorageError("read failed") from error

    def create_staff(self, staff):
        Staff_ = self.models.Staff
        try:
            Staff_(**vars(staff)).save(condition=Staff_.staff_id.does_not_exist())
        except PynamoDBException as error:
            if getattr(error, "cause_response_code", None) == "ConditionalCheckFailedException":
                raise StaffExistsError(staff.staff_id) from None
            raise StorageError("write failed") from error

    def get_staff(self, staff_id):
        item = self._get(self.models.Staff, staff_id)
        return _staff(item) if item else None

    def list_staff(self):
        # Staff are a few dozen people: this table is read whole only by the staff page, never by
        # a citizen's request.
        try:
            items = list(self.models.Staff.scan())
        except PynamoDBException as error:
            raise StorageError("read failed") from error
        return sorted(
            (_staff(i) for i in items),
            key=lambda s: s.staff_id,
        )

    def update_staff(self, staff_id, **changes):
        Staff_ = self.models.Staff
        actions = [getattr(Staff_, k).remove() if v is None else getattr(Staff_, k).set(v) for k, v in changes.items()]
        try:
            Staff_(staff_id).update(actions=actions, condition=Staff_.staff_id.exists())
        except PynamoDBException as error:
            raise StorageError("write failed") from error

    def _conditional_update(self, staff_id, actions, condition) -> bool:
        Staff_ = self.models.Staff
        try:
            Staff_(staff_id).update(actions=actions, condition=Staff_.staff_id.exists() & condition)
        except PynamoDBException as error:
            if getattr(error, "cause_response_code", None) == "ConditionalCheckFailedException":
                return False
            raise StorageError("write failed") from error
        return True

    def claim_totp_step(self, staff_id, step):
        Staff_ = self.models.Staff
        # Absent on accounts made before the attribute existed: no step used yet.
        later = Staff_.totp_last_step.does_not_exist() | (Staff_.totp_last_step < step)
        return self._conditional_update(staff_id, [Staff_.totp_last_step.set(step)], later)

    def enable_totp(self, staff_id, secret, step):
        Staff_ = self.models.Staff
        actions = [Staff_.totp_secret.set(secret), Staff_.totp_enabled.set(True), Staff_.totp_last_step.set(step)]
        return self._conditional_update(staff_id, actions, Staff_.totp_enabled == False)  # noqa: E712 - a condition

    def has_staff(self):
        try:
            return any(True for _ in self.models.Staff.scan(limit=1))
        except PynamoDBException as error:
            raise StorageError("read failed") from error

    def create_session(self, session):
        try:
            self.models.Session(**vars(session)).save()
        except PynamoDBException as error:
            raise StorageError("write failed") from error

    def get_session(self, session_hash):
        item = self._get(self.models.Session, session_hash)
        if not item:
            return None
        return StaffSession(**{k: item.attribute_values.get(k) for k in StaffSession.__dataclass_fields__})

    def update_session(self, session_hash, **changes):
        Session_ = self.models.Session
        actions = [
            getattr(Session_, k).remove() if v is None else getattr(Session_, k).set(v) for k, v in changes.items()
        ]
        try:
            Session_(session_hash).update(actions=actions, condition=Session_.session_hash.exists())
        except PynamoDBException as error:
            raise StorageError("write failed") from error

    def delete_session(self, session_hash):
        try:
            self.models.Session(session_hash).delete()
        except PynamoDBException as error:
            raise StorageError("write failed") from error

    def end_sessions_of(self, staff_id):
        # A scan, on purpose: the table holds only live sessions (TTL removes the rest), a few dozen
        # rows, and this runs only when an admin resets or deactivates an account.
        Session = self.models.Session
        try:
            mine = list(Session.scan(Session.staff_id == staff_id, attributes_to_get=["session_hash"]))
            for session in mine:
                session.delete()
        except PynamoDBException as error:
            raise StorageError("write failed") from error
        return len(mine)

    def append_audit(self, entry):
        try:
            self._audit_item(entry).save(condition=self.models.Audit.audit_id.does_not_exist())
        except PynamoDBException as error:
            raise StorageError("write failed") from error

    def _audit_expiry(self, at: str) -> int | None:
        years = getattr(self, "audit_years", None)
        return int(years_after(parse_iso(at), years).timestamp()) if years else None

    def list_audit(self, staff_id, action, target, before, limit):
        Audit_ = self.models.Audit
        condition = None
        for name, value in (("staff_id", staff_id), ("action", action)):
            if value:
                term = getattr(Audit_, name) == value
                condition = term if condition is None else condition & term
        entries = []

        def collect(results):
            for item in results:
                values = item.attribute_values
                entries.append(AuditEntry(
                    audit_id=values["audit_id"], at=values["at"], staff_id=values["staff_id"], action=values["action"],
                    target=values.get("target"), address=values.get("address"), detail=json.loads(values["detail"]),
                ))  # fmt: skip

        range_condition = (Audit_.audit_id < before) if before else None
        try:
            if target:
                collect(Audit_.by_target.query(target, range_key_condition=range_condition, filter_condition=condition,
                                               scan_index_forward=False, limit=limit))  # fmt: skip
                return entries
            from .records import iso, utc_now

            month = (before or iso(utc_now()))[:7]
            for _ in range(AUDIT_MONTHS):
                collect(Audit_.query(month, range_key_condition=range_condition, filter_condition=condition,
                                     scan_index_forward=False, limit=limit - len(entries)))  # fmt: skip
                if len(entries) >= limit:
                    break
                month = _previous_month(month)
        except PynamoDBException as error:
            raise StorageError("read failed") from error
        return entries
