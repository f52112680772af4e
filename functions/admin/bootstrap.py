"""The first admin, from SAWT_BOOTSTRAP_ADMIN_EMAIL / _PASSWORD, made only on an empty staff store
(later staff are made by admins in the admin, or with `make staff`)."""

import contextlib

from ..platform.config import Config
from ..platform.server_secret import ConfigurationError
from ..storage.port import StaffExistsError
from ..storage.records import Staff, iso, utc_now
from . import security


def new_staff(
    email: str,
    name: str,
    role: str,
    delegation: str | None,
    password: str,
    language: str = "fr",
    temporary: bool = True,
) -> Staff:
    """`temporary`: someone other than the person chose the password, so it must be replaced at the
    first sign-in (every way of making an account in Sawt; tests make accounts already in use)."""
    email = email.strip().lower()
    problem = security.password_problem(password, email)
    if problem:
        raise ConfigurationError(f"the password is not strong enough ({problem}): 12+ varied characters")
    return Staff(
        staff_id=email,
        name=name,
        role=role,
        delegation=delegation if role == "delegation" else None,
        password_hash=security.hash_password(password),
        created_at=iso(utc_now()),
        language=language,
        password_must_change=temporary,
    )


def bootstrap_admin(store, config: Config) -> None:
    email, password = config["SAWT_BOOTSTRAP_ADMIN_EMAIL"], config["SAWT_BOOTSTRAP_ADMIN_PASSWORD"]
    if not email or not password or store.has_staff():
        return
    with contextlib.suppress(StaffExistsError):  # another instance made it first
        store.create_staff(new_staff(email, "Administrator", "admin", None, password))
