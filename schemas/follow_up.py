"""What a complainant sends to answer staff or to withdraw, proving who they are with the code."""

from .fields import ListOf, StrictSchema, Symbols, Text
from .grievance import MAX_ATTACHMENTS
from .track import TRACKING_CODE


class _WithCode(StrictSchema):
    tracking_code = Symbols(**TRACKING_CODE, required=True)


class ReplySchema(_WithCode):
    text = Text(4000, min_length=1, required=True, multiline=True)
    attachments = ListOf(Text(64), max_items=MAX_ATTACHMENTS)


class WithdrawSchema(_WithCode):
    reason = Text(1000, multiline=True)
