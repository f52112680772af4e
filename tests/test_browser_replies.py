"""Answers to staff get the care filings get, in Chromium, counted on the server: typed offline,
kept through an offline reload (the answer form shows over the last state seen), sent later
exactly once; a refused answer can be read, corrected and sent again."""

import pytest
import requests

from functions.platform.i18n import translations
from tests.browser_helpers import ask_for_information, axe_violations, server_rows, set_offline
from tests.factories import grievance, key
from tests.test_browser_offline import eventually, filings, open_controlled

pytestmark = pytest.mark.browser


def file_and_ask(server) -> dict:
    """A grievance filed, then staff ask its complainant for information."""
    receipt = requests.post(
        f"{server.url}/api/grievances", json=grievance(), headers={"Idempotency-Key": key()}, timeout=30
    ).json()
    ask_for_information(server, receipt["reference"])
    return receipt


def open_answer_form(page, server, lang="fr"):
    """A grievance waiting for its complainant's answer, opened from its tracking link."""
    receipt = file_and_ask(server)
    open_controlled(page, f"{server.url}/{lang}/")
    page.goto(f"{server.url}/{lang}/track/#r={receipt['reference']}&c={receipt['tracking_code']}")
    page.locator(".answer-form").wait_for()
    return page


def replies(server) -> int:
    return server_rows(server, "events", "kind = 'reply'")


def reply_records(page):
    return [f for f in filings(page) if f.get("kind") == "reply"]


def test_an_answer_typed_offline_survives_a_reload_and_goes_once(server, page_factory):
    fr = translations("fr").gettext
    page = open_answer_form(page_factory(bypass_csp=True), server)  # (axe is injected inline)
    set_offline(page.context, True)
    page.fill("#f-text", "Voici la copie intégrale demandée.")
    eventually(
        page,
        lambda: (
            [(r.get("values") or {}).get("text") for r in reply_records(page)] == ["Voici la copie intégrale demandée."]
        ),
    )

    page.reload()  # offline: the page from the service worker, the grievance as last seen
    page.locator(".track-view [data-slot=stale]").wait_for()
    assert page.locator("#f-text").input_value() == "Voici la copie intégrale demandée."
    assert "#" not in page.url  # (the code stays out of the address bar)
    page.click(".answer-form button[type=submit]")
    page.locator(
        ".answer-form [data-slot=reply-state]",
        has_text=fr("Saved on this phone. It will be sent by itself when the connection comes back."),
    ).wait_for()
    assert [r["state"] for r in reply_records(page)] == ["queued"] and replies(server) == 0
    assert page.locator("#f-text").get_attribute("readonly") is not None  # locked while it waits
    assert axe_violations(page) == []

    set_offline(page.context, False)
    page.locator(".timeline", has_text="Voici la copie intégrale demandée.").wait_for(timeout=30000)
    assert replies(server) == 1
    assert [r["state"] for r in reply_records(page)] == ["sent"]
    assert "payload" not in reply_records(page)[0]  # (the text and the code leave the phone once sent)
    set_offline(page.context, True)
    page.reload()
    set_offline(page.context, False)
    page.wait_for_timeout(2000)
    assert replies(server) == 1


def test_a_refused_answer_can_be_read_corrected_and_sent_again(server, page_factory):
    fr = translations("fr").gettext
    page = open_answer_form(page_factory(), server)
    too_long = "Voici les détails. " * 220  # over the 4,000 characters an answer may have
    page.fill("#f-text", too_long)
    page.click(".answer-form button[type=submit]")
    page.locator(".answer-form p.error").wait_for(timeout=30000)
    assert fr("Use {n} characters or fewer.").format(n=4000) in page.locator(".answer-form p.error").inner_text()
    assert [r["state"] for r in reply_records(page)] == ["attention"] and replies(server) == 0

    page.goto(f"{server.url}/fr/my-filings/")  # needs attention, with its field named
    item = page.locator("[data-state=attention]")
    item.wait_for()
    assert item.locator("[data-slot=errors]").inner_text().startswith(fr("Your answer") + " — ")
    item.locator("a[data-slot=edit]").click()  # back to the answer, with what was written
    page.locator(".answer-form p.error").wait_for(timeout=30000)
    assert page.locator("#f-text").input_value().strip() == too_long.strip()
    page.fill("#f-text", "Voici les détails, en bref.")
    page.click(".answer-form button[type=submit]")
    page.locator(".timeline", has_text="Voici les détails, en bref.").wait_for(timeout=30000)
    assert replies(server) == 1
