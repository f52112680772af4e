"""The inbox and staff changes, one contract on both backends: filters, scope, pages, counters."""

import dataclasses
import datetime as dt
import itertools

import pytest

from functions.admin.workflow import ConflictError, Workflow
from functions.cases.filing import creation_counters, new_event
from functions.platform.config import Config
from functions.storage.records import IdempotencyRecord, InboxQuery, iso
from schemas.guidance import delegation_for_region
from tests.test_store_contract import make_grievance

START = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
REGIONS = ("fes_meknes", "casablanca_settat", "rabat_sale_kenitra")  # the last: the central office's
CATEGORIES = ("civil_status", "taxes")


def fill(store, count=30, varied=False):
    """`varied`: statuses and types differ too (the filter tests); otherwise every file is a
    received complaint (the counter tests count from there)."""
    made = []
    for n, (region, category) in zip(range(count), itertools.cycle(itertools.product(REGIONS, CATEGORIES))):
        stamp = iso(START + dt.timedelta(days=n))
        grievance = make_grievance(
            created_at=stamp, updated_at=stamp, region=region, delegation=delegation_for_region(region),
            category=category, country="FR" if n % 3 else "BE", partner="consulate-lyon" if n % 5 == 0 else None,
            due_at=iso(START + dt.timedelta(days=n + 21)),
            status="under_review" if varied and n % 4 == 0 else "received",
            type="orientation_request" if varied and n % 7 == 0 else "complaint",
        )  # fmt: skip
        first = new_event(grievance.reference, START, "status", "complainant", status="received")
        store.create_grievance(
            grievance,
            first,
            IdempotencyRecord(f"k{n}", "h", grievance.reference, stamp, 2**31),
            creation_counters(grievance),
        )
        made.append(grievance)
    return made


def everything(store, **criteria):
    """Every page of a query, following cursors; asserts no page exceeds its limit."""
    found, cursor = [], None
    while True:
        page, cursor = store.list_grievances(InboxQuery(limit=7, cursor=cursor, **criteria))
        assert len(page) <= 7
        found += page
        if not cursor:
            return found


def test_pages_cover_every_grievance_once_in_order(store):
    made = fill(store)
    newest = everything(store)
    assert [g.reference for g in newest] == [g.reference for g in reversed(made)]
    oldest = everything(store, newest_first=False)
    assert [g.reference for g in oldest] == [g.reference for g in made]


@pytest.mark.parametrize(
    "criteria, keep",
    [
        ({"delegation": "fes_meknes"}, lambda g: g.delegation == "fes_meknes"),
        ({"delegation": "central", "category": "taxes"}, lambda g: g.delegation == "central" and g.category == "taxes"),
        ({"category": "civil_status"}, lambda g: g.category == "civil_status"),
        ({"region": "casablanca_settat"}, lambda g: g.region == "casablanca_settat"),
        ({"country": "BE"}, lambda g: g.country == "BE"),
        ({"partner": "consulate-lyon"}, lambda g: g.partner == "consulate-lyon"),
        ({"status": "under_review"}, lambda g: g.status == "under_review"),
        (
            {"status": "received", "delegation": "fes_meknes"},
            lambda g: g.status == "received" and g.delegation == "fes_meknes",
        ),
        ({"type": "orientation_request"}, lambda g: g.type == "orientation_request"),
        (
            {"created_from": iso(START + dt.timedelta(days=10)), "created_to": iso(START + dt.timedelta(days=19))},
            lambda g: "2026-01-11" <= g.created_at[:10] <= "2026-01-20",
        ),
        ({"overdue_at": iso(START + dt.timedelta(days=30))}, lambda g: g.due_at < iso(START + dt.timedelta(days=30))),
    ],
)
def test_filters(store, criteria, keep):
    made = fill(store, varied=True)
    expected = sorted((g.reference for g in made if keep(g)), key=lambda r: [g.reference for g in made].index(r))
    assert [g.reference for g in everything(store, newest_first=False, **criteria)] == expected
    assert expected and len(expected) < len(made)  # the filter is exercised, not vacuous


