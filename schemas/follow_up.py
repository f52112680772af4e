"""What a complainant sends to answer staff or to withdraw, proving who they are with the code."""

from marshmallow import ValidationError, validates

from .fields import ListOf, StrictSchema, Text
from .grievance import MAX_ATTACHMENTS
from .identifiers import normalise_code


class _WithCode(StrictSchema):
    tracking_code = Text(64, required=True)

    @validates("tracking_code")
    def code_shape(self, value, data_key):
        if len(normalise_code(value)) != 16:
            raise ValidationError("invalid_tracking_code")


class ReplySchema(_WithCode):
    text = Text(4000, min_length=1, required=True, multiline=True)
    attachments = ListOf(Text(64), max_items=MAX_ATTACHMENTS)


class WithdrawSchema(_WithCode):
    reason = Text(1000, multiline=True)
