"""Emails to complainants: the receipt of a filing, "there is news about your grievance", a new code.

Both name the reference (what the person quotes on the phone) and nothing else of the case: no
name, no status, no word of it, and never the tracking code: an email can be read by anyone who
sees the inbox. (One exception: the e-mail a person asks for after losing their code, "reissue:…",
exists to carry a new one: cases/reissue.py.) The link opens the follow-up page, where the
reference and the secret code are asked for. The receipt goes whenever an email address was
given; news only to those who asked.

A filing or a change queues a notification in the store (it never waits for mail, so a mail
failure never blocks anyone); a dispatcher sends what is due — in the local server's background
thread, and on AWS from a scheduled call of the admin function — retrying failures with backoff.
A notification's kind is the prefix of its id ("receipt:…"; ids without one, as before, are news).
"""

import email
import email.policy
import html
import logging
import secrets
import smtplib
from email.message import EmailMessage
from pathlib import Path

from schemas.error_codes import N_
from schemas.identifiers import format_reference, format_tracking_code

from ..platform.config import Config
from ..platform.i18n import translations
from ..platform.server_secret import load_secret
from ..storage.records import iso, utc_now
from . import correspondent_mail
from .mail_direction import RLM, directed
from .tracking_codes import unseal

log = logging.getLogger("sawt.notifications")
LEASE = 300  # seconds a dispatcher holds a notification while sending it
MAX_ATTEMPTS = 8

SUBJECT = N_("News about your grievance")
BODY = (
    N_("Hello,"),
    N_("There is news about the grievance you sent to the Ombudsman."),
    "{reference}",
    N_("To read it, open the follow-up page and enter your reference and your tracking code:"),
    "{link}",
    N_("This message is sent automatically. Do not answer it: write on the follow-up page instead."),
    N_("Sawt – the online service of the Ombudsman of the Kingdom of Morocco"),
)
RECEIPT_SUBJECT = N_("We have received your grievance")
RECEIPT_BODY = (
    N_("Hello,"),
    N_("The Ombudsman has received your grievance. Thank you."),
    "{reference}",
    N_(
        "Keep the tracking code shown when you sent it: it is secret, so this email does not contain it. "
        "With the reference and the code, you can follow your file here:"
    ),
    "{link}",
    N_("This message is sent automatically. Do not answer it: write on the follow-up page instead."),
    N_("Sawt – the online service of the Ombudsman of the Kingdom of Morocco"),
)
REISSUE_SUBJECT = N_("Your new tracking code")
REISSUE_BODY = (
    N_("Hello,"),
    N_("Someone asked for a new tracking code for this grievance, with your email address."),
    "{reference}",
    "{code}",
    N_(
        "Keep this code secret. Your old code works until you use the new one for the first time; "
        "after that, only the new code works. You can follow your file here:"
    ),
    "{link}",
    N_("If you did not ask for it, you can ignore this email: your old code keeps working."),
    N_("This message is sent automatically. Do not answer it: write on the follow-up page instead."),
    N_("Sawt – the online service of the Ombudsman of the Kingdom of Morocco"),
)
REFERENCE_LINE = N_("Your reference: %(reference)s")
CODE_LINE = N_("Your new tracking code: %(code)s")
KINDS = {
    "news": (SUBJECT, BODY),
    "receipt": (RECEIPT_SUBJECT, RECEIPT_BODY),
    "reissue": (REISSUE_SUBJECT, REISSUE_BODY),
}


def compose(
    language: str, site_origin: str, reference: str = "", kind: str = "news", code: str = ""
) -> tuple[str, str]:
    gettext = translations(language).gettext
    subject, body = KINDS[kind]
    link = f"{site_origin.rstrip('/')}/{language}/track/"
    lines = {
        "{link}": link,
        "{reference}": gettext(REFERENCE_LINE) % {"reference": format_reference(reference.replace("-", ""))},
        "{code}": gettext(CODE_LINE) % {"code": format_tracking_code(code)},
    }
    paragraphs = [lines.get(line) or gettext(line) for line in body]
    return gettext(subject), "\n\n".join(directed(paragraphs, language)) + "\n"


