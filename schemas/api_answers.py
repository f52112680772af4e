"""What the public API answers, as JSON Schema: every property the server sends, and no other.

Kept beside the code that builds each answer (named below); tests/test_openapi.py checks real
answers against these, and schemathesis checks every answer of its run.
"""

from . import vocabulary as v
from .fields import UUID_PATTERN
from .grievance import CORRECTABLE_CONTACT_FIELDS
from .identifiers import ALPHABET

_SYMBOL = f"[{ALPHABET}]"
REFERENCE = {"type": "string", "pattern": f"^{_SYMBOL}{{3}}-{_SYMBOL}{{3}}-{_SYMBOL}{{3}}$", "example": "K7M-QX4-RTU"}
TRACKING_CODE = {"type": "string", "pattern": f"^{_SYMBOL}{{4}}(-{_SYMBOL}{{4}}){{3}}$",
                 "example": "ABCD-EFGH-JKLM-NPQR"}  # fmt: skip
# What a person may type for either: the symbols in any case, with spaces or dashes between them.
TYPED_REFERENCE = {"type": "string", "maxLength": 32, "description": "The reference, as printed or typed (K7M-QX4-RTU)"}
TYPED_CODE = {"type": "string", "maxLength": 64, "description": "The tracking code, as printed or typed"}
UUID = {"type": "string", "format": "uuid", "pattern": UUID_PATTERN}
UPLOAD_ID = {"type": "string", "pattern": "^[0-9a-f]{32}$"}
STAMP = {"type": "string", "format": "date-time"}
STATUS = {"type": "string", "enum": list(v.STATUSES)}
TRUE = {"type": "boolean", "const": True}


def _nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


def _object(required: dict, optional: dict | None = None) -> dict:
    return {"type": "object", "properties": {**required, **(optional or {})}, "required": list(required),
            "additionalProperties": False}  # fmt: skip


ERROR = _object(
    {
        "ok": {"type": "boolean", "const": False},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "errors": {"type": "array", "minItems": 1, "items": _object({
            "field": {"anyOf": [{"type": "string"}, {"type": "null"}], "description": "Dotted path, or null"},
            "code": {"type": "string", "pattern": "^[a-z_]+$", "description": "Stable error code"},
            "message": {"type": "string", "description": "In the request's language"},
        })},
    }
)  # fmt: skip

RECEIPT = _object({"ok": TRUE, "reference": REFERENCE, "tracking_code": TRACKING_CODE, "status": STATUS,
                   "created_at": STAMP})  # functions/cases/filing.py Receipt.to_json  # fmt: skip

CHECKED = _object({"ok": TRUE})

TRACK = _object(  # functions/cases/follow_up.py FollowUpService.describe
    {
        "ok": TRUE,
        "reference": REFERENCE,
        "status": STATUS,
        "type": {"type": "string", "enum": list(v.GRIEVANCE_TYPES)},
        "category": {"type": "string", "enum": list(v.CATEGORIES)},
        "created_at": STAMP,
        "updated_at": _nullable(STAMP),
        "next_step": _nullable(_object({"step": {"type": "string"}, "due_at": STAMP, "overdue": {"type": "boolean"}})),
        "orientation": _nullable({"type": "string", "description": "The competent body's card"}),
        "can_reply": {"type": "boolean"},
        "can_withdraw": {"type": "boolean"},
        "timeline": {"type": "array", "items": _object({
            "at": STAMP,
            "kind": {"type": "string"},
            "status": _nullable(STATUS),
            "by": {"type": "string", "enum": ["you", "staff"]},
            "documents": {"type": "integer", "minimum": 0},
            "template": _nullable({"type": "string"}),
            "card": _nullable({"type": "string"}),
            "fields": _nullable({"type": "array", "items": {"type": "string", "enum": list(CORRECTABLE_CONTACT_FIELDS)},
                                 "description": "A correction of the person's details: which ones (never the values)"}),
            "message": _nullable({"type": "string"}),
            "language": _nullable({"type": "string"}),
        })},
        # The administrations the file was forwarded to and their clocks (functions/cases/forwarding.py);
        # what they answered reaches the complainant only through staff's own message.
        "administrations": {"type": "array", "items": _object({
            "administration": {"type": "string", "example": "cnss"},
            "names": {"type": "object", "additionalProperties": {"type": "string"},
                      "description": "The administration's name in each language"},
            "forwarded_at": STAMP,
            "due_at": {**STAMP, "description": "Its answer is expected by then"},
            "answered_at": _nullable(STAMP),
            "overdue": {"type": "boolean"},
        })},
    }
)  # fmt: skip

FOLLOW_UP = _object({"ok": TRUE, "reference": REFERENCE, "status": STATUS})  # FollowUpService._act

UPLOAD_LINK = _object(  # functions/cases/attachments.py AttachmentService.request_upload
    {
        "ok": TRUE,
        "upload_id": UPLOAD_ID,
        "url": {"type": "string", "description": "Where to post the file: S3, or /api/uploads/{upload_id}/content"},
        "fields": {"type": "object", "additionalProperties": {"type": "string"},
                   "description": "The form fields to post with the file, as given"},
        "max_bytes": {"type": "integer"},
        "expires_at": STAMP,
    }
)  # fmt: skip

UPLOAD_VERIFIED = _object(  # AttachmentService._describe
    {
        "ok": TRUE,
        "upload_id": UPLOAD_ID,
        "kind": {"type": "string", "enum": list(v.ATTACHMENT_KINDS)},
        "type": {"type": "string"},
        "size": {"type": "integer", "minimum": 1},
        "status": {"type": "string", "enum": ["verified", "attached"]},
    }
)  # fmt: skip

_COUNT = {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string", "enum": ["<5", "5+"]}]}
_TABLE = {"type": "object", "additionalProperties": _COUNT}
STATS = _object(  # functions/cases/statistics.py figures
    {
        "threshold": _nullable({"type": "integer"}),
        "total": _COUNT,
        "months": {"type": "array", "items": _object({"month": {"type": "string"}, "count": _COUNT})},
        **{name: _TABLE for name in ("status", "type", "category", "country", "region", "partner")},
        "share_oriented": _nullable({"type": "number", "minimum": 0, "maximum": 1}),
        "median_days_to_first_answer": _nullable({"type": "number", "minimum": 0}),
        "statuses_known": {"type": "array", "items": STATUS},
        # Per administration files were forwarded to (statistics.accountability), masked the same way.
        "administrations": {
            "type": "array",
            "items": _object(
                {
                    "administration": {"type": "string"},
                    "names": {"type": "object", "additionalProperties": {"type": "string"}},
                    "forwarded": _COUNT,
                    "answered": _COUNT,
                    "median_days_to_answer": _nullable({"type": "number", "minimum": 0}),
                    "overdue_now": _COUNT,
                }
            ),
        },
    }
)

REISSUE_ACCEPTED = _object({"ok": TRUE, "status": {"type": "string", "const": "accepted"}})  # cases/reissue.py
HEALTH = _object(  # functions/platform/health.py
    {"ok": {"type": "boolean"}, "storage": {"type": "string", "enum": ["ok", "unavailable"]}}
)
