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
    # 9 forwarded and 6 answered would say 3 are awaited: the answers are "5+" (6 to 9, as far as anyone knows).
    assert public["cnss"]["forwarded"] == 9 and public["cnss"]["answered"] == "5+"
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


def consistent(value: int, shown) -> bool:
    return value == shown if isinstance(shown, int) else (1 <= value <= 4 if shown == "<5" else value >= 5)


def test_no_masked_count_of_a_row_can_be_worked_out():
    """By brute force, as a reader who sees the row: every triple of counts (forwarded, answered,
    late, with answered + late <= forwarded) that fits what is shown. Each count shown masked, and
    the number of answers still awaited when it is under 5, must keep two possible values. (As for
    the other tables, the reader is not assumed to run the masking rule backwards.)"""
    from functions.cases.statistics import protect_row

    box = range(0, 40)
    for forwarded in range(1, 20):
        for answered in range(forwarded + 1):
            for late in range(forwarded - answered + 1):
                shown = tuple(protect_row(forwarded, answered, late).values())
                fits = [
                    (f, a, o) for f in box if f >= 1 and consistent(f, shown[0])
                    for a in box if consistent(a, shown[1])
                    for o in box if consistent(o, shown[2]) and a + o <= f
                ]  # fmt: skip
                assert (forwarded, answered, late) in fits
                for position, value in enumerate(shown):
                    if isinstance(value, str):
                        assert len({row[position] for row in fits}) >= 2, ((forwarded, answered, late), shown)
                if 0 < forwarded - answered < 5:
                    assert len({f - a for f, a, _ in fits}) >= 2, ((forwarded, answered, late), shown)


def test_no_median_beside_a_masked_number_of_answers():
    """A median ending in .5 tells an even number of answers: beside "5+", 7 forwarded would then
    say 6 answered and 1 awaited."""
    counters = {"administration_forwarded": {"cnss": 7}, "administration_answered": {"cnss": 6},
                "administration_days:cnss": {"10": 3, "15": 3}}  # fmt: skip
    (row,) = figures(counters, overdue_now={"cnss": 1})["administrations"]
    assert row["answered"] == "5+" and row["median_days_to_answer"] is None
    (exact,) = accountability(counters, {"cnss": 1}, masked=False)
    assert exact["median_days_to_answer"] == 12.5
