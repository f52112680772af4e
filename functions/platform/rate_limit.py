"""Fixed-window rate limits kept in the store, so they hold across Lambda instances and workers."""

import dataclasses
import hashlib
import hmac

from ..cases.domain_errors import RateLimitedError
from ..storage.port import GrievanceStore


@dataclasses.dataclass(frozen=True)
class FailureLimit:
    """At most `allowed` failures per client per window; the next attempt gets 429."""

    scope: str
    allowed: int
    window_seconds: int

    def _bucket(self, secret: bytes, client: str, now: int) -> tuple[str, int]:
        window_start = now - now % self.window_seconds
        # Client addresses are personal data: only a keyed hash of them is stored.
        client_id = hmac.new(secret, client.encode(), hashlib.sha256).hexdigest()[:32]
        return f"{self.scope}:{client_id}:{window_start}", window_start + self.window_seconds

    def check(self, store: GrievanceStore, secret: bytes, client: str, now: int) -> None:
        bucket, window_end = self._bucket(secret, client, now)
        if store.read_counter(bucket, now) >= self.allowed:
            raise RateLimitedError(retry_after=max(1, window_end - now))

    def record_failure(self, store: GrievanceStore, secret: bytes, client: str, now: int) -> None:
        bucket, window_end = self._bucket(secret, client, now)
        store.bump_counter(bucket, window_end, now)
