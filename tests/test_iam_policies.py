"""Least privilege, checked against what the code really does: every AWS call each function makes
(recorded by moto's server while the functions run their journeys) must be allowed by that
function's policy in docs/iam/, and the public function must hold no way to list or read files."""

import base64
import fnmatch
import io
import json
import re
from email.utils import parseaddr
from urllib.parse import parse_qs, urlparse

import pytest
import requests

from functions.platform.config import Config
from tests.admin_helpers import add_staff, csrf_of, sign_in
from tests.conftest import ROOT
from tests.factories import grievance, key

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
VALUES = {"Region": "eu-west-3", "Account": "123456789012", "MailFrom": "no-reply@sawt.invalid"}
TRANSACT = {"Put": "PutItem", "Update": "UpdateItem", "ConditionCheck": "ConditionCheckItem", "Delete": "DeleteItem"}


def policy(name, env):
    text = (ROOT / "docs" / "iam" / f"{name}-policy.json").read_text()
    for placeholder, value in {**VALUES, "TablePrefix": env["SAWT_TABLE_PREFIX"], "Bucket": env["SAWT_BUCKET"]}.items():
        text = text.replace("${" + placeholder + "}", value)
    return json.loads(text)["Statement"]


def allowed(statements, action, resource) -> bool:
    for statement in statements:
        actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
        resources = statement["Resource"] if isinstance(statement["Resource"], list) else [statement["Resource"]]
        if action.startswith("ses:"):
            # SES is scoped by the sender (condition key ses:FromAddress: the bare address), not by ARN.
            sender = statement.get("Condition", {}).get("StringEquals", {}).get("ses:FromAddress")
            if action in actions and resource == f"from:{sender}":
                return True
        elif action in actions and any(fnmatch.fnmatchcase(resource, r) for r in resources):
            return True
    return False


def table_arn(name, index=None):
    arn = f"arn:aws:dynamodb:eu-west-3:123456789012:table/{name}"
    return f"{arn}/index/{index}" if index else arn


def calls(recording: str, bucket: str) -> set[tuple[str, str]]:
    """(IAM action, resource ARN) for every request moto saw."""
    found = set()
    for line in recording.splitlines():
        entry = json.loads(line)
        headers = {k.lower(): v for k, v in entry["headers"].items()}
        body = entry.get("body") or ""
        if entry.get("body_encoded"):
            body = base64.b64decode(body).decode("utf-8", "replace")
        target = headers.get("x-amz-target", "")
        form = parse_qs(body) if "x-www-form-urlencoded" in headers.get("content-type", "") else {}
        if form.get("Action") == ["SendEmail"]:
            found.add(("ses:SendEmail", f"from:{parseaddr(form['Source'][0])[1]}"))
            continue
        if target.startswith("DynamoDB_"):
            operation = target.split(".")[1]
            request = json.loads(body or "{}")
            if operation == "TransactWriteItems":
                for item in request["TransactItems"]:
                    ((kind, detail),) = item.items()
                    found.add((f"dynamodb:{TRANSACT[kind]}", table_arn(detail["TableName"])))
            else:
                found.add((f"dynamodb:{operation}", table_arn(request["TableName"], request.get("IndexName"))))
            continue
        path = urlparse(entry["url"]).path
        query = urlparse(entry["url"]).query
        if not path.startswith(f"/{bucket}"):
            continue
        key_part = path[len(f"/{bucket}/") :]
        resource = f"arn:aws:s3:::{bucket}/{key_part}"
        method = entry["method"]
        if method == "POST" and not key_part:  # the phone's presigned POST, signed with the role's keys
            match = re.search(r'name="key"\r\n\r\n([^\r]+)', body)
            found.add(("s3:PutObject", f"arn:aws:s3:::{bucket}/{match.group(1)}"))
        elif method in ("GET", "HEAD"):
            found.add(("s3:GetObject", resource))
        elif method == "DELETE":
            found.add(("s3:DeleteObject", resource))
        elif method == "PUT" and "tagging" in query:
            found.add(("s3:PutObjectTagging", resource))
        elif method == "PUT":
            found.add(("s3:PutObject", resource))
            if "x-amz-copy-source" in headers:
                source = headers["x-amz-copy-source"].lstrip("/")
                found.add(("s3:GetObject", f"arn:aws:s3:::{source}"))
                if headers.get("x-amz-tagging"):
                    found.add(("s3:PutObjectTagging", resource))
    return found


@pytest.fixture
def recording(moto_endpoint, aws_env):
    requests.post(f"{moto_endpoint}/moto-api/recorder/reset-recording", timeout=10)
    requests.post(f"{moto_endpoint}/moto-api/recorder/start-recording", timeout=10)

    def stop():
        requests.post(f"{moto_endpoint}/moto-api/recorder/stop-recording", timeout=10)
        return requests.get(f"{moto_endpoint}/moto-api/recorder/download-recording", timeout=10).text

    yield stop
    requests.post(f"{moto_endpoint}/moto-api/recorder/stop-recording", timeout=10)


