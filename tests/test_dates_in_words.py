"""Dates in words in every language — on the server (CLDR through date_words.json) and in the page
scripts (Intl) alike; Arabic as in Morocco with Western digits; never an ISO date in a sentence."""

import datetime
import re
import sys

import pytest
from babel.dates import format_date

from functions.web.dates import date_in_words
from schemas.vocabulary import LANGUAGES
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import generate_date_words

DAYS = ["2025-04-21", "2026-01-01", "2026-08-09", "2024-12-31T23:59:59+00:00", "2026-05-01T00:00:00Z"]
EXPECTED = {
    "ar": "21 أبريل 2025",
    "fr": "21 avril 2025",
    "en": "21 April 2025",
    "es": "21 de abril de 2025",
    "it": "21 aprile 2025",
    "nl": "21 april 2025",
    "de": "21. April 2025",
}


def test_date_words_json_is_current_with_babel():
    assert generate_date_words.TARGET.read_text(encoding="utf-8") == generate_date_words.render()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_date_in_words(lang):
    assert date_in_words("2025-04-21T10:00:00+00:00", lang) == EXPECTED[lang]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("day", DAYS)
def test_the_server_writes_a_date_as_cldr_does(lang, day):
    value = datetime.date.fromisoformat(day[:10])
    expected = format_date(value, "long", locale=generate_date_words.date_locale(lang))
    if lang == "fr" and value.day == 1:
        expected = expected.replace("1 ", "1er ", 1)  # "1er janvier": French writes the first as an ordinal
    assert date_in_words(day, lang) == expected
    assert not re.search(r"[\u0660-\u0669]", date_in_words(day, lang))  # Western digits, Arabic too


def test_moroccan_months_in_arabic():
    assert [date_in_words(f"2026-{m:02d}-01", "ar").split()[1] for m in (5, 7, 8, 9, 11, 12)] == [
        "ماي", "يوليوز", "غشت", "شتنبر", "نونبر", "دجنبر",
    ]  # fmt: skip


def test_nothing_is_never_an_error():
    assert date_in_words("", "fr") == "" and date_in_words(None, "fr") == ""
    assert date_in_words("not a date", "fr") == "not a date"


def test_the_page_scripts_write_the_same_words(page_factory, live_server):
    """dates.js's inWords, run in Chromium for each language, says what the server says (the bundles
    are closures: dates.js is loaded again on its own, in the page of each language)."""
    core = (ROOT / "site" / "portal" / "static" / "js" / "modules" / "dates.js").read_text(encoding="utf-8")
    page = page_factory(bypass_csp=True)  # the test's own copy of core.js is an inline script
    for lang in LANGUAGES:
        page.goto(f"{live_server.url}/{lang}/help/")
        page.add_script_tag(content=core)
        for day in DAYS:
            said = page.evaluate("iso => inWords(iso)", day)
            assert said == date_in_words(day, lang), (lang, day)


@pytest.mark.parametrize("lang, sentence", [
    ("ar", "، في أجل أقصاه "),
    ("fr", ", prévue d'ici le "),
    ("de", ", voraussichtlich bis zum "),
])  # fmt: skip
def test_the_next_step_is_one_sentence_with_its_date_in_words(lang, sentence):
    from portal.app import create_app

    from functions.web.rendering import gettext

    app = create_app()
    with app.test_request_context():
        from flask import g, render_template

        g.lang = lang
        view = {
            "reference": "K7M-QX4-RT",
            "status": "under_review",
            "created_at": "2025-04-01T09:00:00+00:00",
            "next_step": {"step": "initial_study", "due_at": "2025-04-21T09:00:00+00:00", "overdue": False},
            "timeline": [{"at": "2025-04-01T09:00:00+00:00", "by": "you", "status": "received"}],
            "orientation": None,
            "can_reply": False,
            "can_withdraw": False,
        }
        html = render_template("track_view.html", view=view, notice=None, code="")
        step = gettext("The first study of your file")
    assert step + sentence + date_in_words("2025-04-21", lang) in html
    assert "2025-04-" not in html
