"""CSRF, session expiry, brute-force lockout, the second factor, escaping, and the audit trail."""

import csv
import io
import re
import time

import pyotp
import pytest

from tests.admin_helpers import PASSWORD, TOTP_SECRET, add_staff, csrf_of, https_client, sign_in
from tests.factories import pinned_clock
from tests.test_admin_access import World

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
FORMULA = '=HYPERLINK("http://evil.example","click")'


@pytest.fixture
def world(tmp_path):
    return World(tmp_path)


def test_a_post_without_or_with_a_wrong_csrf_token_is_refused(world):
    client = sign_in(world.app, "admin@example.ma")
    url = f"/admin/grievances/{world.reference}/status"
    form = {"status": "under_review", "reason": "x"}
    assert client.post(url, data=form).status_code == 403
    assert client.post(url, data={**form, "csrf": "forged"}).status_code == 403
    assert world.store.get_grievance(world.reference).status == "received"
    ok = client.post(url, data={**form, "csrf": csrf_of(client.get("/admin/account"))})
    assert ok.status_code == 302 and world.store.get_grievance(world.reference).status == "under_review"


def test_the_login_form_needs_its_own_csrf_token(world):
    client = https_client(world.app)
    client.get("/admin/login")
    refused = client.post("/admin/login", data={"email": "admin@example.ma", "password": PASSWORD})
    assert refused.status_code == 403


def test_a_session_expires_when_idle(world, monkeypatch):
    client = sign_in(world.app, "admin@example.ma")
    assert client.get("/admin/inbox").status_code == 200
    later = time.time() + 31 * 60
    monkeypatch.setattr(time, "time", lambda: later)
    assert client.get("/admin/inbox").status_code == 302


def test_logout_ends_the_session_on_the_server(world):
    client = sign_in(world.app, "admin@example.ma")
    cookie = client.get_cookie("sawt_admin", path="/admin/").value
    client.post("/admin/logout", data={"csrf": csrf_of(client.get("/admin/account"))})
    thief = https_client(world.app)
    thief.set_cookie("sawt_admin", cookie, path="/admin/")
    assert thief.get("/admin/inbox").status_code == 302


@pytest.mark.parametrize("action", ["reset_password", "reset_totp", "deactivate"])
def test_a_reset_or_deactivation_signs_the_person_out_everywhere(world, action):
    reviewer = sign_in(world.app, "reviewer@example.ma")
    admin = sign_in(world.app, "admin@example.ma")
    assert reviewer.get("/admin/inbox").status_code == 200
    csrf = csrf_of(admin.get("/admin/account"))
    assert admin.post("/admin/staff/reviewer@example.ma", data={"csrf": csrf, "action": action}).status_code == 200
    assert reviewer.get("/admin/inbox").status_code == 302  # back to the sign-in page
    assert admin.get("/admin/inbox").status_code == 200  # the admin's own session stays


def test_the_session_cookie_is_secure_httponly_strict(world):
    client = https_client(world.app)
    login = client.get("/admin/login")
    response = client.post(
        "/admin/login", data={"csrf": csrf_of(login), "email": "admin@example.ma", "password": PASSWORD}
    )
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("sawt_admin="))
    for attribute in ("Secure", "HttpOnly", "SameSite=Strict", "Path=/admin/"):
        assert attribute in cookie


