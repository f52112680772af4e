"""A file's history in words, for staff: who did what and when, what the complainant was told (once),
the reason kept in the file, documents by name with their type and size. No stored key, code or id
reaches the page: every value is looked up as a name or shown as the text a person wrote."""

import dataclasses

from schemas import guidance
from schemas.error_codes import N_
from schemas.grievance import CORRECTABLE_CONTACT_FIELDS
from schemas.uploads import VOICE_TYPES

from ..cases.message_templates import TEMPLATES
from ..web import labels
from .names import EVENT_NAMES, delegation_name

COMPLAINANT, SYSTEM = "complainant", "system"
FILED, OTHER_CHANGE, THE_COMPLAINANT = N_("Filed the grievance"), N_("Change"), N_("The complainant")
TYPE_NAMES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/webp": "WebP",
    "image/heic": "HEIC",
    "audio/webm": "WebM (Opus)",
    "audio/ogg": "Ogg (Opus)",
    "audio/mp4": "MP4",  # AAC from Safari, Opus from Chrome: the codec is not read, so not named
}
PREVIEWABLE = ("application/pdf", "image/jpeg", "image/png", "image/webp")  # what a browser shows inline
LISTENABLE = VOICE_TYPES  # a voice recording, played in the file page as it came (never transcoded)


@dataclasses.dataclass(frozen=True)
class Document:
    upload_id: str  # only ever part of a link, never printed
    name: str
    kind: str  # an msgid
    type_name: str
    size: str
    previewable: bool
    audio: bool = False  # a voice recording: staff listen to it in the file page
    duration: str = ""  # a recording's length as m:ss ("" when unknown or a document)
    duration_iso: str = ""  # the same as an ISO 8601 duration, for <time datetime>


@dataclasses.dataclass(frozen=True)
class Entry:
    at: str
    who: str  # a staff member's name, or an msgid (the complainant, Sawt)
    who_is_msgid: bool
    what: str  # msgid
    status: str | None  # msgid (staff wording)
    template: str | None  # msgid: what the complainant read, in the reader's language here
    text: str  # words as written
    reason: str  # kept in the file, staff only
    card: str | None  # msgid: the competent body
    moved: tuple[str, str] | None  # delegations (msgids), from → to
    handed: tuple[str, str] | None  # case officers' names (data, "" for nobody), from → to
    documents: tuple[Document, ...]
    internal: bool
    note: bool
    administration: str | None = None  # the code of the administration a file went to, or answered from
    exchange: str = ""  # what was asked of the administration, or its answer (staff only)
    corrected: tuple[str, ...] = ()  # the labels (msgids) of the details a correction changed


def readable_size(size: int | None) -> str:
    size = size or 0
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, -(-size // 1024))} KB"


def minutes_seconds(seconds: int | None) -> tuple[str, str]:
    """A recording's length as staff read it (1:05) and as <time> states it (PT1M5S)."""
    if seconds is None:
        return "", ""
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes}:{rest:02d}", f"PT{minutes}M{rest}S"


def document(upload) -> Document:
    duration, duration_iso = minutes_seconds(upload.duration)
    return Document(
        upload_id=upload.upload_id,
        name=upload.name,
        kind=labels.ATTACHMENT_KINDS.get(upload.kind, labels.ATTACHMENT_KINDS["other"]),
        type_name=TYPE_NAMES.get(upload.sniffed_type or "", "—"),
        size=readable_size(upload.size),
        previewable=upload.status == "attached" and upload.sniffed_type in PREVIEWABLE,
        audio=upload.status == "attached" and upload.sniffed_type in LISTENABLE,
        duration=duration,
        duration_iso=duration_iso,
    )


def staff_names(store, staff_ids) -> dict[str, str]:
    names = {}
    for actor in set(staff_ids) - {COMPLAINANT, SYSTEM}:
        person = store.get_staff(actor)
        names[actor] = person.name if person else actor.split("@")[0]
    return names


def _said_twice(reason: str, template: str | None, text: str, card: str | None) -> bool:
    """The reason of an older entry may repeat what the complainant was told: show it once."""
    if not reason:
        return True
    told = {text, TEMPLATES.get(template or "", "")}
    if card:
        told.add(guidance.orientation()["card"].get(card, {}).get("body", ""))
    return reason in told or reason in (template, card)


def corrected_labels(body: dict) -> tuple[str, ...]:
    return tuple(labels.contact_label(f) for f in body.get("fields") or [] if f in CORRECTABLE_CONTACT_FIELDS)


def entries(store, grievance, events, documents: dict[str, Document]) -> list[Entry]:
    owners = [e.body.get(k) for e in events if e.kind == "assigned" for k in ("from", "to")]
    names = staff_names(store, [e.actor for e in events] + [o for o in owners if o])
    filed = tuple(documents[u] for u in grievance.payload.get("attachments", []) if u in documents)
    out = []
    for index, e in enumerate(events):
        body = e.body or {}
        template = body.get("template") if body.get("template") in TEMPLATES else None
        card = body.get("card") if body.get("card") in guidance.orientation()["card"] else None
        text = str(body.get("text") or "")
        reason = str(body.get("reason") or "")
        attached = tuple(documents[u] for u in body.get("attachments") or [] if u in documents)
        if e.actor == COMPLAINANT:
            who, is_msgid = THE_COMPLAINANT, True
        elif e.actor == SYSTEM:
            who, is_msgid = "Sawt", False
        else:
            who, is_msgid = names[e.actor], False
        first = index == 0 and e.kind == "status" and e.status == "received"
        moved = None
        if e.kind == "reassigned":
            moved = (delegation_name(body.get("from")), delegation_name(body.get("to")))
        administration, exchange = None, ""
        if e.kind in ("forwarded", "answer"):
            # Written for (or by) the administration: never under "what the complainant read".
            administration, exchange, text = body.get("administration"), text, ""
        handed = None
        if e.kind == "assigned":
            handed = tuple(names.get(body.get(k) or "", "") for k in ("from", "to"))
        out.append(
            Entry(
                at=e.at,  # an ISO timestamp: the page writes it in words
                who=who,
                who_is_msgid=is_msgid,
                what=FILED if first else EVENT_NAMES.get(e.kind, OTHER_CHANGE),
                status=None if first else labels.STATUSES.get(e.status) if e.status else None,
                template=TEMPLATES.get(template) if template else None,
                text=text,
                reason="" if _said_twice(reason, template, text, card) else reason,
                card=guidance.orientation()["card"][card]["body"] if card else None,
                moved=moved,
                handed=handed,
                documents=filed + attached if first else attached,
                internal=not e.public,
                note=e.kind == "note",
                administration=administration,
                exchange=exchange,
                corrected=corrected_labels(body) if e.kind == "correction" else (),
            )
        )
    return out
