"""What a complainant sends to answer staff or to withdraw, proving who they are with the code."""

from typing import ClassVar

from marshmallow import ValidationError, validates_schema

from .fields import Flag, ListOf, StrictSchema, Symbols, Text
from .grievance import MAX_ATTACHMENTS
from .rules import Rule, When, broken
from .track import TRACKING_CODE


class _WithCode(StrictSchema):
    tracking_code = Symbols(**TRACKING_CODE, required=True)


class ReplySchema(_WithCode):
    text = Text(4000, min_length=1, multiline=True)  # required unless the answer is told in a recording
    # The answer is told in a voice recording attached (kind "voice"): then the written one may be
    # left out. The server checks that such a recording is attached (functions/cases/follow_up.py).
    text_recorded = Flag(load_default=False)
    attachments = ListOf(Text(64), max_items=MAX_ATTACHMENTS)

    RULES: ClassVar = (Rule("text", "given", "required", When("text_recorded", True, negate=True)),)

    @validates_schema
    def coherent(self, data, **kwargs):
        if errors := broken(self.RULES, data):
            raise ValidationError(errors)


class WithdrawSchema(_WithCode):
    reason = Text(1000, multiline=True)
