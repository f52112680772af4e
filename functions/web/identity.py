"""The institution's identity in every page's header: its name and, optionally, its logo — set by
the operator (SAWT_INSTITUTION_NAME, SAWT_INSTITUTION_LOGO), read when the site is built, so one
codebase serves any ombudsman."""

import dataclasses
from pathlib import Path

LOGO_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".webp": "image/webp"}
LOGO_MAX_BYTES = 100_000  # a header image, not a photo: it is fetched on every first visit


class IdentityError(ValueError):
    """A logo that cannot be one: the build stops and says why."""


@dataclasses.dataclass(frozen=True)
class Identity:
    name: str = ""  # empty: the catalogs' "Grievances to the Ombudsman"
    logo_suffix: str = ""  # ".svg", ".png", ".webp"; empty without a logo
    logo: bytes | None = None  # its content, read by the site build (the functions link to it)

    @property
    def logo_asset(self) -> str | None:
        """The logo's asset name (hashed in the site, and at a stable alias for the functions)."""
        return f"logo{self.logo_suffix}" if self.logo_suffix else None


def from_config(config, read_logo: bool = True) -> Identity:
    """read_logo=False: the functions only link to the logo the site build published."""
    name = config["SAWT_INSTITUTION_NAME"].strip()
    path = config["SAWT_INSTITUTION_LOGO"].strip()
    if not path:
        return Identity(name=name)
    logo = Path(path)
    if logo.suffix.lower() not in LOGO_TYPES:
        raise IdentityError(f"SAWT_INSTITUTION_LOGO must be an SVG, PNG or WebP file, not {logo.name}")
    if not read_logo:
        return Identity(name=name, logo_suffix=logo.suffix.lower())
    if not logo.is_file():
        raise IdentityError(f"SAWT_INSTITUTION_LOGO: no file at {path}")
    content = logo.read_bytes()
    if len(content) > LOGO_MAX_BYTES:
        raise IdentityError(f"SAWT_INSTITUTION_LOGO is {len(content):,} bytes: keep it under {LOGO_MAX_BYTES:,}")
    return Identity(name=name, logo_suffix=logo.suffix.lower(), logo=content)
