"""Search by family name, e-mail or phone without a scan and without personal data as an index key.

Each searchable value of a filing is normalised (family names: accents and case folded, spaces and
dashes collapsed; e-mails lower-cased; phones: digits only) and stored as a token: HMAC(server
secret, "<kind>:<value>"). A search computes the same tokens from what staff typed and looks them up
(a primary-key range in SQLite, a Query on DynamoDB). Whoever reads the index sees no name, address
or number; the grievance itself still holds them, as it must. References are not tokens: the
reference is the grievance's own key, found in any spelling (dashes, spaces, lower case)."""

import hashlib
import hmac
import re
import unicodedata

from schemas.identifiers import is_valid_reference

TOKEN_HEX = 32  # 128 bits: no two values meet by chance
MAX_QUERY = 200


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\s\-‐‑'’]+", " ", plain).strip()


def normalised(kind: str, value: str) -> str:
    if kind == "phone":
        return re.sub(r"\D", "", value).lstrip("0")
    if kind == "email":
        return value.strip().lower()
    return _fold(value)


def token(secret: bytes, kind: str, value: str) -> str:
    message = f"{kind}:{normalised(kind, value)}".encode()
    return hmac.new(secret, b"search\x00" + message, hashlib.sha256).hexdigest()[:TOKEN_HEX]


def filing_tokens(secret: bytes, payload: dict) -> tuple[str, ...]:
    """The tokens of a filing: the complainant's (and the representative's, the members') family
    names, the e-mail and the phone."""
    contact = payload.get("complainant") or {}
    found = []
    people = [contact, payload.get("representative") or {}, *(payload.get("members") or [])]
    for person in people:
        if person.get("family_name"):
            found.append(("family_name", person["family_name"]))
    if contact.get("email"):
        found.append(("email", contact["email"]))
    if contact.get("phone") and normalised("phone", contact["phone"]):
        found.append(("phone", contact["phone"]))
    return tuple(dict.fromkeys(token(secret, kind, value) for kind, value in found if normalised(kind, value)))


def as_reference(query: str) -> str | None:
    candidate = re.sub(r"[\s\-.]", "", query).upper()
    return candidate if is_valid_reference(candidate) else None


def query_tokens(secret: bytes, query: str) -> tuple[str, ...]:
    """What staff typed could be any of the three: each reading gives a token."""
    query = query.strip()[:MAX_QUERY]
    if not query:
        return ()
    kinds = ["family_name"]
    if "@" in query:
        kinds.append("email")
    if re.fullmatch(r"[\d\s+().\-]{6,}", query):
        kinds.append("phone")
    return tuple(token(secret, kind, query) for kind in kinds if normalised(kind, query))
