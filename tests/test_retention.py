"""Retention with a fake clock, on both backends: a file closed longer ago than SAWT_RETENTION_YEARS
is anonymised (personal fields, texts, documents and search tokens gone; status, dates, category,
region and the statistics unchanged); a file closed more recently, one still open and one reopened
after closing are not touched; a dry run lists what would go and changes nothing."""

import dataclasses
import datetime as dt
import json
import sqlite3

import boto3
import pytest
from botocore.exceptions import ClientError

from functions.admin.workflow import Workflow
from functions.cases.retention import Retention
from functions.cases.search_tokens import query_tokens
from functions.storage.records import iso, utc_now, years_after
from tests.case_helpers import FAMILY_NAME, file_with_documents, rich_history, staff_app

NOW = utc_now()


def at(moment):
    return lambda: moment


def close(store, config, reference, when, status="closed"):
    grievance = store.get_grievance(reference)
    Workflow(store, config, at(when)).change_status(grievance, "officer@example.ma", status, "Dossier traité")


def document_exists(config, upload_id) -> bool:
    if config.storage == "local":
        return (config.data_dir / "uploads" / "files" / upload_id).exists()
    s3 = boto3.client("s3", region_name="eu-west-3")
    try:
        s3.head_object(Bucket=config["SAWT_BUCKET"], Key=f"files/{upload_id}")
    except ClientError:
        return False
    return True


@pytest.fixture
def world(public_app, config):
    app, store = staff_app(config)
    services = public_app.extensions["sawt.service"]()
    retention = Retention(store, services.attachments.files, services.attachments.secret, config, at(NOW))
    return public_app.test_client(), app, store, retention


def snapshot(store, reference):
    return store.get_grievance(reference), store.list_events(reference)


def test_a_file_closed_long_enough_ago_is_anonymised_and_nothing_younger_is_touched(world, config):
    public, app, store, retention = world
    _receipt, old, _staff, documents = rich_history(public, app)
    close(store, config, old, years_after(NOW, -5) - dt.timedelta(days=1))
    recent = file_with_documents(public)[0]["reference"].replace("-", "")
    close(store, config, recent, years_after(NOW, -5) + dt.timedelta(days=1), status="resolved")
    still_open = file_with_documents(public)[0]["reference"].replace("-", "")
    reopened = file_with_documents(public)[0]["reference"].replace("-", "")
    close(store, config, reopened, years_after(NOW, -7))
    Workflow(store, config, at(years_after(NOW, -6))).change_status(
        store.get_grievance(reopened), "officer@example.ma", "under_review", "Nouvel élément"
    )
    untouched = {ref: snapshot(store, ref) for ref in (recent, still_open, reopened)}
    before, figures = store.get_grievance(old), store.read_statistics()

    dry = retention.run(dry_run=True)
    assert [reference for reference, _closed in dry["due"]] == [old]
    assert dry["anonymised"] == 0 and store.get_grievance(old) == before

    assert retention.run()["anonymised"] == 1
    after = store.get_grievance(old)
    assert after.payload == {"anonymised_at": iso(NOW)} and not after.email_updates
    kept = ("reference", "created_at", "updated_at", "status", "type", "filer_kind", "category", "region",
            "delegation", "country", "partner", "language", "first_answer_at")  # fmt: skip
    assert {k: getattr(after, k) for k in kept} == {k: getattr(before, k) for k in kept}
    timeline = json.dumps([e.body for e in store.list_events(old)], ensure_ascii=False)
    for typed in ("Appeler le consulat", "Voici l'acte", "L'acte intégral", "Dossier traité", "attachments", ".pdf"):
        assert typed not in timeline
    assert "sent_to_administration" in timeline  # the codes chosen from lists stay
    assert len(store.list_events(old)) == len(snapshot(store, old)[1])
    for upload_id in documents:
        assert store.get_upload(upload_id) is None
        assert not document_exists(config, upload_id)
    found = store.find_by_tokens(query_tokens(retention.secret, FAMILY_NAME), 10)
    assert old not in found and recent in found
    assert store.read_statistics() == figures
    for reference, (grievance, events) in untouched.items():
        assert snapshot(store, reference) == (grievance, events)
        upload_ids = grievance.payload["attachments"]
        assert all(document_exists(config, u) for u in upload_ids)

    assert retention.run()["anonymised"] == 0  # nothing twice
    assert store.closed_before(iso(NOW), 10) == [(recent, store.get_grievance(recent).updated_at)]


