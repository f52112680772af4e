"""The guidance data: the self-check tree, the orientation cards, the document checklists and the
regional delegations. Hand-written TOML files in schemas/data/, validated by these schemas when
loaded, so a broken link in the tree or an unrouted region fails at once (and in the tests).
"""

import functools
import tomllib
from pathlib import Path

from marshmallow import ValidationError, fields, validates_schema

from . import vocabulary as v
from .fields import Choice, ListOf, Object, StrictSchema, Text

DATA = Path(__file__).with_name("data")
SENTENCE = 300


class AnswerSchema(StrictSchema):
    text = Text(SENTENCE, required=True)
    next = Text(40)
    card = Text(40)
    can_help = Choice(v.CATEGORIES)

    @validates_schema
    def one_outcome(self, data, **kwargs):
        if sum(1 for key in ("next", "card", "can_help") if data.get(key)) != 1:
            raise ValidationError("an answer leads to exactly one of next, card or can_help")


class QuestionSchema(StrictSchema):
    text = Text(SENTENCE, required=True)
    hint = Text(SENTENCE)
    answers = ListOf(Object(AnswerSchema), min_items=2, max_items=12, required=True)


class CardSchema(StrictSchema):
    body = Text(SENTENCE, required=True)
    why = Text(SENTENCE, required=True)
    how = Text(SENTENCE, required=True)
    bring = Text(SENTENCE, required=True)


class OrientationSchema(StrictSchema):
    start = Text(40, required=True)
    question = fields.Dict(keys=fields.String(), values=fields.Nested(QuestionSchema), required=True)
    card = fields.Dict(keys=fields.String(), values=fields.Nested(CardSchema), required=True)

    @validates_schema
    def a_tree(self, data, **kwargs):
        questions, cards = data["question"], data["card"]
        if data["start"] not in questions:
            raise ValidationError(f"start {data['start']!r} is not a question")
        seen, used_cards = set(), set()

        def visit(name, path):
            if name in path:
                raise ValidationError(f"the tree loops through {name!r}")
            seen.add(name)
            for answer in questions[name]["answers"]:
                if answer.get("next"):
                    if answer["next"] not in questions:
                        raise ValidationError(f"{name!r} leads to unknown question {answer['next']!r}")
                    visit(answer["next"], path | {name})
                if answer.get("card"):
                    if answer["card"] not in cards:
                        raise ValidationError(f"{name!r} leads to unknown card {answer['card']!r}")
                    used_cards.add(answer["card"])

        visit(data["start"], frozenset())
        if set(questions) - seen:
            raise ValidationError(f"unreachable questions: {sorted(set(questions) - seen)}")
        if set(cards) - used_cards:
            raise ValidationError(f"cards no answer leads to: {sorted(set(cards) - used_cards)}")


class ChecklistItemSchema(StrictSchema):
    kind = Choice(v.ATTACHMENT_KINDS, required=True)
    text = Text(SENTENCE, required=True)


class CategoryChecklistSchema(StrictSchema):
    items = ListOf(Object(ChecklistItemSchema), min_items=1, max_items=8, required=True)


class ChecklistsSchema(StrictSchema):
    always = ListOf(Object(ChecklistItemSchema), max_items=8, required=True)
    if_representative = ListOf(Object(ChecklistItemSchema), max_items=4, required=True)
    category = fields.Dict(keys=Choice(v.CATEGORIES), values=fields.Nested(CategoryChecklistSchema), required=True)

    @validates_schema
    def every_category(self, data, **kwargs):
        missing = set(v.CATEGORIES) - set(data["category"])
        if missing:
            raise ValidationError(f"no checklist for {sorted(missing)}")


