"""A grievance's file: every field, its documents, its timeline, who read it, and what staff can do.
Every read, download and change leaves an entry in the audit log."""

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, send_file, url_for

from schemas import guidance

from ..cases.attachments import download_name
from ..cases.domain_errors import InvalidInputError
from ..cases.message_templates import REQUESTS, TEMPLATES
from ..platform.http_errors import error_items
from ..web.answers import summarise
from .access import audit, requires, visible_grievance
from .names import flatten
from .workflow import ConflictError, Workflow

blueprint = Blueprint("admin_files", __name__)
DOWNLOAD_SECONDS = 300


def services():
    return current_app.extensions["sawt.admin"]()


def render_file(grievance, errors=(), notice=None, status=200):
    store = services().store
    events = store.list_events(grievance.reference)
    # Documents filed with the grievance, then those sent with answers to staff.
    upload_ids = list(grievance.payload.get("attachments", []))
    upload_ids += [u for e in events for u in (e.body.get("attachments") or []) if u not in upload_ids]
    uploads = [store.get_upload(upload_id) for upload_id in upload_ids]
    readers = store.list_audit(None, "read_file", grievance.reference, None, 50)
    return render_template(
        "admin/file.html",
        grievance=grievance,
        answers=summarise(flatten(grievance.payload), g.lang),
        events=events,
        uploads=[u for u in uploads if u],
        readers=readers,
        next_statuses=Workflow.next_statuses(grievance),
        templates=TEMPLATES,
        requests=REQUESTS,
        cards=guidance.orientation()["card"],
        delegations=guidance.delegations(),
        errors=error_items(errors, g.lang),
        notice=notice or request.args.get("done"),
    ), status


@blueprint.get("/grievances/<reference>")
@requires()
def show(reference):
    grievance = visible_grievance(reference)
    audit("read_file", grievance.reference)
    return render_file(grievance)


def act(reference, action: str, do, detail: dict):
    """`detail`: what the audit entry records of the change, named by the route (the codes staff
    chose; the texts stay in the file's timeline), never the request's fields spread out."""
    grievance = visible_grievance(reference)
    try:
        do(services().workflow, grievance)
    except InvalidInputError as error:
        return render_file(grievance, error.errors(), status=422)
    except ConflictError:
        return render_file(visible_grievance(reference), notice="conflict", status=409)
    audit(action, grievance.reference, detail)
    return redirect(url_for("admin_files.show", reference=grievance.reference, done=action))


@blueprint.post("/grievances/<reference>/status")
@requires()
def change_status(reference):
    status, reason = request.form.get("status", ""), request.form.get("reason", "")
    return act(
        reference,
        "status_change",
        lambda w, gr: w.change_status(gr, g.staff.staff_id, status, reason),
        {"status": status},
    )


@blueprint.post("/grievances/<reference>/message")
@requires()
def message(reference):
    template, text = request.form.get("template") or None, request.form.get("text", "")
    return act(
        reference, "message", lambda w, gr: w.message(gr, g.staff.staff_id, template, text), {"template": template}
    )


@blueprint.post("/grievances/<reference>/request-information")
@requires()
def request_information(reference):
    template, text = request.form.get("template") or None, request.form.get("text", "")
    return act(
        reference, "request_information",
        lambda w, gr: w.request_information(gr, g.staff.staff_id, template, text), {"template": template},
    )  # fmt: skip


@blueprint.post("/grievances/<reference>/orient")
@requires()
def orient(reference):
    card, note = request.form.get("card", ""), request.form.get("note", "")
    return act(reference, "orient", lambda w, gr: w.orient(gr, g.staff.staff_id, card, note), {"card": card})


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
    store, files = services().store, services().files
    upload = store.get_upload(upload_id)
    if upload is None or upload.reference != grievance.reference or upload.status != "attached":
        abort(404)
    audit("download", grievance.reference, {"upload": upload_id, "name": upload.name})
    name = download_name(upload)
    if hasattr(files, "open_file"):
        return send_file(files.open_file(upload), mimetype=upload.sniffed_type, as_attachment=True, download_name=name)
    return redirect(files.download_url(upload, name, DOWNLOAD_SECONDS))
