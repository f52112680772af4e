"""Who may do what: roles on every route, and the delegation's scope inside every query.

A delegation member asking for another region's file gets the same 404 as for a file that does not
exist: the admin never confirms what a person may not see.
"""

import functools
import secrets

from flask import abort, current_app, g, redirect, request, url_for

from ..storage.records import AuditEntry, iso, utc_now

ROLES = ("admin", "reviewer", "delegation")  # the Ombudsman's staff
# An administration's correspondent signs in to the same admin but reaches only its own pages
# (functions/admin/correspondent_views.py): the files forwarded to their administration, no staff page.
CORRESPONDENT = "correspondent"


def store():
    return current_app.extensions["sawt.admin"]().store


def requires(*roles):
    """The route needs a full session (password and second factor) and one of these roles; no role
    named: any of the Ombudsman's staff (never a correspondent)."""
    roles = roles or ROLES

    def decorate(view):
        @functools.wraps(view)
        def guarded(*args, **kwargs):
            staff, session = g.get("staff"), g.get("session")
            if staff is None or session is None or session.stage != "full":
                if request.method == "GET":
                    return redirect(url_for("admin_auth.login", next=request.full_path.rstrip("?")))
                abort(403)
            if staff.password_must_change and request.endpoint != "admin_auth.account":
                # A one-time password opens one page only: the one where the person replaces it.
                if request.method == "GET":
                    return redirect(url_for("admin_auth.account"))
                abort(403)
            if staff.role not in roles:
                if staff.role == CORRESPONDENT and request.method == "GET" and request.endpoint in HOMES:
                    return redirect(url_for("admin_correspondent.inbox"))  # their own inbox, not a 403
                abort(403)
            return view(*args, **kwargs)

        return guarded

    return decorate


HOMES = ("admin_inbox.inbox",)  # where a sign-in lands


def delegation_scope(staff) -> str | None:
    """The delegation a query must stay inside, or None for staff who see every region."""
    return staff.delegation if staff.role == "delegation" else None


def can_see(staff, grievance) -> bool:
    if staff.role == CORRESPONDENT:
        return False  # a correspondent sees what staff shared (a forwarding), never the file itself
    scope = delegation_scope(staff)
    return scope is None or grievance.delegation == scope


def visible_grievance(reference: str):
    grievance = store().get_grievance(reference)
    if grievance is None or not can_see(g.staff, grievance):
        abort(404)
    return grievance


NOBODY = "-"  # the actor of an entry made before anyone signed in (a failed sign-in)


def audit(action: str, target: str | None = None, detail: dict | None = None, /) -> None:
    """One entry of the audit log. Its actor is the person of this request's session, and only
    that: nothing a form sends can name someone else. No keyword arguments at all, so nothing can
    be spread into them: what the caller records goes in `detail`, one dict of its own making."""
    staff = g.get("staff") if g.get("session") is not None else None
    stamp = iso(utc_now())
    store().append_audit(
        AuditEntry(
            audit_id=f"{stamp}#{secrets.token_hex(4)}",
            at=stamp,
            staff_id=staff.staff_id if staff else NOBODY,
            action=action,
            target=target,
            address=request.remote_addr,
            detail=dict(detail or {}),
        )
    )
