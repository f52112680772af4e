"""Thousands of concurrent submissions, the server SIGKILLed twice mid-run and restarted on the same
port: every acknowledged submission is stored exactly once.

The clients behave like the site's outbox: each filing keeps its Idempotency-Key and is resent on
any network error or 5xx until the server acknowledges it. A kill can land anywhere, including
between the commit and the response; the retry must then get the same receipt, not a second filing.
"""

import random
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests

from functions.platform.config import Config
from functions.platform.server_secret import idempotency_key_hash, load_secret
from functions.storage.sqlite_store import SqliteStore
from scripts.serving import LocalServer
from tests.factories import grievance, key

FILINGS = 3000
CLIENTS = 32
KILL_AT = (0.3, 0.65)  # share of filings acknowledged when each SIGKILL lands
DEADLINE_SECONDS = 300
# Every client here is 127.0.0.1: lift the per-client filing limit, which is not what this measures.
SERVER_ENV = {"SAWT_FILINGS_PER_HOUR": str(10 * FILINGS)}


class Killer:
    """Kills the server when enough filings are acknowledged, then restarts it on the same port."""

    def __init__(self, server: LocalServer):
        self.server = server
        self.acknowledged = 0
        self.kills = 0
        self.retries = 0  # requests lost to a kill (connection refused or reset) and sent again
        self.replayed = 0  # acknowledgements that were replays of an earlier, unanswered commit
        self.lock = threading.Lock()
        self.restarting = threading.Lock()

    def acknowledge(self, replayed: bool) -> None:
        with self.lock:
            self.acknowledged += 1
            self.replayed += replayed
            due = self.kills < len(KILL_AT) and self.acknowledged >= KILL_AT[self.kills] * FILINGS
            if due:
                self.kills += 1
        if due:
            threading.Thread(target=self.kill_and_restart).start()

    def kill_and_restart(self) -> None:
        with self.restarting:
            old = self.server
            old.kill()
            self.server = LocalServer(old.data_dir, old.site_dir, env=SERVER_ENV, listener=old.listener).start()


def file_until_acknowledged(url: str, body: dict, idempotency_key: str, killer: Killer, deadline: float) -> dict:
    pause = 0.05
    while time.monotonic() < deadline:
        try:
            answer = requests.post(url, json=body, headers={"Idempotency-Key": idempotency_key}, timeout=15)
            if answer.status_code == 201:
                killer.acknowledge(answer.headers.get("Idempotent-Replayed") == "true")
                return answer.json()
            assert answer.status_code >= 500, answer.text  # a 4xx would be a bug, not bad luck
        except requests.RequestException:
            pass
        with killer.lock:
            killer.retries += 1
        time.sleep(pause * random.uniform(0.5, 1.5))
        pause = min(pause * 2, 1.0)
    raise TimeoutError(f"not acknowledged before the deadline: {idempotency_key}")


def test_no_acknowledged_filing_is_lost_or_duplicated_across_sigkills(tmp_path, built_site):
    data = tmp_path / "data"
    killer = Killer(LocalServer(data, built_site, env=SERVER_ENV).start())
    url = f"{killer.server.url}/api/grievances"
    filings = {key(): grievance(subject=f"Load test filing {n:05d}") for n in range(FILINGS)}
    deadline = time.monotonic() + DEADLINE_SECONDS
    try:
        with ThreadPoolExecutor(CLIENTS) as pool:
            receipts = dict(
                zip(
                    filings,
                    pool.map(lambda k: file_until_acknowledged(url, filings[k], k, killer, deadline), filings),
                    strict=True,
                )
            )
    finally:
        with killer.restarting:
            killer.server.stop()

    assert killer.kills == len(KILL_AT), "the server must have been killed mid-run"
    assert killer.retries > 0, "the kills must have cut requests in flight"
    assert len({r["reference"] for r in receipts.values()}) == FILINGS, "two keys shared a receipt"

    secret = load_secret(Config.from_env({}, SAWT_DATA_DIR=data))
    db = sqlite3.connect(data / "sawt.sqlite3")
    stored = dict(db.execute("SELECT reference, json_extract(payload, '$.subject') FROM grievances"))
    keyed = dict(db.execute("SELECT key_hash, reference FROM idempotency"))  # keys are stored only hashed
    events = dict(db.execute("SELECT reference, count(*) FROM events GROUP BY reference"))
    db.close()

    # Exactly once: one stored grievance per filing, each the one its receipt names, with its own text.
    assert len(stored) == FILINGS
    for idempotency_key, receipt in receipts.items():
        reference = receipt["reference"].replace("-", "")  # receipts group the symbols for reading
        assert keyed[idempotency_key_hash(secret, idempotency_key)] == reference
        assert stored[reference] == filings[idempotency_key]["subject"]
        assert events[reference] == 1  # one "received" event, not one per retry
    # The counters were bumped in the same transactions, so they agree with the rows.
    assert SqliteStore(data).read_statistics()["total"]["all"] == FILINGS
    print(f"{FILINGS} filings, {killer.kills} kills, {killer.retries} retries, {killer.replayed} replayed receipts")
