"""GET /api/health: 200 while the store answers, 503 when it does not, on both backends; nothing in
it an attacker could use, nothing cached, no limit a monitor polling every few seconds would meet."""

import socket

import pytest

from functions.platform.config import Config
from functions.public.app import create_app


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again when the block ends: nothing listens there


def test_healthy_store_answers_200_with_nothing_more(client):
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.get_json() == {"ok": True, "storage": "ok"}
    assert response.headers["Cache-Control"] == "no-store"


def test_a_monitor_polling_often_is_never_limited(client):
    assert {client.get("/api/health").status_code for _ in range(150)} == {200}


def test_local_store_that_cannot_be_opened_is_503(tmp_path, caplog):
    (tmp_path / "not-a-directory").write_text("")
    app = create_app(Config.from_env(SAWT_STORAGE="local", SAWT_DATA_DIR=tmp_path / "not-a-directory" / "data"))
    response = app.test_client().get("/api/health")
    assert response.status_code == 503
    assert response.get_json() == {"ok": False, "storage": "unavailable"}
    assert response.headers["Cache-Control"] == "no-store"
    assert str(tmp_path) not in caplog.text  # the cause by its type only, never a path


@pytest.mark.parametrize("damage", ["file removed", "disk unmounted"])
def test_local_database_lost_under_a_running_server_is_503_then_200_when_back(tmp_path, damage):
    data = tmp_path / "data"
    client = create_app(Config.from_env(SAWT_STORAGE="local", SAWT_DATA_DIR=data)).test_client()
    assert client.get("/api/health").status_code == 200
    database, saved = data / "sawt.sqlite3", tmp_path / "saved"
    if damage == "file removed":
        database.rename(saved)
    else:
        data.rename(saved)  # the server's open descriptors still work: the probe must not rely on them
    response = client.get("/api/health")
    assert response.status_code == 503
    assert response.get_json() == {"ok": False, "storage": "unavailable"}
    saved.rename(database if damage == "file removed" else data)
    assert client.get("/api/health").status_code == 200


def test_dynamodb_that_does_not_answer_is_503(aws_env, monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL_DYNAMODB", f"http://127.0.0.1:{closed_port()}")
    response = create_app(Config.from_env()).test_client().get("/api/health")
    assert response.status_code == 503
    assert response.get_json() == {"ok": False, "storage": "unavailable"}


def test_dynamodb_missing_table_is_503(aws_env):
    # A wrong SAWT_TABLE_PREFIX (or a table deleted by mistake) is a store that does not answer.
    response = create_app(Config.from_env(SAWT_TABLE_PREFIX="nowhere-")).test_client().get("/api/health")
    assert response.status_code == 503


def test_the_real_server_answers_health(live_server):
    import requests

    for _ in range(5):
        answer = requests.get(f"{live_server.url}/api/health", timeout=60)
        assert answer.status_code == 200 and answer.json() == {"ok": True, "storage": "ok"}
        assert answer.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(("path", "status", "logged"), [
    ("/api/health", "200 OK", False), ("/api/health", "503 SERVICE UNAVAILABLE", True), ("/api/stats", "200 OK", True),
])  # fmt: skip
def test_healthy_polls_stay_out_of_the_access_log(tmp_path, path, status, logged):
    import datetime as dt
    import types

    from gunicorn.config import Config as GunicornConfig

    from scripts.gunicorn_conf import QuietHealthLogger, access_log_format

    settings = GunicornConfig()
    settings.set("accesslog", str(tmp_path / "access.log"))
    settings.set("access_log_format", access_log_format)
    logger = QuietHealthLogger(settings)
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "RAW_URI": path, "SERVER_PROTOCOL": "HTTP/1.1"}
    response = types.SimpleNamespace(status=status, sent=20, headers=[], response_length=20)
    logger.access(response, types.SimpleNamespace(headers=[]), environ, dt.timedelta(milliseconds=3))
    for handler in logger.access_log.handlers:
        handler.flush()
    written = (tmp_path / "access.log").read_text()
    assert (f'"GET {path}" {status[:3]}' in written) is logged, written
