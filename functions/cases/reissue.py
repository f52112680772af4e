"""A lost tracking code is not a dead end: a new one, to the e-mail address given with the filing,
or from staff, who give it by phone or post after checking who is asking.

The public request always gets the same answer, and does the same work whether or not the details
match: both limits are taken, the file is read, the addresses are compared in constant time on
their normalised form (a stand-in when there is no file or no address), a code is drawn and sealed,
and one write is made — the audit entry alone, or the audit entry with the pending code and its
e-mail. So neither the answer nor its timing says whether a reference exists or which address it
has. Staff's new code is shown once and never sealed or e-mailed.

The old code keeps working until the new one is first used (FollowUpService promotes it then), so a
request made by someone else cannot lock the owner out; a later request replaces a pending code
that was never used. See docs/architecture.md#a-lost-code.
"""

import hashlib
import hmac
import secrets

from marshmallow import ValidationError

from schemas.identifiers import format_tracking_code, normalise_code
from schemas.track import ReissueRequestSchema

from ..platform import rate_limit
from ..platform.config import Config
from ..storage.port import StorageError
from ..storage.records import AuditEntry, PendingCode, iso, utc_now
from .domain_errors import InvalidInputError, UnavailableError, flatten_validation
from .tracking_codes import hash_tracking_code, new_tracking_code, seal

HOUR = 3600
PUBLIC_ACTOR = "complainant"  # the audit's actor for a request from the public site (no account)
REQUESTED = "tracking_code.reissue_requested"
BY_STAFF = "tracking_code.reissued_by_staff"


def normalised_email(value: str) -> str:
    # Addresses are compared as people mean them: case and surrounding spaces never matter.
    return (value or "").strip().casefold()


def same_email(secret: bytes, given: str, stored: str | None) -> bool:
    """Constant time on fixed-length digests, so neither the length nor the first differing
    character of the stored address shows in the timing (and a missing address costs the same)."""
    stand_in = stored if stored else secrets.token_hex(16)

    def digest(value):
        return hmac.new(secret, b"sawt/reissue-email/" + normalised_email(value).encode(), hashlib.sha256).digest()

    return hmac.compare_digest(digest(given), digest(stand_in)) and bool(stored)


class ReissueService:
    def __init__(self, store, secret: bytes, config: Config, clock=utc_now):
        self.store, self.secret, self.clock = store, secret, clock
        self.limits = (
            rate_limit.Limit("reissue-file", config.int("SAWT_REISSUES_PER_REFERENCE"), HOUR),
            rate_limit.Limit("reissue-client", config.int("SAWT_REISSUES_PER_CLIENT"), HOUR),
        )

    def _entry(self, action: str, actor: str, reference: str, address: str | None, detail: dict) -> AuditEntry:
        stamp = iso(self.clock())
        return AuditEntry(f"{stamp}#{secrets.token_hex(4)}", stamp, actor, action, reference, address, detail)

    def request(self, raw, client: str) -> None:
        """Always the same outcome for the caller (None: answered 202), unless the input is
        malformed (422), a limit is reached (429) or the store fails (503)."""
        try:
            data = ReissueRequestSchema().load(raw)
        except ValidationError as error:
            raise InvalidInputError(flatten_validation(error.messages)) from None
        reference = normalise_code(data["reference"])
        now = self.clock()
        file_limit, client_limit = self.limits
        try:
            rate_limit.take(self.store, self.secret, int(now.timestamp()),
                            (file_limit, (reference,)), (client_limit, (client,)))  # fmt: skip
            grievance = self.store.get_grievance(reference)
            stored = (grievance.payload.get("complainant") or {}).get("email") if grievance else None
            matched = same_email(self.secret, data["email"], stored)
            code = new_tracking_code()  # drawn and sealed either way: the same work
            code_hash, sealed = hash_tracking_code(code), seal(self.secret, code)
            pending = None
            if matched:
                pending = PendingCode(reference, code_hash, sealed, f"reissue:{secrets.token_hex(12)}", iso(now),
                                      int(now.timestamp()))  # fmt: skip
            # Neither the address given nor the client's in the audit: that it was asked, and whether it
            # matched (so staff can answer "I never got the e-mail").
            audit = self._entry(REQUESTED, PUBLIC_ACTOR, reference, None, {"by": "email", "matched": matched})
            self.store.record_reissue(audit, pending)
        except StorageError:
            raise UnavailableError() from None

    def by_staff(self, reference: str, staff_id: str, address: str | None) -> str:
        """A new code for a person without e-mail, shown once to the staff member who asked."""
        now = self.clock()
        code = new_tracking_code()
        pending = PendingCode(reference, hash_tracking_code(code), None, None, iso(now), int(now.timestamp()))
        self.store.record_reissue(self._entry(BY_STAFF, staff_id, reference, address, {}), pending)
        return format_tracking_code(code)
