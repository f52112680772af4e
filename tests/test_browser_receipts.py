"""Delivered means the API's own receipt, in Chromium, counted on the server: a captive portal's
page, a redirect or an empty answer leave the filing queued; a request that never answers is cut
and retried; a phone clock put back years does not strand a filing."""

import json

import pytest

from functions.platform.i18n import translations
from functions.web.js_strings import PORTAL
from schemas.identifiers import check_character, format_reference, new_reference
from tests.browser_helpers import continue_step, fill_form_with_script, review_and_send, server_rows, stored_grievances
from tests.portal_proxy import PortalProxy
from tests.test_browser_offline import eventually, filings, open_controlled, wait_for_state

pytestmark = pytest.mark.browser


def pause(page):
    """From now on the page's time moves only when the test says (page.clock.run_for)."""
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)


def attempts(page) -> int:
    return max((f.get("attempts") or 0) for f in filings(page))


@pytest.mark.parametrize("answer", ["html", "redirect", "empty"])
def test_a_captive_portal_never_counts_as_sent(server, page_factory, answer):
    with PortalProxy(server.port) as proxy:
        page = page_factory()
        open_controlled(page, f"{proxy.url}/fr/file/")
        proxy.portal = answer  # the café's Wi-Fi now wants a sign-in
        fill_form_with_script(page)
        review_and_send(page)
        eventually(page, lambda: attempts(page) >= 2)  # retried with backoff, never "sent"
        assert [f["state"] for f in filings(page)] == ["queued"]
        assert filings(page)[0]["why"] == "portal" and "payload" in filings(page)[0]
        page.wait_for_function(
            "t => document.querySelector('.sending [role=status]').textContent === t",
            arg=translations("fr").gettext(PORTAL),
        )
        assert server_rows(server, "grievances") == 0 and len(proxy.intercepted) >= 2

        page.goto(f"{proxy.url}/fr/")  # the banner says so on every page
        page.locator("#waiting", has_text=translations("fr").gettext(PORTAL)).wait_for()

        proxy.portal = None  # signed in: the same filing goes through, once
        page.goto(f"{proxy.url}/fr/my-filings/")
        page.click("[data-state=queued] [data-act=send]")
        page.locator("[data-state=sent]").wait_for(timeout=30000)
        (grievance,) = stored_grievances(server)
        assert filings(page)[0]["receipt"]["reference"] == format_reference(grievance.reference)
        assert page.locator("[data-state=sent] [data-slot=reference]").inner_text() == format_reference(
            grievance.reference
        )
        assert proxy.passed.count("/api/grievances") == 1


def test_a_captive_portal_in_front_of_the_documents_never_counts_as_uploaded(server, page_factory):
    from tests.test_browser_attachments import PICK_PHOTO_AND_PDF, STORED_FILES, to_documents_step

    with PortalProxy(server.port, paths=("/api/uploads",)) as proxy:
        page = page_factory()
        open_controlled(page, f"{proxy.url}/fr/file/")
        to_documents_step(page)
        page.evaluate(PICK_PHOTO_AND_PDF, False)
        eventually(page, lambda: len(page.evaluate(STORED_FILES)) == 1)
        proxy.portal = "html"
        continue_step(page)
        review_and_send(page)
        eventually(page, lambda: attempts(page) >= 2)
        assert filings(page)[0]["why"] == "portal" and server_rows(server, "uploads") == 0
        assert [f["upload_id"] for f in page.evaluate(STORED_FILES)] == [None]
        proxy.portal = None
        page.click(".sending [data-send-now]")
        page.locator(".panel").wait_for(timeout=60000)
        (grievance,) = stored_grievances(server)
        assert len(grievance.payload["attachments"]) == 1
        assert server_rows(server, "uploads", "status = 'attached'") == 1


def test_api_json_without_a_well_formed_receipt_is_not_a_receipt(server, page_factory):
    """A 201 in the API's JSON but with a reference whose check character is wrong: not proof."""
    page = page_factory()
    open_controlled(page, f"{server.url}/en/file/")
    body = new_reference()
    wrong = body[:-1] + next(c for c in "23456789ABCDEFGH" if c != check_character(body[:-1]))
    seen = []

    forged = {
        "ok": True,
        "reference": format_reference(wrong),
        "tracking_code": "2345-6789-ABCD-EFGH",
        "status": "received",
    }

    def forged_once(route):
        seen.append(1)
        if len(seen) == 1:
            route.fulfill(status=201, content_type="application/json", body=json.dumps(forged))
        else:
            route.continue_()

    page.route("**/api/grievances", forged_once)
    fill_form_with_script(page)
    review_and_send(page)
    page.locator(".panel").wait_for(timeout=30000)  # the real receipt, after a retry
    (grievance,) = stored_grievances(server)
    assert page.locator(".panel [data-slot=reference]").inner_text() == format_reference(grievance.reference)
    assert len(seen) == 2


def test_the_page_checks_references_as_the_server_makes_them(server, page_factory):
    page = page_factory()
    open_controlled(page, f"{server.url}/fr/my-filings/")
    page.evaluate("Sawt.need('send')")
    good = [format_reference(new_reference()) for _ in range(40)]
    bad = []
    for reference in good[:20]:
        symbols = reference.replace("-", "")
        swapped = symbols[:-1] + ("2" if symbols[-1] != "2" else "3")
        bad.append(format_reference(swapped))
    bad += ["K7M-QX4-RT", "K7MQX4RTW", "k7m-qx4-rtw", "O7M-QX4-RTW", ""]
    result = page.evaluate("refs => refs.map(r => Sawt.Sender.wellFormed(r))", good + bad)
    assert result == [True] * len(good) + [False] * len(bad)


