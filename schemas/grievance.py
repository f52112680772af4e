"""The grievance, as a complainant files it (DESIGN.md §2, journey 2).

Deliberately absent: the national ID (CIN) number. Law 09-08 makes collecting it a heavier
authorisation, and a name with a way to reach the person is enough to open a file.
"""

from typing import ClassVar

from marshmallow import ValidationError, post_load, validates_schema

from . import guidance
from . import vocabulary as v
from .fields import Choice, Country, Email, Flag, ListOf, Object, PastDate, Phone, StrictSchema, Text
from .rules import AnyOf, Rule, When, broken

NAME = 100
# The complainant's details staff may correct on request (functions/cases/rectification.py). Not the
# country of residence: it counts in the statistics by country, which a correction does not move.
CORRECTABLE_CONTACT_FIELDS = ("given_name", "family_name", "city", "postal_address", "email", "phone")
MAX_MEMBERS = 100
MAX_ATTACHMENTS = 10


class ContactSchema(StrictSchema):
    """The person Sawt talks to: the complainant, the group's representative, or the legal person's."""

    given_name = Text(NAME, required=True)
    family_name = Text(NAME, required=True)
    country_of_residence = Country(required=True)
    city = Text(NAME)
    postal_address = Text(500, multiline=True)
    email = Email()
    phone = Phone()
    preferred_contact = Choice(v.CONTACT_CHANNELS)
    language = Choice(v.LANGUAGES)

    CHANNELS: ClassVar = {"email": "email", "phone": "phone", "post": "postal_address"}
    # Said with the other errors of the step, not only once the names are given; a channel given
    # but malformed has its own error, so it counts as given here.
    REACHABLE: ClassVar = (AnyOf(tuple(CHANNELS.values()), "contact_required", report_as="email"),)
    RULES: ClassVar = tuple(
        Rule(
            field,
            "given",
            "preferred_contact_missing",
            When("preferred_contact", channel),
            report_as="preferred_contact",
        )
        for channel, field in CHANNELS.items()
    )

    @validates_schema(skip_on_field_errors=False, pass_original=True)
    def reachable(self, data, original, **kwargs):
        given = original if isinstance(original, dict) else data
        if errors := broken(self.REACHABLE, {**given, **data}):
            raise ValidationError(errors)

    @validates_schema
    def preferred_given(self, data, **kwargs):
        if errors := broken(self.RULES, data):
            raise ValidationError(errors)


class MemberSchema(StrictSchema):
    given_name = Text(NAME, required=True)
    family_name = Text(NAME, required=True)
    city = Text(NAME)


class OrganisationSchema(StrictSchema):
    name = Text(200, required=True)
    nature = Choice(v.ORGANISATION_NATURES, required=True)
    seat = Text(300, required=True, multiline=True)
    legal_representative = Text(200, required=True)


class RepresentativeSchema(StrictSchema):
    """Someone filing on the complainant's behalf; the procuration is attached as a document."""

    given_name = Text(NAME, required=True)
    family_name = Text(NAME, required=True)
    relationship = Text(NAME)


class PriorStepsSchema(StrictSchema):
    contacted = Flag(required=True)
    contacted_on = PastDate()
    reference = Text(100)
    answer = Choice(v.PRIOR_ANSWERS)
    answer_details = Text(2000, multiline=True)

    RULES: ClassVar = (Rule("contacted_on", "given", "contacted_details", When("contacted", True)),)

    @validates_schema
    def when(self, data, **kwargs):
        if errors := broken(self.RULES, data):
            raise ValidationError(errors)


class GrievanceSchema(StrictSchema):
    type = Choice(v.GRIEVANCE_TYPES, required=True)
    filer_kind = Choice(v.FILER_KINDS, required=True)
    complainant = Object(ContactSchema, required=True)
    members = ListOf(Object(MemberSchema), max_items=MAX_MEMBERS)
    organisation = Object(OrganisationSchema)
    filed_by_representative = Flag(load_default=False)
    representative = Object(RepresentativeSchema)
    administration = Text(200)
    region = Choice(v.REGIONS, required=True)
    category = Choice(v.CATEGORIES, required=True)
    subject = Text(150, min_length=3, required=True)
    description = Text(10_000, min_length=20, multiline=True)  # required unless told in a recording
    # The description is told in a voice recording attached (kind "voice"): then the written one may
    # be left out. The server checks that such a recording is attached (functions/cases/filing.py).
    description_recorded = Flag(load_default=False)
    desired_outcome = Text(2000, multiline=True)
    prior_steps = Object(PriorStepsSchema)
    not_before_court = Flag(load_default=False)
    consent = Flag(required=True)
    email_updates = Flag(load_default=False)
    partner = Text(40)  # the partner whose link the filing came from (a slug in partners.toml)
    partner_consent = Flag(load_default=False)
    attachments = ListOf(Text(64), max_items=MAX_ATTACHMENTS)

    @post_load
    def known_partner(self, data, **kwargs):
        # The tag comes from a link, not from the person: a partner removed since the link was shared
        # (or a mistyped link) drops the tag, never the grievance, even one queued on a phone for days.
        if data.get("partner") and data["partner"] not in guidance.partners():
            data.pop("partner")
            data["partner_consent"] = False
        return data

    RULES: ClassVar = (
        Rule("consent", "true", "must_be_true"),
        Rule("description", "given", "required", When("description_recorded", True, negate=True)),
        Rule("members", "at_least", "members_required", When("filer_kind", "collective"), count=2),
        Rule("members", "absent", "not_for_this_filer", When("filer_kind", "collective", negate=True)),
        Rule("organisation", "given", "organisation_required", When("filer_kind", "legal_person")),
        Rule("organisation", "absent", "not_for_this_filer", When("filer_kind", "legal_person", negate=True)),
        Rule("representative", "given", "representative_required", When("filed_by_representative", True)),
        # The law excludes matters before the courts; an orientation request may still come in.
        Rule("not_before_court", "true", "before_court", When("type", "complaint")),
        Rule("administration", "given", "required", When("type", "complaint")),
        Rule("desired_outcome", "given", "required", When("type", "complaint")),
    )

    @validates_schema
    def coherent(self, data, **kwargs):
        if errors := broken(self.RULES, data):
            raise ValidationError(errors)
