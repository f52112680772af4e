"""A correction of the complainant's details, as staff make it in the admin and as the complainant
reads it on the track page (Arabic, drawn by the page script and by the server without it)."""

import pytest
import requests

from functions.platform.config import Config
from functions.platform.i18n import translations
from functions.storage.sqlite_store import SqliteStore
from tests.admin_helpers import add_staff
from tests.factories import grievance, key
from tests.test_browser_follow_up import staff_sign_in

pytestmark = pytest.mark.browser


def test_staff_correct_an_address_and_the_complainant_reads_which_detail_changed(live_server, page_factory, tmp_path):
    store = SqliteStore(Config.from_env(SAWT_DATA_DIR=live_server.data_dir).data_dir)
    add_staff(store, "agent@example.ma", "reviewer")
    store.close()
    receipt = requests.post(
        f"{live_server.url}/api/grievances", json=grievance(complainant__language="ar"),
        headers={"Idempotency-Key": key()}, timeout=30,
    ).json()  # fmt: skip
    reference = receipt["reference"].replace("-", "")

    staff = page_factory(viewport={"width": 1280, "height": 900})
    staff_sign_in(staff, live_server)
    staff.goto(f"{live_server.url}/admin/grievances/{reference}")
    staff.click(f"a[href$='/{reference}/correct']")
    staff.fill("#c-email", "pas-une-adresse")
    staff.fill("#c-reason", "Courriel de la personne du 2 décembre")
    staff.click("main form button[type=submit]")
    assert "name@example.com" in staff.locator(".error-summary").inner_text()  # the filing's own message
    staff.fill("#c-email", "fatima.benali@example.net")
    staff.click("main form button[type=submit]")
    staff.wait_for_url("**done=correct_details")
    assert "fatima.benali@example.net" in staff.locator("main").inner_text()
    staff.screenshot(path=str(tmp_path / "admin-file-corrected.png"), full_page=True)

    ar = translations("ar").gettext
    expected = ar("Your details were corrected: %(fields)s.") % {"fields": ar("Email address")}
    for script in (True, False):
        person = page_factory(java_script_enabled=script)
        person.goto(f"{live_server.url}/ar/track/")
        person.fill("[name=reference]", receipt["reference"])
        person.fill("[name=tracking_code]", receipt["tracking_code"])
        person.click("#track-form button[type=submit]")
        timeline = person.locator(".track-view .timeline")
        timeline.filter(has_text=expected).wait_for(timeout=30000)
        assert "benali" not in person.locator("main").inner_text()
        person.screenshot(path=str(tmp_path / f"track-corrected-{'js' if script else 'nojs'}.png"), full_page=True)
    print(tmp_path)
