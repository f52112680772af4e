"""Only requests that came through the CDN reach the app, when the operator says so.

On AWS the client address is the source API Gateway saw (client_address.py). A client calling the
`execute-api` address directly, around CloudFront, would skip the CDN's protections (WAF, rate
rules) and, for some endpoint types, choose the address API Gateway records. CloudFront adds a
secret origin custom header (`X-Sawt-Origin`) to every request it forwards; with
`SAWT_ORIGIN_SECRET` set, a request without that exact value is refused (403, in the API's error
shape) before anything else runs. Unset (one server, tests), nothing is checked.
"""

import hmac
import json

HEADER = "HTTP_X_SAWT_ORIGIN"
REFUSAL = json.dumps(
    {"ok": False, "status": 403, "errors": [{"field": None, "code": "forbidden", "message": "Forbidden"}]}
).encode()


class OriginGuardMiddleware:
    def __init__(self, app, secret: str):
        self.app, self.secret = app, secret.encode()

    def __call__(self, environ, start_response):
        given = environ.get(HEADER, "").encode("latin-1", "replace")
        if self.secret and not hmac.compare_digest(given, self.secret):
            headers = [("Content-Type", "application/json"), ("Content-Length", str(len(REFUSAL))),
                       ("Cache-Control", "no-store")]  # fmt: skip
            start_response("403 Forbidden", headers)
            return [REFUSAL]
        return self.app(environ, start_response)
