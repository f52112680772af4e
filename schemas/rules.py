"""Rules between the fields of one object, declared once as data.

The schemas check them (`broken`) and the OpenAPI document states them in JSON Schema
(`json_schema`), so a rule the server applies is a rule the document tells: a complaint needs the
declaration, an administration and a desired outcome; a group needs two members; a contact needs a
way to be reached; having contacted the administration needs a date.
"""

import dataclasses


@dataclasses.dataclass(frozen=True)
class When:
    """The rule applies when `field` is `value` (or, with `negate`, when it is anything else)."""

    field: str
    value: object
    negate: bool = False

    def holds(self, data: dict) -> bool:
        return (data.get(self.field) == self.value) != self.negate


@dataclasses.dataclass(frozen=True)
class Rule:
    """`field` must be `given`, `true`, `absent` (not given, or an empty list) or hold `at_least`
    `count` items; `code` is the error, said on `report_as` (the field itself unless named)."""

    field: str
    need: str
    code: str
    when: When | None = None
    count: int = 0
    report_as: str | None = None

    def broken(self, data: dict) -> bool:
        if self.when is not None and not self.when.holds(data):
            return False
        value = data.get(self.field)
        return {
            "given": lambda: not value,
            "true": lambda: value is not True,
            "absent": lambda: bool(value),
            "at_least": lambda: len(value or ()) < self.count,
        }[self.need]()


@dataclasses.dataclass(frozen=True)
class AnyOf:
    """At least one of `fields` is given (a value given but malformed has its own error, and counts)."""

    fields: tuple[str, ...]
    code: str
    report_as: str

    def broken(self, data: dict) -> bool:
        return not any(data.get(name) for name in self.fields)


@dataclasses.dataclass(frozen=True)
class OneOf:
    """`field`, when given, holds one of `values` (a recording is audio; a document never is)."""

    field: str
    values: tuple
    code: str
    when: When | None = None
    report_as: str | None = None

    def broken(self, data: dict) -> bool:
        if self.when is not None and not self.when.holds(data):
            return False
        return self.field in data and data[self.field] not in self.values


@dataclasses.dataclass(frozen=True)
class AtMost:
    """`field`, when given, is a number no larger than `limit` (a recording's bytes)."""

    field: str
    limit: int
    code: str
    when: When | None = None
    report_as: str | None = None

    def broken(self, data: dict) -> bool:
        if self.when is not None and not self.when.holds(data):
            return False
        value = data.get(self.field)
        return isinstance(value, int | float) and value > self.limit


def broken(rules, data: dict) -> dict[str, list[str]]:
    """{field: [codes]} of the rules `data` breaks (marshmallow's error shape)."""
    errors: dict[str, list[str]] = {}
    for rule in rules:
        if rule.broken(data):
            errors.setdefault(rule.report_as or rule.field, []).append(rule.code)
    return errors


# -- the same rules in JSON Schema (2020-12, as OpenAPI 3.1 uses it) ------------------------------


# What a request may send for "not given": null, or a blank string (the schemas drop both).
NOT_GIVEN = {"anyOf": [{"type": "null"}, {"type": "string", "pattern": r"^\s*$"}]}


def _condition(when: When) -> dict:
    match = {"properties": {when.field: {"const": when.value}}, "required": [when.field]}
    return {"not": match} if when.negate else match


def _requirement(rule) -> dict:
    name = rule.field
    if isinstance(rule, OneOf):
        return {"properties": {name: {"enum": list(rule.values)}}}
    if isinstance(rule, AtMost):
        return {"properties": {name: {"maximum": rule.limit}}}
    if rule.need == "given":
        return {"required": [name], "properties": {name: {"not": NOT_GIVEN}}}
    if rule.need == "true":
        return {"required": [name], "properties": {name: {"const": True}}}
    if rule.need == "at_least":
        return {"required": [name], "properties": {name: {"type": "array", "minItems": rule.count}}}
    return {"properties": {name: {"anyOf": [{"type": "null"}, {"type": "array", "maxItems": 0}]}}}


def json_schema(rule) -> dict:
    if isinstance(rule, AnyOf):
        # Given means more than blanks: the schemas drop a blank answer as not given.
        return {
            "anyOf": [
                {"required": [name], "properties": {name: {"type": "string", "pattern": r"\S"}}} for name in rule.fields
            ]
        }
    if rule.when is None:
        return _requirement(rule)
    return {"if": _condition(rule.when), "then": _requirement(rule)}
