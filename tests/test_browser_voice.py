"""A spoken description in Chromium with its fake microphone: recorded offline, kept on the phone
through a reload, sent with the filing once, verified as a voice recording by the server."""

import os
from pathlib import Path

import pytest

from functions.platform.i18n import translations
from tests.browser_helpers import (
    continue_step,
    fill_about,
    fill_declarations,
    fill_matter,
    fill_steps,
    fill_you,
    set_offline,
    stored_grievances,
)
from tests.test_browser_attachments import stored_grievance
from tests.test_browser_offline import eventually, filings, open_controlled, wait_for_state

pytestmark = pytest.mark.browser

SHOTS = Path(os.environ.get("SAWT_SCREENSHOTS", "/tmp/sawt-voice-shots"))

VOICES = """() => new Promise((ok) => {
  const r = indexedDB.open('sawt');
  r.onsuccess = () => {
    const q = r.result.transaction('filings').objectStore('filings').getAll();
    q.onsuccess = () => {
      const out = [];
      for (const f of q.result) for (const file of (f.files || [])) if (file.kind === 'voice')
        out.push({ state: f.state, type: file.type, size: file.blob.size, seconds: file.seconds, upload_id: file.upload_id || null });
      ok(out); r.result.close();
    };
  };
})"""


@pytest.fixture(scope="module")
def microphone_browser(playwright_driver):
    """Chromium with a fake microphone (a beep) that needs no permission prompt."""
    from scripts.serving import CHROMIUM, CHROMIUM_ARGS

    args = [*CHROMIUM_ARGS, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]
    launched = playwright_driver.chromium.launch(executable_path=CHROMIUM, args=args)
    yield launched
    launched.close()


@pytest.fixture
def mic_page(microphone_browser):
    context = microphone_browser.new_context(viewport={"width": 360, "height": 800})
    context.set_default_timeout(90_000)
    context.set_default_navigation_timeout(90_000)
    yield context.new_page()
    context.close()


def record(page, seconds, shoot=None):
    panel_button = page.locator("[data-module=voice]")
    panel_button.click()
    start = page.locator(".recorder [data-start]")
    start.wait_for()
    if shoot:
        shoot("1-ready")
    start.click()
    page.locator(".recorder [data-stop]:not([hidden])").wait_for()
    page.wait_for_timeout(seconds * 1000)  # the length of the recording itself, not a wait for a state
    if shoot:
        shoot("2-recording")
    page.locator(".recorder [data-stop]").click()
    page.locator(".recorder .recordings audio").wait_for()
    eventually(page, lambda: len(page.evaluate(VOICES)) == 1)
    if shoot:
        shoot("3-recorded")


