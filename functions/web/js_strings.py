"""Words the page scripts say, per script bundle; rendered into each page as JSON in its language.

The scripts need no catalog of their own: the build translates these with the same gettext
catalogs as the pages (FixMyStreet does the same).
"""

from schemas import guidance
from schemas.error_codes import MESSAGES, N_
from schemas.grievance import CORRECTABLE_CONTACT_FIELDS

from ..cases.message_templates import TEMPLATES
from .labels import (
    ACCOUNTABILITY,
    ADMINISTRATION_CLOCK,
    CATEGORIES,
    CITIZEN_STATUSES,
    CORRECTED,
    FIELDS,
    GRIEVANCE_TYPES,
    LANGUAGE_NAMES,
    NEXT_STEPS,
    REGIONS,
    STATUSES,
    contact_label,
)

COMMON = {"problem": N_("There is a problem")}

# A captive portal (café or hotel Wi-Fi) answered instead of the server: nothing was sent.
PORTAL = N_(
    "Not sent yet: this connection seems to ask you to sign in (as on café or hotel Wi-Fi). "
    "Sign in to it, and it will be sent."
)

# The banner on pages other than the form and the list (what waits, what needs attention).
BANNER = {
    "waiting": N_("Grievances waiting on this phone: %(n)s."),
    "attention": N_("Grievances that need your attention: %(n)s."),
    "my_filings": N_("My grievances on this phone"),
    "portal": PORTAL,
}

STATES = {
    "s_draft": N_("Draft, not sent yet"),
    "s_queued": N_("Saved on this phone"),
    "s_sending": N_("Sending…"),
    "s_sent": N_("Sent"),
    "s_attention": N_("Needs attention"),
}

REPLY_LABEL = N_("Your answer")  # the answer form's one field (track_view.html, track.html)

# Said instead of "saved on this phone" when the phone cannot keep anything (no storage, a full
# disk, a private window that refuses it): records then live only as long as the page.
VOLATILE = N_("This phone cannot keep your draft: keep this page open, or download a copy.")

# Words needed only late — by the chunks (the review, the receipt, documents) — come with the
# fragments page those chunks fetch anyway, not with every page that might need them.
LATE = {
    "change": N_("Change"),
    "yes": N_("Yes"),
    "no": N_("No"),
    "sent": N_("Your grievance has been sent"),
    "portal": PORTAL,
    "uploading": N_("Sending the document…"),
    "uploaded": N_("Document sent"),
    "added": N_("Document added."),
    "unsupported_type": MESSAGES["unsupported_type"],
    "file_too_large": MESSAGES["file_too_large"],
    "too_many_files": MESSAGES["too_many_files"],
    # A paper document's pages (the document chunk).
    "preparing": N_("Preparing the document…"),
    "not_prepared": N_("The document could not be prepared. Try again."),
    "page_n": N_("Page %(n)s"),
    "page_alt": N_("Page %(n)s, as it will be sent"),
    # The voice recorder (recorder.js): said to screen readers as its state changes.
    "rec_started": N_("Recording now. Press the button to stop when you have finished."),
    "rec_kept": N_("Recording kept on this phone: %(n)s."),
    "rec_removed": N_("Recording removed."),
    "rec_max": N_("Recording stopped: a recording can be up to 5 minutes."),
    "rec_denied": N_("The microphone cannot be used. Allow it in your browser's settings, or write your description."),
    "rec_name": N_("Recording %(n)s"),
    "rec_unsupported": N_("This phone cannot record sound. Please write your description instead."),
    # The same, said on the answer form of the follow-up page.
    "rec_denied_answer": N_(
        "The microphone cannot be used. Allow it in your browser's settings, or write your answer."
    ),
    "rec_unsupported_answer": N_("This phone cannot record sound. Please write your answer instead."),
}