def test_a_file_reopened_while_it_was_being_anonymised_keeps_everything(world, config):
    public, _app, store, retention = world
    reference = file_with_documents(public)[0]["reference"].replace("-", "")
    close(store, config, reference, years_after(NOW, -6))
    cutoff = retention.cutoff()
    Workflow(store, config, at(NOW)).change_status(
        store.get_grievance(reference), "officer@example.ma", "under_review", "Nouvel élément"
    )
    kept = snapshot(store, reference)
    events = [dataclasses.replace(e, body={}) for e in kept[1]]
    assert store.anonymise(reference, cutoff, iso(NOW), events, (), kept[0].payload["attachments"]) is False
    assert snapshot(store, reference) == kept
    assert all(store.get_upload(u) for u in kept[0].payload["attachments"])


def test_the_retention_period_is_the_operators_to_set(world, config):
    public, _app, store, retention = world
    reference = file_with_documents(public)[0]["reference"].replace("-", "")
    close(store, config, reference, years_after(NOW, -3))
    assert retention.due() == []
    longer = dataclasses.replace(retention, config=dataclasses.replace(config, values={**config.values,
                                 "SAWT_RETENTION_YEARS": "2"}))  # fmt: skip
    assert [r for r, _ in longer.due()] == [reference]


def test_audit_entries_past_their_own_period_are_removed_on_one_server(tmp_path):
    from functions.platform.config import Config
    from functions.storage.records import AuditEntry
    from functions.storage.sqlite_store import SqliteStore

    store = SqliteStore(tmp_path)
    old, recent = iso(years_after(NOW, -11)), iso(years_after(NOW, -9))
    for stamp in (old, recent):
        store.append_audit(AuditEntry(f"{stamp}#0001", stamp, "officer@example.ma", "file_read", "ABCDEFGH"))
    config = Config.from_env(SAWT_DATA_DIR=tmp_path)
    report = Retention(store, None, b"x" * 32, config, at(NOW)).run()
    assert report["audit"] == 1
    assert [e.at for e in store.list_audit(None, None, None, None, 10)] == [recent]
    # Outside the retention run the log is still append-only.
    conn = sqlite3.connect(tmp_path / "sawt.sqlite3")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM audit")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE audit SET action = 'x'")
    conn.close()
    store.close()


def test_audit_entries_carry_their_expiry_on_dynamodb(aws_env):
    from functions.platform.config import Config
    from functions.storage import open_store
    from functions.storage.records import AuditEntry

    store = open_store(Config.from_env(SAWT_AUDIT_RETENTION_YEARS="10"))
    stamp = iso(NOW)
    store.append_audit(AuditEntry(f"{stamp}#0001", stamp, "officer@example.ma", "file_read", "ABCDEFGH"))
    item = store.models.Audit.get(stamp[:7], f"{stamp}#0001")
    assert item.expires_at == int(years_after(NOW, 10).timestamp())
    ttl = boto3.client("dynamodb", region_name="eu-west-3").describe_time_to_live(TableName="test-audit")
    assert ttl["TimeToLiveDescription"]["AttributeName"] == "expires_at"


def test_the_dry_run_lists_what_would_go_without_personal_data_and_changes_nothing(tmp_path):
    import subprocess
    import sys

    from functions.platform.config import Config
    from functions.public.app import create_app
    from tests.conftest import ROOT

    config = Config.from_env(SAWT_STORAGE="local", SAWT_DATA_DIR=tmp_path)
    public = create_app(config)
    reference = file_with_documents(public.test_client())[0]["reference"].replace("-", "")
    store = public.extensions["sawt.service"]().store
    close(store, config, reference, years_after(NOW, -6))
    before = snapshot(store, reference)
    listed = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "retention.py"), "--dry-run"], capture_output=True, text=True,
        env={"SAWT_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}, timeout=120, check=True,
    )  # fmt: skip
    assert reference in listed.stdout and "to anonymise: 1" in listed.stdout
    assert FAMILY_NAME not in listed.stdout
    assert snapshot(store, reference) == before