def test_a_recording_made_offline_survives_a_reload_and_is_sent_once(live_server, mic_page):
    page = mic_page
    before = len(stored_grievances(live_server))
    open_controlled(page, f"{live_server.url}/fr/file/")
    set_offline(page.context, True)
    fill_about(page)
    continue_step(page)
    fill_you(page)
    continue_step(page)
    fill_matter(page)
    page.fill("[name=description]", "")  # told, not written
    record(page, 10)
    (voice,) = page.evaluate(VOICES)
    assert voice["type"] == "audio/webm" and voice["seconds"] >= 9
    assert 10_000 < voice["size"] < 90_000  # about 20 kbit/s: ten seconds are some 25 KB
    continue_step(page)
    fill_steps(page)
    continue_step(page)
    continue_step(page)  # documents: the recording is not listed among them
    assert page.locator("[data-module=attach] .files .file").count() == 0
    fill_declarations(page)
    continue_step(page)
    page.locator(".review").wait_for()
    page.click(".review button[type=submit]")
    wait_for_state(page, "queued")
    page.reload()  # offline: the page comes from the service worker, the recording from IndexedDB
    eventually(page, lambda: [v["state"] for v in page.evaluate(VOICES)] == ["queued"])
    set_offline(page.context, False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    wait_for_state(page, "sent", timeout=120)
    after = stored_grievances(live_server)
    assert len(after) == before + 1  # one grievance
    reference = next(f for f in filings(page) if f["state"] == "sent")["receipt"]["reference"]
    grievance, uploads, _total = stored_grievance(live_server, reference)
    assert not grievance.payload.get("description") and grievance.payload["description_recorded"] is True
    assert [(u.kind, u.sniffed_type, u.status) for u in uploads] == [("voice", "audio/webm", "attached")]
    assert uploads[0].size == voice["size"]
    assert voice["seconds"] - 2 <= uploads[0].duration <= voice["seconds"] + 1  # read from the container


def test_without_a_recording_the_empty_description_is_refused(live_server, mic_page):
    page = mic_page
    page.goto(f"{live_server.url}/fr/file/")
    fill_about(page)
    continue_step(page)
    fill_you(page)
    continue_step(page)
    fill_matter(page)
    page.fill("[name=description]", "")
    continue_step(page, moves=False)
    page.locator("#f-description-error, .has-error [name=description]").first.wait_for()
    assert page.locator("fieldset.step:not([hidden]) [name=description]").count() == 1  # still there


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_recorder_states_in_arabic_and_french(live_server, mic_page, lang):
    page = mic_page
    page.goto(f"{live_server.url}/{lang}/file/")
    fill_about(page)
    continue_step(page)
    fill_you(page)
    continue_step(page)
    SHOTS.mkdir(parents=True, exist_ok=True)

    def shoot(name):
        page.locator("[name=description]").scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"recorder-{lang}-{name}.png"), full_page=False)

    record(page, 3, shoot)
    sizes = page.locator(".recorder button").evaluate_all("bs => bs.filter(b => !b.hidden).map(b => b.offsetHeight)")
    assert sizes and min(sizes) >= 44  # big targets
    page.locator(".recorder [data-remove]").click()
    eventually(page, lambda: page.evaluate(VOICES) == [])
    assert page.locator("input[name=description_recorded]").count() == 0


def test_an_answer_told_in_a_recording_offline_goes_once_with_it(server, mic_page):
    """The answer to staff, spoken instead of written: recorded offline, kept through a reload, sent
    once when the connection comes back, with one verified recording and no written text."""
    from tests.browser_helpers import server_rows
    from tests.test_browser_replies import open_answer_form, replies, reply_records

    fr = translations("fr").gettext
    page = open_answer_form(mic_page, server)
    set_offline(page.context, True)
    page.click(".answer-form button[type=submit]")  # nothing written, nothing recorded: said so
    page.locator(".answer-form", has_text=fr("Write your answer, or record it in your own voice.")).wait_for()
    assert [r for r in reply_records(page) if r["state"] != "draft"] == []
    page.locator(".answer-form [data-module=voice]", has_text=fr("Answer in your own voice")).wait_for()
    record(page, 4)
    hint = "Speak in the language you prefer, for up to 5 minutes. With a recording, writing your answer is optional."
    page.locator(".recorder .hint", has_text=fr(hint)).wait_for()
    assert page.locator(".recorder .hint").count() == 1  # the grievance form's words are not shown here
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "reply-fr-recorded.png"), full_page=True)
    page.click(".answer-form button[type=submit]")
    eventually(page, lambda: [r["state"] for r in reply_records(page)] == ["queued"])
    assert replies(server) == 0
    page.reload()  # offline: the last state seen, the answer waiting with its recording
    page.locator(".answer-form .recordings audio").wait_for()
    set_offline(page.context, False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    eventually(page, lambda: [r["state"] for r in reply_records(page)] == ["sent"], timeout=120)
    assert replies(server) == 1
    assert server_rows(server, "uploads", "kind = 'voice' AND status = 'attached'") == 1


def test_the_answer_recorder_in_arabic(server, mic_page):
    from tests.test_browser_replies import open_answer_form

    ar = translations("ar").gettext
    page = open_answer_form(mic_page, server, lang="ar")
    assert page.get_attribute("html", "dir") == "rtl"
    page.locator(".answer-form [data-module=voice]", has_text=ar("Answer in your own voice")).wait_for()
    record(page, 2)
    hint = "Speak in the language you prefer, for up to 5 minutes. With a recording, writing your answer is optional."
    page.locator(".recorder .hint", has_text=ar(hint)).wait_for()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(".answer-form").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "reply-ar-recorded.png"), full_page=False)
