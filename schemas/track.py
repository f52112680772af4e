"""What a complainant sends to follow their grievance."""

from marshmallow import Schema, ValidationError, validates
from marshmallow import fields as mf

from .fields import StrictSchema, Text
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


class AdministrationClockSchema(Schema):
    """In the track answer: an administration the file was forwarded to, and its clock. What it
    answered is not here: it reaches the complainant only through staff's own message."""

    administration = mf.String(required=True, metadata={"example": "cnss"})
    names = mf.Dict(keys=mf.String(), values=mf.String(), required=True,
                    metadata={"description": "The administration's name in each language"})  # fmt: skip
    forwarded_at = mf.DateTime(required=True)
    due_at = mf.DateTime(required=True, metadata={"description": "Its answer is expected by then"})
    answered_at = mf.DateTime(allow_none=True)
    overdue = mf.Boolean(required=True)
