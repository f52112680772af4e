"""The grievance schema as tables of valid and invalid inputs, asserting the exact codes."""

import pytest
from marshmallow import ValidationError

from functions.cases.domain_errors import flatten_validation
from schemas.grievance import GrievanceSchema
from schemas.identifiers import (
    ALPHABET,
    check_character,
    format_reference,
    is_valid_reference,
    new_reference,
    normalise_code,
)
from tests.factories import grievance


def errors_of(body) -> list[tuple]:
    try:
        GrievanceSchema().load(body)
    except ValidationError as error:
        return flatten_validation(error.messages)
    return []


MEMBERS = [{"given_name": "Ali", "family_name": "Berrada"}, {"given_name": "Nadia", "family_name": "Tazi"}]
ORGANISATION = {
    "name": "Association Amal",
    "nature": "association",
    "seat": "Rue 1, Bruxelles",
    "legal_representative": "Omar Idrissi",
}


@pytest.mark.parametrize(
    "body",
    [
        grievance(),
        grievance(type="orientation_request", not_before_court=False, administration=..., desired_outcome=...),
        grievance(filer_kind="collective", members=MEMBERS),
        grievance(filer_kind="legal_person", organisation=ORGANISATION),
        grievance(filed_by_representative=True, representative={"given_name": "Sara", "family_name": "El Amrani"}),
        grievance(complainant__email=..., complainant__preferred_contact="phone"),
        grievance(
            complainant__email=...,
            complainant__phone=...,
            complainant__preferred_contact=...,
            complainant__postal_address="12 rue X\n69000 Lyon",
        ),
        grievance(complainant__phone="0033 6 12 34 56 78"),
        grievance(complainant__given_name="فاطمة", complainant__family_name="العمراني"),
        grievance(prior_steps={"contacted": False}),
        grievance(prior_steps=...),
        grievance(complainant__city="  "),  # blank means not given
        grievance(complainant__country_of_residence="be"),
    ],
)
def test_valid_grievances_load(body):
    assert errors_of(body) == []


@pytest.mark.parametrize(
    "body, expected",
    [
        (grievance(type="petition"), [("type", "not_one_of")]),
        (grievance(region=...), [("region", "required")]),
        (grievance(category="weather"), [("category", "not_one_of")]),
        (grievance(subject="x" * 151), [("subject", "too_long:150")]),
        (grievance(subject="ab"), [("subject", "too_short:3")]),
        (grievance(description="short"), [("description", "too_short:20")]),
        (grievance(description="x" * 10_001), [("description", "too_long:10000")]),
        (grievance(complainant__given_name="a" * 101), [("complainant.given_name", "too_long:100")]),
        (grievance(complainant__given_name="Fat\x00ima"), [("complainant.given_name", "invalid_characters")]),
        (grievance(complainant__given_name="Fati\u202ema"), [("complainant.given_name", "invalid_characters")]),
        (grievance(subject="two\nlines"), [("subject", "invalid_characters")]),
        (grievance(complainant__email="not-an-email"), [("complainant.email", "invalid_email")]),
        (grievance(complainant__phone="06 12"), [("complainant.phone", "invalid_phone")]),
        (grievance(complainant__country_of_residence="EH"), [("complainant.country_of_residence", "invalid_country")]),
        (grievance(complainant__country_of_residence="XX"), [("complainant.country_of_residence", "invalid_country")]),
        (
            grievance(complainant__email=..., complainant__phone=..., complainant__preferred_contact=...),
            [("complainant.email", "contact_required")],
        ),
        (grievance(complainant__email=...), [("complainant.preferred_contact", "preferred_contact_missing")]),
        (grievance(consent=False), [("consent", "must_be_true")]),
        (grievance(consent=...), [("consent", "required")]),
        (grievance(not_before_court=False), [("not_before_court", "before_court")]),
        (grievance(administration=...), [("administration", "required")]),
        (grievance(filer_kind="collective"), [("members", "members_required")]),
        (grievance(filer_kind="collective", members=MEMBERS[:1]), [("members", "members_required")]),
        (grievance(members=MEMBERS), [("members", "not_for_this_filer")]),
        (grievance(filer_kind="legal_person"), [("organisation", "organisation_required")]),
        (grievance(organisation=ORGANISATION), [("organisation", "not_for_this_filer")]),
        (grievance(filed_by_representative=True), [("representative", "representative_required")]),
        (grievance(prior_steps={"contacted": True}), [("prior_steps.contacted_on", "contacted_details")]),
        (
            grievance(prior_steps={"contacted": True, "contacted_on": "2999-01-01"}),
            [("prior_steps.contacted_on", "date_in_future")],
        ),
        (
            grievance(prior_steps={"contacted": True, "contacted_on": "31/02/2025"}),
            [("prior_steps.contacted_on", "invalid_date")],
        ),
        (grievance(national_id="AB123456"), [("national_id", "unknown_field")]),
        (grievance(complainant__cin="AB123456"), [("complainant.cin", "unknown_field")]),
        (grievance(subject=42), [("subject", "invalid_type")]),
        (grievance(attachments=["a"] * 11), [("attachments", "too_many:10")]),
        (
            grievance(filer_kind="collective", members=[{"given_name": "A"}] * 2),
            [("members.0.family_name", "required"), ("members.1.family_name", "required")],
        ),
    ],
)
def test_invalid_grievances_name_field_and_code(body, expected):
    assert errors_of(body) == expected


def test_a_list_body_is_a_type_error():
    assert errors_of([1, 2]) == [(None, "invalid_type")]


def test_references_catch_every_single_character_mistake():
    reference = new_reference()
    assert is_valid_reference(reference)
    for position in range(len(reference)):
        for char in ALPHABET:
            if char != reference[position]:
                mistyped = reference[:position] + char + reference[position + 1 :]
                assert not is_valid_reference(mistyped)


def test_references_have_no_ambiguous_characters_and_read_in_threes():
    reference = new_reference()
    assert not set(reference) & set("01OI")
    formatted = format_reference(reference)
    assert len(formatted) == 11 and formatted[3] == formatted[7] == "-"
    assert is_valid_reference(normalise_code(formatted.lower()))


def test_check_character_is_luhn_mod_32():
    # Worked by hand: body "22" -> values 0,0 -> check "2"; body "3" (value 1) doubled -> 2 -> check (32-2) -> "Z"
    assert check_character("22") == "2"
    assert check_character("3") == ALPHABET[30]
