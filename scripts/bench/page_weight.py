"""Page weight: HTML + CSS + JS fetched on load, per page × language, gzip and brotli, against the
14,600-byte budget (one TCP round trip with a 10-segment initial window) and against GOV.UK
Frontend's compiled CSS + JS alone (gzip), as a ratio.

    python scripts/bench/page_weight.py [site dir] [--json out.json]

What "fetched on load" means here: the page and every stylesheet, script and icon it links to
(not the service worker, which the browser fetches after load and only once).
"""

import gzip
import re
import sys
from pathlib import Path

import brotli

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from scripts.bench import govuk_baseline  # noqa: E402
from scripts.bench.report import print_table, write_json  # noqa: E402

BUDGET = 14_600
LINKED = re.compile(r'<(?:link[^>]+rel="(?:stylesheet|icon)"[^>]+href|script[^>]+src)="(/[^"]+)"')


def compressed(files: list[bytes]) -> dict:
    return {
        "raw": sum(len(f) for f in files),
        "gzip": sum(len(gzip.compress(f, 9)) for f in files),
        "brotli": sum(len(brotli.compress(f, quality=11)) for f in files),
        "requests": len(files),
    }


def weigh(site: Path, html_path: Path) -> dict:
    html = html_path.read_bytes()
    return compressed([html] + [(site / url.lstrip("/")).read_bytes() for url in LINKED.findall(html.decode())])


def measure(site: Path) -> list[dict]:
    rows = []
    for path in sorted(site.rglob("*.html")):
        page = str(path.relative_to(site).parent).replace(".", "/") or "/"
        rows.append({"page": page if path.name == "index.html" else str(path.relative_to(site)), **weigh(site, path)})
    return rows


def baseline() -> dict:
    """GOV.UK Frontend's minified CSS and JS, before any HTML, font or image."""
    files = [govuk_baseline.CSS.read_bytes(), govuk_baseline.JS.read_bytes()]
    return {"version": govuk_baseline.version(), **compressed(files)}


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv and not argv[0].startswith("--") else ROOT / "build" / "site"
    rows = measure(site)
    reference = baseline()
    for row in rows:
        row["vs_govuk"] = round(row["gzip"] / reference["gzip"], 2)
        row["budget"] = "ok" if row["gzip"] <= BUDGET else "OVER"
    print_table(rows, [("page", "page"), ("raw", "raw"), ("gzip", "gzip"), ("brotli", "brotli"),
                       ("requests", "req"), ("vs_govuk", "× GOV.UK"), ("budget", "budget")])  # fmt: skip
    heaviest = max(rows, key=lambda r: r["gzip"])
    print(f"\n{len(rows)} pages; heaviest {heaviest['page']} at {heaviest['gzip']:,} bytes gzip of {BUDGET:,}")
    print(f"GOV.UK Frontend {reference['version']} CSS + JS alone: {reference['gzip']:,} bytes gzip "
          f"({reference['brotli']:,} brotli); heaviest Sawt page = {heaviest['vs_govuk']} of it")  # fmt: skip
    json_path = argv[argv.index("--json") + 1] if "--json" in argv else None
    write_json(json_path, {"budget": BUDGET, "govuk_frontend": reference, "pages": rows})
    return 0 if heaviest["gzip"] <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
