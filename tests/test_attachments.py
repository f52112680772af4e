"""Documents, on both backends: upload target → upload → verify → attach, and every refusal."""

import base64
import io
import json
import socket
import struct
import threading

import pytest
import requests

from functions.platform.http_errors import message_for
from schemas.uploads import MAX_BYTES
from schemas.vocabulary import LANGUAGES
from tests.factories import grievance, key, pinned_clock

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00" + b"\x00" * 24  # the header a phone's WebP starts with
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 16  # an iPhone photo's first box


def ask(client, filing, body=b"", lang="fr", **changes):
    request = {"filing": filing, "kind": "decision", "type": "application/pdf", "size": len(body) or 1, "name": "a.pdf"}
    request.update(changes)
    return client.post("/api/uploads", json=request, headers={"Accept-Language": lang})


def put_bytes(client, target, body, name="a.pdf"):
    """Post the file where the target says: S3 (moto) through HTTP, or the local server's URL."""
    if target["url"].startswith("http"):
        response = requests.post(target["url"], data=target["fields"], files={"file": (name, body)}, timeout=10)
        assert response.status_code in (200, 201, 204), response.text
        return response.status_code
    data = {**target["fields"], "file": (io.BytesIO(body), name)}
    return client.post(target["url"], data=data, content_type="multipart/form-data").status_code


def upload(client, filing, body, **changes):
    target = ask(client, filing, body, **changes).get_json()
    put_bytes(client, target, body)
    return target["upload_id"], client.post(
        f"/api/uploads/{target['upload_id']}/verify", headers={"Accept-Language": "fr"}
    )


def files_of(public_app):
    return public_app.extensions["sawt.service"]().attachments


def test_upload_verify_attach(client, public_app):
    filing = key()
    pdf_id, verified = upload(client, filing, PDF)
    assert verified.status_code == 200
    expected = {"ok": True, "kind": "decision", "type": "application/pdf", "size": len(PDF), "status": "verified"}
    assert verified.get_json() == {**expected, "upload_id": pdf_id}
    png_id, verified = upload(client, filing, PNG, type="image/png", name="photo.png", kind="identity_document")
    assert verified.get_json()["type"] == "image/png"
    filed = client.post(
        "/api/grievances", json=grievance(attachments=[pdf_id, png_id]), headers={"Idempotency-Key": filing}
    )
    assert filed.status_code == 201
    store = files_of(public_app).store
    for upload_id in (pdf_id, png_id):
        stored = store.get_upload(upload_id)
        assert stored.status == "attached" and stored.reference == filed.get_json()["reference"].replace("-", "")
    replay = client.post(
        "/api/grievances", json=grievance(attachments=[pdf_id, png_id]), headers={"Idempotency-Key": filing}
    )
    assert replay.get_json() == filed.get_json()


def test_an_upload_belongs_to_its_filing_only(client):
    upload_id, _ = upload(client, key(), PDF)
    other = client.post("/api/grievances", json=grievance(attachments=[upload_id]), headers={"Idempotency-Key": key()})
    assert other.status_code == 422
    assert other.get_json()["errors"][0]["code"] == "unknown_attachment"


def test_a_file_not_verified_cannot_be_attached(client):
    filing = key()
    target = ask(client, filing, PDF).get_json()
    put_bytes(client, target, PDF)
    filed = client.post(
        "/api/grievances", json=grievance(attachments=[target["upload_id"]]), headers={"Idempotency-Key": filing}
    )
    assert filed.status_code == 422


@pytest.mark.parametrize(
    "changes, code",
    [
        ({"size": 0}, "empty_file"),
        ({"size": MAX_BYTES + 1}, "file_too_large"),
        ({"type": "image/gif", "name": "a.gif"}, "unsupported_type"),
        ({"type": "application/x-msdownload", "name": "a.exe"}, "unsupported_type"),
        ({"name": "../../etc/passwd.pdf"}, "invalid_file_name"),
        ({"name": "a\x00.pdf"}, "invalid_file_name"),
        ({"name": "a" * 296 + ".pdf"}, "invalid_file_name"),
        ({"kind": "selfie"}, "not_one_of"),
    ],
)
def test_refused_before_any_byte_is_sent(client, changes, code):
    response = ask(client, key(), PDF, **changes)
    assert response.status_code == 422
    error = response.get_json()["errors"][0]
    assert error["code"] == code
    assert error["message"] and error["message"] != code


