"""Backups of the embedded backend that restore: the database by SQLite's online backup (a
consistent snapshot while the server keeps filing, never a copy of a live WAL file), then the
documents *the copied database names*, then the server secret and the outbox.

Why the documents follow the copy: a document verified after the snapshot is not named by it (its
bytes would be an orphan), and one named by it is never changed afterwards (documents are written
once, under their upload id), so the pair is consistent without stopping the server. A document the
snapshot names but that is gone by the time it is copied (an unattached upload swept meanwhile) is
listed in the manifest as missing, not silently dropped.

A backup is a folder, or a .tar / .tar.gz of the same folder. Its manifest holds the SHA-256 of
every file, checked on restore before anything is put in place.
"""

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
import zlib
from pathlib import Path

DATABASE = "sawt.sqlite3"
MANIFEST = "manifest.json"
DOCUMENTS = Path("uploads") / "files"
KEPT_DOCUMENTS = ("verified", "attached")  # what a filing may name; the rest is not yet checked


class BackupError(RuntimeError):
    """The backup or restore cannot be made as asked; nothing was put in place."""


def is_archive(path: Path) -> bool:
    return path.name.endswith((".tar", ".tar.gz", ".tgz"))


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def copy_database(source: Path, target: Path) -> int:
    """SQLite's online backup of the whole database in one step (one consistent snapshot; in WAL
    mode writers go on meanwhile). Returns the schema version copied."""
    live, copy = sqlite3.connect(source, timeout=30), sqlite3.connect(target)
    with contextlib.closing(live), contextlib.closing(copy):
        live.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        return copy.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()[0]


def documents_named(database: Path) -> list[tuple[str, str]]:
    with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as conn:
        marks = ", ".join("?" * len(KEPT_DOCUMENTS))
        sql = f"SELECT upload_id, status FROM uploads WHERE status IN ({marks}) ORDER BY upload_id"  # noqa: S608
        return [(row[0], row[1]) for row in conn.execute(sql, KEPT_DOCUMENTS)]


def back_up(data_dir: Path, destination: Path, now: dt.datetime | None = None) -> dict:
    """Write a backup of `data_dir` to `destination` (a new folder, or a .tar/.tar.gz file) and
    return its manifest. Refuses to write over anything."""
    data_dir, destination = Path(data_dir), Path(destination)
    if not (data_dir / DATABASE).is_file():
        raise BackupError(f"no database in {data_dir}")
    if destination.exists():
        raise BackupError(f"{destination} exists already: a backup never writes over anything")
    destination.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".sawt-backup-", dir=destination.parent))
    try:
        manifest = _fill(data_dir, staging, now or dt.datetime.now(dt.UTC))
        if is_archive(destination):
            _write_archive(staging, destination)
        else:
            staging.rename(destination)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest


