"""Never a 500 for bad input, on the public API, the admin and the local server's static routes:
nesting deeper than any parser goes, NUL bytes in paths, cursors of the wrong type, JSON that is
not what the schema says. Whatever does go wrong unexpectedly is logged as one line."""

import base64
import json
import logging

import pytest
from werkzeug.test import Client

from functions.admin.app import create_app as admin_app
from functions.local_server import LocalServer
from functions.platform.config import Config
from functions.public.app import create_app as public_app
from tests.admin_helpers import add_staff, sign_in
from tests.factories import grievance, key

JSON_ENDPOINTS = [
    "/api/grievances",
    "/api/grievances/check",
    "/api/uploads",
    "/api/track",
    "/api/grievances/K7MQX4RTU/replies",
    "/api/grievances/K7MQX4RTU/withdraw",
]
DEEP = [
    "[" * 100_000 + "]" * 100_000,
    '{"a":' * 40_000 + "1" + "}" * 40_000,
    json.dumps({"complainant": {"given_name": "x"}})[:-1] + ',"x":' + "[" * 100_000 + "]" * 100_000 + "}",
]


@pytest.fixture
def client(backend_env):
    return public_app(Config.from_env()).test_client()


@pytest.mark.parametrize("body", DEEP, ids=["arrays", "objects", "inside a filing"])
@pytest.mark.parametrize("path", JSON_ENDPOINTS)
def test_json_nested_deeper_than_any_parser_goes_is_a_400(client, path, body):
    answer = client.post(path, data=body, content_type="application/json",
                         headers={"Idempotency-Key": key(), "Accept-Language": "fr"})  # fmt: skip
    assert answer.status_code == 400
    assert answer.get_json()["errors"][0]["code"] == "malformed_json"


DOTTED = "a." * 5000 + "b"


@pytest.mark.parametrize("path", ["/api/grievances", "/api/track", "/api/grievances/K7MQX4RTU/replies",
                                  "/api/grievances/K7MQX4RTU/withdraw"])  # fmt: skip
@pytest.mark.parametrize("action", ["review", "send", "edit"])
def test_a_form_key_5000_levels_deep_is_answered(client, path, action):
    data = {DOTTED: "x", "members." + "9" * 5000 + ".given_name": "x", "members.².given_name": "x",
            "_action": action, "lang": "fr", "idempotency_key": key()}  # fmt: skip
    answer = client.post(path, data=data)
    assert answer.status_code in (200, 400, 404, 422)


def test_a_member_row_far_down_does_not_draw_thousands_of_rows(client):
    answer = client.post("/api/grievances", data={"members.20000.given_name": "x", "_action": "add_member"})
    assert answer.status_code == 200 and answer.get_data(as_text=True).count('name="members.') <= 100 * 10


@pytest.mark.parametrize("action", ["review", "edit", "add_member", "send"])
def test_an_unknown_category_in_a_form_post_is_the_fields_error(client, action):
    form = {"type": "complaint", "category": "no-such-category", "_action": action, "lang": "fr",
            "idempotency_key": key()}  # fmt: skip
    answer = client.post("/api/grievances", data=form)
    assert answer.status_code in (200, 422)
    if action in ("review", "send"):
        assert answer.status_code == 422 and "Choisissez une des réponses proposées" in answer.get_data(as_text=True)


PUBLIC_PATHS = ["/api/grievances/%00/replies", "/api/grievances/%00/withdraw", "/api/uploads/%00/verify",
                "/api/uploads/%00/content", "/api/%00", "/api/grievances/A%00B"]  # fmt: skip
ADMIN_PATHS = ["/admin/grievances/%00", "/admin/grievances/K7M%00QX4RT", "/admin/grievances/%00/documents/%00",
               "/admin/grievances/%00/status", "/admin/staff/%00", "/admin/partners/%00/poster-fr.svg",
               "/admin/partners/consulat-lyon/poster-%00.svg", "/admin/%00", "/admin/audit?target=%00&staff=%00",
               "/admin/inbox?partner=%00&from=%00&cursor=%00", "/admin/statistics?scope=%00"]  # fmt: skip
STATIC_PATHS = ["/%00", "/fr/%00", "/fr/%00/", "/assets/%00.css", "/fr/" + "a" * 5000, "/fr/file/%00/../",
                "/%c0%ae%c0%ae/etc/passwd"]  # fmt: skip


