"""Staff's side of forwarding: send a file to the administration concerned (what is asked, the
documents to share), see each administration's clock on the file, and remind it by hand."""

from flask import Blueprint, abort, current_app, g, redirect, request, url_for

from schemas.administrations import administration_name, administrations

from ..cases.domain_errors import InvalidInputError
from ..cases.forwarding import (
    AlreadyAnsweredError,
    AlreadyForwardedError,
    AlreadyRemindedError,
    FileClosedError,
    ForwardingService,
    overdue,
)
from ..storage.records import parse_iso, utc_now
from .access import audit, requires, visible_grievance

blueprint = Blueprint("admin_forwarding", __name__)


def services():
    return current_app.extensions["sawt.admin"]()


def forwarding_service() -> ForwardingService:
    return ForwardingService(services().store, services().config)


def clocks(reference: str, lang: str) -> list[dict]:
    """Each administration the file went to, with its clock, for the file page."""
    now = utc_now()
    return [
        {
            "code": f.administration,
            "name": administration_name(f.administration, lang),
            "forwarded_at": f.forwarded_at,
            "due_at": f.due_at,
            "answered_at": f.answered_at,
            "overdue": overdue(f, now),
            "paused": f.paused,
            "days_left": (parse_iso(f.due_at) - now).days,
        }
        for f in services().store.list_forwardings(reference)
    ]


@blueprint.post("/grievances/<reference>/forward")
@requires()
def forward(reference):
    from .files import documents_of, render_file

    grievance = visible_grievance(reference)
    form = {name: request.form.get(name, "") for name in ("administration", "text")}
    shared = request.form.getlist("documents")[:50]
    documents = documents_of(grievance, services().store.list_events(grievance.reference))
    try:
        forwarding_service().forward(grievance, g.staff.staff_id, form["administration"], form["text"], shared,
                                     set(documents))  # fmt: skip
    except InvalidInputError as error:
        errors = [("forward_text" if field == "text" else field, code) for field, code in error.errors()]
        return render_file(grievance, errors, status=422, form={"forward_" + k: v for k, v in form.items()})
    except AlreadyForwardedError:
        return render_file(grievance, notice="already_forwarded", status=409)
    audit("forward", grievance.reference, {"administration": form["administration"], "documents": len(shared)})
    return redirect(url_for("admin_files.show", reference=grievance.reference, done="forward"))


@blueprint.post("/grievances/<reference>/remind")
@requires()
def remind(reference):
    grievance = visible_grievance(reference)
    administration = request.form.get("administration", "")
    forwarding = services().store.get_forwarding(grievance.reference, administration)
    if administration not in administrations() or forwarding is None:
        abort(404)
    from .files import render_file

    try:
        forwarding_service().remind(forwarding)
    except AlreadyAnsweredError:
        return render_file(grievance, notice="already_answered", status=409)
    except FileClosedError:
        return render_file(grievance, notice="forwarding_paused", status=409)
    except AlreadyRemindedError:
        return render_file(grievance, notice="already_reminded", status=409)
    audit("remind", grievance.reference, {"administration": administration})
    return redirect(url_for("admin_files.show", reference=grievance.reference, done="remind"))
