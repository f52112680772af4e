"""Translations for everything the functions say, from the compiled gettext catalogs in locales/.

The standard library reads .mo files; Babel (and its 30 MB of locale data) stays out of the Lambda
bundle. Catalogs are loaded on first use, not at import, to keep cold starts short.
"""

import functools
import gettext
from pathlib import Path

from schemas.vocabulary import LANGUAGES, RTL_LANGUAGES

LOCALES_DIR = Path(__file__).resolve().parents[2] / "locales"
DOMAIN = "messages"


@functools.cache
def translations(language: str, domain: str = DOMAIN) -> gettext.NullTranslations:
    """The catalog of a language; the admin domain falls back to the citizens' one, whose labels
    (statuses, categories, regions) staff read too."""
    if language not in LANGUAGES or language == "en":
        return gettext.NullTranslations()
    found = gettext.translation(domain, localedir=str(LOCALES_DIR), languages=[language], fallback=True)
    if domain != DOMAIN:
        found.add_fallback(translations(language))
    return found


def text_direction(language: str) -> str:
    return "rtl" if language in RTL_LANGUAGES else "ltr"


def negotiate(accept_language, default: str) -> str:
    """Best of our languages for a werkzeug LanguageAccept, matching on the primary subtag."""
    best, best_quality = None, 0.0
    for value, quality in accept_language or ():
        primary = value.split("-")[0].split("_")[0].lower()
        if primary in LANGUAGES and quality > best_quality:
            best, best_quality = primary, quality
    return best or default
