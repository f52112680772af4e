"""Every limit is one atomic step in the store: a burst of concurrent requests, all released at once,
never gets more tries than the limit — on SQLite and on DynamoDB (moto's server over HTTP)."""

import threading
import time
from collections import Counter

import pyotp
import pytest

from functions.admin.app import create_app as create_admin_app
from functions.platform.config import Config
from functions.public.app import create_app as create_public_app
from tests.admin_helpers import PASSWORD, TOTP_SECRET, add_staff, csrf_of, https_client
from tests.factories import grievance, key, pinned_clock

BURST = 24
LIMIT = 3


def burst(attempt, count=BURST) -> Counter:
    """Prepare `count` tries one by one (`attempt(n)` returns the try), then run them in as many
    threads released together; the status codes they got."""
    tries = [attempt(n) for n in range(count)]
    gate = threading.Barrier(count)
    statuses: list[int] = []
    lock = threading.Lock()

    def run(one_try):
        gate.wait(timeout=120)
        status = one_try()
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=run, args=(one_try,)) for one_try in tries]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert len(statuses) == count
    return Counter(statuses)


def public(**settings):
    return create_public_app(Config.from_env(**{k: str(v) for k, v in settings.items()}), clock=pinned_clock())


def test_store_counters_increment_up_to_the_ceiling_and_give_back(store):
    assert [store.increment_counter("t:a:0", 2, 10_000) for _ in range(3)] == [1, 2, None]
    store.decrement_counter("t:a:0")
    assert store.increment_counter("t:a:0", 2, 10_000) == 2
    for _ in range(4):
        store.decrement_counter("t:b:0")  # never below zero, even on a counter that does not exist
    assert store.increment_counter("t:b:0", 2, 10_000) == 1
    assert [store.increment_counter("t:c:0", None, 10_000) for _ in range(3)] == [1, 2, 3]


def test_a_burst_of_counter_increments_stops_exactly_at_the_ceiling(store):
    results = burst(lambda n: lambda: store.increment_counter("burst:x:0", LIMIT, 10_000) or 0)
    assert results == Counter({1: 1, 2: 1, 3: 1, 0: BURST - LIMIT})


def test_a_burst_of_wrong_tracking_codes_gets_exactly_the_limit(backend_env):
    app = public(SAWT_TRACK_FAILURES=LIMIT)
    receipt = app.test_client().post("/api/grievances", json=grievance(), headers={"Idempotency-Key": key()})
    wrong = {"reference": receipt.get_json()["reference"], "tracking_code": "2222-3333-4444-5555"}

    def attempt(_n):
        client = app.test_client()
        return lambda: client.post("/api/track", json=wrong).status_code

    assert burst(attempt) == Counter({404: LIMIT, 429: BURST - LIMIT})


def test_a_burst_of_upload_links_gets_exactly_the_limit(backend_env):
    app = public(SAWT_UPLOADS_PER_HOUR=LIMIT)
    request = {"kind": "decision", "type": "application/pdf", "size": 10, "name": "a.pdf"}

    def attempt(_n):
        client, body = app.test_client(), {**request, "filing": key()}
        return lambda: client.post("/api/uploads", json=body).status_code

    assert burst(attempt) == Counter({201: LIMIT, 429: BURST - LIMIT})


def test_a_burst_of_filings_gets_exactly_the_limit_and_stores_only_those(backend_env):
    app = public(SAWT_FILINGS_PER_HOUR=LIMIT)

    def attempt(n):
        client, body = app.test_client(), grievance(subject=f"Burst {n}")
        return lambda: client.post("/api/grievances", json=body, headers={"Idempotency-Key": key()}).status_code

    assert burst(attempt) == Counter({201: LIMIT, 429: BURST - LIMIT})
    store = app.extensions["sawt.service"]().store
    assert store.read_statistics()["total"] == {"all": LIMIT}


def test_resending_a_filing_never_counts_against_the_filing_limit(backend_env):
    client = public(SAWT_FILINGS_PER_HOUR=1).test_client()
    k = key()
    for _ in range(5):
        assert client.post("/api/grievances", json=grievance(), headers={"Idempotency-Key": k}).status_code == 201
    refused = client.post("/api/grievances", json=grievance(), headers={"Idempotency-Key": key()})
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) <= 3600


@pytest.fixture
def admin(backend_env, monkeypatch):
    moment = pinned_clock()().timestamp()
    monkeypatch.setattr(time, "time", lambda: moment)  # the sign-in windows stay put
    app = create_admin_app(Config.from_env(SAWT_LOGIN_FAILURES=str(LIMIT)))
    store = app.extensions["sawt.admin"]().store
    add_staff(store, "reviewer@example.ma", "reviewer")
    return app, store


def test_a_burst_of_wrong_passwords_gets_exactly_the_limit(admin):
    app, store = admin

    def attempt(_n):
        client = https_client(app)
        form = {"csrf": csrf_of(client.get("/admin/login")), "email": "reviewer@example.ma", "password": "guess"}
        return lambda: client.post("/admin/login", data=form).status_code

    assert burst(attempt) == Counter({401: LIMIT, 429: BURST - LIMIT})
    # Only the tries that were let in are in the audit log; the refused ones are counted instead.
    assert len(store.list_audit(None, "login_failure", None, None, 100)) == LIMIT


def test_a_burst_of_wrong_second_factor_codes_gets_exactly_the_limit(admin):
    app, _store = admin
    right = pyotp.TOTP(TOTP_SECRET).now()
    wrong = "000000" if right != "000000" else "111111"

    def attempt(_n):
        # Each thread signs in with the password (a success gives its try back), then waits at the code.
        client = https_client(app)
        login = client.get("/admin/login")
        form = {"csrf": csrf_of(login), "email": "reviewer@example.ma", "password": PASSWORD}
        assert client.post("/admin/login", data=form).status_code == 302
        page = client.get("/admin/login/code")
        code = {"csrf": csrf_of(page), "code": wrong}
        return lambda: client.post("/admin/login/code", data=code).status_code

    # Let in: a wrong code (401). Refused: the session ends and the person is sent back to sign in.
    assert burst(attempt) == Counter({401: LIMIT, 302: BURST - LIMIT})
