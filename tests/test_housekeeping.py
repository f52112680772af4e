"""The embedded backend cleans up after itself what DynamoDB TTL and S3 lifecycle rules clean on AWS,
and nothing else: grievances, events, the audit log and counters stay."""

import datetime as dt
import sqlite3
import time

from functions.admin.app import create_app as admin_app
from functions.platform.config import Config
from functions.platform.housekeeping import housekeep
from functions.public.app import create_app as public_app
from functions.storage.sqlite_store import SqliteStore
from tests.admin_helpers import add_staff, sign_in
from tests.factories import grievance, key
from tests.test_attachments import PDF, upload

DAY = 86400


def rows(data_dir, table):
    with sqlite3.connect(data_dir / "sawt.sqlite3") as db:
        return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608


def test_only_what_has_expired_is_removed(tmp_path):
    config = Config.from_env({}, SAWT_DATA_DIR=tmp_path)
    public = public_app(config)
    client = public.test_client()
    services = public.extensions["sawt.service"]()
    idempotency_key = key()
    receipt = client.post("/api/grievances", json=grievance(), headers={"Idempotency-Key": idempotency_key})
    assert receipt.status_code == 201
    wrong = {"reference": receipt.get_json()["reference"], "tracking_code": "AAAA-AAAA-AAAA-AAAA"}
    assert client.post("/api/track", json=wrong).status_code == 404  # opens a rate-limit window
    upload_id, _ = upload(client, key(), PDF)  # uploaded, never attached
    admin = admin_app(config)
    add_staff(admin.extensions["sawt.admin"]().store, "admin@example.ma", "admin")
    sign_in(admin, "admin@example.ma")
    before = {table: rows(tmp_path, table) for table in ("idempotency", "rate_limits", "sessions", "uploads")}
    assert all(before.values()), before

    now = int(time.time())
    assert housekeep(services.store, services.attachments, now) == {
        "idempotency": 0, "rate_limits": 0, "sessions": 0, "uploads": 0,
    }  # fmt: skip
    replay = client.post("/api/grievances", json=grievance(), headers={"Idempotency-Key": idempotency_key})
    assert replay.headers["Idempotent-Replayed"] == "true"  # still remembered

    later = now + (config.int("SAWT_IDEMPOTENCY_DAYS") + 1) * DAY
    services.attachments.clock = lambda: dt.datetime.fromtimestamp(later, dt.UTC)
    removed = housekeep(services.store, services.attachments, later)
    assert removed == before
    assert services.store.get_upload(upload_id) is None
    # The records themselves stay: the grievance, its event, the audit log, the counters.
    assert rows(tmp_path, "grievances") == 1 and rows(tmp_path, "events") == 1
    assert rows(tmp_path, "audit") > 0 and services.store.read_statistics()["total"] == {"all": 1}


def test_the_local_server_runs_it_in_the_background(tmp_path, monkeypatch):
    from functions.local_server import LocalServer

    monkeypatch.setenv("SAWT_DATA_DIR", str(tmp_path))
    server = LocalServer(Config.from_env())
    SqliteStore(tmp_path).close()  # the tables, as the first request would make them
    with sqlite3.connect(tmp_path / "sawt.sqlite3") as db:
        db.execute("INSERT INTO rate_limits VALUES ('gone', 3, ?)", (int(time.time()) - 1,))
        db.execute("INSERT INTO rate_limits VALUES ('kept', 3, ?)", (int(time.time()) + DAY,))
    server.start_background(interval=0.05, housekeeping_every=1)
    try:
        deadline = time.monotonic() + 60  # polls: fast when the machine is idle, patient when not
        while rows(tmp_path, "rate_limits") != 1 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        server.stopping.set()
    with sqlite3.connect(tmp_path / "sawt.sqlite3") as db:
        assert [row[0] for row in db.execute("SELECT bucket FROM rate_limits")] == ["kept"]
