"""What a complainant sends to follow their grievance."""

from marshmallow import ValidationError, validates

from .fields import Email, StrictSchema, Text
from .identifiers import is_valid_reference, normalise_code


class TrackRequestSchema(StrictSchema):
    reference = Text(32, required=True)
    tracking_code = Text(64, required=True)

    @validates("reference")
    def reference_shape(self, value, data_key):
        if not is_valid_reference(normalise_code(value)):
            raise ValidationError("invalid_reference")

    @validates("tracking_code")
    def code_shape(self, value, data_key):
        if len(normalise_code(value)) != 16:
            raise ValidationError("invalid_tracking_code")


class ReissueRequestSchema(StrictSchema):
    """A new tracking code, to the e-mail address given with the filing."""

    reference = Text(32, required=True)
    email = Email(required=True)

    reference_shape = TrackRequestSchema.reference_shape
