"""E-mails to an administration's correspondents: "a file waits for your answer" and its reminders.

No case details at all, not even the reference: an e-mail can be read by anyone who sees the inbox of
an administration. The link opens the admin's sign-in; the file is there. Written in the
correspondent's own admin language (fr or ar), from the admin catalog.
"""

from schemas.error_codes import N_

from ..platform.i18n import translations
from .mail_direction import directed

KINDS = ("forwarded", "reminder")
SUBJECTS = {
    "forwarded": N_("The Ombudsman has forwarded a file to your administration"),
    "reminder": N_("Reminder: a file from the Ombudsman waits for your answer"),
}
FIRST_LINES = {
    "forwarded": N_(
        "The Ombudsman of the Kingdom has forwarded a file to your administration and waits for your answer."
    ),
    "reminder": N_("A file the Ombudsman of the Kingdom forwarded to your administration still waits for your answer."),
}
BODY = (
    N_("Hello,"),
    "{first}",
    N_("Sign in to read it and answer:"),
    "{link}",
    N_("This message is sent automatically. Do not answer it: answer in the application."),
    N_("Sawt – the online service of the Ombudsman of the Kingdom of Morocco"),
)


def notification_id(administration: str, kind: str, token: str) -> str:
    """`<kind>:<administration>:<random>`: the dispatcher finds whom to write to from the id alone."""
    return f"{kind}:{administration}:{token}"


def parse(notification_id: str) -> tuple[str, str] | None:
    """(kind, administration) of a correspondent's notification, or None for a complainant's."""
    parts = notification_id.split(":")
    if len(parts) == 3 and parts[0] in KINDS:
        return parts[0], parts[1]
    return None


def compose(kind: str, language: str, site_origin: str) -> tuple[str, str]:
    gettext = translations(language, "admin").gettext
    lines = {"{first}": gettext(FIRST_LINES[kind]), "{link}": f"{site_origin.rstrip('/')}/admin/answers"}
    text = "\n\n".join(directed([lines.get(line) or gettext(line) for line in BODY], language))
    return gettext(SUBJECTS[kind]), text + "\n"


def recipients(store, administration: str) -> list:
    """The active correspondents of an administration (the staff table holds a few dozen accounts)."""
    return [
        person for person in store.list_staff()
        if person.active and person.role == "correspondent" and person.administration == administration
    ]  # fmt: skip
