"""Dates in words, as each language writes them ("21 avril 2025", "21. April 2025", "21 أبريل 2025").

Running text never shows an ISO date: a person reading on a phone, sometimes in a second language,
reads a month's name more surely than 2025-04-21. The words come from CLDR through
functions/web/date_words.json (scripts/generate_date_words.py), so Babel stays out of Lambda;
Arabic keeps Western digits, as Moroccan administrations write them.
"""

import datetime
import functools
import json
import re
from pathlib import Path

from schemas.vocabulary import DEFAULT_LANGUAGE

DATE_WORDS = Path(__file__).with_name("date_words.json")
# A CLDR pattern's fields and quoted literals (only those the long date patterns of our languages use).
TOKEN = re.compile(r"'([^']*)'|(d+|M{3,4}|y+)")


@functools.cache
def _words() -> dict:
    return json.loads(DATE_WORDS.read_text(encoding="utf-8"))


def _as_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def date_in_words(value, lang: str) -> str:
    """The day of an ISO timestamp or a date, in words; "" for nothing, the text itself if it is
    not a date (never an error on a page)."""
    if not value:
        return ""
    day = _as_date(value)
    if day is None:
        return str(value)
    words = _words().get(lang) or _words()[DEFAULT_LANGUAGE]

    def field(match: re.Match) -> str:
        literal, token = match.groups()
        if literal is not None:
            return literal or "'"
        if token.startswith("d"):
            # French writes the first of the month as an ordinal: "1er avril" (CLDR leaves it out).
            return "1er" if day.day == 1 and lang == "fr" else str(day.day)
        if token.startswith("M"):
            return words["months"][day.month - 1]
        return str(day.year)

    return TOKEN.sub(field, words["pattern"])


def time_of(value) -> str:
    """The hour and minute of an ISO timestamp (24-hour clock, as every one of our languages reads it)."""
    text = str(value or "")
    return text[11:16] if len(text) >= 16 and text[10] in "T " else ""
