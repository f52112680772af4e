"""What a complainant sends to attach a document, and the limits every backend enforces."""

import re
import unicodedata
from typing import ClassVar

from marshmallow import ValidationError, fields, validates_schema

from . import vocabulary as v
from .fields import Choice, Key, StrictSchema, Text
from .rules import AtMost, OneOf, When, broken

# By the bytes, not by the name: what the server accepts after reading the file itself.
ALLOWED_TYPES = ("image/jpeg", "image/png", "image/webp", "image/heic", "application/pdf")
# A spoken description (kind "voice"): what MediaRecorder writes, kept as it came, never transcoded.
VOICE_TYPES = ("audio/webm", "audio/ogg", "audio/mp4")
# The extension staff download each type under, whatever the citizen's file was called.
EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "image/heic": ".heic",
              "application/pdf": ".pdf", "audio/webm": ".webm", "audio/ogg": ".ogg", "audio/mp4": ".m4a"}  # fmt: skip
MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 10
# A recording's length cannot be trusted from the phone, and the server never decodes it: its size
# stands for it. Five minutes of Opus at 24 kbit/s is 900 KB; 1 MiB leaves room for the container.
MAX_VOICE_BYTES = 1024 * 1024
MAX_RECORDINGS = 3  # per filing (or reply): counted when they are attached
MAX_VOICE_SECONDS = 5 * 60 + 5  # the recorder stops at 5 minutes; a few seconds' leeway for its last chunk
UPLOAD_SECONDS = 15 * 60  # an upload link lives a quarter of an hour
_BAD_NAME = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]|\.\.")


class FileName(Text):
    """A display name only (files are stored under their own id), but a clean one."""

    def __init__(self, **kwargs):
        super().__init__(200, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str) and (len(value) > 200 or _BAD_NAME.search(value)):
            raise ValidationError("invalid_file_name")
        name = super()._deserialize(value, attr, data, **kwargs)
        return unicodedata.normalize("NFC", name)


class Size(fields.Integer):
    def __init__(self, **kwargs):
        kwargs.setdefault("error_messages", {"required": "required", "invalid": "invalid_type"})
        super().__init__(strict=True, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        # A JSON number is a number: 14322.0 is 14322 bytes. true is not a size.
        if isinstance(value, bool):
            raise ValidationError("invalid_type")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        size = super()._deserialize(value, attr, data, **kwargs)
        if size <= 0:
            raise ValidationError("empty_file")
        if size > MAX_BYTES:
            raise ValidationError("file_too_large")
        return size


class UploadRequestSchema(StrictSchema):
    filing = Key(required=True)  # the filing's Idempotency-Key: uploads belong to one filing
    kind = Choice(v.ATTACHMENT_KINDS, required=True)
    type = Choice(ALLOWED_TYPES + VOICE_TYPES, required=True, error_messages={"required": "required"})
    size = Size(required=True)
    name = FileName(required=True)

    # A recording is audio and short; a document is never audio (the OpenAPI document states it too).
    RULES: ClassVar = (
        OneOf("type", VOICE_TYPES, "not_a_recording", When("kind", "voice")),
        OneOf("type", ALLOWED_TYPES, "unsupported_type", When("kind", "voice", negate=True)),
        AtMost("size", MAX_VOICE_BYTES, "recording_too_long", When("kind", "voice")),
    )

    @validates_schema
    def voice_is_audio(self, data, **kwargs):
        if errors := broken(self.RULES, data):
            raise ValidationError(errors)

    def handle_error(self, error, data, **kwargs):
        # A type outside the list is a clearer message than "choose one of the options".
        if "type" in error.messages and error.messages["type"] == ["not_one_of"]:
            error.messages["type"] = ["unsupported_type"]
        raise error
