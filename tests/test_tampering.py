"""Every value a form can be tampered with, on every form a person can post without JavaScript and
every admin form: never a 500, and nothing sent comes back as markup.

The forms are read from the pages themselves (the built site, the pages the server renders, the
admin's pages), so a field added tomorrow is tampered with too. Each field in turn gets each value
below while the others keep what the page would send; then each field is left out, sent twice, and
an unknown field is added.
"""

import dataclasses

import pytest
from werkzeug.datastructures import MultiDict

from functions.admin.app import create_app as admin_app
from functions.admin.workflow import Workflow
from functions.platform.config import Config
from functions.public.app import create_app as public_app
from tests.admin_helpers import PASSWORD, add_staff, csrf_of, https_client, sign_in
from tests.factories import grievance, key
from tests.html_forms import Form, forms_of
from tests.test_no_markup_from_data import flat

PROBE = '"><b data-probe>x</b>'
VALUES = [
    "", "   ", "x" * 20_000, "\x00", PROBE, "nonsense", "-1", "99999999999999999999999", "1e400", "NaN", "[]", "{}",
    "\u202e\u2066", "²", "٣", "../../../etc/passwd", "%00", "true", "false", "on", "0", "a.b.c.d.e.f", "\ufeff",
]  # fmt: skip


# For the other buttons of the grievance form, whose pages differ less: the values most likely to hurt.
SHORT_LIST = ["x" * 20_000, "\x00", PROBE, "nonsense", "²", "99999999999999999999999"]


def tampered(form: Form, base: dict[str, str], values=VALUES):
    """(what was changed, the body) for every way a field of this form can be tampered with."""
    for name in sorted(set(form.fields) | set(base)):
        for value in values:
            yield f"{name}={value[:20]!r}", MultiDict({**base, name: value})
        yield f"{name} left out", MultiDict({k: v for k, v in base.items() if k != name})
        yield f"{name} twice", MultiDict([*base.items(), (name, PROBE)])
    yield "an unknown field", MultiDict({**base, "evil": PROBE, "staff_id": PROBE})
    yield "a name 5,000 levels deep", MultiDict({**base, "a." * 5000 + "b": "x"})


def send(client, form: Form, body: MultiDict):
    if form.method == "get":
        return client.get(form.action, query_string=body)
    return client.post(form.action, data=body)


def assert_survives(client, form: Form, base: dict[str, str], refresh=None, values=VALUES):
    """`refresh`: a new set of defaults (a fresh CSRF token, a fresh idempotency key) per request."""
    failures = []
    for change, body in tampered(form, base, values):
        if refresh:
            body.update({k: v for k, v in refresh().items() if k not in dict(body) or body[k] == base.get(k)})
        answer = send(client, form, body)
        text = answer.get_data(as_text=True)
        if answer.status_code >= 500 or PROBE in text:
            failures.append(f"{form.method.upper()} {form.action} with {change}: {answer.status_code}")
    assert failures == []


@pytest.fixture(scope="module")
def public(tmp_path_factory):
    # Failed tracking attempts and filings from one address are many here: high limits keep every
    # form reachable (a 429 would hide what comes after it).
    config = Config.from_env(
        {},
        SAWT_DATA_DIR=tmp_path_factory.mktemp("public"),
        SAWT_TRACK_FAILURES="100000",
        SAWT_TRACK_FAILURES_PER_REFERENCE="100000",
        SAWT_TRACK_FAILURES_PER_CLIENT="100000",
        SAWT_FILINGS_PER_HOUR="100000",
    )
    return public_app(config)


def static_forms(built_site) -> dict[tuple, tuple[str, Form]]:
    """One of each distinct form of the built site (French and Arabic pages)."""
    found = {}
    for lang in ("fr", "ar"):
        for page in sorted((built_site / lang).rglob("index.html")) + sorted(
            (built_site / "p").rglob(f"{lang}/index.html")
        ):
            for form in forms_of(page.read_text(encoding="utf-8")):
                if form.method == "post":
                    found.setdefault(
                        (form.action, tuple(sorted(form.fields))), (str(page.relative_to(built_site)), form)
                    )
    return found


def test_every_static_form_survives_every_tampered_field(public, built_site):
    forms = static_forms(built_site)
    assert len(forms) >= 5  # the grievance form, tracking, and the start buttons of the guidance and partners
    client = public.test_client()
    for _page, form in forms.values():
        base = form.defaults()
        if "description" in form.fields:  # the grievance form: start from a valid filing
            base.update(flat(grievance()))
        assert_survives(client, form, base)


@pytest.mark.parametrize("action", ["edit", "add_member", "send"])
def test_the_grievance_form_survives_tampering_whatever_the_button(public, built_site, action):
    form = next(f for _p, f in static_forms(built_site).values() if "description" in f.fields)
    base = {**form.defaults(), **flat(grievance()), "_action": action}
    assert_survives(public.test_client(), form, base, refresh=lambda: {"idempotency_key": key()}, values=SHORT_LIST)


