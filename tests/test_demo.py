"""`make demo`'s seed, on both backends: it refuses real data, seeds files in every status through the
service code, is idempotent, and every admin page and every citizen track page of the seeded files
answers in French and Arabic; the printed accounts sign in."""

import json
import re
import sys
from pathlib import Path

import pyotp
import pytest

from functions.admin.app import create_app as admin_app
from functions.platform.config import Config
from functions.public.app import create_app as public_app
from schemas.vocabulary import FILER_KINDS, STATUSES
from tests.admin_helpers import add_staff, https_client, sign_in

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from demo import seed as demo


@pytest.fixture(scope="module")
def seeded_local(tmp_path_factory):
    config = Config.from_env({}, SAWT_STORAGE="local", SAWT_DATA_DIR=str(tmp_path_factory.mktemp("demo") / "data"))
    return config, demo.seed(config)


@pytest.fixture
def seeded_aws(provisioned, monkeypatch):
    """Tables and bucket of their own, named for a demonstration (the seed refuses any others)."""
    from functions.storage.aws_provision import provision

    values = {**provisioned, "SAWT_TABLE_PREFIX": "sawt-demo-test-", "SAWT_BUCKET": "sawt-demo-test-files"}
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    config = Config.from_env()
    provision(config, log=lambda _msg: None)
    return config, demo.seed(config)


def test_the_seed_refuses_a_directory_with_real_data(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "sawt.sqlite3").write_bytes(b"real files")
    with pytest.raises(demo.DemoRefused):
        demo.seed(Config.from_env({}, SAWT_STORAGE="local", SAWT_DATA_DIR=str(data)))
    assert sorted(p.name for p in data.iterdir()) == ["sawt.sqlite3"]


def test_an_unfinished_seed_is_neither_resumed_nor_wiped(tmp_path):
    """A marker saying "not complete" beside data (a seed stopped half-way, or a marker put where it does
    not belong): refused, and nothing is deleted; the person resets it knowingly."""
    config = Config.from_env({}, SAWT_STORAGE="local", SAWT_DATA_DIR=str(tmp_path / "data"))
    store = public_app(config).extensions["sawt.service"]().store
    add_staff(store, "someone@example.ma", "admin")
    (config.data_dir / demo.MARKER).write_text('{"complete": false}')
    before = sorted(p.name for p in config.data_dir.iterdir())
    with pytest.raises(demo.DemoRefused, match="unfinished"):
        demo.seed(config)
    assert sorted(p.name for p in config.data_dir.iterdir()) == before
    assert store.get_staff("someone@example.ma") is not None


def test_the_seed_refuses_aws_tables_not_named_for_a_demo():
    config = Config.from_env({}, SAWT_STORAGE="aws", SAWT_TABLE_PREFIX="sawt-prod-", SAWT_BUCKET="sawt-prod-files")
    with pytest.raises(demo.DemoRefused):
        demo.seed(config)


def test_the_seed_covers_the_service(seeded_local):
    config, result = seeded_local
    store = public_app(config).extensions["sawt.service"]().store
    files = result["files"]
    assert len(files) >= 90
    grievances = [store.get_grievance(f["reference"].replace("-", "")) for f in files]
    assert {g.status for g in grievances} == set(STATUSES)
    assert {g.filer_kind for g in grievances} == set(FILER_KINDS)
    assert {g.language for g in grievances} >= {"ar", "fr", "es", "it", "nl", "de", "en"}
    assert len({g.region for g in grievances}) >= 10 and len({g.category for g in grievances}) >= 10
    assert any(g.partner for g in grievances)
    phones = [g.payload["complainant"].get("phone") for g in grievances if g.payload["complainant"].get("phone")]
    assert phones and all(p.startswith("+3363998") for p in phones)  # the range kept for fiction
    kinds = {e.kind for f in files for e in store.list_events(f["reference"].replace("-", ""))}
    assert {"note", "assigned", "reply", "withdrawal", "orientation", "information_request", "message"} <= kinds
    forwardings = [f for filed in files for f in store.list_forwardings(filed["reference"].replace("-", ""))]
    from functions.storage.records import iso, utc_now

    now = utc_now()
    assert len({f.administration for f in forwardings}) >= 5
    assert any(f.answered_at for f in forwardings)  # answered by their correspondents
    assert any(not f.answered_at and f.due_at < iso(now) for f in forwardings)  # and late ones
    assert {s.administration for s in store.list_staff() if s.role == "correspondent"} == {"cnss", "ancfcc"}
    documents = [store.get_upload(upload_id) for f in files for upload_id in f["documents"]]
    assert len(documents) >= 30 and {d.status for d in documents} == {"attached"}
    assert {d.sniffed_type for d in documents} == {"application/pdf", "image/jpeg"}


