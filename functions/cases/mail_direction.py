"""The direction of a plain-text e-mail: it has none of its own, and many clients align it left.
A right-to-left mark first in each paragraph makes them align and order Arabic right, and tells
the HTML part (notifications.html_version) which direction to declare."""

from schemas.vocabulary import RTL_LANGUAGES

RLM = "\u200f"  # RIGHT-TO-LEFT MARK


def directed(paragraphs: list[str], language: str) -> list[str]:
    if language in RTL_LANGUAGES:
        return [RLM + paragraph for paragraph in paragraphs]
    return paragraphs
