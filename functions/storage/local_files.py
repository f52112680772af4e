"""Documents on the embedded backend: files under SAWT_DATA_DIR/uploads, uploaded to a signed,
expiring URL of the local server that enforces the same limits as the S3 presigned POST.

uploads/quarantine/ is where the link writes (once: the first whole file wins); verification moves it
to uploads/verifying/, where no link writes, reads it there, then moves it to uploads/files/."""

import hashlib
import hmac
import os
import secrets
import time
from pathlib import Path

from .port import FileStore

CHUNK = 64 * 1024


class LinkSpentError(Exception):
    """A whole file came through this upload link already: a link carries one file."""


def sign(secret: bytes, *parts) -> str:
    message = "|".join(str(p) for p in parts).encode()
    return hmac.new(secret, b"sawt/upload/" + message, hashlib.sha256).hexdigest()


def _signed(fields: dict) -> tuple:
    """What the link's signature covers, as S3's policy does: the limits, the type and the redirect
    (when there is one: the script's links are signed as they always were)."""
    parts = (int(fields["expires"]), int(fields["max"]), fields.get("Content-Type", ""))
    redirect = fields.get("success_action_redirect")
    return (*parts, redirect) if redirect is not None else parts


class LocalFileStore(FileStore):
    links_to_server = True  # /api/uploads/<id>/content

    def __init__(self, data_dir: Path, secret: bytes):
        self.root = Path(data_dir) / "uploads"
        self.secret = secret

    # Named by the upload id only: nothing derived from the filing's Idempotency-Key in a path.
    def _quarantine(self, upload) -> Path:
        return self.root / "quarantine" / upload.upload_id

    def _snapshot(self, upload) -> Path:
        return self.root / "verifying" / upload.filing / upload.upload_id

    def _file(self, upload) -> Path:
        return self.root / "files" / upload.upload_id

    def upload_target(self, upload, max_bytes, expires_at, redirect=None):
        fields = {"expires": str(expires_at), "max": str(max_bytes), "Content-Type": upload.declared_type}
        if redirect:
            fields["success_action_redirect"] = redirect
        fields["signature"] = sign(self.secret, upload.upload_id, *_signed(fields))
        # A page without JavaScript reads the answer to a refused file as a page (public/app.py).
        url = f"/api/uploads/{upload.upload_id}/content" + ("?answer=page" if redirect else "")
        return {"url": url, "fields": fields}

    def signature_valid(self, upload, fields: dict) -> bool:
        try:
            expires = int(fields.get("expires", ""))
            int(fields.get("max", ""))
        except ValueError:
            return False
        expected = sign(self.secret, upload.upload_id, *_signed(fields))
        given = fields.get("signature", "").encode()  # bytes: a forged field may hold non-ASCII
        return hmac.compare_digest(expected.encode(), given) and expires >= time.time()

    def receive(self, upload, stream, max_bytes: int) -> int:
        """Write the upload to quarantine, stopping at max_bytes + 1 (the size is checked later, as
        S3 checks content-length-range); a file over the limit is not kept. Each post writes a part
        file of its own, and a whole file is put in place with a hard link, which fails if one is
        there already: two posts at once cannot mix their bytes, and the second one is refused
        (LinkSpentError)."""
        target = self._quarantine(upload)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"{target.name}.{secrets.token_hex(8)}.part")
        written = 0
        try:
            with partial.open("xb") as out:
                while written <= max_bytes:
                    chunk = stream.read(min(CHUNK, max_bytes + 1 - written))
                    if not chunk:
                        break
                    out.write(chunk)
                    written += len(chunk)
                out.flush()
                os.fsync(out.fileno())
            if written <= max_bytes:
                try:
                    os.link(partial, target)  # a half-received file is never taken for a whole one
                except FileExistsError:
                    raise LinkSpentError(upload.upload_id) from None
        finally:
            partial.unlink(missing_ok=True)
        return written

    def snapshot(self, upload) -> bool:
        snapshot = self._snapshot(upload)
        if snapshot.is_file():
            return True  # taken by an earlier attempt (the scanner was down): that one is the file
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(self._quarantine(upload), snapshot)
        except FileNotFoundError:
            return False
        return True

    def head(self, upload, length):
        path = self._snapshot(upload)
        if not path.is_file():
            return None
        with path.open("rb") as handle:
            return os.fstat(handle.fileno()).st_size, handle.read(length)

    def chunks(self, upload):
        with self._snapshot(upload).open("rb") as handle:
            while chunk := handle.read(CHUNK):
                yield chunk

    def promote(self, upload):
        target = self._file(upload)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(self._snapshot(upload), target)

    def mark_attached(self, upload):
        """Locally the database row is the mark: the sweep only deletes unattached uploads."""

    def discard(self, upload):
        for path in (self._quarantine(upload), self._snapshot(upload), self._file(upload)):
            path.unlink(missing_ok=True)

    def download_url(self, upload, filename, expires_in):
        expires = int(time.time()) + expires_in
        signature = sign(self.secret, "download", upload.upload_id, expires)
        return f"/admin/files/{upload.upload_id}?expires={expires}&signature={signature}"

    def read_attached(self, upload, limit):
        with self._file(upload).open("rb") as handle:
            data = handle.read(limit + 1)
        return None if len(data) > limit else data

    def open_file(self, upload) -> Path:
        return self._file(upload)
