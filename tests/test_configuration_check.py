"""Fail fast on a broken configuration: the local server refuses to start, `make package` and `make
deploy` refuse to build or ship, and a Lambda answers 503 with one clear log line — each naming
the setting at fault — instead of starting and answering every filing with a 500."""

import json
import os
import subprocess
import sys

import pytest

from functions.platform.config import Config
from functions.platform.config_check import configuration_problems
from tests.conftest import ROOT
from tests.factories import grievance, key
from tests.lambda_events import api_gateway_event
from tests.test_lambda_entry import Lambda, settings_for

SECRET = "ab" * 32
BROKEN = [
    ({"SAWT_STORAGE": "aws"}, "SAWT_SECRET_KEY is required with SAWT_STORAGE=aws"),
    ({"SAWT_SECRET_KEY": "short"}, "SAWT_SECRET_KEY must hold at least 32 bytes"),
    ({"SAWT_STORAGE": "s3"}, "SAWT_STORAGE must be one of local, aws"),
    ({"SAWT_SCANNER": "clamav"}, "SAWT_SCANNER must be one of none, clamd"),
    ({"SAWT_TRACK_FAILURES": "ten"}, "SAWT_TRACK_FAILURES must be a whole number"),
    ({"SAWT_ONE_TIME_PASSWORD_HOURS": "-5"}, "SAWT_ONE_TIME_PASSWORD_HOURS must be a whole number"),
    ({"SAWT_SMTP_PORT": ""}, "SAWT_SMTP_PORT must be a whole number"),
    ({"SAWT_AWS_TIMEOUT_SECONDS": "0"}, "SAWT_AWS_TIMEOUT_SECONDS must be a number of seconds above zero"),
    ({"SAWT_AWS_TIMEOUT_SECONDS": "nan"}, "SAWT_AWS_TIMEOUT_SECONDS must be a number of seconds above zero"),
    ({"SAWT_ADMIN_COOKIE_SECURE": "yes"}, "SAWT_ADMIN_COOKIE_SECURE must be one of true, false"),
    ({"SAWT_DEFAULT_LANGUAGE": "ber"}, "SAWT_DEFAULT_LANGUAGE must be one of"),
    ({"SAWT_SITE_ORIGIN": "sawt.example.ma"}, "SAWT_SITE_ORIGIN must be an origin"),
    ({"SAWT_UPLOAD_ORIGIN": "https://bucket.s3.amazonaws.com/path"}, "SAWT_UPLOAD_ORIGIN must be an origin"),
    ({"SAWT_BOOTSTRAP_ADMIN_EMAIL": "boot@example.ma"}, "SAWT_BOOTSTRAP_ADMIN_EMAIL and SAWT_BOOTSTRAP_ADMIN_PASSWORD"),
    ({"SAWT_BOOTSTRAP_ADMIN_EMAIL": "boot@example.ma", "SAWT_BOOTSTRAP_ADMIN_PASSWORD": "short"},
     "SAWT_BOOTSTRAP_ADMIN_PASSWORD is not strong enough"),
]  # fmt: skip


@pytest.mark.parametrize("values, message", BROKEN, ids=[f"{m.split(' ')[0]}={v}" for v, m in BROKEN])
def test_each_broken_setting_is_named(values, message):
    problems = configuration_problems(Config.from_env({}, **values))
    assert len(problems) == 1 and problems[0].startswith(message), problems
    assert SECRET not in problems[0]


def test_a_timeout_may_have_decimals():
    assert configuration_problems(Config.from_env({}, SAWT_AWS_TIMEOUT_SECONDS="1.5")) == []


@pytest.mark.parametrize(
    "values",
    [{}, {"SAWT_STORAGE": "aws", "SAWT_SECRET_KEY": SECRET, "SAWT_SITE_ORIGIN": "https://sawt.example.ma",
          "SAWT_UPLOAD_ORIGIN": "https://sawt-prod-files.s3.eu-west-3.amazonaws.com"}],
    ids=["the local defaults", "a complete AWS configuration"],
)  # fmt: skip
def test_a_sound_configuration_has_no_problem(values):
    assert configuration_problems(Config.from_env({}, **values)) == []


def test_the_local_server_refuses_to_start_and_says_why(tmp_path, built_site):
    from scripts.serving import LocalServer

    server = LocalServer(tmp_path / "data", built_site, env={"SAWT_STORAGE": "aws"})
    with pytest.raises(RuntimeError) as refused:
        server.start()
    assert "SAWT_SECRET_KEY is required with SAWT_STORAGE=aws" in str(refused.value)
    assert server.process.poll() == 2  # gunicorn stopped itself: nothing is left listening
    # ...and so does the app itself, under any other WSGI server.
    from functions.local_server import create_server
    from functions.platform.server_secret import ConfigurationError

    with pytest.raises(ConfigurationError, match="SAWT_SECRET_KEY"):
        create_server(SAWT_STORAGE="aws", SAWT_DATA_DIR=tmp_path)


def run_script(name, *args, **environ):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAWT_")}
    return subprocess.run([sys.executable, str(ROOT / "scripts" / name), *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env={**env, **environ})  # fmt: skip


def test_make_package_refuses_without_the_secret(tmp_path):
    refused = run_script("package_lambdas.py", str(tmp_path / "dist"))
    assert refused.returncode == 2
    assert "public: SAWT_SECRET_KEY is required" in refused.stderr and "admin: SAWT_SECRET_KEY" in refused.stderr
    assert not (tmp_path / "dist").exists()  # refused before building anything


def test_make_deploy_refuses_without_the_secret_before_changing_anything():
    refused = run_script("deploy.py", "--stage", "prod", SAWT_SITE_BUCKET="sawt-prod-site")
    assert refused.returncode == 2 and "SAWT_SECRET_KEY is required" in refused.stderr


def test_make_deploy_hands_the_shells_secret_to_both_functions(tmp_path):
    from scripts.deploy import settings_with_secrets

    path = settings_with_secrets(["public", "admin"], {"SAWT_SECRET_KEY": SECRET}, tmp_path)
    settings = json.loads(path.read_text())
    assert path.stat().st_mode & 0o777 == 0o600
    for stage in ("public", "admin"):
        assert settings[stage]["aws_environment_variables"]["SAWT_SECRET_KEY"] == SECRET
    assert SECRET not in (ROOT / "zappa_settings.json").read_text()


def test_a_misconfigured_lambda_answers_503_and_logs_why_once(tmp_path, aws_env, monkeypatch):
    monkeypatch.delenv("SAWT_SECRET_KEY")
    settings = settings_for("public", tmp_path / "public", {k: v for k, v in aws_env.items() if k != "SAWT_SECRET_KEY"})
    instance = Lambda(settings)
    try:
        filing = api_gateway_event(
            "POST", "/api/grievances", grievance(), {"Idempotency-Key": key(), "Accept-Language": "fr"}
        )
        answers = [instance(filing), instance(api_gateway_event("GET", "/api/stats"))]
    finally:
        instance.process.stdin.close()
        instance.process.wait(timeout=30)
        log = instance.process.stderr.read()
    for answer in answers:
        assert answer["statusCode"] == 503
        body = json.loads(answer["body"])
        assert body["ok"] is False and body["errors"][0]["code"] == "unavailable"
    assert "Réessayez" in json.loads(answers[0]["body"])["errors"][0]["message"]
    assert log.count("SAWT_SECRET_KEY is required with SAWT_STORAGE=aws") == 1, log[-2000:]
    assert "Traceback" not in log
