"""The grievance form, derived from the schema: each field's widget, limits, label and condition.

The layout (which field in which step) is the only thing written by hand; everything a field is
(its type, length limit, choices, whether it is required) is read from `schemas/`. A test checks
that every field of the schema is placed exactly once.
"""

import dataclasses

from marshmallow import fields as mf

from schemas import vocabulary as v
from schemas.fields import Choice, Country, Email, Flag, ListOf, PastDate, Phone, Text
from schemas.grievance import ContactSchema, GrievanceSchema, PriorStepsSchema
from schemas.rules import When

from . import labels

LAYOUT = (
    ("about", ("type", "filer_kind", "filed_by_representative", "representative.given_name",
               "representative.family_name", "representative.relationship")),
    ("you", ("complainant.given_name", "complainant.family_name", "complainant.country_of_residence",
             "complainant.city", "complainant.postal_address", "complainant.email", "complainant.phone",
             "complainant.preferred_contact", "complainant.language")),
    ("group", ("members", "organisation.name", "organisation.nature", "organisation.seat",
               "organisation.legal_representative")),
    ("matter", ("administration", "region", "category", "subject", "description", "desired_outcome")),
    ("steps", ("prior_steps.contacted", "prior_steps.contacted_on", "prior_steps.reference",
               "prior_steps.answer", "prior_steps.answer_details")),
    ("documents", ("attachments",)),
    ("declarations", ("not_before_court", "consent", "email_updates")),
)  # fmt: skip

# Shown only when another answer makes them relevant (the page script hides the others; without
# JavaScript every part is shown, each saying when it applies).
CONDITIONS = {
    "representative": "filed_by_representative=true",
    "members": "filer_kind=collective",
    "organisation": "filer_kind=legal_person",
    "prior_steps.contacted_on": "prior_steps.contacted=true",
    "prior_steps.reference": "prior_steps.contacted=true",
    "prior_steps.answer": "prior_steps.contacted=true",
    "prior_steps.answer_details": "prior_steps.contacted=true",
}

# Required for a complaint although the schema cannot say so field by field; required whenever
# shown (its part of the form applies) by a rule of the whole schema: read from the rules themselves.
REQUIRED_FOR_COMPLAINT = frozenset(
    rule.field for rule in GrievanceSchema.RULES if rule.when == When("type", "complaint") and rule.need != "absent"
)
# The description: required unless told in a voice recording, which only the page script records.
REQUIRED_UNLESS_RECORDED = frozenset(
    rule.field for rule in GrievanceSchema.RULES if rule.when == When("description_recorded", True, negate=True)
)
REQUIRED_WHEN_SHOWN = frozenset(f"prior_steps.{rule.field}" for rule in PriorStepsSchema.RULES if rule.need == "given")
# One of these is required (ContactSchema.REACHABLE): none is "(optional)", the group says so. In
# the form's order: the group's hint goes before the first.
ONE_OF_CONTACTS = tuple(
    f"complainant.{name}" for name in ContactSchema().fields if name in ContactSchema.REACHABLE[0].fields
)

AUTOCOMPLETE = {
    "given_name": "given-name",
    "family_name": "family-name",
    "country_of_residence": "country",
    "city": "address-level2",
    "postal_address": "street-address",
    "email": "email",
    "phone": "tel",
}

# Free text that may mix Arabic and Latin script: the browser picks the direction as people type.
DIR_AUTO_WIDGETS = frozenset({"text", "textarea"})

CHOICE_LABELS = {
    "type": labels.GRIEVANCE_TYPES,
    "filer_kind": labels.FILER_KINDS,
    "nature": labels.ORGANISATION_NATURES,
    "preferred_contact": labels.CONTACT_CHANNELS,
    "language": labels.LANGUAGE_NAMES,
    "region": labels.REGION_CHOICES,
    "category": labels.CATEGORIES,
    "answer": labels.PRIOR_ANSWERS,
}

DEFAULT_MEMBER_ROWS = 2  # the fewest a group needs; "Add another member" gives more


