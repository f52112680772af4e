"""Nothing in English on a page in another language: a text left outside `_()` in a template, or in
data the pages show, would pass the catalog checks (it is never extracted) but not this one. Every
page of the built site is compared with its English twin; a text the two share must be one the
translators kept the same on purpose (a region's name in the catalog, say)."""

import html
import re

import pytest

from functions.platform.i18n import translations
from schemas.vocabulary import LANGUAGES


def texts(page: str) -> set[str]:
    page = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", page, flags=re.DOTALL)
    parts = (html.unescape(part).strip() for part in re.split(r"<[^>]+>", page))
    # (a web address, like the institution's, is the same in every language)
    return {
        part
        for part in parts
        if len(part) >= 12 and re.search(r"[A-Za-z]{3}", part) and not re.fullmatch(r"[\w.-]+\.[a-z]{2,}\S*", part)
    }


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_no_english_left_on_any_page(built_site, lang):
    kept_on_purpose = {msgid for msgid, text in translations(lang)._catalog.items() if msgid == text}
    compared = 0
    pairs = [(e, built_site / lang / e.relative_to(built_site / "en")) for e in (built_site / "en").rglob("index.html")]
    pairs += [(e, e.parent.parent / lang / "index.html") for e in built_site.glob("p/*/en/index.html")]  # partners
    for english, twin in pairs:
        shared = texts(english.read_text()) & texts(twin.read_text()) - kept_on_purpose
        assert not shared, (str(twin.relative_to(built_site)), sorted(shared)[:5])
        compared += 1
    assert compared >= 40 + 10
