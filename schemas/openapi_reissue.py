"""The OpenAPI entry of POST /api/tracking-codes/reissue: one path and its schemas, kept apart so
the generator (schemas/openapi.py) only has to call add_reissue(spec)."""

from . import examples
from .track import ReissueRequestSchema

ACCEPTED = {
    "type": "object",
    "properties": {"ok": {"type": "boolean", "enum": [True]}, "status": {"type": "string", "enum": ["accepted"]}},
    "required": ["ok", "status"],
}


def add_reissue(spec, errors: dict) -> None:
    """`errors`: the shared error responses this operation can give (400, 413, 415, 422, 429)."""
    spec.components.schema("ReissueRequest", schema=ReissueRequestSchema)
    spec.components.schema("ReissueAccepted", ACCEPTED)
    spec.path(
        path="/api/tracking-codes/reissue",
        operations={"post": {
            "summary": "Ask for a new tracking code, e-mailed to the address given with the filing",
            "description": "Always 202 with the same body, whether or not the reference and the address "
            "match a filing (nothing can be enumerated). When they match, a new code is e-mailed in the "
            "person's language; the old code keeps working until the new one is first used, then stops. "
            "Limited per reference and per client (429). The page without JavaScript posts the same "
            "fields as a form and is answered with HTML.",
            "requestBody": {"required": True, "content": {
                "application/json": {"schema": "ReissueRequest", "example": examples.REISSUE},
                "application/x-www-form-urlencoded": {"schema": {"type": "object"}},
            }},
            "responses": {
                "202": {"description": "Accepted (the same answer whether or not the details match)",
                        "content": {"application/json": {"schema": "ReissueAccepted"}}},
                **errors,
            },
        }},
    )  # fmt: skip
