"""What staff do to a grievance. Each action is one atomic change in the store: the grievance's
fields, one timeline event, and the statistics counters, applied only if the status is still the one
the staff member saw (two people acting at once cannot both win)."""

import dataclasses

from marshmallow import ValidationError

from schemas import guidance
from schemas.fields import staff_text
from schemas.vocabulary import FINAL_STATUSES, LANGUAGES

from ..cases import notifications
from ..cases.deadlines import due_at
from ..cases.domain_errors import InvalidInputError
from ..cases.filing import dimension_counters, new_event, status_counters
from ..cases.message_templates import TEMPLATES
from ..platform.config import Config
from ..storage.records import Grievance, iso, parse_iso, utc_now

TRANSITIONS = {
    "received": {"under_review", "information_requested", "in_progress", "resolved", "closed", "oriented",
                 "inadmissible"},
    "under_review": {"information_requested", "in_progress", "resolved", "closed", "oriented", "inadmissible"},
    "information_requested": {"under_review", "in_progress", "resolved", "closed", "oriented", "inadmissible"},
    "in_progress": {"information_requested", "resolved", "closed"},
    "resolved": {"under_review"},
    "closed": {"under_review"},
    "oriented": {"under_review"},
    "inadmissible": {"under_review"},
    "withdrawn": set(),
}  # fmt: skip
MAX_TEXT = 4000


class ConflictError(Exception):
    """Someone changed the grievance first; show it again."""


