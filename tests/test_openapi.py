"""The OpenAPI document tells the truth: valid OpenAPI 3.1 (two tools), generated from the rules the
server applies (the JSON Schema and the schemas agree on a table of bodies), every route of the
public app and of the local server's /api/ described, every answer the server gives obeying its
declared schema and status."""

import io
import json
import subprocess
from pathlib import Path

import jsonschema
import pytest
from openapi_spec_validator import validate
from werkzeug.test import Client

from functions.local_server import LocalServer
from functions.platform.http_errors import message_for
from schemas import examples
from schemas.follow_up import ReplySchema, WithdrawSchema
from schemas.grievance import GrievanceSchema
from schemas.openapi import BODIES, build_spec
from schemas.track import TrackRequestSchema
from schemas.uploads import UploadRequestSchema
from tests.factories import grievance, key
from tests.test_follow_up import staff_asks

ROOT = Path(__file__).resolve().parent.parent
REDOCLY = ROOT / "tools" / "api-lint" / "node_modules" / ".bin" / "redocly"
SPEC = build_spec()


def component(name: str) -> dict:
    """A component schema with the document's other components reachable (for $ref)."""
    return {"$defs": SPEC["components"]["schemas"], **SPEC["components"]["schemas"][name]}


def validator(name: str) -> jsonschema.Draft202012Validator:
    registry_schema = json.loads(json.dumps(component(name)).replace("#/components/schemas/", "#/$defs/"))
    return jsonschema.Draft202012Validator(registry_schema, format_checker=jsonschema.FormatChecker())


def test_document_is_valid_openapi_3_1():
    assert SPEC["openapi"].startswith("3.1")
    validate(SPEC)


def test_the_second_linter_finds_no_error_and_only_the_warnings_explained():
    assert REDOCLY.exists(), "make api-lint installs the linter (make test does it)"
    document = json.dumps(SPEC)
    run = subprocess.run(
        [str(REDOCLY), "lint", "--config", "redocly.yaml", "--format", "json", "/dev/stdin"],
        input=document, capture_output=True, text=True, cwd=REDOCLY.parents[2], timeout=300,
    )  # fmt: skip
    problems = json.loads(run.stdout)["problems"]
    assert [p for p in problems if p["severity"] == "error"] == []
    kept = {(p["ruleId"], p["location"][0]["pointer"]) for p in problems}
    # docs/api.md: the four GETs answer nothing in 4xx (no input to refuse).
    assert kept == {
        ("operation-4xx-response", f"#/paths/{path}/get/responses")
        for path in ("~1api~1stats", "~1api~1stats~1page", "~1api~1openapi.json", "~1api~1health")
    }


def request_bodies():
    for path, operations in SPEC["paths"].items():
        for method, operation in operations.items():
            media = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if media:
                yield f"{method.upper()} {path}", media


@pytest.mark.parametrize("name, media", list(request_bodies()))
def test_every_json_request_body_has_an_example_both_accept(name, media):
    schema_name = media["schema"]["$ref"].rsplit("/", 1)[1]
    BODIES[schema_name]().load(media["example"])
    validator(schema_name).validate(media["example"])