def test_the_seed_is_idempotent(seeded_local):
    config, first = seeded_local
    again = demo.seed(config)
    assert again["files"] == first["files"]
    store = public_app(config).extensions["sawt.service"]().store
    assert len(store.list_staff()) == len(demo.STAFF)
    assert json.loads((config.data_dir / demo.MARKER).read_text())["complete"] is True
    assert {a.password for a in again["accounts"]}.isdisjoint({a.password for a in first["accounts"]})


def test_a_printed_account_signs_in(seeded_local):
    config, _ = seeded_local
    account = demo.seed(config)["accounts"][0]  # new passwords at every start: the ones printed last
    app = admin_app(config)
    client = https_client(app)
    login = client.get("/admin/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', login.get_data(as_text=True)).group(1)
    first = client.post("/admin/login", data={"csrf": csrf, "email": account.email, "password": account.password})
    assert first.status_code == 302
    second = client.get(first.headers["Location"])
    csrf = re.search(r'name="csrf" value="([^"]+)"', second.get_data(as_text=True)).group(1)
    done = client.post("/admin/login/code", data={"csrf": csrf, "code": pyotp.TOTP(account.totp_secret).now()})
    assert done.status_code == 302  # to the page where the one-time password is replaced


def every_page_answers(config, files):
    """Every admin page of every seeded file in French and Arabic, the inbox, figures, partners, staff
    and audit; and every file's track page as its complainant sees it (JSON and the no-JS page)."""
    app = admin_app(config)
    store = app.extensions["sawt.admin"]().store
    add_staff(store, "checker@example.ma", "admin")
    staff = sign_in(app, "checker@example.ma")
    public = public_app(config).test_client()
    for lang in ("fr", "ar"):
        store.update_staff("checker@example.ma", language=lang)
        for path in ("/admin/inbox", "/admin/inbox?status=resolved", "/admin/statistics", "/admin/partners",
                     "/admin/staff", "/admin/audit"):  # fmt: skip
            page = staff.get(path)
            assert page.status_code == 200, (path, lang)
        for filed in files:
            page = staff.get(f"/admin/grievances/{filed['reference'].replace('-', '')}")
            assert page.status_code == 200, (filed, lang)
            body = {"reference": filed["reference"], "tracking_code": filed["tracking_code"]}
            tracked = public.post("/api/track", json=body, headers={"Accept-Language": lang})
            assert tracked.status_code == 200, (filed, lang, tracked.get_json())
            assert tracked.get_json()["status"] == filed["status"] or filed["status"] == "information_requested"
            shown = public.post("/api/track", data={**body, "lang": lang})
            assert shown.status_code == 200 and filed["reference"] in shown.get_data(as_text=True), (filed, lang)


def test_every_page_of_the_seeded_files_answers_locally(seeded_local):
    config, result = seeded_local
    every_page_answers(config, result["files"])


def test_the_seed_on_aws_and_its_pages(seeded_aws):
    config, result = seeded_aws
    assert len(result["files"]) >= 90
    every_page_answers(config, result["files"][::7])  # every status is among these on the AWS run too
    assert demo.seed(config)["files"] == []  # seeded already: nothing is filed twice


def test_every_demo_page_says_it_is_a_demonstration(seeded_local, monkeypatch):
    config, _ = seeded_local
    demo_config = Config.from_env(dict(config.values), SAWT_DEMO="true")
    login = admin_app(demo_config).test_client().get("/admin/login?lang=ar")
    assert "نسخة تجريبية" in login.get_data(as_text=True)
    assert "نسخة تجريبية" not in admin_app(config).test_client().get("/admin/login?lang=ar").get_data(as_text=True)
    monkeypatch.setenv("SAWT_DEMO", "true")  # what `make demo` sets when it builds its own site
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "site"))
    from portal.app import create_app as site_app

    site = site_app().test_client()
    for path, words in (("/fr/", "Ceci est une démonstration"), ("/ar/file/", "هذه نسخة تجريبية"),
                        ("/es/track/", "Esto es una demostración")):  # fmt: skip
        assert words in site.get(path).get_data(as_text=True), path
    monkeypatch.setenv("SAWT_DEMO", "false")
    assert "Ceci est une démonstration" not in site_app().test_client().get("/fr/").get_data(as_text=True)
