"""The client address that limits and the audit log use: the person's, behind every proxy.

- **AWS** (CloudFront → API Gateway → Zappa): the source address API Gateway itself determined,
  `requestContext.identity.sourceIp`, which Zappa hands to the app in `environ["lambda.event"]`.
  API Gateway takes it from the hop CloudFront appended to X-Forwarded-For (the viewer's address),
  never from what the client wrote there. The header itself is not used on Lambda: its last hop is
  the CloudFront edge, shared by everyone that edge serves (what ProxyFix with one trusted proxy
  used to pick), and any hop further left may have been written by the client.
- **One server behind a reverse proxy** (nginx, Caddy): the hop `SAWT_TRUSTED_PROXIES` counts from
  the right of X-Forwarded-For — the one the outermost trusted proxy appended.
- Otherwise the TCP peer.
"""

import ipaddress


def _address(text) -> str | None:
    try:
        return str(ipaddress.ip_address(str(text).strip()))
    except ValueError:
        return None


def client_address(environ: dict, trusted_proxies: int) -> str:
    event = environ.get("lambda.event")
    if isinstance(event, dict):
        context = event.get("requestContext") or {}
        # REST APIs (payload 1.0) put it under identity, HTTP APIs (2.0) under http.
        source = (context.get("identity") or {}).get("sourceIp") or (context.get("http") or {}).get("sourceIp")
        return _address(source) or "unknown"
    if trusted_proxies > 0:
        hops = [hop for hop in environ.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= trusted_proxies:
            found = _address(hops[-trusted_proxies])
            if found:
                return found
    return _address(environ.get("REMOTE_ADDR")) or "unknown"


class ClientAddressMiddleware:
    """Sets REMOTE_ADDR to the client's address before the app sees the request, so every use of
    `request.remote_addr` (limits, the audit log) sees the same, right value."""

    def __init__(self, app, trusted_proxies: int):
        self.app, self.trusted_proxies = app, trusted_proxies

    def __call__(self, environ, start_response):
        environ["REMOTE_ADDR"] = client_address(environ, self.trusted_proxies)
        return self.app(environ, start_response)
