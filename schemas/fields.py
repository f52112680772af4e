"""Field types that speak in error codes and carry their limits for the form to render."""

import datetime as dt
import re
import unicodedata

from marshmallow import RAISE, Schema, ValidationError, fields, pre_load, validate

from .countries import COUNTRY_CODES
from .identifiers import has_shape, normalise_code

# Every field answers with codes; the request's language turns them into words later.
_CODES = {
    "required": "required",
    "null": "null",
    "invalid": "invalid_type",
    "validator_failed": "invalid",
}

# C0/C1 controls and bidi overrides: invisible, and a classic way to disguise text for staff.
# Also: interlinear annotations, Unicode "tag" characters (hidden ASCII) and lone surrogates (which
# cannot even be stored as UTF-8). Line and paragraph separators become new lines where text may
# have them (pasted from some apps), and are refused on one line.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufff9-\ufffb\U000e0000-\U000e007f\ud800-\udfff]"
)
# Characters that draw nothing although Unicode does not file them as spaces or format marks.
_BLANK = frozenset("\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0")
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Mn", "Me", "Cc", "Cs", "Co", "Cn", "Zl", "Zp"})
_FORBIDDEN_SINGLE_LINE = re.compile("[\r\n\t\u2028\u2029]")
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s.]{2,}$")
_PHONE = re.compile(r"^\+[1-9][0-9]{6,14}$")
# As phones make them (crypto.randomUUID): 8-4-4-4-12 hexadecimal digits, nothing around them.
UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"


def has_visible(text: str) -> bool:
    """Something a reader can see: not only spaces, invisible format characters (zero-width
    spaces and joiners), combining marks on nothing or blank fillers, which would otherwise count
    as an answer or a description."""
    return any(
        not ch.isspace() and ch not in _BLANK and unicodedata.category(ch) not in _INVISIBLE_CATEGORIES for ch in text
    )


def is_uuid(value) -> bool:
    return isinstance(value, str) and re.fullmatch(UUID_PATTERN, value) is not None


class StrictSchema(Schema):
    """Unknown keys are errors; empty strings and nulls mean "not given"."""

    class Meta:
        unknown = RAISE

    error_messages = {"type": "invalid_type", "unknown": "unknown_field"}  # noqa: RUF012 - marshmallow's API

    @pre_load
    def drop_blanks(self, data, **kwargs):
        if not isinstance(data, dict):
            return data
        return {k: v for k, v in data.items() if v is not None and not (isinstance(v, str) and not v.strip())}


class Text(fields.String):
    """A string with a length limit, NFC-normalised, without hidden control characters."""

    def __init__(self, max_length: int, min_length: int = 0, multiline: bool = False, **kwargs):
        self.max_length = max_length
        self.min_length = min_length
        self.multiline = multiline
        kwargs.setdefault("error_messages", _CODES)
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str):
            raise ValidationError("invalid_type")
        if len(value) > self.max_length:
            # Counted as sent, before trimming, as the form's maxlength counts and the API document
            # says (maxLength): a limit no client has to guess at.
            raise ValidationError(f"too_long:{self.max_length}")
        text = unicodedata.normalize("NFC", value).strip()
        if self.multiline:
            text = text.replace("\r\n", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
        if _FORBIDDEN.search(text) or (not self.multiline and _FORBIDDEN_SINGLE_LINE.search(text)):
            raise ValidationError("invalid_characters")
        if len(text) > self.max_length:
            raise ValidationError(f"too_long:{self.max_length}")
        if len(text) < self.min_length:
            raise ValidationError(f"too_short:{self.min_length}")
        if self.min_length and not has_visible(text):
            raise ValidationError("required")
        return text


def staff_text(value: str | None, max_length: int, required: bool) -> str:
    """Words staff or an administration's correspondent typed, held to a citizen's rules (no hidden
    controls or bidi overrides, something visible): ValidationError with the code otherwise."""
    if not (value or "").strip():
        if required:
            raise ValidationError("required")
        return ""
    return Text(max_length, min_length=1, multiline=True).deserialize(value)


class Choice(fields.String):
    """One code out of a fixed vocabulary."""

    def __init__(self, choices, **kwargs):
        self.choices = tuple(choices)
        kwargs.setdefault("error_messages", _CODES)
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str) or value not in self.choices:
            raise ValidationError("not_one_of")
        return value


class Email(Text):
    def __init__(self, **kwargs):
        super().__init__(max_length=254, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if not _EMAIL.match(text):
            raise ValidationError("invalid_email")
        return text


class Phone(Text):
    """E.164. People type spaces, dots, dashes and 00 for +; we accept those and store E.164."""

    def __init__(self, **kwargs):
        super().__init__(max_length=32, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = re.sub(r"[\s.\-()]", "", super()._deserialize(value, attr, data, **kwargs))
        if text.startswith("00"):
            text = "+" + text[2:]
        if not _PHONE.match(text):
            raise ValidationError("invalid_phone")
        return text


class Country(fields.String):
    def __init__(self, **kwargs):
        kwargs.setdefault("error_messages", _CODES)
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str) or value.upper() not in COUNTRY_CODES:
            raise ValidationError("invalid_country")
        return value.upper()


class Flag(fields.Boolean):
    """A yes/no answer: a JSON boolean, nothing else ("yes", 1 or "true" are not answers). Forms
    send text; the form handler turns their "true"/"on"/"false" into booleans first."""

    FORM_VALUES = {"true": True, "on": True, "false": False}  # noqa: RUF012 - a constant

    def __init__(self, **kwargs):
        kwargs.setdefault("error_messages", {**_CODES, "invalid": "invalid_type"})
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


class PastDate(fields.Date):
    def __init__(self, **kwargs):
        kwargs.setdefault("error_messages", {**_CODES, "invalid": "invalid_date", "format": "invalid_date"})
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        day = super()._deserialize(value, attr, data, **kwargs)
        # A day ahead of UTC covers every time zone a complainant can live in.
        if day > dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1):
            raise ValidationError("date_in_future")
        return day


class ListOf(fields.List):
    def __init__(self, inner, max_items: int, min_items: int = 0, **kwargs):
        self.max_items = max_items
        self.min_items = min_items
        kwargs.setdefault("error_messages", _CODES)
        kwargs.setdefault(
            "validate",
            [
                validate.Length(max=max_items, error=f"too_many:{max_items}"),
                validate.Length(min=min_items, error=f"too_few:{min_items}"),
            ],
        )
        super().__init__(inner, **kwargs)


class Object(fields.Nested):
    def __init__(self, schema, **kwargs):
        kwargs.setdefault("error_messages", {**_CODES, "type": "invalid_type"})
        super().__init__(schema, **kwargs)


class Symbols(Text):
    """A reference or a tracking code as people type it: `count` symbols of the alphabet, in either
    case, with spaces or dashes anywhere between them."""

    def __init__(self, count: int, max_length: int, code: str, **kwargs):
        self.count, self.code = count, code
        super().__init__(max_length, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if not has_shape(normalise_code(text), self.count):
            raise ValidationError(self.code)
        return text


class Key(Text):
    """An Idempotency-Key given in a body (an upload names the filing it belongs to)."""

    def __init__(self, **kwargs):
        super().__init__(36, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if not is_uuid(value):
            raise ValidationError("invalid")
        return value
