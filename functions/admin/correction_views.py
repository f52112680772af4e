"""Correcting the complainant's details (law 09-08, rectification), for the Ombudsman's staff (not
correspondents): a form with the present values and a reason; validated like the filing; audited
by the names of the fields changed, never their values."""

from flask import Blueprint, current_app, g, redirect, render_template, request, url_for

from schemas.error_codes import N_

from ..cases.domain_errors import InvalidInputError
from ..cases.rectification import CORRECTABLE, CorrectionConflictError, NothingChangedError, correct
from ..cases.retention import is_anonymised
from ..platform.http_errors import error_items
from ..web import labels
from .access import audit, requires, visible_grievance

blueprint = Blueprint("admin_correction", __name__)
MAX_VALUE = 1000  # what a refused form shows back, at most
REASON_LABEL = N_("Reason (the person's request: date, how it came, why)")


def services():
    return current_app.extensions["sawt.admin"]()


def field_label(name: str | None) -> str | None:
    if name == "reason":
        return REASON_LABEL
    return labels.contact_label(name) if name in CORRECTABLE else None


def render_correct(grievance, values=None, reason="", errors=(), notice=None, status=200):
    contact = grievance.payload.get("complainant") or {}
    values = {**{f: str(contact.get(f) or "") for f in CORRECTABLE}, **(values or {})}  # what was sent, shown back
    items = [
        {**e, "field": field_label((e["field"] or "").removeprefix("complainant."))}
        for e in error_items(errors, g.lang)
    ]
    return render_template(
        "admin/correct.html", grievance=grievance, anonymised=is_anonymised(grievance), reason=reason,
        reason_label=REASON_LABEL, fields=[(f, field_label(f), values[f]) for f in CORRECTABLE], errors=items,
        notice=notice,
    ), status  # fmt: skip


@blueprint.get("/grievances/<reference>/correct")
@requires()
def correct_form(reference):
    return render_correct(visible_grievance(reference))


@blueprint.post("/grievances/<reference>/correct")
@requires()
def correct_details(reference):
    grievance = visible_grievance(reference)
    values = {f: request.form.get(f, "")[:MAX_VALUE] for f in CORRECTABLE if f in request.form}
    reason = request.form.get("reason", "")
    s = services()
    try:
        changed = correct(s.store, s.secret, grievance, g.staff.staff_id, values, reason)
    except InvalidInputError as error:
        return render_correct(grievance, values, reason[:MAX_VALUE], error.errors(), status=422)
    except NothingChangedError:
        return render_correct(grievance, values, reason[:MAX_VALUE], notice="unchanged", status=422)
    except CorrectionConflictError:
        return render_correct(visible_grievance(reference), notice="conflict", status=409)
    audit("correct_details", grievance.reference, {"fields": list(changed)})
    return redirect(url_for("admin_files.show", reference=grievance.reference, done="correct_details"))
