"""The OpenAPI 3.1 document of the public API, generated from the schemas the server applies.

Request bodies come from the marshmallow schemas and their declared rules (schemas/json_schema.py),
answers from schemas/api_answers.py. Each operation is one entry of `operations()`: its body, the
statuses it answers with, its headers and the links a client (or schemathesis' stateful phase)
follows to the next step. Adding an endpoint is adding one entry there.
"""

from . import api_answers as answers
from . import examples
from .follow_up import ReplySchema, WithdrawSchema
from .grievance import GrievanceSchema
from .json_schema import object_schema
from .track import ReissueRequestSchema, TrackRequestSchema
from .uploads import MAX_BYTES, UploadRequestSchema
from .vocabulary import LANGUAGES

JSON, FORM, MULTIPART, HTML = (
    "application/json",
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "text/html",
)
ERROR_WORDS = {
    400: "Malformed JSON, or a missing or malformed Idempotency-Key header",
    403: "The upload link has expired, was used, or its fields were changed (upload_expired)",
    404: "No grievance (or upload) matches: an unknown reference, a wrong tracking code, a reference whose "
    "check character is wrong (invalid_reference)",
    409: "The file's present state refuses a well-formed request: it is not waiting for an answer "
    "(not_awaiting_reply), it is already closed (already_closed), nothing was uploaded yet (file_missing), "
    "or another request is checking the file (upload_in_progress)",
    413: "The body is over the size limit",
    415: "The content type is not accepted",
    422: "The body does not validate (each error names its field), or the Idempotency-Key was used with "
    "another body (idempotency_conflict)",
    429: "Too many tries from this client (wrong codes, new filings, upload links): wait Retry-After seconds",
    503: "The store is unavailable: nothing was saved, the same request may be sent again",
}
BODIES = {
    "Grievance": GrievanceSchema,
    "TrackRequest": TrackRequestSchema,
    "Reply": ReplySchema,
    "Withdraw": WithdrawSchema,
    "UploadRequest": UploadRequestSchema,
    "ReissueRequest": ReissueRequestSchema,
}
ANSWERS = {
    "Error": answers.ERROR,
    "Receipt": answers.RECEIPT,
    "Checked": answers.CHECKED,
    "TrackResponse": answers.TRACK,
    "FollowUpAnswer": answers.FOLLOW_UP,
    "UploadLink": answers.UPLOAD_LINK,
    "UploadVerified": answers.UPLOAD_VERIFIED,
    "Statistics": answers.STATS,
    "ReissueAccepted": answers.REISSUE_ACCEPTED,
    "Health": answers.HEALTH,
}
HEADERS = {
    "Retry-After": {"description": "Seconds to wait before trying again",
                    "schema": {"type": "string", "pattern": "^[0-9]+$"}, "required": True},
    "Idempotent-Replayed": {"description": "Present when this is the answer to the same request sent before",
                            "schema": {"type": "string", "const": "true"}},
    "Cache-Control": {"description": "How long a cache may keep the answer", "schema": {"type": "string"}},
}  # fmt: skip
PARAMETERS = {
    "IdempotencyKey": {
        "name": "Idempotency-Key", "in": "header", "required": True, "schema": answers.UUID,
        "description": "A UUID made on the phone when the filing (or answer) starts, and kept there: the same "
        "request sent again counts once. Required with JSON; the forms without JavaScript carry it as a field.",
    },
    "AcceptLanguage": {
        "name": "Accept-Language", "in": "header", "required": False, "schema": {"type": "string"},
        "description": f"The language of the messages: one of {', '.join(LANGUAGES)} (others fall back to Arabic)",
    },
    "Reference": {"name": "reference", "in": "path", "required": True, "schema": answers.TYPED_REFERENCE},
    "UploadId": {"name": "upload_id", "in": "path", "required": True, "schema": {"type": "string"}},
}  # fmt: skip


def ref(kind: str, name: str) -> dict:
    return {"$ref": f"#/components/{kind}/{name}"}


def _form_fields(description: str) -> dict:
    return {"schema": {"type": "object", "additionalProperties": {"type": "string"}, "description": description}}


def json_body(schema: str, example: dict, form: str | None = None) -> dict:
    content = {JSON: {"schema": ref("schemas", schema), "example": example}}
    if form:
        content[FORM] = _form_fields(form)
    return {"required": True, "content": content}