def test_counters_follow_status_changes_and_reassignment(store):
    made = fill(store, 6)
    workflow = Workflow(store, Config.from_env({}))
    target = next(g for g in made if g.delegation == "fes_meknes")
    workflow.change_status(target, "staff@example.ma", "under_review", "study")
    after = store.get_grievance(target.reference)
    assert after.status == "under_review" and after.first_answer_at
    assert store.read_statistics()["status"] == {"received": 5, "under_review": 1}
    assert store.read_statistics("delegation:fes_meknes")["status"] == {"received": 1, "under_review": 1}
    workflow.reassign(after, "staff@example.ma", "casablanca_settat", "wrong region")
    assert store.read_statistics("delegation:fes_meknes")["total"] == {"all": 1}
    assert store.read_statistics("delegation:casablanca_settat")["total"] == {"all": 3}
    assert store.get_grievance(target.reference).delegation == "casablanca_settat"
    kinds = [e.kind for e in store.list_events(target.reference)]
    assert kinds == ["status", "status", "reassigned"]
    assert [e.public for e in store.list_events(target.reference)] == [True, True, False]


def test_two_staff_acting_at_once_cannot_both_win(store):
    (grievance,) = fill(store, 1)
    workflow = Workflow(store, Config.from_env({}))
    workflow.change_status(grievance, "a@example.ma", "under_review", "first")
    with pytest.raises(ConflictError):
        workflow.change_status(grievance, "b@example.ma", "closed", "second, from a stale page")
    assert store.get_grievance(grievance.reference).status == "under_review"
    assert store.read_statistics()["status"] == {"under_review": 1}


def test_deadline_follows_the_status(store):
    (grievance,) = fill(store, 1)
    clock = lambda: START + dt.timedelta(days=3)  # noqa: E731
    workflow = Workflow(store, Config.from_env({}), clock)
    workflow.change_status(grievance, "a@example.ma", "in_progress", "sent to the ministry")
    assert store.get_grievance(grievance.reference).due_at.startswith("2026-03-05")  # +60 days from the change
    current = store.get_grievance(grievance.reference)
    workflow.change_status(current, "a@example.ma", "resolved", "done")
    assert store.get_grievance(grievance.reference).due_at is None


def test_invalid_transitions_are_refused(store):
    from functions.cases.domain_errors import InvalidInputError

    (grievance,) = fill(store, 1)
    workflow = Workflow(store, Config.from_env({}))
    with pytest.raises(InvalidInputError):
        workflow.change_status(grievance, "a@example.ma", "withdrawn", "staff cannot withdraw")
    with pytest.raises(InvalidInputError):
        workflow.change_status(dataclasses.replace(grievance, status="resolved"), "a@example.ma", "closed", "x")


def test_ending_one_persons_sessions_leaves_the_others(store):
    from functions.storage.records import StaffSession

    now = 1_800_000_000
    for n, staff_id in enumerate(("a@example.ma", "a@example.ma", "b@example.ma")):
        store.create_session(StaffSession(f"hash{n}", staff_id, "full", "csrf", now, now, now + 3600))
    assert store.end_sessions_of("a@example.ma") == 2
    assert store.get_session("hash0") is None and store.get_session("hash1") is None
    assert store.get_session("hash2").staff_id == "b@example.ma"
    assert store.end_sessions_of("nobody@example.ma") == 0


def test_staff_records_keep_every_field(store):
    from functions.admin.bootstrap import new_staff

    made = new_staff("Someone@Example.ma", "Someone", "delegation", "fes_meknes", "a long pass phrase 2026",
                     expires_at=1_900_000_000)  # fmt: skip
    store.create_staff(made)
    assert store.get_staff("someone@example.ma") == made and made.password_must_change
    store.update_staff("someone@example.ma", password_must_change=False, password_expires_at=0, totp_enabled=True)
    assert store.enable_totp("someone@example.ma", "SECRET", 55) is False  # on already
    assert store.claim_totp_step("someone@example.ma", 56)
    again = store.get_staff("someone@example.ma")
    assert not again.password_must_change and again.totp_enabled and again.delegation == "fes_meknes"
    assert again.password_expires_at == 0 and again.totp_last_step == 56
    assert store.list_staff() == [again]
