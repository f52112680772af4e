"""Accountability per administration: forwarded, answered, median days to answer, overdue now —
exact for staff, masked like every public figure (under 5: "fewer than 5"; a median needs 5)."""

import datetime as dt

from functions.cases.forwarding import ForwardingService, overdue_by_administration
from functions.cases.statistics import accountability, figures
from functions.storage.records import utc_now
from tests.test_store_contract import create, make_grievance

COUNTERS = {
    "administration_forwarded": {"cnss": 9, "cmr": 3},
    "administration_answered": {"cnss": 6, "cmr": 1},
    "administration_days:cnss": {"10": 2, "30": 3, "61": 1},
    "administration_days:cmr": {"12": 1},
}


def test_staff_see_exact_figures():
    rows = {r["administration"]: r for r in accountability(COUNTERS, {"cnss": 2, "cmr": 1}, masked=False)}
    assert rows["cnss"]["forwarded"] == 9 and rows["cnss"]["answered"] == 6 and rows["cnss"]["overdue_now"] == 2
    assert rows["cnss"]["median_days_to_answer"] == 30.0
    assert rows["cmr"]["forwarded"] == 3 and rows["cmr"]["answered"] == 1 and rows["cmr"]["overdue_now"] == 1
    assert rows["cmr"]["median_days_to_answer"] is None  # one answer is no median
    assert rows["cnss"]["names"]["ar"] == "الصندوق الوطني للضمان الاجتماعي"


def test_the_public_sees_small_counts_masked():
    public = {r["administration"]: r for r in figures(COUNTERS, overdue_now={"cnss": 2, "cmr": 1})["administrations"]}
    assert public["cnss"]["forwarded"] == 9 and public["cnss"]["answered"] == 6
    assert public["cnss"]["overdue_now"] == "<5" and public["cmr"]["forwarded"] == "<5"
    assert public["cmr"]["answered"] == "<5" and public["cmr"]["median_days_to_answer"] is None
    assert figures({"administration_forwarded": {"taxes": 0}})["administrations"] == []


def test_overdue_now_is_read_from_the_store(store, config):
    now = utc_now()
    for administration, days_ago in (("cnss", 70), ("cnss", 61), ("cmr", 65), ("cmr", 10)):
        grievance = make_grievance()
        create(store, grievance, f"key-{grievance.reference}")
        ForwardingService(store, config, clock=lambda d=days_ago: now - dt.timedelta(days=d)).forward(
            grievance, "officer@example.ma", administration, "Merci", [], set()
        )
    assert overdue_by_administration(store, now) == {"cnss": 2, "cmr": 1}
    counters = store.read_statistics()
    assert counters["administration_forwarded"] == {"cnss": 2, "cmr": 2}
