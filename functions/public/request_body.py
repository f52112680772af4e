"""Read a request body as JSON (page script) or as a plain form (no JavaScript), within limits."""

import json

from flask import current_app, request
from werkzeug.exceptions import RequestEntityTooLarge

from ..cases.domain_errors import MalformedRequestError, SawtError

JSON = "application/json"
FORM = "application/x-www-form-urlencoded"


class PayloadTooLargeError(SawtError):
    status = 413
    code = "payload_too_large"


class UnsupportedMediaTypeError(SawtError):
    status = 415
    code = "unsupported_media_type"


def _check_size() -> None:
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if request.content_length is not None and request.content_length > limit:
        raise PayloadTooLargeError()


def read_json():
    if request.mimetype != JSON:
        raise UnsupportedMediaTypeError()
    _check_size()
    try:
        raw = request.get_data(cache=True)
    except RequestEntityTooLarge:
        raise PayloadTooLargeError() from None
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):
        # RecursionError: a few hundred KB of "[[[[…" nest deeper than any parser goes.
        raise MalformedRequestError() from None


def read_form() -> dict[str, str]:
    _check_size()
    try:
        form = request.form
    except RequestEntityTooLarge:
        raise PayloadTooLargeError() from None
    return {key: value for key, value in form.items()}


MAX_KEY_PARTS = 4  # the deepest name a form of ours has is "members.0.given_name"


def list_index(part: str) -> int | None:
    """ "12" -> 12 for a row of a list; anything else (letters, "²", "٣", 5,000 digits) -> None."""
    return int(part) if part.isascii() and part.isdigit() and len(part) <= 4 else None


def unflatten(flat: dict[str, str], skip=()) -> dict:
    """{"complainant.email": "a@b", "members.0.given_name": "X"} -> nested dicts and lists.

    Blank answers are dropped, and so are groups left entirely blank, so an untouched optional
    part of the form (a member row, the organisation) reads as "not given". A name deeper than any
    of our fields is a request we cannot read (400), not thousands of nested levels to walk.
    """
    tree: dict = {}
    for key, value in flat.items():
        if key in skip or not value.strip():
            continue
        parts = key.split(".")
        if len(parts) > MAX_KEY_PARTS:
            raise MalformedRequestError()
        node = tree
        for part in parts[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                raise MalformedRequestError()
        if isinstance(node.get(parts[-1]), dict):
            raise MalformedRequestError()
        node[parts[-1]] = value

    def lists(node):
        if not isinstance(node, dict):
            return node
        node = {k: lists(v) for k, v in node.items()}
        if node and all(list_index(k) is not None for k in node):
            return [node[k] for k in sorted(node, key=list_index)]
        return node

    return lists(tree)
