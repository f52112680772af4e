"""An HTTP proxy between Sawt's AWS SDK calls and moto's server that injects the faults of a real
network and a real AWS: throttling, 5xx before the call reaches the service, and — the hard ones —
a 5xx, a timeout or a reset *after* the service has done the work, so the caller never hears that
its write was committed.

Only calls the SDK signs are faulted (a presigned POST from a phone carries no Authorization
header); `armed` turns the faults on and off.
"""

import http.client
import http.server
import random
import socket
import struct
import threading
import time
from collections import Counter
from urllib.parse import urlsplit

BEFORE = ("throttle", "error")  # answered by the proxy: the service never sees the call
AFTER = ("error_after_commit", "timeout_after_commit", "reset_after_commit")  # the service did it
KINDS = BEFORE + AFTER
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"}

DYNAMODB_ERRORS = {
    "throttle": (400, b'{"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException","message":"Rate exceeded"}'),
    "error": (500, b'{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"Internal error"}'),
}
S3_ERRORS = {
    "throttle": (503, b"<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>"),
    "error": (500, b"<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>"),
}


class FaultProxy:
    def __init__(self, upstream: str, rate: float, hold_seconds: float, seed: int = 15):
        target = urlsplit(upstream)
        self.upstream = (target.hostname, target.port)
        self.rate, self.hold = rate, hold_seconds
        self.random = random.Random(seed)
        self.lock = threading.Lock()
        self.armed = False
        self.calls = Counter()  # every signed call, by service
        self.faults = Counter()  # injected, by kind
        self.faulted_operations = Counter()  # injected, by operation
        self.retried = 0  # calls the SDK sent again after a fault (the same body seen again)
        self._faulted_bodies: set[bytes] = set()
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as the SDK's connection pool expects

            def log_message(self, *args):
                pass

            def relay(self):
                try:
                    proxy.relay(self)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True  # the SDK gave up on this call and went on

            do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = relay

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> "FaultProxy":
        threading.Thread(target=self.server.serve_forever, name="fault-proxy", daemon=True).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _choose(self, handler, body: bytes) -> tuple[str | None, str, str]:
        target = handler.headers.get("X-Amz-Target")
        service = "dynamodb" if target else "s3"
        operation = target.rsplit(".", 1)[-1] if target else f"S3 {handler.command}"
        if "Authorization" not in handler.headers:
            return None, service, operation
        call = handler.command.encode() + handler.path.encode() + body
        with self.lock:
            self.calls[service] += 1
            if call in self._faulted_bodies:
                self._faulted_bodies.discard(call)
                self.retried += 1
            if not self.armed or self.random.random() >= self.rate:
                return None, service, operation
            kind = self.random.choice(KINDS)
            self.faults[kind] += 1
            self.faulted_operations[operation] += 1
            self._faulted_bodies.add(call)
        return kind, service, operation

    def relay(self, handler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        kind, service, _operation = self._choose(handler, body)
        if kind in BEFORE:
            return self._canned(handler, service, kind)
        upstream = http.client.HTTPConnection(*self.upstream, timeout=120)
        headers = {k: v for k, v in handler.headers.items() if k.lower() not in HOP_BY_HOP}
        upstream.request(handler.command, handler.path, body=body, headers=headers)
        answer = upstream.getresponse()
        data = answer.read()
        upstream.close()
        if kind == "error_after_commit":
            return self._canned(handler, service, "error")
        if kind == "timeout_after_commit":
            time.sleep(self.hold)  # longer than the SDK waits: it gives up and retries
            handler.close_connection = True
            return None
        if kind == "reset_after_commit":
            # SO_LINGER 0: closing sends a TCP reset instead of an answer.
            handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            handler.close_connection = True
            return None
        handler.send_response(answer.status, answer.reason)
        for name, value in answer.getheaders():
            if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                handler.send_header(name, value)
        # A HEAD answer says how long the object is, without the bytes.
        handler.send_header(
            "Content-Length", answer.getheader("Content-Length", "0") if handler.command == "HEAD" else str(len(data))
        )
        handler.end_headers()
        if handler.command != "HEAD":
            handler.wfile.write(data)
        return None

    @staticmethod
    def _canned(handler, service: str, kind: str) -> None:
        status, body = (DYNAMODB_ERRORS if service == "dynamodb" else S3_ERRORS)[kind]
        handler.send_response(status)
        content_type = "application/x-amz-json-1.0" if service == "dynamodb" else "application/xml"
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
