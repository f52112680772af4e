"""Tracking codes only their owner can obtain, and Idempotency-Keys stored only as keyed hashes.

The phone makes a random Idempotency-Key (a UUID) when a filing starts and keeps it. The tracking
code is derived from that key alone, with a KDF whose input the server never keeps: the key is
stored nowhere — the idempotency record holds HMAC(server secret, key), upload records the same
hash, storage paths and links only upload ids. So a replay (same key, same body) gets the same
code back, yet whoever holds the database, the files, the server secret and a staff account has
nothing to derive it from: the keyed hash cannot be turned back into the key, and the code is
stored only as a hash of its own (80 bits: not worth guessing).

A reissued code (cases/reissue.py) is random, not derived from anything: it is stored as its hash,
and only while its e-mail waits to be sent also sealed with the server secret (seal below), a
seal wiped as soon as the e-mail has gone. Codes given by staff are never sealed at all.

Codes of filings made before this scheme (code_scheme 1) were HMAC(server secret, key); their
records' keys were replaced by the keyed hash when the database was migrated, so those codes are
out of reach too, and a replay still gets its code back from the key the phone sends.
"""

import hashlib
import hmac
import secrets

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


def new_tracking_code() -> str:
    """A reissued code: 80 random bits, tied to no key (there is no filing to replay)."""
    return encode_bits(secrets.token_bytes(10), TRACKING_CODE_LENGTH)


def _pad(secret: bytes, code_hash: str) -> bytes:
    # Each code has its own hash, so each seal its own pad (HMAC as a keyed stream: never reused).
    return hmac.new(secret, b"sawt/reissue-seal/" + code_hash.encode(), hashlib.sha256).digest()


def seal(secret: bytes, code: str) -> str:
    """The code for the e-mail that carries it, readable only with the server secret (a stolen
    backup alone shows nothing), kept only until the e-mail has gone."""
    data = code.encode()
    return bytes(a ^ b for a, b in zip(data, _pad(secret, hash_tracking_code(code)), strict=False)).hex()


def unseal(secret: bytes, sealed: str, code_hash: str) -> str | None:
    data = bytes.fromhex(sealed)
    code = bytes(a ^ b for a, b in zip(data, _pad(secret, code_hash), strict=False)).decode("ascii", "replace")
    return code if tracking_code_matches(code, code_hash) else None
