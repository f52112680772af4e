"""The OpenAPI 3 document of the public API, generated from the schemas."""

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from marshmallow import Schema
from marshmallow import fields as mf

from . import examples
from .countries import COUNTRY_CODES
from .fields import Choice, Country, Email, ListOf, Phone, Text
from .follow_up import ReplySchema, WithdrawSchema
from .grievance import GrievanceSchema
from .track import AdministrationClockSchema, TrackRequestSchema
from .uploads import UploadRequestSchema


class ErrorItemSchema(Schema):
    field = mf.String(allow_none=True, metadata={"description": "Dotted path of the field, or null"})
    code = mf.String(required=True, metadata={"description": "Stable error code"})
    message = mf.String(required=True, metadata={"description": "Text in the request's language"})


class ErrorSchema(Schema):
    ok = mf.Boolean(required=True, metadata={"example": False})
    status = mf.Integer(required=True)
    errors = mf.List(mf.Nested(ErrorItemSchema), required=True)


class ReceiptSchema(Schema):
    ok = mf.Boolean(required=True)
    reference = mf.String(required=True, metadata={"example": "K7M-QX4-RTU"})
    tracking_code = mf.String(required=True, metadata={"example": "ABCD-EFGH-JKLM-NPQR"})
    status = mf.String(required=True, metadata={"example": "received"})
    created_at = mf.DateTime(required=True)


class TimelineEntrySchema(Schema):
    at = mf.DateTime(required=True)
    kind = mf.String(required=True)
    status = mf.String(allow_none=True)
    message = mf.String(allow_none=True)


class TrackResponseSchema(Schema):
    ok = mf.Boolean(required=True)
    reference = mf.String(required=True)
    status = mf.String(required=True)
    type = mf.String(required=True)
    category = mf.String(required=True)
    created_at = mf.DateTime(required=True)
    timeline = mf.List(mf.Nested(TimelineEntrySchema), required=True)
    administrations = mf.List(mf.Nested(AdministrationClockSchema), required=True)


def _sawt_field_properties(self, field, **kwargs):
    """Carry our own fields' limits into the document, since apispec knows only marshmallow's."""
    props = {}
    if isinstance(field, Text):
        props["maxLength"] = field.max_length
        if field.min_length:
            props["minLength"] = field.min_length
    if isinstance(field, Choice):
        props["enum"] = list(field.choices)
    if isinstance(field, Country):
        props["enum"] = sorted(COUNTRY_CODES)
    if isinstance(field, Email):
        props["format"] = "email"
    if isinstance(field, Phone):
        props["description"] = "E.164, for example +33612345678"
    if isinstance(field, ListOf):
        props["maxItems"] = field.max_items
    return props


def _error_responses(*statuses):
    return {str(s): {"$ref": f"#/components/responses/Error{s}"} for s in statuses}