@pytest.mark.parametrize(
    "body, mime, name", [(WEBP, "image/webp", "photo.webp"), (HEIC, "image/heic", "IMG_0001.HEIC")]
)
def test_phone_photo_formats_are_accepted(client, body, mime, name):
    _, verified = upload(client, key(), body, type=mime, name=name)
    assert verified.status_code == 200 and verified.get_json()["type"] == mime


@pytest.mark.parametrize("lang", LANGUAGES)
def test_refusals_are_worded_in_the_readers_language(client, lang):
    before = ask(client, key(), PDF, lang=lang, size=0).get_json()["errors"][0]
    target = ask(client, key(), EXE, lang=lang, name="invoice.pdf").get_json()
    put_bytes(client, target, EXE)
    after = client.post(f"/api/uploads/{target['upload_id']}/verify", headers={"Accept-Language": lang})
    after = after.get_json()["errors"][0]
    for error, code in ((before, "empty_file"), (after, "file_not_what_it_claims")):
        assert error["code"] == code and error["message"] == message_for(code, lang)[1]
        assert lang == "en" or error["message"] != message_for(code, "en")[1]


@pytest.mark.parametrize(
    "body, declared, code",
    [
        (EXE, {"name": "invoice.pdf"}, "file_not_what_it_claims"),
        (GIF, {"type": "image/png", "name": "photo.png"}, "file_not_what_it_claims"),
        (b"just some text pretending", {}, "file_not_what_it_claims"),
        (b"", {"size": 10}, "empty_file"),
    ],
)
def test_refused_after_reading_the_bytes_and_deleted(client, public_app, body, declared, code):
    filing = key()
    upload_id, verified = upload(client, filing, body, **declared)
    assert verified.status_code == 422
    assert verified.get_json()["errors"][0]["code"] == code
    attachments = files_of(public_app)
    stored = attachments.store.get_upload(upload_id)
    assert stored.status == "rejected"
    assert attachments.files.head(stored, 10) is None  # deleted
    filed = client.post("/api/grievances", json=grievance(attachments=[upload_id]), headers={"Idempotency-Key": filing})
    assert filed.status_code == 422  # nothing left to attach


def test_a_file_larger_than_the_limit_is_refused(client, public_app):
    """S3 refuses it with the policy's content-length-range; moto does not, so verification must."""
    filing = key()
    body = PDF + b"0" * (MAX_BYTES + 10 - len(PDF))
    target = ask(client, filing, size=MAX_BYTES).get_json()
    if target["url"].startswith("http"):
        put_bytes(client, target, body)
        verified = client.post(f"/api/uploads/{target['upload_id']}/verify")
        assert verified.get_json()["errors"][0]["code"] == "file_too_large"
    else:
        assert put_bytes(client, target, body) == 413
        verified = client.post(f"/api/uploads/{target['upload_id']}/verify")
        assert verified.status_code == 409  # nothing was kept: file_missing
    assert files_of(public_app).files.head(files_of(public_app).store.get_upload(target["upload_id"]), 1) is None


def test_a_missing_upload_is_reported(client):
    target = ask(client, key(), PDF).get_json()
    verified = client.post(f"/api/uploads/{target['upload_id']}/verify", headers={"Accept-Language": "ar"})
    assert verified.status_code == 409
    assert verified.get_json()["errors"][0]["code"] == "file_missing"
    assert client.post("/api/uploads/nope/verify").status_code == 404


def test_upload_links_are_rate_limited_per_client(config):
    from functions.public.app import create_app

    client = create_app(config, clock=pinned_clock()).test_client()  # never across the hour's end
    for _ in range(int(config["SAWT_UPLOADS_PER_HOUR"])):
        assert ask(client, key(), PDF).status_code == 201
    assert ask(client, key(), PDF).status_code == 429


def app_client(**environment):
    from functions.platform.config import Config
    from functions.public.app import create_app

    return create_app(Config.from_env(**environment)).test_client()


def test_the_presigned_post_policy(aws_env):
    """moto does not enforce POST policies: check the one we generate, condition by condition."""
    client = app_client()
    backend_env = aws_env
    filing = key()
    target = ask(client, filing, PDF).get_json()
    policy = json.loads(base64.b64decode(target["fields"]["policy"]))
    conditions = policy["conditions"]
    assert ["content-length-range", 1, MAX_BYTES] in conditions
    assert {"Content-Type": "application/pdf"} in conditions
    # The object's name is the upload id alone: nothing of the filing's Idempotency-Key in the link.
    assert {"key": f"quarantine/{target['upload_id']}"} in conditions
    assert filing not in json.dumps(target)
    assert {"bucket": backend_env["SAWT_BUCKET"]} in conditions
    assert policy["expiration"] <= target["expires_at"][:19] + "Z"


