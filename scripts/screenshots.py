"""Screenshots of the citizen's journey at 360×740, every step, in Arabic and French (issue #16).

    .venv/bin/python scripts/screenshots.py [build/screenshots]

Runs the real local server on a throwaway data directory with the built site (`make build` first),
walks the journey in Debian's Chromium — home, a self-check question, each form step with its errors then answered, the
review, the receipt, the track page's wrong-code answer, the 404 page — and writes one PNG per
state to the folder (not committed). Look at them: the tests check what can be checked, the eye
the rest.
"""

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.serving import LocalServer  # noqa: E402
from tests.browser_helpers import STEP_FILLERS, continue_step  # noqa: E402

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]  # fmt: skip


def journey(page, url: str, lang: str, shot) -> None:
    page.goto(f"{url}/{lang}/")
    shot("home")
    page.goto(f"{url}/{lang}/check/topic/")
    shot("check-question", full=True)
    page.goto(f"{url}/{lang}/file/")
    for step, fill in STEP_FILLERS:
        if step != "documents":
            continue_step(page, moves=False)
            page.wait_for_selector("fieldset.step:not([hidden]) .has-error")
            page.evaluate("window.scrollTo(0, 0)")
            shot(f"{step}-errors")
        fill(page)
        shot(step)
        continue_step(page)
    page.wait_for_selector(".review:not([hidden])")
    shot("review", full=True)
    page.click(".review button[type=submit]")
    page.wait_for_selector(".panel [data-slot=reference]")
    shot("receipt")
    page.reload()
    page.wait_for_selector(".panel [data-slot=reference]")
    page.wait_for_function("document.activeElement && document.activeElement.tagName === 'H1'")
    page.wait_for_timeout(500)  # (the screenshot is for the eye: let the page settle)
    shot("receipt-reloaded")
    page.goto(f"{url}/{lang}/track/")
    page.fill("[name=reference]", "K7M-QX4-RTU")
    page.fill("[name=tracking_code]", "2222-3333-4444-5555")
    page.click("#track-form button[type=submit]")
    page.wait_for_selector("#track-help:not([hidden])")
    shot("track-wrong-code", full=True)
    page.goto(f"{url}/{lang}/nothing-here/")
    shot("not-found", full=True)


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "build" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as data:
        server = LocalServer(Path(data), ROOT / "build" / "site").start()
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
                for lang in ("ar", "fr"):
                    context = browser.new_context(viewport={"width": 360, "height": 740}, locale=lang)
                    context.set_default_timeout(90_000)
                    page = context.new_page()

                    def shot(name, full=False, lang=lang, page=page):
                        page.screenshot(path=str(out / f"{lang}-{name}.png"), full_page=full)

                    journey(page, server.url, lang, shot)
                    context.close()
                browser.close()
        finally:
            server.stop()
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
