"""SQLite connections for the embedded backend: WAL, full sync, numbered migrations.

One connection per thread (gunicorn's threaded workers share a process); several processes share the
file through WAL. `synchronous=FULL` because "acknowledged" must survive a power cut, not only a crash.

Writers queue for a lock before they ask SQLite for its own: SQLite lets only one writer in at a time
anyway, and its busy handler makes the others poll with growing sleeps (up to 100 ms), which put
hundreds of milliseconds on the slowest filings under load. A thread lock queues the threads of a
process and an flock queues the processes; the kernel wakes the next writer as soon as the lock is
released, and releases it by itself if a process dies.
"""

import dataclasses
import fcntl
import os
import sqlite3
import threading
from collections.abc import Callable
from contextlib import contextmanager, suppress
from pathlib import Path

MIGRATIONS = Path(__file__).with_name("sqlite_migrations")


class MigrationError(RuntimeError):
    pass


@dataclasses.dataclass
class MigrationContext:
    """What a migration's Python step (functions/storage/sqlite_upgrades.py) may need."""

    data_dir: Path
    secret: Callable[[], bytes] | None = None
    scrub: bool = False  # a step removed data that must not linger in the file's free pages

    def server_secret(self) -> bytes:
        if self.secret is None:
            raise MigrationError("this migration needs the server secret: open the store with open_store(config)")
        return self.secret()


def statements(script: str) -> list[str]:
    """Split a migration into statements (triggers hold semicolons of their own)."""
    out, current = [], ""
    for line in script.splitlines(keepends=True):
        if not current and (not line.strip() or line.lstrip().startswith("--")):
            continue
        current += line
        if sqlite3.complete_statement(current):
            out.append(current.strip())
            current = ""
    if current.strip():
        raise ValueError(f"incomplete statement in migration: {current[:80]!r}")
    return out


class SqliteDatabase:
    def __init__(self, path: Path, context: MigrationContext | None = None):
        self.path = path
        self.context = context or MigrationContext(path.parent)
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        self._writer_thread_lock = threading.Lock()
        self._writer_file: tuple[int, int] | None = None  # (pid, fd)
        self.migrate()

    def connection(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=30, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA busy_timeout=30000")
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    @contextmanager
    def _writer(self):
        """This thread's connection, once every other writer (thread or process) has let go."""
        with self._writer_thread_lock:
            lock_file = self._writer_lock_file()
            fcntl.flock(lock_file, fcntl.LOCK_EX)
            try:
                yield self.connection()
            finally:
                fcntl.flock(lock_file, fcntl.LOCK_UN)

    def forget_wal(self) -> None:
        """After erasing or correcting someone's data: copy the log into the database (whose freed
        pages secure_delete zeroes) and empty it, so the old values do not linger in
        sawt.sqlite3-wal for a file copy or a snapshot to find. Best effort: a reader still on an
        old snapshot leaves the rest to the next checkpoint."""
        with self._writer() as conn, suppress(sqlite3.Error):
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    @contextmanager
    def write(self, durable: bool = True):
        """A write transaction that takes the lock up front, so it never fails half-way on BUSY.

        `durable=False` commits without waiting for the disk (synchronous=NORMAL, still atomic and
        consistent in WAL mode): for what a power cut may forget, such as a limit's count of tries,
        so that counting a try does not cost a filing's fsync."""
        with self._writer() as conn:
            if not durable:
                conn.execute("PRAGMA synchronous=NORMAL")
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                else:
                    conn.execute("COMMIT")
            finally:
                if not durable:
                    conn.execute("PRAGMA synchronous=FULL")

    def _writer_lock_file(self) -> int:
        # One descriptor per process: a descriptor inherited through fork() shares its flock with the
        # parent, which would let both write at once.
        if self._writer_file is None or self._writer_file[0] != os.getpid():
            fd = os.open(self.path.with_name(self.path.name + ".writer-lock"), os.O_RDWR | os.O_CREAT, 0o600)
            self._writer_file = (os.getpid(), fd)
        return self._writer_file[1]

    def migrate(self) -> None:
        from .sqlite_upgrades import STEPS

        with self.write() as conn:
            conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)")
            done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
            for script in sorted(MIGRATIONS.glob("*.sql")):
                version = int(script.name.split("_", 1)[0])
                if version in done:
                    continue
                # executescript would commit our transaction; run statement by statement instead.
                for statement in statements(script.read_text()):
                    conn.execute(statement)
                if version in STEPS:
                    STEPS[version](conn, self.context)
                conn.execute("INSERT INTO schema_migrations (version) VALUES (?)", (version,))
        if self.context.scrub:
            self.scrub()

    def scrub(self) -> None:
        """Rewrite the whole file and empty the WAL, so nothing deleted or overwritten survives in
        free pages or old frames (VACUUM cannot run inside a transaction)."""
        with self._writer() as conn:
            conn.execute("VACUUM")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.context.scrub = False

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        with self._writer_thread_lock:
            if self._writer_file and self._writer_file[0] == os.getpid():
                os.close(self._writer_file[1])
            self._writer_file = None
        self._local = threading.local()
