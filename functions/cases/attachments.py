"""Use cases of documents: give an upload link, verify what arrived, and sweep what was abandoned.

An upload counts only once verified on the server: the object exists, its size is within the
limits, its real type (read from its bytes with `filetype`, never from its name or the declared
type) is allowed, and the scan finds nothing. A voice recording is read by its container's
signature instead (`voice_signatures`), and its size is held to a recording's ceiling. Anything
else is rejected, with a translated error, and deleted.

The verified file stays the verified file: verification first closes the link (the upload's status
moves from pending to verifying in one conditional write, so one verification runs at a time and the
local link refuses any more bytes), then moves the bytes where the link cannot write, and sniffs,
scans and promotes only that snapshot.
"""

import contextlib
import datetime as dt
import uuid

import filetype
from marshmallow import ValidationError

from schemas.uploads import (
    ALLOWED_TYPES,
    EXTENSIONS,
    MAX_BYTES,
    MAX_RECORDINGS,
    MAX_VOICE_BYTES,
    MAX_VOICE_SECONDS,
    UPLOAD_SECONDS,
    UploadRequestSchema,
)

from ..platform import rate_limit
from ..platform.config import Config
from ..platform.scanning import ScanUnavailableError
from ..storage.port import FileStore, GrievanceStore, StorageError
from ..storage.records import Upload, iso, utc_now
from .domain_errors import (
    InvalidInputError,
    NotFoundError,
    SawtError,
    StateConflictError,
    UnavailableError,
    flatten_validation,
)
from .tracking_codes import key_hash
from .voice_duration import duration_seconds
from .voice_signatures import voice_type

SNIFF_BYTES = 262  # what filetype needs to recognise every type we accept
KEEP_UNATTACHED = 7 * 86400  # a verified document waits a week for its grievance to be sent


class UploadRejectedError(InvalidInputError):
    """The file arrived but is not acceptable; it has been deleted."""


