"""Staff for the admin tests: accounts with a known password and second factor, signed in the way a
person signs in (login form, then the TOTP code)."""

import re
import time

import pyotp

from functions.admin.bootstrap import new_staff

PASSWORD = "long enough pass phrase 2025"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def csrf_of(response) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', response.get_data(as_text=True)).group(1)


def add_staff(store, email, role, delegation=None, totp=True, administration=None):
    person = new_staff(email, email.split("@")[0].title(), role, delegation, PASSWORD, administration=administration)
    store.create_staff(person)
    if totp:
        store.update_staff(person.staff_id, totp_secret=TOTP_SECRET, totp_enabled=True)
    return person


def https_client(app):
    client = app.test_client()
    client.environ_base["wsgi.url_scheme"] = "https"  # the session cookie is Secure
    return client


def fresh_code(store, staff_id: str, secret: str = TOTP_SECRET) -> str:
    """A code of a time step this person has not used yet (a code works once): the current one, or
    the next (accepted early, for a phone whose clock runs fast); when both are spent, the clock
    has to move on, as it would for a person signing in again at once."""
    totp = pyotp.TOTP(secret)
    while True:
        current, last = totp.timecode(time.time()), store.get_staff(staff_id).totp_last_step
        for step in (current, current + 1):
            if step > last:
                return totp.generate_otp(step)
        time.sleep(0.2)


def sign_in(app, email, password=PASSWORD, code=None):
    client = https_client(app)
    login = client.get("/admin/login")
    response = client.post("/admin/login", data={"csrf": csrf_of(login), "email": email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    second = client.get(response.headers["Location"])
    code = code or fresh_code(app.extensions["sawt.admin"]().store, email.strip().lower())
    done = client.post("/admin/login/code", data={"csrf": csrf_of(second), "code": code})
    assert done.status_code == 302 and done.headers["Location"].startswith("/admin/"), done.status_code
    return client
