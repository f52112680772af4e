"""Submission throughput and latency of POST /api/grievances on the local server (gunicorn, the
settings `make run` uses, embedded store), at a few concurrency levels, against a bare Flask endpoint
served the same way, as a ratio.

    python scripts/bench/throughput.py [--levels 1,4,16] [--json out.json]

Every Sawt request is a new, valid filing with its own Idempotency-Key: validated, written durably
(SQLite in WAL mode with synchronous=FULL), counted, and its notification queued. The clients are
threads in this process on the same two cores, with keep-alive connections, so both servers share the
machine with their load the same way.
"""

import argparse
import copy
import http.client
import json
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from schemas.examples import GRIEVANCE  # noqa: E402
from scripts.bench.report import print_table, spread, write_json  # noqa: E402
from scripts.serving import LocalServer  # noqa: E402

REQUESTS_PER_CLIENT = 150
WARM_UP = 20


def filing(n: int) -> bytes:
    body = copy.deepcopy(GRIEVANCE)
    body["subject"] = f"Throughput benchmark filing {n}"
    return json.dumps(body).encode()


def client(port: int, bodies: list[bytes], latencies: list[float], errors: list[int]) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for body in bodies:
        headers = {"Content-Type": "application/json", "Idempotency-Key": str(uuid.uuid4())}
        started = time.perf_counter()
        connection.request("POST", "/api/grievances", body, headers)
        answer = connection.getresponse()
        answer.read()
        latencies.append((time.perf_counter() - started) * 1000)
        if answer.status != 201:
            errors.append(answer.status)
    connection.close()


def load(port: int, concurrency: int, counter: list[int]) -> dict:
    def bodies(count):
        start = counter[0]
        counter[0] += count
        return [filing(n) for n in range(start, start + count)]

    run_clients(port, [bodies(WARM_UP) for _ in range(concurrency)])
    batches = [bodies(REQUESTS_PER_CLIENT) for _ in range(concurrency)]
    started = time.perf_counter()
    latencies, errors = run_clients(port, batches)
    elapsed = time.perf_counter() - started
    if errors:
        raise RuntimeError(f"{len(errors)} requests failed: {sorted(set(errors))}")
    return {"requests": len(latencies), "per_second": round(len(latencies) / elapsed, 1), **spread(latencies)}


def run_clients(port: int, batches: list[list[bytes]]) -> tuple[list[float], list[int]]:
    latencies: list[float] = []
    errors: list[int] = []
    threads = [threading.Thread(target=client, args=(port, batch, latencies, errors)) for batch in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors


def measure(levels: list[int]) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        servers = {
            # Every client is 127.0.0.1: lift the per-client filing limit, which is not what this measures.
            "sawt": LocalServer(Path(tmp) / "data", ROOT / "build" / "site", env={"SAWT_FILINGS_PER_HOUR": "10000000"}),
            "bare flask": LocalServer(Path(tmp) / "bare", ROOT / "build" / "site",
                                      app="scripts.bench.bare_flask:app", ready_path="/ready"),
        }  # fmt: skip
        results = {}
        for name, server in servers.items():
            server.start()
            try:
                counter = [0]
                results[name] = {level: load(server.port, level, counter) for level in levels}
            finally:
                server.stop()
    for level in levels:
        sawt, bare = results["sawt"][level], results["bare flask"][level]
        for name, figures in (("sawt", sawt), ("bare flask", bare)):
            rows.append({"server": name, "concurrency": level, **figures})
        rows.append({"server": "sawt ÷ bare", "concurrency": level,
                     "per_second": round(sawt["per_second"] / bare["per_second"], 2),
                     "p50_ms": round(sawt["p50_ms"] / bare["p50_ms"], 2),
                     "p99_ms": round(sawt["p99_ms"] / bare["p99_ms"], 2)})  # fmt: skip
    return rows


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--levels", default="1,4,16")
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    rows = measure([int(level) for level in args.levels.split(",")])
    print_table(rows, [("server", "POST /api/grievances"), ("concurrency", "clients"), ("requests", "requests"),
                       ("per_second", "per second"), ("p50_ms", "p50 ms"), ("p99_ms", "p99 ms")])  # fmt: skip
    write_json(args.json, {"requests_per_client": REQUESTS_PER_CLIENT, "rows": rows})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
