"""Retention (law 09-08): a closed file is kept in full for SAWT_RETENTION_YEARS after it reached
its final status, then anonymised — its personal fields, the text of its messages, replies and
notes, its documents (files and S3 objects) and its search tokens removed — while what statistics
need stays: status (the outcome), dates, type, category, region, country, delegation, counters.

The same step erases a file before its time, on a person's justified request confirmed by two
admins (functions/cases/subject_rights.py). Run by the housekeeping on one server and by a
scheduled function on AWS; each run finds what is due by an index on the closing time.
"""

import dataclasses
import logging

from ..platform.config import Config
from ..storage.port import GrievanceStore, StorageError
from ..storage.records import Event, is_anonymised, iso, utc_now, years_after
from .notifications import forget_outbox
from .search_tokens import filing_tokens

log = logging.getLogger("sawt")

# What an event keeps once anonymised: codes chosen from lists (a message template, an orientation
# card, a language, a delegation, a staff id, the names of corrected fields), never words someone
# typed or a document's name.
KEPT_EVENT_FIELDS = ("template", "card", "language", "from", "to", "fields")


def reduced(event: Event) -> Event:
    return dataclasses.replace(event, body={k: v for k, v in event.body.items() if k in KEPT_EVENT_FIELDS})


def document_ids(grievance, events) -> tuple[str, ...]:
    """The documents filed with the grievance and sent with answers to staff."""
    ids = list(grievance.payload.get("attachments", []))
    ids += [u for e in events for u in (e.body.get("attachments") or []) if u not in ids]
    return tuple(ids)


@dataclasses.dataclass
class Retention:
    store: GrievanceStore
    files: object  # FileStore
    secret: bytes
    config: Config
    clock: object = utc_now

    def cutoff(self) -> str:
        """Files closed before this moment are due."""
        return iso(years_after(self.clock(), -self.config.int("SAWT_RETENTION_YEARS")))

    def due(self, limit: int = 100) -> list[tuple[str, str]]:
        return self.store.closed_before(self.cutoff(), limit)

    def anonymise(self, reference: str, closed_before: str | None) -> bool:
        """Documents (and the outbox's e-mails about the file) first, then the records in one
        conditional write: a crash in between leaves a
        file whose documents are gone but which is still due, and the next run finishes it."""
        grievance = self.store.get_grievance(reference)
        if grievance is None or is_anonymised(grievance):
            return False
        events = self.store.list_events(reference)
        uploads = [self.store.get_upload(u) for u in document_ids(grievance, events)]
        uploads = [u for u in uploads if u is not None and u.reference == reference]
        for upload in uploads:
            self.files.discard(upload)
        forget_outbox(self.config, reference)  # the e-mails about it in the outbox folder, if any
        done = self.store.anonymise(
            reference, closed_before, iso(self.clock()), [reduced(e) for e in events],
            filing_tokens(self.secret, grievance.payload), tuple(u.upload_id for u in uploads),
        )  # fmt: skip
        if done:
            self._erase_late_writes(reference, {u.upload_id for u in uploads})
        return done

    def _erase_late_writes(self, reference: str, discarded: set[str]) -> None:
        """A note, an answer or a document written while the documents were being deleted (on S3,
        seconds) was not among the events read first; the file takes nothing more now, so one more
        pass removes them."""
        late = [e for e in self.store.list_events(reference) if set(e.body) - set(KEPT_EVENT_FIELDS)]
        ids = [u for e in late for u in (e.body.get("attachments") or []) if u not in discarded]
        uploads = [u for u in (self.store.get_upload(i) for i in ids) if u is not None and u.reference == reference]
        for upload in uploads:
            self.files.discard(upload)
        if late or uploads:
            self.store.erase_late_writes(reference, [reduced(e) for e in late], tuple(u.upload_id for u in uploads))

    def run(self, dry_run: bool = False, batch: int = 100) -> dict:
        """Anonymise every file due (or, dry, list them) and remove audit entries past their own
        period where the store does it itself (one server; DynamoDB's TTL on AWS)."""
        cutoff, done, listed = self.cutoff(), 0, []
        while True:
            due = self.store.closed_before(cutoff, batch)
            if dry_run:
                listed = due
                break
            progressed = sum(self.anonymise(reference, cutoff) for reference, _closed in due)
            done += progressed
            if len(due) < batch or not progressed:
                break
        audit_before = iso(years_after(self.clock(), -self.config.int("SAWT_AUDIT_RETENTION_YEARS")))
        audit = 0
        if not dry_run and hasattr(self.store, "purge_audit"):
            audit = self.store.purge_audit(audit_before)
        if done or audit:
            log.info("retention anonymised %d files closed before %s, removed %d audit entries", done, cutoff, audit)
        return {"cutoff": cutoff, "anonymised": done, "due": listed, "audit_before": audit_before, "audit": audit}


def from_config(config: Config, clock=utc_now) -> Retention:
    from ..platform.server_secret import load_secret
    from ..storage import open_files, open_store

    secret = load_secret(config)
    return Retention(open_store(config), open_files(config, secret), secret, config, clock)


def scheduled_retention(event=None, context=None):
    """AWS: the admin stage calls this once a day (zappa_settings.json "events")."""
    try:
        report = from_config(Config.from_env()).run()
    except StorageError:
        log.error("retention failed: storage unavailable")
        raise
    return {"anonymised": report["anonymised"]}
