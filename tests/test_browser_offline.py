"""Offline first, in Chromium, counted on the server: nothing typed is lost, nothing sent twice."""

import shutil
import time

import pytest

from functions.platform.config import Config
from functions.platform.i18n import translations
from functions.storage.sqlite_store import SqliteStore
from functions.web.labels import FIELDS
from tests.browser_helpers import axe_violations, continue_step, fill_form_with_script, set_offline

pytestmark = pytest.mark.browser

FILINGS = """() => new Promise((ok, ko) => {
  const r = indexedDB.open('sawt');
  r.onerror = () => ko(r.error);
  r.onsuccess = () => {
    const q = r.result.transaction('filings').objectStore('filings').getAll();
    q.onsuccess = () => { ok(q.result.filter(f => f.state !== 'lock')); r.result.close(); };  // (the sender's lease is no filing)
  };
})"""


def stored(server) -> int:
    store = SqliteStore(Config.from_env(SAWT_DATA_DIR=server.data_dir).data_dir)
    try:
        return store.read_statistics().get("total", {}).get("all", 0)
    finally:
        store.close()


def open_controlled(page, url):
    """Load a page and wait until its service worker has precached and controls it."""
    page.goto(url)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=30000)


def filings(page):
    return page.evaluate(FILINGS)


def eventually(page, check, timeout=90.0):
    """Poll an async page expression (wait_for_function does not wait for promises)."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        page.wait_for_timeout(250)


def wait_for_state(page, state, timeout=90.0):
    eventually(page, lambda: any(f["state"] == state for f in filings(page)), timeout)


def queue_offline(page, lang="fr", description=None):
    set_offline(page.context, True)
    fill_form_with_script(page)
    if description is not None:
        continue_step(page)  # the check needs the network: offline, the review comes straight away
        page.locator(".review").wait_for()
        page.locator(".review button[type=submit]").click()
        return
    continue_step(page)
    page.locator(".review").wait_for()
    page.click(".review button[type=submit]")
    saved = translations(lang).gettext("Saved on this phone. It will be sent by itself when the connection comes back.")
    page.wait_for_function("text => document.querySelector('.sending p').textContent === text", arg=saved)


def queue_refused_offline(page):
    """Queued offline with a subject the server will refuse (too short), from the review."""
    set_offline(page.context, True)
    fill_form_with_script(page)
    continue_step(page)
    page.locator(".review").wait_for()
    page.evaluate("document.querySelector('[name=subject]').value = 'x'")
    page.click(".review button[type=submit]")


def test_filed_offline_then_sent_once_when_back_online(server, page_factory):
    page = page_factory()
    open_controlled(page, f"{server.url}/fr/file/")
    queue_offline(page)
    page.reload()  # offline: the page comes from the service worker's cache
    assert [f["state"] for f in filings(page)] == ["queued"]
    assert stored(server) == 0
    set_offline(page.context, False)
    wait_for_state(page, "sent")
    assert stored(server) == 1
    receipt = filings(page)[0]["receipt"]
    page.goto(f"{server.url}/fr/my-filings/")
    # The list is drawn by script from IndexedDB after load: wait for it rather than read it at once.
    page.locator(".filings", has_text=receipt["reference"]).wait_for(timeout=60_000)
    assert "payload" not in filings(page)[0]  # sent: the personal details leave the phone


def test_connection_cut_in_flight_is_retried_once(server, page_factory):
    page = page_factory()
    open_controlled(page, f"{server.url}/fr/file/")
    calls = []

    def cut_after_the_server_answers(route):
        calls.append(route.request.headers["idempotency-key"])
        if len(calls) == 1:
            route.fetch()  # the server stores the grievance and answers 201 …
            route.abort("connectionreset")  # … but the answer never reaches the phone
        else:
            route.continue_()

    page.route("**/api/grievances", cut_after_the_server_answers)
    fill_form_with_script(page)
    continue_step(page)
    page.click(".review button[type=submit]")
    page.locator(".panel").wait_for(timeout=30000)  # retried after backoff: the receipt
    assert len(calls) == 2 and calls[0] == calls[1]
    assert stored(server) == 1


def test_server_error_then_recovery_files_once(server, page_factory):
    page = page_factory()
    open_controlled(page, f"{server.url}/en/file/")
    calls = []

    def fail_once(route):
        calls.append(1)
        if len(calls) == 1:
            route.fulfill(status=500, content_type="application/json", body='{"ok": false}')
        else:
            route.continue_()

    page.route("**/api/grievances", fail_once)
    fill_form_with_script(page)
    continue_step(page)
    page.click(".review button[type=submit]")
    page.locator(".panel").wait_for(timeout=30000)
    assert len(calls) == 2
    assert stored(server) == 1


def test_a_new_site_version_between_queueing_and_sending(server, page_factory):
    page = page_factory()
    open_controlled(page, f"{server.url}/fr/file/")
    old_version = page.evaluate("caches.keys()")
    queue_offline(page)
    # Deploy: a changed page and a new worker (its version string changes, as a rebuild does).
    worker = server.site_dir / "fr" / "sw.js"
    text = worker.read_text()
    start = text.index("VERSION='") + len("VERSION='")
    worker.write_text(text[:start] + "deployed" + text[start + 8 :])
    for suffix in (".gz", ".br"):
        (server.site_dir / "fr" / f"sw.js{suffix}").unlink()
    set_offline(page.context, False)
    page.goto(f"{server.url}/fr/")
    eventually(page, lambda: any("deployed" in name for name in page.evaluate("caches.keys()")))
    wait_for_state(page, "sent")
    assert stored(server) == 1
    assert page.evaluate("caches.keys()") != old_version
    assert [f["state"] for f in filings(page)] == ["sent"]


def test_a_refused_filing_needs_attention_then_goes_once(server, page_factory):
    page = page_factory()
    open_controlled(page, f"{server.url}/fr/file/")
    queue_refused_offline(page)
    set_offline(page.context, False)
    page.locator(".error-summary").wait_for(timeout=30000)
    assert [f["state"] for f in filings(page)] == ["attention"]
    assert stored(server) == 0
    page.goto(f"{server.url}/fr/my-filings/")
    page.click("[data-state=attention] a[data-slot=edit]")  # "continue": the form, with its errors
    page.locator(".error-summary").wait_for()
    page.locator(".error-summary a").first.click()
    page.fill("[name=subject]", "Acte de naissance")
    for _ in range(4):  # the matter -> what was done -> documents -> declarations -> check your answers
        continue_step(page)
    page.locator(".review").wait_for()
    page.click(".review button[type=submit]")
    page.locator(".panel").wait_for(timeout=30000)
    assert stored(server) == 1


def test_offline_in_arabic(server, page_factory):
    page = page_factory()
    open_controlled(page, f"{server.url}/ar/file/")
    queue_offline(page, lang="ar")
    page.goto(f"{server.url}/ar/check/not-a-page/")  # never cached: the offline page, in Arabic
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.locator("h1").inner_text() == translations("ar").gettext("You are offline")
    page.goto(f"{server.url}/ar/my-filings/")
    state = page.locator("[data-state=queued] [data-slot=state]").inner_text()
    assert state == translations("ar").gettext("Saved on this phone")
    page.click("[data-act=send]")  # "send now" while still offline: it stays on the phone
    wait_for_state(page, "queued")
    assert stored(server) == 0
    set_offline(page.context, False)  # the connection comes back: it leaves by itself
    page.locator("[data-state=sent]").wait_for(timeout=30000)
    assert stored(server) == 1


def test_a_new_storage_version_keeps_drafts_queued_filings_and_receipts(server, page_factory, tmp_path):
    """Deploy a site whose IndexedDB schema is version 2 (a migration adds an index) over phones
    holding version-1 data: every record survives and the queued filing still goes, once."""
    from portal.assets import JS_MODULES
    from portal.build import build

    page = page_factory()
    open_controlled(page, f"{server.url}/fr/file/")
    fill_form_with_script(page)
    continue_step(page)
    page.click(".review button[type=submit]")
    page.locator(".panel").wait_for(timeout=30000)  # a receipt
    page.goto(f"{server.url}/fr/file/")
    page.check("input[name=type][value=complaint]")  # a draft: the first answer is kept at once
    eventually(page, lambda: any(f["state"] == "draft" for f in filings(page)))
    page.goto(f"{server.url}/fr/file/")
    queue_offline(page)  # a queued filing
    before = sorted((f["id"], f["state"]) for f in filings(page))
    assert [state for _, state in before].count("queued") == 1 and stored(server) == 1

    source = (JS_MODULES / "store.js").read_text()
    upgraded = source.replace("var VERSION = 1,", "var VERSION = 2,").replace(
        "var MIGRATIONS = [function (d) { d.createObjectStore('filings', { keyPath: 'id' }); }];",
        "var MIGRATIONS = [function (d) { d.createObjectStore('filings', { keyPath: 'id' }); },"
        " function (d, t) { t.objectStore('filings').createIndex('state', 'state'); }];",
    )
    assert upgraded.count("VERSION = 2") == 1 and "createIndex" in upgraded
    build(tmp_path / "next", js_overrides={"store.js": upgraded})
    shutil.rmtree(server.site_dir)
    shutil.copytree(tmp_path / "next", server.site_dir)

    set_offline(page.context, False)
    page.goto(f"{server.url}/fr/my-filings/")
    eventually(page, lambda: page.evaluate("indexedDB.databases()")[0]["version"] == 2)
    eventually(page, lambda: not any(f["state"] == "queued" for f in filings(page)))
    after = {f["id"]: f["state"] for f in filings(page)}
    assert set(after) == {i for i, _ in before}  # nothing lost
    assert sorted(after.values()) == ["draft", "sent", "sent"]
    assert stored(server) == 2  # the queued one went, once


def test_a_filing_keeps_the_language_it_was_written_in(server, page_factory):
    """Written on the Arabic form, sent by a French page: an Arabic grievance, refused in Arabic."""
    from tests.browser_helpers import stored_grievances

    page = page_factory()
    open_controlled(page, f"{server.url}/ar/file/")
    queue_offline(page, lang="ar")  # a good one
    page.goto(f"{server.url}/ar/file/")
    queue_refused_offline(page)
    eventually(page, lambda: [f["state"] for f in filings(page)].count("queued") == 2)

    set_offline(page.context, False)
    page.goto(f"{server.url}/fr/my-filings/")  # a French page sends them
    page.locator("[data-state=sent]").wait_for(timeout=30000)
    page.locator("[data-state=attention]").wait_for(timeout=30000)
    (grievance,) = stored_grievances(server)
    assert grievance.language == "ar" and grievance.payload["complainant"]["language"] == "ar"
    ar = translations("ar").gettext
    message = ar("Use at least {n} characters.").format(n=3)
    assert message in page.locator("[data-state=attention] [data-slot=errors]").inner_text()


def test_needs_attention_shows_on_every_page_in_its_own_style_naming_the_field(server, page_factory):
    fr = translations("fr").gettext
    page = page_factory(bypass_csp=True)  # (axe is injected inline)
    open_controlled(page, f"{server.url}/fr/file/")
    queue_refused_offline(page)
    set_offline(page.context, False)
    wait_for_state(page, "attention")
    page.goto(f"{server.url}/fr/help/")
    banner = page.locator("#waiting")
    banner.wait_for()
    assert axe_violations(page) == []
    assert "attention" in banner.get_attribute("class")
    assert page.evaluate("getComputedStyle(document.querySelector('#waiting')).borderInlineStartWidth") == "5px"
    assert banner.locator("p.error").inner_text() == fr("Grievances that need your attention: %(n)s.").replace(
        "%(n)s", "1"
    )
    assert (
        page.evaluate("getComputedStyle(document.getElementById('waiting')).borderInlineStartColor")
        == "rgb(179, 38, 30)"
    )
    page.goto(f"{server.url}/fr/my-filings/")
    error = page.locator("[data-state=attention] [data-slot=errors] p")
    error.wait_for()
    red = "getComputedStyle(document.querySelector('[data-state=attention]')).borderInlineStartColor"
    assert page.evaluate(red) == "rgb(179, 38, 30)"
    assert axe_violations(page) == []
    assert error.inner_text().startswith(fr(FIELDS["subject"][0]) + " — ")
