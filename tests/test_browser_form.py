"""The form with its script, in Chromium: steps, review, sending, keyboard only, small screens."""

import pytest
import requests

from tests.browser_helpers import continue_step, fill_about, fill_form_with_script, fill_you
from tests.test_browser_offline import filings

pytestmark = pytest.mark.browser


def stored_total(server) -> int:
    from functions.platform.config import Config
    from functions.storage.sqlite_store import SqliteStore

    store = SqliteStore(Config.from_env(SAWT_DATA_DIR=server.data_dir).data_dir)
    try:
        return store.read_statistics().get("total", {}).get("all", 0)
    finally:
        store.close()


def test_file_with_the_script_one_step_at_a_time(live_server, page_factory):
    before = stored_total(live_server)
    page = page_factory()
    page.goto(f"{live_server.url}/fr/file/")
    assert page.locator("fieldset.step:not([hidden])").count() == 1
    fill_form_with_script(page)
    continue_step(page)
    review = page.locator(".review")
    review.wait_for()
    assert "Fatima" in review.inner_text() and "Commune de Berkane" in review.inner_text()
    page.click(".review button[type=submit]")
    reference = page.locator(".panel [data-slot=reference]").inner_text()
    code = page.locator(".panel [data-slot=tracking_code]").inner_text()
    assert stored_total(live_server) == before + 1
    tracked = requests.post(
        f"{live_server.url}/api/track", json={"reference": reference, "tracking_code": code}, timeout=30
    )
    assert tracked.status_code == 200


def test_only_the_parts_that_apply_are_shown_and_sent(live_server, page_factory):
    page = page_factory()
    page.goto(f"{live_server.url}/en/file/")
    page.check("input[name=type][value=complaint]")
    page.check("input[name=filer_kind][value=collective]")
    continue_step(page)
    fill_you(page)
    continue_step(page)
    assert page.locator("#f-members").is_visible()
    page.fill("[name='members.0.given_name']", "Ali")
    page.locator("fieldset.step:not([hidden]) button[data-go]").nth(1).click()  # back
    page.locator("#step-you:not([hidden])").wait_for()
    page.locator("fieldset.step:not([hidden]) button[data-go]").nth(1).click()
    page.check("input[name=filer_kind][value=individual]")
    continue_step(page)
    continue_step(page)
    assert not page.locator("#f-members").is_visible()
    sent_members = page.evaluate(
        """() => Array.from(document.getElementById('grievance-form').elements)
            .filter(e => e.name && e.name.startsWith('members') && !e.closest('[data-show-if][hidden]')).length"""
    )
    assert sent_members == 0


def test_errors_from_the_server_are_summarised_and_focused(live_server, page_factory):
    page = page_factory()
    page.goto(f"{live_server.url}/ar/file/")
    continue_step(page, moves=False)
    summary = page.locator(".error-summary")
    summary.wait_for()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    summary.locator("a").first.click()
    focused = page.evaluate("document.activeElement.id")
    assert focused.startswith("f-")
    assert page.locator(f"#{focused}").is_visible()


def test_another_country_loads_the_full_list(live_server, page_factory):
    page = page_factory()
    page.goto(f"{live_server.url}/fr/file/")
    fill_about(page)
    continue_step(page)
    select = page.locator("[name='complainant.country_of_residence']")
    assert select.locator("option").count() < 20
    select.select_option("other")
    page.wait_for_function("() => document.querySelectorAll('#f-complainant-country-of-residence option').length > 200")
    select.select_option("JP")
    assert select.input_value() == "JP"


def test_keyboard_only(live_server, page_factory):
    """Tab, type, space and enter: no mouse, from the first field to the receipt."""
    page = page_factory()
    page.goto(f"{live_server.url}/fr/file/")

    def tab_to(selector, limit=40):
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate("s => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector}")

    def next_step():
        tab_to("fieldset.step:not([hidden]) button.primary")
        page.keyboard.press("Enter")

    tab_to("input[name=type]")
    page.keyboard.press("Space")
    tab_to("input[name=filer_kind]")
    page.keyboard.press("Space")
    next_step()
    for name, text in (("complainant.given_name", "Fatima"), ("complainant.family_name", "El Amrani")):
        tab_to(f"[name='{name}']")
        page.keyboard.type(text)
    tab_to("[name='complainant.country_of_residence']")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    tab_to("[name='complainant.email']")
    page.keyboard.type("fatima@example.org")
    next_step()  # the group step is skipped for one person
    tab_to("[name=administration]")
    page.keyboard.type("Commune de Berkane")
    tab_to("[name=region]")
    page.keyboard.press("ArrowDown")
    tab_to("[name=category]")
    page.keyboard.press("ArrowDown")
    for name, text in (
        ("subject", "Acte de naissance"),
        ("description", "J'attends la transcription de l'acte depuis quatre mois."),
        ("desired_outcome", "Recevoir une copie de l'acte."),
    ):
        tab_to(f"[name={name}]")
        page.keyboard.type(text)
    next_step()
    tab_to("input[name='prior_steps.contacted']")
    page.keyboard.press("Space")  # yes
    page.keyboard.press("ArrowDown")  # no: arrows move within a group of radios
    next_step()
    next_step()  # documents: none
    for name in ("not_before_court", "consent"):
        tab_to(f"[name={name}]")
        page.keyboard.press("Space")
    next_step()
    page.locator(".review:not([hidden])").wait_for()
    tab_to(".review button[type=submit]", limit=80)
    page.keyboard.press("Enter")
    page.locator(".panel").wait_for()
    assert page.locator(".panel [data-slot=reference]").inner_text()


def test_focus_is_visible(live_server, page_factory):
    page = page_factory()
    page.goto(f"{live_server.url}/fr/")
    page.keyboard.press("Tab")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"


@pytest.mark.parametrize("url", ["/ar/file/", "/fr/file/", "/de/help/", "/nl/privacy/", "/ar/track/", "/it/"])
def test_reflows_at_320_px_and_200_percent_text(live_server, page_factory, url):
    page = page_factory(viewport={"width": 320, "height": 640})
    page.goto(live_server.url + url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    page = page_factory(viewport={"width": 640, "height": 800})
    page.goto(live_server.url + url)
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    assert page.evaluate("document.documentElement.scrollWidth") <= 640


@pytest.mark.parametrize("url", ["/fr/file/", "/ar/track/", "/en/"])
def test_touch_targets_are_at_least_24_px(live_server, page_factory, url):
    page = page_factory()
    page.goto(live_server.url + url)
    small = page.evaluate(
        """() => Array.from(document.querySelectorAll('button, input, select, textarea, nav a, .button'))
            .filter(e => e.offsetParent !== null)
            .map(e => [e.name || e.textContent.trim(), e.getBoundingClientRect()])
            .filter(([n, r]) => r.width < 24 || r.height < 24).map(([n]) => n)"""
    )
    assert small == []


def test_enter_in_a_text_field_never_sends(live_server, page_factory):
    page = page_factory()
    page.goto(f"{live_server.url}/fr/file/")
    posts = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    fill_form_with_script(page)  # every answer given: the declarations step
    page.press("[name=consent]", "Enter")
    for _ in range(3):  # back to the matter: declarations -> documents -> what was done -> the matter
        page.locator("fieldset.step:not([hidden]) button[data-go='-1']").click()
    page.press("[name=subject]", "Enter")
    page.press("[name=administration]", "Enter")
    page.wait_for_timeout(1500)
    assert page.locator("#step-matter").is_visible()
    assert [url for url in posts if url.endswith("/api/grievances")] == []
    assert "queued" not in [f["state"] for f in filings(page)]