class OfficeContactSchema(StrictSchema):
    """How a person reaches an office; an empty field is not shown (a placeholder is never invented)."""

    address = Text(300, required=True)
    phone = Text(30, load_default="")
    email = Text(120, load_default="")
    hours = Text(SENTENCE, load_default="")
    website = Text(200, load_default="")
    source = Text(300, required=True)
    checked = Text(10, load_default="")  # YYYY-MM-DD the facts were checked, or "" while they are not

    @validates_schema
    def usable(self, data, **kwargs):
        if data.get("phone") and not all(ch.isdigit() or ch in "+ " for ch in data["phone"]):
            raise ValidationError("a phone number is +, digits and spaces", "phone")
        if data.get("email") and "@" not in data["email"]:
            raise ValidationError("an e-mail address has an @", "email")
        if data.get("website") and not data["website"].startswith("https://"):
            raise ValidationError("a website is an https:// address", "website")


class DelegationSchema(StrictSchema):
    code = Text(40, required=True)
    name = Text(SENTENCE, required=True)
    city = Text(80, required=True)
    regions = ListOf(Choice(v.REGIONS), min_items=1, max_items=len(v.REGIONS), required=True)
    contact = Object(OfficeContactSchema, required=True)


class DelegationsSchema(StrictSchema):
    delegation = ListOf(Object(DelegationSchema), min_items=1, max_items=20, required=True)

    @validates_schema
    def each_region_once(self, data, **kwargs):
        routed = [region for d in data["delegation"] for region in d["regions"]]
        if sorted(routed) != sorted(v.REGIONS):
            raise ValidationError("every region must be routed to exactly one delegation")


PARTNER_KINDS = ("consulate", "delegation_stand", "association")


class PartnerSchema(StrictSchema):
    slug = Text(40, required=True)
    kind = Choice(PARTNER_KINDS, required=True)
    name = Text(SENTENCE, required=True)
    city = Text(80, required=True)
    country = Text(2, required=True)
    languages = ListOf(Choice(v.LANGUAGES), min_items=1, max_items=7, required=True)

    @validates_schema
    def clean_slug(self, data, **kwargs):
        slug = data.get("slug", "")
        if not slug or not all(ch.isdigit() or ("a" <= ch <= "z") or ch == "-" for ch in slug):
            raise ValidationError("slugs use lower-case letters, digits and dashes", "slug")


class PartnersSchema(StrictSchema):
    partner = ListOf(Object(PartnerSchema), min_items=1, max_items=1000, required=True)

    @validates_schema
    def unique(self, data, **kwargs):
        slugs = [p["slug"] for p in data["partner"]]
        if len(slugs) != len(set(slugs)):
            raise ValidationError("every slug must be unique")


def _load(name: str, schema):
    with (DATA / name).open("rb") as handle:
        return schema.load(tomllib.load(handle))


@functools.cache
def orientation() -> dict:
    return _load("orientation.toml", OrientationSchema())


@functools.cache
def checklists() -> dict:
    return _load("checklists.toml", ChecklistsSchema())


@functools.cache
def delegations() -> list[dict]:
    return _load("delegations.toml", DelegationsSchema())["delegation"]


def office(code: str = "central") -> dict:
    """An office (a delegation, or the central office) with its contact."""
    return next(d for d in delegations() if d["code"] == code)


@functools.cache
def partners() -> dict[str, dict]:
    return {p["slug"]: p for p in _load("partners.toml", PartnersSchema())["partner"]}


def delegation_for_region(region: str) -> str:
    for delegation in delegations():
        if region in delegation["regions"]:
            return delegation["code"]
    raise KeyError(region)


# A consular service is given abroad, so the self-check's outcome for it pre-sets the matter's
# region to "abroad" (routed to the office that takes consular matters); the person can change it.
PRESET_REGIONS = {"consular_services": "abroad"}


def checklist_for(category: str, representative: bool = False) -> list[dict]:
    data = checklists()
    items = list(data["always"]) + list(data["category"][category]["items"])
    return items + (list(data["if_representative"]) if representative else [])


def outcome_paths() -> list[list[tuple[str, int]]]:
    """Every path from the first question to an outcome, as [(question, answer index), …]."""
    tree = orientation()
    paths = []

    def walk(name, path):
        for index, answer in enumerate(tree["question"][name]["answers"]):
            step = [*path, (name, index)]
            if answer.get("next"):
                walk(answer["next"], step)
            else:
                paths.append(step)

    walk(tree["start"], [])
    return paths
