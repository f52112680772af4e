"""The storage port: what the functions need from a backend, and the errors it speaks.

Two adapters implement it: `SqliteStore` (the embedded default) and `DynamoStore` (AWS). One
contract test suite runs against both, so the functions never know which one they hold.
"""

import abc

from .records import CounterChange, Event, Grievance, IdempotencyRecord


class StorageError(RuntimeError):
    """The backend failed; the request is answered 503 and nothing was acknowledged."""


class IdempotencyKeyTakenError(StorageError):
    """Another request created a grievance with this key first."""


class ReferenceTakenError(StorageError):
    """The random reference already exists; draw another one."""


class GrievanceStore(abc.ABC):
    @abc.abstractmethod
    def create_grievance(
        self,
        grievance: Grievance,
        first_event: Event,
        idempotency: IdempotencyRecord,
        counters: list[CounterChange],
    ) -> None:
        """All or nothing: the grievance, its first event, the key record and the counters."""

    @abc.abstractmethod
    def get_idempotency(self, key: str) -> IdempotencyRecord | None: ...

    @abc.abstractmethod
    def get_grievance(self, reference: str) -> Grievance | None: ...

    @abc.abstractmethod
    def list_events(self, reference: str) -> list[Event]: ...

    @abc.abstractmethod
    def read_counter(self, bucket: str, now: int) -> int:
        """Current value of a rate-limit bucket (0 when absent or expired)."""

    @abc.abstractmethod
    def bump_counter(self, bucket: str, expires_at: int, now: int) -> int:
        """Atomically add one to a rate-limit bucket and return the new value."""

    @abc.abstractmethod
    def read_statistics(self) -> dict[str, dict[str, int]]:
        """Every statistics counter, by dimension then key."""

    def close(self) -> None:  # noqa: B027 - optional: only adapters holding connections override it
        """Release connections (tests and the local server call it on shutdown)."""
