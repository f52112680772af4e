"""A grievance's file: every field, its documents, its timeline, who read it, and what staff can do.
Every read, download and change leaves an entry in the audit log."""

from urllib.parse import quote

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, send_file, url_for

from schemas import guidance
from schemas.administrations import choices as administration_choices

from ..cases.attachments import download_name
from ..cases.domain_errors import InvalidInputError
from ..cases.message_templates import REQUESTS, TEMPLATES
from ..cases.reissue import ReissueService
from ..cases.retention import is_anonymised
from ..platform.http_errors import error_items
from ..platform.i18n import text_direction, translations
from ..storage.records import iso, utc_now
from ..web import labels
from ..web.answers import summarise
from . import timeline
from .access import audit, can_see, requires, visible_grievance
from .forwarding import clocks as forwarding_clocks
from .inbox_rows import complainant_name
from .names import FORM_FIELDS, flatten
from .workflow import ConflictError, Workflow

blueprint = Blueprint("admin_files", __name__)
DOWNLOAD_SECONDS = 300


def services():
    return current_app.extensions["sawt.admin"]()


PREVIEWED = ("closed", "inadmissible", "oriented")  # a decision the complainant reads: seen before it is sent


def documents_of(grievance, events) -> dict:
    """Documents filed with the grievance, then those sent with answers to staff, by upload id."""
    store = services().store
    upload_ids = list(grievance.payload.get("attachments", []))
    upload_ids += [u for e in events for u in (e.body.get("attachments") or []) if u not in upload_ids]
    uploads = [store.get_upload(upload_id) for upload_id in upload_ids]
    return {u.upload_id: timeline.document(u) for u in uploads if u and u.reference == grievance.reference}


def render_file(grievance, errors=(), notice=None, status=200, preview=None, form=None):
    store = services().store
    events = store.list_events(grievance.reference)
    documents = documents_of(grievance, events)
    readers = store.list_audit(None, "read_file", grievance.reference, None, 50)
    names = timeline.staff_names(store, [r.staff_id for r in readers] + [grievance.assigned_to or "system"])
    return render_template(
        "admin/file.html",
        grievance=grievance,
        answers=summarise(flatten(grievance.payload), g.lang),
        entries=timeline.entries(store, grievance, events, documents),
        documents=list(documents.values()),
        readers=readers_of(readers, names),
        next_statuses=Workflow.next_statuses(grievance),
        status_options=[(s, labels.STATUSES[s]) for s in Workflow.next_statuses(grievance)],
        card_options=[(code, card["body"]) for code, card in guidance.orientation()["card"].items()],
        complainant=complainant_name(grievance),
        owner=names.get(grievance.assigned_to) or (grievance.assigned_to and grievance.assigned_to.split("@")[0]),
        candidates=[(person.staff_id, person.name) for person in owners_for(grievance)],
        shown=documents.get(request.args.get("preview", "")) if request.method == "GET" else None,
        templates=TEMPLATES,
        requests=REQUESTS,
        cards=guidance.orientation()["card"],
        delegations=guidance.delegations(),
        errors=[{**e, "field": FORM_FIELDS.get(e["field"])} for e in error_items(errors, g.lang)],
        notice=notice or request.args.get("done"),
        preview=preview,
        form=form or {},
        complainant_language=labels.LANGUAGE_NAMES.get(grievance.language, grievance.language),
        clocks=forwarding_clocks(grievance.reference, g.lang),
        administration_options=administration_choices(g.lang),
    ), status


def readers_of(entries, names) -> list[tuple[str, str, int]]:
    """Who read the file: each person once, at their last read, with how many times (newest first)."""
    seen: dict[str, list] = {}
    for entry in entries:  # newest first
        seen.setdefault(entry.staff_id, [names.get(entry.staff_id, entry.staff_id), entry.at, 0])[2] += 1
    return [tuple(row) for row in seen.values()]


def owners_for(grievance) -> list:
    """Who may own a file: active staff who can see it (its delegation's staff, or every region's)."""
    return [p for p in services().store.list_staff() if p.active and can_see(p, grievance)]


