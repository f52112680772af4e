"""Cold start of each Lambda function from its unzipped package, against a bare `import flask`.

    python scripts/bench/cold_import.py [dist dir] [--runs 15] [--json out.json]

Each run is a fresh, isolated interpreter (-I -S) that sees only the unzipped package, the standard
library and what the Lambda runtime provides (boto3 and its dependencies), as on Lambda. Timed in
that interpreter, from before the first import:

- `import flask` (the baseline: the least a Flask function can import);
- `import boto3`, which the Lambda runtime provides and Zappa's handler imports whatever the app;
- "app imported and built": the app module named in the package's settings, and the Flask app built
  as the first request builds it;
- "+ Zappa's handler": then Zappa's handler made, as `lambda_handler` does on a cold start;
- "+ AWS storage adapters": then the PynamoDB models and S3 adapter the first filing or sign-in
  loads. No call is made to AWS: its latency is not the package's.

Interpreter start-up is the same for all and not counted. Budget: 200 ms (DESIGN.md §6).
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from scripts.bench.report import print_table, write_json  # noqa: E402
from scripts.package_lambdas import lambda_runtime  # noqa: E402

BUDGET_MS = 200
STAGES = ("public", "admin")

# Runs inside the isolated interpreter; prints cumulative timings in milliseconds as JSON.
PROBE = """
import json, sys, time
started = time.perf_counter()
sys.path[:0] = sys.argv[1:3]
if sys.argv[3] != "app":
    __import__(sys.argv[3])
    print(json.dumps({"import_ms": (time.perf_counter() - started) * 1000}))
    raise SystemExit
import zappa_settings
module = __import__(zappa_settings.APP_MODULE, fromlist=["app"])
module.app._load()  # the Flask app itself, as the first request builds it (lambda_entry.LazyApp)
app = time.perf_counter()
from zappa.handler import LambdaHandler
LambdaHandler()  # what Zappa's lambda_handler makes on a cold start (imports boto3 on its own)
handler = time.perf_counter()
import functions.storage.dynamo_store, functions.storage.s3_files
done = time.perf_counter()
print(json.dumps({"app_ms": (app - started) * 1000, "handler_ms": (handler - started) * 1000,
                  "storage_ms": (done - started) * 1000}))
"""
STEPS = (
    ("app_ms", "app imported and built"),
    ("handler_ms", "+ Zappa's handler"),
    ("storage_ms", "+ AWS storage adapters"),
)


def probe(package: Path, runtime: Path, mode: str) -> dict:
    env = {"AWS_DEFAULT_REGION": "eu-west-3", "PYTHONDONTWRITEBYTECODE": "1"}
    completed = subprocess.run(
        [sys.executable, "-I", "-S", "-c", PROBE, str(package), str(runtime), mode],
        capture_output=True, text=True, cwd=package, env=env, timeout=60, check=False,
    )  # fmt: skip
    if completed.returncode:
        raise RuntimeError(completed.stderr[-2000:])
    return json.loads(completed.stdout.strip().splitlines()[-1])


def median_of(runs: list[dict], key: str) -> float:
    return round(statistics.median(r[key] for r in runs), 1)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("dist", nargs="?", default=str(ROOT / "dist"))
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        runtime = lambda_runtime(Path(tmp) / "runtime")
        packages = {}
        for stage in STAGES:
            packages[stage] = Path(tmp) / stage
            with zipfile.ZipFile(Path(args.dist) / f"{stage}.zip") as archive:
                archive.extractall(packages[stage])
        for _ in range(2):  # warm the file-system cache: "cold" means a new interpreter, not a cold disk
            for package in packages.values():
                probe(package, runtime, "app")
        baselines = {}
        for module in ("flask", "boto3"):
            runs = [probe(packages["public"], runtime, module) for _ in range(args.runs)]
            baselines[module] = median_of(runs, "import_ms")
        flask = baselines["flask"]
        rows.append({"what": "import flask (baseline)", "median_ms": flask, "x_flask": 1.0})
        rows.append({"what": "import boto3 (in the Lambda runtime)", "median_ms": baselines["boto3"],
                     "x_flask": round(baselines["boto3"] / flask, 2)})  # fmt: skip
        for stage, package in packages.items():
            runs = [probe(package, runtime, "app") for _ in range(args.runs)]
            for key, label in STEPS:
                value = median_of(runs, key)
                rows.append({"what": f"{stage}: {label}", "median_ms": value, "x_flask": round(value / flask, 2),
                             "budget": "ok" if value <= BUDGET_MS else "over"})  # fmt: skip
    print_table(rows, [("what", "cold start (median of runs)"), ("median_ms", "ms"), ("x_flask", "× flask"),
                       ("budget", f"≤ {BUDGET_MS} ms")])  # fmt: skip
    write_json(args.json, {"budget_ms": BUDGET_MS, "runs": args.runs, "rows": rows})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
