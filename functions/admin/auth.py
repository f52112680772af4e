"""Signing in: password (argon2id), then the TOTP second factor — enrolled with a QR code at the
first sign-in, required ever after. Failures are limited per address and per account in the store:
each try takes its place in both windows before the password or code is checked (a burst cannot
outrun the count), and gives it back when it was right."""

import hmac
import logging
import time

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, url_for

from ..cases.domain_errors import RateLimitedError
from ..platform import rate_limit
from ..storage.records import iso, utc_now
from . import security, sessions
from .access import audit, requires

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
    audit("login_failure", staff_id=email or "?")


@blueprint.route("/login", methods=["GET", "POST"])
def login():
    token = sessions.login_csrf()
    error = None
    if request.method == "POST":
        if not hmac.compare_digest(
            request.cookies.get(sessions.LOGIN_COOKIE, ""), request.form.get("csrf", "")
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
            if staff and staff.active and security.password_matches(staff.password_hash, password):
                tries.give_back()
                store.update_staff(email, failed_logins=0)
                sessions.start(store, email, "password")
                target = "admin_auth.code" if staff.totp_enabled else "admin_auth.enrol"
                return redirect(url_for(target, next=safe_next(request.form.get("next"))))
            if not staff:
                security.dummy_verify()
            record_failure(email)
            error = "wrong"
    status = {"locked": 429, "wrong": 401}.get(error, 200)
    return render_template("admin/login.html", csrf=token, error=error, next=request.values.get("next", "")), status


def pending_session():
    if g.get("session") is None or g.session.stage != "password":
        abort(403)
    return g.session, g.staff


def finish_login(staff, method: str):
    store = services().store
    sessions.end(store)
    sessions.start(store, staff.staff_id, "full")  # a new token once both factors are given
    g.staff = staff
    audit("login_success", method=method)
    return redirect(safe_next(request.values.get("next")))


@blueprint.route("/login/code", methods=["GET", "POST"])
def code():
    _session, staff = pending_session()
    if not staff.totp_enabled:
        return redirect(url_for("admin_auth.enrol"))
    error = None
    if request.method == "POST":
        tries = take_try(staff.staff_id)
        if tries is None:
            sessions.end(services().store)
            return redirect(url_for("admin_auth.login"))
        if security.totp_matches(staff.totp_secret, request.form.get("code", "")):
            tries.give_back()
            return finish_login(staff, "totp")
        record_failure(staff.staff_id)
        error = "wrong"
    return render_template("admin/code.html", error=error, next=request.values.get("next", "")), 401 if error else 200


@blueprint.route("/enrol", methods=["GET", "POST"])
def enrol():
    _session, staff = pending_session()
    if staff.totp_enabled:
        return redirect(url_for("admin_auth.code"))
    store = services().store
    secret = staff.totp_secret
    if not secret:
        secret = security.new_totp_secret()
        store.update_staff(staff.staff_id, totp_secret=secret)
    error = None
    if request.method == "POST":
        if security.totp_matches(secret, request.form.get("code", "")):
            store.update_staff(staff.staff_id, totp_enabled=True)
            g.staff = staff
            audit("totp_enrolled")
            return finish_login(store.get_staff(staff.staff_id), "totp-enrolment")
        error = "wrong"
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
@requires()
def account():
    store, message = services().store, None
    if request.method == "POST":
        if request.form.get("language") in ("fr", "ar"):
            store.update_staff(g.staff.staff_id, language=request.form["language"])
            message = "saved"
        new = request.form.get("new_password", "")
        if new:
            if not security.password_matches(g.staff.password_hash, request.form.get("password", "")):
                message = "wrong"
            elif security.password_problem(new, g.staff.staff_id):
                message = "weak"
            else:
                store.update_staff(
                    g.staff.staff_id, password_hash=security.hash_password(new), password_must_change=False
                )
                audit("password_changed", at=iso(utc_now()))
                message = "saved"
        g.staff = store.get_staff(g.staff.staff_id)
        g.lang = g.staff.language
    return render_template("admin/account.html", message=message)


@blueprint.get("/")
def root():
    return redirect(url_for("admin_inbox.inbox"))
