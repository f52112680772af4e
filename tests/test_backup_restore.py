"""`make backup` during load, `make restore` elsewhere: every filing acknowledged before the backup
began is there, with its documents, and its owner can track it with the code from the receipt.

Filings (a third with a document, uploaded and verified through the real local server) keep
arriving from several threads while the backup runs, so the snapshot lands among commits and
verifications in flight."""

import hashlib
import io
import os
import sqlite3
import subprocess
import sys
import tarfile
import threading
import time
from pathlib import Path

import pytest
import requests

from functions.storage.local_backup import BackupError, back_up, restore
from scripts.serving import LocalServer
from tests.conftest import ROOT
from tests.factories import grievance, key
from tests.test_attachments import PDF

CLIENTS = 6
SERVER_ENV = {"SAWT_FILINGS_PER_HOUR": "100000", "SAWT_UPLOADS_PER_HOUR": "100000"}


def make(command: str, data_dir, **arguments) -> subprocess.CompletedProcess:
    args = [sys.executable, str(ROOT / "scripts" / "backup.py"), command]
    for name, value in arguments.items():
        args += [f"--{name}", str(value)]
    env = {"SAWT_DATA_DIR": str(data_dir), "PATH": "/usr/bin:/bin"}
    return subprocess.run(args, capture_output=True, text=True, env=env, timeout=300, check=False)


def upload_document(base: str, filing: str, body: bytes) -> str:
    ask = {"filing": filing, "kind": "decision", "type": "application/pdf", "size": len(body), "name": "a.pdf"}
    target = requests.post(f"{base}/api/uploads", json=ask, timeout=60).json()
    posted = requests.post(base + target["url"], data=target["fields"], files={"file": ("a.pdf", body)}, timeout=60)
    assert posted.status_code == 204, posted.text
    verified = requests.post(f"{base}/api/uploads/{target['upload_id']}/verify", timeout=60)
    assert verified.status_code == 200, verified.text
    return target["upload_id"]


class Load:
    """Threads filing until told to stop; each acknowledgement is kept with the time it arrived."""

    def __init__(self, base: str):
        self.base, self.acknowledged, self.lock = base, [], threading.Lock()
        self.stopping, self.errors = threading.Event(), []

    def client(self, number: int) -> None:
        n = 0
        while not self.stopping.is_set():
            n += 1
            filing, document = key(), None
            try:
                attachments = []
                if n % 3 == 0:
                    document = PDF + f"% client {number} filing {n}\n".encode()
                    attachments = [upload_document(self.base, filing, document)]
                body = grievance(subject=f"Backup load {number}-{n}", attachments=attachments)
                answer = requests.post(f"{self.base}/api/grievances", json=body, headers={"Idempotency-Key": filing},
                                       timeout=60)  # fmt: skip
                assert answer.status_code == 201, answer.text
            except Exception as error:  # reported by the test, not lost in a thread
                self.errors.append(repr(error))
                return
            with self.lock:
                self.acknowledged.append((time.monotonic(), answer.json(), body, attachments, document))

    def count(self) -> int:
        with self.lock:
            return len(self.acknowledged)

    def wait_for(self, count: int, within: float = 300) -> None:
        deadline = time.monotonic() + within
        while self.count() < count and not self.errors:
            assert time.monotonic() < deadline, f"only {self.count()} filings acknowledged"
            time.sleep(0.05)
        assert not self.errors, self.errors


