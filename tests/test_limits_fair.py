"""Limits fair to shared connections: people at a consulate, a stand or behind a carrier's NAT share
one address, and one person's typos must not lock another out of their own file."""

import logging
import time

import pytest

from functions.admin.app import create_app as create_admin_app
from functions.platform.config import Config
from functions.public.app import create_app as create_public_app
from tests.admin_helpers import add_staff, csrf_of
from tests.factories import grievance, key, pinned_clock

CONSULATE = "198.51.100.20"  # one address for everyone in the waiting room


def client_at(app, address):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


@pytest.fixture
def app(backend_env):
    return create_public_app(Config.from_env(), clock=pinned_clock())


def file_one(app, address=CONSULATE):
    receipt = client_at(app, address).post("/api/grievances", json=grievance(), headers={"Idempotency-Key": key()})
    assert receipt.status_code == 201
    body = receipt.get_json()
    return {"reference": body["reference"], "tracking_code": body["tracking_code"]}


def as_form(body, prefix=""):
    """A JSON body as the no-JavaScript form posts it: dotted names, text values."""
    flat = {}
    for name, value in body.items():
        dotted = f"{prefix}{name}"
        if isinstance(value, dict):
            flat.update(as_form(value, dotted + "."))
        elif isinstance(value, bool):
            flat[dotted] = "true" if value else ""
        elif not isinstance(value, list):
            flat[dotted] = str(value)
    return flat


def wrong(receipt):
    return {**receipt, "tracking_code": "2222-3333-4444-5555"}


def test_others_failing_behind_the_same_address_do_not_lock_the_owner_out(app):
    owner = file_one(app)
    others = [file_one(app) for _ in range(4)]
    desk = client_at(app, CONSULATE)
    # Four people at the same desk mistype their codes, eight times each: 32 failures from one address.
    for receipt in others:
        for _ in range(8):
            assert desk.post("/api/track", json=wrong(receipt)).status_code == 404
    answer = desk.post("/api/track", json=owner)
    assert answer.status_code == 200 and answer.get_json()["status"] == "received"


def test_one_person_locked_out_of_a_file_leaves_the_next_person_free(app):
    mine, theirs = file_one(app), file_one(app)
    desk = client_at(app, CONSULATE)
    statuses = [desk.post("/api/track", json=wrong(mine)).status_code for _ in range(11)]
    assert statuses == [404] * 10 + [429]
    assert desk.post("/api/track", json=mine).status_code == 429  # even the right code, for this window
    assert desk.post("/api/track", json=wrong(theirs)).status_code == 404  # a typo, not a lock
    assert desk.post("/api/track", json=theirs).status_code == 200


def test_the_right_code_does_not_use_up_tries(app):
    receipt = file_one(app)
    desk = client_at(app, CONSULATE)
    for _ in range(25):  # checking one's file often is no failure
        assert desk.post("/api/track", json=receipt).status_code == 200
    assert desk.post("/api/track", json=wrong(receipt)).status_code == 404


def test_one_address_trying_many_references_meets_the_higher_per_client_ceiling(backend_env):
    app = create_public_app(Config.from_env(SAWT_TRACK_FAILURES_PER_CLIENT="12"), clock=pinned_clock())
    receipts = [file_one(app) for _ in range(4)]
    scanner = client_at(app, "203.0.113.66")
    statuses = [scanner.post("/api/track", json=wrong(receipts[n % 4])).status_code for n in range(13)]
    assert statuses == [404] * 12 + [429]
    assert client_at(app, "203.0.113.67").post("/api/track", json=receipts[0]).status_code == 200


def test_many_addresses_guessing_one_file_meet_the_per_reference_ceiling(backend_env):
    app = create_public_app(Config.from_env(SAWT_TRACK_FAILURES_PER_REFERENCE="6"), clock=pinned_clock())
    target = file_one(app)
    statuses = [
        client_at(app, f"203.0.113.{n}").post("/api/track", json=wrong(target)).status_code for n in range(1, 8)
    ]
    assert statuses == [404] * 6 + [429]


