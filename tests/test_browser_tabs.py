"""One phone, many tabs, one truth — and edits that are real. In Chromium, rows counted on the
server: tabs share one sender, documents go up once, a draft open twice is filed once with the
person's last words, and "Change" on a queued filing sends the edited version (or, when the first
version may already be with the Ombudsman, asks the server and shows that receipt)."""

import pytest

from schemas.identifiers import format_reference
from tests.browser_helpers import (
    axe_violations,
    continue_step,
    fill_form_with_script,
    review_and_send,
    server_rows,
    set_offline,
    stored_grievances,
)
from tests.test_browser_attachments import PICK_PHOTO_AND_PDF, STORED_FILES, to_documents_step
from tests.test_browser_offline import eventually, filings, open_controlled, queue_offline, wait_for_state

pytestmark = pytest.mark.browser


def change_answer(page, answer):
    """ "Change" beside one answer of the review."""
    rows = page.locator(".review .summary > div")
    for i in range(rows.count()):
        if rows.nth(i).locator("dd").evaluate("dd => dd.firstChild.textContent") == answer:
            return rows.nth(i).locator("button.link").click()
    raise AssertionError(f"no answer {answer!r} in the review")


def states(page):
    return [f["state"] for f in filings(page)]


# Browsers without Web Locks or BroadcastChannel (Safari before 15.4): the lease in the store and
# localStorage events stand in for them.
WITHOUT_LOCKS = """Object.defineProperty(navigator, 'locks', { value: undefined });
Object.defineProperty(window, 'BroadcastChannel', { value: undefined });"""


@pytest.mark.parametrize("browser_has", ["web-locks", "neither-locks-nor-broadcast"])
def test_two_tabs_send_a_filing_and_its_two_documents_once(server, page_factory, browser_has):
    form = page_factory()
    context = form.context
    if browser_has != "web-locks":
        context.add_init_script(WITHOUT_LOCKS)
    open_controlled(form, f"{server.url}/fr/file/")
    assert form.evaluate("!!navigator.locks") is (browser_has == "web-locks")
    sent_bytes = []

    def count_uploads(route):
        sent_bytes.append(route.request.url)
        route.continue_()

    context.route("**/api/uploads/*/content", count_uploads)
    set_offline(context, True)
    to_documents_step(form)
    form.evaluate(PICK_PHOTO_AND_PDF, True)
    eventually(form, lambda: len(form.evaluate(STORED_FILES)) == 2)
    continue_step(form)
    review_and_send(form)
    eventually(form, lambda: states(form) == ["queued"])
    mine = context.new_page()
    mine.goto(f"{server.url}/fr/my-filings/")  # offline: from the service worker
    mine.locator("[data-state=queued]").wait_for()
    home = context.new_page()
    home.goto(f"{server.url}/fr/")
    home.locator("#waiting").wait_for()

    set_offline(context, False)  # every tab hears "online" at once
    form.locator(".panel").wait_for(timeout=60000)
    (grievance,) = stored_grievances(server)
    reference = format_reference(grievance.reference)
    assert form.locator(".panel [data-slot=reference]").inner_text() == reference
    mine.locator("[data-state=sent] [data-slot=reference]", has_text=reference).wait_for(timeout=10000)
    home.locator("#waiting").wait_for(state="hidden", timeout=10000)
    assert len(grievance.payload["attachments"]) == 2
    assert server_rows(server, "uploads") == 2 and server_rows(server, "uploads", "status = 'attached'") == 2
    assert len(sent_bytes) == 2 and len(set(sent_bytes)) == 2  # each document's bytes once
    assert states(form) == ["sent"]


