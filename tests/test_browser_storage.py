"""Storage that cannot keep the promise says so, in Chromium: without IndexedDB, or with a disk
too full for the draft, the page says "this phone cannot keep your draft" (never "saved on this
phone"), offers a download, and still sends while it stays open; storage the browser may clear
is said to be so."""

import json

import pytest

from functions.platform.i18n import translations
from functions.web.js_strings import VOLATILE
from tests.browser_helpers import continue_step, fill_form_with_script, review_and_send, set_offline, stored_grievances
from tests.test_browser_attachments import PICK_PHOTO_AND_PDF, to_documents_step
from tests.test_browser_offline import eventually, filings, open_controlled

pytestmark = pytest.mark.browser

SAVED = "Saved on this phone. It will be sent by itself when the connection comes back."
FRAGILE = "This browser may still erase it if the phone runs short of space. To be safe, also download a copy."
NO_INDEXEDDB = "Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });"
PERSIST = """(() => { const yes = %s;
  navigator.storage.persist = () => Promise.resolve(yes); navigator.storage.persisted = () => Promise.resolve(yes); })();"""


def queue_offline_saying(page, server, init_script, said):
    """A filing queued offline on a phone whose storage the init script sets up; the page says `said`."""
    page.context.add_init_script(init_script)
    open_controlled(page, f"{server.url}/fr/file/")
    set_offline(page.context, True)
    fill_form_with_script(page)
    review_and_send(page)
    saying(page, said)
    return page


def saying(page, text):
    page.wait_for_function("text => document.querySelector('.sending [role=status]').textContent === text", arg=text)


def download_copy(page) -> dict:
    with page.expect_download() as download:
        page.click(".sending [data-download]")
    return json.loads(open(download.value.path(), encoding="utf-8").read())


def test_without_indexeddb_it_says_so_offers_a_copy_and_sends_while_open(server, page_factory):
    fr = translations("fr").gettext
    page = queue_offline_saying(page_factory(accept_downloads=True), server, NO_INDEXEDDB, fr(VOLATILE))
    assert fr(SAVED) not in page.locator("main").inner_text()
    assert page.locator("[data-module=drafts]").inner_text() == fr(VOLATILE)  # said as soon as it was known
    copy = download_copy(page)
    assert copy["idempotency_key"] == page.evaluate("document.getElementById('grievance-form').key")
    assert copy["grievance"]["subject"] == "Acte de naissance"
    set_offline(page.context, False)  # the page stayed open: it goes, once
    page.locator(".panel").wait_for(timeout=30000)
    assert len(stored_grievances(server)) == 1


def test_a_disk_too_full_for_the_draft_is_said_and_the_filing_still_goes(server, page_factory):
    fr = translations("fr").gettext
    page = page_factory(accept_downloads=True, service_workers="block")  # (its precache would take the quota)
    page.goto(f"{server.url}/fr/file/")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Storage.overrideQuotaForOrigin", {"origin": server.url, "quotaSize": 200_000})
    page.check("input[name=type][value=complaint]")  # a small draft fits
    eventually(page, lambda: len(filings(page)) == 1)
    to_documents_step(page)
    page.evaluate(PICK_PHOTO_AND_PDF, False)  # a photo does not: the write fails, quota exceeded
    page.locator(".files .file").wait_for(timeout=30000)
    assert page.locator("[data-module=drafts]").inner_text() == fr(VOLATILE)
    continue_step(page)
    continue_step(page)
    page.locator(".review:not([hidden])").wait_for(timeout=30000)
    set_offline(page.context, True)
    page.click(".review button[type=submit]")
    saying(page, fr(VOLATILE))
    assert page.locator(".sending [data-download]").is_visible()
    set_offline(page.context, False)
    page.locator(".panel").wait_for(timeout=60000)
    (grievance,) = stored_grievances(server)
    assert len(grievance.payload["attachments"]) == 1


@pytest.mark.parametrize("kept", [True, False], ids=["kept", "may-be-cleared"])
def test_storage_the_browser_may_clear_is_said_to_be_so(server, page_factory, kept):
    fr = translations("fr").gettext
    page = queue_offline_saying(page_factory(accept_downloads=True), server, PERSIST % str(kept).lower(), fr(SAVED))
    page.click(".sending [data-send-now]")  # (a second failed try: the box redrawn with what the browser said)
    eventually(page, lambda: (filings(page)[0].get("attempts") or 0) >= 2)
    fragile = page.locator(".sending [data-part=fragile]")
    fragile.wait_for(state="hidden" if kept else "visible")
    page.wait_for_timeout(500)  # (drawn again after each try: still so)
    assert fragile.is_visible() is not kept
    assert page.locator(".sending [data-download]").is_visible() is not kept
    if not kept:
        assert fragile.inner_text() == fr(FRAGILE)
        assert download_copy(page)["grievance"]["subject"] == "Acte de naissance"
