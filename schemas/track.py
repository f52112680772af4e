"""What a complainant sends to follow their grievance."""

from .fields import Email, StrictSchema, Symbols
from .identifiers import REFERENCE_BODY, TRACKING_CODE_LENGTH

# A wrong check character is a reference that exists nowhere: 404 (functions/cases/follow_up.py).
REFERENCE = {"count": REFERENCE_BODY + 1, "max_length": 32, "code": "invalid_reference"}
TRACKING_CODE = {"count": TRACKING_CODE_LENGTH, "max_length": 64, "code": "invalid_tracking_code"}


class TrackRequestSchema(StrictSchema):
    reference = Symbols(**REFERENCE, required=True)
    tracking_code = Symbols(**TRACKING_CODE, required=True)


class ReissueRequestSchema(StrictSchema):
    """A new tracking code, to the e-mail address given with the filing."""

    reference = Symbols(**REFERENCE, required=True)
    email = Email(required=True)
