"""Admin search with 100,000 grievances, on both backends: time to answer GET /admin/inbox?q=….

    python scripts/bench/search.py [--count 100000] [--backend local|aws|both] [--json out.json]

Fills a store with grievances and their search tokens (bulk writes, not timed): SQLite in a
temporary directory, and DynamoDB on moto's server over HTTP (the tables made by the real
provisioning code). Then times the signed-in admin page for a search by reference (with dashes,
lower case), by family name, by e-mail and by phone, a search that finds nothing, and the same
searches by a delegation's staff (the scope filter). On DynamoDB each token is one Query on its
own partition and each hit one GetItem: the cost does not grow with the table.
"""

import argparse
import datetime as dt
import json
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]

from functions.admin.app import create_app as admin_app  # noqa: E402
from functions.cases.search_tokens import as_reference, filing_tokens, query_tokens  # noqa: E402
from functions.platform.config import Config  # noqa: E402
from functions.platform.server_secret import load_secret  # noqa: E402
from functions.storage import open_store  # noqa: E402
from functions.storage.records import Grievance, iso  # noqa: E402
from schemas import vocabulary as v  # noqa: E402
from schemas.guidance import delegation_for_region  # noqa: E402
from schemas.identifiers import format_reference, new_reference  # noqa: E402
from scripts.bench.report import percentile, print_table, write_json  # noqa: E402

START = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
FAMILY_NAMES = ("El Amrani", "Benali", "Tazi", "Kettani", "Bennani", "Alaoui", "Idrissi", "Chraibi", "Fassi")


def grievances(count: int):
    rng = random.Random(7)
    for n in range(count):
        stamp = iso(START + dt.timedelta(minutes=7 * n))
        region = rng.choice(v.REGIONS)
        payload = {
            "subject": "Acte de naissance",
            "complainant": {
                "given_name": "Fatima",
                "family_name": f"{rng.choice(FAMILY_NAMES)} {n}",  # a name shared by one file each
                "email": f"person{n}@example.org",
                "phone": f"+336{n:08d}",
                "country_of_residence": "FR",
            },
        }
        yield Grievance(
            reference=new_reference(), created_at=stamp, updated_at=stamp, status=rng.choice(v.STATUSES),
            type="complaint", filer_kind="individual", category=rng.choice(v.CATEGORIES), region=region,
            delegation=delegation_for_region(region), country="FR", partner=None, language="fr",
            email_updates=False, tracking_hash="h", payload=payload,
        ), n  # fmt: skip


