"""One error shape for every function: {"ok": false, "status": …, "errors": [{field, code, message}]}.

Messages are translated into the request's language; codes stay stable for clients. Bad input is
never a 500 and no answer ever carries a stack trace.
"""

import logging
import traceback

from flask import Flask, jsonify, request
from werkzeug.exceptions import HTTPException

from schemas.error_codes import MESSAGES, split_code

from ..cases.domain_errors import RateLimitedError, SawtError
from .i18n import translations

log = logging.getLogger("sawt")

_HTTP_CODES = {
    400: "malformed_json",
    404: "route_not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
}


def message_for(raw_code: str, lang: str) -> tuple[str, str]:
    """("too_long:200", "fr") -> ("too_long", "Utilisez 200 caractères au maximum.")"""
    code, arg = split_code(raw_code)
    text = translations(lang).gettext(MESSAGES[code])
    return code, text.format(n=arg) if arg is not None else text


def error_items(pairs, lang: str) -> list[dict]:
    items = []
    for field, raw in pairs:
        code, message = message_for(raw, lang)
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
        return render(status, [(None, code)])

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        # Type and frames only: an exception's message may quote what a complainant typed.
        frames = "".join(traceback.format_tb(error.__traceback__))
        log.error("unhandled %s on %s %s\n%s", type(error).__name__, request.method, request.path, frames)
        return render(500, [(None, "server_error")])