def test_brute_force_locks_the_account_even_with_the_right_password(world, monkeypatch):
    moment = pinned_clock()().timestamp()
    monkeypatch.setattr(time, "time", lambda: moment)  # the 15-minute windows never end mid-test
    client = https_client(world.app)
    for _ in range(5):
        page = client.get("/admin/login")
        wrong = client.post(
            "/admin/login", data={"csrf": csrf_of(page), "email": "reviewer@example.ma", "password": "guess"}
        )
        assert wrong.status_code == 401
    page = client.get("/admin/login")
    locked = client.post(
        "/admin/login", data={"csrf": csrf_of(page), "email": "reviewer@example.ma", "password": PASSWORD}
    )
    assert locked.status_code == 429
    # an unknown account answers the same way: the lock does not tell who exists
    for _ in range(6):
        page = client.get("/admin/login")
        unknown = client.post(
            "/admin/login", data={"csrf": csrf_of(page), "email": "nobody@example.ma", "password": "x"}
        )
    assert unknown.status_code == 429
    # The tries let in are audited (5 each); the refused ones are counted, not written to the log.
    failures = world.store.list_audit(None, "login_failure", None, None, 100)
    assert len(failures) == 10


def test_the_second_factor_is_required_once_enrolled(world):
    client = https_client(world.app)
    login = client.get("/admin/login")
    step = client.post("/admin/login", data={"csrf": csrf_of(login), "email": "admin@example.ma", "password": PASSWORD})
    assert "/admin/login/code" in step.headers["Location"]
    assert client.get("/admin/inbox").status_code == 302  # password alone opens nothing
    page = client.get(step.headers["Location"])
    assert client.post("/admin/login/code", data={"csrf": csrf_of(page), "code": "000000"}).status_code == 401
    assert client.get("/admin/inbox").status_code == 302
    good = client.post("/admin/login/code", data={"csrf": csrf_of(page), "code": pyotp.TOTP(TOTP_SECRET).now()})
    assert good.status_code == 302 and client.get("/admin/inbox").status_code == 200


def test_a_one_time_password_opens_only_the_page_that_replaces_it(world):
    admin = sign_in(world.app, "admin@example.ma")
    csrf = csrf_of(admin.get("/admin/account"))
    made = admin.post("/admin/staff", data={"csrf": csrf, "email": "new@example.ma", "name": "New", "role": "reviewer"})
    one_time = re.search(r"<code[^>]*>([a-z0-9-]{19})</code>", made.get_data(as_text=True)).group(1)
    world.store.update_staff("new@example.ma", totp_secret=TOTP_SECRET, totp_enabled=True)  # enrolled already
    newcomer = sign_in(world.app, "new@example.ma", password=one_time)
    assert newcomer.get("/admin/inbox").headers["Location"] == "/admin/account"
    page = newcomer.get("/admin/account")
    notice = '<p class="notice" role="status">'
    assert notice in page.get_data(as_text=True)
    status = newcomer.post(f"/admin/grievances/{world.reference}/status",
                           data={"csrf": csrf_of(page), "status": "under_review", "reason": "x"})  # fmt: skip
    assert status.status_code == 403 and world.store.get_grievance(world.reference).status == "received"
    changed = newcomer.post("/admin/account", data={"csrf": csrf_of(page), "password": one_time,
                                                    "new_password": "my own long pass phrase 77"})  # fmt: skip
    assert changed.status_code == 200
    assert newcomer.get("/admin/inbox").status_code == 200
    assert notice not in newcomer.get("/admin/account").get_data(as_text=True)
    # An admin's reset hands out a one-time password again.
    admin.post("/admin/staff/new@example.ma", data={"csrf": csrf, "action": "reset_password"})
    assert world.store.get_staff("new@example.ma").password_must_change


def test_first_sign_in_enrols_the_second_factor_with_a_qr_code(world):
    add_staff(world.store, "newcomer@example.ma", "reviewer", totp=False)
    client = https_client(world.app)
    login = client.get("/admin/login")
    step = client.post(
        "/admin/login", data={"csrf": csrf_of(login), "email": "newcomer@example.ma", "password": PASSWORD}
    )
    assert "/admin/enrol" in step.headers["Location"]
    page = client.get(step.headers["Location"])
    assert "<svg" in page.get_data(as_text=True)
    secret = re.search(r'<code dir="ltr">([A-Z2-7]+)</code>', page.get_data(as_text=True)).group(1)
    done = client.post("/admin/enrol", data={"csrf": csrf_of(page), "code": pyotp.TOTP(secret).now()})
    assert done.status_code == 302 and client.get("/admin/inbox").status_code == 200
    assert world.store.get_staff("newcomer@example.ma").totp_enabled


