"""The audit log, for admins: every login, read, download, export and change, newest first."""

from flask import Blueprint, current_app, render_template, request

from .access import audit, requires

blueprint = Blueprint("admin_audit", __name__)
PAGE = 100


@blueprint.get("/audit")
@requires("admin")
def audit_log():
    store = current_app.extensions["sawt.admin"]().store
    wanted = {name: (request.args.get(name) or "").strip()[:254] or None for name in ("staff", "action", "target")}
    before = (request.args.get("before") or "").strip()[:64] or None
    entries = store.list_audit(wanted["staff"], wanted["action"], wanted["target"], before, PAGE)
    audit("view_audit", None, {"filters": {k: v for k, v in wanted.items() if v}})
    more = entries[-1].audit_id if len(entries) == PAGE else None
    return render_template("admin/audit.html", entries=entries, wanted=wanted, more=more)
