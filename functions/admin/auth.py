"""Signing in: password (argon2id), then the TOTP second factor — enrolled with a QR code at the
first sign-in, required ever after. Failures are limited per address and per account in the store:
each try takes its place in both windows before the password or code is checked (a burst cannot
outrun the count), and gives it back when it was right. A locked account and a wrong password look
the same from outside."""

import hmac
import logging
import time

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, url_for

from schemas.vocabulary import ADMIN_LANGUAGES

from ..cases.domain_errors import RateLimitedError
from ..platform import rate_limit
from . import security, sessions
from .access import CORRESPONDENT, ROLES, audit, requires

blueprint = Blueprint("admin_auth", __name__)
log = logging.getLogger("sawt")
WINDOW = 900
ADDRESS_FAILURES = 20
# Refused tries are counted, never refused themselves (no ceiling).
REFUSED = rate_limit.Limit("login-refused", 0, WINDOW)


def services():
    return current_app.extensions["sawt.admin"]()


def limits():
    config = services().config
    return rate_limit.Limit("login-address", ADDRESS_FAILURES, WINDOW), rate_limit.Limit(
        "login-account", config.int("SAWT_LOGIN_FAILURES"), WINDOW
    )


def safe_next(target: str | None) -> str:
    # Only our own pages: never an open redirect to somewhere else.
    if target and target.startswith("/admin/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("admin_inbox.inbox")


def take_try(email: str) -> rate_limit.Tries | None:
    """A place in this address's and this account's windows, or None when either is full.

    A refused try writes no audit row — a locked address sending thousands would fill the
    append-only log — it is counted instead, and the count logged as it grows (no address)."""
    s, now = services(), int(time.time())
    by_address, by_account = limits()
    address = request.remote_addr or ""
    try:
        return rate_limit.take(s.store, s.secret, now, (by_address, (address,)), (by_account, (email,)))
    except RateLimitedError:
        refused = rate_limit.count(s.store, s.secret, now, REFUSED, (address,))
        if refused in (1, 10, 100, 1000, 10000):
            log.warning("sign-in refused: address or account locked (%d from this address in this window)", refused)
        return None


def record_failure(email: str) -> None:
    s = services()
    staff = s.store.get_staff(email)
    if staff:
        s.store.update_staff(email, failed_logins=staff.failed_logins + 1)
    audit("login_failure", email or None)


@blueprint.route("/login", methods=["GET", "POST"])
def login():
    token = sessions.login_csrf()
    error = None
    if request.method == "POST":
        if not hmac.compare_digest(
            request.cookies.get(sessions.LOGIN_COOKIE, "").encode(), request.form.get("csrf", "").encode()
        ) or not request.cookies.get(sessions.LOGIN_COOKIE):
            abort(403)
        email = request.form.get("email", "").strip().lower()[:254]
        password = request.form.get("password", "")[:1024]
        store = services().store
        tries = take_try(email)
        if tries is None:
            security.dummy_verify()
            error = "locked"
        else:
            staff = store.get_staff(email) if email else None
            # One argon2 check whatever the account (real, deactivated or unknown): the time an
            # answer takes tells nothing about which accounts exist or are active.
            matched = security.password_matches(staff.password_hash if staff else security.dummy_hash(), password)
            if staff and staff.active and matched:
                tries.give_back()  # a right password costs no try (an expired one is no guess either)
            if staff and staff.active and matched and one_time_password_expired(staff):
                audit("login_refused", email, {"reason": "one_time_password_expired"})
                error = "expired"
            elif staff and staff.active and matched:
                store.update_staff(email, failed_logins=0)
                sessions.start(store, email, "password")
                target = "admin_auth.code" if staff.totp_enabled else "admin_auth.enrol"
                return redirect(url_for(target, next=safe_next(request.form.get("next"))))
            else:
                record_failure(email)
                error = "wrong"
    status = {"locked": 429, "wrong": 401, "expired": 401}.get(error, 200)
    return render_template("admin/login.html", csrf=token, error=error, next=request.values.get("next", "")), status


def one_time_password_expired(staff) -> bool:
    # Without an end (given before one-time passwords expired, on DynamoDB), it is expired: an
    # administrator gives a new one. (SQLite's migration 0007 gave those 72 hours instead.)
    return staff.password_must_change and staff.password_expires_at <= time.time()


def pending_session():
    if g.get("session") is None or g.session.stage != "password":
        abort(403)
    return g.session, g.staff


def finish_login(method: str):
    store = services().store
    staff_id = g.staff.staff_id
    sessions.end(store)
    sessions.start(store, staff_id, "full")  # a new token once both factors are given
    audit("login_success", None, {"method": method})
    return redirect(safe_next(request.values.get("next")))


@blueprint.route("/login/code", methods=["GET", "POST"])
def code():
    _session, staff = pending_session()
    if not staff.totp_enabled:
        return redirect(url_for("admin_auth.enrol"))
    error = None
    if request.method == "POST":
        store = services().store
        tries = take_try(staff.staff_id)
        if tries is None:
            sessions.end(store)
            return redirect(url_for("admin_auth.login"))
        step = security.totp_step(staff.totp_secret, request.form.get("code", ""))
        # The step is claimed in one conditional write: a code seen over a shoulder, or sent by
        # two sign-ins at once, works once only.
        if step is not None and store.claim_totp_step(staff.staff_id, step):
            tries.give_back()
            return finish_login("totp")
        record_failure(staff.staff_id)
        error = "wrong"
    return render_template("admin/code.html", error=error, next=request.values.get("next", "")), 401 if error else 200


@blueprint.route("/enrol", methods=["GET", "POST"])
def enrol():
    session, staff = pending_session()
    if staff.totp_enabled:
        return redirect(url_for("admin_auth.code"))
    store = services().store
    secret, error = session.totp_secret, None
    if request.method == "POST" and secret:
        step = security.totp_step(secret, request.form.get("code", ""))
        if step is not None:
            if not store.enable_totp(staff.staff_id, secret, step):
                return redirect(url_for("admin_auth.code"))  # another sign-in of this person enrolled first
            audit("totp_enrolled")
            return finish_login("totp-enrolment")
        error = "wrong"  # the same secret again: the person may have scanned it already
    else:
        # Each attempt gets a secret of its own, kept with this sign-in only: a key seen or
        # photographed during an earlier attempt is worth nothing.
        secret = security.new_totp_secret()
        store.update_session(session.session_hash, totp_secret=secret)
    return render_template(
        "admin/enrol.html",
        qr=security.totp_qr_svg(secret, staff.staff_id),
        secret=secret,
        error=error,
        next=request.values.get("next", ""),
    ), 401 if error else 200


@blueprint.post("/logout")
def logout():
    if g.get("staff"):
        audit("logout")
    sessions.end(services().store)
    return redirect(url_for("admin_auth.login"))


@blueprint.route("/account", methods=["GET", "POST"])
@requires(*ROLES, CORRESPONDENT)
def account():
    store, message = services().store, None
    if request.method == "POST":
        if request.form.get("language") in ADMIN_LANGUAGES:
            store.update_staff(g.staff.staff_id, language=request.form["language"])
            message = "saved"
        new = request.form.get("new_password", "")[:1024]
        if new:
            message = change_password(store, request.form.get("password", "")[:1024], new)
        g.staff = store.get_staff(g.staff.staff_id)
        g.lang = g.staff.language
    status = {"wrong": 401, "locked": 429}.get(message, 200)
    return render_template("admin/account.html", message=message), status


def change_password(store, current: str, new: str) -> str:
    staff = g.staff
    # Guessing the current password with a session left open (a shared desk) meets the sign-in's
    # limits, and each wrong guess is audited as a failed sign-in.
    tries = take_try(staff.staff_id)
    if tries is None:
        return "locked"
    if not security.password_matches(staff.password_hash, current):
        record_failure(staff.staff_id)
        return "wrong"
    tries.give_back()
    if security.password_problem(new, staff.staff_id):
        return "weak"
    if security.password_matches(staff.password_hash, new):
        return "same"  # a one-time password, above all, must not become the person's own
    store.update_staff(
        staff.staff_id, password_hash=security.hash_password(new), password_must_change=False, password_expires_at=0
    )
    # Whoever else holds a session of this account (a lost phone, the person who knew the old
    # password) is signed out; this browser goes on with a new session.
    ended = store.end_sessions_of(staff.staff_id)
    sessions.start(store, staff.staff_id, "full")
    audit("password_changed", None, {"other_sessions_ended": max(0, ended - 1)})
    return "saved"


@blueprint.get("/")
def root():
    return redirect(url_for("admin_inbox.inbox"))