class AttachmentService:
    def __init__(self, store: GrievanceStore, files: FileStore, scanner, secret: bytes, config: Config, clock=utc_now):
        self.store, self.files, self.scanner = store, files, scanner
        self.secret, self.clock = secret, clock
        self.limit = rate_limit.Limit("uploads", config.int("SAWT_UPLOADS_PER_HOUR"), 3600)

    def _described(self, raw) -> tuple:
        """What the phone says of a document to come: (filing key, kind, type, size, name)."""
        try:
            data = UploadRequestSchema().load(raw)
        except ValidationError as error:
            raise InvalidInputError(flatten_validation(error.messages)) from None
        filing = str(uuid.UUID(data["filing"]))  # as the Idempotency-Key header is read
        return filing, data["kind"], data["type"], data["size"], data["name"]

    def _new_upload(self, key, kind, declared_type, size, name, upload_id=None) -> Upload:
        """The record of a document to come (the same for a phone's link, a page without JavaScript
        and a form the server receives)."""
        now = self.clock()
        return Upload(
            upload_id=upload_id or uuid.uuid4().hex,
            filing=key_hash(self.secret, key),  # never the key itself
            kind=kind,
            declared_type=declared_type,
            declared_size=size,
            name=name,
            status="pending",
            created_at=iso(now),
            expires_at=int(now.timestamp()) + KEEP_UNATTACHED,
        )

    def request_upload(self, raw, client: str) -> dict:
        return self.open_link(*self._described(raw), client)

    def open_link(self, key: str, kind: str, declared_type: str, size: int, name: str, client: str,
                  redirect: str | None = None, upload_id: str | None = None) -> dict:  # fmt: skip
        """An upload link for the filing (or reply, or added documents) with this key, counted against
        the client's limit. `redirect`: where the browser goes once the file is posted (the pages
        without JavaScript; S3's success_action_redirect, or the local stand-in's)."""
        upload = self._new_upload(key, kind, declared_type, size, name, upload_id)
        now = self.clock()
        epoch = int(now.timestamp())
        try:
            # Every link counts, not only failures: a bound on what one client can make us store.
            rate_limit.take(self.store, self.secret, epoch, (self.limit, (client,)))
            self.store.create_upload(upload)
            target = self.files.upload_target(upload, ceiling(upload), epoch + UPLOAD_SECONDS, redirect)
        except StorageError:
            raise UnavailableError() from None
        return {
            "ok": True,
            "upload_id": upload.upload_id,
            "url": target["url"],
            "fields": target["fields"],
            "max_bytes": ceiling(upload),
            "expires_at": iso(now + dt.timedelta(seconds=UPLOAD_SECONDS)),
        }

    def accept(self, raw, stream) -> dict:
        """A document the server received itself (a correspondent's answer form, posted to the admin
        function): written to quarantine as the link would have, then verified by `verify`, the one
        verifier. Rejected bytes are deleted and raise UploadRejectedError, as on the phone's path."""
        upload = self._new_upload(*self._described(raw))
        try:
            self.store.create_upload(upload)
            self.files.receive(upload, stream, MAX_BYTES)
        except StorageError:
            raise UnavailableError() from None
        return self.verify(upload.upload_id)

    def forget(self, upload_ids) -> None:
        """Verified documents that will not be attached after all (their form failed): gone now
        rather than at the week's sweep."""
        for upload_id in upload_ids:
            upload = self.store.get_upload(upload_id)
            if upload is not None and upload.status == "verified":
                self.files.discard(upload)
                self.store.delete_upload(upload_id)

    def _reject(self, upload: Upload, code: str):
        self.files.discard(upload)
        self.store.update_upload(upload.upload_id, "verifying", status="rejected")
        raise UploadRejectedError([("file", code)])

    def _reopen(self, upload: Upload) -> None:
        """Nothing decided (no file yet, the scanner or the store down): the phone may try again."""
        # If even this fails, it stays "verifying": the phone is told to wait; the sweep removes it.
        with contextlib.suppress(StorageError):
            self.store.update_upload(upload.upload_id, "verifying", status="pending")

    def verify(self, upload_id: str) -> dict:
        try:
            upload = self.store.get_upload(upload_id)
            if upload is None or upload.status == "rejected":
                raise NotFoundError()
            if upload.status in ("verified", "attached"):
                return self._describe(upload)  # verifying twice is harmless (a retried request)
            if upload.status != "pending" or not self.store.update_upload(upload_id, "pending", status="verifying"):
                return self._verified_meanwhile(upload_id)
        except StorageError:
            raise UnavailableError() from None
        try:
            return self._check(upload)
        except (StorageError, ScanUnavailableError):
            self._reopen(upload)
            raise UnavailableError() from None
        except SawtError:
            raise  # decided (rejected, or nothing arrived): the upload is already where it belongs
        except Exception:
            # A bug or a crash of the scanner's client: nothing was decided, so the link is not left
            # "verifying" for a week; the error itself is answered and logged as any other.
            self._reopen(upload)
            raise

    def _verified_meanwhile(self, upload_id: str) -> dict:
        """Another request is verifying this upload (or just did): its answer, or wait."""
        upload = self.store.get_upload(upload_id)
        if upload and upload.status in ("verified", "attached"):
            return self._describe(upload)
        if upload is None or upload.status == "rejected":
            raise NotFoundError()
        raise UploadBusyError()

    def _check(self, upload: Upload) -> dict:
        if not self.files.snapshot(upload):
            self._reopen(upload)
            raise UploadNotArrivedError()
        size, start = self.files.head(upload, SNIFF_BYTES)
        if size == 0:
            self._reject(upload, "empty_file")
        if size > ceiling(upload):
            self._reject(upload, "recording_too_long" if upload.kind == "voice" else "file_too_large")
        sniffed = sniff(upload.kind, start)
        if sniffed is None:
            self._reject(upload, "not_a_recording" if upload.kind == "voice" else "file_not_what_it_claims")
        if not self.scanner.is_clean(self.files.chunks(upload)):
            self._reject(upload, "file_infected")
        seconds = self._length(upload, sniffed)
        if seconds is not None and seconds > MAX_VOICE_SECONDS:
            self._reject(upload, "recording_too_long")
        self.files.promote(upload)
        self.store.update_upload(
            upload.upload_id, "verifying", status="verified", size=size, sniffed_type=sniffed, duration=seconds
        )
        return self._describe(self.store.get_upload(upload.upload_id))

    def _length(self, upload: Upload, sniffed: str) -> int | None:
        """A recording's whole seconds, read from its container (at most 1 MiB, the snapshot
        verified); None for a document, or a recording whose container does not say."""
        if upload.kind != "voice":
            return None
        seconds = duration_seconds(b"".join(self.files.chunks(upload)), sniffed)
        return None if seconds is None else max(1, round(seconds))  # a blip is 0:01, not 0:00

    @staticmethod
    def _describe(upload: Upload) -> dict:
        return {
            "ok": True,
            "upload_id": upload.upload_id,
            "kind": upload.kind,
            "type": upload.sniffed_type,
            "size": upload.size,
            "status": upload.status,
        }

    def attachable(self, upload_ids: list[str], idempotency_key: str) -> list[Upload]:
        """The verified uploads of the filing (or reply) with this key; an error names the field if
        one is not."""
        owner = key_hash(self.secret, idempotency_key)
        found = []
        for upload_id in upload_ids:
            upload = self.store.get_upload(upload_id)
            ok = upload and upload.filing == owner and upload.status in ("verified", "attached")
            if not ok:
                raise InvalidInputError([("attachments", "unknown_attachment")])
            found.append(upload)
        if sum(upload.kind == "voice" for upload in found) > MAX_RECORDINGS:
            raise InvalidInputError([("attachments", "too_many_recordings")])
        return found

    def sweep(self, limit: int = 100) -> int:
        """Delete what was uploaded but never attached (the local backend; S3 lifecycle on AWS)."""
        expired = self.store.expired_uploads(int(self.clock().timestamp()), limit)
        for upload in expired:
            self.files.discard(upload)
            self.store.delete_upload(upload.upload_id)
        return len(expired)


