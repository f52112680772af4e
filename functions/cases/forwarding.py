"""Forwarding a file to the administration concerned, and collecting its answer.

By law an administration has two months to answer the Ombudsman (SAWT_DEADLINE_ADMINISTRATION_DAYS).
Each forwarding has its own clock: a file can go to several administrations. The correspondent reads
only what staff wrote for them and the documents staff chose; their answer reaches staff only (the
complainant is told that it arrived and when, and what it says only through staff's own message).
Reminders go at the points of SAWT_ADMINISTRATION_REMINDER_DAYS before the deadline, then once when
it passes; each is claimed in one conditional write, so two dispatchers never send it twice.
"""

import dataclasses
import datetime as dt

from marshmallow import ValidationError

from schemas.administrations import administration_name, administrations
from schemas.fields import staff_text
from schemas.vocabulary import FINAL_STATUSES, LANGUAGES

from ..platform.config import Config
from ..storage.port import AttachmentUnavailableError
from ..storage.records import CounterChange, Forwarding, Grievance, is_anonymised, iso, parse_iso, utc_now
from . import notifications
from .domain_errors import InvalidInputError
from .filing import new_event

MAX_TEXT = 4000
MAX_SHARED = 20


class AlreadyForwardedError(Exception):
    """This file waits for (or has) this administration's answer already."""


class AlreadyAnsweredError(Exception):
    """The administration answered already (another correspondent, or the same form sent twice)."""


class FileClosedError(Exception):
    """The file reached a final status before the administration answered: its clock is paused,
    no answer or reminder is taken (reopening the file resumes it)."""


class AlreadyRemindedError(Exception):
    """Staff sent this administration a reminder by hand on this calendar day (UTC) already."""


def has_ended(grievance: Grievance | None) -> bool:
    """Gone, in a final status or anonymised: no administration is waited for on it."""
    return grievance is None or grievance.status in FINAL_STATUSES or is_anonymised(grievance)


def reminder_days(config: Config) -> list[int]:
    """Days before the deadline a reminder goes, largest first ("14,3"): positive whole numbers."""
    days = []
    for part in config["SAWT_ADMINISTRATION_REMINDER_DAYS"].split(","):
        if part.strip():
            days.append(int(part))
    return sorted({d for d in days if d > 0}, reverse=True)


def reminder_points(due_at: str, config: Config) -> list[dt.datetime]:
    due = parse_iso(due_at)
    return [due - dt.timedelta(days=d) for d in reminder_days(config)] + [due]


def _text(value: str | None, field: str) -> str:
    try:
        return staff_text(value, MAX_TEXT, required=True)
    except ValidationError as error:
        raise InvalidInputError([(field, error.messages[0])]) from None


