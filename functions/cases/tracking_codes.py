"""Tracking codes only their owner can obtain, and Idempotency-Keys stored only as keyed hashes.

The phone makes a random Idempotency-Key (a UUID) when a filing starts and keeps it. The tracking
code is derived from that key alone, with a KDF whose input the server never keeps: the key is
stored nowhere — the idempotency record holds HMAC(server secret, key), upload records the same
hash, storage paths and links only upload ids. So a replay (same key, same body) gets the same
code back, yet whoever holds the database, the files, the server secret and a staff account has
nothing to derive it from: the keyed hash cannot be turned back into the key, and the code is
stored only as a hash of its own (80 bits: not worth guessing).

Codes of filings made before this scheme (code_scheme 1) were HMAC(server secret, key); their
records' keys were replaced by the keyed hash when the database was migrated, so those codes are
out of reach too, and a replay still gets its code back from the key the phone sends.
"""

import hashlib
import hmac

from schemas.identifiers import TRACKING_CODE_LENGTH, encode_bits, normalise_code

from ..platform.server_secret import idempotency_key_hash as key_hash  # noqa: F401 - the cases' name for it

CODE_FROM_KEY = 2  # the code is derived from the key alone
CODE_FROM_SECRET_AND_KEY = 1  # records made before: HMAC(server secret, key)


def derive_tracking_code(idempotency_key: str) -> str:
    # The key is a random UUID made on the phone (122 bits): HMAC keyed with it is the KDF.
    digest = hmac.new(idempotency_key.encode(), b"sawt/tracking-code/v2", hashlib.sha256).digest()
    return encode_bits(digest, TRACKING_CODE_LENGTH)


def receipt_code(code_scheme: int, secret: bytes, idempotency_key: str) -> str:
    """The code a filing's receipt carries, from the key its phone sends again."""
    if code_scheme == CODE_FROM_SECRET_AND_KEY:
        digest = hmac.new(secret, b"sawt/tracking-code/" + idempotency_key.encode(), hashlib.sha256).digest()
        return encode_bits(digest, TRACKING_CODE_LENGTH)
    return derive_tracking_code(idempotency_key)


def hash_tracking_code(code: str) -> str:
    # 80 bits of entropy: a plain salted hash is enough, and needs no secret to verify, so a
    # secret rotation never locks complainants out of their files.
    return hashlib.sha256(b"sawt/tracking-hash/" + normalise_code(code).encode()).hexdigest()


def tracking_code_matches(code: str, stored_hash: str) -> bool:
    return hmac.compare_digest(hash_tracking_code(code), stored_hash)
