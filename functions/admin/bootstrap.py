"""The first admin, from SAWT_BOOTSTRAP_ADMIN_EMAIL / _PASSWORD, made only on an empty staff store
(later staff are made by admins in the admin, or with `make staff`)."""

import contextlib
import time

from ..platform.config import Config
from ..platform.server_secret import ConfigurationError
from ..storage.port import StaffExistsError
from ..storage.records import Staff, iso, utc_now
from . import security


def one_time_expiry(config: Config, now: float | None = None) -> int:
    """When a one-time password handed out now stops working (SAWT_ONE_TIME_PASSWORD_HOURS)."""
    return int(time.time() if now is None else now) + config.int("SAWT_ONE_TIME_PASSWORD_HOURS") * 3600


def new_staff(
    email: str,
    name: str,
    role: str,
    delegation: str | None,
    password: str,
    language: str = "fr",
    expires_at: int | None = None,
    administration: str | None = None,
) -> Staff:
    """`expires_at`: someone other than the person chose the password (every way of making an account
    in Sawt), so it works until then and must be replaced at the first sign-in. None: the person's
    own password (tests make accounts already in use)."""
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
        password_must_change=expires_at is not None,
        password_expires_at=expires_at or 0,
        administration=administration if role == "correspondent" else None,
    )


def bootstrap_admin(store, config: Config) -> None:
    email, password = config["SAWT_BOOTSTRAP_ADMIN_EMAIL"], config["SAWT_BOOTSTRAP_ADMIN_PASSWORD"]
    if not email or not password or store.has_staff():
        return
    with contextlib.suppress(StaffExistsError):  # another instance made it first
        store.create_staff(
            new_staff(email, "Administrator", "admin", None, password, expires_at=one_time_expiry(config))
        )
