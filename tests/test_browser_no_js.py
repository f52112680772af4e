"""Without JavaScript, in Chromium: a grievance can be filed in every language."""

import re

import pytest
import requests

from schemas.vocabulary import LANGUAGES

pytestmark = pytest.mark.browser


def fill_minimal_complaint(page):
    page.check("input[name=type][value=complaint]")
    page.check("input[name=filer_kind][value=individual]")
    page.fill("[name='complainant.given_name']", "Fatima")
    page.fill("[name='complainant.family_name']", "El Amrani")
    page.select_option("[name='complainant.country_of_residence']", "FR")
    page.fill("[name='complainant.email']", "fatima@example.org")
    page.fill("[name=administration]", "Commune de Berkane")
    page.select_option("[name=region]", "oriental")
    page.select_option("[name=category]", "civil_status")
    page.fill("[name=subject]", "Acte de naissance")
    page.fill("[name=description]", "J'attends la transcription de l'acte de naissance depuis quatre mois.")
    page.fill("[name=desired_outcome]", "Recevoir une copie intégrale de l'acte.")
    page.check("[name=not_before_court]")
    page.check("[name=consent]")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_file_without_javascript(live_server, page_factory, lang):
    page = page_factory(java_script_enabled=False)
    page.goto(f"{live_server.url}/{lang}/file/")
    assert page.get_attribute("html", "lang") == lang
    assert page.get_attribute("html", "dir") == ("rtl" if lang == "ar" else "ltr")
    fill_minimal_complaint(page)
    page.click("button[value=review]")
    assert page.get_attribute("html", "lang") == lang
    assert page.locator("dl.summary").count() >= 1
    page.click("button[value=send]")
    reference = page.locator(".panel [data-slot=reference]").inner_text()
    assert re.fullmatch(r"[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3}", reference)
    code = page.locator(".panel [data-slot=tracking_code]").inner_text()
    tracked = requests.post(
        f"{live_server.url}/api/track", json={"reference": reference, "tracking_code": code}, timeout=30
    )
    assert tracked.status_code == 200


def test_errors_are_shown_in_the_page_language_without_javascript(live_server, page_factory):
    page = page_factory(java_script_enabled=False)
    page.goto(f"{live_server.url}/fr/file/")
    page.click("button[value=review]")
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    links = summary.locator("a")
    assert links.count() >= 5
    first_target = links.first.get_attribute("href")
    assert page.locator(first_target).count() == 1


def test_sending_the_reviewed_form_twice_files_once(live_server, page_factory):
    page = page_factory(java_script_enabled=False)
    page.goto(f"{live_server.url}/en/file/")
    fill_minimal_complaint(page)
    page.click("button[value=review]")
    hidden = page.locator("form input[type=hidden]")
    form = {hidden.nth(i).get_attribute("name"): hidden.nth(i).get_attribute("value") for i in range(hidden.count())}
    assert form["idempotency_key"]
    page.click("button[value=send]")
    first = page.locator(".panel [data-slot=reference]").inner_text()
    # A double tap or a resubmitted page sends the same form again.
    again = page.request.post(f"{live_server.url}/api/grievances", form={**form, "_action": "send"})
    assert again.status == 201
    assert first in again.text()


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_a_document_is_added_without_javascript(live_server, page_factory, lang, tmp_path):
    """From the receipt: what the document is, the file, then back on the public function, which
    verified the PDF and added it to the grievance (the embedded backend, end to end)."""
    from tests.test_attachments import PDF

    page = page_factory(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page.goto(f"{live_server.url}/{lang}/file/")
    fill_minimal_complaint(page)
    page.click("button[value=review]")
    page.click("button[value=send]")
    reference = page.locator(".panel [data-slot=reference]").inner_text()
    code = page.locator(".panel [data-slot=tracking_code]").inner_text()
    page.click("form.add-documents button")
    page.check("input[name=kind][value=decision]")
    page.screenshot(path=str(tmp_path / f"documents-kind-{lang}.png"), full_page=True)
    page.click("button.primary")
    letter = tmp_path / "decision.pdf"
    letter.write_bytes(PDF)
    page.set_input_files("input[type=file]", str(letter))
    page.screenshot(path=str(tmp_path / f"documents-file-{lang}.png"), full_page=True)
    page.click("button.primary")
    assert page.locator(".panel h1").count() == 1 and page.locator(".error-summary").count() == 0
    assert page.get_attribute("html", "lang") == lang
    assert reference in page.locator(".panel").inner_text()
    page.screenshot(path=str(tmp_path / f"documents-added-{lang}.png"), full_page=True)
    tracked = requests.post(
        f"{live_server.url}/api/track", json={"reference": reference, "tracking_code": code}, timeout=30
    ).json()
    assert [e["documents"] for e in tracked["timeline"] if e["kind"] == "documents"] == [1]
