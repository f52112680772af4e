"""Data stored before Idempotency-Keys were hashed: the SQLite migration rewrites it (keys, upload
owners, document folders, the file's free pages), DynamoDB keeps reading it — and in both, a phone
resending an old filing still gets its old receipt, and its code still opens the file."""

import sqlite3

import boto3
import requests

from functions.cases.filing import body_hash
from functions.cases.tracking_codes import hash_tracking_code, receipt_code
from functions.platform.config import Config
from functions.platform.server_secret import load_secret
from functions.public.app import create_app
from tests.factories import grievance, key
from tests.test_attachments import PDF, upload


def file(client, idempotency_key, **changes):
    answer = client.post("/api/grievances", json=grievance(**changes), headers={"Idempotency-Key": idempotency_key})
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


def track(client, reference, code):
    return client.post("/api/track", json={"reference": reference, "tracking_code": code})


def test_the_sqlite_migration_hashes_stored_keys_and_keeps_old_receipts(tmp_path):
    config = Config.from_env({}, SAWT_DATA_DIR=tmp_path)
    app = create_app(config)
    client = app.test_client()
    sent, pending = key(), key()
    document, _ = upload(client, sent, PDF)
    waiting, _ = upload(client, pending, PDF)  # verified, its filing not sent yet
    receipt = file(client, sent, attachments=[document])
    reference = receipt["reference"].replace("-", "")
    app.extensions["sawt.service"]().store.close()

    # Put the data back the way the previous version stored it: keys in clear, codes HMAC(secret, key).
    secret = load_secret(config)
    old_code = receipt_code(1, secret, sent)
    db = sqlite3.connect(tmp_path / "sawt.sqlite3", isolation_level=None)
    db.execute("ALTER TABLE idempotency DROP COLUMN code_scheme")
    db.execute("ALTER TABLE idempotency RENAME COLUMN key_hash TO key")
    db.execute("UPDATE idempotency SET key = ?", (sent,))
    db.executemany("UPDATE uploads SET filing = ? WHERE upload_id = ?", ((sent, document), (pending, waiting)))
    db.execute("UPDATE grievances SET tracking_hash = ?", (hash_tracking_code(old_code),))
    db.execute("DELETE FROM schema_migrations WHERE version = 6")
    db.close()
    for upload_id, owner in ((document, sent), (waiting, pending)):
        legacy = tmp_path / "uploads" / "files" / owner / upload_id
        legacy.parent.mkdir(parents=True)
        (tmp_path / "uploads" / "files" / upload_id).rename(legacy)
    assert sent.encode() in (tmp_path / "sawt.sqlite3").read_bytes()

    migrated = create_app(config).test_client()  # the new version starts: migration 0006 runs
    again = file(migrated, sent, attachments=[document])  # the phone resends what it filed before
    assert (again["reference"], normalised(again["tracking_code"])) == (receipt["reference"], old_code)
    assert track(migrated, reference, again["tracking_code"]).status_code == 200
    assert file(migrated, pending, attachments=[waiting])["status"] == "received"  # the waiting document

    everything = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    names = [str(p) for p in tmp_path.rglob("*")]
    for k in (sent, pending):
        assert k.encode() not in everything and not any(k in name for name in names)
    assert (tmp_path / "uploads" / "files" / document).read_bytes() == PDF


def normalised(code: str) -> str:
    return code.replace("-", "")


def test_dynamodb_keeps_reading_records_written_before(aws_env):
    """Items written by the previous version: an idempotency item keyed by the key itself (no
    code_scheme), an upload whose `filing` is the key, its object under files/<key>/<upload id>."""
    public_app = create_app(Config.from_env())
    client = public_app.test_client()
    sent = key()
    document, _ = upload(client, sent, PDF)
    receipt = file(client, sent, attachments=[document])
    reference = receipt["reference"].replace("-", "")
    services = public_app.extensions["sawt.service"]()
    models, secret = services.store.models, load_secret(public_app.config["SAWT"])
    record = services.store.get_idempotency(next(iter(models.Idempotency.scan())).key)

    old_code = receipt_code(1, secret, sent)
    models.Idempotency(key=sent, body_hash=body_hash(grievance(attachments=[document])), reference=reference,
                       created_at=record.created_at, expires_at=record.expires_at).save()  # fmt: skip
    models.Idempotency(record.key_hash).delete()
    models.Grievance(reference).update(actions=[models.Grievance.tracking_hash.set(hash_tracking_code(old_code))])
    models.Upload(document).update(actions=[models.Upload.filing.set(sent)])
    s3 = boto3.client("s3", region_name="eu-west-3", endpoint_url=aws_env["AWS_ENDPOINT_URL_S3"])
    bucket = aws_env["SAWT_BUCKET"]
    s3.copy_object(
        Bucket=bucket, Key=f"files/{sent}/{document}", CopySource={"Bucket": bucket, "Key": f"files/{document}"}
    )
    s3.delete_object(Bucket=bucket, Key=f"files/{document}")

    again = file(client, sent, attachments=[document])
    assert (again["reference"], normalised(again["tracking_code"])) == (receipt["reference"], old_code)
    assert track(client, reference, again["tracking_code"]).status_code == 200
    link = services.attachments.files.download_url(services.store.get_upload(document), "acte.pdf", 60)
    assert requests.get(link, timeout=10).content == PDF  # staff still open the old document
