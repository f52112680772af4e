"""The headers the CDN must add (docs/deploy.md) are the ones the local server sends: one source."""

import re

import pytest

from functions.platform.security_headers import HSTS, security_headers
from tests.conftest import ROOT


def documented_headers() -> dict[str, str]:
    text = (ROOT / "docs" / "deploy.md").read_text()
    return dict(re.findall(r"^\s*\| `([A-Z][A-Za-z-]+)` \| `([^`]+)` \|$", text, re.MULTILINE))


def test_the_cdn_policy_in_the_docs_matches_the_code():
    documented = documented_headers()
    assert documented == security_headers("<SAWT_UPLOAD_ORIGIN>", "https://sawt.example.ma")


def test_the_upload_origin_is_allowed_for_uploads_only(tmp_path):
    """Scripts upload to the file store, and a page without JavaScript posts its document's form
    there (S3's presigned POST); nothing else may load from it."""
    from functions.local_server import LocalServer
    from functions.platform.config import Config

    config = Config.from_env({}, SAWT_DATA_DIR=tmp_path, SAWT_UPLOAD_ORIGIN="https://files.example")
    policy = LocalServer(config).headers["Content-Security-Policy"]
    assert "connect-src 'self' https://files.example" in policy
    assert "form-action 'self' https://files.example;" in policy
    assert policy.count("https://files.example") == 2


def origin_config(tmp_path, origin, built_site=None):
    from functions.platform.config import Config

    return Config.from_env(
        {}, SAWT_DATA_DIR=tmp_path, SAWT_SITE_ORIGIN=origin, SAWT_SITE_DIR=str(built_site or tmp_path)
    )


@pytest.mark.parametrize("origin, expected", [("https://sawt.example.ma", HSTS), ("http://127.0.0.1:8000", None)])
def test_hsts_is_sent_where_tls_is_known_and_only_there(tmp_path, built_site, origin, expected):
    from werkzeug.test import Client

    from functions.admin.app import create_app as admin_app
    from functions.local_server import LocalServer
    from functions.public.app import create_app as public_app

    config = origin_config(tmp_path, origin, built_site)
    server = Client(LocalServer(config))
    for path in ("/fr/", "/api/stats", "/api/openapi.json", "/admin/login", "/fr/nowhere/", "/api/nowhere"):
        assert server.get(path).headers.get("Strict-Transport-Security") == expected, path
    assert server.post("/fr/").headers.get("Strict-Transport-Security") == expected
    # Each function alone, as on Lambda behind API Gateway.
    assert public_app(config).test_client().get("/api/stats").headers.get("Strict-Transport-Security") == expected
    assert admin_app(config).test_client().get("/admin/login").headers.get("Strict-Transport-Security") == expected


def routes_and_wrong_methods(app):
    """(path, method the route does not take, the methods it takes) for every route of an app."""
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        path = rule.rule
        for argument in rule.arguments:
            path = path.replace(f"<{argument}>", "X").replace(f"<path:{argument}>", "X")
        path = path.replace("<kind>-<lang>", "poster-fr")
        for method in ("GET", "POST", "PUT", "DELETE", "PATCH"):
            if method not in rule.methods:
                yield path, method, rule.methods


@pytest.mark.parametrize("which", ["public", "admin"])
def test_every_405_says_which_methods_are_allowed(tmp_path, which):
    from functions.admin.app import create_app as admin_app
    from functions.public.app import create_app as public_app

    app = (public_app if which == "public" else admin_app)(origin_config(tmp_path, "http://127.0.0.1:8000"))
    client = app.test_client()
    checked = 0
    for path, method, methods in routes_and_wrong_methods(app):
        answer = client.open(path, method=method, headers={"Accept-Language": "fr"})
        if answer.status_code != 405:
            continue  # another route takes this path and method
        allowed = {m.strip() for m in answer.headers.get("Allow", "").split(",")}
        assert methods <= allowed, (path, method, answer.headers.get("Allow"))
        checked += 1
    assert checked >= 15


def test_the_local_servers_static_routes_say_which_methods_are_allowed(tmp_path, built_site):
    from werkzeug.test import Client

    from functions.local_server import LocalServer

    server = Client(LocalServer(origin_config(tmp_path, "http://127.0.0.1:8000", built_site)))
    for path in ("/", "/fr/", "/fr/file/", "/assets/sawt.css", "/nowhere"):
        for method in ("POST", "PUT", "DELETE", "PATCH", "OPTIONS"):
            answer = server.open(path, method=method)
            assert answer.status_code == 405 and answer.headers["Allow"] == "GET, HEAD", (path, method)
