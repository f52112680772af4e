"""Staff management, for admins: add people, give them a role (and a delegation), deactivate them,
reset a password or a second factor. New passwords are shown once, never stored in clear."""

from flask import Blueprint, current_app, g, render_template, request

from schemas import guidance
from schemas.administrations import administrations, choices
from schemas.vocabulary import ADMIN_LANGUAGES

from ..platform.server_secret import ConfigurationError
from ..storage.port import StaffExistsError
from . import security
from .access import CORRESPONDENT, ROLES, audit, requires
from .bootstrap import new_staff, one_time_expiry

blueprint = Blueprint("admin_staff", __name__)


def services():
    return current_app.extensions["sawt.admin"]()


def page(message=None, password=None, status=200, for_whom=None):
    return render_template(
        "admin/staff.html",
        people=services().store.list_staff(),
        roles=(*ROLES, CORRESPONDENT),
        delegations=guidance.delegations(),
        administration_choices=choices(g.lang),
        message=message,
        password=password,
        for_whom=for_whom,
    ), status


@blueprint.get("/staff")
@requires("admin")
def staff_list():
    return page()


@blueprint.post("/staff")
@requires("admin")
def staff_create():
    form = request.form
    email = form.get("email", "").strip().lower()
    role = form.get("role")
    delegation = form.get("delegation") or None
    # A correspondent is bound to one administration of the list, and sees only what was forwarded to it.
    administration = form.get("administration") or None
    codes = {d["code"] for d in guidance.delegations()}
    valid = "@" in email and len(email) <= 254 and role in (*ROLES, CORRESPONDENT) and form.get("name", "").strip()
    if not valid or (role == "delegation" and delegation not in codes):
        return page("invalid", status=422)
    if role == CORRESPONDENT and administration not in administrations():
        return page("invalid", status=422)
    password = security.new_password()
    try:
        language = form.get("language") if form.get("language") in ADMIN_LANGUAGES else ADMIN_LANGUAGES[0]
        expires_at = one_time_expiry(services().config)
        person = new_staff(email, form["name"].strip()[:100], role, delegation, password, language, expires_at,
                           administration)  # fmt: skip
        services().store.create_staff(person)
    except StaffExistsError:
        return page("exists", status=409)
    except ConfigurationError:
        return page("invalid", status=422)
    audit("staff_create", email, {"role": role, "delegation": person.delegation,
                                  "administration": person.administration})  # fmt: skip
    return page("created", password=password, for_whom=email, status=201)


@blueprint.post("/staff/<staff_id>")
@requires("admin")
def staff_update(staff_id):
    store = services().store
    person = store.get_staff(staff_id)
    action = request.form.get("action")
    if person is None or (staff_id == g.staff.staff_id and action == "deactivate"):
        return page("invalid", status=422)
    password = None
    if action == "deactivate":
        store.update_staff(staff_id, active=False)
    elif action == "activate":
        store.update_staff(staff_id, active=True)
    elif action == "reset_password":
        password = security.new_password()
        store.update_staff(
            staff_id,
            password_hash=security.hash_password(password),
            password_must_change=True,
            password_expires_at=one_time_expiry(services().config),
        )
    elif action == "reset_totp":
        store.update_staff(staff_id, totp_enabled=False, totp_secret=None)
    else:
        return page("invalid", status=422)
    # Whatever the change, the person signs in again: a reset is often done because an account or a
    # phone may be in someone else's hands, and a session opened before it must not outlive it.
    ended = store.end_sessions_of(staff_id) if staff_id != g.staff.staff_id else 0
    audit("staff_update", staff_id, {"change": action, "sessions_ended": ended})
    return page("updated", password=password, for_whom=staff_id)
