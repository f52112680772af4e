"""The real Zappa entry point (zappa.handler.lambda_handler) serving the public stage on moto."""

import json
import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.factories import grievance, key
from tests.lambda_events import api_gateway_event


def settings_for(stage, directory, aws_env):
    """zappa save-python-settings-file, as `zappa package` does, pointed at this test's moto tables."""
    directory.mkdir(exist_ok=True)
    target = directory / "zappa_settings.py"
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "zappa"), "save-python-settings-file", stage, "-o", str(target)],
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
    return directory


@pytest.fixture
def stage_settings(tmp_path, aws_env):
    return settings_for("public", tmp_path / "public", aws_env)


class Lambda:
    """One warm Lambda instance: a driver process answering one event at a time."""

    def __init__(self, settings_dir):
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "lambda_driver.py"), str(settings_dir), str(ROOT)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=settings_dir,
        )  # fmt: skip

    def __call__(self, event):
        self.process.stdin.write(json.dumps(event) + "\n")
        self.process.stdin.flush()
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise AssertionError(self.process.stderr.read()[-3000:])
            if line.startswith("@@"):
                return json.loads(line[2:])

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


def invoke(settings_dir, events):
    instance = Lambda(settings_dir)
    try:
        return [instance(event) for event in events]
    finally:
        instance.close()


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


def test_admin_stage_serves_the_login_page_and_an_authenticated_inbox(tmp_path, aws_env):
    import re
    import urllib.parse

    import pyotp

    from functions.platform.config import Config
    from functions.storage import open_store
    from tests.admin_helpers import PASSWORD, TOTP_SECRET, add_staff

    store = open_store(Config.from_env())
    add_staff(store, "admin@example.ma", "admin")
    public = Lambda(settings_for("public", tmp_path / "public", aws_env))
    filed = public(
        api_gateway_event("POST", "/api/grievances", grievance(region="fes_meknes"), {"Idempotency-Key": key()})
    )
    reference = json.loads(filed["body"])["reference"].replace("-", "")
    public.close()

    admin = Lambda(settings_for("admin", tmp_path / "admin", aws_env))
    cookies = {}

    def call(method, path, form=None):
        headers = {"X-Forwarded-Proto": "https"}
        if cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        answer = admin(api_gateway_event(method, path, body, headers, stage="admin"))
        for cookie in answer.get("multiValueHeaders", {}).get("Set-Cookie", []):
            name, _, rest = cookie.partition("=")
            cookies[name] = rest.split(";", 1)[0]
        return answer

    try:
        login = call("GET", "/admin/login")
        assert login["statusCode"] == 200 and "password" in login["body"]
        csrf = re.search(r'name="csrf" value="([^"]+)"', login["body"]).group(1)
        step = call("POST", "/admin/login", {"csrf": csrf, "email": "admin@example.ma", "password": PASSWORD})
        assert step["statusCode"] == 302
        page = call("GET", "/admin/login/code")
        csrf = re.search(r'name="csrf" value="([^"]+)"', page["body"]).group(1)
        done = call("POST", "/admin/login/code", {"csrf": csrf, "code": pyotp.TOTP(TOTP_SECRET).now()})
        assert done["statusCode"] == 302
        inbox = call("GET", "/admin/inbox")
        assert inbox["statusCode"] == 200 and reference in inbox["body"]
    finally:
        admin.close()


