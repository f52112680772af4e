"""The prebuilt self-check: every path of the tree, followed link by link in every language,
ends on an outcome page with nothing left in English."""

import html
import re

import pytest

from functions.platform.i18n import translations
from functions.web import labels
from schemas import guidance
from schemas.data_extract import _strings
from schemas.vocabulary import LANGUAGES

ANSWER_LINK = re.compile(r'<a class="answer[^"]*" href="([^"]+)">')


def english_texts() -> set[str]:
    """Every text of the guidance data and of the labels the self-check pages show."""
    import tomllib

    texts = set()
    for name in ("orientation.toml", "checklists.toml", "delegations.toml"):
        with (guidance.DATA / name).open("rb") as handle:
            texts |= set(_strings(tomllib.load(handle)))
    return texts | set(labels.CATEGORIES.values())


ENGLISH = english_texts()


def page_at(site, url):
    return (site / url.strip("/") / "index.html").read_text(encoding="utf-8")


def untranslated(page_html: str, lang: str) -> list[str]:
    """English texts on the page whose translation is missing (an identical translation is fine)."""
    if lang == "en":
        return []
    text = html.unescape(page_html)
    catalog = translations(lang)._catalog  # what the compiled catalog holds: "No" is Spanish too
    return [t for t in ENGLISH if t in text and t not in catalog]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_path_of_the_tree_ends_on_an_outcome(built_site, lang):
    paths = guidance.outcome_paths()
    assert paths
    for path in paths:
        url = f"/{lang}/check/"
        for _question, index in path:
            page = page_at(built_site, url)
            assert untranslated(page, lang) == [], url
            url = ANSWER_LINK.findall(page)[index]
        outcome = page_at(built_site, url)
        assert re.match(rf"/{lang}/check/(card|can-help)/[a-z_]+/$", url), url
        assert untranslated(outcome, lang) == [], url
        assert f'<html lang="{lang}"' in outcome


@pytest.mark.parametrize("lang", LANGUAGES)
def test_delegations_page_lists_every_region(built_site, lang):
    page = page_at(built_site, f"/{lang}/delegations/")
    gettext = translations(lang).gettext
    for region, name in labels.REGIONS.items():
        assert html.escape(gettext(name), quote=False) in page or gettext(name) in html.unescape(page), region
    assert untranslated(page, lang) == []


def test_can_help_pages_show_the_category_checklist(built_site):
    page = html.unescape(page_at(built_site, "/fr/check/can-help/judgment_enforcement/"))
    gettext = translations("fr").gettext
    for item in guidance.checklist_for("judgment_enforcement"):
        assert gettext(item["text"]) in page
