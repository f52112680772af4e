"""An admin makes an administration's correspondent from the staff page: bound to one administration
of the list, a one-time password shown once, the second factor enrolled at the first sign-in (the
rules of every account), audited; the new account then sees only what was forwarded to its
administration."""

import re

import pyotp
import pytest

from functions.cases.forwarding import ForwardingService
from tests.admin_helpers import csrf_of, https_client, sign_in
from tests.test_admin_access import World

NEW_PASSWORD = "une phrase de passe bien longue 42"


@pytest.fixture
def world(tmp_path):
    return World(tmp_path)


def create(admin, **form):
    csrf = csrf_of(admin.get("/admin/staff"))
    data = {"csrf": csrf, "email": "bureau@cnss.ma", "name": "Bureau des pensions", "role": "correspondent", **form}
    return admin.post("/admin/staff", data=data)


def test_an_admin_makes_a_correspondent_who_enrols_and_sees_only_its_administration(world):
    admin = sign_in(world.app, "admin@example.ma")
    page = admin.get("/admin/staff").get_data(as_text=True)
    assert 'name="administration"' in page and 'value="cnss"' in page and 'value="correspondent"' in page
    made = create(admin, administration="cnss", delegation="fes_meknes")
    assert made.status_code == 201
    one_time = re.search(r"<code[^>]*>([a-z0-9-]{19})</code>", made.get_data(as_text=True)).group(1)
    person = world.store.get_staff("bureau@cnss.ma")
    assert (person.role, person.administration, person.delegation) == ("correspondent", "cnss", None)
    assert person.password_must_change and not person.totp_enabled
    (entry,) = world.store.list_audit("admin@example.ma", "staff_create", "bureau@cnss.ma", None, 10)
    assert entry.detail == {"role": "correspondent", "delegation": None, "administration": "cnss"}
    assert "Caisse nationale de sécurité sociale" in admin.get("/admin/staff").get_data(as_text=True)

    # First sign-in: the one-time password, then the second factor's enrolment, then a new password.
    client = https_client(world.app)
    login = client.get("/admin/login")
    step = client.post("/admin/login", data={"csrf": csrf_of(login), "email": "bureau@cnss.ma", "password": one_time})
    assert "/admin/enrol" in step.headers["Location"]
    enrol = client.get(step.headers["Location"])
    secret = re.search(r'<code dir="ltr">([A-Z2-7]+)</code>', enrol.get_data(as_text=True)).group(1)
    assert (
        client.post("/admin/enrol", data={"csrf": csrf_of(enrol), "code": pyotp.TOTP(secret).now()}).status_code == 302
    )
    assert client.get("/admin/answers").headers["Location"] == "/admin/account"  # the password first
    account = client.get("/admin/account")
    changed = client.post("/admin/account", data={"csrf": csrf_of(account), "password": one_time,
                                                  "new_password": NEW_PASSWORD})  # fmt: skip
    assert changed.status_code == 200
    assert world.reference not in client.get("/admin/answers").get_data(as_text=True)  # nothing forwarded yet
    assert client.get(f"/admin/grievances/{world.reference}").status_code == 403
    ForwardingService(world.store, world.config).forward(
        world.store.get_grievance(world.reference), "admin@example.ma", "cnss", "Votre avis ?", [], set()
    )
    assert world.reference in client.get("/admin/answers").get_data(as_text=True)


@pytest.mark.parametrize("administration", ["", "atlantis", "fes_meknes"])
def test_a_correspondent_without_an_administration_of_the_list_is_refused(world, administration):
    admin = sign_in(world.app, "admin@example.ma")
    refused = create(admin, administration=administration)
    assert refused.status_code == 422 and world.store.get_staff("bureau@cnss.ma") is None
    assert "pour un correspondant, l'administration" in refused.get_data(as_text=True)
    assert world.store.list_audit("admin@example.ma", "staff_create", None, None, 10) == []


def test_staff_of_other_roles_are_never_bound_to_an_administration(world):
    admin = sign_in(world.app, "admin@example.ma")
    assert create(admin, role="reviewer", administration="cnss").status_code == 201
    assert world.store.get_staff("bureau@cnss.ma").administration is None
