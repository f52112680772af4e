"""The fixed lists a grievance is made of, declared once.

Everything that offers a choice (the form, the API, the admin filters, the statistics) reads these
tuples; the human labels live in the gettext catalogs under `labels.py`, keyed by these codes.
"""

# The languages of Morocco and of the largest diaspora countries. The first is the default when a
# request names none that we speak (Arabic is the first official language of the Kingdom).
LANGUAGES = ("ar", "fr", "en", "es", "it", "nl", "de")
DEFAULT_LANGUAGE = "ar"
RTL_LANGUAGES = frozenset({"ar"})
# The staff admin speaks the languages of the institution's staff.
ADMIN_LANGUAGES = ("fr", "ar")

GRIEVANCE_TYPES = ("complaint", "orientation_request")

FILER_KINDS = ("individual", "collective", "legal_person")

ORGANISATION_NATURES = ("association", "company", "cooperative", "other")

CONTACT_CHANNELS = ("email", "phone", "post")

# The twelve regions of the 2015 territorial division, and "abroad": a matter a consulate or an
# embassy handles lies in no region of Morocco (delegations.toml says which office takes it).
ABROAD = "abroad"
REGIONS = (
    "tanger_tetouan_al_hoceima",
    "oriental",
    "fes_meknes",
    "rabat_sale_kenitra",
    "beni_mellal_khenifra",
    "casablanca_settat",
    "marrakech_safi",
    "draa_tafilalet",
    "souss_massa",
    "guelmim_oued_noun",
    "laayoune_sakia_el_hamra",
    "dakhla_oued_ed_dahab",
    ABROAD,
)

CATEGORIES = (
    "civil_status",
    "land_property",
    "pensions_social_security",
    "taxes",
    "customs",
    "judgment_enforcement",
    "consular_services",
    "education_diplomas",
    "investment",
    "urban_planning",
    "public_employment",
    "health",
    "other",
)

PRIOR_ANSWERS = ("none", "partial", "unsatisfactory")

# The workflow. `withdrawn` is only ever set by the complainant.
STATUSES = (
    "received",
    "under_review",
    "information_requested",
    "in_progress",
    "resolved",
    "closed",
    "oriented",
    "inadmissible",
    "withdrawn",
)
FINAL_STATUSES = frozenset({"resolved", "closed", "oriented", "inadmissible", "withdrawn"})

ATTACHMENT_KINDS = ("procuration", "identity_document", "correspondence", "decision", "other", "voice")
