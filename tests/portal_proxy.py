"""A loopback proxy in front of the local server that plays a café's captive portal.

The browser talks only to the proxy (its origin is the site's origin). Every request is passed to
the real server, except, while `portal` is set, the posts to the paths it names (prefixes): those get the portal's own
answer — a 200 sign-in page, a redirect to one, or an empty 200 — and never reach the server.
"""

import http.client
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SIGN_IN_PAGE = (
    b"<!doctype html><html><body><h1>Cafe Wi-Fi</h1><form><button>Accept and connect</button></form></body></html>"
)
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "proxy-connection", "upgrade", "te", "trailer"}


class PortalProxy:
    def __init__(self, upstream_port: int, paths: tuple[str, ...] = ("/api/grievances",)):
        self.upstream_port, self.paths = upstream_port, paths
        self.portal = None  # None (pass through), "html", "redirect" or "empty"
        self.intercepted: list[str] = []
        self.passed: list[str] = []
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # (quiet: the suite's output is for failures)
                pass

            def _answer(self, status, headers, body):
                self.send_response(status)
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _relay(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                if self.path == "/portal/login":
                    return self._answer(200, [("Content-Type", "text/html")], SIGN_IN_PAGE)
                if self.command == "POST" and proxy.portal and self.path.startswith(proxy.paths):
                    proxy.intercepted.append(self.path)
                    if proxy.portal == "redirect":
                        return self._answer(302, [("Location", "/portal/login")], b"")
                    if proxy.portal == "empty":
                        return self._answer(200, [], b"")
                    return self._answer(200, [("Content-Type", "text/html; charset=utf-8")], SIGN_IN_PAGE)
                if self.command == "POST":
                    proxy.passed.append(self.path)
                upstream = http.client.HTTPConnection("127.0.0.1", proxy.upstream_port, timeout=60)
                try:
                    headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
                    upstream.request(self.command, self.path, body=body, headers=headers)
                    response = upstream.getresponse()
                    payload = response.read()
                    kept = [
                        (k, v) for k, v in response.getheaders() if k.lower() not in HOP_BY_HOP | {"content-length"}
                    ]
                    self._answer(response.status, kept, payload)
                finally:
                    upstream.close()

            do_GET = do_POST = _relay

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "PortalProxy":
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
