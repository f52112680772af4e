"""Staff for the admin tests: accounts with a known password and second factor, signed in the way a
person signs in (login form, then the TOTP code)."""

import re

import pyotp

from functions.admin.bootstrap import new_staff

PASSWORD = "long enough pass phrase 2025"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def csrf_of(response) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', response.get_data(as_text=True)).group(1)


def add_staff(store, email, role, delegation=None, totp=True):
    person = new_staff(email, email.split("@")[0].title(), role, delegation, PASSWORD, temporary=False)
    store.create_staff(person)
    if totp:
        store.update_staff(person.staff_id, totp_secret=TOTP_SECRET, totp_enabled=True)
    return person


def https_client(app):
    client = app.test_client()
    client.environ_base["wsgi.url_scheme"] = "https"  # the session cookie is Secure
    return client


def sign_in(app, email, password=PASSWORD, code=None):
    client = https_client(app)
    login = client.get("/admin/login")
    response = client.post("/admin/login", data={"csrf": csrf_of(login), "email": email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    second = client.get(response.headers["Location"])
    code = code or pyotp.TOTP(TOTP_SECRET).now()
    done = client.post("/admin/login/code", data={"csrf": csrf_of(second), "code": code})
    assert done.status_code == 302 and done.headers["Location"].startswith("/admin/"), done.status_code
    return client
