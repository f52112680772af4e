"""Fixed-window limits kept in the store, so they hold across Lambda instances and server workers.

Every try is one atomic step in the store: a conditional increment that either takes a place in
the window or finds it full, and says which. The decision follows the increment, never a read
before it, so a burst of concurrent requests can never get more tries than the limit (two
requests that both read "9 of 10" would both have gone through). A try that turns out not to be a
failure (the right tracking code, the right password) gives its place back.
"""

import dataclasses
import hashlib
import hmac
import ipaddress
import logging

from ..cases.domain_errors import RateLimitedError
from ..storage.port import GrievanceStore, StorageError

log = logging.getLogger("sawt")


def client_key(part: str) -> str:
    """An IPv6 client counts as its /64: one connection is handed a whole /64, and an attacker on one
    would otherwise get a fresh window from every address in it. Anything else is kept as it is."""
    if ":" not in part:
        return part
    try:
        address = ipaddress.ip_address(part)
    except ValueError:
        return part
    if address.version == 6 and address.ipv4_mapped is None:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return part


def subject_id(secret: bytes, *parts: str) -> str:
    # Client addresses and emails are personal data: only a keyed hash of them is stored.
    return hmac.new(secret, "\n".join(client_key(p) for p in parts).encode(), hashlib.sha256).hexdigest()[:32]


@dataclasses.dataclass(frozen=True)
class Limit:
    """At most `allowed` tries per subject per window; the next one gets 429."""

    scope: str
    allowed: int
    window_seconds: int

    def bucket(self, secret: bytes, subject: tuple[str, ...], now: int) -> tuple[str, int]:
        window_start = now - now % self.window_seconds
        return f"{self.scope}:{subject_id(secret, *subject)}:{window_start}", window_start + self.window_seconds


@dataclasses.dataclass
class Tries:
    """The places one request holds in its limits' windows, until it gives them back."""

    store: GrievanceStore
    buckets: list[str]

    def give_back(self) -> None:
        for bucket in self.buckets:
            try:
                self.store.decrement_counter(bucket)
            except StorageError:  # the answer stands; the window merely counts one try too many
                log.warning("a limit's try could not be given back")
        self.buckets = []


def take(store: GrievanceStore, secret: bytes, now: int, *checks: tuple[Limit, tuple[str, ...]]) -> Tries:
    """Take one place in every (limit, subject) window, or none: when one is full, the places
    already taken are given back and the request is refused (RateLimitedError, Retry-After)."""
    tries = Tries(store, [])
    for limit, subject in checks:
        bucket, window_end = limit.bucket(secret, subject, now)
        if store.increment_counter(bucket, limit.allowed, window_end) is None:
            tries.give_back()
            raise RateLimitedError(retry_after=max(1, window_end - now))
        tries.buckets.append(bucket)
    return tries


def count(store: GrievanceStore, secret: bytes, now: int, limit: Limit, subject: tuple[str, ...]) -> int:
    """Count something without a ceiling (refused sign-ins): the new count in this window."""
    bucket, window_end = limit.bucket(secret, subject, now)
    return store.increment_counter(bucket, None, window_end) or 0