def test_script_and_html_in_every_field_are_escaped_everywhere(tmp_path):
    from functions.admin.app import create_app as admin_app
    from functions.platform.config import Config
    from functions.public.app import create_app as public_app
    from tests.factories import grievance, key

    config = Config.from_env({}, SAWT_DATA_DIR=tmp_path)
    body = grievance(region="fes_meknes", filer_kind="collective")
    for field in ("given_name", "family_name", "city", "postal_address"):
        body["complainant"][field] = XSS[:100]
    for field in ("administration", "subject", "description", "desired_outcome"):
        body[field] = (FORMULA + " " + XSS) if field != "administration" else FORMULA
    body["members"] = [{"given_name": XSS[:100], "family_name": FORMULA}, {"given_name": "A", "family_name": "B"}]
    body["prior_steps"] = {
        "contacted": True,
        "contacted_on": "2025-01-02",
        "reference": XSS[:100],
        "answer_details": XSS,
    }
    receipt = public_app(config).test_client().post("/api/grievances", json=body, headers={"Idempotency-Key": key()})
    assert receipt.status_code == 201, receipt.get_json()
    reference = receipt.get_json()["reference"].replace("-", "")
    app = admin_app(config)
    add_staff(app.extensions["sawt.admin"]().store, "admin@example.ma", "admin")
    client = sign_in(app, "admin@example.ma")
    client.post(
        f"/admin/grievances/{reference}/message", data={"csrf": csrf_of(client.get("/admin/account")), "text": XSS}
    )
    for page in ("/admin/inbox", f"/admin/grievances/{reference}", "/admin/audit", "/admin/staff"):
        html = client.get(page).get_data(as_text=True)
        assert "<script>alert" not in html and "<img src=x" not in html, page
    assert "&lt;script&gt;" in client.get(f"/admin/grievances/{reference}").get_data(as_text=True)
    exported = client.get("/admin/export.csv").get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(exported)))
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert any(cell.startswith("'=HYPERLINK") for cell in rows[1])


def test_every_read_download_and_export_is_audited(world):
    client = sign_in(world.app, "reviewer@example.ma")
    client.get(f"/admin/grievances/{world.reference}")
    download = client.get(f"/admin/grievances/{world.reference}/documents/{world.upload_id}")
    assert download.status_code == 200 and download.data.startswith(b"%PDF")
    assert "attachment" in download.headers["Content-Disposition"]
    client.get("/admin/export.csv?status=received")
    entries = world.store.list_audit("reviewer@example.ma", None, None, None, 50)
    actions = [e.action for e in entries]
    assert {"login_success", "read_file", "download", "export"} <= set(actions)
    read = next(e for e in entries if e.action == "read_file")
    assert read.target == world.reference and read.address
    export = next(e for e in entries if e.action == "export")
    assert export.detail == {"filters": {"status": "received"}, "rows": 1}
    # and the file page shows who has read it, by name
    page = client.get(f"/admin/grievances/{world.reference}").get_data(as_text=True)
    read_by = re.search(r'<ul>([^\n]*)</ul>\n<h2 id="actions"', page).group(1)
    assert "Reviewer" in read_by and "reviewer@example.ma" not in read_by


def test_the_audit_log_cannot_be_changed(world):
    import sqlite3

    sign_in(world.app, "admin@example.ma")
    connection = world.store.db.connection()
    with pytest.raises(sqlite3.IntegrityError):
        connection.execute("DELETE FROM audit")
    with pytest.raises(sqlite3.IntegrityError):
        connection.execute("UPDATE audit SET action = 'nothing'")


