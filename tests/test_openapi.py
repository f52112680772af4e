"""The OpenAPI document: valid OpenAPI 3, generated from the schemas, every example valid."""

import pytest
from openapi_spec_validator import validate

from schemas.follow_up import ReplySchema, WithdrawSchema
from schemas.grievance import GrievanceSchema
from schemas.openapi import build_spec
from schemas.track import ReissueRequestSchema, TrackRequestSchema
from schemas.uploads import UploadRequestSchema

SCHEMAS = {
    "Grievance": GrievanceSchema,
    "TrackRequest": TrackRequestSchema,
    "Reply": ReplySchema,
    "Withdraw": WithdrawSchema,
    "UploadRequest": UploadRequestSchema,
    "ReissueRequest": ReissueRequestSchema,
}


def request_bodies():
    spec = build_spec()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if "requestBody" in operation:
                yield f"{method.upper()} {path}", operation["requestBody"]


def test_document_is_valid_openapi_3():
    validate(build_spec())


@pytest.mark.parametrize("name, body", list(request_bodies()))
def test_every_json_request_body_has_a_valid_example(name, body):
    media = body["content"]["application/json"]
    assert "example" in media, name
    schema_name = media["schema"]["$ref"].rsplit("/", 1)[1]
    SCHEMAS[schema_name]().load(media["example"])


def test_limits_come_from_the_schemas():
    grievance = build_spec()["components"]["schemas"]["Grievance"]
    assert grievance["properties"]["description"]["maxLength"] == GrievanceSchema().fields["description"].max_length
    assert grievance["additionalProperties"] is False
    assert "national_id" not in grievance["properties"]


def test_every_public_route_is_documented(public_app):
    documented = set(build_spec()["paths"])
    routes = {
        rule.rule.replace("<", "{").replace(">", "}")
        for rule in public_app.url_map.iter_rules()
        if rule.rule.startswith("/api/")
    }
    assert routes == documented
