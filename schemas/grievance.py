"""The grievance, as a complainant files it (DESIGN.md §2, journey 2).

Deliberately absent: the national ID (CIN) number. Law 09-08 makes collecting it a heavier
authorisation, and a name with a way to reach the person is enough to open a file.
"""

from typing import ClassVar

from marshmallow import ValidationError, post_load, validates_schema

from . import guidance
from . import vocabulary as v
from .fields import Choice, Country, Email, Flag, ListOf, Object, PastDate, Phone, StrictSchema, Text

NAME = 100
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
    @validates_schema(skip_on_field_errors=False, pass_original=True)
    def reachable(self, data, original, **kwargs):
        given = original if isinstance(original, dict) else data
        if not any(data.get(field) or given.get(field) for field in self.CHANNELS.values()):
            raise ValidationError("contact_required", "email")

    @validates_schema
    def preferred_given(self, data, **kwargs):
        preferred = data.get("preferred_contact")
        if preferred and not data.get(self.CHANNELS[preferred]):
            raise ValidationError("preferred_contact_missing", "preferred_contact")


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

    @validates_schema
    def when(self, data, **kwargs):
        if data.get("contacted") and not data.get("contacted_on"):
            raise ValidationError("contacted_details", "contacted_on")


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
    description = Text(10_000, min_length=20, required=True, multiline=True)
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

    @validates_schema
    def coherent(self, data, **kwargs):
        errors: dict[str, list[str]] = {}

        def fail(field, code):
            errors.setdefault(field, []).append(code)

        if data.get("consent") is False:
            fail("consent", "must_be_true")
        kind = data.get("filer_kind")
        members = data.get("members") or []
        if kind == "collective" and len(members) < 2:
            fail("members", "members_required")
        if kind != "collective" and members:
            fail("members", "not_for_this_filer")
        if kind == "legal_person" and not data.get("organisation"):
            fail("organisation", "organisation_required")
        if kind != "legal_person" and data.get("organisation"):
            fail("organisation", "not_for_this_filer")
        if data.get("filed_by_representative") and not data.get("representative"):
            fail("representative", "representative_required")
        if data.get("type") == "complaint":
            # The law excludes matters before the courts; an orientation request may still come in.
            if not data.get("not_before_court"):
                fail("not_before_court", "before_court")
            if not data.get("administration"):
                fail("administration", "required")
            if not data.get("desired_outcome"):
                fail("desired_outcome", "required")
        if errors:
            raise ValidationError(errors)
