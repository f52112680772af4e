"""The rights of the person, for admins: export everything held about a complainant, and erase a
file before its time on a justified request (one admin asks with a reason, another confirms)."""

from flask import Blueprint, current_app, g, redirect, render_template, request, url_for

from ..cases.domain_errors import InvalidInputError
from ..cases.retention import is_anonymised
from ..cases.subject_rights import (
    ErasureRefusedError,
    check_reason,
    confirm_erasure,
    export_archive,
    files_of_the_person,
    pending_request,
)
from ..platform.http_errors import error_items
from ..storage.records import utc_now
from .access import audit, requires, visible_grievance

blueprint = Blueprint("admin_rights", __name__)
NOTICES = ("requested", "cancelled", "erased", "no_request", "same_person", "new_account", "done")


def services():
    return current_app.extensions["sawt.admin"]()


def render_rights(grievance, errors=(), notice=None, status=200, reason=""):
    store = services().store
    others = [] if is_anonymised(grievance) else files_of_the_person(store, services().secret, grievance)
    return render_template(
        "admin/rights.html", grievance=grievance, files=others, reason=reason,
        errors=[item["message"] for item in error_items(errors, g.lang)],
        pending=pending_request(store, grievance.reference, utc_now()), anonymised=is_anonymised(grievance),
        notice=notice if notice in NOTICES else None,
    ), status  # fmt: skip


@blueprint.get("/grievances/<reference>/rights")
@requires("admin")
def rights(reference):
    grievance = visible_grievance(reference)
    audit("read_rights", grievance.reference)
    return render_rights(grievance, notice=request.args.get("done"))


@blueprint.get("/grievances/<reference>/export.zip")
@requires("admin")
def export(reference):
    grievance = visible_grievance(reference)
    references = files_of_the_person(services().store, services().secret, grievance)
    archive = export_archive(services().store, services().files, references)
    audit("subject_export", grievance.reference, {"files": references})
    response = current_app.response_class(archive, mimetype="application/zip")
    response.headers["Content-Disposition"] = f'attachment; filename="sawt-{grievance.reference}.zip"'
    return response


@blueprint.post("/grievances/<reference>/erasure")
@requires("admin")
def erasure(reference):
    grievance = visible_grievance(reference)
    action = request.form.get("action")
    if action == "request":
        try:
            reason = check_reason(request.form.get("reason"))
        except InvalidInputError as error:
            return render_rights(grievance, error.errors(), status=422, reason=request.form.get("reason", "")[:1000])
        if is_anonymised(grievance):
            return render_rights(grievance, notice="done", status=409)
        audit("erasure_requested", grievance.reference, {"reason": reason})
        return redirect(url_for("admin_rights.rights", reference=grievance.reference, done="requested"))
    if action == "cancel" and pending_request(services().store, grievance.reference, utc_now()):
        audit("erasure_cancelled", grievance.reference)
        return redirect(url_for("admin_rights.rights", reference=grievance.reference, done="cancelled"))
    if action == "confirm":
        s = services()
        try:
            requester = confirm_erasure(s.store, s.files, s.secret, s.config, grievance, g.staff.staff_id)
        except ErasureRefusedError as refused:
            return render_rights(grievance, notice=refused.code, status=409)
        audit("erasure_confirmed", grievance.reference, {"requested_by": requester})
        return redirect(url_for("admin_rights.rights", reference=grievance.reference, done="erased"))
    return render_rights(grievance, notice="no_request", status=409)
