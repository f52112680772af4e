"""The real Zappa entry point (zappa.handler.lambda_handler) serving the public stage on moto."""

import json
import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.factories import grievance, key
from tests.lambda_events import api_gateway_event


@pytest.fixture
def stage_settings(tmp_path, aws_env):
    """zappa save-python-settings-file, as `zappa package` does, pointed at this test's moto tables."""
    target = tmp_path / "zappa_settings.py"
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "zappa"), "save-python-settings-file", "public", "-o", str(target)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    text = target.read_text()
    match = re.search(r"^ENVIRONMENT_VARIABLES=(.*)$", text, re.MULTILINE)
    variables = eval(match.group(1), {})  # noqa: S307 - the literal zappa just wrote
    assert variables["SAWT_STORAGE"] == "aws"
    variables.update({k: v for k, v in aws_env.items()})
    target.write_text(text.replace(match.group(0), f"ENVIRONMENT_VARIABLES={variables!r}"))
    return tmp_path


def invoke(settings_dir, events):
    completed = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "lambda_driver.py"), str(settings_dir), str(ROOT)],
        input=json.dumps(events),
        capture_output=True,
        text=True,
        cwd=settings_dir,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_public_stage_through_the_real_handler(stage_settings):
    k = key()
    wrong_code = {"reference": "K7M-QX4-RTU", "tracking_code": "2222-3333-4444-5555"}
    submit = api_gateway_event("POST", "/api/grievances", grievance(), {"Idempotency-Key": k})
    replay = api_gateway_event("POST", "/api/grievances", grievance(), {"Idempotency-Key": k})
    conflict = api_gateway_event("POST", "/api/grievances", grievance(subject="Other"), {"Idempotency-Key": k})
    bad = api_gateway_event(
        "POST", "/api/grievances", grievance(region=...), {"Idempotency-Key": key(), "Accept-Language": "fr"}
    )
    malformed = api_gateway_event(
        "POST", "/api/grievances", "{nope", {"Idempotency-Key": key(), "Content-Type": "application/json"}
    )
    unknown = api_gateway_event("POST", "/api/track", wrong_code)
    first, again, clash, invalid, broken, missing = invoke(
        stage_settings, [submit, replay, conflict, bad, malformed, unknown]
    )

    assert first["statusCode"] == 201
    receipt = json.loads(first["body"])
    assert again["statusCode"] == 201 and json.loads(again["body"]) == receipt
    assert clash["statusCode"] == 422
    assert invalid["statusCode"] == 422
    assert json.loads(invalid["body"])["errors"][0]["field"] == "region"
    assert broken["statusCode"] == 400
    assert missing["statusCode"] == 404

    track = api_gateway_event("POST", "/api/track", {k: receipt[k] for k in ("reference", "tracking_code")})
    (followed,) = invoke(stage_settings, [track])  # a second cold start: state lives in DynamoDB only
    assert followed["statusCode"] == 200
    assert json.loads(followed["body"])["status"] == "received"