def _write_archive(staging: Path, destination: Path) -> None:
    """The tar file is made readable by its owner only, as the folder backup is (it holds the
    secret and every person's data), and a failed write leaves no .partial behind."""
    partial = destination.with_name(destination.name + ".partial")
    try:
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise BackupError(
            f"{partial} exists: another backup is being written, or one was cut short (remove it)"
        ) from None
    try:
        mode = "w" if destination.name.endswith(".tar") else "w:gz"
        with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode=mode) as archive:
            for path in sorted(staging.rglob("*")):
                archive.add(path, arcname=str(path.relative_to(staging)), recursive=False)
        os.replace(partial, destination)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _fill(data_dir: Path, staging: Path, now: dt.datetime) -> dict:
    staging.chmod(0o700)  # it holds the secret and personal data
    version = copy_database(data_dir / DATABASE, staging / DATABASE)
    files, missing = [DATABASE], []
    (staging / DOCUMENTS).mkdir(parents=True)
    for upload_id, status in documents_named(staging / DATABASE):
        source = data_dir / DOCUMENTS / upload_id
        try:
            shutil.copyfile(source, staging / DOCUMENTS / upload_id)
        except FileNotFoundError:
            missing.append({"upload_id": upload_id, "status": status})
            continue
        files.append(str(DOCUMENTS / upload_id))
    for extra in ["secret.key", *(str(p.relative_to(data_dir)) for p in sorted(data_dir.glob("outbox/*.eml")))]:
        if (data_dir / extra).is_file():
            (staging / extra).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(data_dir / extra, staging / extra)
            files.append(extra)
    manifest = {
        "made_at": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "schema_version": version,
        "files": {name: sha256(staging / name) for name in files},
        "missing_documents": missing,
    }
    (staging / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return manifest


def restore(source: Path, data_dir: Path) -> dict:
    """Bring a backup back into `data_dir`, which must be empty or absent (a restore never mixes
    with live data: an old WAL meeting a restored database would corrupt it). Everything is checked
    in a staging folder beside it, then put in place by one rename."""
    source, data_dir = Path(source), Path(data_dir)
    if data_dir.exists() and (not data_dir.is_dir() or any(data_dir.iterdir())):
        raise BackupError(f"{data_dir} is not empty: restore only into an empty data directory")
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    if data_dir.is_dir() and not os.access(data_dir.parent, os.W_OK):
        return _restore_inside(source, data_dir)
    staging = Path(tempfile.mkdtemp(prefix=f".{data_dir.name}.restoring-", dir=data_dir.parent))
    try:
        _unpack(source, staging)
        manifest = _check(staging)
        if data_dir.exists():
            data_dir.rmdir()
        staging.rename(data_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest


def _restore_inside(source: Path, data_dir: Path) -> dict:
    """As the service's own user, whose data directory (/var/lib/sawt) sits in a folder it cannot
    write: checked in a staging folder inside it, then moved up entry by entry, the database last,
    so a restore cut short leaves no database to start on (and a non-empty folder, which the next
    restore refuses until an operator empties it)."""
    staging = Path(tempfile.mkdtemp(prefix=".restoring-", dir=data_dir))
    try:
        _unpack(source, staging)
        manifest = _check(staging)
        for entry in sorted(staging.iterdir(), key=lambda p: p.name == DATABASE):
            entry.rename(data_dir / entry.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    data_dir.chmod(0o700)
    return manifest


def _unpack(source: Path, staging: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, staging, dirs_exist_ok=True)
    elif source.is_file() and is_archive(source):
        try:
            with tarfile.open(source) as archive:
                _extract(archive, staging)
        except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
            raise BackupError(f"refused: not a readable backup archive ({type(error).__name__})") from None
    else:
        raise BackupError(f"{source} is neither a backup folder nor a .tar/.tar.gz backup")


def _extract(archive: tarfile.TarFile, staging: Path) -> None:
    """Only plain files and folders under the staging folder: no links, devices, absolute or ../
    paths. Python's "data" filter where it has one (3.11.4 and later); the same rules checked
    here on Debian 12's 3.11.2, which has none."""
    members = archive.getmembers()
    for member in members:  # (the "data" filter lets hard links to other members through)
        name = Path(member.name)
        if not (member.isfile() or member.isdir()) or name.is_absolute() or ".." in name.parts:
            raise BackupError(f"refused: {member.name!r} is not a plain file inside the backup")
    if hasattr(tarfile, "data_filter"):
        try:
            archive.extractall(staging, members=members, filter="data")
        except tarfile.FilterError as error:
            raise BackupError(f"refused: {error}") from None
    else:
        archive.extractall(staging, members=members)  # noqa: S202 - every member checked just above
    # The archive's own modes are not trusted: the data is the service's alone.
    for path in staging.rglob("*"):
        path.chmod(0o700 if path.is_dir() else 0o600)


def _check(staging: Path) -> dict:
    try:
        manifest = json.loads((staging / MANIFEST).read_text())
        files = dict(manifest["files"])
    except (OSError, ValueError, KeyError, TypeError):
        raise BackupError("no readable manifest.json: not a Sawt backup") from None
    for name, digest in files.items():
        path = (staging / name).resolve()
        if not path.is_relative_to(staging.resolve()) or not path.is_file() or sha256(path) != digest:
            raise BackupError(f"{name} is missing or damaged: this backup cannot be restored as it is")
    listed = {str(p.relative_to(staging)) for p in staging.rglob("*") if p.is_file()} - {MANIFEST}
    if listed - set(files):
        raise BackupError(f"files not in the manifest: {sorted(listed - set(files))[:5]}")
    with contextlib.closing(sqlite3.connect(staging / DATABASE)) as conn:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError("the database fails SQLite's integrity check")
    (staging / MANIFEST).unlink()  # a data directory holds no manifest; the backup keeps its own
    staging.chmod(0o700)
    return manifest