def test_a_misconfigured_admin_answers_with_its_error_page_not_a_crash(caplog):
    """Without its secret the admin cannot open its store; the sign-in page must still answer a
    plain, translated 503 (no traceback, no details) rather than failing inside the error handler,
    and the log says which setting is missing."""
    from functions.admin.app import create_app as admin_app
    from functions.platform.config import Config

    config = Config.from_env({}, SAWT_STORAGE="aws", SAWT_SECRET_KEY="")
    answer = admin_app(config).test_client().get("/admin/login", headers={"Accept-Language": "ar"})
    assert answer.status_code == 503
    assert "admin: configuration: SAWT_SECRET_KEY is required" in caplog.text
    html = answer.get_data(as_text=True)
    assert 'lang="ar"' in html and 'dir="rtl"' in html
    assert "Traceback" not in html and "SAWT_SECRET_KEY" not in html


def test_the_admins_figures_are_the_exact_counts_of_each_scope(world):
    from functions.public.app import create_app as public_app
    from tests.factories import grievance, key

    public = public_app(world.config).test_client()
    filings = [("fes_meknes", "consulat-lyon"), ("fes_meknes", None), ("oriental", "consulat-lyon")]
    for region, partner in filings:
        body = grievance(region=region, partner=partner, partner_consent=bool(partner))
        if partner is None:
            body.pop("partner")
        assert public.post("/api/grievances", json=body, headers={"Idempotency-Key": key()}).status_code == 201
    admin = sign_in(world.app, "admin@example.ma")

    def total(scope):
        html = admin.get(f"/admin/statistics?scope={scope}").get_data(as_text=True)
        return int(re.search(r"<dt>[^<]+</dt><dd>(\d+)</dd>", html).group(1))

    assert total("all") == 4  # the world's own filing (Fès-Meknès) and these three
    assert total("delegation:fes_meknes") == 3
    assert total("partner:consulat-lyon") == 2


def test_organisation_and_representative_fields_are_escaped_too(tmp_path):
    from functions.admin.app import create_app as admin_app
    from functions.platform.config import Config
    from functions.public.app import create_app as public_app
    from tests.factories import grievance, key

    config = Config.from_env({}, SAWT_DATA_DIR=tmp_path)
    body = grievance(filer_kind="legal_person", filed_by_representative=True)
    body["organisation"] = {"name": XSS[:200], "nature": "association", "seat": XSS[:300],
                            "legal_representative": XSS[:200]}  # fmt: skip
    body["representative"] = {"given_name": XSS[:100], "family_name": XSS[:100], "relationship": XSS[:100]}
    receipt = public_app(config).test_client().post("/api/grievances", json=body, headers={"Idempotency-Key": key()})
    assert receipt.status_code == 201, receipt.get_json()
    reference = receipt.get_json()["reference"].replace("-", "")
    app = admin_app(config)
    add_staff(app.extensions["sawt.admin"]().store, "admin@example.ma", "admin")
    html = sign_in(app, "admin@example.ma").get(f"/admin/grievances/{reference}").get_data(as_text=True)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert html.count("&lt;script&gt;") >= 5  # each field shown, as text


def test_the_audit_log_filters_by_person_action_and_file(world):
    admin = sign_in(world.app, "admin@example.ma")
    reviewer = sign_in(world.app, "reviewer@example.ma")
    reviewer.get(f"/admin/grievances/{world.reference}")
    admin.get("/admin/inbox")

    def rows(query):
        html = admin.get(f"/admin/audit?{query}").get_data(as_text=True)
        return re.findall(r"<tr>(.*?)</tr>", html, re.DOTALL)[1:]  # without the header row

    by_reviewer = rows("staff=reviewer@example.ma")
    assert by_reviewer and all("reviewer@example.ma" in row for row in by_reviewer)
    reads = rows(f"action=read_file&target={world.reference}")
    assert len(reads) == 1 and "reviewer@example.ma" in reads[0]
    assert rows("staff=nobody@example.ma") == []