def answer(words: str, schema: str | None = None, html: bool = False, headers=()) -> dict:
    content = {JSON: {"schema": ref("schemas", schema)}} if schema else {}
    if html:
        content[HTML] = {"schema": {"type": "string"}}
    out = {"description": words, "content": content} if content else {"description": words}
    if headers:
        out["headers"] = {name: ref("headers", name) for name in headers}
    return out


def errors(*statuses: int, html: bool = False) -> dict:
    return {str(s): ref("responses", f"{'Page' if html else ''}Error{s}") for s in statuses}


def operations() -> dict:
    """path -> method -> operation. The form posts of the page without JavaScript share the path
    of their JSON operation; their answers are text/html pages."""
    common = [ref("parameters", "AcceptLanguage")]
    keyed = [*common, ref("parameters", "IdempotencyKey")]
    filing_links = {
        "TrackIt": {"operationId": "trackGrievance", "requestBody": {
            "reference": "$response.body#/reference", "tracking_code": "$response.body#/tracking_code"}},
        "ReplyToIt": {"operationId": "replyToStaff", "parameters": {"reference": "$response.body#/reference"},
                      "requestBody": {"tracking_code": "$response.body#/tracking_code", "text": "Here it is."}},
        "WithdrawIt": {"operationId": "withdrawGrievance", "parameters": {"reference": "$response.body#/reference"},
                       "requestBody": {"tracking_code": "$response.body#/tracking_code"}},
        "AskANewCode": {"operationId": "reissueTrackingCode", "requestBody": {
            "reference": "$response.body#/reference", "email": examples.GRIEVANCE["complainant"]["email"]}},
    }  # fmt: skip
    upload_links = {
        "SendTheFile": {"operationId": "sendUploadContent", "parameters": {"upload_id": "$response.body#/upload_id"},
                        "requestBody": {"expires": "$response.body#/fields/expires",
                                        "max": "$response.body#/fields/max",
                                        "Content-Type": "$response.body#/fields/Content-Type",
                                        "signature": "$response.body#/fields/signature"}},
        "VerifyIt": {"operationId": "verifyUpload", "parameters": {"upload_id": "$response.body#/upload_id"}},
    }  # fmt: skip
    return {
        "/api/grievances": {"post": {
            "operationId": "fileGrievance", "summary": "File a grievance",
            "description": "JSON from the page script. The page without JavaScript posts the same fields as a "
            "form, with dotted names (complainant.email) and `_action` = review, edit, add_member or send (with "
            "the review page's idempotency_key field), and is answered with pages.",
            "parameters": keyed,
            "requestBody": json_body("Grievance", examples.GRIEVANCE, form="The form's fields (no JavaScript)"),
            "responses": {
                "200": answer("The form again, or the answers to check before sending (form posts)", html=True),
                "201": {**answer("Filed, or the same filing sent again with the same key (then with "
                                 "Idempotent-Replayed)", "Receipt", html=True, headers=["Idempotent-Replayed"]),
                        "links": filing_links},
                **errors(400, 413, 415, 422, 429, 503, html=True),
            },
        }},
        "/api/grievances/check": {"post": {
            "operationId": "checkGrievance", "summary": "Check a grievance without filing it (each step of the form)",
            "parameters": common, "requestBody": json_body("Grievance", examples.GRIEVANCE),
            "responses": {"200": answer("The grievance would be accepted", "Checked"), **errors(400, 413, 415, 422)},
        }},
        "/api/track": {"post": {
            "operationId": "trackGrievance", "summary": "Follow a grievance: status, timeline and messages",
            "parameters": common,
            "requestBody": json_body("TrackRequest", examples.TRACK, form="reference and tracking_code"),
            "responses": {"200": answer("Where the grievance is", "TrackResponse", html=True),
                          **errors(400, 404, 413, 415, 422, 429, 503, html=True)},
        }},
        "/api/grievances/{reference}/replies": {"post": {
            "operationId": "replyToStaff",
            "summary": "Answer staff's request for information (documents verified first)",
            "parameters": [*keyed, ref("parameters", "Reference")],
            "requestBody": json_body("Reply", examples.REPLY, form="tracking_code, text and idempotency_key"),
            "responses": {"200": answer("The file again, with the answer (form posts)", html=True),
                          "201": answer("Answer recorded (or the same answer sent again)", "FollowUpAnswer"),
                          **errors(400, 404, 409, 413, 415, 422, 429, 503, html=True)},
        }},
        "/api/grievances/{reference}/withdraw": {"post": {
            "operationId": "withdrawGrievance", "summary": "Withdraw a grievance",
            "parameters": [*keyed, ref("parameters", "Reference")],
            "requestBody": json_body("Withdraw", examples.WITHDRAW,
                                     form="tracking_code, reason, idempotency_key and _action=confirmed"),
            "responses": {"200": answer("Withdrawn (or the same withdrawal sent again); form posts: the question "
                                        "first, then the file", "FollowUpAnswer", html=True),
                          **errors(400, 404, 409, 413, 415, 422, 429, 503, html=True)},
        }},
        "/api/grievances/{reference}/documents": {"post": {
            "operationId": "addDocumentsPage",
            "summary": "Pages without JavaScript: add a document to a filed grievance (what it is, then its form)",
            "description": "A form post only (documents/architecture: documents without JavaScript): tracking_code, "
            "then _action=choose with kind. Answered with the page whose form posts the file straight to storage "
            "(S3's presigned POST, or /api/uploads/{upload_id}/content on the local backend), which sends the "
            "browser back to addDocumentsBack.",
            "parameters": [*common, ref("parameters", "Reference")],
            "requestBody": {"required": True, "content": {FORM: _form_fields("tracking_code, _action and kind")}},
            "responses": {"200": answer("What the document is, or the file's form", html=True),
                          **errors(404, 409, 413, 422, 429, 503, html=True)},
        }},
        "/api/grievances/{reference}/documents/{upload_id}": {"get": {
            "operationId": "addDocumentsBack",
            "summary": "Pages without JavaScript: back from posting the file; verify it and add it to the grievance",
            "description": "The address storage sends the browser to (S3's success_action_redirect), signed by the "
            "server: the file is verified as verifyUpload does, then added once (coming back again adds nothing).",
            "parameters": [*common, ref("parameters", "Reference"), ref("parameters", "UploadId"),
                           {"name": "signature", "in": "query", "required": True, "schema": {"type": "string"},
                            "description": "The server's signature of the upload and the reference"},
                           {"name": "lang", "in": "query", "required": False, "schema": {"type": "string"},
                            "description": "The page's language (others: Accept-Language)"}],
            "responses": {"200": answer("Added (or added before)", html=True),
                          "422": answer("The file was refused (empty, too large, not a photo or a PDF, infected) "
                                        "and deleted", html=True),
                          **errors(403, 409, 503, html=True)},
        }},
        "/api/uploads": {"post": {
            "operationId": "requestUpload",
            "summary": "Ask where to upload a document: an S3 presigned POST (AWS) or a signed local address",
            "parameters": common, "requestBody": json_body("UploadRequest", examples.UPLOAD),
            "responses": {"201": {**answer("Where to post the file, with the fields to post", "UploadLink"),
                                  "links": upload_links},
                          **errors(400, 413, 415, 422, 429, 503)},
        }},
        "/api/uploads/{upload_id}/content": {"post": {
            "operationId": "sendUploadContent",
            "summary": "Local backend only: receive the file, posted with the fields given with its link",
            "parameters": [*common, ref("parameters", "UploadId"),
                           {"name": "answer", "in": "query", "required": False, "schema": {"type": "string"},
                            "description": "`page`: a page without JavaScript (a refusal is a page, success a "
                            "303 to success_action_redirect, a signed field like the others); any other value, "
                            "or none, the script's answer (204)"}],
            "requestBody": {"required": True, "content": {MULTIPART: {"schema": {
                "type": "object", "required": ["expires", "max", "Content-Type", "signature", "file"],
                "properties": {"expires": {"type": "string"}, "max": {"type": "string"},
                               "Content-Type": {"type": "string"}, "signature": {"type": "string"},
                               "file": {"type": "string", "contentMediaType": "application/octet-stream",
                                        "maxLength": MAX_BYTES}}}}}},
            "responses": {"204": answer("Received (not yet verified)"),
                          "303": {"description": "Received, for a page without JavaScript: on to its signed address"},
                          **errors(403, 413, html=True)},  # a page's refusals are pages
        }},
        "/api/uploads/{upload_id}/verify": {"post": {
            "operationId": "verifyUpload",
            "summary": "Verify an uploaded file (size, real type by its bytes, scan); a refused file is deleted",
            "parameters": [*common, ref("parameters", "UploadId")],
            "responses": {"200": answer("Verified (verifying again is harmless)", "UploadVerified"),
                          **errors(404, 409, 422, 503)},
        }},
        "/api/tracking-codes/reissue": {"post": {
            "operationId": "reissueTrackingCode",
            "summary": "Ask for a new tracking code, e-mailed to the address given with the filing",
            "description": "Always 202 with the same body, whether or not the reference and the address match a "
            "filing (nothing can be enumerated). When they match, a new code is e-mailed in the person's language; "
            "the old code keeps working until the new one is first used, then stops. Limited per reference and "
            "per client (429).",
            "parameters": common,
            "requestBody": json_body("ReissueRequest", examples.REISSUE, form="reference and email"),
            "responses": {"202": answer("Accepted: the same answer whether or not the details match",
                                        "ReissueAccepted", html=True),
                          **errors(400, 413, 415, 422, 429, 503, html=True)},
        }},
        "/api/health": {"get": {
            "operationId": "health",
            "summary": "Whether the store answers, for load balancers and monitors (no limit, never cached)",
            "responses": {"200": answer("Healthy", "Health", headers=["Cache-Control"]),
                          "503": answer("The store does not answer", "Health", headers=["Cache-Control"])},
        }},
        "/api/stats": {"get": {
            "operationId": "statistics", "summary": 'Public statistics; counts under 5 are given as "<5"',
            "responses": {"200": answer("Figures (a cache may keep them five minutes)", "Statistics",
                                        headers=["Cache-Control"])},
        }},
        "/api/stats/page": {"get": {
            "operationId": "statisticsPage", "summary": "The statistics as a page (browsers without JavaScript)",
            "parameters": [{"name": "lang", "in": "query", "required": False,
                            "schema": {"type": "string"},
                            "description": "The page's language (others: Accept-Language)"}],
            "responses": {"200": answer("The page", html=True, headers=["Cache-Control"])},
        }},
        "/api/openapi.json": {"get": {
            "operationId": "openapiDocument", "summary": "This document",
            "responses": {"200": {"description": "OpenAPI 3.1", "content": {JSON: {"schema": {"type": "object"}}}}},
        }},
    }  # fmt: skip