def test_an_answer_with_a_document_reaches_the_admin_stage_byte_for_byte(tmp_path, aws_env):
    """API Gateway hands a multipart body to Lambda base64-encoded only with the stage's binary
    support (zappa_settings.json: admin): the document's bytes, not UTF-8 text, are what is verified."""
    import base64
    import io
    import urllib.parse

    import pyotp
    from werkzeug.test import EnvironBuilder

    from functions.cases.forwarding import ForwardingService
    from functions.platform.config import Config
    from functions.storage import open_store
    from tests.admin_helpers import PASSWORD, TOTP_SECRET, add_staff
    from tests.test_attachments import PNG

    store = open_store(Config.from_env())
    add_staff(store, "bureau@cnss.ma", "correspondent", administration="cnss")
    public = Lambda(settings_for("public", tmp_path / "public", aws_env))
    filed = public(api_gateway_event("POST", "/api/grievances", grievance(), {"Idempotency-Key": key()}))
    public.close()
    reference = json.loads(filed["body"])["reference"].replace("-", "")
    ForwardingService(store, Config.from_env()).forward(
        store.get_grievance(reference), "admin@example.ma", "cnss", "Votre avis ?", [], set()
    )
    admin, cookies = Lambda(settings_for("admin", tmp_path / "admin", aws_env)), {}

    def call(method, path, form=None, files=None):
        headers = {"X-Forwarded-Proto": "https", "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
        event = api_gateway_event(method, path, None, headers, stage="admin")
        if files is not None:  # as a browser sends it, then as API Gateway passes binary on
            environ = EnvironBuilder(method="POST", data={**form, **files}).get_environ()
            event["body"] = base64.b64encode(environ["wsgi.input"].read()).decode()
            event["isBase64Encoded"] = True
            event["headers"]["Content-Type"] = environ["CONTENT_TYPE"]
        elif form is not None:
            event["body"] = urllib.parse.urlencode(form)
            event["headers"]["Content-Type"] = "application/x-www-form-urlencoded"
        event["multiValueHeaders"] = {k: [v] for k, v in event["headers"].items()}
        answer = admin(event)
        for cookie in answer.get("multiValueHeaders", {}).get("Set-Cookie", []):
            name, _, rest = cookie.partition("=")
            cookies[name] = rest.split(";", 1)[0]
        return answer

    def csrf(page):
        return re.search(r'name="csrf" value="([^"]+)"', page["body"]).group(1)

    try:
        login = call("GET", "/admin/login")
        call("POST", "/admin/login", {"csrf": csrf(login), "email": "bureau@cnss.ma", "password": PASSWORD})
        code = call("GET", "/admin/login/code")
        call("POST", "/admin/login/code", {"csrf": csrf(code), "code": pyotp.TOTP(TOTP_SECRET).now()})
        page = call("GET", f"/admin/answers/{reference}")
        assert page["statusCode"] == 200
        sent = call("POST", f"/admin/grievances/{reference}/answer", {"csrf": csrf(page), "text": "Réglé."},
                    {"documents": (io.BytesIO(PNG), "lettre.png", "image/png")})  # fmt: skip
        assert sent["statusCode"] == 302, sent.get("body", "")[:300]
    finally:
        admin.close()
    (answer,) = [e for e in store.list_events(reference) if e.kind == "answer"]
    (upload,) = [store.get_upload(u) for u in answer.body["attachments"]]
    assert (upload.status, upload.sniffed_type, upload.size) == ("attached", "image/png", len(PNG))


def test_two_citizens_behind_one_edge_do_not_share_a_limit(tmp_path, aws_env):
    """The address is the one API Gateway saw (its request context), not the CloudFront edge that
    ends X-Forwarded-For, nor a hop the citizen wrote into the header. (A window of 30 years: the
    six requests never straddle its end.)"""
    settings = settings_for(
        "public",
        tmp_path / "public",
        {**aws_env, "SAWT_TRACK_FAILURES": "2", "SAWT_TRACK_WINDOW_SECONDS": "1000000000"},
    )
    wrong = {"reference": "K7M-QX4-RTU", "tracking_code": "2222-3333-4444-5555"}

    def track(viewer, written=None):
        return api_gateway_event("POST", "/api/track", wrong, viewer=viewer, written=written)

    first, second = "198.51.100.10", "198.51.100.20"
    answers = invoke(settings, [
        track(first), track(first), track(first),  # the first citizen's typos: 404, 404, then 429
        track(second),  # the second, behind the same edge: their own count
        track(first, written="192.0.2.1"), track(first, written=f"192.0.2.2, {second}"),  # made-up hops
    ])  # fmt: skip
    assert [a["statusCode"] for a in answers] == [404, 404, 429, 404, 429, 429]
