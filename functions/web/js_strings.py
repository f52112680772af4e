"""Words the page scripts say, per script bundle; rendered into each page as JSON in its language.

The scripts need no catalog of their own: the build translates these with the same gettext
catalogs as the pages (FixMyStreet does the same).
"""

from schemas.error_codes import N_

from .labels import STATUSES

COMMON = {
    "problem": N_("There is a problem"),
}

BUNDLES = {
    "site.js": {},
    "form.js": {
        "step": N_("Step %(n)s of %(total)s"),
        "continue": N_("Continue"),
        "back": N_("Back"),
        "check": N_("Check your answers"),
        "change": N_("Change"),
        "yes": N_("Yes"),
        "no": N_("No"),
        "member": N_("Member %(n)s"),
        "sending": N_("Sending your grievance…"),
        "sent": N_("Your grievance has been sent"),
        "failed": N_("Something went wrong on our side. What you sent was not saved. Try again."),
        "offline": N_("No connection. Your grievance was not sent. Try again when you are online."),
        "common": N_("Most common"),
        "all": N_("All countries"),
    },
    "track.js": {
        "searching": N_("Looking for your grievance…"),
        "offline": N_("No connection. Try again when you are online."),
    },
}


def js_strings(bundle: str, gettext) -> dict:
    strings: dict = {key: gettext(text) for key, text in {**COMMON, **BUNDLES[bundle]}.items()}
    if bundle == "track.js":
        strings["statuses"] = {code: gettext(text) for code, text in STATUSES.items()}
    return strings
