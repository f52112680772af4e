"""The ways a staff account comes to exist: `make staff`, and the bootstrap admin of an empty store.
Both hand out a password someone else chose, so both must be replaced at the first sign-in."""

import re
import subprocess
import sys

from functions.admin.app import create_app as admin_app
from functions.platform.config import Config
from functions.storage.sqlite_store import SqliteStore
from tests.admin_helpers import TOTP_SECRET, sign_in
from tests.conftest import ROOT


def make_staff(data_dir, *args):
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "create_staff.py"), *args], cwd=ROOT,
                          env={"SAWT_DATA_DIR": str(data_dir), "PATH": "/usr/bin:/bin"}, capture_output=True,
                          text=True, timeout=60)  # fmt: skip


def test_make_staff_creates_an_account_with_a_one_time_password(tmp_path):
    made = make_staff(tmp_path, "--email", "Amina@Mediateur.ma", "--role", "delegation", "--delegation", "fes_meknes")
    assert made.returncode == 0, made.stderr
    password = re.search(r"safely: (\S+)$", made.stdout.strip()).group(1)
    person = SqliteStore(tmp_path).get_staff("amina@mediateur.ma")
    assert person.role == "delegation" and person.delegation == "fes_meknes" and person.password_must_change
    assert password not in person.password_hash  # stored hashed (argon2id)
    again = make_staff(tmp_path, "--email", "amina@mediateur.ma", "--role", "admin")
    assert again.returncode == 1 and "exists already" in again.stderr
    wrong = make_staff(tmp_path, "--email", "x@mediateur.ma", "--role", "delegation", "--delegation", "atlantis")
    assert wrong.returncode == 2 and SqliteStore(tmp_path).get_staff("x@mediateur.ma") is None


def test_the_bootstrap_admin_is_made_once_on_an_empty_store(tmp_path):
    settings = {
        "SAWT_BOOTSTRAP_ADMIN_EMAIL": "boot@mediateur.ma",
        "SAWT_BOOTSTRAP_ADMIN_PASSWORD": "first long phrase 2026",
    }
    config = Config.from_env({}, SAWT_DATA_DIR=tmp_path, **settings)
    app = admin_app(config)
    assert app.test_client().get("/admin/login").status_code == 200  # the first request makes it
    store = app.extensions["sawt.admin"]()
    admin = store.store.get_staff("boot@mediateur.ma")
    assert admin.role == "admin" and admin.password_must_change
    store.store.update_staff("boot@mediateur.ma", totp_secret=TOTP_SECRET, totp_enabled=True)
    client = sign_in(app, "boot@mediateur.ma", password="first long phrase 2026")
    assert client.get("/admin/inbox").headers["Location"] == "/admin/account"
    admin_app(config).test_client().get("/admin/login")  # another instance: nothing more is made
    assert [p.staff_id for p in store.store.list_staff()] == ["boot@mediateur.ma"]


def test_make_staff_creates_a_correspondent_bound_to_an_administration(tmp_path):
    made = make_staff(tmp_path, "--email", "Bureau@CNSS.ma", "--role", "correspondent", "--administration", "cnss")
    assert made.returncode == 0, made.stderr
    person = SqliteStore(tmp_path).get_staff("bureau@cnss.ma")
    assert person.role == "correspondent" and person.administration == "cnss" and person.delegation is None
    assert person.password_must_change and not person.totp_enabled  # password + TOTP, the same rules
    for wrong in ([], ["--administration", "atlantis"]):
        refused = make_staff(tmp_path, "--email", "y@example.ma", "--role", "correspondent", *wrong)
        assert refused.returncode == 2 and "--administration must be one of" in refused.stderr
    assert SqliteStore(tmp_path).get_staff("y@example.ma") is None
