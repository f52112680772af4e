"""Every page fits one TCP round trip: HTML + CSS + JS fetched on load ≤ 14,600 bytes gzip.

A size, not a time: deterministic for a given build, so it guards the budget in CI. The benchmark
script (scripts/bench/page_weight.py) prints the full table for docs/performance.md.
"""

import re

from scripts.bench.page_weight import BUDGET, measure


def test_every_page_is_within_budget(built_site):
    rows = measure(built_site)
    assert len(rows) >= 50
    over = {r["page"]: r["gzip"] for r in rows if r["gzip"] > BUDGET}
    assert over == {}


def test_no_third_party_requests_or_fonts(built_site):
    for path in built_site.rglob("*.html"):
        # A link the person may follow (the institution's own website) is no request on load.
        html = re.sub(r'<a href="https://[^"]*"', "<a", path.read_text(encoding="utf-8"))
        assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html, path
        assert "@font-face" not in html
    css = next((built_site / "assets").glob("sawt.*.css")).read_text()
    assert "@font-face" not in css and "url(http" not in css