def ceiling(upload: Upload) -> int:
    """The most bytes an upload may hold: a recording's size stands for its five minutes."""
    return MAX_VOICE_BYTES if upload.kind == "voice" else MAX_BYTES


def sniff(kind: str, start: bytes) -> str | None:
    """The type read from the first bytes, if one allowed for this kind of upload (a recording is
    audio, and a document never is)."""
    if kind == "voice":
        return voice_type(start)
    guessed = filetype.guess(start)
    return guessed.mime if guessed and guessed.mime in ALLOWED_TYPES else None


def download_name(upload: Upload) -> str:
    """The name staff download a document under: the citizen's name, with the extension of the type
    read from the bytes whatever the name said ("invoice.html" holding a PDF is "invoice.pdf")."""
    stem, dot, suffix = upload.name.rpartition(".")
    base = stem if dot and stem and suffix.isalnum() and len(suffix) <= 5 else upload.name
    return (base.strip(" .") or "document") + EXTENSIONS[upload.sniffed_type]


class UploadLinkError(SawtError):
    """The local upload URL was forged, expired, misused or used already."""

    status = 403
    code = "upload_expired"


class UploadNotArrivedError(StateConflictError):
    """Nothing was posted to the link yet: a state to wait out or send again, not a bad request."""

    code = "file_missing"

    def errors(self):
        return [("file", self.code)]


class UploadBusyError(SawtError):
    """Another request is verifying this upload right now."""

    status = 409
    code = "upload_in_progress"
