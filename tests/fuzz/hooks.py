"""schemathesis hooks for tests/test_api_fuzz.py (loaded through SCHEMATHESIS_HOOKS)."""

import os
import uuid

import schemathesis

from schemas.fields import is_uuid

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


@schemathesis.hook
def before_call(context, case, kwargs):
    # A well-formed key stands for a new filing or answer, as a phone makes one: a key of its own.
    # The same key sent again with another body is refused by design (422 idempotency_conflict,
    # DESIGN.md §4; tests/test_public_api.py tries it on purpose). Malformed keys are sent as drawn.
    if case.headers and is_uuid(case.headers.get("Idempotency-Key")):
        case.headers["Idempotency-Key"] = str(uuid.uuid4())
    # "My description is recorded" stands only with a verified recording attached, a state of the
    # store no request schema can say and the fuzzer never makes (422 recording_missing:
    # tests/test_voice_uploads.py tries it both ways). A filing drawn that way is sent as a written
    # one instead; any other part of it that was drawn wrong stays wrong.
    body = case.body if isinstance(case.body, dict) else None
    if case.operation.path == "/api/grievances" and body and body.get("description_recorded") is True:
        del body["description_recorded"]
        if not str(body.get("description") or "").strip():
            body["description"] = "Written instead of recorded."
    # The same for an answer told in a recording ("text_recorded", 422 answer_recording_missing).
    if case.operation.path.endswith("/replies") and body and body.get("text_recorded") is True:
        del body["text_recorded"]
        if not str(body.get("text") or "").strip():
            body["text"] = "Written instead of recorded."


@schemathesis.hook
def filter_case(context, case):
    # The form posts of the page without JavaScript are documented (fields and text/html answers)
    # but not fuzzed: their fields are a flat text rendering of the JSON schema that the document
    # does not spell out field by field yet (docs/api.md). Every other operation is fuzzed whole.
    return case.media_type not in FORM_TYPES or case.operation.path == "/api/uploads/{upload_id}/content"


@schemathesis.hook
def after_call(context, case, response):
    # What the server answered, for the test to compare with what the document declares.
    seen = os.environ.get("SAWT_FUZZ_SEEN")
    if seen:
        with open(seen, "a", encoding="utf-8") as out:
            out.write(f"{case.method.lower()} {case.operation.path} {response.status_code}\n")
