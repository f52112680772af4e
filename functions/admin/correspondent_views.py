"""An administration's correspondent: the files forwarded to their administration and nothing else,
what staff wrote for them and the documents staff chose, and the form to answer. Every read is in
the audit log. A file not forwarded to their administration is a 404, like a file that does not
exist: the admin never confirms what a person may not see."""

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, url_for

from schemas.administrations import administration_name

from ..cases.domain_errors import InvalidInputError
from ..cases.forwarding import AlreadyAnsweredError, FileClosedError, ForwardingService, overdue
from ..cases.retention import is_anonymised
from ..platform.http_errors import error_items
from ..storage.records import parse_iso, utc_now
from . import answer_documents, timeline
from .access import CORRESPONDENT, audit, requires

blueprint = Blueprint("admin_correspondent", __name__)
PAGE = 50


def services():
    return current_app.extensions["sawt.admin"]()


def forwarded_here(reference: str):
    """The forwarding of this file to the correspondent's own administration, or 404 (also once
    the file is anonymised or erased: nothing of it is the administration's to read any more)."""
    store = services().store
    forwarding = store.get_forwarding(reference, g.staff.administration or "")
    if forwarding is None or not g.staff.administration:
        abort(404)
    grievance = store.get_grievance(reference)
    if grievance is None or is_anonymised(grievance):
        abort(404)
    return forwarding


def shared_documents(forwarding) -> list:
    store = services().store
    uploads = [store.get_upload(upload_id) for upload_id in forwarding.shared]
    return [
        timeline.document(u) for u in uploads if u and u.reference == forwarding.reference and u.status == "attached"
    ]


def _before(args) -> str | None:
    """The next page's cursor: a timestamp of ours, or nothing (anything else is dropped)."""
    value = args.get("before", "")
    try:
        parse_iso(value)
    except ValueError:
        return None
    return value


@blueprint.get("/answers")
@requires(CORRESPONDENT)
def inbox():
    administration = g.staff.administration or ""
    page = services().store.forwarded_to(administration, PAGE + 1, _before(request.args)) if administration else []
    audit("correspondent_inbox", None, {"administration": administration, "files": len(page[:PAGE])})
    now = utc_now()
    rows = [{"forwarding": f, "overdue": overdue(f, now)} for f in page[:PAGE]]
    return render_template(
        "admin/correspondent_inbox.html", rows=rows, administration=administration_name(administration, g.lang),
        next_before=page[PAGE - 1].forwarded_at if len(page) > PAGE else None,
    )  # fmt: skip


def render_answer_page(forwarding, errors=(), status=200, text=""):
    return render_template(
        "admin/correspondent_file.html", forwarding=forwarding, documents=shared_documents(forwarding),
        administration=administration_name(forwarding.administration, g.lang), overdue=overdue(forwarding, utc_now()),
        errors=error_items(errors, g.lang), text=text, notice=request.args.get("done"),
    ), status  # fmt: skip


@blueprint.get("/answers/<reference>")
@requires(CORRESPONDENT)
def show(reference):
    forwarding = forwarded_here(reference)
    audit("read_forwarded", forwarding.reference, {"administration": forwarding.administration})
    return render_answer_page(forwarding)


@blueprint.get("/answers/<reference>/documents/<upload_id>")
@requires(CORRESPONDENT)
def download(reference, upload_id):
    from .files import document_response

    forwarding = forwarded_here(reference)
    upload = services().store.get_upload(upload_id) if upload_id in forwarding.shared else None
    if upload is None or upload.reference != forwarding.reference or upload.status != "attached":
        abort(404)  # not shared with this administration (or not this file's)
    audit("download", forwarding.reference, {"upload": upload_id, "administration": forwarding.administration})
    return document_response(upload)


@blueprint.post("/grievances/<reference>/answer")
@requires(CORRESPONDENT)
def answer(reference):
    forwarding = forwarded_here(reference)
    text = request.form.get("text", "")
    if forwarding.answered_at or forwarding.paused:  # (before reading any document: nothing to verify for nothing)
        return render_answer_page(forwarding, status=409)
    service = ForwardingService(services().store, services().config, files=services().files)
    documents = []
    try:
        documents, filing = answer_documents.receive(request.files.getlist("documents"))
        service.answer(forwarding, g.staff.staff_id, text, documents, filing)
    except InvalidInputError as error:
        answer_documents.forget(documents)
        return render_answer_page(forwarding, error.errors(), 422, text)
    except (AlreadyAnsweredError, FileClosedError):
        answer_documents.forget(documents)
        return render_answer_page(services().store.get_forwarding(reference, forwarding.administration), status=409)
    audit("answer", forwarding.reference, {"administration": forwarding.administration, "documents": len(documents)})
    return redirect(url_for("admin_correspondent.show", reference=forwarding.reference, done="answer"))