def test_a_file_guessed_at_from_many_addresses_still_opens_for_its_owner(backend_env):
    # Whoever knows a reference can fill its own window: that must not lock its owner out.
    app = create_public_app(Config.from_env(SAWT_TRACK_FAILURES_PER_REFERENCE="6"), clock=pinned_clock())
    target = file_one(app)
    for n in range(1, 10):
        client_at(app, f"203.0.113.{n}").post("/api/track", json=wrong(target))
    owner = client_at(app, "192.0.2.44")
    assert owner.post("/api/track", json=wrong(target)).status_code == 429  # guesses are still refused
    assert owner.post("/api/track", json=target).status_code == 200
    withdrawn = owner.post(f"/api/grievances/{target['reference']}/withdraw",
                           json={"tracking_code": target["tracking_code"], "reason": "Réglé."},
                           headers={"Idempotency-Key": key()})  # fmt: skip
    assert withdrawn.status_code == 200, withdrawn.get_json()


def test_an_ipv6_network_counts_as_one_client(backend_env):
    # A connection gets a whole /64: rotating through its addresses gives no fresh window.
    app = create_public_app(Config.from_env(SAWT_TRACK_FAILURES="3"), clock=pinned_clock())
    target = file_one(app)
    statuses = [client_at(app, f"2001:db8:0:7::{n:x}").post("/api/track", json=wrong(target)).status_code
                for n in range(1, 6)]  # fmt: skip
    assert statuses == [404] * 3 + [429] * 2
    assert client_at(app, "2001:db8:0:8::1").post("/api/track", json=wrong(target)).status_code == 404


def test_the_filing_limit_is_per_client(backend_env):
    app = create_public_app(Config.from_env(SAWT_FILINGS_PER_HOUR="2"), clock=pinned_clock())
    desk, elsewhere = client_at(app, CONSULATE), client_at(app, "192.0.2.9")
    statuses = [desk.post("/api/grievances", json=grievance(), headers={"Idempotency-Key": key()}).status_code
                for _ in range(3)]  # fmt: skip
    assert statuses == [201, 201, 429]
    assert elsewhere.post("/api/grievances", json=grievance(), headers={"Idempotency-Key": key()}).status_code == 201


def test_the_no_javascript_form_meets_the_same_filing_limit(backend_env):
    app = create_public_app(Config.from_env(SAWT_FILINGS_PER_HOUR="1"), clock=pinned_clock())
    desk = client_at(app, CONSULATE)
    sent = [desk.post("/api/grievances", data={**as_form(grievance()), "_action": "send", "idempotency_key": key()})
            for _ in range(2)]  # fmt: skip
    assert [r.status_code for r in sent] == [201, 429]
    assert "<html" in sent[1].get_data(as_text=True)  # a page, in the person's language, not JSON


def test_refused_sign_ins_from_a_locked_address_write_no_audit_row(tmp_path, caplog, monkeypatch):
    moment = pinned_clock()().timestamp()
    monkeypatch.setattr(time, "time", lambda: moment)  # the sign-in windows stay put
    # (The counters under it are tested on both backends in test_limits_burst.py; 50 argon2 checks once is enough.)
    app = create_admin_app(Config.from_env({}, SAWT_DATA_DIR=tmp_path))
    store = app.extensions["sawt.admin"]().store
    accounts = [f"person{n}@example.ma" for n in range(4)]
    for email in accounts:
        add_staff(store, email, "reviewer")
    attacker = app.test_client()
    attacker.environ_base.update({"REMOTE_ADDR": "203.0.113.99", "wsgi.url_scheme": "https"})

    def try_password(email):
        form = {"csrf": csrf_of(attacker.get("/admin/login")), "email": email, "password": "wrong guess"}
        return attacker.post("/admin/login", data=form).status_code

    # 20 failures fill the address's window (5 per account, under each account's own limit).
    assert [try_password(accounts[n % 4]) for n in range(20)] == [401] * 20
    with caplog.at_level(logging.WARNING, logger="sawt"):
        assert [try_password(accounts[n % 4]) for n in range(30)] == [429] * 30
    assert len(store.list_audit(None, "login_failure", None, None, 200)) == 20
    counted = [r.getMessage() for r in caplog.records if "sign-in refused" in r.getMessage()]
    assert counted == [
        "sign-in refused: address or account locked (1 from this address in this window)",
        "sign-in refused: address or account locked (10 from this address in this window)",
    ]