def test_a_draft_open_in_two_tabs_is_filed_once_with_the_last_words(server, page_factory):
    first = page_factory()
    open_controlled(first, f"{server.url}/fr/file/")
    context = first.context
    set_offline(context, True)
    fill_form_with_script(first)  # (it waits on the declarations step)
    key = first.evaluate("document.getElementById('grievance-form').key")
    eventually(first, lambda: any(f["id"] == key and f.get("values") for f in filings(first)))

    second = context.new_page()
    second.goto(f"{server.url}/fr/file/?draft={key}")
    second.locator("[name='complainant.given_name']").wait_for(state="attached")
    eventually(second, lambda: second.input_value("[name='complainant.given_name']") == "Fatima")
    continue_step(second)
    continue_step(second)  # (the group step is skipped for one person) -> the matter
    second.fill("[name=subject]", "Acte de naissance de ma fille")  # the person's last words, in tab two
    eventually(first, lambda: first.input_value("[name=subject]") == "Acte de naissance de ma fille")

    review_and_send(first)  # tab one sends what tab two last typed
    eventually(first, lambda: states(first) == ["queued"])
    for _ in range(3):  # the matter -> what was done -> documents -> declarations
        continue_step(second)
    review_and_send(second)  # tab two sends the same draft: it is already queued
    second.locator(".sending:not([hidden])").wait_for()
    assert states(second) == ["queued"]

    set_offline(context, False)
    first.locator(".panel").wait_for(timeout=60000)
    second.locator(".panel").wait_for(timeout=10000)  # the other tab shows the same receipt
    (grievance,) = stored_grievances(server)
    assert grievance.payload["subject"] == "Acte de naissance de ma fille"
    assert (
        first.locator(".panel [data-slot=reference]").inner_text()
        == second.locator(".panel [data-slot=reference]").inner_text()
    )


def test_change_on_a_queued_filing_takes_it_back_and_sends_the_edit(server, page_factory):
    page = page_factory(bypass_csp=True)  # (axe is injected inline)
    open_controlled(page, f"{server.url}/fr/file/")
    queue_offline(page)
    assert page.locator(".review button[type=submit]").is_disabled()  # locked for sending, and it shows
    assert axe_violations(page) == []
    change_answer(page, "Acte de naissance")
    page.locator("[name=subject]").wait_for(state="visible")
    wait_for_state(page, "draft")
    page.fill("[name=subject]", "Acte de naissance de mon fils")
    review_and_send(page)  # Continue goes straight back to the review
    wait_for_state(page, "queued")
    assert filings(page)[0]["payload"]["subject"] == "Acte de naissance de mon fils"
    set_offline(page.context, False)
    page.locator(".panel").wait_for(timeout=60000)
    (grievance,) = stored_grievances(server)
    assert grievance.payload["subject"] == "Acte de naissance de mon fils"


@pytest.mark.parametrize("reached", [True, False], ids=["it-had-arrived", "it-had-not"])
def test_taking_back_a_filing_that_may_have_left_asks_the_server_first(server, page_factory, reached):
    page = page_factory()
    open_controlled(page, f"{server.url}/fr/file/")
    posts, through = [], {"yes": False}

    def cut_the_first(route):
        posts.append(route.request.post_data_json)
        if route.request.post_data_json == {} or through["yes"]:
            return route.continue_()
        if reached and len(posts) == 1:
            route.fetch()  # the server stores it and answers, but the answer never arrives
        route.abort("connectionreset")  # (and the retries are cut, until the person acts)

    page.route("**/api/grievances", cut_the_first)
    fill_form_with_script(page)
    review_and_send(page)
    eventually(page, lambda: (filings(page)[0].get("attempts") or 0) >= 1)
    through["yes"] = True
    page.click(".sending [data-take-back]")
    if reached:  # the server holds it: that is the grievance, and its receipt is shown
        page.locator(".panel").wait_for(timeout=30000)
        (grievance,) = stored_grievances(server)
        assert page.locator(".panel [data-slot=reference]").inner_text() == format_reference(grievance.reference)
        probe = posts.index({})
        assert posts[probe + 1] == posts[0]  # asked with the key alone, then sent that version again
    else:  # it never arrived: a draft again, to change and send
        wait_for_state(page, "draft")
        assert server_rows(server, "grievances") == 0
        change_answer(page, "Acte de naissance")
        page.fill("[name=subject]", "Acte de naissance de mon fils")
        review_and_send(page)  # Continue goes straight back to the review
        page.locator(".panel").wait_for(timeout=30000)
        (grievance,) = stored_grievances(server)
        assert grievance.payload["subject"] == "Acte de naissance de mon fils"
