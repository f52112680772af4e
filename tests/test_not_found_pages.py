"""A missing page answers in the language of its address: the local server by the path's prefix,
and on AWS the CDN's one error page (every language) shows the prefix's language by its script."""

import pytest
import requests

from schemas.vocabulary import LANGUAGES

NOT_FOUND = {"ar": "الصفحة غير موجودة", "fr": "Page introuvable", "en": "Page not found", "es": "Página no encontrada",
             "it": "Pagina non trovata", "nl": "Pagina niet gevonden", "de": "Seite nicht gefunden"}  # fmt: skip


def test_the_words_are_the_catalogs():
    from functions.platform.i18n import translations

    assert {lang: translations(lang).gettext("Page not found") for lang in LANGUAGES} == NOT_FOUND


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_its_own_404_page(built_site, lang):
    page = (built_site / lang / "404.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in page and f"<h1>{NOT_FOUND[lang]}</h1>" in page
    assert f'href="/{lang}/"' in page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_local_server_answers_in_the_language_of_the_prefix(live_server, lang):
    for path in (f"/{lang}/nothing-here/", f"/{lang}/file/nothing/deeper", f"/p/consulat-paris/{lang}/nothing/"):
        answer = requests.get(live_server.url + path, timeout=30)
        assert answer.status_code == 404
        assert f"<h1>{NOT_FOUND[lang]}</h1>" in answer.text, path
        assert f'<html lang="{lang}"' in answer.text


def test_an_address_outside_any_language_gets_every_language(live_server):
    answer = requests.get(live_server.url + "/nothing-here", timeout=30)
    assert answer.status_code == 404
    for lang, words in NOT_FOUND.items():
        assert f'<li lang="{lang}"' in answer.text and words in answer.text


@pytest.mark.parametrize("lang", ["fr", "ar", "de"])
def test_the_cdns_one_error_page_shows_the_prefixs_language(page_factory, live_server, lang):
    """CloudFront answers every missing address with /404.html: played here by routing any page to it."""
    root_404 = requests.get(live_server.url + "/404.html", timeout=30).text
    page = page_factory()
    page.route(
        "**/nowhere/**", lambda route: route.fulfill(status=404, body=root_404, content_type="text/html; charset=utf-8")
    )
    page.goto(f"{live_server.url}/{lang}/nowhere/at-all/")
    visible = page.locator("[data-module=not-found] > li:visible")
    assert visible.count() == 1
    assert visible.get_attribute("lang") == lang
    assert NOT_FOUND[lang] in visible.inner_text()
