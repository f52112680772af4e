"""Write functions/web/country_names.json: CLDR country names in our languages, sorted for people.

Run after changing schemas/countries.py or upgrading Babel; a test checks the file is current. The
functions read this small file instead of shipping Babel's locale data (30 MB) to Lambda.
"""

import json
import sys
import unicodedata
from pathlib import Path

from babel import Locale

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from schemas.countries import COUNTRY_CODES  # noqa: E402
from schemas.vocabulary import LANGUAGES  # noqa: E402

TARGET = ROOT / "functions" / "web" / "country_names.json"


def sort_key(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()


def build() -> dict:
    out = {}
    for lang in LANGUAGES:
        names = Locale.parse(lang).territories
        out[lang] = sorted(([code, names[code]] for code in COUNTRY_CODES), key=lambda pair: sort_key(pair[1]))
    return out


def render() -> str:
    # One line per language: readable diffs when CLDR renames a country.
    lines = [
        f"{json.dumps(lang)}:{json.dumps(pairs, ensure_ascii=False, separators=(',', ':'))}"
        for lang, pairs in build().items()
    ]
    return "{\n" + ",\n".join(lines) + "\n}\n"


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