@dataclasses.dataclass
class ForwardingService:
    store: object
    config: Config
    clock: object = utc_now
    files: object = None  # the file store, for an answer's documents

    def forward(self, grievance: Grievance, staff_id: str, administration: str, text: str, shared, documents):
        """`shared`: upload ids staff ticked; `documents`: the ids of the file's own documents (only
        those can be shared)."""
        errors = []
        if administration not in administrations():
            errors.append(("administration", "required" if not administration else "not_one_of"))
        try:
            text = _text(text, "text")
        except InvalidInputError as error:
            errors += error.pairs
        shared = tuple(dict.fromkeys(shared))
        if len(shared) > MAX_SHARED or not set(shared) <= set(documents):
            errors.append(("documents", "not_one_of"))
        if has_ended(grievance):
            errors.append(("administration", "already_closed"))
        if errors:
            raise InvalidInputError(errors)
        now = self.clock()
        days = self.config.int("SAWT_DEADLINE_ADMINISTRATION_DAYS")
        forwarding = Forwarding(
            reference=grievance.reference, administration=administration, forwarded_at=iso(now),
            due_at=iso(now + dt.timedelta(days=days)), forwarded_by=staff_id, text=text, shared=shared,
        )  # fmt: skip
        # Staff only: what is asked is written for the administration; the complainant's page shows
        # that the file went there and when its answer is due (from the forwarding itself).
        event = new_event(
            grievance.reference, now, "forwarded", staff_id, public=False,
            body={"administration": administration, "text": text, "attachments": list(shared)},
        )  # fmt: skip
        counters = [CounterChange("administration_forwarded", administration)]
        if not self.store.create_forwarding(forwarding, event, counters):
            if has_ended(self.store.get_grievance(grievance.reference)):
                raise InvalidInputError([("administration", "already_closed")])  # closed or erased meanwhile
            raise AlreadyForwardedError(administration)
        notifications.queue_for_administration(self.store, grievance.reference, administration, "forwarded", now)
        return forwarding

    def answer(self, forwarding: Forwarding, correspondent_id: str, text: str, documents=(), filing=None) -> None:
        """`documents`: uploads verified for this answer (`filing`, the keyed hash of the answer's own
        key: AttachmentService.accept); attached to the file with the answer, or not at all."""
        if forwarding.paused:
            raise FileClosedError(forwarding.administration)
        text = _text(text, "text")
        now = self.clock()
        days = max(0, (now - parse_iso(forwarding.forwarded_at)).days)
        event = new_event(
            forwarding.reference, now, "answer", correspondent_id, public=False,
            body={"administration": forwarding.administration, "text": text,
                  "attachments": [u.upload_id for u in documents]},
        )  # fmt: skip
        for upload in documents:
            self.files.mark_attached(upload)  # (S3: exempt from expiry; a failed answer's are forgotten by the caller)
        counters = [
            CounterChange("administration_answered", forwarding.administration),
            CounterChange(f"administration_days:{forwarding.administration}", str(days)),
        ]
        try:
            done = self.store.record_answer(
                forwarding.reference, forwarding.administration, iso(now), correspondent_id, event, counters,
                tuple(u.upload_id for u in documents), filing,
            )  # fmt: skip
        except AttachmentUnavailableError:
            raise InvalidInputError([("documents", "unknown_attachment")]) from None
        if not done:
            current = self.store.get_forwarding(forwarding.reference, forwarding.administration)
            if current is not None and current.paused:
                raise FileClosedError(forwarding.administration)  # closed while the answer was written
            raise AlreadyAnsweredError(forwarding.administration)

    def remind(self, forwarding: Forwarding) -> None:
        """A reminder sent by hand by staff (the scheduled ones are `send_due_reminders`): one per
        forwarding and UTC calendar day, counted in one conditional write, so a double click or two
        staff members at once send one e-mail."""
        if forwarding.answered_at:
            raise AlreadyAnsweredError(forwarding.administration)
        if forwarding.paused:
            raise FileClosedError(forwarding.administration)
        now = self.clock()
        day = iso(now)[:10]
        bucket = f"remind:{forwarding.reference}:{forwarding.administration}:{day}"
        if self.store.increment_counter(bucket, 1, int(now.timestamp()) + 2 * 86400) is None:
            raise AlreadyRemindedError(forwarding.administration)
        notifications.queue_for_administration(
            self.store, forwarding.reference, forwarding.administration, "reminder", now
        )

    def send_due_reminders(self) -> int:
        """Queue the reminders whose time has come (housekeeping, or the scheduled dispatch on AWS).
        Only one per forwarding at a time, even after a long pause: a file's correspondent is not
        sent three e-mails at once for the points they missed."""
        now = self.clock()
        horizon = now + dt.timedelta(days=max(reminder_days(self.config), default=0))
        queued = 0
        for forwarding in self.store.open_forwardings_due_by(iso(horizon)):
            passed = sum(1 for point in reminder_points(forwarding.due_at, self.config) if point <= now)
            if passed <= forwarding.reminders_sent or self._file_ended(forwarding.reference):
                continue
            if self.store.mark_reminded(
                forwarding.reference, forwarding.administration, forwarding.reminders_sent, passed
            ):
                notifications.queue_for_administration(
                    self.store, forwarding.reference, forwarding.administration, "reminder", now
                )
                queued += 1
        return queued

    def _file_ended(self, reference: str) -> bool:
        """The file is closed or erased. Its forwardings are paused with the status change; one
        closed before that existed still waits in the index, so the file is read before any
        reminder (a few reads a run) and never reminded about."""
        return has_ended(self.store.get_grievance(reference))


def overdue(forwarding: Forwarding, now: dt.datetime) -> bool:
    return forwarding.answered_at is None and not forwarding.paused and parse_iso(forwarding.due_at) < now


def administration_clock(forwarding: Forwarding, now: dt.datetime) -> dict:
    """What the complainant's track page says of one forwarding (schemas/track.py): the names in
    every language, so a view kept on the phone reads in whichever language the page is in."""
    return {
        "administration": forwarding.administration,
        "names": {language: administration_name(forwarding.administration, language) for language in LANGUAGES},
        "forwarded_at": forwarding.forwarded_at,
        "due_at": forwarding.due_at,
        "answered_at": forwarding.answered_at,
        "overdue": overdue(forwarding, now),
    }


def overdue_by_administration(store, now: dt.datetime) -> dict[str, int]:
    """How many answers each administration owes past its deadline, now (the statistics)."""
    counts: dict[str, int] = {}
    for forwarding in store.open_forwardings_due_by(iso(now)):
        counts[forwarding.administration] = counts.get(forwarding.administration, 0) + 1
    return counts
