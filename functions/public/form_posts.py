"""The grievance form without JavaScript: form → check your answers → send → receipt, as HTML.

The review page carries a fresh Idempotency-Key in a hidden field, so pressing "send" twice (or
reloading the receipt) files the grievance once.
"""

import uuid

from flask import g, render_template

from schemas import guidance
from schemas.administrations import choices
from schemas.fields import Flag, ListOf, Object
from schemas.grievance import MAX_MEMBERS, GrievanceSchema

from ..cases.domain_errors import IdempotencyConflictError, InvalidInputError, NotFoundError, StateConflictError
from ..cases.filing import GrievanceService
from ..web import form_model
from ..web.answers import summarise
from ..web.form_errors import form_errors
from ..web.rendering import gettext
from .request_body import list_index, read_form, unflatten

META_FIELDS = frozenset({"lang", "_action", "idempotency_key"})


def _member_rows(values: dict[str, str]) -> int:
    """Rows enough for every member given, never more than a grievance may name: a tampered
    "members.20000.given_name" must not make the server draw (and send) 20,000 rows."""
    indexes = {list_index(k.split(".")[1]) for k in values if k.startswith("members.")} - {None}
    return min(MAX_MEMBERS, max(form_model.DEFAULT_MEMBER_ROWS, max(indexes, default=-1) + 1))


def render_form(values, lang, pairs=(), rows=None, status=200):
    errors, error_list = form_errors(pairs, lang)
    body = render_template(
        "form/page.html",
        title=gettext("File a grievance"),
        page="file",
        values=values,
        errors=errors,
        error_list=error_list,
        rows=rows or _member_rows(values),
        full_countries=True,
        administration_names=[name for _code, name in choices(lang)],
    )
    return body, status


def form_booleans(raw, schema=None):
    """A form's yes/no answers as booleans, as the JSON API takes them ("true"/"on"/"false" are what
    our checkboxes and radios send; anything else stays text and is refused as not an answer)."""
    schema = schema or GrievanceSchema()
    if not isinstance(raw, dict):
        return raw
    answers = dict(raw)
    for name, field in schema.fields.items():
        value = answers.get(name)
        if isinstance(field, Flag) and isinstance(value, str):
            answers[name] = Flag.FORM_VALUES.get(value, value)
        elif isinstance(field, Object) and isinstance(value, dict):
            answers[name] = form_booleans(value, field.schema)
        elif isinstance(field, ListOf) and isinstance(field.inner, Object) and isinstance(value, list):
            answers[name] = [form_booleans(item, field.inner.schema) for item in value]
    return answers


def handle_form_post(service: GrievanceService, lang: str, client: str):
    flat = read_form()
    action = flat.get("_action", "review")
    values = {k: v for k, v in flat.items() if k not in META_FIELDS and v.strip()}
    if values.get("partner") not in guidance.partners():
        # Only a partner of the list is ever shown or carried on ("Shared with you by …"); an unknown
        # tag would be dropped at filing anyway (schemas/grievance.py).
        values.pop("partner", None)
        values.pop("partner_consent", None)
    if action == "add_member":
        return render_form(values, lang, rows=min(MAX_MEMBERS, _member_rows(values) + 1))
    if action == "edit":
        return render_form(values, lang)
    raw = form_booleans(unflatten(values))
    # Left all empty, "about you" is still a part, so each of its fields says what it needs (as the
    # script's early check does) rather than one error on a part the person cannot see.
    raw.setdefault("complainant", {})
    try:
        if action == "send":
            receipt = service.submit(raw, flat.get("idempotency_key", ""), lang, client)
            body = render_template(
                "receipt.html", title=gettext("Your grievance has been sent"), page="file", receipt=receipt.to_json()
            )
            return body, 201
        service.validate(raw)
    except InvalidInputError as error:
        return render_form(values, lang, error.errors(), status=422)
    except IdempotencyConflictError:
        return render_form(values, lang, [(None, "idempotency_conflict")], status=422)
    body = render_template(
        "form/review.html",
        title=gettext("Check your answers before sending"),
        page="file",
        summary=summarise(values, lang),
        values=values,
        idempotency_key=str(uuid.uuid4()),
    )
    return body, 200


def render_track(follow_up, raw: dict, client: str, errors=(), notice=None, status=200):
    view = follow_up.view(raw, client)
    error_list = form_errors(errors, g.lang)[1] if errors else []
    body = render_template(
        "track_result.html",
        title=gettext("Follow a grievance"),
        page="track",
        view=view,
        code=raw["tracking_code"],
        idempotency_key=str(uuid.uuid4()),
        error_list=error_list,
        notice=notice,
    )
    return body, status


def handle_track_post(follow_up, client: str):
    """The track page without JavaScript: the same answer as the API, as a page."""
    flat = read_form()
    raw = {k: flat[k] for k in ("reference", "tracking_code") if flat.get(k, "").strip()}
    try:
        return render_track(follow_up, raw, client)
    except (InvalidInputError, NotFoundError) as error:
        # A wrong code is the track page again, with what to do about a lost code and whom to call.
        lost = isinstance(error, NotFoundError)
        errors, error_list = form_errors([(None, "not_found")] if lost else error.errors(), g.lang)
        body = render_template(
            "track_form_page.html", title=gettext("Follow a grievance"), page="track",
            values=raw, errors=errors, error_list=error_list, lost_code=lost,
        )  # fmt: skip
        return body, 404 if lost else 422


def handle_follow_up_post(follow_up, reference: str, action: str, client: str):
    """Answering staff or withdrawing, without JavaScript. Withdrawing asks first."""
    flat = read_form()
    code = flat.get("tracking_code", "")
    key = flat.get("idempotency_key", "")
    seen = {"reference": reference, "tracking_code": code}
    try:
        if action == "withdraw" and flat.get("_action") != "confirmed":
            follow_up.view(seen, client)  # checks the code before asking anything
            body = render_template(
                "withdraw_confirm.html", title=gettext("Withdraw my grievance"), page="track",
                reference=reference, code=code, idempotency_key=str(uuid.uuid4()),
            )  # fmt: skip
            return body, 200
        if action == "withdraw":
            follow_up.withdraw(reference, {"tracking_code": code, "reason": flat.get("reason", "")}, key, client)
            return render_track(follow_up, seen, client, notice="withdrawn")
        follow_up.reply(reference, {"tracking_code": code, "text": flat.get("text", "")}, key, client)
        return render_track(follow_up, seen, client, notice="replied")
    except (InvalidInputError, StateConflictError) as error:
        return render_track(follow_up, seen, client, errors=error.errors(), status=error.status)


def handle_reissue_post(reissue, client: str):
    """A new tracking code without JavaScript: the same answer whether or not the details match."""
    flat = read_form()
    raw = {k: flat[k] for k in ("reference", "email") if flat.get(k, "").strip()}
    try:
        reissue.request(raw, client)
    except InvalidInputError as error:
        errors, error_list = form_errors(error.errors(), g.lang)
        body = render_template(
            "reissue_form_page.html", title=gettext("Get a new tracking code"), page="new-code",
            values=raw, errors=errors, error_list=error_list,
        )  # fmt: skip
        return body, 422
    body = render_template("reissue_sent.html", title=gettext("Check your email"), page="new-code")
    return body, 202
