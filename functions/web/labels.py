"""Human words for the codes in schemas/vocabulary.py and for every form field (English msgids)."""

from schemas.error_codes import N_

GRIEVANCE_TYPES = {
    "complaint": N_("A complaint about an administration"),
    "orientation_request": N_("A request to be told which body can help me"),
}

FILER_KINDS = {
    "individual": N_("Myself, as one person"),
    "collective": N_("A group of people with the same problem"),
    "legal_person": N_("An association or a company"),
}

# The same kinds as staff name them (the form's wording speaks as the complainant: "Myself").
FILER_KINDS_STAFF = {
    "individual": N_("One person"),
    "collective": N_("A group"),
    "legal_person": N_("An organisation"),
}

ORGANISATION_NATURES = {
    "association": N_("Association"),
    "company": N_("Company"),
    "cooperative": N_("Cooperative"),
    "other": N_("Other"),
}

CONTACT_CHANNELS = {"email": N_("Email"), "phone": N_("Phone"), "post": N_("Post")}

REGIONS = {
    "tanger_tetouan_al_hoceima": N_("Tanger-Tetouan-Al Hoceima"),
    "oriental": N_("Oriental"),
    "fes_meknes": N_("Fes-Meknes"),
    "rabat_sale_kenitra": N_("Rabat-Sale-Kenitra"),
    "beni_mellal_khenifra": N_("Beni Mellal-Khenifra"),
    "casablanca_settat": N_("Casablanca-Settat"),
    "marrakech_safi": N_("Marrakech-Safi"),
    "draa_tafilalet": N_("Draa-Tafilalet"),
    "souss_massa": N_("Souss-Massa"),
    "guelmim_oued_noun": N_("Guelmim-Oued Noun"),
    "laayoune_sakia_el_hamra": N_("Laayoune-Sakia El Hamra"),
    "dakhla_oued_ed_dahab": N_("Dakhla-Oued Ed-Dahab"),
    "abroad": N_("Abroad: a consulate or an embassy"),
}

# The same place as the form offers it, to a person asked for "the region of Morocco".
REGION_CHOICES = {**REGIONS, "abroad": N_("None: the matter is handled abroad, by a consulate or an embassy")}

CATEGORIES = {
    "civil_status": N_("Civil status (birth, marriage, family record book)"),
    "land_property": N_("Land and property"),
    "pensions_social_security": N_("Pensions and social security"),
    "taxes": N_("Taxes"),
    "customs": N_("Customs"),
    "judgment_enforcement": N_("A court judgment the administration does not carry out"),
    "consular_services": N_("Consular services"),
    "education_diplomas": N_("Education and diplomas"),
    "investment": N_("Investment"),
    "urban_planning": N_("Urban planning and building permits"),
    "public_employment": N_("Public employment"),
    "health": N_("Health"),
    "other": N_("Something else"),
}

PRIOR_ANSWERS = {
    "none": N_("No answer"),
    "partial": N_("An answer that does not settle the matter"),
    "unsatisfactory": N_("A refusal or an answer I disagree with"),
}

YES_NO = {"true": N_("Yes"), "false": N_("No")}

# One wording per audience. Staff and the public (statistics) read a file's status from outside:
# neutral words. The complainant reads their own file: "…from you".
STATUSES = {
    "received": N_("Received"),
    "under_review": N_("Being studied"),
    "information_requested": N_("Information requested from the complainant"),
    "in_progress": N_("In progress with the administration"),
    "resolved": N_("Resolved"),
    "closed": N_("Closed"),
    "oriented": N_("Oriented to another body"),
    "inadmissible": N_("Not a matter the Ombudsman can handle"),
    "withdrawn": N_("Withdrawn by the complainant"),
}

CITIZEN_STATUSES = {
    **STATUSES,
    "information_requested": N_("Information requested from you"),
    "withdrawn": N_("Withdrawn by you"),
    # Said to the complainant as what it means for them: they turn to that body themselves.
    "oriented": N_("Another body can help you: see where to turn"),
}

NEXT_STEPS = {
    "initial_study": N_("The first study of your file"),
    "your_answer": N_("Your answer to our request"),
    "administration_answer": N_("The administration's answer to the Ombudsman"),
}

ATTACHMENT_KINDS = {
    "procuration": N_("Power of attorney (procuration)"),
    "identity_document": N_("Identity document"),
    "correspondence": N_("Letters exchanged with the administration"),
    "decision": N_("Decision or judgment"),
    "other": N_("Other document"),
    "voice": N_("Voice recording"),
}

LANGUAGE_NAMES = {
    # Each language in its own name: a person looks for the word they can read.
    "ar": "العربية",
    "fr": "Français",
    "en": "English",
    "es": "Español",
    "it": "Italiano",
    "nl": "Nederlands",
    "de": "Deutsch",
}