# Bodies on either side of each rule between fields: the document and the schemas must agree.
AGREEMENT = [
    ("Grievance", grievance(), True),
    ("Grievance", grievance(not_before_court=False), False),
    ("Grievance", grievance(not_before_court=None), False),
    ("Grievance", grievance(type="orientation_request", not_before_court=False), True),
    ("Grievance", grievance(administration=""), False),
    ("Grievance", grievance(type="orientation_request", administration=None, desired_outcome="  "), True),
    ("Grievance", grievance(consent=False), False),
    ("Grievance", grievance(filer_kind="collective"), False),
    ("Grievance", grievance(filer_kind="collective", members=[{"given_name": "A", "family_name": "B"}] * 2), True),
    ("Grievance", grievance(members=[{"given_name": "A", "family_name": "B"}] * 2), False),
    ("Grievance", grievance(members=[]), True),
    ("Grievance", grievance(filer_kind="legal_person"), False),
    (
        "Grievance",
        grievance(
            organisation={"name": "Amal", "nature": "association", "seat": "Lyon", "legal_representative": "S. B."}
        ),
        False,
    ),
    ("Grievance", grievance(filed_by_representative=True), False),
    (
        "Grievance",
        grievance(filed_by_representative=True, representative={"given_name": "A", "family_name": "B"}),
        True,
    ),
    (
        "Grievance",
        grievance(complainant__email=None, complainant__phone=None, complainant__preferred_contact=None),
        False,
    ),
    ("Grievance", grievance(complainant__email=None, complainant__preferred_contact="phone"), True),
    ("Grievance", grievance(complainant__email=None), False),  # prefers email, gives none
    ("Grievance", grievance(complainant__phone="0033 6 12-34-56-78"), True),
    ("Grievance", grievance(complainant__phone="+33 6 12\t34 56 78"), False),
    ("Grievance", grievance(complainant__phone="612345678"), False),
    ("Grievance", grievance(complainant__email="fatima@example"), False),
    ("Grievance", grievance(complainant__email=" fatima@example.org "), True),
    ("Grievance", grievance(complainant__country_of_residence="fr"), True),
    ("Grievance", grievance(prior_steps__contacted_on=None), False),
    ("Grievance", grievance(prior_steps__contacted=False, prior_steps__contacted_on=None), True),
    ("Grievance", grievance(prior_steps__contacted_on="2025-02-30"), False),
    ("Grievance", grievance(subject="  ab  "), False),
    ("Grievance", grievance(subject="abc"), True),
    ("Grievance", grievance(subject="a" * 150), True),
    ("Grievance", grievance(subject="a" * 151), False),
    ("Grievance", grievance(subject="a\u202eb c"), False),
    ("Grievance", grievance(subject="line\nbreak"), False),
    ("Grievance", grievance(subject="  trimmed\n"), True),
    ("Grievance", grievance(national_id="X"), False),
    ("TrackRequest", {"reference": "k7m qx4 rtu", "tracking_code": "abcd-efgh-jkmn-pqrs"}, True),
    ("TrackRequest", {"reference": "K7M-QX4-RT", "tracking_code": "ABCD-EFGH-JKMN-PQRS"}, False),
    ("TrackRequest", {"reference": "K7M-QX4-RT0", "tracking_code": "ABCD-EFGH-JKMN-PQRS"}, False),
    ("TrackRequest", {"reference": "K7M-QX4-RTU", "tracking_code": "ABCD-EFGH-JKMN-PQR"}, False),
    ("TrackRequest", {"reference": "K7M-QX4-RTU", "tracking_code": "ABCD-EFGH-JKMN-PQRſ"}, False),
    ("Reply", {"tracking_code": "ABCD-EFGH-JKMN-PQRS", "text": " "}, False),
    ("Reply", {"tracking_code": "ABCD-EFGH-JKMN-PQRS", "text": "Voici"}, True),
    ("Withdraw", {"tracking_code": "ABCD-EFGH-JKMN-PQRS", "reason": None}, True),
    ("UploadRequest", examples.UPLOAD, True),
    ("UploadRequest", {**examples.UPLOAD, "filing": "{0b9f8f3e-6a55-4d8a-9d51-1b2f3c4d5e6f}"}, False),
    ("UploadRequest", {**examples.UPLOAD, "size": 14322.0}, True),
    ("UploadRequest", {**examples.UPLOAD, "size": True}, False),
    ("UploadRequest", {**examples.UPLOAD, "size": 0}, False),
    ("UploadRequest", {**examples.UPLOAD, "name": "../etc/passwd"}, False),
    ("UploadRequest", {**examples.UPLOAD, "type": "text/html"}, False),
]


@pytest.mark.parametrize("name, body, accepted", AGREEMENT)
def test_the_document_and_the_schemas_agree(name, body, accepted):
    schema = {"Grievance": GrievanceSchema, "TrackRequest": TrackRequestSchema, "Reply": ReplySchema,
              "Withdraw": WithdrawSchema, "UploadRequest": UploadRequestSchema}[name]()  # fmt: skip
    errors = schema.validate(body)
    assert (not errors) == accepted, errors
    assert validator(name).is_valid(body) == accepted


def test_limits_come_from_the_schemas():
    grievance_schema = SPEC["components"]["schemas"]["Grievance"]
    # Optional (a voice recording may tell it instead): the text's own schema is the first choice.
    description = grievance_schema["properties"]["description"]["anyOf"][0]
    assert description["maxLength"] == GrievanceSchema().fields["description"].max_length
    assert grievance_schema["additionalProperties"] is False
    assert "national_id" not in grievance_schema["properties"]


def documented_paths():
    return {path.replace("{", "<").replace("}", ">") for path in SPEC["paths"]}


def test_every_public_route_is_documented(public_app):
    routes = {(rule.rule, method) for rule in public_app.url_map.iter_rules() if rule.rule.startswith("/api/")
              for method in rule.methods - {"HEAD", "OPTIONS"}}  # fmt: skip
    documented = {(path.replace("{", "<").replace("}", ">"), method.upper())
                  for path, methods in SPEC["paths"].items() for method in methods}  # fmt: skip
    assert routes == documented


def test_the_local_servers_api_surface_is_the_public_apps(config, built_site):
    """`make run` serves /api/ from the public app alone: what is not one of its routes is its 404."""
    server = LocalServer(config.__class__.from_env(SAWT_SITE_DIR=str(built_site)))
    local = Client(server)
    for path, methods in SPEC["paths"].items():
        answer = local.open(path.replace("{reference}", "K7MQX4RTU").replace("{upload_id}", "x"), method="PUT")
        assert answer.status_code == 405 and set(methods) <= set(answer.headers["Allow"].lower().split(", "))
    stray = local.get("/api/not-a-route")
    assert stray.status_code == 404 and stray.get_json()["errors"][0]["code"] == "route_not_found"


