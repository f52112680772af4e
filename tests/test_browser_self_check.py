"""The self-check in Chromium, from the first question to a card or to a pre-set form."""

import pytest

from functions.platform.i18n import translations
from schemas import guidance
from tests.browser_helpers import continue_step

pytestmark = pytest.mark.browser


def answer(page, text_msgid, lang="fr"):
    page.click(f'a.answer:text-is("{translations(lang).gettext(text_msgid)}")')


def test_before_a_court_leads_to_the_court_card(live_server, page_factory):
    page = page_factory()
    page.goto(f"{live_server.url}/fr/check/")
    answer(page, "Yes, a court is dealing with it now")
    assert page.url.endswith("/fr/check/card/court/")
    heading = page.locator("#card-body").inner_text()
    assert heading == translations("fr").gettext(guidance.orientation()["card"]["court"]["body"])
    assert page.locator("[data-module=print-page]").is_visible()


def test_administration_contacted_without_answer_leads_to_the_form_and_its_checklist(live_server, page_factory):
    page = page_factory()
    page.goto(f"{live_server.url}/fr/check/")
    answer(page, "No")
    answer(page, "A Moroccan public administration: a ministry, a commune, a public body, a consulate…")
    answer(page, "Another decision, delay or refusal of an administration")
    answer(page, "Yes, and I got no answer")
    answer(page, "Taxes")
    assert page.url.endswith("/fr/check/can-help/taxes/")
    page.click("[data-module=start-form] button")
    page.wait_for_url("**/fr/file/?type=complaint&category=taxes")
    assert page.locator("input[name=type][value=complaint]").is_checked()
    assert page.locator("[name=category]").input_value() == "taxes"
    page.wait_for_function("() => !document.getElementById('checklist').hidden")  # in the step "the matter"
    tax_notice = translations("fr").gettext("The tax notice or assessment concerned")
    assert tax_notice in page.locator("#checklist").text_content()


def test_a_grievance_after_the_self_check_carries_category_region_and_delegation(live_server, page_factory):
    from functions.platform.config import Config
    from functions.storage.sqlite_store import SqliteStore
    from schemas.identifiers import normalise_code

    page = page_factory()
    page.goto(f"{live_server.url}/en/file/?type=complaint&category=urban_planning")
    page.check("input[name=filer_kind][value=individual]")
    continue_step(page)
    page.fill("[name='complainant.given_name']", "Youssef")
    page.fill("[name='complainant.family_name']", "Alaoui")
    page.select_option("[name='complainant.country_of_residence']", "BE")
    page.fill("[name='complainant.phone']", "+32 470 12 34 56")
    continue_step(page)
    page.fill("[name=administration]", "Commune of Mohammedia")
    page.select_option("[name=region]", "casablanca_settat")
    page.fill("[name=subject]", "Building permit")
    page.fill("[name=description]", "My permit application has had no answer for eight months.")
    page.fill("[name=desired_outcome]", "A decision on my application.")
    continue_step(page)
    page.check("input[name='prior_steps.contacted'][value=false]")
    continue_step(page)
    continue_step(page)  # no documents
    page.check("[name=not_before_court]")
    page.check("[name=consent]")
    continue_step(page)
    page.click(".review button[type=submit]")
    reference = page.locator(".panel [data-slot=reference]").inner_text()
    store = SqliteStore(Config.from_env(SAWT_DATA_DIR=live_server.data_dir).data_dir)
    try:
        stored = store.get_grievance(normalise_code(reference))
    finally:
        store.close()
    assert (stored.category, stored.region, stored.delegation) == (
        "urban_planning",
        "casablanca_settat",
        "casablanca_settat",
    )


def test_without_javascript_the_outcome_opens_the_form_pre_set(live_server, page_factory):
    page = page_factory(java_script_enabled=False)
    page.goto(f"{live_server.url}/ar/check/can-help/civil_status/")
    page.click("[data-module=start-form] button")
    assert page.locator("[name=category]").input_value() == "civil_status"
    assert page.locator("input[name=type][value=complaint]").is_checked()
    assert not page.locator("#checklist").is_hidden()
    assert page.get_attribute("html", "dir") == "rtl"


@pytest.mark.parametrize("lang", ["ar", "fr"])
@pytest.mark.parametrize("script", [True, False], ids=["with-js", "without-js"])
def test_every_answer_is_a_large_target_and_every_question_has_a_way_back(live_server, page_factory, lang, script):
    """At 360 px, with and without JavaScript: each answer at least 44 px tall and the width of a
    thumb; Back on each question leads to the one before it (the home page before the first)."""
    tree = guidance.orientation()
    page = page_factory(viewport={"width": 360, "height": 740}, java_script_enabled=script)
    parents = {a["next"]: name for name, q in tree["question"].items() for a in q["answers"] if a.get("next")}
    back = translations(lang).gettext("Back")
    for name in tree["question"]:
        path = "check" if name == tree["start"] else f"check/{name}"
        page.goto(f"{live_server.url}/{lang}/{path}/")
        boxes = [a.bounding_box() for a in page.locator("a.answer").all()]
        assert len(boxes) == len(tree["question"][name]["answers"])
        assert all(box["height"] >= 44 and box["width"] >= 44 for box in boxes), (name, boxes)
        page.click(f'main a:text-is("{back}")')
        parent = parents.get(name)
        if parent is None:
            page.wait_for_url(f"**/{lang}/")
        else:
            page.wait_for_url(f"**/{lang}/check/" + ("" if parent == tree["start"] else f"{parent}/"))


@pytest.mark.parametrize("script", [True, False], ids=["with-js", "without-js"])
def test_the_consular_path_pre_sets_the_region_abroad(live_server, page_factory, script):
    # A consular service is given abroad: the person should not have to find "abroad" among
    # Morocco's twelve regions (the held-out walkthrough saw people pick their home region).
    page = page_factory(java_script_enabled=script)
    page.goto(f"{live_server.url}/fr/check/")
    answer(page, "No")
    answer(page, "A Moroccan public administration: a ministry, a commune, a public body, a consulate…")
    answer(page, "A consular service: passport, civil status registration abroad, certificates")
    answer(page, "Yes, and I got no answer")
    assert page.url.endswith("/fr/check/can-help/consular_services/")
    page.click("[data-module=start-form] button")
    if script:
        page.wait_for_url("**/fr/file/?type=complaint&category=consular_services&region=abroad")
    assert page.locator("[name=category]").input_value() == "consular_services"
    assert page.locator("[name=region]").input_value() == "abroad"


def test_other_outcomes_leave_the_region_to_the_person(live_server, page_factory):
    page = page_factory(java_script_enabled=False)
    page.goto(f"{live_server.url}/fr/check/can-help/taxes/")
    page.click("[data-module=start-form] button")
    assert page.locator("[name=category]").input_value() == "taxes"
    assert page.locator("[name=region]").input_value() == ""
