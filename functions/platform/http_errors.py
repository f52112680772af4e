"""One error shape for every function: {"ok": false, "status": …, "errors": [{field, code, message}]}.

Messages are translated into the request's language; codes stay stable for clients. Bad input is
never a 500 and no answer ever carries a stack trace.
"""

import logging
from pathlib import Path

from flask import Flask, jsonify, request
from werkzeug.exceptions import HTTPException

from schemas.error_codes import field_message, split_code

from ..cases.domain_errors import RateLimitedError, SawtError
from .i18n import translations
from .server_secret import ConfigurationError

log = logging.getLogger("sawt")
PROJECT = Path(__file__).resolve().parents[2]  # the folder holding functions/, schemas/, site/

_HTTP_CODES = {
    400: "malformed_json",
    404: "route_not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
}


def message_for(raw_code: str, lang: str, field: str | None = None) -> tuple[str, str]:
    """("too_long:200", "fr") -> ("too_long", "Utilisez 200 caractères au maximum.")"""
    code, arg = split_code(raw_code)
    text = translations(lang).gettext(field_message(field, code))
    return code, text.format(n=arg) if arg is not None else text


def error_items(pairs, lang: str) -> list[dict]:
    items = []
    for field, raw in pairs:
        code, message = message_for(raw, lang, field)
        items.append({"field": field, "code": code, "message": message})
    return items


def json_error(status: int, pairs, lang: str, headers=None):
    response = jsonify({"ok": False, "status": status, "errors": error_items(pairs, lang)})
    response.status_code = status
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def register_error_handlers(app: Flask, language_of, html_error=None) -> None:
    """Map domain errors and HTTP errors to the shared shape (or to HTML for plain form posts)."""

    def render(status, pairs, headers=None):
        lang = language_of()
        if html_error is not None and request.mimetype == "application/x-www-form-urlencoded":
            return html_error(status, pairs, lang, headers)
        return json_error(status, pairs, lang, headers)

    @app.errorhandler(SawtError)
    def domain_error(error: SawtError):
        headers = {"Retry-After": str(error.retry_after)} if isinstance(error, RateLimitedError) else None
        return render(error.status, error.errors(), headers)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        status = error.code or 500
        code = _HTTP_CODES.get(status, "server_error" if status >= 500 else "invalid")
        return render(status, [(None, code)], allow_header(error))

    @app.errorhandler(ConfigurationError)
    def misconfigured(error: ConfigurationError):
        # The operator's mistake, not the person's: a clear line for the one, a 503 for the other.
        log.error("configuration: %s", error)
        return render(503, [(None, "unavailable")])

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        log.error("%s", unhandled_line(error))
        return render(500, [(None, "server_error")])


def allow_header(error: HTTPException) -> dict[str, str]:
    """A 405 says which methods the address takes (RFC 9110 requires it)."""
    return {k: v for k, v in error.get_headers() if k == "Allow"}


def where(error: BaseException) -> str:
    """file:line in function of the deepest frame of our own code (else the deepest of all)."""
    frame_line = None
    for frame, line in traceback_frames(error):
        path = Path(frame.f_code.co_filename)
        place = (path, line, frame.f_code.co_name)
        if frame_line is None or (path.is_relative_to(PROJECT) and ".venv" not in path.parts):
            frame_line = place
    if frame_line is None:
        return "?"
    path, line, function = frame_line
    shown = path.relative_to(PROJECT) if path.is_relative_to(PROJECT) else path.name
    return f"{shown}:{line} in {function}"


def traceback_frames(error: BaseException):
    tb = error.__traceback__
    while tb is not None:
        yield tb.tb_frame, tb.tb_lineno
        tb = tb.tb_next


def unhandled_line(error: BaseException, prefix: str = "") -> str:
    """One line, type and place: never the message (it may quote what a complainant typed), never
    thousands of frames (a RecursionError has that many)."""
    return f"{prefix}unhandled {type(error).__name__} at {where(error)} on {request.method} {request.path}"
