"""Passwords (argon2id), the TOTP second factor, and random tokens."""

import functools
import hashlib
import hmac
import secrets
import time

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

# argon2-cffi's defaults are argon2id with RFC 9106's low-memory profile.
_HASHER = PasswordHasher()
MIN_PASSWORD = 12
ISSUER = "Sawt"


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def password_matches(stored_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def password_problem(password: str, email: str) -> str | None:
    """A reason to refuse a new password, or None."""
    if len(password) < MIN_PASSWORD:
        return "too_short"
    local = email.split("@")[0].lower()
    if len(local) >= 4 and local in password.lower():
        return "contains_email"
    if len(set(password)) < 6:
        return "too_simple"
    return None


# The hash of a random password nobody knows, with the hasher's parameters: checked instead of a real
# one for an unknown email, so every sign-in costs one argon2 check whatever the account. Written
# out, not made at start-up: hashing costs ~100 ms of a Lambda cold start (and of the first sign-in).
_DUMMY_HASH = "$argon2id$v=19$m=65536,t=3,p=4$3J8iQHIhKhAyuH0dV9EqrA$wgXymQ6ghcYsuxzkQGXJts0jpwYHKcFK8KH45kC4drw"


@functools.cache
def dummy_hash() -> str:
    # Should argon2-cffi's defaults ever change, the dummy follows them (one hash, once).
    return _HASHER.hash(secrets.token_urlsafe(24)) if _HASHER.check_needs_rehash(_DUMMY_HASH) else _DUMMY_HASH


def dummy_verify() -> None:
    """Spend the time of a real check, so an unknown email answers as slowly as a wrong password."""
    password_matches(dummy_hash(), "not the password")


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(secret: str, email: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def totp_qr_svg(secret: str, email: str) -> str:
    """An inline SVG QR code (no image request, no third party) for the authenticator app."""
    import segno  # only staff enrolling a second factor need it; kept out of the cold start

    return segno.make(totp_uri(secret, email), error="m").svg_inline(scale=4, dark="#1b1b1b", light="#ffffff")


def totp_step(secret: str, code: str, now: float | None = None) -> int | None:
    """The time step whose code this is (the current one, or one either side for a slow phone
    clock), or None. The caller claims the step in the store: a code works once."""
    code = "".join(ch for ch in code if ch in "0123456789")  # spaces and dashes people type; not "²"
    if len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(time.time() if now is None else now)
    for step in (current - 1, current, current + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_password() -> str:
    """A one-time password handed to new staff: 4 groups of 4, easy to type once."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(4))
