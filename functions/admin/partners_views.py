"""Partners and figures in the admin: each partner's posters and QR codes to download, and the
statistics of the whole service, of a delegation, or of a partner (exact counts: staff only)."""

from flask import Blueprint, Response, abort, current_app, g, render_template, request

from schemas import guidance

from ..cases.forwarding import overdue_by_administration
from ..cases.statistics import figures
from ..storage.records import utc_now
from ..web.posters import partner_link, poster_svg, qr_svg
from .access import audit, delegation_scope, requires

blueprint = Blueprint("admin_partners", __name__)


def services():
    return current_app.extensions["sawt.admin"]()


def scopes_for(staff) -> list[tuple[str, str]]:
    """(scope, label) the staff member may look at."""
    own = delegation_scope(staff)
    if own:
        return [(f"delegation:{own}", own)]
    return (
        [("all", "all")]
        + [(f"delegation:{d['code']}", d["name"]) for d in guidance.delegations()]
        + [(f"partner:{slug}", p["name"]) for slug, p in guidance.partners().items()]
    )


@blueprint.get("/statistics")
@requires()
def statistics():
    allowed = scopes_for(g.staff)
    scope = request.args.get("scope") or allowed[0][0]
    if scope not in dict(allowed):
        abort(404)
    store = services().store
    # The administrations' figures are the whole service's (forwarding is counted once, not per region).
    overdue_now = overdue_by_administration(store, utc_now()) if scope == "all" else {}
    stats = figures(store.read_statistics(scope), masked=False, overdue_now=overdue_now)
    audit("view_statistics", scope)
    return render_template("admin/statistics.html", stats=stats, scope=scope, scopes=allowed)


@blueprint.get("/partners")
@requires()
def partners():
    return render_template(
        "admin/partners.html", partners=guidance.partners(), origin=services().config["SAWT_SITE_ORIGIN"]
    )


@blueprint.get("/partners/<slug>/<kind>-<lang>.svg")
@requires()
def partner_file(slug, kind, lang):
    partner = guidance.partners().get(slug)
    if partner is None or lang not in partner["languages"] or kind not in ("qr", "poster"):
        abort(404)
    origin = services().config["SAWT_SITE_ORIGIN"]
    body = qr_svg(partner_link(origin, slug, lang)) if kind == "qr" else poster_svg(partner, lang, origin)
    return Response(body, mimetype="image/svg+xml",
                    headers={"Content-Disposition": f"attachment; filename=sawt-{slug}-{kind}-{lang}.svg"})  # fmt: skip