@dataclasses.dataclass
class Workflow:
    store: object
    config: Config
    clock: object = utc_now

    def _text(self, text: str | None, field: str, required: bool) -> str:
        try:
            return staff_text(text, MAX_TEXT, required)
        except ValidationError as error:
            raise InvalidInputError([(field, error.messages[0])]) from None

    def _commit(self, grievance, event, changes, counters) -> None:
        if not self.store.record_change(grievance.reference, grievance.status, event, changes, counters):
            raise ConflictError(grievance.reference)
        if event.public and grievance.email_updates:
            notifications.queue(self.store, grievance.reference, self.clock)

    def _answered(self, grievance: Grievance, stamp: str) -> dict:
        return {} if grievance.first_answer_at else {"first_answer_at": stamp}

    @staticmethod
    def _answer_days(grievance: Grievance, now) -> int | None:
        """Days from filing to the first answer (once per file): the public median comes from these."""
        return None if grievance.first_answer_at else (now - parse_iso(grievance.created_at)).days

    def _template(self, template: str | None, field: str = "template") -> str | None:
        if template and template not in TEMPLATES:
            raise InvalidInputError([(field, "not_one_of")])
        return template or None

    def check_status(self, grievance: Grievance, status: str, reason: str, template: str | None, text: str):
        """The combined action's input, checked before anything is shown or sent: the status
        allowed from here, a reason for the file, and what the complainant reads (a template in
        their language, words of staff's own, or both)."""
        errors = []
        if status not in TRANSITIONS.get(grievance.status, ()):
            errors.append(("status", "required" if not status else "not_one_of"))
        try:
            reason = self._text(reason, "reason", required=True)
        except InvalidInputError as error:
            errors += error.pairs
        try:
            template = self._template(template)
            text = self._text(text, "text", required=False)
        except InvalidInputError as error:
            errors += error.pairs
        if errors:
            raise InvalidInputError(errors)
        return status, reason, template, text

    @staticmethod
    def _language(grievance: Grievance, language: str | None) -> str:
        """The language staff wrote their own words in (the complainant's unless they say otherwise):
        the complainant's page names it when it is not the page's."""
        return language if language in LANGUAGES else grievance.language

    def change_status(
        self, grievance: Grievance, staff_id: str, status: str, reason: str, template=None, text="", kind="status",
        body=None, language=None,
    ):  # fmt: skip
        status, reason, template, text = self.check_status(grievance, status, reason, template, text)
        now = self.clock()
        stamp = iso(now)
        said = {"template": template, "text": text} if template or text else {}
        if text:
            said["language"] = self._language(grievance, language)
        event = new_event(
            grievance.reference, now, kind, staff_id, status=status, body={"reason": reason, **said, **(body or {})}
        )
        changes = {
            "status": status,
            "updated_at": stamp,
            "due_at": due_at(status, grievance.created_at, stamp, self.config),
            **self._answered(grievance, stamp),
        }
        self._commit(grievance, event, changes, status_counters(grievance, status, self._answer_days(grievance, now)))

    def add_note(self, grievance: Grievance, staff_id: str, text: str) -> None:
        """A note for staff only: never public, so no page, e-mail or export for the complainant or
        the public carries it. A note does not depend on the status: a change made meanwhile is
        read again and the note kept."""
        text = self._text(text, "text", required=True)
        for _attempt in range(5):
            event = new_event(grievance.reference, self.clock(), "note", staff_id, public=False, body={"text": text})
            if self.store.record_change(grievance.reference, grievance.status, event, {}, []):
                return
            grievance = self.store.get_grievance(grievance.reference)
        raise ConflictError(grievance.reference)

    def message(self, grievance: Grievance, staff_id: str, template: str | None, text: str, language=None) -> None:
        template = self._template(template)
        text = self._text(text, "text", required=not template)
        now = self.clock()
        stamp = iso(now)
        body = {"template": template, "text": text}
        if text:
            body["language"] = self._language(grievance, language)
        event = new_event(grievance.reference, now, "message", staff_id, body=body)
        counters = status_counters(grievance, grievance.status, self._answer_days(grievance, now))
        self._commit(grievance, event, {"updated_at": stamp, **self._answered(grievance, stamp)}, counters)

    def request_information(self, grievance: Grievance, staff_id: str, template, text: str, language=None) -> None:
        template = self._template(template)
        text = self._text(text, "text", required=not template)
        reason = text or str(TEMPLATES[template])
        self.change_status(
            grievance, staff_id, "information_requested", reason, template, text, "information_request",
            language=language,
        )  # fmt: skip

    def check_orientation(self, card: str, note: str, reason: str | None) -> None:
        errors = [] if card in guidance.orientation()["card"] else [("card", "required" if not card else "not_one_of")]
        for value, field, required in ((note, "note", False), (reason, "reason", reason is not None)):
            try:
                self._text(value, field, required)
            except InvalidInputError as error:
                errors += error.pairs
        if errors:
            raise InvalidInputError(errors)

    def orient(self, grievance: Grievance, staff_id: str, card: str, note: str, reason: str | None = None) -> None:
        """`reason` (kept in the file) is asked by the file page; other callers may leave it out."""
        self.check_orientation(card, note, reason)
        note = self._text(note, "note", required=False)
        body = str(guidance.orientation()["card"][card]["body"])
        reason = self._text(reason, "reason", required=False) or note or body
        self.change_status(grievance, staff_id, "oriented", reason, None, note, "orientation", {"card": card})

    def reassign(self, grievance: Grievance, staff_id: str, delegation: str, reason: str) -> None:
        codes = {d["code"] for d in guidance.delegations()}
        if delegation not in codes or delegation == grievance.delegation:
            raise InvalidInputError([("delegation", "not_one_of")])
        reason = self._text(reason, "reason", required=True)
        now = self.clock()
        event = new_event(
            grievance.reference, now, "reassigned", staff_id, public=False,
            body={"from": grievance.delegation, "to": delegation, "reason": reason},
        )  # fmt: skip
        # The file's figures move from one delegation's statistics to the other's.
        counters = dimension_counters(grievance, f"delegation:{grievance.delegation}", -1) + dimension_counters(
            dataclasses.replace(grievance, delegation=delegation), f"delegation:{delegation}", 1
        )
        self._commit(grievance, event, {"delegation": delegation, "updated_at": iso(now)}, counters)

    def assign(self, grievance: Grievance, staff_id: str, assignee: str | None, candidates: set[str]) -> None:
        """Give the file to a case officer (or to nobody); `candidates`: who may own it (active
        staff who can see it). Staff only: the complainant is not told who reads their file."""
        assignee = assignee or None
        if assignee is not None and assignee not in candidates:
            raise InvalidInputError([("assignee", "not_one_of")])
        if assignee == grievance.assigned_to:
            raise InvalidInputError([("assignee", "not_one_of")])
        now = self.clock()
        event = new_event(
            grievance.reference, now, "assigned", staff_id, public=False,
            body={"from": grievance.assigned_to, "to": assignee},
        )  # fmt: skip
        self._commit(grievance, event, {"assigned_to": assignee}, [])

    @staticmethod
    def next_statuses(grievance: Grievance) -> list[str]:
        return sorted(TRANSITIONS.get(grievance.status, ()))

    @staticmethod
    def is_open(grievance: Grievance) -> bool:
        return grievance.status not in FINAL_STATUSES
