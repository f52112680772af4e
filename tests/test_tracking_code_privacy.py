"""A tracking code only its owner can obtain. The attacker here is staff with everything: the
database (every table, every field, the raw files), the documents and their storage names, the
server secret, and the links the admin hands out. They try every stored value with every way Sawt
has ever derived a code, and get nothing; the phone that holds the key still gets its receipt."""

import base64
import json
import re
import sqlite3
from pathlib import Path

import boto3
import pytest

from functions.cases.tracking_codes import receipt_code, tracking_code_matches
from functions.platform.server_secret import load_secret
from tests.factories import grievance, key
from tests.test_attachments import PDF, upload
from tests.test_follow_up import staff_asks

TOKEN = re.compile(r"[A-Za-z0-9_-]{8,}")


class Complainant:
    """Files (with a document), answers staff (with a document) and withdraws another filing —
    every request that carries an Idempotency-Key."""

    def __init__(self, client, public_app):
        self.keys = {name: key() for name in ("filing", "reply", "second filing", "withdrawal")}
        first_doc, _ = upload(client, self.keys["filing"], PDF)
        self.receipts = [self.file(client, "filing", attachments=[first_doc])]
        staff_asks(public_app, self.receipts[0])
        reply_doc, _ = upload(client, self.keys["reply"], PDF)
        self.post(client, self.receipts[0], "replies", "reply", {"text": "Voici l'acte.", "attachments": [reply_doc]})
        self.receipts.append(self.file(client, "second filing"))
        self.post(client, self.receipts[1], "withdraw", "withdrawal", {"reason": "Réglé."})
        self.documents = [first_doc, reply_doc]

    def file(self, client, name, **changes):
        answer = client.post("/api/grievances", json=grievance(**changes), headers={"Idempotency-Key": self.keys[name]})
        assert answer.status_code == 201
        return answer.get_json()

    def post(self, client, receipt, action, name, body):
        reference = receipt["reference"].replace("-", "")
        answer = client.post(
            f"/api/grievances/{reference}/{action}",
            json={"tracking_code": receipt["tracking_code"], **body},
            headers={"Idempotency-Key": self.keys[name]},
        )
        assert answer.status_code in (200, 201), answer.get_json()


def strings(value):
    """Every string inside a stored value, JSON opened up."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if isinstance(value, str):
        yield value
        try:
            inner = json.loads(value)
        except ValueError:
            return
        if isinstance(inner, (dict, list)):
            yield from strings(inner)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from strings(v)
    elif value is not None:
        yield str(value)


def local_loot(data_dir: Path):
    """Everything on the server's disk: every field of every table, every path, the raw bytes."""
    db = sqlite3.connect(data_dir / "sawt.sqlite3")
    tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    values = [v for table in tables for row in db.execute(f"SELECT * FROM {table}") for v in row]  # noqa: S608
    db.close()
    paths = [str(p.relative_to(data_dir)) for p in data_dir.rglob("*")]
    raw = b"".join(p.read_bytes() for p in data_dir.rglob("*") if p.is_file())
    return values + paths, raw


def aws_loot(environ):
    """Everything in the account: every item of every table, every object's name, tags and metadata."""
    endpoint = environ["AWS_ENDPOINT_URL_DYNAMODB"]
    dynamodb = boto3.client("dynamodb", region_name="eu-west-3", endpoint_url=endpoint)
    values = []
    for table in dynamodb.list_tables()["TableNames"]:
        for page in dynamodb.get_paginator("scan").paginate(TableName=table):
            values += page["Items"]
    s3 = boto3.client("s3", region_name="eu-west-3", endpoint_url=environ["AWS_ENDPOINT_URL_S3"])
    bucket = environ["SAWT_BUCKET"]
    listing = s3.list_object_versions(Bucket=bucket)  # old versions and deleted objects too
    for version in listing.get("Versions", []):
        which = {"Bucket": bucket, "Key": version["Key"], "VersionId": version["VersionId"]}
        values += [version["Key"], s3.get_object_tagging(**which)["TagSet"], s3.head_object(**which).get("Metadata")]
    values += [marker["Key"] for marker in listing.get("DeleteMarkers", [])]
    return values, json.dumps(values).encode()


def candidates(loot) -> set[str]:
    found = set()
    for text in strings(loot):
        found.add(text)
        found.update(TOKEN.findall(text))
    return found


def test_staff_with_the_database_the_files_and_the_secret_cannot_get_a_code(client, public_app, config, backend_env):
    person = Complainant(client, public_app)
    services = public_app.extensions["sawt.service"]()
    secret = load_secret(config)
    store, files = services.store, services.attachments.files
    links = [files.download_url(store.get_upload(d), "acte.pdf", 300) for d in person.documents]
    if config.storage == "local":
        loot, raw = local_loot(config.data_dir)
    else:
        loot, raw = aws_loot(backend_env)
    loot += links
    raw += json.dumps(links).encode()

    # The keys are nowhere: not in a field, a path, an object's name, a link, nor the raw bytes.
    for k in person.keys.values():
        for form in (k, k.replace("-", ""), base64.b64encode(k.encode()).decode()):
            assert form.encode() not in raw

    # Every stored value, whole and in pieces, through every derivation Sawt has used — and the
    # value itself, and its keyed hash — against every stored tracking hash.
    hashes = [store.get_grievance(r["reference"].replace("-", "")).tracking_hash for r in person.receipts]
    tried = 0
    for value in candidates(loot):
        for guess in (value, receipt_code(2, secret, value), receipt_code(1, secret, value)):
            tried += 1
            assert not any(tracking_code_matches(guess, h) for h in hashes), "a code was recovered from storage"
    assert tried > 300  # the loot is real: hundreds of values

    # The owner's phone, which holds the key, still gets the same receipt.
    again = client.post("/api/grievances", json=grievance(attachments=[person.documents[0]]),
                        headers={"Idempotency-Key": person.keys["filing"]})  # fmt: skip
    assert again.get_json()["tracking_code"] == person.receipts[0]["tracking_code"]
    assert again.get_json()["reference"] == person.receipts[0]["reference"]


@pytest.mark.parametrize("scheme", [1, 2])
def test_the_receipt_code_depends_on_the_key(scheme):
    one, other = key(), key()
    assert receipt_code(scheme, b"s" * 32, one) == receipt_code(scheme, b"s" * 32, one)
    assert receipt_code(scheme, b"s" * 32, one) != receipt_code(scheme, b"s" * 32, other)
