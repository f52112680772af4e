"""Site build time: every page × language, assets, offline files, gzip and brotli copies.

    python scripts/bench/site_build.py [--runs 3] [--json out.json]

Timed as a whole command (`python scripts/build_site.py <dir>`, a fresh interpreter, into an empty
directory), which is what `make build` runs after compiling the catalogs. Budget: 10 s.
"""

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from scripts.bench.report import print_table, write_json  # noqa: E402

BUDGET_S = 10


def build_once(destination: Path) -> dict:
    started = time.perf_counter()
    completed = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_site.py"), str(destination)],
                               cwd=ROOT, capture_output=True, text=True, check=True, timeout=300)  # fmt: skip
    wall = time.perf_counter() - started
    pages = int(re.search(r"built (\d+) pages", completed.stdout).group(1))
    files = sum(1 for p in destination.rglob("*") if p.is_file())
    size = sum(p.stat().st_size for p in destination.rglob("*") if p.is_file())
    return {"seconds": wall, "pages": pages, "files": files, "bytes": size}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        runs = [build_once(Path(tmp) / f"site-{n}") for n in range(args.runs)]
    row = {
        "what": "python scripts/build_site.py",
        "pages": runs[0]["pages"],
        "files": runs[0]["files"],
        "megabytes": round(runs[0]["bytes"] / 1e6, 1),
        "median_s": round(statistics.median(r["seconds"] for r in runs), 2),
        "max_s": round(max(r["seconds"] for r in runs), 2),
    }
    row["budget"] = "ok" if row["max_s"] <= BUDGET_S else "over"
    print_table([row], [("what", "site build"), ("pages", "pages"), ("files", "files (with .gz/.br)"),
                        ("megabytes", "MB"), ("median_s", "median s"), ("max_s", "max s"),
                        ("budget", f"≤ {BUDGET_S} s")])  # fmt: skip
    write_json(args.json, {"budget_s": BUDGET_S, "runs": runs, "summary": row})
    return 0 if row["budget"] == "ok" else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
