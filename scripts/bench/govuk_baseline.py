"""The reference the budgets are compared with: GOV.UK Frontend's own compiled CSS and JS.

Installed by `make bench` (tools/bench/package.json pins the version); GOV.UK Frontend is the design
system of the best-known public-sector service, and as light as such systems get.
"""

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "tools" / "bench" / "node_modules" / "govuk-frontend"
DIST = PACKAGE / "dist" / "govuk"
CSS = DIST / "govuk-frontend.min.css"
JS = DIST / "govuk-frontend.min.js"
FONTS = DIST / "assets" / "fonts"


def version() -> str:
    if not CSS.exists():
        raise SystemExit("GOV.UK Frontend is missing: npm ci --prefix tools/bench (make bench does it)")
    return json.loads((PACKAGE / "package.json").read_text())["version"]
