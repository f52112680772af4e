"""Serve the built site the way the CDN does: precompressed files, ETags, the right cache policy.

Hashed assets are immutable for a year; HTML, the service worker and stable aliases are revalidated
on every visit, so a new deployment is seen at once and the service worker decides what is cached.
"""

import hashlib
import mimetypes
import re
from pathlib import Path

from werkzeug.wrappers import Request, Response

HASHED = re.compile(r"\.[0-9a-f]{10}\.[a-z0-9]+$")
# The language of an address, from its prefix: /fr/… or a partner's /p/<slug>/fr/….
NOT_FOUND_LANGUAGE = re.compile(r"^/(?:p/[^/]+/)?([a-z]{2})(?:/|$)")
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".pdf": "application/pdf",
    ".txt": "text/plain; charset=utf-8",
}


def cache_policy(path: str) -> str:
    if HASHED.search(path):
        return "public, max-age=31536000, immutable"
    return "no-cache"


class StaticSite:
    def __init__(self, root: Path, extra_headers: dict[str, str]):
        self.root = Path(root).resolve()
        self.extra_headers = extra_headers
        self._etags: dict[tuple[Path, float], str] = {}

    def _resolve(self, url_path: str) -> Path | None:
        relative = url_path.lstrip("/")
        if url_path.endswith("/"):
            relative += "index.html"
        try:
            candidate = (self.root / relative).resolve()
            if not candidate.is_relative_to(self.root) or not candidate.is_file():
                return None
        except (ValueError, OSError):  # a NUL byte ("%00"), a name too long for the file system
            return None
        return candidate

    def _etag(self, path: Path) -> str:
        key = (path, path.stat().st_mtime)
        if key not in self._etags:
            self._etags[key] = '"' + hashlib.sha256(path.read_bytes()).hexdigest()[:20] + '"'
        return self._etags[key]

    def not_found_page(self, url_path: str) -> Path:
        """The 404 page in the language of the address's prefix (/fr/…, /p/<partner>/fr/…); the
        multilingual one for any other address."""
        found = NOT_FOUND_LANGUAGE.match(url_path)
        page = self.root / found.group(1) / "404.html" if found else None
        return page if page is not None and page.is_file() else self.root / "404.html"

    def response(self, request: Request) -> Response:
        if request.method not in ("GET", "HEAD"):
            return Response("Method not allowed", 405, {"Allow": "GET, HEAD", **self.extra_headers})
        path = self._resolve(request.path)
        if path is None and not request.path.endswith("/") and self._resolve(request.path + "/"):
            return Response("", 308, {"Location": request.path + "/", **self.extra_headers})
        status = 200
        if path is None:
            path, status = self.not_found_page(request.path), 404
        headers = {
            "Content-Type": TYPES.get(path.suffix, mimetypes.guess_type(path.name)[0] or "application/octet-stream"),
            "Cache-Control": cache_policy(request.path) if status == 200 else "no-cache",
            "Vary": "Accept-Encoding",
            **self.extra_headers,
        }
        etag = self._etag(path)
        headers["ETag"] = etag
        if status == 200 and etag in request.headers.get("If-None-Match", ""):
            return Response(status=304, headers=headers)
        body_path = path
        accepted = request.headers.get("Accept-Encoding", "")
        for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
            if encoding in accepted and path.with_name(path.name + suffix).is_file():
                body_path = path.with_name(path.name + suffix)
                headers["Content-Encoding"] = encoding
                break
        body = b"" if request.method == "HEAD" else body_path.read_bytes()
        return Response(body, status, headers)
