"""Drafts and receipts kept on the phone: continued, listed, revealed, removed only when confirmed."""

import pytest

from tests.browser_helpers import continue_step, fill_form_with_script
from tests.test_browser_offline import eventually, filings

pytestmark = pytest.mark.browser


def start_draft(page, url, given_name):
    page.goto(url)
    page.check("input[name=type][value=complaint]")
    page.check("input[name=filer_kind][value=individual]")
    continue_step(page)
    page.fill("[name='complainant.given_name']", given_name)
    eventually(
        page, lambda: any((f.get("values") or {}).get("complainant.given_name") == given_name for f in filings(page))
    )


def test_several_drafts_are_kept_continued_and_deleted(live_server, page_factory):
    page = page_factory()
    start_draft(page, f"{live_server.url}/fr/file/", "Amina")
    start_draft(page, f"{live_server.url}/fr/file/", "Karim")
    page.goto(f"{live_server.url}/fr/file/")
    offers = page.locator("[data-module=drafts] a")
    offers.first.wait_for()
    assert offers.count() == 2
    offers.first.click()  # the most recent: Karim's
    continue_step(page)
    assert page.input_value("[name='complainant.given_name']") == "Karim"

    page.goto(f"{live_server.url}/fr/my-filings/")
    drafts = page.locator("[data-state=draft]")
    drafts.first.wait_for()
    assert drafts.count() == 2
    page.once("dialog", lambda dialog: dialog.dismiss())
    drafts.first.locator("[data-act=remove]").click()
    assert page.locator("[data-state=draft]").count() == 2  # dismissed: nothing removed
    page.once("dialog", lambda dialog: dialog.accept())
    drafts.first.locator("[data-act=remove]").click()
    eventually(page, lambda: page.locator("[data-state=draft]").count() == 1)
    assert len(filings(page)) == 1


def test_a_receipt_hides_its_tracking_code_until_asked(live_server, page_factory):
    page = page_factory()
    page.goto(f"{live_server.url}/en/file/")
    fill_form_with_script(page)
    continue_step(page)
    page.click(".review button[type=submit]")
    code = page.locator(".panel [data-slot=tracking_code]").inner_text()
    page.goto(f"{live_server.url}/en/my-filings/")
    sent = page.locator("[data-state=sent]").first
    sent.wait_for()
    assert not sent.locator("[data-slot=code]").is_visible()
    show = sent.locator("[data-act=show]")
    show.click()
    assert sent.locator("[data-slot=code]").inner_text() == code
    assert show.get_attribute("aria-expanded") == "true"
    link = sent.locator("[data-slot=track]").get_attribute("href")
    assert link.startswith("/en/track/#r=") and code in link  # the secret only in the fragment
    sent.locator("[data-slot=track]").click()
    page.locator(".track-view").wait_for()
    assert "#" not in page.url  # read, then wiped from the address bar