def _responses(paths: dict) -> dict:
    """The error answers the operations name: JSON, or JSON and a page for the form posts."""
    used = {
        answer["$ref"].rsplit("/", 1)[1]
        for methods in paths.values()
        for operation in methods.values()
        for answer in operation["responses"].values()
        if "$ref" in answer
    }
    out = {}
    for status, words in ERROR_WORDS.items():
        headers = {"headers": {"Retry-After": ref("headers", "Retry-After")}} if status == 429 else {}
        json = {JSON: {"schema": ref("schemas", "Error")}}
        for prefix, content in (("", json), ("Page", {**json, HTML: {"schema": {"type": "string"}}})):
            if f"{prefix}Error{status}" in used:
                out[f"{prefix}Error{status}"] = {"description": words, "content": content, **headers}
    return out


def build_spec(server: str = "/") -> dict:
    paths = operations()
    for methods in paths.values():
        for operation in methods.values():
            operation["security"] = []  # anonymous: the tracking code in the body is the proof
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "info": {
            "title": "Sawt public API",
            "version": "1",
            "description": "File a grievance with the Ombudsman and follow it. Errors share one shape "
            '({"ok": false, "status", "errors": [{"field", "code", "message"}]}); messages follow Accept-Language '
            f"({', '.join(LANGUAGES)}). Pages without JavaScript post forms and are answered with HTML.",
            "license": {"name": "AGPL-3.0-or-later", "identifier": "AGPL-3.0-or-later"},
        },
        "servers": [{"url": server, "description": "The origin this document was read from"}],
        "paths": paths,
        "components": {
            "schemas": {**{name: object_schema(s) for name, s in BODIES.items()}, **ANSWERS},
            "responses": _responses(paths),
            "headers": HEADERS,
            "parameters": PARAMETERS,
        },
    }
