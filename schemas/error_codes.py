"""Stable error codes and their English messages (gettext msgids).

Schemas raise codes, never prose: a code is what clients branch on and what tests assert, the message
is what a person reads and comes from the catalogs in the request's language. A code may carry one
argument after a colon (``too_long:200``); the message formats it as ``{n}``.
"""


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated where it is shown."""
    return message


MESSAGES = {
    # Field validation (422)
    "required": N_("This is required."),
    "null": N_("This is required."),
    "invalid": N_("This value is not valid."),
    "invalid_type": N_("This answer is not in the expected form."),
    "unknown_field": N_("This field is not part of the form."),
    "not_one_of": N_("Choose one of the options."),
    "too_long": N_("Use {n} characters or fewer."),
    "too_short": N_("Use at least {n} characters."),
    "too_many": N_("Add {n} or fewer."),
    "too_few": N_("Add at least {n}."),
    "invalid_characters": N_("Remove the hidden control characters from this text."),
    "invalid_email": N_("Enter an email address like name@example.com."),
    "invalid_phone": N_("Enter the phone number with its country code, starting with +."),
    "invalid_country": N_("Choose a country from the list."),
    "invalid_date": N_("Enter a real date, like 2025-03-31."),
    "date_in_future": N_("The date must be today or in the past."),
    "must_be_true": N_("You must confirm this to continue."),
    "before_court": N_(
        "The Ombudsman cannot examine a matter that is before a court. You can ask for an orientation instead."
    ),
    "contact_required": N_("Give at least one way to reach you: email, phone or postal address."),
    "preferred_contact_missing": N_("Give the contact detail for the way you prefer to be reached."),
    "members_required": N_("A collective grievance needs at least two members of the group."),
    "organisation_required": N_("Give the details of the association or company."),
    "representative_required": N_("Give the name of the person filing on the complainant's behalf."),
    "not_for_this_filer": N_("Leave this out: it does not apply to the kind of grievance you chose."),
    "contacted_details": N_("Say when you contacted the administration."),
    "invalid_reference": N_("Check the reference: it has 9 letters and numbers."),
    "invalid_tracking_code": N_("Check the tracking code: it has 16 letters and numbers."),
    # Documents
    "unsupported_type": N_("Send a photo (JPEG, PNG, WebP or HEIC) or a PDF file."),
    "file_too_large": N_("This file is too large. Each file can be up to 10 MB."),
    "empty_file": N_("This file is empty. Choose the file again."),
    "invalid_file_name": N_("Rename the file with a shorter name, without slashes or special signs."),
    "too_many_files": N_("You can send up to 10 files with a grievance."),
    "file_missing": N_("The file did not arrive. Send it again."),
    "file_not_what_it_claims": N_("This file is not a photo or a PDF, whatever its name says."),
    "file_infected": N_("This file was refused by our security check."),
    "upload_expired": N_("This upload link has expired. Send the file again."),
    "upload_in_progress": N_("This file is still being checked. Wait a moment, then try again."),
    "unknown_attachment": N_("A document could not be found. Add it again, then send."),
    # Voice recordings
    "not_a_recording": N_("This file is not a voice recording."),
    "recording_too_long": N_("This recording is too long. Each recording can be up to 5 minutes."),
    "too_many_recordings": N_("You can send up to 3 recordings with a grievance."),
    "recording_missing": N_("Record your description again, or write it: the recording was not found."),
    "answer_recording_missing": N_("Record your answer again, or write it: the recording was not found."),
    # Following a grievance
    "not_awaiting_reply": N_("Your file is not waiting for an answer from you just now."),
    "already_closed": N_("This grievance is already closed."),
    # Request-level errors
    "malformed_json": N_("The request could not be read. Please try again."),
    "unsupported_media_type": N_("The request was sent in a format we do not accept."),
    "payload_too_large": N_("What you sent is too large. Shorten the text and try again."),
    # Only an out-of-date or broken page sends these (the code tells a developer which): the person
    # who meets them needs to know what to do, not the header's name.
    "missing_idempotency_key": N_("This page is out of date. Reload it, then send again."),
    "invalid_idempotency_key": N_("This page is out of date. Reload it, then send again."),
    "idempotency_conflict": N_(
        "This filing was already sent with different answers. Start a new filing to send these."
    ),
    "not_found": N_("We found no grievance with this reference and tracking code."),
    "rate_limited": N_("Too many attempts. Wait a few minutes, then try again."),
    "method_not_allowed": N_("This address does not accept this kind of request."),
    "route_not_found": N_("There is nothing at this address."),
    "server_error": N_("Something went wrong on our side. What you sent was not saved. Try again."),
    "unavailable": N_("The service is busy. What you sent was not saved. Try again in a minute."),
}


# What to do, said for the field it is about (GOV.UK: "Enter your family name", never "This is
# required"): by field (member rows without their number) and code; other pairs use MESSAGES.
MISSING = ("required", "null")
FIELD_MESSAGES = {
    "type": (MISSING, N_("Choose what you want to send.")),
    "filer_kind": (MISSING, N_("Choose who the grievance is for.")),
    "kind": ((*MISSING, "not_one_of"), N_("Choose what the document is.")),
    "representative": (("representative_required",), N_("Enter your given name and family name.")),
    "representative.given_name": (MISSING, N_("Enter your given name.")),
    "representative.family_name": (MISSING, N_("Enter your family name.")),
    "complainant.given_name": (MISSING, N_("Enter your given name.")),
    "complainant.family_name": (MISSING, N_("Enter your family name.")),
    "complainant.country_of_residence": (MISSING, N_("Choose the country where you live.")),
    "members.given_name": (MISSING, N_("Enter the given name of each member.")),
    "members.family_name": (MISSING, N_("Enter the family name of each member.")),
    "organisation.name": (MISSING, N_("Enter the name of the association or company.")),
    "organisation.nature": (MISSING, N_("Choose the kind of organisation.")),
    "organisation.seat": (MISSING, N_("Enter the address of the organisation's seat.")),
    "organisation.legal_representative": (MISSING, N_("Enter the name of the organisation's legal representative.")),
    "administration": (MISSING, N_("Enter the name of the administration the grievance is about.")),
    "region": (MISSING, N_("Choose the region of Morocco where the matter is.")),
    "category": (MISSING, N_("Choose what the grievance is about.")),
    "subject": (MISSING, N_("Enter the subject of your grievance, in a few words.")),
    "description": (MISSING, N_("Say what happened.")),
    "desired_outcome": (MISSING, N_("Say what you expect to happen.")),
    "prior_steps.contacted": (MISSING, N_("Say whether you have already contacted the administration.")),
    "prior_steps.contacted_on": (
        ("contacted_details", *MISSING),
        N_("Enter the date you contacted the administration."),
    ),
    "reference": (MISSING, N_("Enter the reference of your grievance.")),
    "tracking_code": (MISSING, N_("Enter your tracking code.")),
    "email": (MISSING, N_("Enter the email address you gave when you sent your grievance.")),
    "text": (MISSING, N_("Write your answer.")),  # the answer to staff (the follow-up page)
    "consent": ((*MISSING, "must_be_true"), N_("Tick the box to agree that your data is used for your grievance.")),
}


# Codes whose general message does not say what it is about ("Use 200 characters or fewer."): in an
# error summary, far from its field, such a message follows the field's name. Every other message
# names its thing by itself ("Enter your family name"), and stands alone there (GOV.UK).
# site/portal/static/js/modules/errors.js holds the same list but for the missing answers: on the
# form every required field has its own words (tests/test_error_summary.py checks both).
UNNAMED = (
    "required", "null", "must_be_true", "invalid", "invalid_type", "unknown_field", "not_one_of", "too_long",
    "too_short", "too_many", "too_few", "invalid_characters", "invalid_date", "date_in_future", "not_for_this_filer",
)  # fmt: skip


def names_its_thing(field: str | None, code: str) -> bool:
    """Whether the message for a code on a field says, by itself, what it is about."""
    return code not in UNNAMED or field_message(field, code) != MESSAGES[code]


def field_message(field: str | None, code: str) -> str:
    """The message for a code on a field: the field's own words where it has them."""
    key = ".".join(part for part in (field or "").split(".") if not part.isdigit())
    codes, message = FIELD_MESSAGES.get(key, ((), None))
    return message if code in codes else MESSAGES[code]


def split_code(raw: str) -> tuple[str, str | None]:
    """``"too_long:200"`` -> ``("too_long", "200")``; unknown codes fall back to ``invalid``."""
    code, _, arg = raw.partition(":")
    if code not in MESSAGES:
        return "invalid", None
    return code, arg or None