def citizen_preview(grievance, status, template, text, card=None) -> dict:
    """What the complainant will read, in their language (the template and their page's words),
    with staff's own words as written."""
    gettext = translations(grievance.language).gettext
    return {
        "language": labels.LANGUAGE_NAMES.get(grievance.language, grievance.language),
        "lang": grievance.language,
        "dir": text_direction(grievance.language),
        "status": gettext(labels.CITIZEN_STATUSES[status]),
        "template": gettext(TEMPLATES[template]) if template else "",
        "card": gettext(guidance.orientation()["card"][card]["body"]) if card else "",
        "text": text,
    }


@blueprint.get("/grievances/<reference>")
@requires()
def show(reference):
    grievance = visible_grievance(reference)
    audit("read_file", grievance.reference)
    services().store.mark_opened(grievance.reference, iso(utc_now()))
    return render_file(grievance)


def act(reference, action: str, do, detail: dict, form=None):
    """`detail`: what the audit entry records of the change, named by the route (the codes staff
    chose; the texts stay in the file's timeline), never the request's fields spread out."""
    grievance = visible_grievance(reference)
    if is_anonymised(grievance):  # erased or past its retention: nothing is added to it again
        return render_file(grievance, notice="anonymised", status=409)
    try:
        do(services().workflow, grievance)
    except InvalidInputError as error:
        return render_file(grievance, error.errors(), status=422, form=form)
    except ConflictError:
        return render_file(visible_grievance(reference), notice="conflict", status=409)
    audit(action, grievance.reference, detail)
    return redirect(url_for("admin_files.show", reference=grievance.reference, done=action))


@blueprint.post("/grievances/<reference>/status")
@requires()
def change_status(reference):
    """One form: the new status, the reason kept in the file, and what the complainant is told (a
    template in their language, words of one's own). A decision is shown as the complainant will
    read it before it is sent."""
    form = {name: request.form.get(name, "") for name in ("status", "reason", "template", "text", "language")}
    grievance = visible_grievance(reference)
    if form["status"] in PREVIEWED and request.form.get("confirmed") != "1":
        try:
            checked = services().workflow.check_status(
                grievance, form["status"], form["reason"], form["template"] or None, form["text"]
            )
        except InvalidInputError as error:
            return render_file(grievance, error.errors(), status=422, form=form)
        preview = citizen_preview(grievance, checked[0], checked[2], checked[3])
        return render_file(grievance, preview={**preview, "action": "status", "fields": form}, form=form)
    return act(
        reference,
        "status_change",
        lambda w, gr: w.change_status(gr, g.staff.staff_id, form["status"], form["reason"], form["template"] or None,
                                      form["text"], language=form["language"]),
        {"status": form["status"], **({"template": form["template"]} if form["template"] else {})},
        form,
    )  # fmt: skip


@blueprint.post("/grievances/<reference>/message")
@requires()
def message(reference):
    template, text = request.form.get("template") or None, request.form.get("text", "")
    language = request.form.get("language")
    return act(
        reference, "message", lambda w, gr: w.message(gr, g.staff.staff_id, template, text, language),
        {"template": template},
    )  # fmt: skip


@blueprint.post("/grievances/<reference>/request-information")
@requires()
def request_information(reference):
    template, text = request.form.get("template") or None, request.form.get("text", "")
    language = request.form.get("language")
    return act(
        reference, "request_information",
        lambda w, gr: w.request_information(gr, g.staff.staff_id, template, text, language), {"template": template},
    )  # fmt: skip


@blueprint.post("/grievances/<reference>/orient")
@requires()
def orient(reference):
    form = {name: request.form.get(name, "") for name in ("card", "note", "reason")}
    grievance = visible_grievance(reference)
    if request.form.get("confirmed") != "1":
        try:
            services().workflow.check_orientation(form["card"], form["note"], form["reason"])
        except InvalidInputError as error:
            return render_file(grievance, error.errors(), status=422, form=form)
        preview = citizen_preview(grievance, "oriented", None, form["note"].strip(), form["card"])
        return render_file(grievance, preview={**preview, "action": "orient", "fields": form}, form=form)
    return act(
        reference, "orient",
        lambda w, gr: w.orient(gr, g.staff.staff_id, form["card"], form["note"], form["reason"]),
        {"card": form["card"]}, form,
    )  # fmt: skip


