"""Turn (field, code) pairs into what the form shows: a message by each field, a linked summary."""

from schemas.error_codes import names_its_thing, split_code

from ..platform.http_errors import message_for
from . import labels
from .form_model import dom_id
from .rendering import gettext


def _label(field: str) -> str | None:
    parts = field.split(".")
    member_field = labels.FIELDS.get(f"members.{parts[-1]}")
    if len(parts) == 3 and parts[0] == "members" and parts[1].isascii() and parts[1].isdigit() and member_field:
        member = gettext("Member %(n)s") % {"n": int(parts[1]) + 1}
        return f"{member} – {gettext(member_field[0])}"
    entry = labels.FIELDS.get(field)
    return gettext(entry[0]) if entry else field


def form_errors(pairs, lang: str) -> tuple[dict[str, str], list[tuple[str, str | None, str]]]:
    """({field: message}, [(element id or None, label or None, message)]) — first message per field,
    in order. The label is there only for a message that does not name its field by itself; an error
    about no field (a conflict, a wrong code) has no element to link to."""
    by_field: dict[str, str] = {}
    summary = []
    for field, raw in pairs:
        _code, message = message_for(raw, lang, field)
        key = field or ""
        if key in by_field:
            continue
        by_field[key] = message
        named = not field or names_its_thing(field, split_code(raw)[0])
        summary.append((dom_id(field) if field else None, None if named else _label(field), message))
    return by_field, summary
