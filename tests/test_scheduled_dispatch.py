"""The scheduled run (every minute on AWS) drains a backlog batch after batch while it has time."""

import time

from functions.cases.notifications import FolderMailer, dispatch, scheduled_dispatch
from functions.platform.config import Config
from functions.public.app import create_app
from tests.factories import grievance, key


class Context:
    def __init__(self, millis):
        self.millis = millis

    def get_remaining_time_in_millis(self):
        return self.millis


def queue(tmp_path, monkeypatch, count):
    monkeypatch.setenv("SAWT_DATA_DIR", str(tmp_path / "data"))
    app = create_app(Config.from_env())
    receipt = app.test_client().post("/api/grievances", json=grievance(), headers={"Idempotency-Key": key()})
    store = app.extensions["sawt.service"]().store
    reference = receipt.get_json()["reference"].replace("-", "")
    dispatch(store, FolderMailer(tmp_path / "receipt", "x@y.z"), app.config["SAWT"])  # the filing's own receipt
    for n in range(count):
        store.enqueue_notification(f"n{n:03d}", reference, "2026-01-01T00:00:00.000000Z", int(time.time()) - 1)
    return store


def test_a_backlog_drains_in_one_run(tmp_path, monkeypatch):
    store = queue(tmp_path, monkeypatch, 45)
    assert scheduled_dispatch({}, Context(60_000)) == {"sent": 45}
    assert store.count_notifications("sent") == 45 + 1  # (and the receipt)
    assert len(list((tmp_path / "data" / "outbox").glob("*.eml"))) == 45


def test_a_run_short_of_time_stops_after_its_batch(tmp_path, monkeypatch):
    store = queue(tmp_path, monkeypatch, 45)
    assert scheduled_dispatch({}, Context(5_000)) == {"sent": 20}
    assert store.count_notifications("pending") == 25