def answer_schema(path: str, method: str, status: int) -> dict | None:
    response = SPEC["paths"][path][method]["responses"][str(status)]
    if "$ref" in response:
        response = SPEC["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
    media = response.get("content", {}).get("application/json")
    return media["schema"]["$ref"].rsplit("/", 1)[1] if media else None


def obeys(path: str, method: str, response) -> None:
    assert str(response.status_code) in SPEC["paths"][path][method]["responses"], response.status_code
    name = answer_schema(path, method, response.status_code)
    if name:
        validator(name).validate(response.get_json())


def test_real_answers_obey_their_declared_schemas(client, public_app):
    filing_key = key()
    receipt = client.post("/api/grievances", json=grievance(), headers={"Idempotency-Key": filing_key})
    obeys("/api/grievances", "post", receipt)
    again = client.post("/api/grievances", json=grievance(), headers={"Idempotency-Key": filing_key})
    obeys("/api/grievances", "post", again)
    assert again.headers["Idempotent-Replayed"] == "true"
    body = receipt.get_json()
    codes = {k: body[k] for k in ("reference", "tracking_code")}
    obeys("/api/track", "post", client.post("/api/track", json=codes))
    staff_asks(public_app, body)
    tracked = client.post("/api/track", json=codes)
    obeys("/api/track", "post", tracked)
    assert tracked.get_json()["timeline"][-1]["message"]  # a staff message, with its template
    ref = body["reference"]
    reply = client.post(f"/api/grievances/{ref}/replies", json={"tracking_code": body["tracking_code"], "text": "Voici"},
                        headers={"Idempotency-Key": key()})  # fmt: skip
    obeys("/api/grievances/{reference}/replies", "post", reply)
    again = client.post(f"/api/grievances/{ref}/replies", json={"tracking_code": body["tracking_code"], "text": "Re"},
                        headers={"Idempotency-Key": key()})  # fmt: skip
    assert again.status_code == 409
    obeys("/api/grievances/{reference}/replies", "post", again)
    withdrawn = client.post(f"/api/grievances/{ref}/withdraw", json={"tracking_code": body["tracking_code"]},
                            headers={"Idempotency-Key": key()})  # fmt: skip
    obeys("/api/grievances/{reference}/withdraw", "post", withdrawn)
    obeys("/api/track", "post", client.post("/api/track", json={**codes, "tracking_code": "2222-3333-4444-5555"}))
    obeys("/api/track", "post", client.post("/api/track", json={"reference": "K7M-QX4-RT2", "tracking_code": "x"}))
    obeys("/api/grievances/check", "post", client.post("/api/grievances/check", json=grievance()))
    obeys(
        "/api/grievances/check", "post", client.post("/api/grievances/check", data="{", content_type="application/json")
    )
    obeys("/api/grievances", "post", client.post("/api/grievances", json=grievance()))  # no key: 400
    obeys("/api/grievances", "post", client.post("/api/grievances", data="x", content_type="text/plain"))
    link = client.post("/api/uploads", json=examples.UPLOAD)
    obeys("/api/uploads", "post", link)
    upload_id = link.get_json()["upload_id"]
    obeys("/api/uploads/{upload_id}/verify", "post", client.post(f"/api/uploads/{upload_id}/verify"))
    expired = client.post(
        f"/api/uploads/{upload_id}/content", data={"signature": "forged", "file": (io.BytesIO(b"%PDF"), "a.pdf")}
    )
    assert expired.status_code == 403
    obeys("/api/uploads/{upload_id}/content", "post", expired)
    obeys("/api/uploads/{upload_id}/verify", "post", client.post("/api/uploads/nope/verify"))
    obeys("/api/stats", "get", client.get("/api/stats"))


def test_a_method_the_document_does_not_list_is_405_with_allow(client):
    answer = client.get("/api/grievances")
    assert answer.status_code == 405 and set(answer.headers["Allow"].split(", ")) == {"OPTIONS", "POST"}
    validator("Error").validate(answer.get_json())


def test_a_wrong_check_character_is_a_reference_that_is_nowhere(client):
    answer = client.post("/api/track", json={"reference": "K7M-QX4-RT2", "tracking_code": "ABCD-EFGH-JKMN-PQRS"},
                         headers={"Accept-Language": "fr"})  # fmt: skip
    assert answer.status_code == 404
    message = message_for("invalid_reference", "fr", "reference")[1]
    assert answer.get_json()["errors"] == [{"field": "reference", "code": "invalid_reference", "message": message}]
