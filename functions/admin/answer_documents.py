"""The documents an administration sends with its answer: posted with the answer form to the admin
function, then written to quarantine and verified by the citizen's own verifier
(functions/cases/attachments.py: size, the type read from the bytes, the scan). Nothing else
decides whether bytes are a document."""

import uuid

from flask import current_app

from schemas.uploads import MAX_FILES

from ..cases.attachments import AttachmentService
from ..cases.domain_errors import InvalidInputError
from ..cases.tracking_codes import key_hash
from ..platform.scanning import scanner_from_config

# The whole answer form, documents included: under Lambda's 6 MB request once base64-encoded.
ANSWER_BYTES = 4 * 1024 * 1024
MAX_DOCUMENTS = MAX_FILES


def attachment_service() -> AttachmentService:
    services = current_app.extensions["sawt.admin"]()
    config = services.config
    return AttachmentService(services.store, services.files, scanner_from_config(config), services.secret, config)


def _size(stream) -> int:
    stream.seek(0, 2)
    size = stream.tell()
    stream.seek(0)
    return size


def receive(posted) -> tuple[list, str | None]:
    """Verify every posted file (werkzeug FileStorage) for one answer: (the verified uploads, the
    keyed hash of the answer's own key that owns them). The first refused one raises
    InvalidInputError on "documents", and those verified before it are forgotten."""
    posted = [f for f in posted if f.filename]
    if not posted:
        return [], None
    if len(posted) > MAX_DOCUMENTS:
        raise InvalidInputError([("documents", f"too_many:{MAX_DOCUMENTS}")])
    service, key = attachment_service(), str(uuid.uuid4())
    verified = []
    try:
        for document in posted:
            raw = {"filing": key, "kind": "correspondence", "type": document.mimetype or "",
                   "size": _size(document.stream), "name": document.filename}  # fmt: skip
            described = service.accept(raw, document.stream)
            verified.append(service.store.get_upload(described["upload_id"]))
    except InvalidInputError as error:
        service.forget([u.upload_id for u in verified])
        raise InvalidInputError([("documents", code) for _field, code in error.errors()]) from None
    except Exception:
        service.forget([u.upload_id for u in verified])
        raise
    return verified, key_hash(service.secret, key)


def forget(uploads) -> None:
    """The answer was not recorded after all: its documents go now."""
    if uploads:
        attachment_service().forget([u.upload_id for u in uploads])
