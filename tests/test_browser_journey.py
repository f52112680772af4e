"""The citizen's journey at 360×740, in Arabic and French: steps that refuse to move on with errors,
Back and Change that behave, a receipt that cannot be lost (issue #16)."""

import pytest

from functions.platform.i18n import translations
from tests.browser_helpers import STEP_FILLERS, continue_step, fill_about, fill_form_with_script, fill_you

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 360, "height": 740}}
LANGS = ["ar", "fr"]


def visible_step(page) -> str:
    return page.locator("fieldset.step:not([hidden])").get_attribute("data-step")


def wait_for_step(page, step):
    page.locator(f"#step-{step}:not([hidden])").wait_for()


@pytest.mark.parametrize("lang", LANGS)
def test_a_step_with_errors_does_not_move_on_and_says_what_to_do(live_server, page_factory, lang):
    gettext = translations(lang).gettext
    page = page_factory(**PHONE)
    page.goto(f"{live_server.url}/{lang}/file/")
    fill_about(page)
    continue_step(page)
    page.fill("[name='complainant.given_name']", "Fatima")
    continue_step(page, moves=False)
    summary = page.locator(".error-summary")
    summary.wait_for()
    assert visible_step(page) == "you"
    text = summary.inner_text()
    assert gettext("Enter your family name.") in text
    assert gettext("Choose the country where you live.") in text
    assert gettext("Give at least one way to reach you: email, phone or postal address.") in text
    assert gettext("Enter your given name.") not in text  # answered
    assert gettext("This is required.") not in text
    fill_you(page)
    continue_step(page)
    assert visible_step(page) == "matter"
    assert page.locator(".error-summary").count() == 0


@pytest.mark.parametrize("lang", LANGS)
def test_a_date_is_asked_for_when_the_answer_is_yes(live_server, page_factory, lang):
    gettext = translations(lang).gettext
    page = page_factory(**PHONE)
    page.goto(f"{live_server.url}/{lang}/file/")
    for _step, fill in STEP_FILLERS[:3]:
        fill(page)
        continue_step(page)
    page.check("input[name='prior_steps.contacted'][value=true]")
    label = page.locator("label[for=f-prior-steps-contacted-on]").inner_text()
    assert gettext("(optional)") not in label
    continue_step(page, moves=False)
    page.locator(".error-summary").wait_for()
    assert gettext("Enter the date you contacted the administration.") in page.locator(".error-summary").inner_text()
    assert visible_step(page) == "steps"


def test_no_field_that_is_required_says_optional(live_server, page_factory):
    page = page_factory(**PHONE)
    page.goto(f"{live_server.url}/en/file/")
    optional = page.evaluate(
        """() => Array.from(document.querySelectorAll('.opt')).map(o => {
            const f = o.closest('.field, fieldset'); const i = f && f.querySelector('[name]'); return i && i.name; })"""
    )
    for name in ("complainant.email", "complainant.phone", "complainant.postal_address", "prior_steps.contacted_on"):
        assert name not in optional
    assert "complainant.city" in optional
    assert page.locator("#contact-ways").is_visible() is False  # on its step, which is not shown yet


@pytest.mark.parametrize("lang", LANGS)
def test_back_and_forward_move_between_steps_never_out_of_the_form(live_server, page_factory, lang):
    page = page_factory(**PHONE)
    page.goto(f"{live_server.url}/{lang}/")
    page.goto(f"{live_server.url}/{lang}/file/")
    fill_about(page)
    continue_step(page)
    fill_you(page)
    continue_step(page)
    assert visible_step(page) == "matter"
    page.go_back()
    wait_for_step(page, "you")
    page.go_back()
    wait_for_step(page, "about")
    assert page.url.endswith(f"/{lang}/file/")
    page.go_forward()
    wait_for_step(page, "you")
    assert page.input_value("[name='complainant.given_name']") == "Fatima"
    page.locator("fieldset.step:not([hidden]) button.secondary[data-go]").click()  # the step's own Back
    wait_for_step(page, "about")


@pytest.mark.parametrize("lang", LANGS)
def test_change_goes_to_the_answer_and_continue_comes_back_to_the_review(live_server, page_factory, lang):
    page = page_factory(**PHONE)
    page.goto(f"{live_server.url}/{lang}/file/")
    fill_form_with_script(page)
    continue_step(page)
    review = page.locator(".review:not([hidden])")
    review.wait_for()
    subject = translations(lang).gettext("Subject, in a few words")
    row = page.locator(".review-answers dl > div").filter(has=page.locator("dt", has_text=subject))
    row.locator("button.link").click()
    wait_for_step(page, "matter")
    assert page.evaluate("document.activeElement.name") == "subject"
    page.fill("[name=subject]", "Acte de mariage")
    continue_step(page)
    review.wait_for()
    assert "Acte de mariage" in review.inner_text()


@pytest.mark.parametrize("lang", LANGS)
def test_the_receipt_is_on_the_first_screen_and_stays_on_reload(live_server, page_factory, lang):
    page = page_factory(**PHONE)
    page.goto(f"{live_server.url}/{lang}/file/")
    fill_form_with_script(page)
    continue_step(page)
    page.locator(".review:not([hidden])").wait_for()
    page.click(".review button[type=submit]")
    reference = page.locator(".panel [data-slot=reference]")
    reference.wait_for()
    code = page.locator(".panel [data-slot=tracking_code]")
    for node in (reference, code):
        box = node.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= 740, box
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, box
    ref, secret = reference.inner_text(), code.inner_text()
    assert len(secret.replace("-", "")) == 16
    page.reload()
    page.locator(".panel [data-slot=reference]", has_text=ref).wait_for()
    assert page.locator(".panel [data-slot=tracking_code]").inner_text() == secret
    page.locator("footer a[href$='/my-filings/']").click()
    page.locator("[data-state=sent] [data-slot=reference]", has_text=ref).wait_for()


@pytest.mark.parametrize("lang", LANGS)
def test_a_wrong_code_offers_what_to_do_and_a_person_to_contact(live_server, page_factory, lang):
    page = page_factory(**PHONE)
    page.goto(f"{live_server.url}/{lang}/track/")
    assert not page.locator("#track-help").is_visible()
    page.fill("[name=reference]", "K7M-QX4-RTU")
    page.fill("[name=tracking_code]", "2222-3333-4444-5555")
    page.click("#track-form button[type=submit]")
    page.locator("#track-help").wait_for()
    assert page.locator("#track-help #contact-central").is_visible()
    assert page.locator("#track-help a[href$='/my-filings/']").is_visible()


@pytest.mark.parametrize("locale, lang", [("fr-FR", "fr"), ("ar-MA", "ar"), ("nl-BE", "nl")])
def test_the_root_opens_in_the_visitors_language(live_server, page_factory, locale, lang):
    page = page_factory(locale=locale, **PHONE)
    page.goto(f"{live_server.url}/")
    page.wait_for_url(f"{live_server.url}/{lang}/")
    assert page.evaluate("document.documentElement.lang") == lang


def test_the_root_stays_a_chooser_without_javascript_or_a_language_of_ours(live_server, page_factory):
    for options in ({"java_script_enabled": False, "locale": "fr-FR"}, {"locale": "ja-JP"}):
        page = page_factory(**options, **PHONE)
        page.goto(f"{live_server.url}/")
        assert page.locator("[data-module=language-choice] a").count() == 7
        assert page.url == f"{live_server.url}/"
        assert page.title() == "صوت · Sawt"
