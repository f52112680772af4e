"""A verified file stays the verified file, on both backends: verification closes the link, moves
the bytes where the link cannot write, checks only that snapshot and promotes it; posts and
verifications racing on one link get clean answers; staff download names carry the verified type."""

import base64
import io
import json
import socket
import threading
from urllib.parse import parse_qs, urlparse

import boto3
import pytest
import requests
from werkzeug.http import parse_options_header

from functions.admin.app import create_app as admin_app
from functions.platform.config import Config
from functions.platform.scanning import ClamdScanner
from functions.public.app import create_app as public_app
from functions.storage.s3_files import file_key
from tests.admin_helpers import add_staff, sign_in
from tests.factories import grievance, key
from tests.test_attachments import PDF, PNG, FakeClamd, ask, put_bytes

HTML = b"<!doctype html><script>location='https://evil.example'</script>" + b" " * 300


def stored_bytes(services, upload) -> bytes:
    """The promoted file, read from where staff downloads come from (files/), not through the port."""
    files = services.attachments.files
    if hasattr(files, "open_file"):
        return files.open_file(upload).read_bytes()
    return files.s3.get_object(Bucket=files.bucket, Key=file_key(upload))["Body"].read()


def write_through_the_link(services, upload, target, body):
    """What a post still in flight on the link does: S3 takes it (moto, like S3, accepts a valid
    POST until the link expires); locally, the bytes go where the link writes."""
    if target["url"].startswith("http"):
        requests.post(target["url"], data=target["fields"], files={"file": ("a.pdf", body)}, timeout=30)
    else:
        services.attachments.files.receive(upload, io.BytesIO(body), len(body) + 1)


def test_bytes_written_through_the_link_during_verification_are_never_the_verified_file(backend_env, monkeypatch):
    meddled = []
    clamd = FakeClamd(on_scan=lambda body: meddled and meddled.pop()())
    monkeypatch.setenv("SAWT_SCANNER", "clamd")
    monkeypatch.setenv("SAWT_CLAMD_ADDRESS", clamd.address)
    app = public_app(Config.from_env())
    client, services = app.test_client(), app.extensions["sawt.service"]()
    target = ask(client, key(), PDF).get_json()
    put_bytes(client, target, PDF)
    upload = services.store.get_upload(target["upload_id"])
    # While the scanner reads, an attacker holding the link replaces the file with a web page.
    meddled.append(lambda: write_through_the_link(services, upload, target, HTML))
    verified = client.post(f"/api/uploads/{target['upload_id']}/verify")
    assert verified.status_code == 200 and not meddled  # the meddling did run
    assert verified.get_json()["type"] == "application/pdf"
    assert stored_bytes(services, services.store.get_upload(target["upload_id"])) == PDF
    clamd.sock.close()


def test_the_local_link_carries_one_file_and_racing_posts_get_403(tmp_path):
    app = public_app(Config.from_env({}, SAWT_DATA_DIR=tmp_path))
    services = app.extensions["sawt.service"]()
    bodies = [PDF + bytes([n]) * 400_000 for n in range(8)]
    target = ask(app.test_client(), key(), bodies[0]).get_json()
    start, answers = threading.Barrier(len(bodies)), [None] * len(bodies)

    def post(n):
        client = app.test_client()
        data = {**target["fields"], "file": (io.BytesIO(bodies[n]), "a.pdf")}
        start.wait()
        answers[n] = client.post(target["url"], data=data, content_type="multipart/form-data").status_code

    run_together(post, len(bodies))
    assert sorted(answers) == [204] + [403] * 7
    winner = bodies[answers.index(204)]
    verify_together(app, target["upload_id"])
    assert stored_bytes(services, services.store.get_upload(target["upload_id"])) == winner  # whole, unmixed
    assert put_bytes(app.test_client(), target, PDF) == 403  # spent


