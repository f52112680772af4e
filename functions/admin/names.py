"""Staff-facing names for codes that only the admin shows (translated in the admin catalog)."""

from schemas import guidance
from schemas.error_codes import N_

ROLE_NAMES = {
    "admin": N_("Administrator"),
    "reviewer": N_("Reviewer (all regions)"),
    "delegation": N_("Delegation staff"),
    "correspondent": N_("Correspondent of an administration"),
}

EVENT_NAMES = {
    "status": N_("Status change"),
    "message": N_("Message to the complainant"),
    "information_request": N_("Request for information"),
    "orientation": N_("Orientation to another body"),
    "reassigned": N_("Sent to another delegation"),
    "reply": N_("Answer from the complainant"),
    "withdrawal": N_("Withdrawn by the complainant"),
    "documents": N_("Documents added by the complainant"),
    "note": N_("Internal note"),
    "assigned": N_("Assigned"),
    "forwarded": N_("Forwarded to the administration"),
    "answer": N_("Answer from the administration"),
    "correction": N_("Details corrected"),
}

# The fields of the staff forms, as an error names them.
FORM_FIELDS = {
    "status": N_("New status"),
    "reason": N_("Reason (kept in the file)"),
    "template": N_("Message template (translated for the complainant)"),
    "text": N_("Your words (sent as written)"),
    "card": N_("Competent body"),
    "note": N_("Note for the complainant"),
    "delegation": N_("Delegation"),
    "assignee": N_("Case officer"),
    "administration": N_("Administration concerned"),
    "documents": N_("Documents to share"),
    "forward_text": N_("What you ask the administration"),
}


def delegation_name(code: str | None) -> str:
    for delegation in guidance.delegations():
        if delegation["code"] == code:
            return delegation["name"]
    return code or ""


def flatten(payload: dict, prefix: str = "") -> dict[str, str]:
    """{"complainant": {"email": …}} -> {"complainant.email": …}, as the form names its fields."""
    flat: dict[str, str] = {}
    for key, value in payload.items():
        name = f"{prefix}{key}"
        if key == "attachments":
            continue
        if isinstance(value, dict):
            flat.update(flatten(value, f"{name}."))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                flat.update(
                    flatten(item, f"{name}.{index}.") if isinstance(item, dict) else {f"{name}.{index}": str(item)}
                )
        elif isinstance(value, bool):
            flat[name] = "true" if value else "false"
        elif value is not None:
            flat[name] = str(value)
    return flat