@dataclasses.dataclass(frozen=True)
class FieldSpec:
    name: str
    widget: str  # text, textarea, email, tel, date, select, radios, yesno, checkbox, country, members
    label: str
    hint: str | None
    required: bool
    max_length: int | None = None
    choices: tuple = ()  # (code, label msgid or native name)
    autocomplete: str | None = None
    condition: str | None = None
    translate_choices: bool = True
    children: tuple = ()  # for members: the FieldSpecs of one row
    one_of: bool = False  # one of several ways to reach the person: at least one is required

    @property
    def dom_id(self) -> str:
        return dom_id(self.name)

    @property
    def dir_auto(self) -> bool:
        return self.widget in DIR_AUTO_WIDGETS


def dom_id(name: str) -> str:
    """complainant.given_name -> f-complainant-given-name: the id errors link to."""
    return "f-" + name.replace(".", "-").replace("_", "-")


def schema_field(path: str, schema=None) -> mf.Field:
    schema = schema or GrievanceSchema()
    head, _, rest = path.partition(".")
    field = schema.fields[head]
    if not rest:
        return field
    if isinstance(field, mf.List):
        field = field.inner
    return schema_field(rest, field.schema)


def _widget(name: str, field: mf.Field) -> str:
    if name == "prior_steps.contacted":
        return "yesno"
    if isinstance(field, Country):
        return "country"
    if isinstance(field, Choice):
        return "radios" if len(field.choices) <= 4 else "select"
    if isinstance(field, Flag):
        return "checkbox"
    if isinstance(field, PastDate):
        return "date"
    if isinstance(field, Email):
        return "email"
    if isinstance(field, Phone):
        return "tel"
    if isinstance(field, Text):
        return "textarea" if field.multiline else "text"
    raise TypeError(f"no widget for {name}")


def _condition(name: str) -> str | None:
    for prefix, condition in CONDITIONS.items():
        if name == prefix or name.startswith(prefix + "."):
            return condition
    return None


def build_field(name: str, label_key: str | None = None) -> FieldSpec:
    field = schema_field(name)
    label, hint = labels.FIELDS[label_key or name]
    leaf = name.rsplit(".", 1)[-1]
    if name == "attachments":
        return FieldSpec(name, "files", label, hint, False)
    if isinstance(field, ListOf):
        row = tuple(build_field(f"{name}.{child}", f"{name}.{child}") for child in field.inner.schema.fields)
        return FieldSpec(name, "members", label, hint, field.required, condition=_condition(name), children=row)
    widget = _widget(name, field)
    choices = ()
    if isinstance(field, Choice):
        choices = tuple((code, CHOICE_LABELS[leaf][code]) for code in field.choices)
    return FieldSpec(
        name=name,
        widget=widget,
        label=label,
        hint=hint,
        required=field.required or name in REQUIRED_FOR_COMPLAINT | REQUIRED_WHEN_SHOWN | REQUIRED_UNLESS_RECORDED,
        one_of=name in ONE_OF_CONTACTS,
        max_length=getattr(field, "max_length", None),
        choices=choices,
        autocomplete=AUTOCOMPLETE.get(leaf),
        condition=_condition(name),
        translate_choices=leaf != "language",
    )


def form_steps() -> list[tuple[str, str, list[FieldSpec]]]:
    """[(step id, step title msgid, [FieldSpec])] in the order a person answers them."""
    return [(step, labels.STEPS[step], [build_field(name) for name in names]) for step, names in LAYOUT]


def form_blocks() -> list[tuple[str, str, list[tuple[str | None, list[FieldSpec]]]]]:
    """Steps, each cut into runs of fields sharing a condition, so a condition wraps its run once."""
    out = []
    for step, title, specs in form_steps():
        blocks: list[tuple[str | None, list[FieldSpec]]] = []
        for spec in specs:
            if blocks and blocks[-1][0] == spec.condition:
                blocks[-1][1].append(spec)
            else:
                blocks.append((spec.condition, [spec]))
        out.append((step, title, blocks))
    return out


def all_field_names() -> list[str]:
    return [name for _, names in LAYOUT for name in names]


LANGUAGE_CHOICES = tuple((code, labels.LANGUAGE_NAMES[code]) for code in v.LANGUAGES)