def fill_sqlite(store, secret, count):
    rows, tokens, picked = [], [], {}
    for grievance, n in grievances(count):
        values = vars(grievance)
        rows.append(tuple(json.dumps(values[k]) if k == "payload" else values[k] for k in values))
        tokens += [(t, grievance.reference) for t in filing_tokens(secret, grievance.payload)]
        picked.setdefault(n % (count // 2 or 1), (grievance, n))
    with store.db.write() as conn:
        columns = ", ".join(vars(rows and grievance).keys())
        conn.executemany(f"INSERT INTO grievances ({columns}) VALUES ({', '.join('?' * 20)})", rows)  # noqa: S608
        conn.executemany("INSERT OR IGNORE INTO search_tokens (token, reference) VALUES (?, ?)", tokens)
    return picked


def fill_dynamo(store, secret, count):
    picked = {}
    with store.models.Grievance.batch_write() as grievances_batch, store.models.Event.batch_write() as tokens_batch:
        for grievance, n in grievances(count):
            grievances_batch.save(store._grievance_item(grievance))
            for token in filing_tokens(secret, grievance.payload):
                tokens_batch.save(store._token_item(token, grievance))
            picked.setdefault(n % (count // 2 or 1), (grievance, n))
    return picked


class Done:
    status_code = 200


def lookup(store, secret, query):
    """The search's own cost, without the page around it: tokens, key look-ups, the files."""
    references = [r for r in [as_reference(query)] if r]
    references += store.find_by_tokens(query_tokens(secret, query), 50)
    [store.get_grievance(r) for r in dict.fromkeys(references)]
    return Done


def timed(function, repeat):
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        answer = function()
        samples.append((time.perf_counter() - started) * 1000)
        assert answer.status_code == 200, answer.status_code
    return {"p50_ms": round(statistics.median(samples), 2), "p95_ms": round(percentile(samples, 0.95), 2)}


def run(backend: str, count: int, repeat: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        moto = None
        if backend == "aws":
            from moto.server import ThreadedMotoServer

            from functions.storage.aws_provision import provision

            logging.getLogger("werkzeug").setLevel(logging.ERROR)
            moto = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
            moto.start()
            host, port = moto.get_host_and_port()
            for name in ("AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_S3"):
                os.environ[name] = f"http://{host}:{port}"
            for name, value in (("AWS_ACCESS_KEY_ID", "bench"), ("AWS_SECRET_ACCESS_KEY", "bench")):
                os.environ.setdefault(name, value)
            config = Config.from_env({}, SAWT_STORAGE="aws", SAWT_DATA_DIR=tmp, SAWT_SECRET_KEY="b" * 64,
                                     SAWT_BUCKET="sawt-bench", SAWT_TABLE_PREFIX="bench-",
                                     SAWT_AWS_TIMEOUT_SECONDS="60")  # moto's Query reads its whole table  # fmt: skip
            provision(config, log=lambda _msg: None)
        else:
            config = Config.from_env({}, SAWT_DATA_DIR=tmp)
        store, secret = open_store(config), load_secret(config)
        started = time.perf_counter()
        picked = (fill_dynamo if backend == "aws" else fill_sqlite)(store, secret, count)
        print(f"{backend}: filled {count} grievances and their tokens in {time.perf_counter() - started:.1f} s")
        grievance, _n = picked[min(picked)]
        target = grievance.payload["complainant"]
        searches = {
            "reference, with dashes": format_reference(grievance.reference),
            "reference, lower case, no dashes": grievance.reference.lower(),
            "family name (other case)": target["family_name"].upper(),
            "e-mail": target["email"],
            "phone (spaces, 00)": "00 33 6 " + target["phone"][4:],
            "nothing found": "Zzyzx",
        }
        app = admin_app(config, store)
        from tests.admin_helpers import add_staff, sign_in

        add_staff(store, "reviewer@example.ma", "reviewer")
        add_staff(store, "desk@example.ma", "delegation", grievance.delegation)
        results = {}
        for who in ("reviewer@example.ma", "desk@example.ma"):
            client = sign_in(app, who)
            for name, query in searches.items():
                label = f"{name}{' (delegation staff)' if who.startswith('desk') else ''}"
                answer = client.get("/admin/inbox", query_string={"q": query})
                found = format_reference(grievance.reference) in answer.get_data(as_text=True).split("<tbody>")[1]
                assert found == (name != "nothing found"), (backend, name)
                results[label] = timed(lambda q=query, c=client: c.get("/admin/inbox", query_string={"q": q}), repeat)
                if who.startswith("reviewer"):
                    results[f"{name}: the store's part"] = timed(lambda q=query: lookup(store, secret, q), repeat)
        store.close()
        if moto:
            moto.stop()
        return results


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--backend", choices=("local", "aws", "both"), default="both")
    parser.add_argument("--repeat", type=int, default=20)
    # moto answers a Query by reading every item of the table in Python (DynamoDB reads one
    # partition): at 100,000 files its figures measure moto. Its default is smaller.
    parser.add_argument("--aws-count", type=int, default=10_000)
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    backends = ("local", "aws") if args.backend == "both" else (args.backend,)
    counts = {"local": args.count, "aws": args.aws_count}
    results = {backend: run(backend, counts[backend], args.repeat) for backend in backends}
    rows = [{"search": name, "backend": b, **cost} for b, found in results.items() for name, cost in found.items()]
    print_table(rows, [("backend", "backend"), ("search", "search (admin page, HTTP)"), ("p50_ms", "p50 ms"),
                       ("p95_ms", "p95 ms")])  # fmt: skip
    write_json(args.json, {"counts": {b: counts[b] for b in backends}, "results": results})


if __name__ == "__main__":
    main(sys.argv[1:])
