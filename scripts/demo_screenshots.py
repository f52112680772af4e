"""Screenshots of a running demonstration (`make demo`): the seeded inbox and files in French and
Arabic, and complainants' track pages.

    python scripts/demo_screenshots.py [--url http://127.0.0.1:8000] [--out build/screenshots/demo]

Signs in as the demo admin (choosing a new password, as the one-time one requires), so run it on a
fresh `make demo`.
"""

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from functions.platform.config import Config  # noqa: E402
from functions.storage import open_store  # noqa: E402
from scripts.demo.seed import totp_now  # noqa: E402

CHROMIUM = "/usr/bin/chromium"


def sign_in(page, url: str, config: Config) -> None:
    admin = json.loads((config.data_dir / "demo-accounts.json").read_text())[0]
    page.goto(f"{url}/admin/login?lang=fr")
    page.fill("#email", admin["email"])
    page.fill("#password", admin["password"])
    page.click("main button[type=submit]")
    page.fill("#code", totp_now(open_store(config), admin["email"]))
    page.click("main button[type=submit]")
    if "/account" in page.url:  # the one-time password is replaced first
        page.fill("#password", admin["password"])
        page.fill("#new_password", "demo screenshots pass phrase 2026")
        page.click("main form button[type=submit] >> nth=-1")
    page.goto(f"{url}/admin/inbox")


def main(argv) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default=str(ROOT / "build" / "screenshots" / "demo"))
    parser.add_argument("--data-dir", default=str(ROOT / "data-demo"), help="the demo's data directory")
    args = parser.parse_args(argv)
    config = Config.from_env(SAWT_DATA_DIR=args.data_dir)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    files = json.loads((config.data_dir / "demo-files.json").read_text())
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        sign_in(page, args.url, config)
        for lang in ("fr", "ar"):
            page.goto(f"{args.url}/admin/account")
            page.select_option("#language", lang) if page.locator("#language").count() else None
            page.goto(f"{args.url}/admin/inbox?lang={lang}")
            page.screenshot(path=out / f"inbox-{lang}.png", full_page=True)
            for filed in [f for f in files if f["language"] == lang][:2]:
                page.goto(f"{args.url}/admin/grievances/{filed['reference'].replace('-', '')}")
                page.screenshot(path=out / f"file-{lang}-{filed['status']}.png", full_page=True)
        phone = browser.new_page(viewport={"width": 360, "height": 740})
        for lang in ("fr", "ar"):
            filed = next(f for f in files if f["language"] == lang and f["status"] == "in_progress")
            phone.goto(f"{args.url}/{lang}/track/")
            phone.fill("input[name=reference]", filed["reference"])
            phone.fill("input[name=tracking_code]", filed["tracking_code"])
            phone.click("main form button[type=submit]")
            phone.wait_for_timeout(1500)
            phone.screenshot(path=out / f"track-{lang}.png", full_page=True)
        browser.close()
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
