"""A second accessibility engine agrees with axe: pa11y (HTML_CodeSniffer, WCAG2AA) finds no error on
any state of the citizen's journey (with and without JavaScript, documents added without it too) and
on the admin's main states (sign-in, second factor, inbox, a file, statistics), in Arabic and French,
at 360×740.

Playwright walks the journey (as a person would: each form step shown, its errors, the review, the
receipt, the self-check, track and its wrong-code answer, help, 404) and saves the DOM of each state;
one pa11y process then checks every snapshot in one Chromium. A snapshot keeps the page's styles (a
<base> at the live server) and drops its scripts, so what is checked is the state the person saw,
not the page starting again."""

import json
import re
import subprocess
import tempfile
from pathlib import Path

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
    walk_documents_without_script(page, url, snap)


def walk_documents_without_script(page, url: str, snap) -> None:
    """Adding a document from the follow-up page: what it is (and its error), the file, added."""
    import requests

    from tests.factories import grievance, key
    from tests.test_attachments import PDF

    receipt = requests.post(f"{url}/api/grievances", json=grievance(), headers={"Idempotency-Key": key()},
                            timeout=60).json()  # fmt: skip
    page.fill("[name=reference]", receipt["reference"])
    page.fill("[name=tracking_code]", receipt["tracking_code"])
    page.click("button[type=submit]")
    page.click("form.add-documents button")
    page.wait_for_selector("input[name=kind]")
    snap("no-js-documents-kind")
    page.click("button.primary")
    page.wait_for_selector(".error-summary")
    snap("no-js-documents-kind-error")
    page.check("input[name=kind][value=correspondence]")
    page.click("button.primary")
    page.wait_for_selector("input[type=file]")
    snap("no-js-documents-file")
    letter = Path(tempfile.mkdtemp()) / "lettre.pdf"
    letter.write_bytes(PDF)
    page.set_input_files("input[type=file]", str(letter))
    page.click("button.primary")
    page.wait_for_selector(".panel h1")
    snap("no-js-documents-added")


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
    assert len(snapshots.files) == 2 * 29
    found = pa11y_errors(list(snapshots.files), tmp_path)
    assert set(found) == set(snapshots.files)  # every state was checked
    errors = {
        snapshots.files[url]: sorted({f"{i['code'].rsplit('.', 3)[-3]}: {i['context'][:100]}" for i in issues})
        for url, issues in found.items()
        if issues
    }
    assert errors == {}, json.dumps(errors, indent=1, ensure_ascii=False)


def admin_history(data_dir):
    """A file with a rich history (documents, messages, a request and its answer), made as people
    make it (the public API, the admin's forms), and two more in the inbox."""
    from functions.platform.config import Config
    from functions.public.app import create_app as public_app
    from tests.case_helpers import file_with_documents, rich_history, staff_app

    config = Config.from_env({}, SAWT_DATA_DIR=data_dir)
    public = public_app(config).test_client()
    app, store = staff_app(config)
    _receipt, reference, _staff, _uploads = rich_history(public, app)
    file_with_documents(public)
    return store, reference


def walk_admin(page, url: str, store, reference: str, lang: str, snap) -> None:
    """The admin's main states: sign-in (and its error), the second factor, the inbox, a file, the
    statistics. The officer reads the admin in the language of the walk."""
    from tests.admin_helpers import PASSWORD, fresh_code

    who = "officer@example.ma"
    store.update_staff(who, language=lang)
    page.goto(f"{url}/admin/login")
    snap("admin-sign-in")
    page.fill("#email", who)
    page.fill("#password", "not the pass phrase")
    page.click("main button[type=submit]")
    page.wait_for_selector("#email")
    snap("admin-sign-in-error")
    page.fill("#email", who)
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_selector("#code")
    snap("admin-second-factor")
    page.fill("#code", fresh_code(store, who))
    page.click("main button[type=submit]")
    page.wait_for_url("**/admin/inbox")
    snap("admin-inbox")
    page.goto(f"{url}/admin/grievances/{reference}")
    snap("admin-file")
    page.goto(f"{url}/admin/statistics")
    snap("admin-statistics")


def test_pa11y_finds_no_error_on_the_admin(tmp_path, built_site, page_factory):
    from scripts.serving import LocalServer

    data_dir = tmp_path / "data"
    store, reference = admin_history(data_dir)
    server = LocalServer(data_dir, built_site).start()
    try:
        snapshots = Snapshots(tmp_path, server.url)
        for lang in ("fr", "ar"):
            page = page_factory(viewport={"width": 360, "height": 740}, locale=lang)
            walk_admin(page, server.url, store, reference, lang,
                       lambda name, page=page, lang=lang: snapshots.save(page, f"{lang}-{name}"))  # fmt: skip
        assert len(snapshots.files) == 2 * 6
        found = pa11y_errors(list(snapshots.files), tmp_path)
    finally:
        server.stop()
    assert set(found) == set(snapshots.files)
    errors = {
        snapshots.files[url]: sorted({f"{i['code'].rsplit('.', 3)[-3]}: {i['context'][:100]}" for i in issues})
        for url, issues in found.items()
        if issues
    }
    assert errors == {}, json.dumps(errors, indent=1, ensure_ascii=False)
