"""The clean-up the embedded backend does for itself: on AWS, DynamoDB's TTL and the bucket's
lifecycle rules remove the same things (expired replay records, rate-limit windows, staff sessions,
documents uploaded but never attached), and a scheduled function applies the retention rule."""

import logging

log = logging.getLogger("sawt")


def housekeep(store, attachments, now: int, batch: int = 100, retention=None) -> dict[str, int]:
    """Remove what has expired; returns how many of each. Grievances, their events and documents,
    the audit log and statistics are records, never removed here — except by `retention`
    (functions/cases/retention.py): closed files past their period anonymised, and audit entries
    past theirs removed."""
    removed = store.purge_expired(now)
    removed["uploads"] = 0
    while True:
        swept = attachments.sweep(batch)
        removed["uploads"] += swept
        if swept < batch:
            break
    if any(removed.values()):
        log.info("housekeeping removed %s", ", ".join(f"{n} {what}" for what, n in removed.items() if n))
    if retention is not None:
        report = retention.run()
        removed["anonymised"], removed["audit"] = report["anonymised"], report["audit"]
    return removed
