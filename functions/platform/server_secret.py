"""The one server secret, from configuration or (local backend) made once into the data directory."""

import base64
import binascii
import hashlib
import hmac
import os
import secrets
import time

from .config import Config


class ConfigurationError(RuntimeError):
    pass


def decode_secret(text: str) -> bytes:
    text = text.strip()
    try:
        raw = bytes.fromhex(text)
    except ValueError:
        try:
            raw = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            raw = text.encode()
    if len(raw) < 32:
        raise ConfigurationError("SAWT_SECRET_KEY must hold at least 32 bytes")
    return raw


def load_secret(config: Config) -> bytes:
    if config["SAWT_SECRET_KEY"]:
        return decode_secret(config["SAWT_SECRET_KEY"])
    if config.storage != "local":
        raise ConfigurationError("SAWT_SECRET_KEY is required with SAWT_STORAGE=aws")  # (config_check says it first)
    path = config.data_dir / "secret.key"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: several server workers may start at once; exactly one writes the secret.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
            handle.flush()
            os.fsync(handle.fileno())
    for _ in range(50):
        text = path.read_text()
        if len(text) >= 64:
            return decode_secret(text)
        time.sleep(0.01)  # another worker is between create and write
    raise ConfigurationError(f"{path} is empty or damaged")


def idempotency_key_hash(secret: bytes, idempotency_key: str) -> str:
    """The only form in which an Idempotency-Key is stored, looked up or written anywhere (see
    functions/cases/tracking_codes.py for why the key itself must never be)."""
    return hmac.new(secret, b"sawt/idempotency-key/" + idempotency_key.encode(), hashlib.sha256).hexdigest()
