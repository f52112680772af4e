"""Lighthouse (npm, Debian's Chromium) on pages of a running Sawt: mobile form factor, default
simulated throttling (slow 4G, 4x CPU slowdown).

    python scripts/bench/lighthouse.py [base url] [--json out.json]

Without a base URL it starts the local server on the built site and a temporary data directory.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from scripts.bench.report import print_table, write_json  # noqa: E402
from scripts.serving import LocalServer  # noqa: E402

LIGHTHOUSE = ROOT / "tools" / "bench" / "node_modules" / ".bin" / "lighthouse"
PAGES = ["/ar/file/", "/fr/file/"]
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
CATEGORIES = ("performance", "accessibility", "best-practices")


def run(url: str, attempts: int = 3) -> dict:
    # Lighthouse sometimes loses its trace (NO_NAVSTART) on a loaded machine; a rerun is the fix.
    for attempt in range(attempts):
        try:
            return run_once(url)
        except subprocess.CalledProcessError:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


def run_once(url: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", f"--chrome-flags={CHROME_FLAGS}",
             f"--only-categories={','.join(CATEGORIES)}", "--output=json", f"--output-path={out}"],
            check=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, timeout=300,
        )  # fmt: skip
        report = json.loads(out.read_text())
    audits = report["audits"]
    return {
        "url": url,
        **{c: report["categories"][c]["score"] for c in CATEGORIES},
        "fcp_ms": round(audits["first-contentful-paint"]["numericValue"]),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "cls": audits["cumulative-layout-shift"]["numericValue"],
    }


def main(argv: list[str]) -> int:
    base = argv[0] if argv and not argv[0].startswith("--") else None
    server = None
    if base is None:
        server = LocalServer(Path(tempfile.mkdtemp()), ROOT / "build" / "site").start()
        base = server.url
    try:
        rows = [run(base + page) for page in PAGES]
    finally:
        if server:
            server.stop()
    print_table([{**r, "page": "/" + r["url"].split("//", 1)[1].split("/", 1)[1]} for r in rows],
                [("page", "page"), ("performance", "perf"), ("accessibility", "a11y"), ("best-practices", "best"),
                 ("fcp_ms", "FCP ms"), ("lcp_ms", "LCP ms"), ("tbt_ms", "TBT ms"), ("cls", "CLS")])  # fmt: skip
    write_json(argv[argv.index("--json") + 1] if "--json" in argv else None, rows)
    ok = all(r["performance"] >= 0.95 and r["accessibility"] == 1 and r["best-practices"] == 1 for r in rows)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
