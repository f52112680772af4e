"""A lost code in Chromium, at 360×740, in Arabic and French: a wrong code on the track page offers a
new one; the new-code page sends it (the e-mail read from the local outbox); the new code opens the
file, and from then on the old one is refused."""

import email
import email.policy
import re
import time

import pytest
import requests

from functions.cases.notifications import FolderMailer, dispatch
from functions.platform.config import Config
from functions.platform.i18n import translations
from functions.storage.sqlite_store import SqliteStore
from tests.browser_helpers import axe_violations
from tests.factories import grievance, key

pytestmark = pytest.mark.browser
CODE = re.compile(r"[2-9A-HJ-NP-Z]{4}(?:-[2-9A-HJ-NP-Z]{4}){3}")
EMAIL = "fatima.elamrani@example.org"


def reissue_email(server, subject: str, within: float = 120.0):
    """The e-mail in the server's outbox (data dir), sent by its background thread or by this
    dispatch, whichever claims it first (a claim is a lease: it is never sent twice)."""
    config = Config.from_env(SAWT_DATA_DIR=server.data_dir)
    outbox = server.data_dir / "outbox"
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        store = SqliteStore(config.data_dir)
        try:
            dispatch(store, FolderMailer(outbox, "Sawt <no-reply@sawt.invalid>"), config)
        finally:
            store.close()
        for path in sorted(outbox.glob("*.eml")) if outbox.exists() else []:
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            if message["Subject"] == subject:
                return message
        time.sleep(0.5)
    raise AssertionError("no e-mail with the new code")


def track(page, server, lang, reference, code):
    page.goto(f"{server.url}/{lang}/track/")
    page.fill("#f-reference", reference)
    page.fill("#f-tracking-code", code)
    page.click("#track-form button[type=submit]")
    page.wait_for_function(
        "() => document.querySelector('.track-view') || !document.querySelector('#track-help').hidden"
    )


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_a_lost_code_round_trip(live_server, page_factory, lang):
    t = translations(lang).gettext
    body = grievance(complainant__language=lang)
    receipt = requests.post(f"{live_server.url}/api/grievances", json=body, headers={"Idempotency-Key": key()},
                            timeout=60).json()  # fmt: skip
    reference, old = receipt["reference"], receipt["tracking_code"]
    page = page_factory(viewport={"width": 360, "height": 740}, bypass_csp=True)

    track(page, live_server, lang, reference, "2222-3333-4444-5555")  # a code misremembered
    help_box = page.locator("#track-help")
    assert help_box.is_visible() and page.locator(".track-view").count() == 0
    link = help_box.locator(f"a:text-is('{t('Get a new tracking code')}')")
    assert link.is_visible() and help_box.locator(".contact").is_visible()  # and a person to call
    link.click()
    page.wait_for_url(f"**/{lang}/new-code/")
    assert page.locator("h1").inner_text() == t("Get a new tracking code")
    assert page.evaluate("document.documentElement.dir") == ("rtl" if lang == "ar" else "ltr")

    page.click("#reissue-form button[type=submit]")  # nothing typed: translated errors, nothing sent
    page.locator(".error-summary").wait_for()
    assert t("Enter the email address you gave when you sent your grievance.") in page.locator("main").inner_text()
    page.fill("#f-reference", reference)
    page.fill("#f-email", EMAIL.upper())
    page.click("#reissue-form button[type=submit]")
    page.locator(f"h1:text-is('{t('Check your email')}')").wait_for()
    submit_box = page.locator("main [role=status]").bounding_box()
    assert submit_box and submit_box["y"] + submit_box["height"] <= 740  # the answer is on the first screen
    assert axe_violations(page) == []

    message = reissue_email(live_server, t("Your new tracking code"))
    assert message["To"] == EMAIL and reference in message.get_body(preferencelist=("plain",)).get_content()
    (code,) = CODE.findall(message.get_body(preferencelist=("plain",)).get_content())

    track(page, live_server, lang, reference, old)  # the old code still works: the new one is unused
    assert page.locator(".track-view").is_visible()
    track(page, live_server, lang, reference, code)
    assert page.locator(".track-view").is_visible()
    assert reference in page.locator(".track-view [data-slot=reference]").inner_text()
    track(page, live_server, lang, reference, old)  # once the new code is used, the old one is refused
    assert page.locator("#track-help").is_visible() and page.locator(".track-view").count() == 0
