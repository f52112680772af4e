"""API Gateway (REST, proxy integration) events, as Lambda receives them behind the CDN."""

import json


def api_gateway_event(method: str, path: str, body=None, headers=None, stage="public") -> dict:
    headers = {"Host": "sawt.example.org", "X-Forwarded-For": "203.0.113.7", **(headers or {})}
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
            "identity": {"sourceIp": "203.0.113.7", "userAgent": "pytest"},
        },
        "body": body,
        "isBase64Encoded": False,
    }
