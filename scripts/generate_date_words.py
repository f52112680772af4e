"""Write functions/web/date_words.json: how each of our languages writes a date in words (CLDR's
long format, one template per month: "{d} mars {y}"), for the pages the functions render.

Run after upgrading Babel; a test checks the file is current. As for country names, the functions
read this small file instead of shipping Babel's locale data to Lambda. Arabic is Morocco's
(ar_MA: Western digits, the months as said there).
"""

import datetime
import json
import sys
from pathlib import Path

from babel.dates import format_date

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from schemas.vocabulary import LANGUAGES  # noqa: E402

TARGET = ROOT / "functions" / "web" / "date_words.json"
LOCALES = {"ar": "ar_MA"}


def build() -> dict:
    # Day 28 and year 2000 are written nowhere else in a long date: each becomes its placeholder.
    return {
        lang: [
            format_date(datetime.date(2000, month, 28), "long", locale=LOCALES.get(lang, lang))
            .replace("2000", "{y}")
            .replace("28", "{d}")
            for month in range(1, 13)
        ]
        for lang in LANGUAGES
    }


def render() -> str:
    lines = [f"{json.dumps(lang)}:{json.dumps(months, ensure_ascii=False)}" for lang, months in build().items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