def public_journeys(client):
    filing = key()
    target = client.post("/api/uploads", json={"filing": filing, "kind": "decision", "type": "application/pdf",
                                               "size": len(PDF), "name": "d.pdf"}).get_json()  # fmt: skip
    requests.post(target["url"], data=target["fields"], files={"file": ("d.pdf", PDF)}, timeout=10)
    client.post(f"/api/uploads/{target['upload_id']}/verify")
    receipt = client.post("/api/grievances", json=grievance(attachments=[target["upload_id"]]),
                          headers={"Idempotency-Key": filing}).get_json()  # fmt: skip
    client.post(
        "/api/grievances", json=grievance(attachments=[target["upload_id"]]), headers={"Idempotency-Key": filing}
    )
    bad = client.post("/api/uploads", json={"filing": key(), "kind": "other", "type": "application/pdf", "size": 9,
                                            "name": "x.pdf"}).get_json()  # fmt: skip
    requests.post(bad["url"], data=bad["fields"], files={"file": ("x.pdf", b"MZ" + b"\0" * 7)}, timeout=10)
    client.post(f"/api/uploads/{bad['upload_id']}/verify")
    client.post("/api/track", json={"reference": receipt["reference"], "tracking_code": "2222-3333-4444-5555"})
    client.post("/api/track", json={k: receipt[k] for k in ("reference", "tracking_code")})
    client.post(f"/api/grievances/{receipt['reference'].replace('-', '')}/withdraw",
                json={"tracking_code": receipt["tracking_code"]}, headers={"Idempotency-Key": key()})  # fmt: skip
    for address in ("fatima.elamrani@example.org", "someone.else@example.org"):  # a new code: matched, not
        client.post("/api/tracking-codes/reissue", json={"reference": receipt["reference"], "email": address})
    client.get("/api/stats")
    return receipt, target["upload_id"]


def test_the_public_function_stays_within_its_policy(recording, aws_env):
    from functions.public.app import create_app

    public_journeys(create_app(Config.from_env()).test_client())
    made = calls(recording(), aws_env["SAWT_BUCKET"])
    statements = policy("public", aws_env)
    assert made, "nothing was recorded"
    assert {c for c in made if not allowed(statements, *c)} == set()
    assert {action for action, _ in made} >= {"dynamodb:PutItem", "dynamodb:GetItem", "s3:PutObject", "s3:GetObject"}


def test_the_public_policy_cannot_list_or_read_staff_data(aws_env):
    statements = policy("public", aws_env)
    prefix = aws_env["SAWT_TABLE_PREFIX"]
    for action, resource in [
        ("dynamodb:Scan", table_arn(f"{prefix}grievances")),
        ("dynamodb:Query", table_arn(f"{prefix}grievances", "by-created")),
        ("dynamodb:Query", table_arn(f"{prefix}grievances", "by-delegation")),
        ("dynamodb:GetItem", table_arn(f"{prefix}staff")),
        ("dynamodb:Query", table_arn(f"{prefix}audit")),
        ("dynamodb:GetItem", table_arn(f"{prefix}sessions")),
        ("s3:ListBucket", f"arn:aws:s3:::{aws_env['SAWT_BUCKET']}"),
    ]:
        assert not allowed(statements, action, resource), (action, resource)