def test_backup_during_filings_restores_every_acknowledged_filing(tmp_path, built_site):
    data, archive, restored = tmp_path / "data", tmp_path / "backups" / "sawt.tar.gz", tmp_path / "restored"
    server = LocalServer(data, built_site, env=SERVER_ENV).start()
    load = Load(server.url)
    threads = [threading.Thread(target=load.client, args=(n,)) for n in range(CLIENTS)]
    try:
        for thread in threads:
            thread.start()
        load.wait_for(24)
        began = time.monotonic()
        made = make("backup", data, to=archive)
        assert made.returncode == 0, made.stderr
        load.wait_for(load.count() + 12)  # the load went on during and after the backup
    finally:
        load.stopping.set()
        for thread in threads:
            thread.join(120)
        server.stop()
    assert not load.errors, load.errors
    before = [entry for entry in load.acknowledged if entry[0] < began]
    assert len(before) >= 24 and any(entry[3] for entry in before)

    back = make("restore", restored, **{"from": archive})
    assert back.returncode == 0, back.stderr
    db = sqlite3.connect(restored / "sawt.sqlite3")
    stored = dict(db.execute("SELECT reference, json_extract(payload, '$.subject') FROM grievances"))
    attached = [row[0] for row in db.execute("SELECT upload_id FROM uploads WHERE status = 'attached'")]
    total = db.execute("SELECT count FROM statistics_scoped WHERE scope='all' AND name='total'").fetchone()[0]
    db.close()
    assert total == len(stored), "the counters were copied in the same snapshot as the rows"
    for upload_id in attached:  # every document the restored files name is there
        assert (restored / "uploads" / "files" / upload_id).is_file()

    again = LocalServer(restored, built_site, env=SERVER_ENV).start()
    try:
        for _at, receipt, body, attachments, document in before:
            assert stored[receipt["reference"].replace("-", "")] == body["subject"]
            tracked = requests.post(f"{again.url}/api/track", timeout=60,
                                    json={"reference": receipt["reference"], "tracking_code": receipt["tracking_code"]})  # fmt: skip
            assert tracked.status_code == 200, tracked.text
            assert tracked.json()["reference"] == receipt["reference"]
            for upload_id in attachments:
                copied = (restored / "uploads" / "files" / upload_id).read_bytes()
                assert hashlib.sha256(copied).digest() == hashlib.sha256(document).digest()
    finally:
        again.stop()


@pytest.fixture
def small_backup(tmp_path):
    from functions.platform.config import Config
    from functions.public.app import create_app

    data = tmp_path / "data"
    client = create_app(Config.from_env(SAWT_STORAGE="local", SAWT_DATA_DIR=data)).test_client()
    receipt = client.post("/api/grievances", json=grievance(), headers={"Idempotency-Key": key()}).get_json()
    folder = tmp_path / "backup"
    back_up(data, folder)
    return data, folder, receipt


def test_restore_refuses_a_data_directory_in_use(small_backup, tmp_path):
    data, folder, _ = small_backup
    with pytest.raises(BackupError, match="not empty"):
        restore(folder, data)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup", "data"]  # nothing left behind


def test_restore_refuses_a_damaged_backup_and_changes_nothing(small_backup, tmp_path):
    _, folder, _ = small_backup
    with (folder / "sawt.sqlite3").open("r+b") as database:
        database.seek(4096)
        database.write(b"\xff" * 64)
    with pytest.raises(BackupError, match="damaged"):
        restore(folder, tmp_path / "elsewhere")
    assert not (tmp_path / "elsewhere").exists()
    assert not [p for p in tmp_path.iterdir() if "restoring" in p.name]


def test_a_backup_never_writes_over_anything(small_backup):
    data, folder, _ = small_backup
    with pytest.raises(BackupError, match="exists already"):
        back_up(data, folder)


def test_an_archive_cannot_write_outside_the_data_directory(tmp_path):
    evil = tmp_path / "evil.tar"
    payload = tmp_path / "payload"
    payload.write_text("x")
    with tarfile.open(evil, "w") as archive:
        archive.add(payload, arcname="../outside")
    with pytest.raises(BackupError, match="refused"):
        restore(evil, tmp_path / "target")
    assert not (tmp_path / "outside").exists() and not (tmp_path / "target").exists()


def test_a_folder_backup_restores_into_an_empty_directory(small_backup, tmp_path):
    _, folder, receipt = small_backup
    (tmp_path / "empty").mkdir()
    restore(folder, tmp_path / "empty")
    from functions.platform.config import Config
    from functions.public.app import create_app

    client = create_app(Config.from_env(SAWT_STORAGE="local", SAWT_DATA_DIR=tmp_path / "empty")).test_client()
    tracked = client.post("/api/track", json={k: receipt[k] for k in ("reference", "tracking_code")})
    assert tracked.status_code == 200


def evil_archive(tmp_path, kind: str):
    evil = tmp_path / f"{kind}.tar"
    payload = tmp_path / "payload"
    payload.write_text("x")
    with tarfile.open(evil, "w") as archive:
        if kind == "parent":
            archive.add(payload, arcname="../outside")
        elif kind == "absolute":
            member = tarfile.TarInfo(str(tmp_path / "absolute-outside"))  # (add() would strip the "/")
            member.size = 1
            archive.addfile(member, io.BytesIO(b"x"))
        else:
            link = tarfile.TarInfo("secret.key")
            link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
            archive.addfile(link)
    return evil