@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "DELETE"])
def test_nul_bytes_in_a_path_are_never_a_500(backend_env, tmp_path, built_site, method):
    config = Config.from_env(SAWT_SITE_DIR=str(built_site))
    server = LocalServer(config)
    add_staff(server.admin.extensions["sawt.admin"]().store, "admin@example.ma", "admin")
    anonymous = Client(server)
    signed_in = sign_in(server.admin, "admin@example.ma")
    for path in PUBLIC_PATHS + STATIC_PATHS:
        assert anonymous.open(path, method=method).status_code < 500, path
    for path in ADMIN_PATHS:
        assert anonymous.open(path, method=method).status_code < 500, path
        assert signed_in.open(path, method=method).status_code < 500, path
        if method == "GET" and "?" not in path and "poster" not in path:
            assert signed_in.get(path).status_code in (400, 404, 405), path


def b64(value) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


CURSORS = {
    "not base64": "!!!",
    "not JSON": base64.urlsafe_b64encode(b"\xff\xfe").decode(),
    "a number": b64(5),
    "a string": b64("x"),
    "an empty list": b64([]),
    "numbers": b64([1, 2]),
    "a list holding a dict": b64([{"a": 1}, "b"]),
    "three strings": b64(["a", "b", "c"]),
    "a dict of the wrong keys": b64({"reference": 1}),
    "a key of the wrong type": b64({"reference": {"N": "1"}, "inbox": {"S": "all"}, "created_at": {"S": "x"}}),
    "another index's key": b64({"reference": {"S": "A"}, "status": {"S": "received"}, "created_at": {"S": "x"}}),
    "the right shape, another partition": b64(
        {"reference": {"S": "A"}, "inbox": {"S": "other"}, "created_at": {"S": "x"}}
    ),
    "deep": base64.urlsafe_b64encode(b"[" * 5000 + b"]" * 5000).decode(),
}


@pytest.mark.parametrize("cursor", list(CURSORS.values()), ids=list(CURSORS))
def test_an_inbox_cursor_of_the_wrong_type_is_a_400(backend_env, cursor):
    app = admin_app(Config.from_env())
    add_staff(app.extensions["sawt.admin"]().store, "admin@example.ma", "admin")
    answer = sign_in(app, "admin@example.ma").get("/admin/inbox", query_string={"cursor": cursor})
    assert answer.status_code == 400
    assert "Rien n'a été modifié" in answer.get_data(as_text=True)


@pytest.mark.parametrize("before", ["zzzzzzz", "2025-1x", "2025", "2025-13-01T00:00:00.000000Z#ab", "2025-00-01T#1"])
def test_an_audit_cursor_not_made_by_the_audit_page_is_a_400(backend_env, before):
    app = admin_app(Config.from_env())
    add_staff(app.extensions["sawt.admin"]().store, "admin@example.ma", "admin")
    admin = sign_in(app, "admin@example.ma")
    assert admin.get("/admin/audit", query_string={"before": before}).status_code == 400
    entry = app.extensions["sawt.admin"]().store.list_audit(None, None, None, None, 1)[0]
    assert admin.get("/admin/audit", query_string={"before": entry.audit_id}).status_code == 200


def test_an_inbox_cursor_made_by_the_inbox_still_works(backend_env):
    from tests.test_inbox_contract import fill

    app = admin_app(Config.from_env())
    store = app.extensions["sawt.admin"]().store
    fill(store, count=52)
    add_staff(store, "admin@example.ma", "admin")
    client = sign_in(app, "admin@example.ma")
    first = client.get("/admin/inbox").get_data(as_text=True)
    cursor = first.split("cursor=")[1].split('"')[0].replace("&amp;", "&")
    assert client.get(f"/admin/inbox?cursor={cursor}").status_code == 200
    # A cursor of the whole inbox, used with a delegation's or a status's filter, is another index's.
    assert client.get(f"/admin/inbox?cursor={cursor}&status=under_review").status_code in (200, 400)


NOT_BOOLEANS = ["yes", "true", "on", 1, 0, "1", [], {}]  # (null is "not given", as for every field)


@pytest.mark.parametrize("value", NOT_BOOLEANS, ids=[repr(v) for v in NOT_BOOLEANS])
@pytest.mark.parametrize("field", ["consent", "not_before_court", "email_updates", "prior_steps__contacted"])
def test_json_booleans_are_json_booleans(client, field, value):
    body = grievance(**{field: value})
    answer = client.post("/api/grievances/check", json=body, headers={"Accept-Language": "fr"})
    assert answer.status_code == 422
    dotted = field.replace("__", ".")
    codes = {e["field"]: e["code"] for e in answer.get_json()["errors"]}
    assert codes.get(dotted) == "invalid_type", codes


