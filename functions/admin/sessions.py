"""Staff sessions: a random token in a Secure, HttpOnly, SameSite=Strict cookie scoped to /admin/;
only its hash in the store, with an idle and an absolute timeout. CSRF tokens per session (and, for
the login form, a double-submitted one before any session exists)."""

import hmac
import time

from flask import current_app, g, request

from ..storage.records import StaffSession
from . import security

COOKIE = "sawt_admin"
LOGIN_COOKIE = "sawt_admin_login"
PATH = "/admin/"
TOUCH_EVERY = 60  # seconds: refresh last_seen at most once a minute (one write, not one per click)


def _settings():
    config = current_app.config["SAWT"]
    return config.int("SAWT_ADMIN_IDLE_MINUTES") * 60, config.int("SAWT_ADMIN_SESSION_HOURS") * 3600


def cookie_options() -> dict:
    secure = current_app.config["SAWT"]["SAWT_ADMIN_COOKIE_SECURE"].lower() != "false"
    return {"httponly": True, "secure": secure, "samesite": "Strict", "path": PATH}


def start(store, staff_id: str, stage: str) -> str:
    """A new session (always a new token: no fixation), the current one from now on; the response
    sets its cookie."""
    _idle, absolute = _settings()
    now = int(time.time())
    token = security.new_token()
    session = StaffSession(
        session_hash=security.token_hash(token),
        staff_id=staff_id,
        stage=stage,
        csrf_token=security.new_token(),
        created_at=now,
        last_seen=now,
        expires_at=now + absolute,
    )
    store.create_session(session)
    g.new_session_token, g.session = token, session
    return token


def load(store):
    """The current session and its staff member, or (None, None); expired sessions are deleted."""
    token = request.cookies.get(COOKIE)
    if not token:
        return None, None
    session_hash = security.token_hash(token)
    session = store.get_session(session_hash)
    idle, _absolute = _settings()
    now = int(time.time())
    if session is None or session.expires_at <= now or session.last_seen + idle <= now:
        if session is not None:
            store.delete_session(session_hash)
        return None, None
    staff = store.get_staff(session.staff_id)
    if staff is None or not staff.active:
        store.delete_session(session_hash)
        return None, None
    if now - session.last_seen >= TOUCH_EVERY:
        store.update_session(session_hash, last_seen=now)
    return session, staff


def end(store) -> None:
    token = request.cookies.get(COOKIE)
    if token:
        store.delete_session(security.token_hash(token))
    g.end_session = True


def csrf_ok(expected: str | None) -> bool:
    given = request.form.get("csrf", "")
    # As bytes: compare_digest refuses str holding non-ASCII, and a tampered field may hold anything.
    return bool(expected) and hmac.compare_digest(expected.encode(), given.encode())


def login_csrf() -> str:
    """Before a session exists: a token in a cookie and in the form, which must match."""
    token = request.cookies.get(LOGIN_COOKIE) or security.new_token()
    g.login_csrf = token
    return token


def apply_cookies(response):
    options = cookie_options()
    if getattr(g, "new_session_token", None):
        response.set_cookie(COOKIE, g.new_session_token, **options)
    elif getattr(g, "end_session", False):
        response.delete_cookie(COOKIE, path=PATH, secure=options["secure"], httponly=True, samesite="Strict")
    if getattr(g, "login_csrf", None) and request.cookies.get(LOGIN_COOKIE) != g.login_csrf:
        response.set_cookie(LOGIN_COOKIE, g.login_csrf, **options)
    return response