@blueprint.post("/grievances/<reference>/assign")
@requires()
def assign(reference):
    """`assignee`: a staff id, or "-" for nobody (back to the unassigned files)."""
    chosen = request.form.get("assignee", "")
    assignee = None if chosen == "-" else chosen or "?"
    grievance = visible_grievance(reference)
    candidates = {p.staff_id for p in owners_for(grievance)}
    return act(
        reference, "assign", lambda w, gr: w.assign(gr, g.staff.staff_id, assignee, candidates), {"assignee": assignee}
    )


@blueprint.post("/grievances/<reference>/note")
@requires()
def note(reference):
    """A note for staff only (kept in the timeline, never shown to the complainant or the public);
    the audit entry says a note was added, not what it says."""
    text = request.form.get("text", "")
    return act(reference, "note", lambda w, gr: w.add_note(gr, g.staff.staff_id, text), {}, {"note_text": text})


@blueprint.post("/grievances/<reference>/reassign")
@requires()
def reassign(reference):
    delegation, reason = request.form.get("delegation", ""), request.form.get("reason", "")
    return act(
        reference, "reassign",
        lambda w, gr: w.reassign(gr, g.staff.staff_id, delegation, reason), {"delegation": delegation},
    )  # fmt: skip


@blueprint.get("/grievances/<reference>/documents/<upload_id>")
@requires()
def download(reference, upload_id):
    grievance = visible_grievance(reference)
    store = services().store
    upload = store.get_upload(upload_id)
    if upload is None or upload.reference != grievance.reference or upload.status != "attached":
        abort(404)
    audit("download", grievance.reference, {"upload": upload_id, "name": upload.name})
    return document_response(upload)


def document_response(upload):
    """The document itself (one server) or a short-lived link to it (S3), under its safe name."""
    files, name = services().files, download_name(upload)
    if hasattr(files, "open_file"):
        return send_file(files.open_file(upload), mimetype=upload.sniffed_type, as_attachment=True, download_name=name)
    return redirect(files.download_url(upload, name, DOWNLOAD_SECONDS))


PREVIEW_BYTES = 4 * 1024 * 1024  # under Lambda's 6 MB answer once base64-encoded
# A document is the complainant's bytes: shown in a sandbox (no script, no plugin, no form, its own
# opaque origin), never as active content of the admin's origin, and only as its verified type.
PREVIEW_POLICY = "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'self'"


@blueprint.get("/grievances/<reference>/documents/<upload_id>/preview")
@requires()
def preview(reference, upload_id):
    grievance = visible_grievance(reference)
    upload = services().store.get_upload(upload_id)
    if upload is None or upload.reference != grievance.reference or upload.status != "attached":
        abort(404)
    if upload.sniffed_type not in timeline.PREVIEWABLE + timeline.LISTENABLE:
        abort(404)
    data = services().files.read_attached(upload, PREVIEW_BYTES)
    if data is None:
        abort(413)  # the page offers the download instead
    audit("preview", grievance.reference, {"upload": upload_id, "name": upload.name})
    response = current_app.response_class(data, mimetype=upload.sniffed_type)
    response.headers["Content-Security-Policy"] = PREVIEW_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    response.headers["Content-Disposition"] = f"inline; filename*=UTF-8''{quote(download_name(upload), safe='')}"
    return response


@blueprint.post("/grievances/<reference>/tracking-code")
@requires()
def new_tracking_code(reference):
    """A new tracking code for a person who lost theirs and has no e-mail, after staff checked who
    is asking: shown once, on this page only (kept nowhere but as its hash), to be given by phone or
    post. The old code works until the new one is used. Audited in the same write."""
    grievance = visible_grievance(reference)
    if is_anonymised(grievance):  # no one is behind it any more to give a code to
        return render_file(grievance, notice="anonymised", status=409)
    if request.form.get("identity_checked") != "1":
        return render_file(grievance, [(None, "must_be_true")], status=422)
    s = services()
    code = ReissueService(s.store, s.secret, s.config).by_staff(
        grievance.reference, g.staff.staff_id, request.remote_addr
    )
    body = render_template("admin/new_tracking_code.html", grievance=grievance, code=code)
    return body, 200, {"Cache-Control": "no-store"}
