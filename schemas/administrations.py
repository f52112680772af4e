"""The administrations a complaint is about, as data (schemas/data/administrations.toml): offered when
staff forward a file and when a complainant names the administration (free text stays possible), and
the administration a correspondent's account is bound to."""

import functools

from marshmallow import ValidationError, validates_schema

from .fields import Choice, Flag, ListOf, Object, StrictSchema, Text
from .guidance import _load

KINDS = ("ministry", "public_body", "commune")


class NamesSchema(StrictSchema):
    """A proper name in every language Sawt speaks (staff read fr/ar, complainants their own)."""

    ar = Text(300, required=True)
    fr = Text(300, required=True)
    en = Text(300, required=True)
    es = Text(300, required=True)
    it = Text(300, required=True)
    nl = Text(300, required=True)
    de = Text(300, required=True)


class AdministrationContactSchema(StrictSchema):
    address = Text(300, load_default="")
    email = Text(120, load_default="")


class AdministrationSchema(StrictSchema):
    code = Text(40, required=True)
    kind = Choice(KINDS, required=True)
    confirmed = Flag(required=True)  # false: the operator has not checked this entry yet
    name = Object(NamesSchema, required=True)
    contact = Object(AdministrationContactSchema, required=True)

    @validates_schema
    def clean_code(self, data, **kwargs):
        code = data.get("code", "")
        if not code or not all(ch.isdigit() or ("a" <= ch <= "z") or ch == "_" for ch in code):
            raise ValidationError("codes use lower-case letters, digits and underscores", "code")


class AdministrationsSchema(StrictSchema):
    administration = ListOf(Object(AdministrationSchema), min_items=1, max_items=2000, required=True)

    @validates_schema
    def unique(self, data, **kwargs):
        codes = [a["code"] for a in data["administration"]]
        if len(codes) != len(set(codes)):
            raise ValidationError("every code must be unique")


@functools.cache
def administrations() -> dict[str, dict]:
    """Every administration by code, in the file's order."""
    return {a["code"]: a for a in _load("administrations.toml", AdministrationsSchema())["administration"]}


def administration_name(code: str | None, language: str) -> str:
    """The administration's name in a language (English when one is missing); the code itself for
    one no longer in the list (a file forwarded before the operator removed it)."""
    found = administrations().get(code or "")
    if found is None:
        return code or ""
    return found["name"].get(language) or found["name"]["en"]


def choices(language: str) -> list[tuple[str, str]]:
    """(code, name) pairs sorted by name in that language, for a select or a datalist."""
    return sorted(((code, administration_name(code, language)) for code in administrations()), key=lambda p: p[1])
