"""axe-core in Chromium: zero violations on every page × language, and on the form's other states."""

import pytest
from portal.pages import PAGES

from schemas.vocabulary import LANGUAGES
from tests.browser_helpers import STEP_FILLERS, axe_violations, continue_step, fill_form_with_script

pytestmark = pytest.mark.browser

URLS = ["/", "/404.html"] + [
    f"/{lang}/" if page == "home" else f"/{lang}/{page}/" for lang in LANGUAGES for page in PAGES
]


@pytest.fixture
def axe_page(page_factory):
    def make(**options):
        return page_factory(bypass_csp=True, **options)

    return make


@pytest.mark.parametrize("url", URLS)
def test_no_axe_violations(live_server, axe_page, url):
    page = axe_page()
    page.goto(live_server.url + url)
    assert axe_violations(page) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_other_built_page_has_no_violations(live_server, built_site, axe_page, lang):
    """The rest of the 400 pages: the self-check tree (questions, cards, can-help pages) and the
    partner pages, in one browser tab per language (most share templates with the pages above, but
    their texts, lengths and links are their own)."""
    paths = sorted(p.parent for p in (built_site / lang).rglob("index.html"))
    paths += sorted(p.parent for p in built_site.glob(f"p/*/{lang}/index.html"))
    urls = [f"/{path.relative_to(built_site)}/" for path in paths]
    # /<lang>/fragments/ is not a page: it holds pieces of markup the form's script clones.
    urls = [url for url in urls if url not in URLS and not url.endswith("/fragments/")]
    assert len(urls) >= 40
    page = axe_page()
    found = {}
    for url in urls:
        page.goto(live_server.url + url)
        violations = axe_violations(page)
        if violations:
            found[url] = violations
    assert found == {}


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_form_states_have_no_violations(live_server, axe_page, lang):
    page = axe_page()
    page.goto(f"{live_server.url}/{lang}/file/")
    for step, fill in STEP_FILLERS:  # every step, with its errors, then answered
        assert axe_violations(page) == []
        if step != "documents":
            continue_step(page, moves=False)
            page.wait_for_selector("fieldset.step:not([hidden]) .has-error")
            assert axe_violations(page) == []
        fill(page)
        continue_step(page)
    page.wait_for_selector(".review:not([hidden])")
    page.goto(f"{live_server.url}/{lang}/file/")
    fill_form_with_script(page)
    continue_step(page)
    page.wait_for_selector(".review:not([hidden])")
    assert axe_violations(page) == []
    page.click(".review button[type=submit]")
    page.wait_for_selector(".panel")
    assert axe_violations(page) == []


def axe_on_html(page, origin, html):
    """axe needs JavaScript; these pages are for browsers without it, and carry no script of their
    own, so the same markup is checked in a page that can run axe."""
    page.goto(origin + "/404.html")
    page.set_content(html)
    return axe_violations(page)


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_server_rendered_pages_have_no_violations(live_server, axe_page, lang):
    no_js = axe_page(java_script_enabled=False)
    checker = axe_page()
    no_js.goto(f"{live_server.url}/{lang}/file/")
    no_js.click("button[value=review]")  # the form again, with its errors
    assert no_js.locator(".error-summary").count() == 1
    assert axe_on_html(checker, live_server.url, no_js.content()) == []
    no_js.goto(f"{live_server.url}/{lang}/track/")
    no_js.fill("[name=reference]", "K7M-QX4-RTU")
    no_js.fill("[name=tracking_code]", "2222")
    no_js.click("button[type=submit]")
    assert no_js.locator(".error-summary").count() == 1
    assert axe_on_html(checker, live_server.url, no_js.content()) == []
    no_js.goto(f"{live_server.url}/{lang}/new-code/")  # a new code: the page again with its errors, then sent
    no_js.fill("[name=reference]", "K7M-QX4-RTU")
    no_js.click("#reissue-form button[type=submit]")
    assert no_js.locator(".error-summary").count() == 1
    assert axe_on_html(checker, live_server.url, no_js.content()) == []
    no_js.fill("[name=email]", "someone@example.org")
    no_js.click("#reissue-form button[type=submit]")
    assert no_js.locator("[role=status]").count() == 1
    assert axe_on_html(checker, live_server.url, no_js.content()) == []