def test_the_local_upload_link_cannot_be_forged_or_reused(tmp_path):
    client = app_client(SAWT_DATA_DIR=tmp_path)
    target = ask(client, key(), PDF).get_json()
    forged = {**target, "fields": {**target["fields"], "max": str(MAX_BYTES * 10)}}
    assert put_bytes(client, forged, PDF) == 403
    assert put_bytes(client, target, PDF) == 204
    client.post(f"/api/uploads/{target['upload_id']}/verify")
    assert put_bytes(client, target, PDF) == 403  # verified: the link is spent


def test_the_local_sweep_deletes_what_was_never_attached(tmp_path, monkeypatch):
    import datetime as dt

    from functions.platform.config import Config
    from functions.public.app import create_app

    monkeypatch.setenv("SAWT_DATA_DIR", str(tmp_path))
    app = create_app(Config.from_env())
    client = app.test_client()
    upload_id, _ = upload(client, key(), PDF)
    attachments = app.extensions["sawt.service"]().attachments
    stored = attachments.store.get_upload(upload_id)
    assert attachments.sweep() == 0
    attachments.clock = lambda: dt.datetime.now(dt.UTC) + dt.timedelta(days=8)
    assert attachments.sweep() == 1
    assert attachments.store.get_upload(upload_id) is None
    assert not attachments.files.open_file(stored).exists()


class FakeClamd:
    """A clamd peer speaking INSTREAM: answers FOUND for the EICAR test string, OK otherwise.
    `on_scan(body)` runs once the whole stream is in, before the verdict (while verification waits)."""

    def __init__(self, on_scan=None):
        self.on_scan = on_scan
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.address = f"127.0.0.1:{self.sock.getsockname()[1]}"
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                data = b""
                while b"INSTREAM\0" not in data:
                    data += conn.recv(64)
                data = data.split(b"INSTREAM\0", 1)[1]
                body = b""
                while True:
                    while len(data) < 4:
                        data += conn.recv(4096)
                    size = struct.unpack("!L", data[:4])[0]
                    data = data[4:]
                    if size == 0:
                        break
                    while len(data) < size:
                        data += conn.recv(65536)
                    body, data = body + data[:size], data[size:]
                if self.on_scan:
                    self.on_scan(body)
                verdict = b"stream: Eicar-Signature FOUND\0" if b"EICAR-STANDARD" in body else b"stream: OK\0"
                conn.sendall(verdict)


def test_a_scanner_that_finds_malware_rejects_the_file(tmp_path, monkeypatch):
    from functions.platform.config import Config
    from functions.public.app import create_app

    clamd = FakeClamd()
    monkeypatch.setenv("SAWT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("SAWT_SCANNER", "clamd")
    monkeypatch.setenv("SAWT_CLAMD_ADDRESS", clamd.address)
    client = create_app(Config.from_env()).test_client()
    _, clean = upload(client, key(), PDF)
    assert clean.status_code == 200
    _, infected = upload(client, key(), PDF + EICAR)
    assert infected.status_code == 422
    assert infected.get_json()["errors"][0]["code"] == "file_infected"
    clamd.sock.close()


def test_provisioning_sets_lifecycle_and_cors(aws_env):
    import boto3

    s3 = boto3.client("s3", region_name="eu-west-3")
    rules = {r["ID"]: r for r in s3.get_bucket_lifecycle_configuration(Bucket=aws_env["SAWT_BUCKET"])["Rules"]}
    assert rules["quarantine"]["Expiration"]["Days"] == 1
    assert rules["verifying"]["Expiration"]["Days"] == 1  # snapshots of an interrupted verification
    assert rules["unattached"]["Filter"]["Tag"] == {"Key": "sawt-state", "Value": "unattached"}
    cors = s3.get_bucket_cors(Bucket=aws_env["SAWT_BUCKET"])["CORSRules"]
    assert cors[0]["AllowedOrigins"] == ["http://127.0.0.1:8000"] and cors[0]["AllowedMethods"] == ["POST"]
