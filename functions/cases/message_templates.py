"""Messages staff send to complainants, written once and translated in all seven languages.

Staff pick a template (and may add their own words); the complainant reads the template in the
language of the page they follow their file on, whatever language staff work in.
"""

from schemas.error_codes import N_

TEMPLATES = {
    "acknowledge": N_(
        "We have received your grievance and we are studying it. We will write to you if we need anything."
    ),
    "request_documents": N_(
        "To study your grievance, we need more documents. Please add them on the follow-up page. Details below."
    ),
    "request_details": N_("To study your grievance, we need more details. Please answer on the follow-up page."),
    "sent_to_administration": N_(
        "We have written to the administration concerned. It has two months to answer us. We will tell you its answer."
    ),
    "resolved": N_(
        "The administration has settled the matter. Your grievance is resolved. Thank you for your patience."
    ),
    "not_competent": N_(
        "The Ombudsman cannot examine this matter. We explain below which body can help you and how to reach it."
    ),
    "closed_no_answer": N_(
        "We have closed your file because we did not receive the information we asked for. "
        "You can file again at any time."
    ),
}

# Templates that ask the complainant for something: offered with "request information".
REQUESTS = ("request_documents", "request_details")
