"""Shared fixtures: real SQLite in temp dirs, moto's server over HTTP for AWS, a built site."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
# moto's request recorder (the IAM policy test) writes where we say, not into the work tree.
os.environ.setdefault("MOTO_RECORDER_FILEPATH", os.path.join(tempfile.gettempdir(), f"sawt-moto-{os.getpid()}.jsonl"))


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
def atomic_dynamodb():
    """moto's DynamoDB is not safe under concurrent requests, where real DynamoDB is: its
    TransactWriteItems checks conditions and writes items one by one, snapshots whole tables and,
    when a condition fails, restores the snapshot — erasing what other requests wrote meanwhile —
    and reads can see a transaction half-applied. One lock around moto's backend (in this process:
    ThreadedMotoServer) gives the fake the atomicity of the real service, so what concurrent tests
    find is Sawt's, not moto's."""
    import threading

    from moto.dynamodb.models import DynamoDBBackend

    lock = threading.RLock()

    def atomic(method):
        def call(*args, **kwargs):
            with lock:
                return method(*args, **kwargs)

        return call

    with pytest.MonkeyPatch.context() as patch:
        for name, method in list(vars(DynamoDBBackend).items()):
            if callable(method) and not name.startswith("_"):
                patch.setattr(DynamoDBBackend, name, atomic(method))
        yield


@pytest.fixture(scope="session")
def moto_endpoint(atomic_dynamodb):
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


AWS_VALUES = {
    "SAWT_STORAGE": "aws",
    "SAWT_TABLE_PREFIX": "test-",
    "SAWT_BUCKET": "sawt-test-files",
    "SAWT_SITE_BUCKET": "sawt-test-site",
    "SAWT_AWS_REGION": "eu-west-3",
    "SAWT_SECRET_KEY": "ab" * 32,
    # moto on a busy machine can take seconds where DynamoDB takes milliseconds: no SDK timeouts
    # here (tests/test_load_durability_aws.py sets its own, with a proxy that holds calls longer).
    "SAWT_AWS_TIMEOUT_SECONDS": "30",
}


@pytest.fixture(scope="session")
def provisioned(moto_endpoint):
    """Tables and bucket made once, by the real provisioning code, on moto's server."""
    from functions.platform.config import Config
    from functions.storage.aws_provision import provision

    environ = {**AWS_VALUES, "AWS_ENDPOINT_URL_DYNAMODB": moto_endpoint, "AWS_ENDPOINT_URL_S3": moto_endpoint}
    with pytest.MonkeyPatch.context() as patch:
        for key, value in {**environ, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}.items():
            patch.setenv(key, value)
        provision(Config.from_env(), log=lambda _msg: None)
    return environ


def empty_aws(environ):
    """What each test starts from: every table and the bucket emptied (faster than re-provisioning)."""
    import boto3

    dynamodb = boto3.client("dynamodb", region_name="eu-west-3", endpoint_url=environ["AWS_ENDPOINT_URL_DYNAMODB"])
    for table in dynamodb.list_tables()["TableNames"]:
        keys = [k["AttributeName"] for k in dynamodb.describe_table(TableName=table)["Table"]["KeySchema"]]
        for page in dynamodb.get_paginator("scan").paginate(TableName=table, ProjectionExpression=", ".join(f"#{i}" for i in range(len(keys))),
                                                            ExpressionAttributeNames={f"#{i}": k for i, k in enumerate(keys)}):  # fmt: skip
            for item in page["Items"]:
                dynamodb.delete_item(TableName=table, Key={k: item[k] for k in keys})
    s3 = boto3.client("s3", region_name="eu-west-3", endpoint_url=environ["AWS_ENDPOINT_URL_S3"])
    for bucket in (environ["SAWT_BUCKET"], environ["SAWT_SITE_BUCKET"]):
        for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket):
            for version in page.get("Versions", []) + page.get("DeleteMarkers", []):
                s3.delete_object(Bucket=bucket, Key=version["Key"], VersionId=version["VersionId"])


@pytest.fixture
def aws_env(provisioned, monkeypatch):
    """Point boto3 and PynamoDB at moto's server, with empty tables and bucket."""
    for key, value in provisioned.items():
        monkeypatch.setenv(key, value)
    empty_aws(provisioned)
    return provisioned


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
    from functions.platform.config import Config

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


@pytest.fixture
def server(tmp_path, built_site):
    """A server of a test's own (rows counted from zero; some tests deploy a new site under it)."""
    import shutil

    from scripts.serving import LocalServer

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    running = LocalServer(tmp_path / "data", site).start()
    yield running
    running.stop()


@pytest.fixture(scope="session")
def playwright_driver():
    """One Playwright for the whole run: its sync API cannot be started twice in one process, so a
    test that needs a Chromium of its own (a fake microphone) launches it from this one."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_driver):
    """Debian's Chromium driven by Playwright (no browser download)."""
    from scripts.serving import CHROMIUM, CHROMIUM_ARGS

    launched = playwright_driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield launched
    launched.close()


@pytest.fixture
def page_factory(browser):
    contexts = []

    def make(**options):
        context = browser.new_context(**{"viewport": {"width": 360, "height": 800}, **options})
        # Generous waits for every action and navigation: on a machine whose two cores other suites
        # are using, a page can take much longer than Playwright's 30 s default. Waits poll for a
        # state; a generous limit costs nothing when things are fast.
        context.set_default_timeout(90_000)
        context.set_default_navigation_timeout(90_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
