"""The audit log, for admins: every login, read, download, export and change, newest first."""

import re

from flask import Blueprint, abort, current_app, render_template, request

from .access import audit, requires

blueprint = Blueprint("admin_audit", __name__)
PAGE = 100
# "Older entries" carries the last entry's id: its time stamp first (a month both backends can page
# from), then its own suffix. Anything else was not written by this page.
CURSOR = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])-[0-9]{2}T[0-9:.+Z-]{1,40}#[0-9a-f]{1,16}$")


@blueprint.get("/audit")
@requires("admin")
def audit_log():
    store = current_app.extensions["sawt.admin"]().store
    wanted = {name: (request.args.get(name) or "").strip()[:254] or None for name in ("staff", "action", "target")}
    before = (request.args.get("before") or "").strip()[:64] or None
    if before is not None and not CURSOR.match(before):
        abort(400)
    entries = store.list_audit(wanted["staff"], wanted["action"], wanted["target"], before, PAGE)
    audit("view_audit", None, {"filters": {k: v for k, v in wanted.items() if v}})
    more = entries[-1].audit_id if len(entries) == PAGE else None
    return render_template("admin/audit.html", entries=entries, wanted=wanted, more=more)
