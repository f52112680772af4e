"""Only requests that came through the CDN reach the functions when SAWT_ORIGIN_SECRET is set: one
sent straight to API Gateway (around CloudFront) is refused before anything runs."""

import pytest

from functions.admin.app import create_app as admin_app
from functions.platform.config import Config
from functions.public.app import create_app as public_app
from tests.factories import grievance, key

SECRET = "9f" * 32


@pytest.mark.parametrize("make", [public_app, admin_app])
def test_without_the_cdns_header_nothing_runs(tmp_path, make):
    app = make(Config.from_env({}, SAWT_DATA_DIR=tmp_path, SAWT_ORIGIN_SECRET=SECRET))
    client = app.test_client()
    for headers in ({}, {"X-Sawt-Origin": "wrong"}, {"X-Sawt-Origin": SECRET[:-1]}, {"X-Sawt-Origin": "é" * 4}):
        answer = client.get("/api/openapi.json" if make is public_app else "/admin/login", headers=headers)
        assert answer.status_code == 403 and answer.get_json()["errors"][0]["code"] == "forbidden"
    through = client.get("/api/openapi.json" if make is public_app else "/admin/login",
                         headers={"X-Sawt-Origin": SECRET})  # fmt: skip
    assert through.status_code == 200


def test_a_filing_around_the_cdn_is_not_stored(tmp_path):
    app = public_app(Config.from_env({}, SAWT_DATA_DIR=tmp_path, SAWT_ORIGIN_SECRET=SECRET))
    client = app.test_client()
    filing = key()
    assert client.post("/api/grievances", json=grievance(), headers={"Idempotency-Key": filing}).status_code == 403
    sent = client.post(
        "/api/grievances", json=grievance(), headers={"Idempotency-Key": filing, "X-Sawt-Origin": SECRET}
    )
    assert sent.status_code == 201  # the same key: nothing was kept from the refused one


def test_unset_nothing_is_checked(tmp_path):
    assert (
        public_app(Config.from_env({}, SAWT_DATA_DIR=tmp_path)).test_client().get("/api/openapi.json").status_code
        == 200
    )