@pytest.mark.parametrize("checked", ["true", "on"])
def test_forms_keep_their_own_yes_and_no(client, checked):
    from tests.test_no_markup_from_data import flat

    form = {**flat(grievance()), "consent": checked, "email_updates": "false", "_action": "review", "lang": "fr"}
    assert client.post("/api/grievances", data=form).status_code == 200
    refused = client.post("/api/grievances", data={**form, "consent": "yes"})
    assert refused.status_code == 422


def recurse(n):
    return recurse(n + 1)


@pytest.mark.parametrize("which", ["public", "admin"])
def test_an_unhandled_error_is_logged_as_one_line_of_type_and_place(tmp_path, caplog, which):
    config = Config.from_env({}, SAWT_DATA_DIR=tmp_path)
    app = public_app(config) if which == "public" else admin_app(config)
    prefix = "/api" if which == "public" else "/admin"
    app.add_url_rule(f"{prefix}/boom", "boom", lambda: recurse(0))  # thousands of frames deep
    with caplog.at_level(logging.ERROR):
        answer = app.test_client().get(f"{prefix}/boom", headers={"Accept-Language": "fr"})
    assert answer.status_code == 500 and "recurse" not in answer.get_data(as_text=True)
    (record,) = [r for r in caplog.records if "unhandled" in r.getMessage()]
    line = record.getMessage()
    assert "\n" not in line and record.exc_info is None and len(line) < 300
    assert "unhandled RecursionError at tests/test_bad_input.py:" in line and "in recurse" in line
    assert f"GET {prefix}/boom" in line


WRONG_TYPES = [True, 1, -1, 1.5, 10**30, "x", "", [], {}, [[[]]], {"a": {"b": {}}}, ["x"] * 200, "\x00"]


def leaves(body, prefix=()):
    if isinstance(body, dict):
        for name, value in body.items():
            yield from leaves(value, (*prefix, name))
    elif isinstance(body, list) and body:
        yield from leaves(body[0], (*prefix, 0))
    yield prefix


def replaced(body, path, value):
    body = json.loads(json.dumps(body))
    node = body
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return body


JSON_BODIES = {
    "/api/grievances/check": grievance(attachments=["a" * 32], members=[{"given_name": "A", "family_name": "B"}]),
    "/api/uploads": {"filing": key(), "kind": "decision", "type": "application/pdf", "size": 10, "name": "a.pdf"},
    "/api/track": {"reference": "K7M-QX4-RTU", "tracking_code": "2222-3333-4444-5555"},
    "/api/grievances/K7MQX4RTU/replies": {"tracking_code": "2222-3333-4444-5555", "text": "Voici", "attachments": []},
    "/api/grievances/K7MQX4RTU/withdraw": {"tracking_code": "2222-3333-4444-5555", "reason": "x"},
}


@pytest.mark.parametrize("path", list(JSON_BODIES))
def test_every_json_field_of_the_wrong_type_is_a_clear_error(tmp_path, path):
    client = public_app(Config.from_env({}, SAWT_DATA_DIR=tmp_path, SAWT_TRACK_FAILURES="100000")).test_client()
    body = JSON_BODIES[path]
    for where in [p for p in leaves(body) if p]:
        for value in WRONG_TYPES:
            answer = client.post(path, json=replaced(body, where, value), headers={"Idempotency-Key": key()})
            assert answer.status_code in (200, 201, 400, 404, 422, 429), (where, value, answer.status_code)
            assert answer.get_json()["ok"] is (answer.status_code < 300), (where, value)
    for whole in (None, [], "x", 1, [body]):
        answer = client.post(path, data=json.dumps(whole), content_type="application/json",
                             headers={"Idempotency-Key": key()})  # fmt: skip
        assert answer.status_code in (400, 422), (whole, answer.status_code)


def test_the_admin_answers_503_when_the_store_does_not(backend_env, monkeypatch):
    from functions.storage.port import StorageError

    app = admin_app(Config.from_env())
    store = app.extensions["sawt.admin"]().store
    add_staff(store, "admin@example.ma", "admin")
    admin = sign_in(app, "admin@example.ma")

    def down(*args, **kwargs):
        raise StorageError("the store does not answer")

    monkeypatch.setattr(type(store), "list_audit", down)
    answer = admin.get("/admin/audit")
    assert answer.status_code == 503 and answer.headers["Retry-After"] == "5"
