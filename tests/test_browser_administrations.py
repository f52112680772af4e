"""The administrations offered as the person names the one concerned, in Chromium (French and
Arabic): with the script, fetched on entering the field (not on load) into a datalist in the page's
language; without it, on the server's page. Free text stays an answer."""

import pytest

from schemas.administrations import administration_name, administrations
from tests.browser_helpers import continue_step, fill_about, fill_matter, fill_you

pytestmark = pytest.mark.browser


def to_the_matter_step(page):
    fill_about(page)
    continue_step(page)
    fill_you(page)
    continue_step(page)


def fetched_lists(page) -> list[str]:
    return page.evaluate(
        "() => performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('checklists-'))"
    )


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_field_offers_the_administrations_in_the_page_language(live_server, page_factory, lang):
    page = page_factory(viewport={"width": 360, "height": 740})
    page.goto(f"{live_server.url}/{lang}/file/")
    to_the_matter_step(page)
    field = page.locator("[name=administration]")
    assert field.get_attribute("list") is None and fetched_lists(page) == []  # nothing fetched on load
    field.focus()
    page.wait_for_function("() => document.querySelectorAll('#administrations option').length", timeout=60000)
    assert field.get_attribute("list") == "administrations"
    options = page.eval_on_selector_all("#administrations option", "os => os.map(o => o.value)")
    assert sorted(options) == sorted(administration_name(code, lang) for code in administrations())
    assert administration_name("cnss", lang) in options and len(fetched_lists(page)) == 1
    assert all(f"checklists-{lang}." in url for url in fetched_lists(page))
    # A name from the list, or words of one's own: both are answers.
    field.fill(administration_name("cnss", lang))
    assert field.input_value() == administration_name("cnss", lang)
    fill_matter(page)
    field.fill("Commune de Tiznit, service de l'état civil" if lang == "fr" else "جماعة تيزنيت، مصلحة الحالة المدنية")
    continue_step(page)
    assert page.locator("fieldset.step:not([hidden])").get_attribute("data-step") != "matter"
    page.focus("body")
    assert page.locator("#administrations").count() == 1  # offered once, however often entered


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_without_the_script_the_servers_page_offers_them(live_server, page_factory, lang):
    page = page_factory(java_script_enabled=False)
    page.goto(f"{live_server.url}/{lang}/file/?type=complaint")
    assert page.locator("#administrations").count() == 0  # (the static page stays as light as it was)
    page.fill("[name=administration]", "Commune de Tiznit")
    page.locator("form.grievance button[name=_action][value=review]").click()
    page.wait_for_selector(".error-summary")
    field = page.locator("[name=administration]")
    assert field.get_attribute("list") == "administrations" and field.input_value() == "Commune de Tiznit"
    options = page.eval_on_selector_all("#administrations option", "os => os.map(o => o.value)")
    assert administration_name("ancfcc", lang) in options and len(options) == len(administrations())