# Field labels and hints, by dotted form name.
FIELDS = {
    # The track page's and the new-code page's own fields (their errors name them too).
    "reference": (N_("Reference"), None),
    "tracking_code": (N_("Tracking code"), None),
    "email": (N_("Email address"), None),
    "type": (N_("What do you want to send?"), None),
    "filer_kind": (N_("Who is the grievance for?"), None),
    "filed_by_representative": (
        N_("I am filing for someone else, with their power of attorney (procuration)"),
        N_("You will attach the procuration as a document."),
    ),
    "representative.given_name": (N_("Your given name"), None),
    "representative.family_name": (N_("Your family name"), None),
    "representative.relationship": (N_("Your link with the complainant"), N_("For example: son, sister, lawyer")),
    "complainant.given_name": (N_("Given name"), None),
    "complainant.family_name": (N_("Family name"), None),
    "complainant.country_of_residence": (N_("Country where you live"), None),
    "complainant.city": (N_("City"), None),
    "complainant.postal_address": (N_("Postal address"), None),
    "complainant.email": (N_("Email address"), None),
    "complainant.phone": (N_("Phone number"), N_("With the country code, starting with +, for example:")),
    "complainant.preferred_contact": (N_("How do you prefer to be contacted?"), None),
    "complainant.language": (N_("Language for our answers"), None),
    "members": (N_("Members of the group"), N_("Name every person the grievance is for.")),
    "members.given_name": (N_("Given name"), None),
    "members.family_name": (N_("Family name"), None),
    "members.city": (N_("City"), None),
    "organisation.name": (N_("Name of the association or company"), None),
    "organisation.nature": (N_("Kind of organisation"), None),
    "organisation.seat": (N_("Address of the organisation's seat"), None),
    "organisation.legal_representative": (N_("Legal representative of the organisation"), N_("Full name")),
    "administration": (
        N_("Which administration is the grievance about?"),
        N_("For example: the commune of Berkane, civil status office"),
    ),
    "region": (N_("Region of Morocco where the matter is"), None),
    "category": (N_("What is it about?"), None),
    "subject": (N_("Subject, in a few words"), None),
    "description": (
        N_("What happened?"),
        N_("Say what you asked for, when, and what the administration did or did not do."),
    ),
    "desired_outcome": (N_("What do you expect to happen?"), None),
    "prior_steps.contacted": (N_("Have you already contacted the administration about this?"), None),
    "prior_steps.contacted_on": (N_("When did you contact it?"), N_("The date of your last letter or visit")),
    "prior_steps.reference": (N_("Reference of your request, if you have one"), None),
    "prior_steps.answer": (N_("What answer did you get?"), None),
    "prior_steps.answer_details": (N_("What did the administration answer?"), None),
    "not_before_court": (
        N_("I declare that this matter is not before a court and has not been judged"),
        N_("The Ombudsman cannot examine a matter that a court is dealing with."),
    ),
    "consent": (
        N_("I have read the personal data notice and agree that my data is used to handle my grievance"),
        None,
    ),
    "attachments": (
        N_("Add documents"),
        N_(
            "Photos or PDF files: up to 10 files, 10 MB each. "
            "Photos are made smaller on your phone before they are sent."
        ),
    ),
    "email_updates": (
        N_("Send me an email when my file changes"),
        N_("The email only says that there is news, never what the news is."),
    ),
}

STEPS = {
    "about": N_("About your request"),
    "you": N_("About you"),
    "group": N_("The group or organisation"),
    "matter": N_("The matter"),
    "steps": N_("What you have already done"),
    "documents": N_("Your documents"),
    "declarations": N_("Declarations"),
}

# Said next to conditional parts of the form, which are all visible without JavaScript.
CONDITION_NOTES = {
    "filed_by_representative=true": N_("Only if you file for someone else."),
    "filer_kind=collective": N_("Only if the grievance is for a group."),
    "filer_kind=legal_person": N_("Only if the grievance is for an association or a company."),
    "prior_steps.contacted=true": N_("Only if you have contacted the administration."),
}


# The complainant's track page: a correction of their details (law 09-08), naming the fields only.
CORRECTED = N_("Your details were corrected: %(fields)s.")


def contact_label(field: str) -> str:
    """The form's label of one of the complainant's details (a correction names them)."""
    return FIELDS[f"complainant.{field}"][0]


# The complainant's track page: each administration the file went to, and its clock (dates in words).
ADMINISTRATION_CLOCK_TITLE = N_("The administration concerned")
ADMINISTRATION_CLOCK = {
    "sent": N_("Sent to %(administration)s on %(date)s. Its answer is expected by %(due)s."),
    "late": N_("Sent to %(administration)s on %(date)s. Its answer was expected by %(due)s and is late."),
    "answered": N_("%(administration)s answered the Ombudsman on %(date)s."),
}

# The public figures: what each administration did with the files forwarded to it.
ACCOUNTABILITY = {
    "administrations": N_("By administration"),
    "administration": N_("Administration"),
    "forwarded": N_("Files forwarded"),
    "answered": N_("Answered"),
    "median_answer": N_("Median days to answer"),
    "overdue": N_("Answers late now"),
}
