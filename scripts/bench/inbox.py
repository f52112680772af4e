"""Admin inbox with 100,000 grievances in the embedded store: time to get a page of 50.

    python scripts/bench/inbox.py [--count 100000] [--json out.json]

Fills a temporary SQLite store (bulk insert, not timed), then times the store query and the whole
admin page (Flask, rendered HTML, signed-in reviewer) for typical filters, including a page deep in
the list reached by cursor.
"""

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]

from functions.admin.app import create_app as admin_app  # noqa: E402
from functions.platform.config import Config  # noqa: E402
from functions.storage.records import InboxQuery, iso  # noqa: E402
from functions.storage.sqlite_store import SqliteStore  # noqa: E402
from schemas import vocabulary as v  # noqa: E402
from schemas.guidance import delegation_for_region  # noqa: E402
from schemas.identifiers import new_reference  # noqa: E402
from scripts.bench.report import percentile, print_table, write_json  # noqa: E402

START = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def fill(store: SqliteStore, count: int) -> None:
    rng = random.Random(7)
    payload = json.dumps({"subject": "Acte de naissance", "complainant": {"given_name": "A", "family_name": "B"}})
    rows = []
    for n in range(count):
        stamp = iso(START + dt.timedelta(minutes=7 * n))
        region = rng.choice(v.REGIONS)
        status = rng.choice(v.STATUSES)
        rows.append(
            (
                new_reference() + str(n),
                stamp,
                stamp,
                status,
                rng.choice(v.GRIEVANCE_TYPES),
                "individual",
                rng.choice(v.CATEGORIES),
                region,
                delegation_for_region(region),
                rng.choice(("FR", "ES", "IT", "BE", "NL", "DE")),
                None,
                "fr",
                0,
                "h",
                payload,
                iso(START + dt.timedelta(minutes=7 * n, days=21)),
                None,
                None,
                None,
                None,
            )
        )
    with store.db.write() as conn:
        conn.executemany(f"INSERT INTO grievances VALUES ({', '.join('?' * 20)})", rows)  # noqa: S608


def timed(function, repeat=30):
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return {"p50_ms": round(statistics.median(samples), 2), "p95_ms": round(percentile(samples, 0.95), 2)}


QUERIES = {
    "all, newest first": {},
    "one delegation (its staff)": {"delegation": "fes_meknes"},
    "status received": {"status": "received"},
    "category + country": {"category": "taxes", "country": "FR"},
    "overdue only": {"overdue_at": "2026-01-01T00:00:00.000000Z"},
    "date range, oldest first": {
        "created_from": "2025-01-01T00:00:00.000000Z",
        "created_to": "2025-03-31T23:59:59.999999Z",
        "newest_first": False,
    },
}


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        config = Config.from_env({}, SAWT_DATA_DIR=tmp)
        store = SqliteStore(config.data_dir)
        started = time.perf_counter()
        fill(store, args.count)
        print(f"filled {args.count} grievances in {time.perf_counter() - started:.1f} s")
        results = {}
        for name, criteria in QUERIES.items():
            results[name] = timed(lambda c=criteria: store.list_grievances(InboxQuery(limit=50, **c)))
        cursor = None
        for _ in range(200):  # 200 pages in: 10,000 grievances deep
            _page, cursor = store.list_grievances(InboxQuery(limit=50, cursor=cursor))
        results["page 201 (cursor)"] = timed(lambda: store.list_grievances(InboxQuery(limit=50, cursor=cursor)))

        app = admin_app(config, store)
        from tests.admin_helpers import add_staff, sign_in

        add_staff(store, "reviewer@example.ma", "reviewer")
        client = sign_in(app, "reviewer@example.ma")
        results["admin page (HTTP, rendered)"] = timed(lambda: client.get("/admin/inbox?status=received"), repeat=20)
        store.close()
    rows = [{"query": name, **figures} for name, figures in results.items()]
    print_table(rows, [("query", "query (page of 50)"), ("p50_ms", "p50 ms"), ("p95_ms", "p95 ms")])
    write_json(args.json, {"count": args.count, "results": results})


if __name__ == "__main__":
    main(sys.argv[1:])
