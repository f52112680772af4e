"""Deadline clocks: the next expected step of a grievance and the date it is due.

Durations are configuration (SAWT_DEADLINE_*), with defaults from the institution's public figures:
the first study took 16 days on average in 2024 (we promise three weeks), and an administration has
two months to answer the Ombudsman.
"""

import datetime as dt

from ..platform.config import Config
from ..storage.records import iso, parse_iso

# status -> (next step, SAWT setting with its duration, does the clock start at filing?)
CLOCKS = {
    "received": ("initial_study", "SAWT_DEADLINE_INITIAL_DAYS", True),
    "under_review": ("initial_study", "SAWT_DEADLINE_INITIAL_DAYS", True),
    "information_requested": ("your_answer", "SAWT_DEADLINE_INFORMATION_DAYS", False),
    "in_progress": ("administration_answer", "SAWT_DEADLINE_ADMINISTRATION_DAYS", False),
}


def next_step(status: str) -> str | None:
    clock = CLOCKS.get(status)
    return clock[0] if clock else None


def due_at(status: str, created_at: str, changed_at: str, config: Config) -> str | None:
    clock = CLOCKS.get(status)
    if clock is None:
        return None
    _step, setting, from_filing = clock
    start = parse_iso(created_at if from_filing else changed_at)
    return iso(start + dt.timedelta(days=config.int(setting)))


def is_overdue(due: str | None, now: dt.datetime) -> bool:
    return due is not None and parse_iso(due) < now
