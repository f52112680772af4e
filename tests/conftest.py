"""Shared fixtures: real SQLite in temp dirs, moto's server over HTTP for AWS, a built site."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]


def pytest_sessionstart(session):
    # The apps load compiled catalogs; compile them from the .po files under test.
    subprocess.run([sys.executable, str(ROOT / "scripts" / "i18n.py"), "compile"], check=True, capture_output=True)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    """Each test starts from the safe defaults: no SAWT_* variable leaks between tests."""
    for name in list(os.environ):
        if name.startswith("SAWT_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-3")
    monkeypatch.delenv("AWS_PROFILE", raising=False)


@pytest.fixture(scope="session")
def moto_endpoint():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def aws_env(moto_endpoint, monkeypatch):
    """Point boto3 and PynamoDB at moto, with a fresh table prefix and bucket per test."""
    requests.post(f"{moto_endpoint}/moto-api/reset", timeout=10)
    suffix = uuid.uuid4().hex[:8]
    values = {
        "AWS_ENDPOINT_URL_DYNAMODB": moto_endpoint,
        "AWS_ENDPOINT_URL_S3": moto_endpoint,
        "SAWT_STORAGE": "aws",
        "SAWT_TABLE_PREFIX": f"t{suffix}-",
        "SAWT_BUCKET": f"sawt-test-{suffix}",
        "SAWT_AWS_REGION": "eu-west-3",
        "SAWT_SECRET_KEY": "ab" * 32,
    }
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    from functions.config import Config
    from functions.storage.aws_provision import provision

    provision(Config.from_env(), log=lambda _msg: None)
    return values


@pytest.fixture(params=["local", "aws"])
def backend_env(request, tmp_path, monkeypatch):
    """The environment of one backend: the same tests run on the embedded default and on AWS."""
    if request.param == "aws":
        return request.getfixturevalue("aws_env")
    monkeypatch.setenv("SAWT_STORAGE", "local")
    monkeypatch.setenv("SAWT_DATA_DIR", str(tmp_path / "data"))
    return {"SAWT_STORAGE": "local", "SAWT_DATA_DIR": str(tmp_path / "data")}


@pytest.fixture
def config(backend_env):
    from functions.config import Config

    return Config.from_env()


@pytest.fixture
def store(config):
    from functions.storage import open_store

    opened = open_store(config)
    yield opened
    opened.close()


@pytest.fixture
def public_app(config):
    from functions.public.app import create_app

    app = create_app(config)
    return app


@pytest.fixture
def client(public_app):
    return public_app.test_client()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    from portal.build import build

    destination = tmp_path_factory.mktemp("site")
    build(destination)
    return destination


@pytest.fixture(scope="module")
def live_server(tmp_path_factory, built_site):
    """The real local server on the embedded default, serving the built site and the functions."""
    from scripts.serving import LocalServer

    server = LocalServer(tmp_path_factory.mktemp("data"), built_site).start()
    yield server
    server.stop()


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page_factory(browser):
    contexts = []

    def make(**options):
        context = browser.new_context(**{"viewport": {"width": 360, "height": 800}, **options})
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
