"""Screenshots of the staff admin, in French and Arabic, at a desktop size and at 360 px: the inbox,
a file with a rich history, the combined action's preview of a decision, and a document preview;
an administration's correspondent's inbox and answer form; the complainant's track page with the
administrations' clocks (one waiting, one answered).

    python scripts/admin_screenshots.py [--out build/screenshots/admin]

Runs the real local server (gunicorn, the built site: `make build` first) on a temporary data
directory, makes a rich history the way people do (filed with documents through the public API,
worked on through the admin's forms, answered by the complainant), then drives Debian's Chromium.
"""

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]

from functions.cases.forwarding import ForwardingService  # noqa: E402
from functions.platform.config import Config  # noqa: E402
from functions.public.app import create_app as public_app  # noqa: E402
from scripts.serving import LocalServer  # noqa: E402
from tests.admin_helpers import PASSWORD, add_staff, fresh_code  # noqa: E402
from tests.case_helpers import file_with_documents, post, rich_history, staff_app  # noqa: E402

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 800}}


def photo() -> bytes:
    """A document worth looking at in the preview (the tests' 1-pixel PNG shows nothing)."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 420), (235, 240, 236))
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 620, 400), outline=(13, 92, 58), width=6)
    draw.text((50, 60), "PASSEPORT - ROYAUME DU MAROC", fill=(13, 92, 58))
    draw.text((50, 120), "Nom : QASSIMI-TESTFILE   Prenom : FATIMA", fill=(20, 20, 20))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def make_history(data_dir: Path):
    config = Config.from_env({}, SAWT_DATA_DIR=data_dir)
    public = public_app(config).test_client()
    app, store = staff_app(config)
    receipt, reference, staff, uploads = rich_history(public, app, photo())
    for _family in ("Benali", "Tazi", "Kettani"):
        other, _documents = file_with_documents(public)
        post(staff, other["reference"].replace("-", ""), "assign", assignee="officer@example.ma")
        post(staff, other["reference"].replace("-", ""), "forward", administration="cnss",
             text="Merci de nous indiquer où en est le versement de la pension.")  # fmt: skip
    add_staff(store, "bureau@cnss.ma", "correspondent", administration="cnss")
    post(staff, reference, "forward", administration="cnss", documents=[uploads[0]],
         text="Le réclamant attend depuis mars le versement de sa pension de retraite. "
              "Merci de nous dire où en est son dossier et dans quel délai il sera réglé.")  # fmt: skip
    post(staff, reference, "forward", administration="commune_rabat", text="Merci de nous transmettre l'acte.")
    rabat = store.get_forwarding(reference, "commune_rabat")
    ForwardingService(store, config).answer(rabat, "bureau@rabat.ma", "L'acte a été délivré le 2 mai.")
    for person in ("officer@example.ma", "bureau@cnss.ma"):
        store.update_staff(person, totp_last_step=0)
    return store, reference, uploads[1], receipt  # the photo


def sign_in(page, url, store, who="officer@example.ma", lands="**/admin/inbox"):
    page.goto(f"{url}/admin/login")
    page.fill("#email", who)
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    store.update_staff(who, totp_last_step=0)  # (screenshots only: a code may serve again, no waiting)
    page.fill("#code", fresh_code(store, who))
    page.click("main button[type=submit]")
    page.wait_for_url(lands)


def correspondent(browser, viewport, url, store, reference, lang, size, out):
    """The CNSS's correspondent: their inbox, then the file's page with the answer form."""
    store.update_staff("bureau@cnss.ma", language=lang)
    page = browser.new_context(viewport=viewport).new_page()
    page.set_default_timeout(90_000)
    sign_in(page, url, store, "bureau@cnss.ma", "**/admin/answers")
    page.screenshot(path=out / f"correspondent-inbox-{lang}-{size}.png", full_page=True)
    page.goto(f"{url}/admin/answers/{reference}")
    page.fill("#answer-text", "Le dossier de pension a été régularisé ; le virement part cette semaine.")
    page.screenshot(path=out / f"correspondent-answer-{lang}-{size}.png", full_page=True)
    page.context.close()


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "build" / "screenshots" / "admin"))
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        store, reference, photo_id, receipt = make_history(data_dir)
        server = LocalServer(data_dir, ROOT / "build" / "site").start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path="/usr/bin/chromium",
                    args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"],
                )
                for lang in ("fr", "ar"):
                    store.update_staff("officer@example.ma", language=lang)
                    for size, viewport in SIZES.items():
                        page = browser.new_context(viewport=viewport).new_page()
                        page.set_default_timeout(90_000)
                        sign_in(page, server.url, store)

                        def shot(name, page=page, lang=lang, size=size):
                            page.screenshot(path=out / f"{name}-{lang}-{size}.png", full_page=True)

                        shot("inbox")
                        page.goto(f"{server.url}/admin/grievances/{reference}")
                        shot("file")
                        page.goto(f"{server.url}/admin/grievances/{reference}?preview={photo_id}#document-preview")
                        page.locator("#document-preview img").wait_for()
                        shot("preview")
                        page.goto(f"{server.url}/admin/grievances/{reference}#actions")
                        page.select_option("#status", "closed")
                        page.fill("#reason", "Dossier clos : pièces non reçues.")
                        page.select_option("#status-template", "closed_no_answer")
                        page.fill("#status-text", "Vous pouvez déposer une nouvelle réclamation.")
                        page.click("form[action$='/status'] button[type=submit]")
                        page.locator(".preview-panel").wait_for()
                        shot("decision-preview")
                        page.context.close()
                        correspondent(browser, viewport, server.url, store, reference, lang, size, out)
                for lang in ("fr", "ar"):
                    page = browser.new_context(viewport=SIZES["phone"]).new_page()
                    page.goto(f"{server.url}/{lang}/track/")
                    page.fill("[name=reference]", receipt["reference"])
                    page.fill("[name=tracking_code]", receipt["tracking_code"])
                    page.click("#track-form button[type=submit]")
                    page.locator(".clocks li").first.wait_for()
                    page.screenshot(path=out / f"track-clock-{lang}-phone.png", full_page=True)
                    page.context.close()
                browser.close()
        finally:
            server.stop()
            store.close()
    for path in sorted(out.glob("*.png")):
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main(sys.argv[1:])
