"""Write functions/web/date_words.json: how each of our languages writes a date in words (CLDR).

Run after upgrading Babel; a test checks the file is current. The functions read this small file
instead of shipping Babel's locale data (30 MB) to Lambda (as for country_names.json).

Arabic follows Morocco (CLDR ar_MA: the months as Moroccan administrations name them, Western
digits); English follows the day-month-year order most of our readers know (en_GB).
"""

import json
import sys
from pathlib import Path

from babel import Locale

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from schemas.vocabulary import LANGUAGES  # noqa: E402

TARGET = ROOT / "functions" / "web" / "date_words.json"
# The CLDR locale each language's dates follow; the page scripts use the same tags with Intl.
DATE_LOCALES = {"ar": "ar_MA", "en": "en_GB"}


def date_locale(lang: str) -> str:
    return DATE_LOCALES.get(lang, lang)


def build() -> dict:
    out = {}
    for lang in LANGUAGES:
        locale = Locale.parse(date_locale(lang))
        out[lang] = {
            "pattern": locale.date_formats["long"].pattern,
            "months": [locale.months["format"]["wide"][m] for m in range(1, 13)],
        }
    return out


def render() -> str:
    lines = [f"{json.dumps(lang)}:{json.dumps(words, ensure_ascii=False)}" for lang, words in build().items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