def test_an_anonymised_file_is_still_tracked_by_its_status_and_dates(world, config):
    public, _app, store, retention = world
    receipt = file_with_documents(public)[0]
    reference = receipt["reference"].replace("-", "")
    close(store, config, reference, years_after(NOW, -6), status="inadmissible")
    assert retention.run()["anonymised"] == 1
    tracked = public.post("/api/track", json={k: receipt[k] for k in ("reference", "tracking_code")})
    assert tracked.status_code == 200
    assert tracked.get_json()["status"] == "inadmissible"
    assert FAMILY_NAME not in tracked.get_data(as_text=True)


def test_migration_0010_dates_the_files_closed_before_it(tmp_path):
    from functions.platform.config import Config
    from functions.public.app import create_app
    from functions.storage.sqlite_store import SqliteStore

    config = Config.from_env(SAWT_STORAGE="local", SAWT_DATA_DIR=tmp_path)
    public = create_app(config)
    reference = file_with_documents(public.test_client())[0]["reference"].replace("-", "")
    store = public.extensions["sawt.service"]().store
    closed = years_after(NOW, -6)
    close(store, config, reference, closed)
    store.close()
    db = sqlite3.connect(tmp_path / "sawt.sqlite3", isolation_level=None)  # back to the version before
    db.execute("DROP INDEX grievances_to_anonymise")
    db.execute("ALTER TABLE grievances DROP COLUMN closed_at")
    db.execute("ALTER TABLE grievances DROP COLUMN anonymised_at")
    db.execute("DROP TRIGGER audit_no_delete")
    db.execute("DROP TABLE audit_purge")
    db.execute("CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'no'); END")
    db.execute("DELETE FROM schema_migrations WHERE version = 10")
    db.close()
    migrated = SqliteStore(tmp_path)
    assert migrated.closed_before(iso(NOW), 10) == [(reference, iso(closed))]
    migrated.close()


def test_dynamodb_files_closed_before_this_version_are_dated_by_a_backfill(aws_env):
    from functions.platform.config import Config
    from functions.public.app import create_app

    config = Config.from_env()
    public = create_app(config)
    reference = file_with_documents(public.test_client())[0]["reference"].replace("-", "")
    store = public.extensions["sawt.service"]().store
    close(store, config, reference, years_after(NOW, -6))
    Grievance = store.models.Grievance
    Grievance(reference).update(actions=[Grievance.closed_at.remove(), Grievance.retention.remove()])  # as before
    assert store.closed_before(iso(NOW), 10) == []
    assert store.backfill_closing() == 1
    assert store.closed_before(iso(NOW), 10) == [(reference, store.get_grievance(reference).updated_at)]
    assert store.backfill_closing() == 0  # once only


def test_dynamodb_forwardings_of_files_closed_before_this_version_are_paused_by_the_backfill(aws_env):
    from functions.cases.forwarding import ForwardingService
    from functions.platform.config import Config
    from functions.public.app import create_app

    config = Config.from_env()
    public = create_app(config)
    store = public.extensions["sawt.service"]().store
    closed, still_open = (file_with_documents(public.test_client())[0]["reference"].replace("-", "") for _ in "ab")
    for reference in (closed, still_open):
        ForwardingService(store, config).forward(store.get_grievance(reference), "o@example.ma", "cnss", "Merci", [],
                                                 set())  # fmt: skip
    close(store, config, closed, NOW)
    Forwarding = store.models.Forwarding
    Forwarding(closed, "cnss").update(actions=[Forwarding.waiting.set("open")])  # as the previous version left it
    assert not store.get_forwarding(closed, "cnss").paused
    assert store.backfill_paused() == 1
    assert store.get_forwarding(closed, "cnss").paused and not store.get_forwarding(still_open, "cnss").paused
    assert store.backfill_paused() == 0
