"""API Gateway (REST, proxy integration) events, as Lambda receives them behind the CDN."""

import json

EDGE = "130.176.88.7"  # a CloudFront edge: many citizens reach us through the same one


def api_gateway_event(
    method: str, path: str, body=None, headers=None, stage="public", viewer="203.0.113.7", written=None
) -> dict:
    """The chain CloudFront → API Gateway: CloudFront appends the viewer's address to whatever
    X-Forwarded-For the viewer sent (`written`), API Gateway appends the edge it was called from,
    and reports the viewer as the request's source address."""
    forwarded = ", ".join(hop for hop in (written, viewer, EDGE) if hop)
    headers = {"Host": "sawt.example.org", "X-Forwarded-For": forwarded, **(headers or {})}
    if isinstance(body, (dict, list)):
        body = json.dumps(body)
        headers.setdefault("Content-Type", "application/json")
    return {
        "resource": "/{proxy+}",
        "path": path,
        "httpMethod": method,
        "headers": headers,
        "multiValueHeaders": {k: [v] for k, v in headers.items()},
        "queryStringParameters": None,
        "multiValueQueryStringParameters": None,
        "pathParameters": {"proxy": path.lstrip("/")},
        "stageVariables": None,
        "requestContext": {
            "resourcePath": "/{proxy+}",
            "httpMethod": method,
            "path": f"/{stage}{path}",
            "stage": stage,
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
            "identity": {"sourceIp": viewer, "userAgent": "pytest"},
        },
        "body": body,
        "isBase64Encoded": False,
    }
