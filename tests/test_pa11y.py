"""A second accessibility engine agrees with axe: pa11y (HTML_CodeSniffer, WCAG2AA) finds no error on
any state of the citizen's journey, in Arabic and French, at 360×740.

Playwright walks the journey (as a person would: each form step shown, its errors, the review, the
receipt, the self-check, track and its wrong-code answer, help, 404) and saves the DOM of each state;
one pa11y process then checks every snapshot in one Chromium. A snapshot keeps the page's styles (a
<base> at the live server) and drops its scripts, so what is checked is the state the person saw,
not the page starting again."""

import json
import re
import subprocess

import pytest

from tests.browser_helpers import STEP_FILLERS, continue_step
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

RUNNER = ROOT / "tools" / "pa11y-pages.js"
SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.S | re.I)


class Snapshots:
    def __init__(self, folder, origin):
        self.folder, self.origin, self.files = folder, origin, {}

    def save(self, page, name: str) -> None:
        html = SCRIPT.sub("", page.content())
        base = f'<base href="{self.origin}{page.url.removeprefix(self.origin).split("?")[0]}">'
        html = html.replace("<head>", "<head>" + base, 1)
        path = self.folder / f"{len(self.files):02d}-{name}.html"
        path.write_text(html, encoding="utf-8")
        self.files[path.as_uri()] = name


def walk_journey(page, url: str, lang: str, snap) -> None:
    page.goto(f"{url}/{lang}/")
    snap("home")
    page.goto(f"{url}/{lang}/check/")
    snap("check-first-question")
    page.click("a.answer >> nth=0")  # "No": who is it with?
    page.wait_for_url("**/check/who/")
    snap("check-question")
    page.goto(f"{url}/{lang}/check/card/consulate/")
    snap("check-card")
    page.goto(f"{url}/{lang}/check/can-help/taxes/")
    snap("check-can-help")
    page.goto(f"{url}/{lang}/file/")
    for step, fill in STEP_FILLERS:
        snap(f"form-{step}")
        if step != "documents":
            continue_step(page, moves=False)
            page.wait_for_selector("fieldset.step:not([hidden]) .has-error")
            snap(f"form-{step}-errors")
        fill(page)
        continue_step(page)
    page.wait_for_selector(".review:not([hidden])")
    snap("review")
    page.click(".review button[type=submit]")
    page.wait_for_selector(".panel [data-slot=reference]")
    snap("receipt")
    page.goto(f"{url}/{lang}/my-filings/")
    page.wait_for_selector("main li")
    snap("my-filings")
    page.goto(f"{url}/{lang}/track/")
    snap("track")
    page.fill("[name=reference]", "K7M-QX4-RTU")
    page.fill("[name=tracking_code]", "2222-3333-4444-5555")
    page.click("#track-form button[type=submit]")
    page.wait_for_selector("#track-help:not([hidden])")
    snap("track-wrong-code")
    page.goto(f"{url}/{lang}/help/")
    snap("help")
    page.goto(f"{url}/{lang}/nothing-here/")
    snap("not-found")


def walk_without_script(page, url: str, lang: str, snap) -> None:
    """The pages the functions render when JavaScript is off: the form with its errors, the review."""
    page.goto(f"{url}/{lang}/file/")
    page.click("button[value=review]")
    page.wait_for_selector(".error-summary")
    snap("no-js-form-errors")
    page.goto(f"{url}/{lang}/track/")
    page.fill("[name=reference]", "K7M-QX4-RTU")
    page.fill("[name=tracking_code]", "2222-3333-4444-5555")
    page.click("button[type=submit]")
    page.wait_for_selector(".error-summary")
    snap("no-js-track-wrong-code")


def pa11y_errors(targets: list[str], folder) -> dict[str, list[dict]]:
    listing = folder / "targets.json"
    listing.write_text(json.dumps(targets))
    run = subprocess.run(["node", str(RUNNER), str(listing)], capture_output=True, text=True, timeout=1800)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_pa11y_finds_no_error_on_the_journey(live_server, page_factory, tmp_path):
    snapshots = Snapshots(tmp_path, live_server.url)
    for lang in ("ar", "fr"):
        for walk, options in ((walk_journey, {}), (walk_without_script, {"java_script_enabled": False})):
            page = page_factory(viewport={"width": 360, "height": 740}, locale=lang, **options)
            walk(page, live_server.url, lang, lambda name, page=page, lang=lang: snapshots.save(page, f"{lang}-{name}"))
    assert len(snapshots.files) == 2 * 25
    found = pa11y_errors(list(snapshots.files), tmp_path)
    assert set(found) == set(snapshots.files)  # every state was checked
    errors = {
        snapshots.files[url]: sorted({f"{i['code'].rsplit('.', 3)[-3]}: {i['context'][:100]}" for i in issues})
        for url, issues in found.items()
        if issues
    }
    assert errors == {}, json.dumps(errors, indent=1, ensure_ascii=False)