BUNDLES = {
    "site.js": BANNER,
    "form.js": {
        "step": N_("Step %(n)s of %(total)s"),
        "continue": N_("Continue"),
        "back": N_("Back"),
        "check": N_("Check your answers"),
        "member": N_("Member %(n)s"),
        "sending": N_("Sending your grievance…"),
        "offline": N_("No connection. Your grievance was not sent. Try again when you are online."),
        "queued": N_("Saved on this phone. It will be sent by itself when the connection comes back."),
        "restored": N_("Your draft has been restored."),
        "volatile": VOLATILE,
        "continue_draft": N_("Continue your draft:"),
        "common": N_("Most common"),
        "all": N_("All countries"),
    },
    "filings.js": {
        **STATES,
        "portal": PORTAL,
        "untitled": N_("Grievance without a subject"),
        "confirm_delete": N_("Delete this grievance from this phone? It has not been sent, and it will be lost."),
        "confirm_remove": N_(
            "Remove this receipt from this phone? The grievance stays with the Ombudsman. "
            "To follow it, you will need its reference and tracking code."
        ),
    },
    "stats.js": {
        **BANNER,
        "fewer": N_("fewer than 5"),
        # A figure hidden so that a smaller one beside it cannot be worked out from the total.
        "atleast": N_("5 or more"),
        "grievances": N_("Grievances"),
        "total": N_("Grievances received"),
        "oriented": N_("Share oriented to another body"),
        "in100": N_("%(n)s in 100"),
        "median": N_("Median days to a first answer"),
        "months": N_("By month"),
        "status": N_("By status"),
        "type": N_("By type"),
        "category": N_("By subject"),
        "country": N_("By country of residence"),
        "region": N_("By region of Morocco"),
        "partner": N_("By partner who shared Sawt"),
        **ACCOUNTABILITY,
        "offline": N_("No connection. Try again when you are online."),
    },
    "track.js": {
        **BANNER,
        **STATES,
        "searching": N_("Looking for your grievance…"),
        # One sentence, so that each language has its own order and comma (Arabic "،").
        "expected": N_("%(step)s, expected by %(date)s"),
        "offline": N_("No connection. Try again when you are online."),
        "stale": N_("No connection: this is the last state seen on this phone, on %(date)s."),
        "documents": N_("Documents sent: %(n)s"),
        "written": N_("Written in:"),
        "corrected": CORRECTED,
        "answer_to": N_("Answer about grievance %(ref)s"),
        "replied": N_("Your answer has been sent."),
        "queued": N_("Saved on this phone. It will be sent by itself when the connection comes back."),
        "volatile": VOLATILE,
        "sending": N_("Sending…"),
        "answer_required": N_("Write your answer, or record it in your own voice."),
        "confirm_withdraw": N_(
            "Withdraw your grievance? The Ombudsman will stop handling it. You can file a new one later."
        ),
    },
}


def late_strings(gettext) -> dict:
    return {key: gettext(text) for key, text in LATE.items()}


def js_strings(bundle: str, gettext, asset_url) -> dict:
    strings: dict = {key: gettext(text) for key, text in {**COMMON, **BUNDLES[bundle]}.items()}
    strings["chunks"] = {
        name: asset_url(f"{name}.js")
        for name in ("attach", "finish", "send", "restore", "memory", "errors", "checklist")
    }
    if bundle == "stats.js":
        strings["names"] = {
            "status": {code: gettext(text) for code, text in STATUSES.items()},
            "type": {code: gettext(text) for code, text in GRIEVANCE_TYPES.items()},
            "category": {code: gettext(text) for code, text in CATEGORIES.items()},
            "region": {code: gettext(text) for code, text in REGIONS.items()},
            "partner": {slug: gettext(p["name"]) for slug, p in guidance.partners().items()},
        }
    if bundle == "filings.js":
        # Far from the form, an error names its field (members.0.city is looked up as members.city).
        strings["fields"] = {name: gettext(label) for name, (label, _hint) in FIELDS.items()}
        strings["fields"]["text"] = gettext(REPLY_LABEL)
    if bundle == "track.js":
        strings["statuses"] = {code: gettext(text) for code, text in CITIZEN_STATUSES.items()}
        strings["steps"] = {code: gettext(text) for code, text in NEXT_STEPS.items()}
        strings["languages"] = dict(LANGUAGE_NAMES)  # each in its own name
        strings["templates"] = {code: gettext(text) for code, text in TEMPLATES.items()}
        strings["cards"] = {code: gettext(card["body"]) for code, card in guidance.orientation()["card"].items()}
        strings["clock"] = {key: gettext(text) for key, text in ADMINISTRATION_CLOCK.items()}
        strings["details"] = {f: gettext(contact_label(f)) for f in CORRECTABLE_CONTACT_FIELDS}
    return strings
