"""One contract, two adapters: SQLite + files, and DynamoDB through moto's server over HTTP."""

import threading

import pytest

from functions.cases.filing import creation_counters, new_event
from functions.storage.port import IdempotencyKeyTakenError, ReferenceTakenError
from functions.storage.records import Grievance, IdempotencyRecord, iso, utc_now
from schemas.identifiers import new_reference


def make_grievance(reference=None, **changes) -> Grievance:
    stamp = iso(utc_now())
    values = dict(
        reference=reference or new_reference(),
        created_at=stamp,
        updated_at=stamp,
        status="received",
        type="complaint",
        filer_kind="individual",
        category="civil_status",
        region="oriental",
        delegation=None,
        country="FR",
        partner=None,
        language="fr",
        email_updates=True,
        tracking_hash="h" * 64,
        payload={"subject": "Acte de naissance", "description": "نص عربي", "n": [1, 2]},
    )
    values.update(changes)
    return Grievance(**values)


def create(store, grievance, key):
    record = IdempotencyRecord(key, "digest", grievance.reference, grievance.created_at, 2_000_000_000)
    first = new_event(grievance.reference, utc_now(), "status", "complainant", status="received")
    store.create_grievance(grievance, first, record, creation_counters(grievance))
    return first


def test_created_grievance_reads_back_exactly(store):
    grievance = make_grievance()
    first = create(store, grievance, "key-1")
    assert store.get_grievance(grievance.reference) == grievance
    assert store.list_events(grievance.reference) == [first]
    assert store.get_idempotency("key-1").reference == grievance.reference


def test_unknown_things_read_as_none(store):
    assert store.get_grievance("NOPE") is None
    assert store.get_idempotency("nope") is None
    assert store.list_events("NOPE") == []


def test_a_taken_key_creates_nothing(store):
    first = make_grievance()
    create(store, first, "same-key")
    second = make_grievance()
    with pytest.raises(IdempotencyKeyTakenError):
        create(store, second, "same-key")
    assert store.get_grievance(second.reference) is None
    assert store.read_statistics()["total"] == {"all": 1}


def test_a_taken_reference_creates_nothing(store):
    grievance = make_grievance()
    create(store, grievance, "key-a")
    with pytest.raises(ReferenceTakenError):
        create(store, make_grievance(reference=grievance.reference, country="BE"), "key-b")
    assert store.get_idempotency("key-b") is None
    assert store.get_grievance(grievance.reference).country == "FR"


def test_concurrent_creates_with_one_key_store_one_grievance(store):
    outcomes = []

    def attempt():
        try:
            create(store, make_grievance(), "raced-key")
            outcomes.append("created")
        except IdempotencyKeyTakenError:
            outcomes.append("taken")

    threads = [threading.Thread(target=attempt) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["created"] + ["taken"] * 5
    assert store.read_statistics()["total"] == {"all": 1}


def test_statistics_count_on_write(store):
    create(store, make_grievance(), "k1")
    create(store, make_grievance(category="taxes", country="BE"), "k2")
    create(store, make_grievance(partner="consulate-lyon"), "k3")
    figures = store.read_statistics()
    assert figures["total"] == {"all": 3}
    assert figures["category"] == {"civil_status": 2, "taxes": 1}
    assert figures["country"] == {"FR": 2, "BE": 1}
    assert figures["status"] == {"received": 3}
    assert figures["partner"] == {"consulate-lyon": 1}
