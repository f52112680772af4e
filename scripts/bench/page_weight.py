"""Page weight: HTML + CSS + JS fetched on load, per page × language, gzip and brotli, against the
14,600-byte budget (one TCP round trip with a 10-segment initial window).

    python scripts/bench/page_weight.py [site dir] [--json out.json]

What "fetched on load" means here: the page and every stylesheet, script and icon it links to
(not the service worker, which the browser fetches after load and only once).
"""

import gzip
import json
import re
import sys
from pathlib import Path

import brotli

ROOT = Path(__file__).resolve().parents[2]
BUDGET = 14_600
LINKED = re.compile(r'<(?:link[^>]+rel="(?:stylesheet|icon)"[^>]+href|script[^>]+src)="(/[^"]+)"')


def weigh(site: Path, html_path: Path) -> dict:
    html = html_path.read_bytes()
    files = [html] + [(site / url.lstrip("/")).read_bytes() for url in LINKED.findall(html.decode("utf-8"))]
    return {
        "raw": sum(len(f) for f in files),
        "gzip": sum(len(gzip.compress(f, 9)) for f in files),
        "brotli": sum(len(brotli.compress(f, quality=11)) for f in files),
        "requests": len(files),
    }


def measure(site: Path) -> list[dict]:
    rows = []
    for path in sorted(site.rglob("*.html")):
        page = str(path.relative_to(site).parent).replace(".", "/") or "/"
        rows.append({"page": page if path.name == "index.html" else str(path.relative_to(site)), **weigh(site, path)})
    return rows


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv and not argv[0].startswith("--") else ROOT / "build" / "site"
    rows = measure(site)
    width = max(len(r["page"]) for r in rows)
    print(f"{'page':<{width}}  {'raw':>7}  {'gzip':>6}  {'brotli':>6}  req  budget")
    for r in rows:
        verdict = "ok" if r["gzip"] <= BUDGET else "OVER"
        print(f"{r['page']:<{width}}  {r['raw']:>7}  {r['gzip']:>6}  {r['brotli']:>6}  {r['requests']:>3}  {verdict}")
    heaviest = max(rows, key=lambda r: r["gzip"])
    print(f"\n{len(rows)} pages; heaviest {heaviest['page']} at {heaviest['gzip']} bytes gzip of {BUDGET}")
    if "--json" in argv:
        Path(argv[argv.index("--json") + 1]).write_text(json.dumps({"budget": BUDGET, "pages": rows}, indent=1))
    return 0 if heaviest["gzip"] <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
