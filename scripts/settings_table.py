"""Rewrite the settings table in README.md from functions/platform/config.py: python scripts/settings_table.py"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from functions.platform.config import SETTINGS  # noqa: E402

START, END = "<!-- settings:start -->", "<!-- settings:end -->"


def table() -> str:
    rows = ["| variable | default | what it does |", "|---|---|---|"]
    for s in SETTINGS:
        default = f"`{s.default}`" if s.default else "(empty)"
        rows.append(f"| `{s.name}` | {default} | {s.help} |")
    return "\n".join(rows)


def rewrite(text: str) -> str:
    return re.sub(rf"{START}.*?{END}", f"{START}\n{table()}\n{END}", text, flags=re.DOTALL)


if __name__ == "__main__":
    readme = ROOT / "README.md"
    readme.write_text(rewrite(readme.read_text(encoding="utf-8")), encoding="utf-8")
    print("README settings table rewritten")