def send_into_a_dead_link(page, server, calls):
    """A filing sent, its first request left without an answer (a dead link), the page's time held."""
    page.clock.install()
    open_controlled(page, f"{server.url}/fr/file/")

    def hang_the_first(route):
        calls.append(route.request.headers["idempotency-key"])
        if len(calls) > 1:
            route.continue_()  # (the first gets no answer at all)

    page.route("**/api/grievances", hang_the_first)
    fill_form_with_script(page)
    pause(page)
    review_and_send(page)
    eventually(page, lambda: len(calls) == 1)


def test_a_request_that_never_answers_is_cut_and_retried(server, page_factory):
    page, calls = page_factory(), []
    send_into_a_dead_link(page, server, calls)
    page.clock.run_for(20_000)  # past the request's deadline: cut, queued, backed off
    eventually(page, lambda: attempts(page) == 1)
    assert [f["state"] for f in filings(page)] == ["queued"] and server_rows(server, "grievances") == 0
    page.clock.run_for(10_000)  # the backoff: it goes again, with the same key
    page.locator(".panel").wait_for(timeout=30000)
    assert len(calls) == 2 and calls[0] == calls[1]
    assert server_rows(server, "grievances") == 1


def test_send_now_cuts_a_stalled_request(server, page_factory):
    page, calls = page_factory(), []
    send_into_a_dead_link(page, server, calls)
    page.clock.run_for(4_000)  # stalled for a few seconds, far from its deadline
    page.locator(".sending [data-send-now]").click()  # offered all along
    page.locator(".panel").wait_for(timeout=30000)
    assert len(calls) == 2 and server_rows(server, "grievances") == 1


def test_a_clock_put_back_years_does_not_strand_a_filing(server, page_factory):
    page = page_factory()
    page.clock.install(time="2031-06-01T10:00:00Z")  # the phone's clock is years ahead
    open_controlled(page, f"{server.url}/fr/file/")
    busy = {"on": True}
    page.route("**/api/grievances", lambda route: route.fulfill(status=503, content_type="application/json",
               body='{"ok": false, "status": 503, "errors": []}') if busy["on"] else route.continue_())  # fmt: skip
    fill_form_with_script(page)
    pause(page)
    review_and_send(page)
    for tries in range(2, 5):  # a few failures: each next try is written in 2031
        eventually(page, lambda tries=tries: attempts(page) >= tries - 1)
        page.clock.run_for(300_000)
    assert filings(page)[0]["next_try"] > 1_900_000_000_000
    page.clock.set_system_time("2026-06-01T10:00:00Z")  # the network's time corrects it: five years back
    busy["on"] = False
    for _ in range(3):  # within twice the cap, not five years
        page.clock.run_for(300_000)
        page.wait_for_timeout(1000)
    wait_for_state(page, "sent")
    assert server_rows(server, "grievances") == 1


def test_a_gateway_error_page_is_a_failed_try_not_a_sign_in(server, page_factory):
    fr = translations("fr").gettext
    page = page_factory()
    open_controlled(page, f"{server.url}/fr/file/")
    down = {"yes": True}

    def bad_gateway(route):
        if down["yes"]:
            route.fulfill(status=502, content_type="text/html", body="<html><h1>502 Bad Gateway</h1></html>")
        else:
            route.continue_()

    page.route("**/api/grievances", bad_gateway)
    fill_form_with_script(page)
    review_and_send(page)
    eventually(page, lambda: attempts(page) >= 1)
    assert filings(page)[0]["why"] == "network" and filings(page)[0]["state"] == "queued"
    assert page.locator(".sending [role=status]").inner_text() != fr(PORTAL)
    down["yes"] = False
    page.locator(".panel").wait_for(timeout=30000)
    assert server_rows(server, "grievances") == 1


def test_a_document_still_being_checked_waits_and_is_never_needs_attention(server, page_factory):
    """409 upload_in_progress (another request is checking the bytes, or died doing it): the filing
    stays queued and is tried again — never "needs attention", never filed without its document."""
    from tests.test_browser_attachments import PICK_PHOTO_AND_PDF, to_documents_step

    page = page_factory()
    open_controlled(page, f"{server.url}/fr/file/")
    busy = {"yes": True}

    def checking(route):
        if busy["yes"]:
            body = {
                "ok": False,
                "status": 409,
                "errors": [{"field": "file", "code": "upload_in_progress", "message": "…"}],
            }
            route.fulfill(status=409, content_type="application/json", body=json.dumps(body))
        else:
            route.continue_()

    page.route("**/api/uploads/*/verify", checking)
    to_documents_step(page)
    page.evaluate(PICK_PHOTO_AND_PDF, False)
    continue_step(page)
    review_and_send(page)
    eventually(
        page, lambda: attempts(page) >= 1 and any(f.get("busy_since") for r in filings(page) for f in r["files"])
    )
    assert [f["state"] for f in filings(page)] == ["queued"] and server_rows(server, "grievances") == 0
    busy["yes"] = False
    page.click(".sending [data-send-now]")
    page.locator(".panel").wait_for(timeout=60000)
    (grievance,) = stored_grievances(server)
    assert len(grievance.payload["attachments"]) == 1
