"""The rules a catalog entry and a template must follow beyond "translated and intact".

- banned terms per language, read from locales/glossary.toml (Italian "denuncia", German
  "Verfolgungscode", …);
- French typography: a non-breaking space before : ; ? ! (U+00A0 or U+202F, both accepted; the
  catalogs use U+00A0, which every phone font has);
- whole sentences: a translation ends as its source does (a sentence keeps its full stop, a question
  its question mark, a label its colon), and templates never assemble a sentence from pieces — no
  punctuation glued after a translated string, no lowercase fragment or a string ending in a
  preposition put next to a value (the translator cannot reorder what the template joins).
"""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "locales" / "glossary.toml"
TEMPLATE_DIRS = [ROOT / "functions", ROOT / "site" / "portal" / "templates"]

NBSP = "\u00a0\u202f"
FRENCH_SIGNS = ":;?!"
# A sign that needs a non-breaking space before it: not in "https://", not in a time "8:30", not
# after an opening bracket or quote, not doubled ("?!").
FRENCH_BAD_SPACE = re.compile(r" (?=[:;?!])")
FRENCH_GLUED = re.compile(r"(?<=[^\s\u00a0\u202f(\[«“\"'/:;?!0-9])[:;?!](?=\s|$|[»”\")])")
# The last sign of a source and what its translation may end with (Arabic has its own ؟ and ؛).
# A polite request may be a question in the target language (Dutch "Wilt u … ?").
ENDINGS = {".": ".?", "?": "?؟", "!": "!", ":": ":"}

# Templates: a translated string, {{ _("…") }}, and what may sit right next to it.
CALL = r"\{\{\s*_\(\s*\"((?:[^\"\\]|\\.)*)\"[^}]*\)\s*\}\}"
INLINE = r"(?:</?(?:span|strong|bdi|em|b)\b[^>]*>)?"
GLUED_PUNCTUATION = re.compile(CALL + r"[,:;]")
NEXT_TO_VALUE = [
    re.compile(CALL + r"[ \t]*" + INLINE + r"[ \t]*\{\{"),
    re.compile(r"\}\}" + INLINE + r"[ \t,;–-]*" + CALL),
]
TRAILING_WORDS = {"by", "of", "on", "the", "and", "or", "to", "at", "for", "with", "from", "a", "an", "in", "than"}


def banned_terms() -> dict[str, dict[str, str]]:
    return tomllib.loads(GLOSSARY.read_text(encoding="utf-8"))["banned"]


def entry_problems(lang: str, source: str, text: str, banned: dict[str, str]) -> list[str]:
    """What is wrong with one translation (source: the English msgid)."""
    found = []
    for term, instead in banned.items():
        if re.search(r"(?<!\w)" + re.escape(term) + r"(?!\w)", text, re.IGNORECASE):
            found.append(f"banned term {term!r} (use: {instead})")
    if lang == "fr" and (FRENCH_BAD_SPACE.search(text) or FRENCH_GLUED.search(text)):
        found.append("French needs a non-breaking space (U+00A0 or U+202F) before : ; ? !")
    last = source.rstrip()[-1:]
    if last in ENDINGS and not text.rstrip().endswith(tuple(ENDINGS[last])):
        found.append(f"the source ends with {last!r}; the translation must end the same way")
    return found


def template_problems(text: str) -> list[str]:
    """Sentences assembled in a template (see the module's docstring)."""
    found = [f"punctuation outside the catalog after {m.group(1)!r}" for m in GLUED_PUNCTUATION.finditer(text)]
    for pattern in NEXT_TO_VALUE:
        for match in pattern.finditer(text):
            msgid = match.group(1)
            words = re.findall(r"[A-Za-z]+", msgid)
            # A label ends with its colon inside the catalog: "Label:" then the value is fine.
            ends_open = bool(words) and words[-1].lower() in TRAILING_WORDS and pattern is NEXT_TO_VALUE[0]
            fragment = not msgid.endswith(":") and (msgid[:1].islower() or ends_open)
            if fragment:
                found.append(f"sentence assembled around {msgid!r}: make it one msgid with placeholders")
    return found


def templates() -> list[Path]:
    return sorted(p for d in TEMPLATE_DIRS for p in d.rglob("*.html"))


def all_template_problems() -> list[str]:
    return [f"{p.relative_to(ROOT)}: {line}" for p in templates() for line in template_problems(p.read_text("utf-8"))]