def html_version(text: str) -> str:
    """The same words as HTML, for clients that show the HTML part: its direction is the one the
    text declares (a right-to-left mark first), links are not made clickable (the text shows them)."""
    direction = "rtl" if text.startswith(RLM) else "ltr"
    body = "".join(f"<p>{html.escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip())
    return f'<!DOCTYPE html><html dir="{direction}"><body><div dir="{direction}">{body}</div></body></html>\n'


def kind_of(notification_id: str) -> str:
    kind, sep, _ = notification_id.partition(":")
    return kind if sep and kind in KINDS else "news"


def _message(sender: str, recipient: str, subject: str, text: str) -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, recipient, subject
    message.set_content(text)
    message.add_alternative(html_version(text), subtype="html")
    return message


class FolderMailer:
    """No mail server configured (a laptop): each email is written as a .eml file to read."""

    def __init__(self, folder: Path, sender: str):
        self.folder, self.sender = Path(folder), sender

    def send(self, recipient: str, subject: str, text: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"{iso(utc_now()).replace(':', '')}-{secrets.token_hex(3)}.eml"
        (self.folder / name).write_bytes(bytes(_message(self.sender, recipient, subject, text)))


class SmtpMailer:
    def __init__(self, config: Config):
        self.config = config

    def send(self, recipient: str, subject: str, text: str) -> None:
        c = self.config
        with smtplib.SMTP(c["SAWT_SMTP_HOST"], c.int("SAWT_SMTP_PORT"), timeout=20) as smtp:
            if c["SAWT_SMTP_STARTTLS"].lower() != "false":
                smtp.starttls()
            if c["SAWT_SMTP_USER"]:
                smtp.login(c["SAWT_SMTP_USER"], c["SAWT_SMTP_PASSWORD"])
            smtp.send_message(_message(c["SAWT_MAIL_FROM"], recipient, subject, text))


class SesMailer:
    def __init__(self, config: Config):
        import boto3

        self.ses = boto3.client("ses", region_name=config["SAWT_AWS_REGION"])
        self.sender = config["SAWT_MAIL_FROM"]

    def send(self, recipient: str, subject: str, text: str) -> None:
        self.ses.send_email(
            Source=self.sender,
            Destination={"ToAddresses": [recipient]},
            Message={
                "Subject": {"Data": subject, "Charset": "UTF-8"},
                "Body": {
                    "Text": {"Data": text, "Charset": "UTF-8"},
                    "Html": {"Data": html_version(text), "Charset": "UTF-8"},
                },
            },
        )


def mentions(path: Path, references: tuple[str, ...]) -> bool:
    """Whether an .eml file of the outbox is about one of these references (in its subject or
    text, however the text was encoded: Arabic mail is base64)."""
    try:
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        plain = message.get_body(("plain",))
        said = f"{message['Subject'] or ''}\n{plain.get_content() if plain else ''}"
    except (OSError, ValueError, LookupError):
        return False
    return any(reference in said for reference in references)


def forget_outbox(config: Config, reference: str) -> int:
    """A file anonymised or erased (cases/retention.py): the e-mails about it written to the
    outbox folder (one server without SMTP) go too; returns how many. Reading each file is fine:
    the outbox is a laptop's or a small server's, not a hot path."""
    folder = config.data_dir / "outbox" if config.storage != "aws" else None
    if folder is None or not folder.is_dir():
        return 0
    references = (format_reference(reference), reference)
    removed = 0
    for path in sorted(folder.glob("*.eml")):
        if mentions(path, references):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def mailer_from_config(config: Config):
    if config.storage == "aws":
        return SesMailer(config)
    if config["SAWT_SMTP_HOST"]:
        return SmtpMailer(config)
    return FolderMailer(config.data_dir / "outbox", config["SAWT_MAIL_FROM"])


def queue(store, reference: str, clock=utc_now, kind: str = "news") -> None:
    """Queue an email about a change; a failure here is logged, never raised: the change stands."""
    now = clock()
    notification_id = secrets.token_hex(12) if kind == "news" else f"{kind}:{secrets.token_hex(12)}"
    try:
        store.enqueue_notification(notification_id, reference, iso(now), int(now.timestamp()))
    except Exception as error:
        log.warning("could not queue a notification: %s", type(error).__name__)


def reissued_code(grievance, config: Config) -> str:
    sealed, code_hash = grievance.pending_code_sealed, grievance.pending_tracking_hash
    return (unseal(load_secret(config), sealed, code_hash) or "") if sealed and code_hash else ""


def queue_for_administration(store, reference: str, administration: str, kind: str, now) -> None:
    """Queue "a file waits" (kind "forwarded") or a reminder for an administration's correspondents;
    like `queue`, a failure is logged and the forwarding stands (staff can send a reminder by hand)."""
    notification_id = correspondent_mail.notification_id(administration, kind, secrets.token_hex(12))
    try:
        store.enqueue_notification(notification_id, reference, iso(now), int(now.timestamp()))
    except Exception as error:
        log.warning("could not queue a notification: %s", type(error).__name__)


def _to_correspondents(store, mailer, config: Config, kind: str, administration: str) -> bool:
    """False when there is nobody to write to (no active correspondent of that administration)."""
    people = correspondent_mail.recipients(store, administration)
    for person in people:
        subject, text = correspondent_mail.compose(kind, person.language, config["SAWT_SITE_ORIGIN"])
        mailer.send(person.staff_id, subject, text)
    return bool(people)


def dispatch(store, mailer, config: Config, clock=utc_now, limit: int = 20) -> int:
    """Send what is due. Returns how many emails went out."""
    now = clock()
    epoch = int(now.timestamp())
    sent = 0
    for notification_id, reference, attempts in store.claim_notifications(epoch, LEASE, limit):
        for_administration = correspondent_mail.parse(notification_id)
        if for_administration:
            try:
                done = _to_correspondents(store, mailer, config, *for_administration)
            except Exception as error:
                attempts += 1
                log.warning("notification %s failed (%s), attempt %d", notification_id, type(error).__name__, attempts)
                status = "failed" if attempts >= MAX_ATTEMPTS else "pending"
                store.finish_notification(notification_id, status, attempts, epoch + min(6 * 3600, 60 * 2**attempts))
                continue
            store.finish_notification(notification_id, "sent" if done else "skipped", attempts + 1, epoch)
            sent += int(done)
            continue
        grievance, kind = store.get_grievance(reference), kind_of(notification_id)
        email = (grievance.payload.get("complainant") or {}).get("email") if grievance else None
        wanted = grievance and (kind == "receipt" or grievance.email_updates)
        code = ""
        if kind == "reissue" and grievance:
            # The code waiting for this e-mail; none when it was used, replaced or sent already.
            code = reissued_code(grievance, config)
            wanted = bool(code)
        if not wanted or not email:
            store.finish_notification(notification_id, "skipped", attempts, epoch)  # nothing to send, ever
            continue
        try:
            subject, text = compose(grievance.language, config["SAWT_SITE_ORIGIN"], grievance.reference, kind, code)
            mailer.send(email, subject, text)
        except Exception as error:
            attempts += 1
            log.warning("notification %s failed (%s), attempt %d", notification_id, type(error).__name__, attempts)
            if attempts >= MAX_ATTEMPTS:
                log.error("notification %s given up after %d attempts", notification_id, attempts)
                store.finish_notification(notification_id, "failed", attempts, epoch)
            else:
                store.finish_notification(notification_id, "pending", attempts, epoch + min(6 * 3600, 60 * 2**attempts))
            continue
        store.finish_notification(notification_id, "sent", attempts + 1, epoch)
        if code:  # sent: the code now lives only in the person's mailbox, and as its hash
            store.clear_sealed_code(grievance.reference, grievance.pending_tracking_hash)
        sent += 1
    return sent


def scheduled_dispatch(event=None, context=None):
    """AWS: the admin stage calls this every minute (zappa_settings.json "events")."""
    from ..storage import open_store
    from .forwarding import ForwardingService

    config = Config.from_env()
    store, mailer = open_store(config), mailer_from_config(config)
    ForwardingService(store, config).send_due_reminders()  # the administrations' reminders, queued first
    total, batch = 0, 20
    # Batch after batch while the queue is full and the run has time left (a backlog after an SES
    # outage drains at hundreds a minute, not 20); leases keep an overlapping run from resending.
    while True:
        sent = dispatch(store, mailer, config, limit=batch)
        total += sent
        time_left = context.get_remaining_time_in_millis() if context else 0
        if sent < batch or time_left < 10_000:
            return {"sent": total}