def build_spec() -> dict:
    plugin = MarshmallowPlugin()
    spec = APISpec(
        title="Sawt public API",
        version="1",
        openapi_version="3.0.3",
        plugins=[plugin],
        info={
            "description": "File a grievance with the Ombudsman and follow it. Errors share one shape; "
            "messages follow Accept-Language (ar, fr, en, es, it, nl, de)."
        },
    )
    plugin.converter.add_attribute_function(_sawt_field_properties)
    for name, schema in (
        ("Grievance", GrievanceSchema),
        ("TrackRequest", TrackRequestSchema),
        ("Reply", ReplySchema),
        ("Withdraw", WithdrawSchema),
        ("UploadRequest", UploadRequestSchema),
        ("Receipt", ReceiptSchema),
        ("TrackResponse", TrackResponseSchema),
        ("Error", ErrorSchema),
    ):
        spec.components.schema(name, schema=schema)
    for status, what in (
        (400, "Malformed JSON or a missing Idempotency-Key header"),
        (404, "No grievance matches this reference and tracking code"),
        (413, "The body is over the size limit"),
        (415, "The content type is not accepted"),
        (422, "The body does not validate, or the Idempotency-Key was used with another body"),
        (429, "Too many tries from this client (wrong codes, new filings, upload links); see Retry-After"),
    ):
        spec.components.response(
            f"Error{status}",
            {"description": what, "content": {"application/json": {"schema": "Error"}}},
        )
    spec.path(
        path="/api/grievances",
        operations={
            "post": {
                "summary": "File a grievance",
                "parameters": [
                    {
                        "name": "Idempotency-Key",
                        "in": "header",
                        "required": True,
                        "description": "A UUID made on the phone when the filing starts, and kept there: the "
                        "tracking code comes from it, and the server stores only a keyed hash of it. Required "
                        "for JSON.",
                        "schema": {"type": "string", "format": "uuid"},
                    }
                ],
                "requestBody": {
                    "required": True,
                    "description": "JSON from the page script. The page without JavaScript posts the same "
                    "fields as a form with dotted names (complainant.email) and is answered with HTML.",
                    "content": {
                        "application/json": {"schema": "Grievance", "example": examples.GRIEVANCE},
                        "application/x-www-form-urlencoded": {"schema": {"type": "object"}},
                    },
                },
                "responses": {
                    "201": {
                        "description": "Filed (or the same filing replayed with the same key)",
                        "content": {"application/json": {"schema": "Receipt"}},
                    },
                    **_error_responses(400, 413, 415, 422, 429),
                },
            }
        },
    )
    spec.path(
        path="/api/grievances/check",
        operations={
            "post": {
                "summary": "Check a grievance without filing it (the page's 'check your answers' step)",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": "Grievance", "example": examples.GRIEVANCE}},
                },
                "responses": {
                    "200": {"description": "The grievance would be accepted"},
                    **_error_responses(400, 413, 415, 422),
                },
            }
        },
    )
    spec.path(
        path="/api/track",
        operations={
            "post": {
                "summary": "Follow a grievance",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": "TrackRequest", "example": examples.TRACK}},
                },
                "responses": {
                    "200": {
                        "description": "Status, timeline and messages",
                        "content": {"application/json": {"schema": "TrackResponse"}},
                    },
                    **_error_responses(400, 404, 413, 415, 422, 429),
                },
            }
        },
    )
    key_header = {
        "name": "Idempotency-Key", "in": "header", "required": True, "schema": {"type": "string", "format": "uuid"},
        "description": "A UUID made on the phone; the same request sent again counts once.",
    }  # fmt: skip
    reference = {"name": "reference", "in": "path", "required": True, "schema": {"type": "string"}}
    upload_id = {"name": "upload_id", "in": "path", "required": True, "schema": {"type": "string"}}

    def json_body(schema: str, example: dict) -> dict:
        return {"required": True, "content": {"application/json": {"schema": schema, "example": example}}}

    spec.path(
        path="/api/grievances/{reference}/replies",
        operations={"post": {
            "summary": "Answer staff's request for information (with documents already verified)",
            "parameters": [reference, key_header], "requestBody": json_body("Reply", examples.REPLY),
            "responses": {"201": {"description": "Answer recorded"}, **_error_responses(400, 404, 413, 415, 422, 429)},
        }},
    )  # fmt: skip
    spec.path(
        path="/api/grievances/{reference}/withdraw",
        operations={"post": {
            "summary": "Withdraw a grievance", "parameters": [reference, key_header],
            "requestBody": json_body("Withdraw", examples.WITHDRAW),
            "responses": {"200": {"description": "Withdrawn"}, **_error_responses(400, 404, 413, 415, 422, 429)},
        }},
    )  # fmt: skip
    spec.path(
        path="/api/uploads",
        operations={"post": {
            "summary": "Ask where to upload a document: an S3 presigned POST (AWS) or a signed local URL",
            "requestBody": json_body("UploadRequest", examples.UPLOAD),
            "responses": {"201": {"description": "url and fields of the form to post the file to"},
                          **_error_responses(400, 413, 415, 422, 429)},
        }},
    )  # fmt: skip
    spec.path(
        path="/api/uploads/{upload_id}/content",
        operations={"post": {
            "summary": "Local backend only: receive the file (multipart, the fields given with the link)",
            "parameters": [upload_id],
            "responses": {"204": {"description": "Received (not yet verified)"}, **_error_responses(413)},
        }},
    )  # fmt: skip
    spec.path(
        path="/api/uploads/{upload_id}/verify",
        operations={"post": {
            "summary": "Verify an uploaded file (size, real type by its bytes, scan); refused files are deleted",
            "parameters": [upload_id],
            "responses": {"200": {"description": "Verified"}, **_error_responses(404, 422)},
        }},
    )  # fmt: skip
    spec.path(
        path="/api/stats",
        operations={"get": {"summary": "Public statistics; counts under 5 are given as \"<5\"",
                            "responses": {"200": {"description": "Figures, cacheable for 5 minutes"}}}},
    )  # fmt: skip
    spec.path(
        path="/api/stats/page",
        operations={"get": {"summary": "The statistics as an HTML page (for browsers without JavaScript)",
                            "parameters": [{"name": "lang", "in": "query", "schema": {"type": "string"}}],
                            "responses": {"200": {"description": "HTML"}}}},
    )  # fmt: skip
    spec.path(
        path="/api/openapi.json",
        operations={"get": {"summary": "This document", "responses": {"200": {"description": "OpenAPI 3"}}}},
    )
    return spec.to_dict()
