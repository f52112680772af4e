"""Exactly once on the distributed engine: concurrent filings with retries against the AWS adapter
(DynamoDB and S3 on moto's server), with faults injected between Sawt and AWS — throttling, 5xx,
and 5xx, timeouts and resets after the write was committed — and every acknowledged filing is
stored exactly once, with its document, its counters and one timeline event.

Sawt runs as on one server (gunicorn, two processes: two warm Lambda instances), its SDK calls
going through tests/fault_proxy.py. Clients behave like the site's outbox: each filing keeps its
Idempotency-Key and is resent on any network error or 5xx until acknowledged.
"""

import json
import random
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import boto3
import requests

from functions.platform.server_secret import idempotency_key_hash
from scripts.serving import LocalServer
from tests.factories import grievance, key
from tests.fault_proxy import FaultProxy
from tests.test_attachments import PDF

FILINGS = 240
WITH_DOCUMENT = 4  # every fourth filing carries a verified document (its S3 object is tagged on filing)
CLIENTS = 12
FAULT_RATE = 0.15  # of Sawt's signed AWS calls while filing
SDK_TIMEOUT = 1.0  # SAWT_AWS_TIMEOUT_SECONDS: the proxy holds a "timeout" longer than this
DEADLINE_SECONDS = 240


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.retries = Counter()  # why a client had to send again
        self.replayed = 0  # acknowledgements replaying a commit whose first answer was lost

    def add(self, **counts):
        with self.lock:
            for name, n in counts.items():
                if name == "replayed":
                    self.replayed += n
                else:
                    self.retries[name] += n


def send_until_acknowledged(url, body, idempotency_key, tally, deadline):
    pause = 0.05
    while time.monotonic() < deadline:
        try:
            answer = requests.post(url, json=body, headers={"Idempotency-Key": idempotency_key}, timeout=30)
            if answer.status_code == 201 and answer.json().get("ok") is True:
                tally.add(replayed=answer.headers.get("Idempotent-Replayed") == "true")
                return answer.json()
            assert answer.status_code >= 500, answer.text  # a 4xx would be a bug, not bad luck
            tally.add(**{f"http {answer.status_code}": 1})
        except requests.RequestException as error:
            tally.add(**{type(error).__name__: 1})
        time.sleep(pause * random.uniform(0.5, 1.5))
        pause = min(pause * 2, 1.0)
    raise TimeoutError(f"not acknowledged before the deadline: {idempotency_key}")


def attach_document(base, filing_key):
    """Ask for a link, post the file to S3, verify it (faults off: this is the filing's prologue)."""
    meta = {"filing": filing_key, "kind": "decision", "type": "application/pdf", "size": len(PDF), "name": "a.pdf"}
    target = requests.post(f"{base}/api/uploads", json=meta, timeout=30).json()
    posted = requests.post(target["url"], data=target["fields"], files={"file": ("a.pdf", PDF)}, timeout=30)
    assert posted.status_code in (200, 201, 204), posted.text
    verified = requests.post(f"{base}/api/uploads/{target['upload_id']}/verify", timeout=30)
    assert verified.status_code == 200, verified.text
    return target["upload_id"]


def scan(dynamodb, table):
    items = []
    for page in dynamodb.get_paginator("scan").paginate(TableName=table, ConsistentRead=True):
        items += page["Items"]
    return items


