"""Babel extractor for the guidance data (schemas/data/*.toml): their texts are English msgids.

babel.cfg maps it as `[sawt_toml: schemas/data/**.toml]`; pyproject.toml registers the entry point.
"""

import tomllib

# Keys whose values people read; everything else (codes, links between questions) is not translated.
TRANSLATED_KEYS = frozenset({"text", "hint", "body", "why", "how", "bring", "name", "city", "hours"})


def _strings(node, key=None):
    if isinstance(node, dict):
        for k, value in node.items():
            yield from _strings(value, k)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value, key)
    elif isinstance(node, str) and key in TRANSLATED_KEYS:
        yield node


def extract_toml(fileobj, keywords, comment_tags, options):
    for text in _strings(tomllib.loads(fileobj.read().decode("utf-8"))):
        yield 0, None, text, []
