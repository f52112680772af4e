"""Python steps of the embedded backend's migrations: each runs in the migration's transaction,
right after the numbered SQL script of the same version (sqlite_migrations/), for what SQL alone
cannot do (a keyed hash, moving files)."""

import json
import os
import sqlite3

from ..platform.server_secret import idempotency_key_hash
from .sqlite_db import MigrationContext


def hash_stored_keys(conn: sqlite3.Connection, context: MigrationContext) -> None:
    """0006: Idempotency-Keys stored in clear — in replay records, in uploads' `filing`, and as the
    names of the folders documents were kept in — are replaced by their keyed hash, and documents
    move to uploads/<quarantine|files>/<upload id>. Then the file is rewritten (VACUUM), so no old
    key survives in free pages: with the keys and the server secret, every tracking code made until
    now could be recomputed."""
    keys = [row[0] for row in conn.execute("SELECT key_hash FROM idempotency")]
    uploads = conn.execute("SELECT upload_id, filing FROM uploads").fetchall()
    root = context.data_dir / "uploads"
    folders = [d for area in ("quarantine", "files") if (root / area).is_dir() for d in (root / area).iterdir()]
    if not keys and not uploads and not any(d.is_dir() for d in folders):
        return  # a new database: nothing stored in clear
    secret = context.server_secret()
    # Files first: moving is idempotent, so a crash before the commit below leaves a state the
    # next start finishes (rows still in clear, documents already in the new place).
    for folder in folders:
        if folder.is_dir():
            for document in folder.iterdir():
                os.replace(document, folder.parent / document.name)
            folder.rmdir()
    for key in keys:
        conn.execute("UPDATE idempotency SET key_hash = ? WHERE key_hash = ?", (idempotency_key_hash(secret, key), key))
    for upload_id, filing in uploads:
        conn.execute(
            "UPDATE uploads SET filing = ? WHERE upload_id = ?", (idempotency_key_hash(secret, filing), upload_id)
        )
    context.scrub = True


def index_search_tokens(conn: sqlite3.Connection, context: MigrationContext) -> None:
    """0008: the search tokens of every grievance filed before search existed."""
    rows = conn.execute("SELECT reference, payload FROM grievances").fetchall()
    if not rows:
        return
    from ..cases.search_tokens import filing_tokens

    secret = context.server_secret()
    for reference, payload in rows:
        for token in filing_tokens(secret, json.loads(payload)):
            conn.execute("INSERT OR IGNORE INTO search_tokens (token, reference) VALUES (?, ?)", (token, reference))


STEPS = {6: hash_stored_keys, 8: index_search_tokens}