def filed(public, status_change=None):
    """A grievance filed through the API, and its code; optionally moved on by staff first."""
    client = public.test_client()
    receipt = client.post("/api/grievances", json=grievance(), headers={"Idempotency-Key": key()}).get_json()
    if status_change:
        services = public.extensions["sawt.service"]()
        stored = services.store.get_grievance(receipt["reference"].replace("-", ""))
        status_change(Workflow(services.store, public.config["SAWT"]), stored)
    return receipt["reference"], receipt["tracking_code"]


def test_the_review_page_form_survives_tampering(public, built_site):
    client = public.test_client()
    review = client.post("/api/grievances", data={**flat(grievance()), "_action": "review", "lang": "fr"})
    assert review.status_code == 200
    (form,) = [f for f in forms_of(review.get_data(as_text=True)) if f.action == "/api/grievances"]
    assert_survives(client, form, form.defaults(), refresh=lambda: {"idempotency_key": key()})


def test_the_tracking_pages_forms_survive_tampering(public):
    asking = lambda w, g: w.request_information(g, "staff@example.ma", "request_details", "Envoyez l'acte.")  # noqa: E731
    reference, code = filed(public, asking)
    client = public.test_client()
    page = client.post("/api/track", data={"reference": reference, "tracking_code": code, "lang": "fr"})
    forms = {f.action.rsplit("/", 1)[-1]: f for f in forms_of(page.get_data(as_text=True))}
    assert {"replies", "withdraw"} <= set(forms)
    answer = {**forms["replies"].defaults(), "text": "Voici la copie de l'acte."}  # valid: every field counts
    assert_survives(client, forms["replies"], answer, refresh=lambda: {"idempotency_key": key()})
    confirm = client.post(forms["withdraw"].action, data=forms["withdraw"].defaults())
    (confirmed,) = forms_of(confirm.get_data(as_text=True))[-1:]
    assert confirmed.fields["_action"].value == "confirmed"
    assert_survives(client, forms["withdraw"], forms["withdraw"].defaults())
    assert_survives(client, confirmed, confirmed.defaults(), refresh=lambda: {"idempotency_key": key()})


@dataclasses.dataclass
class Admin:
    app: object
    store: object
    reference: str


@pytest.fixture(scope="module")
def admin(tmp_path_factory, public):
    config = Config.from_env({}, SAWT_DATA_DIR=public.config["SAWT"]["SAWT_DATA_DIR"], SAWT_LOGIN_FAILURES="100000")
    app = admin_app(config)
    store = app.extensions["sawt.admin"]().store
    for email, role in (
        ("admin@example.ma", "admin"),
        ("second@example.ma", "reviewer"),
        ("other@example.ma", "reviewer"),
    ):
        add_staff(store, email, role)
    reference, _code = filed(public)
    return Admin(app, store, reference.replace("-", ""))


ADMIN_PAGES = ["/admin/account", "/admin/staff", "/admin/grievances/{ref}", "/admin/inbox", "/admin/audit",
               "/admin/statistics", "/admin/partners"]  # fmt: skip


def test_every_admin_form_survives_every_tampered_field(admin):
    client = sign_in(admin.app, "admin@example.ma")
    seen = set()
    for route in ADMIN_PAGES:
        page = client.get(route.format(ref=admin.reference))
        assert page.status_code == 200, route
        for form in forms_of(page.get_data(as_text=True)):
            # Not the way out, nor the admin's own account row (deactivating oneself is refused,
            # and a reset would send the rest of this test to the password page).
            if form.action in ("/admin/logout", "/admin/staff/admin@example.ma") or form.action in seen:
                continue
            seen.add(form.action)
            assert_survives(
                client, form, form.defaults(), refresh=lambda: {"csrf": csrf_of(client.get("/admin/account"))}
            )
    assert {"/admin/account", "/admin/staff", "/admin/inbox", "/admin/audit", f"/admin/grievances/{admin.reference}/status",
            f"/admin/grievances/{admin.reference}/reassign", "/admin/staff/other@example.ma"} <= seen  # fmt: skip


def test_the_sign_in_forms_survive_tampering(admin):
    # Accounts of this test's own (the admin forms above may have deactivated the others), each
    # signing in from an address of its own (20 failures lock an address).
    add_staff(admin.store, "code@example.ma", "reviewer")
    add_staff(admin.store, "enrol@example.ma", "reviewer", totp=False)
    for n, (email, action) in enumerate(
        (("code@example.ma", "/admin/login/code"), ("enrol@example.ma", "/admin/enrol"))
    ):
        client = https_client(admin.app)
        client.environ_base["REMOTE_ADDR"] = f"192.0.2.{n + 1}"
        start = client.get("/admin/login")
        step = client.post("/admin/login", data={"csrf": csrf_of(start), "email": email, "password": PASSWORD})
        assert step.status_code == 302, step.status_code
        page = client.get(step.headers["Location"])
        (form,) = [f for f in forms_of(page.get_data(as_text=True)) if f.action == action]
        assert_survives(client, form, form.defaults())
    anonymous = https_client(admin.app)
    anonymous.environ_base["REMOTE_ADDR"] = "192.0.2.9"
    (login,) = forms_of(anonymous.get("/admin/login").get_data(as_text=True))
    assert_survives(
        anonymous, login, login.defaults(), refresh=lambda: {"csrf": csrf_of(anonymous.get("/admin/login"))}
    )
