"""End to end in Chromium: a complainant files; staff ask for information in the admin; the
complainant sees it, answers with a document; staff see the answer and resolve; the complainant sees
the resolution and the whole timeline."""

import pyotp
import pytest

from functions.platform.config import Config
from functions.platform.i18n import translations
from functions.storage.sqlite_store import SqliteStore
from tests.admin_helpers import PASSWORD, TOTP_SECRET, add_staff
from tests.browser_helpers import ask_for_information, continue_step, fill_form_with_script
from tests.test_browser_attachments import PICK_PHOTO_AND_PDF

pytestmark = pytest.mark.browser


def staff_sign_in(page, server):
    page.goto(f"{server.url}/admin/login")
    page.fill("#email", "agent@example.ma")
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    page.fill("#code", pyotp.TOTP(TOTP_SECRET).now())
    page.click("main button[type=submit]")
    page.wait_for_url("**/admin/inbox")


def test_ask_answer_resolve(live_server, page_factory):
    store = SqliteStore(Config.from_env(SAWT_DATA_DIR=live_server.data_dir).data_dir)
    add_staff(store, "agent@example.ma", "reviewer")
    store.close()
    fr = translations("fr").gettext

    person = page_factory()
    person.goto(f"{live_server.url}/fr/file/")
    fill_form_with_script(person)
    continue_step(person)
    person.click(".review button[type=submit]")
    reference = person.locator(".panel [data-slot=reference]").inner_text()
    follow_link = person.locator("a[data-slot=link]").get_attribute("href")

    staff = page_factory(viewport={"width": 1280, "height": 900})
    staff_sign_in(staff, live_server)
    staff.click(f"a:text-is('{reference}')")  # as citizens see it, with dashes
    staff.select_option("#request-template", "request_documents")
    staff.fill("#request-text", "Merci d'ajouter la copie intégrale de l'acte de naissance.")
    staff.click("form[action$='/request-information'] button")
    assert "done=request_information" in staff.url

    person.goto(follow_link if follow_link.startswith("http") else live_server.url + follow_link)
    view = person.locator(".track-view")
    view.wait_for()
    assert fr("Information requested from you") in view.inner_text()
    assert (
        fr("To study your grievance, we need more documents. Please add them on the follow-up page. Details below.")
        in view.inner_text()
    )
    assert "copie intégrale" in view.inner_text()
    person.fill("#f-text", "Voici la copie intégrale demandée.")
    person.evaluate(
        PICK_PHOTO_AND_PDF.replace("[data-module=attach] input[type=file]", ".answer-form input[type=file]"), False
    )
    person.locator(".answer-form .files .file").wait_for(timeout=30000)
    person.click(".answer-form button[type=submit]")
    person.locator(".track-view .timeline").filter(has_text="Voici la copie intégrale").wait_for(timeout=30000)
    assert fr("Being studied") in person.locator(".track-view dl").inner_text()

    staff.reload()
    file_page = staff.locator("main").inner_text()
    assert "Voici la copie intégrale demandée." in file_page
    assert staff.locator("a[href*='/documents/']").count() == 1  # the photo sent with the answer
    staff.select_option("#status", "resolved")
    staff.fill("#reason", "L'acte a été transcrit.")
    staff.click("form[action$='/status'] button")

    person.reload()
    person.locator("#track-form button[type=submit]").wait_for()
    person.fill("#f-reference", reference)
    code = person.evaluate("""() => new Promise(ok => { const r = indexedDB.open('sawt'); r.onsuccess = () => {
        const q = r.result.transaction('filings').objectStore('filings').getAll();
        q.onsuccess = () => ok(q.result.find(f => f.receipt && f.receipt.tracking_code).receipt.tracking_code); }; })""")
    person.fill("#f-tracking-code", code)
    person.click("#track-form button[type=submit]")
    person.locator(".track-view").wait_for()
    text = person.locator(".track-view").inner_text()
    assert fr("Resolved") in text
    # after a decision: what to do if one disagrees, and a person to call
    assert fr("If you disagree with this decision") in text
    assert person.locator(".track-view #contact-central-decided").is_visible()
    for status in ("Received", "Information requested from you", "Being studied", "Resolved"):
        assert fr(status) in person.locator(".timeline").inner_text(), status


def test_answer_and_withdraw_without_javascript(live_server, page_factory):
    import requests

    from tests.factories import grievance, key

    receipt = requests.post(
        f"{live_server.url}/api/grievances", json=grievance(), headers={"Idempotency-Key": key()}, timeout=10
    ).json()
    ask_for_information(live_server, receipt["reference"])
    page = page_factory(java_script_enabled=False)
    page.goto(f"{live_server.url}/ar/track/")
    page.fill("[name=reference]", receipt["reference"])
    page.fill("[name=tracking_code]", receipt["tracking_code"])
    page.click("#track-form button[type=submit]")
    ar = translations("ar").gettext
    assert ar("Information requested from you") in page.locator(".track-view").inner_text()
    page.fill("[name=text]", "هذه هي المعلومات المطلوبة")
    page.click(".answer-form button[type=submit]")
    assert ar("Your answer has been sent.") in page.locator(".notice").inner_text()
    page.click("form[action$='/withdraw'] button")
    page.click("button[type=submit].primary")  # "yes, withdraw it"
    assert ar("Withdrawn by you") in page.locator(".track-view dl").inner_text()
    assert page.get_attribute("html", "dir") == "rtl"
