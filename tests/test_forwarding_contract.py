"""The forwardings contract on both adapters: one per file and administration, one answer, one
reminder at a time, the correspondent's inbox and the unanswered ones by deadline."""

import datetime as dt
import threading

from functions.cases.filing import new_event
from functions.storage.records import CounterChange, Forwarding, iso, utc_now
from tests.test_store_contract import create, make_grievance


def forwarding(reference, administration="cnss", forwarded_at=None, due_at=None, **changes) -> Forwarding:
    now = utc_now()
    values = dict(
        reference=reference,
        administration=administration,
        forwarded_at=forwarded_at or iso(now),
        due_at=due_at or iso(now + dt.timedelta(days=60)),
        forwarded_by="staff@mediateur.ma",
        text="Merci de nous dire où en est le dossier de pension — الملف",
        shared=("u1", "u2"),
    )
    values.update(changes)
    return Forwarding(**values)


def forward(store, item, counters=()):
    event = new_event(item.reference, utc_now(), "forwarded", item.forwarded_by, public=False,
                      body={"administration": item.administration})  # fmt: skip
    return store.create_forwarding(item, event, list(counters))


def filed(store):
    grievance = make_grievance()
    create(store, grievance, f"key-{grievance.reference}")
    return grievance.reference


def test_a_forwarding_reads_back_exactly_with_its_event(store):
    reference = filed(store)
    item = forwarding(reference)
    assert forward(store, item, [CounterChange("administration_forwarded", "cnss")])
    assert store.get_forwarding(reference, "cnss") == item
    assert store.list_forwardings(reference) == [item]
    assert [e.kind for e in store.list_events(reference)][-1] == "forwarded"
    assert store.read_statistics()["administration_forwarded"] == {"cnss": 1}
    assert store.get_forwarding(reference, "cmr") is None


def test_one_forwarding_per_file_and_administration(store):
    reference = filed(store)
    assert forward(store, forwarding(reference))
    assert not forward(store, forwarding(reference, text="again"), [CounterChange("administration_forwarded", "cnss")])
    assert store.get_forwarding(reference, "cnss").text != "again"
    assert len([e for e in store.list_events(reference) if e.kind == "forwarded"]) == 1
    assert "administration_forwarded" not in store.read_statistics()  # nothing moved
    assert forward(store, forwarding(reference, "cmr"))  # another administration: its own clock
    assert [f.administration for f in store.list_forwardings(reference)] == ["cnss", "cmr"]


def test_the_correspondents_inbox_is_their_administrations_newest_first(store):
    start = utc_now()
    first, second, other = filed(store), filed(store), filed(store)
    forward(store, forwarding(first, forwarded_at=iso(start)))
    forward(store, forwarding(second, forwarded_at=iso(start + dt.timedelta(minutes=1))))
    forward(store, forwarding(other, "cmr"))
    assert [f.reference for f in store.forwarded_to("cnss", 10)] == [second, first]
    assert [f.reference for f in store.forwarded_to("cnss", 1)] == [second]
    assert [f.reference for f in store.forwarded_to("cnss", 10, before=iso(start + dt.timedelta(seconds=30)))] == [
        first
    ]
    assert [f.reference for f in store.forwarded_to("cmr", 10)] == [other]
    assert store.forwarded_to("taxes", 10) == []


def test_one_answer_and_it_leaves_the_unanswered(store):
    now = utc_now()
    late, soon = filed(store), filed(store)
    forward(store, forwarding(late, due_at=iso(now - dt.timedelta(days=1))))
    forward(store, forwarding(soon, due_at=iso(now + dt.timedelta(days=2))))
    assert [f.reference for f in store.open_forwardings_due_by(iso(now), 10)] == [late]
    assert [f.reference for f in store.open_forwardings_due_by(iso(now + dt.timedelta(days=3)), 10)] == [late, soon]
    event = new_event(late, now, "answer", "corr@cnss.ma", public=False, body={"administration": "cnss", "text": "Ok"})
    answered = [CounterChange("administration_answered", "cnss"), CounterChange("administration_days:cnss", "3")]
    assert store.record_answer(late, "cnss", iso(now), "corr@cnss.ma", event, answered)
    assert not store.record_answer(late, "cnss", iso(now), "corr@cnss.ma", event, answered)
    assert store.get_forwarding(late, "cnss").answered_at == iso(now)
    assert store.get_forwarding(late, "cnss").answered_by == "corr@cnss.ma"
    assert [e.kind for e in store.list_events(late)].count("answer") == 1
    assert store.read_statistics()["administration_answered"] == {"cnss": 1}
    assert [f.reference for f in store.open_forwardings_due_by(iso(now + dt.timedelta(days=3)), 10)] == [soon]
    assert not store.record_answer(soon, "cmr", iso(now), "x", event, [])  # never forwarded there