def run_together(work, count):
    threads = [threading.Thread(target=work, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def verify_together(app, upload_id, count=6):
    start, answers = threading.Barrier(count), [None] * count

    def verify(n):
        client = app.test_client()
        start.wait()
        answers[n] = client.post(f"/api/uploads/{upload_id}/verify", headers={"Accept-Language": "fr"})

    run_together(verify, count)
    statuses = sorted(a.status_code for a in answers)
    assert set(statuses) <= {200, 409} and 200 in statuses, statuses
    for answer in answers:
        if answer.status_code == 409:
            assert answer.get_json()["errors"][0]["code"] == "upload_in_progress"
            assert "vérification" in answer.get_json()["errors"][0]["message"]
    return answers


def test_verifications_racing_on_one_upload_check_it_once(backend_env):
    app = public_app(Config.from_env())
    client, services = app.test_client(), app.extensions["sawt.service"]()
    target = ask(client, key(), PDF).get_json()
    put_bytes(client, target, PDF)
    verify_together(app, target["upload_id"])
    upload = services.store.get_upload(target["upload_id"])
    assert upload.status == "verified" and stored_bytes(services, upload) == PDF
    again = client.post(f"/api/uploads/{target['upload_id']}/verify")  # a retried request, afterwards
    assert again.status_code == 200 and again.get_json()["status"] == "verified"


def test_a_scanner_outage_keeps_the_snapshot_for_the_next_try(backend_env, monkeypatch):
    with socket.socket() as unused:  # an address where no daemon listens: clamd is down
        unused.bind(("127.0.0.1", 0))
        address = f"127.0.0.1:{unused.getsockname()[1]}"
    monkeypatch.setenv("SAWT_SCANNER", "clamd")
    monkeypatch.setenv("SAWT_CLAMD_ADDRESS", address)
    app = public_app(Config.from_env())
    client, services = app.test_client(), app.extensions["sawt.service"]()
    target = ask(client, key(), PDF).get_json()
    put_bytes(client, target, PDF)
    assert client.post(f"/api/uploads/{target['upload_id']}/verify").status_code == 503
    upload = services.store.get_upload(target["upload_id"])
    assert upload.status == "pending"  # nothing decided: the phone may try again
    write_through_the_link(services, upload, target, HTML)  # the link reopened, someone writes again
    services.attachments.scanner = ClamdScanner(FakeClamd().address)  # the daemon is back
    verified = client.post(f"/api/uploads/{target['upload_id']}/verify")
    assert verified.status_code == 200 and stored_bytes(services, services.store.get_upload(upload.upload_id)) == PDF


class BrokenScanner:
    """A scanner whose client fails in a way nobody planned for."""

    def is_clean(self, chunks):
        raise RuntimeError("the scanner's client broke")


def test_a_verification_that_breaks_leaves_the_upload_to_try_again(backend_env):
    app = public_app(Config.from_env())
    app.config["PROPAGATE_EXCEPTIONS"] = False  # answered as in production (one logged line, a 500)
    client, services = app.test_client(), app.extensions["sawt.service"]()
    target = ask(client, key(), PDF).get_json()
    put_bytes(client, target, PDF)
    scanner, services.attachments.scanner = services.attachments.scanner, BrokenScanner()
    assert client.post(f"/api/uploads/{target['upload_id']}/verify").status_code == 500
    assert services.store.get_upload(target["upload_id"]).status == "pending"  # not "verifying" for a week
    services.attachments.scanner = scanner
    verified = client.post(f"/api/uploads/{target['upload_id']}/verify")
    assert verified.status_code == 200 and verified.get_json()["status"] == "verified"


def test_the_presigned_post_can_write_the_quarantine_key_only(aws_env):
    app = public_app(Config.from_env())
    target = ask(app.test_client(), key(), PDF).get_json()
    conditions = json.loads(base64.b64decode(target["fields"]["policy"]))["conditions"]
    keys = [c for c in conditions if isinstance(c, dict) and "key" in c]
    assert len(keys) == 1 and keys[0]["key"].startswith("quarantine/") and keys[0]["key"].endswith(target["upload_id"])
    assert not [c for c in conditions if isinstance(c, list) and c[0] == "starts-with"]  # no key prefix, no ${filename}


NAMES = [
    ("invoice.html", PDF, "application/pdf", "invoice.pdf"),
    ("scan", PDF, "application/pdf", "scan.pdf"),
    ("Acte de naissance.final.PDF", PDF, "application/pdf", "Acte de naissance.final.pdf"),
    ("photo.exe", PNG, "image/png", "photo.png"),
    ("شهادة.svg", PNG, "image/png", "شهادة.png"),
    (".htaccess", PNG, "image/png", "htaccess.png"),
]


@pytest.mark.parametrize("name, body, declared, expected", NAMES, ids=[n[0] for n in NAMES])
def test_staff_download_names_end_with_the_verified_types_extension(backend_env, name, body, declared, expected):
    config = Config.from_env()
    public = public_app(config)
    client, filing = public.test_client(), key()
    target = ask(client, filing, body, type=declared, name=name).get_json()
    put_bytes(client, target, body, name=name)
    assert client.post(f"/api/uploads/{target['upload_id']}/verify").status_code == 200
    filed = client.post("/api/grievances", json=grievance(attachments=[target["upload_id"]]),
                        headers={"Idempotency-Key": filing}).get_json()  # fmt: skip
    admin = admin_app(config)
    add_staff(admin.extensions["sawt.admin"]().store, "reviewer@example.ma", "reviewer")
    reference = filed["reference"].replace("-", "")
    download = sign_in(admin, "reviewer@example.ma").get(
        f"/admin/grievances/{reference}/documents/{target['upload_id']}"
    )
    if download.status_code == 200:  # the local backend sends the file itself
        disposition = download.headers["Content-Disposition"]
        assert download.get_data() == body
    else:  # S3: a presigned GET, whose answer carries the name
        location = download.headers["Location"]
        disposition = parse_qs(urlparse(location).query)["response-content-disposition"][0]
        s3 = boto3.client("s3", region_name="eu-west-3")
        assert requests.get(location, timeout=30).content == body and s3  # the bytes the name goes with
    kind, options = parse_options_header(disposition)
    assert kind == "attachment" and options["filename"] == expected
