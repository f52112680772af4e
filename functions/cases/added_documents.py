"""Documents added to a filed grievance from the pages without JavaScript.

A browser without a script cannot ask for an upload link and post to it in one page, so the person
adds documents after filing, from the receipt or the follow-up page: they choose what the document
is (the tracking code proves the file is theirs), the server opens an upload link for that file and
kind, the browser posts the file to it (the local server's stand-in or S3's presigned POST) and is
sent back to a signed address, where the file is verified exactly as the script's uploads are
(AttachmentService.verify) and attached to the grievance with an event of its own.

The address the browser comes back to names the upload and the reference only (no code, nothing
the person typed), signed with the server secret: a changed reference or upload is refused. The
key that attaches it is derived from the upload id with the same secret, so coming back twice
(a reload, a replayed address) adds the document once.
"""

import hashlib
import hmac
import uuid

from schemas.identifiers import normalise_code
from schemas.vocabulary import ATTACHMENT_KINDS, FINAL_STATUSES

from ..storage.port import AttachmentUnavailableError, IdempotencyKeyTakenError, StorageError
from ..storage.records import IdempotencyRecord, is_anonymised, iso
from .attachments import AttachmentService, UploadLinkError
from .domain_errors import InvalidInputError, StateConflictError, UnavailableError
from .filing import body_hash, new_event
from .follow_up import ATTEMPTS, FollowUpService
from .tracking_codes import key_hash

# Without a script the type is not known before the file is chosen: the link takes any bytes, and
# verification reads the real type from them (anything but a photo or a PDF is refused and deleted).
UNKNOWN_TYPE = "application/octet-stream"
UNNAMED = "document"  # S3 does not tell the name of the file; staff download it as document.pdf


def _sign(secret: bytes, upload_id: str, reference: str) -> str:
    return hmac.new(secret, f"sawt/added-document/{upload_id}|{reference}".encode(), hashlib.sha256).hexdigest()


class AddedDocuments:
    def __init__(self, follow_up: FollowUpService, attachments: AttachmentService):
        self.follow_up, self.attachments = follow_up, attachments
        self.store, self.secret, self.clock = follow_up.store, follow_up.secret, follow_up.clock

    def _key(self, upload_id: str) -> str:
        digest = hmac.new(self.secret, f"sawt/added-document-key/{upload_id}".encode(), hashlib.sha256).digest()
        return str(uuid.UUID(bytes=digest[:16]))

    def check(self, reference: str, code: str, client: str):
        """The grievance, if the code opens it and it can still take documents."""
        try:
            grievance = self.follow_up._grievance(reference, code, client)
        except StorageError:
            raise UnavailableError() from None
        if grievance.status in FINAL_STATUSES or is_anonymised(grievance):
            raise StateConflictError("already_closed")
        return grievance

    def open_link(self, reference: str, code: str, kind: str, client: str, back_to) -> dict:
        """An upload link for one document of this kind. `back_to(reference, upload_id, signature)`
        is the address the browser is sent to once the file is posted."""
        grievance = self.check(reference, code, client)
        if kind not in ATTACHMENT_KINDS:
            raise InvalidInputError([("kind", "required" if not kind else "not_one_of")])
        upload_id = uuid.uuid4().hex
        redirect = back_to(grievance.reference, upload_id, _sign(self.secret, upload_id, grievance.reference))
        return self.attachments.open_link(
            self._key(upload_id), kind, UNKNOWN_TYPE, 1, UNNAMED, client, redirect=redirect, upload_id=upload_id
        )

    def finish(self, reference: str, upload_id: str, signature: str) -> dict:
        """Verify what arrived and attach it; the same answer for a second visit once attached."""
        reference = normalise_code(reference)
        expected = _sign(self.secret, upload_id, reference)
        if not hmac.compare_digest(expected.encode(), signature.encode()):
            raise UploadLinkError()
        try:
            upload = self.store.get_upload(upload_id)
        except StorageError:
            raise UnavailableError() from None
        if upload is None or upload.filing != key_hash(self.secret, self._key(upload_id)):
            raise UploadLinkError()  # swept meanwhile, or not a link of this page
        described = self.attachments.verify(upload_id)  # rejected: a translated error, file deleted
        if upload.status == "attached" or described["status"] == "attached":
            return described
        try:
            self._attach(reference, self.store.get_upload(upload_id))
        except StorageError:
            raise UnavailableError() from None
        return {**described, "status": "attached"}

    def _attach(self, reference: str, upload) -> None:
        key = self._key(upload.upload_id)
        for _ in range(ATTEMPTS):
            grievance = self.store.get_grievance(reference)
            if grievance is None:
                raise UploadLinkError()  # erased meanwhile
            if grievance.status in FINAL_STATUSES or is_anonymised(grievance):
                raise StateConflictError("already_closed")
            self.attachments.files.mark_attached(upload)
            now = self.clock()
            event = new_event(grievance.reference, now, "documents", "complainant",
                              body={"attachments": [upload.upload_id]})  # fmt: skip
            expires = int(now.timestamp()) + self.follow_up.config.int("SAWT_IDEMPOTENCY_DAYS") * 86400
            record = IdempotencyRecord(
                key_hash(self.secret, key), body_hash(event.body), grievance.reference, iso(now), expires
            )
            try:
                done = self.store.record_change(
                    grievance.reference, grievance.status, event, {"updated_at": iso(now)}, [], record,
                    (upload.upload_id,),
                )  # fmt: skip
            except IdempotencyKeyTakenError:
                return  # attached by an earlier visit of the same address
            except AttachmentUnavailableError:
                raise InvalidInputError([("file", "unknown_attachment")]) from None
            if done:
                return
        raise UnavailableError()