def test_a_reminder_is_claimed_once(store):
    reference = filed(store)
    forward(store, forwarding(reference))
    wins = []

    def attempt():
        wins.append(store.mark_reminded(reference, "cnss", 0, 1))

    threads = [threading.Thread(target=attempt) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wins.count(True) == 1
    assert store.get_forwarding(reference, "cnss").reminders_sent == 1
    assert not store.mark_reminded(reference, "cnss", 0, 1)
    event = new_event(reference, utc_now(), "answer", "c", public=False, body={})
    store.record_answer(reference, "cnss", iso(utc_now()), "c", event, [])
    assert not store.mark_reminded(reference, "cnss", 1, 2)  # answered: no more reminders


def change_status(store, reference, expected, status):
    now = utc_now()
    event = new_event(reference, now, "status", "staff@mediateur.ma", status=status, body={"reason": "r"})
    return store.record_change(reference, expected, event, {"status": status, "updated_at": iso(now)}, [])


def test_closing_a_file_pauses_its_unanswered_forwardings_and_reopening_resumes_them(store):
    now = utc_now()
    reference, other = filed(store), filed(store)
    forward(store, forwarding(reference, due_at=iso(now - dt.timedelta(days=1))))
    forward(store, forwarding(reference, "cmr", due_at=iso(now - dt.timedelta(days=2))))
    forward(store, forwarding(other, due_at=iso(now - dt.timedelta(days=1))))
    event = new_event(reference, now, "answer", "c@cmr.ma", public=False, body={"administration": "cmr"})
    assert store.record_answer(reference, "cmr", iso(now), "c@cmr.ma", event, [])

    assert change_status(store, reference, "received", "closed")
    assert store.get_forwarding(reference, "cnss").paused
    assert not store.get_forwarding(reference, "cmr").paused  # answered: left as it was
    assert [f.reference for f in store.open_forwardings_due_by(iso(now))] == [other]
    assert not store.mark_reminded(reference, "cnss", 0, 1)  # no reminder for a closed file
    late = new_event(reference, now, "answer", "c@cnss.ma", public=False, body={"administration": "cnss"})
    assert not store.record_answer(reference, "cnss", iso(now), "c@cnss.ma", late, [])  # nor an answer
    assert store.get_forwarding(reference, "cnss").answered_at is None

    assert change_status(store, reference, "closed", "under_review")  # reopened: the clock runs again
    assert not store.get_forwarding(reference, "cnss").paused
    assert sorted(f.reference for f in store.open_forwardings_due_by(iso(now))) == sorted([reference, other])
    assert store.mark_reminded(reference, "cnss", 0, 1)
    assert change_status(store, reference, "under_review", "in_progress")  # open to open: nothing moves
    assert not store.get_forwarding(reference, "cnss").paused


def test_already_reminded_forwardings_never_hide_the_others(store):
    """The whole index is read when no limit is given: a deadline long passed and fully reminded
    sorts first, and used to fill the page for good."""
    now = utc_now()
    references = [filed(store) for _ in range(5)]
    for number, reference in enumerate(references):
        forward(store, forwarding(reference, due_at=iso(now - dt.timedelta(days=10 - number))))
    assert [f.reference for f in store.open_forwardings_due_by(iso(now))] == references
    assert [f.reference for f in store.open_forwardings_due_by(iso(now), 2)] == references[:2]


def test_the_upgrade_pauses_the_forwardings_of_every_final_status():
    """Migration 0014 names the final statuses in SQL: the same list as the vocabulary's."""
    import re

    from schemas.vocabulary import FINAL_STATUSES
    from tests.conftest import ROOT

    migration = (ROOT / "functions/storage/sqlite_migrations/0014_forwardings_paused.sql").read_text()
    named = set(re.findall(r"'(\w+)'", migration.split("status IN")[1].split(")")[0]))
    assert named == set(FINAL_STATUSES)
