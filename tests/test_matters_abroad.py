"""A matter handled abroad (a consulate, an embassy) lies in no region of Morocco: the form offers it
honestly, the schemas accept it, the data routes it (delegations.toml), and staff see it, on both
backends; at 360×740 in Arabic and French in the browser."""

import pytest

from functions.platform.i18n import translations
from schemas import guidance
from schemas.vocabulary import ABROAD
from tests.admin_helpers import sign_in
from tests.browser_helpers import STEP_FILLERS, continue_step, stored_grievances
from tests.case_helpers import staff_app, visible_text
from tests.factories import grievance, key

CHOICE = "None: the matter is handled abroad, by a consulate or an embassy"


def test_the_data_routes_matters_abroad_to_one_office():
    offices = [d["code"] for d in guidance.delegations() if ABROAD in d["regions"]]
    assert offices == [guidance.delegation_for_region(ABROAD)]


def test_a_matter_abroad_is_filed_routed_and_shown_to_staff(public_app, config):
    public = public_app.test_client()
    app, store = staff_app(config)
    body = grievance(region=ABROAD, category="consular_services")
    answer = public.post("/api/grievances", json=body, headers={"Idempotency-Key": key()})
    assert answer.status_code == 201, answer.get_json()
    reference = answer.get_json()["reference"].replace("-", "")
    stored = store.get_grievance(reference)
    assert (stored.region, stored.delegation) == (ABROAD, guidance.delegation_for_region(ABROAD))
    staff = sign_in(app, "officer@example.ma")
    inbox = staff.get("/admin/inbox", query_string={"region": ABROAD})
    assert answer.get_json()["reference"] in visible_text(inbox.get_data(as_text=True).split("<tbody>")[1])
    page = visible_text(staff.get(f"/admin/grievances/{reference}").get_data(as_text=True))
    assert translations("fr").gettext("Abroad: a consulate or an embassy") in page
    # A delegation of a region of Morocco does not see it.
    fes = sign_in(app, "fes@example.ma")
    assert fes.get(f"/admin/grievances/{reference}").status_code == 404


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_form_offers_abroad_as_an_honest_choice(live_server, page_factory, lang):
    gettext = translations(lang).gettext
    page = page_factory(viewport={"width": 360, "height": 740})
    page.goto(f"{live_server.url}/{lang}/file/")
    for step, fill in STEP_FILLERS:
        fill(page)
        if step == "matter":
            page.select_option("[name=region]", label=gettext(CHOICE))
        if step != "declarations":
            continue_step(page)
    continue_step(page)
    page.wait_for_selector(".review:not([hidden])")
    assert gettext(CHOICE) in page.locator(".review").inner_text()
    page.click(".review button[type=submit]")
    page.wait_for_selector(".panel [data-slot=reference]")
    shown = page.locator(".panel [data-slot=reference]").inner_text().replace("-", "")
    filed = {g.reference: g for g in stored_grievances(live_server)}[shown]
    assert (filed.region, filed.delegation) == (ABROAD, guidance.delegation_for_region(ABROAD))
