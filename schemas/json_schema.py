"""Our marshmallow fields and schemas as JSON Schema 2020-12 (what OpenAPI 3.1 speaks), exactly.

Each field type says what it accepts as the request sends it: lengths counted as sent, text that
must hold something besides spaces, no hidden control characters, phones as people type them,
and "not given" (null or a blank string) wherever a field is optional. The rules between fields
come from the schemas' own RULES (schemas/rules.py).
"""

from marshmallow import Schema

from . import rules
from .countries import COUNTRY_CODES
from .fields import UUID_PATTERN, Choice, Country, Email, Flag, Key, ListOf, Object, PastDate, Phone, Symbols, Text
from .identifiers import ALPHABET, SEPARATORS
from .uploads import MAX_BYTES, FileName, Size

# The characters fields.Text refuses (C0/C1 controls, bidi overrides), as a regex class body.
HIDDEN = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
# A separator people put in phone numbers (fields.Phone removes them): never a tab or a newline.
_SEP = rf"(?:[.()-]|[^\S\t\n\r{HIDDEN}])"
PHONE_PATTERN = rf"^\s*{_SEP}*(?:\+|0{_SEP}*0){_SEP}*[1-9](?:{_SEP}*[0-9]){{6,14}}{_SEP}*\s*$"
EMAIL_PATTERN = rf"^\s*[^@\s{HIDDEN}]{{1,64}}@[^@\s{HIDDEN}]+\.[^@\s.{HIDDEN}]{{2,}}\s*$"
# A past day written as the schemas read it; JSON Schema cannot say "before today", so the
# document admits years up to 2099 and the server answers a day ahead of tomorrow with 422.
DATE_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
_SYMBOL = "[" + "".join(sorted(set(ALPHABET + ALPHABET.lower()))) + "]"
_BETWEEN = "[" + SEPARATORS.replace("\t", "").replace("-", "") + "-]*"  # a tab is never inside one line


def symbols_pattern(count: int) -> str:
    return rf"^\s*{_BETWEEN}(?:{_SYMBOL}{_BETWEEN}){{{count - 1}}}{_SYMBOL}{_BETWEEN}\s*$"


FILE_NAME_PATTERN = r'^[^\x00-\x1f\x7f/\\:*?"<>|]*$'


def _text_patterns(field: Text) -> list[str]:
    # What is left once the ends are trimmed: no hidden characters, on one line unless multiline.
    inside = HIDDEN if field.multiline else rf"{HIDDEN}\t\n\r"
    patterns = [rf"^\s*([^\s{HIDDEN}]([^{inside}]*[^\s{HIDDEN}])?)?\s*$"]
    least = max(field.min_length, 1 if field.required else 0)
    if least == 1:
        patterns.append(r"\S")
    elif least > 1:
        patterns.append(rf"\S[\s\S]{{{least - 2},}}\S")  # first and last symbols that far apart
    return patterns


def _string(field: Text, patterns: list[str]) -> dict:
    schema = {"type": "string", "maxLength": field.max_length}
    if len(patterns) == 1:
        return {**schema, "pattern": patterns[0]}
    return {**schema, "allOf": [{"pattern": pattern} for pattern in patterns]}


def field_schema(field) -> dict:
    description = field.metadata.get("description")
    schema = _bare(field)
    if description:
        schema["description"] = description
    if not field.required:
        # The schemas drop a null or a blank answer to an optional question: it reads as not given.
        schema = {"anyOf": [schema, rules.NOT_GIVEN]}
    return schema


def _bare(field) -> dict:
    if isinstance(field, Object):
        return object_schema(field.schema)
    if isinstance(field, ListOf):
        items = {"type": "array", "items": _bare(field.inner), "maxItems": field.max_items}
        return {**items, "minItems": field.min_items} if field.min_items else items
    if isinstance(field, Flag):
        return {"type": "boolean"}
    if isinstance(field, Choice):
        return {"type": "string", "enum": list(field.choices)}
    if isinstance(field, Country):
        codes = sorted(COUNTRY_CODES)
        return {"type": "string", "enum": codes + [code.lower() for code in codes],
                "description": "ISO 3166-1 alpha-2, either case"}  # fmt: skip
    if isinstance(field, PastDate):
        return {"type": "string", "format": "date", "pattern": DATE_PATTERN,
                "description": "A day in the past (a day ahead of UTC is allowed)"}  # fmt: skip
    if isinstance(field, Size):
        return {"type": "integer", "minimum": 1, "maximum": MAX_BYTES}
    if isinstance(field, Email):
        return {"type": "string", "maxLength": field.max_length, "pattern": EMAIL_PATTERN}
    if isinstance(field, Phone):
        return {"type": "string", "maxLength": field.max_length, "pattern": PHONE_PATTERN,
                "description": "With its country code: +33 6 12 34 56 78, 0033…; stored as E.164"}  # fmt: skip
    if isinstance(field, Key):
        return {"type": "string", "format": "uuid", "pattern": UUID_PATTERN}
    if isinstance(field, Symbols):
        return {"type": "string", "maxLength": field.max_length, "pattern": symbols_pattern(field.count)}
    if isinstance(field, FileName):
        return _string(field, [FILE_NAME_PATTERN, *_text_patterns(field)])
    if isinstance(field, Text):
        return _string(field, _text_patterns(field))
    raise TypeError(f"no JSON Schema for {type(field).__name__}")  # a new field type must say what it accepts


def object_schema(schema: Schema | type[Schema]) -> dict:
    schema = schema() if isinstance(schema, type) else schema
    properties = {name: field_schema(field) for name, field in schema.fields.items()}
    out = {"type": "object", "properties": properties, "additionalProperties": False}
    required = [name for name, field in schema.fields.items() if field.required]
    if required:
        out["required"] = required
    declared = [*getattr(schema, "REACHABLE", ()), *getattr(schema, "RULES", ())]
    if declared:
        out["allOf"] = [rules.json_schema(rule) for rule in declared]
    return out
