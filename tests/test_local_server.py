"""`make run`'s server: one origin, precompressed static files, cache policy, security headers."""

import pytest
import requests

from scripts.serving import LocalServer
from tests.factories import grievance, key


def test_pages_are_served_precompressed_with_security_headers(live_server):
    response = requests.get(f"{live_server.url}/fr/", headers={"Accept-Encoding": "br, gzip"}, timeout=30)
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "br"
    assert response.headers["Cache-Control"] == "no-cache"
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert '<html lang="fr" dir="ltr">' in response.text


def test_hashed_assets_are_immutable_and_aliases_revalidate(live_server, built_site):
    hashed = next((built_site / "assets").glob("sawt.*.css")).name
    immutable = requests.get(f"{live_server.url}/assets/{hashed}", timeout=30)
    assert immutable.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    alias = requests.get(f"{live_server.url}/assets/sawt.css", timeout=30)
    assert alias.headers["Cache-Control"] == "no-cache"
    again = requests.get(
        f"{live_server.url}/assets/sawt.css", headers={"If-None-Match": alias.headers["ETag"]}, timeout=30
    )
    assert again.status_code == 304


def test_unknown_pages_get_the_404_page(live_server):
    response = requests.get(f"{live_server.url}/fr/nothing-here/", timeout=30)
    assert response.status_code == 404
    assert "<h1>" in response.text


def test_paths_cannot_escape_the_site(live_server):
    response = requests.get(f"{live_server.url}/assets/../../../etc/passwd", timeout=30)
    assert response.status_code == 404
    assert "root:" not in response.text


def test_a_page_without_its_slash_redirects(live_server):
    response = requests.get(f"{live_server.url}/fr/file", allow_redirects=False, timeout=30)
    assert response.status_code == 308 and response.headers["Location"] == "/fr/file/"


def test_api_answers_carry_security_headers(live_server):
    response = requests.post(f"{live_server.url}/api/track", json={}, timeout=30)
    assert response.status_code == 422
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_the_static_site_refuses_writes(live_server, method):
    assert getattr(requests, method)(f"{live_server.url}/fr/", timeout=30).status_code == 405


def test_acknowledged_grievance_survives_sigkill(tmp_path, built_site):
    server = LocalServer(tmp_path / "data", built_site).start()
    try:
        receipt = requests.post(
            f"{server.url}/api/grievances", json=grievance(), headers={"Idempotency-Key": key()}, timeout=10
        ).json()
        server.kill()  # right after the 201, with no chance to flush anything
        server = LocalServer(tmp_path / "data", built_site).start()
        tracked = requests.post(
            f"{server.url}/api/track",
            json={"reference": receipt["reference"], "tracking_code": receipt["tracking_code"]},
            timeout=10,
        )
        assert tracked.status_code == 200
        assert tracked.json()["reference"] == receipt["reference"]
    finally:
        server.stop()


def test_the_readiness_wait_outlasts_a_slow_first_answer(tmp_path, built_site):
    """A loaded machine can take seconds to answer at all: that is waited out, not a failure."""
    server = LocalServer(tmp_path / "data", built_site, app="tests.serving_apps:slow", ready_path="/").start()
    try:
        assert requests.get(server.url, timeout=30).text == "ready"
    finally:
        server.stop()


def test_a_server_that_never_gets_ready_is_stopped(tmp_path, built_site):
    server = LocalServer(tmp_path / "data", built_site, app="tests.serving_apps:never_ready", ready_path="/")
    with pytest.raises(TimeoutError, match="not ready in time"):
        server.start(ready_within=5)
    assert server.process.poll() is not None  # stopped: no gunicorn left behind
    with pytest.raises(requests.ConnectionError):
        requests.get(server.url, timeout=30)  # and its address is free again