def test_no_acknowledged_filing_is_lost_or_duplicated_with_aws_faults(tmp_path, aws_env, built_site):
    # (moto's DynamoDB is made atomic like the real one: tests/conftest.py, atomic_dynamodb.)
    moto = aws_env["AWS_ENDPOINT_URL_DYNAMODB"]
    proxy = FaultProxy(moto, rate=FAULT_RATE, hold_seconds=SDK_TIMEOUT * 1.5).start()
    env = {
        **{k: v for k, v in aws_env.items() if k.startswith("SAWT_")},
        "AWS_ENDPOINT_URL_DYNAMODB": proxy.url,
        "AWS_ENDPOINT_URL_S3": proxy.url,
        "SAWT_AWS_TIMEOUT_SECONDS": str(SDK_TIMEOUT),
        "SAWT_FILINGS_PER_HOUR": str(10 * FILINGS),  # one client address here: not what this measures
        "SAWT_UPLOADS_PER_HOUR": str(10 * FILINGS),
    }
    server = LocalServer(tmp_path / "unused", built_site, env=env).start()
    started = time.monotonic()
    try:
        filings = {key(): grievance(subject=f"AWS fault test filing {n:04d}") for n in range(FILINGS)}
        documents = {}
        for n, filing_key in enumerate(filings):
            if n % WITH_DOCUMENT == 0:
                documents[filing_key] = attach_document(server.url, filing_key)
                filings[filing_key]["attachments"] = [documents[filing_key]]
        tally, deadline = Tally(), time.monotonic() + DEADLINE_SECONDS
        proxy.armed = True
        with ThreadPoolExecutor(CLIENTS) as pool:
            sent = {k: pool.submit(send_until_acknowledged, f"{server.url}/api/grievances", body, k, tally, deadline)
                    for k, body in filings.items()}  # fmt: skip
            receipts = {k: future.result() for k, future in sent.items()}
        proxy.armed = False
    finally:
        server.stop()
        proxy.stop()
    elapsed = time.monotonic() - started

    dynamodb = boto3.client("dynamodb", region_name="eu-west-3", endpoint_url=moto)
    prefix, secret = aws_env["SAWT_TABLE_PREFIX"], bytes.fromhex(aws_env["SAWT_SECRET_KEY"])
    stored = {item["reference"]["S"]: json.loads(item["payload"]["S"])["subject"]
              for item in scan(dynamodb, f"{prefix}grievances")}  # fmt: skip
    subjects = Counter(stored.values())
    keyed = {item["key"]["S"]: item["reference"]["S"] for item in scan(dynamodb, f"{prefix}idempotency")}
    events = Counter(item["reference"]["S"] for item in scan(dynamodb, f"{prefix}events"))
    uploads = {item["upload_id"]["S"]: item for item in scan(dynamodb, f"{prefix}uploads")}
    totals = {item["counter"]["S"]: int(item["count"]["N"]) for item in scan(dynamodb, f"{prefix}statistics")
              if item["scope"]["S"] == "all"}  # fmt: skip

    lost = [k for k, receipt in receipts.items() if receipt["reference"].replace("-", "") not in stored]
    duplicated = sum(n - 1 for n in subjects.values() if n > 1) + (len(stored) - len(subjects))
    print(
        f"\n{FILINGS} filings ({len(documents)} with a document) in {elapsed:.0f} s; "
        f"{sum(proxy.calls.values())} signed AWS calls ({dict(proxy.calls)}), faults injected: {dict(proxy.faults)} "
        f"on {dict(proxy.faulted_operations)}; SDK retries of a faulted call: {proxy.retried}; "
        f"client retries: {dict(tally.retries)}; "
        f"replayed receipts: {tally.replayed}; lost: {len(lost)}; duplicated: {duplicated}"
    )
    assert sum(proxy.faults[kind] for kind in ("error_after_commit", "timeout_after_commit", "reset_after_commit")) > 0
    assert set(proxy.faults) == {
        "throttle",
        "error",
        "error_after_commit",
        "timeout_after_commit",
        "reset_after_commit",
    }

    # Exactly once: one grievance per filing, the one its receipt names, with its own text.
    assert lost == [] and duplicated == 0
    assert len(stored) == len(subjects) == FILINGS
    assert len({r["reference"] for r in receipts.values()}) == FILINGS
    for filing_key, receipt in receipts.items():
        reference = receipt["reference"].replace("-", "")
        assert stored[reference] == filings[filing_key]["subject"]
        assert keyed[idempotency_key_hash(secret, filing_key)] == reference
        assert events[reference] == 1  # one "received" event, not one per retry
        if filing_key in documents:
            upload = uploads[documents[filing_key]]
            assert upload["status"]["S"] == "attached" and upload["reference"]["S"] == reference
    assert len(keyed) == FILINGS
    # The counters moved in the same transactions as the rows, once each.
    assert totals["total#all"] == FILINGS