def test_the_admin_function_stays_within_its_policy(recording, aws_env, monkeypatch):
    import boto3

    from functions.admin.app import create_app as admin_app
    from functions.cases.notifications import SesMailer, dispatch
    from functions.cases.retention import from_config as retention_from_config
    from functions.public.app import create_app
    from functions.storage.records import utc_now, years_after

    # Update emails go through SES, as on Lambda; the sender is verified first (not by the function).
    monkeypatch.setenv("AWS_ENDPOINT_URL_SES", aws_env["AWS_ENDPOINT_URL_S3"])
    boto3.client("ses", region_name="eu-west-3").verify_email_identity(EmailAddress=VALUES["MailFrom"])
    receipt, upload_id = public_journeys(create_app(Config.from_env()).test_client())
    reference = receipt["reference"].replace("-", "")
    other = (
        create_app(Config.from_env())
        .test_client()
        .post("/api/grievances", json=grievance(), headers={"Idempotency-Key": key()})
        .get_json()["reference"]
        .replace("-", "")
    )
    before = recording()
    requests.post(f"{aws_env['AWS_ENDPOINT_URL_S3']}/moto-api/recorder/reset-recording", timeout=10)
    requests.post(f"{aws_env['AWS_ENDPOINT_URL_S3']}/moto-api/recorder/start-recording", timeout=10)
    app = admin_app(Config.from_env())
    store = app.extensions["sawt.admin"]().store
    add_staff(store, "admin@example.ma", "admin")
    client = sign_in(app, "admin@example.ma")
    csrf = csrf_of(client.get("/admin/account"))
    client.get("/admin/inbox")
    client.get("/admin/inbox?status=withdrawn")
    client.get("/admin/export.csv")
    client.get(f"/admin/grievances/{reference}")
    download = client.get(f"/admin/grievances/{reference}/documents/{upload_id}")
    requests.get(download.headers["Location"], timeout=10)  # the presigned GET, signed with the role's keys
    client.post(f"/admin/grievances/{reference}/status", data={"csrf": csrf, "status": "under_review", "reason": "x"})
    client.post(f"/admin/grievances/{reference}/message", data={"csrf": csrf, "template": "acknowledge", "text": ""})
    client.post("/admin/staff", data={"csrf": csrf, "email": "n@example.ma", "name": "N", "role": "reviewer"})
    client.post("/admin/staff/n@example.ma", data={"csrf": csrf, "action": "reset_totp"})  # ends their sessions
    client.get("/admin/staff")
    client.get("/admin/audit")
    client.get("/admin/statistics?scope=delegation:central")
    # The two filings' confirmations (their e-mail was given), the new code asked for (its seal then
    # wiped) and the update the status change queued.
    assert dispatch(store, SesMailer(Config.from_env()), Config.from_env()) == 4
    client.post(f"/admin/grievances/{reference}/tracking-code", data={"csrf": csrf, "identity_checked": "1"})
    # The administrations' loop on an open file: forwarded, then answered with a document (written
    # to quarantine by the function and verified like a phone's).
    add_staff(store, "bureau@cnss.ma", "correspondent", administration="cnss")
    assert (
        client.post(
            f"/admin/grievances/{other}/forward", data={"csrf": csrf, "administration": "cnss", "text": "Votre avis ?"}
        ).status_code
        == 302
    )
    correspondent = sign_in(app, "bureau@cnss.ma")
    answered = correspondent.post(
        f"/admin/grievances/{other}/answer", content_type="multipart/form-data",
        data={"csrf": csrf_of(correspondent.get(f"/admin/answers/{other}")), "text": "Réglé.",
              "documents": [(io.BytesIO(PDF), "decision.pdf", "application/pdf")]},
    )  # fmt: skip
    assert answered.status_code == 302
    dispatch(store, SesMailer(Config.from_env()), Config.from_env())  # (the correspondent's "a file waits")
    # The daily retention run (the admin stage's schedule), years later: the withdrawn file goes.
    later = years_after(utc_now(), 6)
    assert retention_from_config(Config.from_env(), clock=lambda: later).run()["anonymised"] == 1
    client.post("/admin/logout", data={"csrf": csrf})
    made = calls(recording(), aws_env["SAWT_BUCKET"])
    assert before and made
    statements = policy("admin", aws_env)
    assert {c for c in made if not allowed(statements, *c)} == set()
    assert ("dynamodb:Query", table_arn(f"{aws_env['SAWT_TABLE_PREFIX']}grievances", "by-created")) in made
    assert ("ses:SendEmail", f"from:{VALUES['MailFrom']}") in made
    assert ("s3:DeleteObject", f"arn:aws:s3:::{aws_env['SAWT_BUCKET']}/files/{upload_id}") in made
    forwardings = table_arn(f"{aws_env['SAWT_TABLE_PREFIX']}forwardings")
    assert {("dynamodb:PutItem", forwardings), ("dynamodb:UpdateItem", forwardings)} <= made
    assert ("s3:PutObject", f"arn:aws:s3:::{aws_env['SAWT_BUCKET']}/quarantine/{answer_upload(store, other)}") in made


def answer_upload(store, reference) -> str:
    (event,) = [e for e in store.list_events(reference) if e.kind == "answer"]
    (upload_id,) = event.body["attachments"]
    return upload_id


def test_the_audit_log_is_append_only_by_policy(aws_env):
    statements = policy("admin", aws_env)
    audit = table_arn(f"{aws_env['SAWT_TABLE_PREFIX']}audit")
    assert allowed(statements, "dynamodb:PutItem", audit)
    for action in ("dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"):
        assert not allowed(statements, action, audit)


@pytest.mark.parametrize("name", ["public", "admin"])
def test_policies_are_valid_json_with_no_wildcard_actions(name, aws_env):
    for statement in policy(name, aws_env):
        actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
        assert all("*" not in action for action in actions)
        assert statement["Effect"] == "Allow"
