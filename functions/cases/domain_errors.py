"""Typed errors of the use cases. One handler per app maps them to HTTP and the shared error shape."""


class SawtError(Exception):
    status = 400
    code = "invalid"

    def __init__(self, code: str | None = None, field: str | None = None):
        super().__init__(code or self.code)
        self.code = code or self.code
        self.field = field

    def errors(self) -> list[tuple[str | None, str]]:
        """(field, raw code) pairs; a raw code may carry an argument (too_long:200)."""
        return [(self.field, self.code)]


class InvalidInputError(SawtError):
    """Validation failed: (dotted field, code) pairs from the schemas."""

    status = 422

    def __init__(self, pairs: list[tuple[str | None, str]]):
        super().__init__("invalid")
        self.pairs = pairs

    def errors(self):
        return self.pairs


class MalformedRequestError(SawtError):
    status = 400
    code = "malformed_json"


class MissingIdempotencyKeyError(SawtError):
    status = 400
    code = "missing_idempotency_key"


class IdempotencyConflictError(SawtError):
    status = 422
    code = "idempotency_conflict"


class NotFoundError(SawtError):
    status = 404
    code = "not_found"


class StateConflictError(SawtError):
    """A well-formed request that the file's present state refuses (it is not waiting for an answer,
    it is already closed, nothing was uploaded yet): 409, whatever the body says."""

    status = 409


class RateLimitedError(SawtError):
    status = 429
    code = "rate_limited"

    def __init__(self, retry_after: int):
        super().__init__()
        self.retry_after = retry_after


class UnavailableError(SawtError):
    """The store failed; nothing was acknowledged, so the client may safely retry."""

    status = 503
    code = "unavailable"


def flatten_validation(messages, prefix: str = "") -> list[tuple[str | None, str]]:
    """marshmallow's nested {field: [codes] | {...}} -> [("complainant.email", "invalid_email")]."""
    pairs: list[tuple[str | None, str]] = []
    if isinstance(messages, (list, tuple)):
        for item in messages:
            if isinstance(item, (dict, list, tuple)):
                pairs.extend(flatten_validation(item, prefix))
            else:
                pairs.append((prefix or None, str(item)))
        return pairs
    for key, value in messages.items():
        name = prefix if key == "_schema" else (f"{prefix}.{key}" if prefix else str(key))
        pairs.extend(flatten_validation(value, name))
    return pairs
