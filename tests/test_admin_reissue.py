"""Staff give a new tracking code to a person without e-mail: from the file, after a check of
identity, shown once, audited; the code works, and the old one stops once it is used (both backends)."""

import re

from functions.admin.app import create_app as admin_app
from functions.public.app import create_app as public_app
from tests.admin_helpers import add_staff, csrf_of, sign_in
from tests.factories import grievance, key

CODE = re.compile(r'data-slot="new-code"><strong>([2-9A-HJ-NP-Z-]{19})</strong>')


def test_staff_make_a_new_code_shown_once(config):
    public = public_app(config).test_client()
    body = grievance(complainant__email=None, complainant__preferred_contact="phone")
    receipt = public.post("/api/grievances", json=body, headers={"Idempotency-Key": key()}).get_json()
    reference = receipt["reference"].replace("-", "")
    app = admin_app(config)
    store = app.extensions["sawt.admin"]().store
    add_staff(store, "agent@example.ma", "reviewer")
    client = sign_in(app, "agent@example.ma")
    page = client.get(f"/admin/grievances/{reference}")
    assert f'action="/admin/grievances/{reference}/tracking-code"' in page.get_data(as_text=True)
    route = f"/admin/grievances/{reference}/tracking-code"

    unchecked = client.post(route, data={"csrf": csrf_of(page)})
    assert unchecked.status_code == 422 and store.get_grievance(reference).pending_tracking_hash is None
    assert client.post(route, data={"identity_checked": "1"}).status_code == 403  # no CSRF token

    made = client.post(route, data={"csrf": csrf_of(page), "identity_checked": "1"})
    assert made.status_code == 200 and made.headers["Cache-Control"] == "no-store"
    (code,) = CODE.findall(made.get_data(as_text=True))
    assert code != receipt["tracking_code"]
    assert code not in client.get(f"/admin/grievances/{reference}").get_data(as_text=True)  # shown once
    stored = store.get_grievance(reference)
    assert stored.pending_code_sealed is None and code.replace("-", "") not in repr(stored)
    (entry,) = store.list_audit(None, "tracking_code.reissued_by_staff", reference, None, 5)
    assert entry.staff_id == "agent@example.ma" and entry.detail == {}

    def track(tracking_code):
        return public.post("/api/track", json={"reference": receipt["reference"], "tracking_code": tracking_code})

    assert track(receipt["tracking_code"]).status_code == 200  # until the new one is used
    assert track(code).status_code == 200
    assert track(receipt["tracking_code"]).status_code == 404