@pytest.mark.parametrize("kind", ["parent", "absolute", "symlink"])
def test_the_same_refusals_on_a_python_without_tar_filters(tmp_path, monkeypatch, kind):
    """Debian 12's Python 3.11.2 has no tarfile.data_filter: the backup's own checks stand in."""
    monkeypatch.delattr(tarfile, "data_filter", raising=False)
    with pytest.raises(BackupError, match="refused"):
        restore(evil_archive(tmp_path, kind), tmp_path / "target")
    assert not (tmp_path / "outside").exists() and not (tmp_path / "absolute-outside").exists()
    assert not (tmp_path / "target").exists()


def test_an_archive_backup_is_the_owners_only_and_restores_without_tar_filters(small_backup, tmp_path, monkeypatch):
    data, _folder, _receipt = small_backup
    archive = tmp_path / "nightly.tar.gz"
    back_up(data, archive)
    assert archive.stat().st_mode & 0o777 == 0o600  # it holds the secret and every person's data
    assert not list(tmp_path.glob("*.partial"))
    monkeypatch.delattr(tarfile, "data_filter", raising=False)
    restore(archive, tmp_path / "restored")
    assert (tmp_path / "restored" / "sawt.sqlite3").is_file()


@pytest.mark.parametrize("cut", [10, 2000])
def test_a_cut_or_garbled_archive_is_refused_in_a_sentence(small_backup, tmp_path, cut):
    data, _folder, _receipt = small_backup
    archive = tmp_path / "nightly.tar.gz"
    back_up(data, archive)
    cut_short = tmp_path / "cut.tar.gz"
    cut_short.write_bytes(archive.read_bytes()[:cut])
    with pytest.raises(BackupError, match=r"refused|manifest|damaged"):
        restore(cut_short, tmp_path / "target")
    assert not (tmp_path / "target").exists()


def test_restore_as_the_services_user_whose_parent_folder_it_cannot_write(small_backup, tmp_path, monkeypatch):
    """/var/lib is root's, /var/lib/sawt the service's: the restore happens inside the folder."""
    _data, folder, _receipt = small_backup
    target = tmp_path / "lib" / "sawt"
    target.mkdir(parents=True)
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda path, mode: False if Path(path) == target.parent else real_access(path, mode)
    )
    restore(folder, target)
    assert sorted(p.name for p in (tmp_path / "lib").iterdir()) == ["sawt"]  # nothing staged beside it
    assert (target / "sawt.sqlite3").is_file() and not [p for p in target.iterdir() if "restoring" in p.name]


@pytest.mark.parametrize("filters", [True, False])
def test_a_hard_link_or_a_file_where_a_folder_goes_is_refused_in_a_sentence(tmp_path, monkeypatch, filters):
    if not filters:
        monkeypatch.delattr(tarfile, "data_filter", raising=False)
    linked = tmp_path / "linked.tar"
    payload = tmp_path / "payload"
    payload.write_text("x")
    with tarfile.open(linked, "w") as archive:
        archive.add(payload, arcname="sawt.sqlite3")
        link = tarfile.TarInfo("uploads/files/a")
        link.type, link.linkname = tarfile.LNKTYPE, "sawt.sqlite3"
        archive.addfile(link)
    with pytest.raises(BackupError, match="refused"):
        restore(linked, tmp_path / "target")
    clash = tmp_path / "clash.tar"
    with tarfile.open(clash, "w") as archive:
        archive.add(payload, arcname="uploads")
        archive.add(payload, arcname="uploads/files/a")
    with pytest.raises(BackupError, match="refused"):
        restore(clash, tmp_path / "target")
    assert not (tmp_path / "target").exists()


def test_a_backup_cut_short_leaves_a_partial_that_the_next_one_names(small_backup, tmp_path):
    data, _folder, _receipt = small_backup
    (tmp_path / "nightly.tar.gz.partial").write_bytes(b"cut")
    with pytest.raises(BackupError, match="partial"):
        back_up(data, tmp_path / "nightly.tar.gz")
    assert not (tmp_path / "nightly.tar.gz").exists()
