"""Tracking codes: derived from the Idempotency-Key with the server secret, stored only hashed.

Deriving the code (rather than drawing it at random) is what lets a replayed request get the same
code back although the code itself is never stored.
"""

import hashlib
import hmac

from schemas.identifiers import TRACKING_CODE_LENGTH, encode_bits, normalise_code


def derive_tracking_code(secret: bytes, idempotency_key: str) -> str:
    digest = hmac.new(secret, b"sawt/tracking-code/" + idempotency_key.encode(), hashlib.sha256).digest()
    return encode_bits(digest, TRACKING_CODE_LENGTH)


def hash_tracking_code(code: str) -> str:
    # 80 bits of entropy: a plain salted hash is enough, and needs no secret to verify, so a
    # secret rotation never locks complainants out of their files.
    return hashlib.sha256(b"sawt/tracking-hash/" + normalise_code(code).encode()).hexdigest()


def tracking_code_matches(code: str, stored_hash: str) -> bool:
    return hmac.compare_digest(hash_tracking_code(code), stored_hash)
