"""What is wrong with a configuration, in sentences that name the setting: checked before serving
anything (the local server refuses to start, `make package` and `make deploy` refuse to build or
ship, a Lambda answers 503 and logs it), instead of answering every filing with a 500 later.

    python -m functions.platform.config_check    # the SAWT_* environment of this shell
"""

import re
import sys

from .config import SETTINGS, Config
from .server_secret import ConfigurationError, decode_secret

_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$")
_CHOICES = {
    "SAWT_STORAGE": ("local", "aws"),
    "SAWT_SCANNER": ("none", "clamd"),
    "SAWT_ADMIN_COOKIE_SECURE": ("true", "false"),
    "SAWT_SMTP_STARTTLS": ("true", "false"),
}
# Durations that may have decimals (a timeout of 1.5 s): a number above zero.
_POSITIVE_NUMBERS = ("SAWT_AWS_TIMEOUT_SECONDS",)
# Every other setting whose default is a whole number must be one (a count, a duration, a size, a port).
_WHOLE_NUMBERS = tuple(s.name for s in SETTINGS if s.default.isdigit() and s.name not in _POSITIVE_NUMBERS)


def _positive_number(text: str) -> bool:
    try:
        return 0 < float(text) < float("inf")
    except ValueError:
        return False


def configuration_problems(config: Config) -> list[str]:
    problems = []
    for name, allowed in _CHOICES.items():
        if config[name].strip().lower() not in allowed:
            problems.append(f"{name} must be one of {', '.join(allowed)}, not {config[name]!r}")
    for name in _WHOLE_NUMBERS:
        if not config[name].strip().isdigit():
            problems.append(f"{name} must be a whole number, not {config[name]!r}")
    for name in _POSITIVE_NUMBERS:
        if not _positive_number(config[name].strip()):
            problems.append(f"{name} must be a number of seconds above zero, not {config[name]!r}")
    reminders = [part.strip() for part in config["SAWT_ADMINISTRATION_REMINDER_DAYS"].split(",")]
    if not all(part.isdigit() and int(part) > 0 for part in reminders if part):
        problems.append(
            "SAWT_ADMINISTRATION_REMINDER_DAYS must be whole numbers of days above zero, separated by commas, "
            f"not {config['SAWT_ADMINISTRATION_REMINDER_DAYS']!r}"
        )
    from schemas.vocabulary import LANGUAGES

    if config["SAWT_DEFAULT_LANGUAGE"] not in LANGUAGES:
        problems.append(f"SAWT_DEFAULT_LANGUAGE must be one of {', '.join(LANGUAGES)}")
    secret = config["SAWT_SECRET_KEY"]
    if secret:
        try:
            decode_secret(secret)
        except ConfigurationError as error:
            problems.append(str(error))  # (never the value itself: it is the secret)
    elif config.storage == "aws":
        problems.append(
            "SAWT_SECRET_KEY is required with SAWT_STORAGE=aws: 32+ random bytes (openssl rand -hex 32), "
            "the same value for both functions"
        )
    for name in ("SAWT_SITE_ORIGIN", "SAWT_UPLOAD_ORIGIN"):
        if config[name] and not _ORIGIN.match(config[name]):
            problems.append(f"{name} must be an origin like https://sawt.example.ma (no path), not {config[name]!r}")
    logo = config["SAWT_INSTITUTION_LOGO"].strip().lower()
    if logo and not logo.endswith((".svg", ".png", ".webp")):
        problems.append("SAWT_INSTITUTION_LOGO must be the path of an SVG, PNG or WebP file")
    if len(config["SAWT_INSTITUTION_NAME"]) > 120:
        problems.append("SAWT_INSTITUTION_NAME must be 120 characters or fewer (it is every page's header)")
    problems += _bootstrap_problems(config)
    return problems


def _bootstrap_problems(config: Config) -> list[str]:
    email, password = config["SAWT_BOOTSTRAP_ADMIN_EMAIL"], config["SAWT_BOOTSTRAP_ADMIN_PASSWORD"]
    if bool(email) != bool(password):
        return ["SAWT_BOOTSTRAP_ADMIN_EMAIL and SAWT_BOOTSTRAP_ADMIN_PASSWORD go together: set both or neither"]
    if not email:
        return []
    from ..admin.security import password_problem  # only when a bootstrap admin is configured

    problem = password_problem(password, email.strip().lower())
    if problem:
        return [f"SAWT_BOOTSTRAP_ADMIN_PASSWORD is not strong enough ({problem}): 12+ varied characters, not the email"]
    return []


def refuse_if_broken(config: Config, what: str) -> None:
    """Raise ConfigurationError with every problem; `what` says who refuses, and the message names
    each setting at fault."""
    problems = configuration_problems(config)
    if problems:
        raise ConfigurationError(f"{what}: the configuration is broken — " + "; ".join(problems))


if __name__ == "__main__":
    found = configuration_problems(Config.from_env())
    for line in found:
        print(line, file=sys.stderr)
    sys.exit(2 if found else 0)
