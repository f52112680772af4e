"""Jinja set-up shared by the static site build and the public function's HTML answers.

The language of a render is `flask.g.lang`; gettext reads it at call time, so one app can render
every language in turn (Frozen-Flask freezes them all inside a single process).
"""

import functools
import json
from pathlib import Path

import jinja2
from flask import Flask, g

from schemas import guidance
from schemas.vocabulary import DEFAULT_LANGUAGE, LANGUAGES

from ..cases.message_templates import TEMPLATES as MESSAGE_TEMPLATES
from ..platform.config import Config
from ..platform.i18n import text_direction, translations
from . import form_model, labels
from .dates import date_in_words, time_of
from .identity import Identity
from .js_strings import js_strings, late_strings

TEMPLATES = Path(__file__).with_name("templates")
COUNTRY_NAMES = Path(__file__).with_name("country_names.json")

# The countries most Moroccans abroad live in, offered first.
COMMON_COUNTRIES = ("FR", "ES", "IT", "BE", "NL", "DE", "GB", "CA", "US", "AE", "SA", "QA")


def current_language() -> str:
    return getattr(g, "lang", DEFAULT_LANGUAGE)


def gettext(message: str) -> str:
    return translations(current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current_language()).ngettext(singular, plural, n)


def translated(msgid: str) -> str:
    """A label whose msgid is held in a variable (a vocabulary table, a card of the guidance), for
    templates: plain text, so Jinja escapes it. Templates call _() with literals only — its output
    is trusted as markup, so whatever reached it from a request or the store would be markup too."""
    return str(gettext(msgid)) if msgid else ""


@functools.cache
def _country_names() -> dict:
    return json.loads(COUNTRY_NAMES.read_text(encoding="utf-8"))


def country_choices(lang: str) -> tuple[list, list]:
    """(common countries, all countries), each [(code, name)] in the language's order."""
    names = _country_names()[lang]
    by_code = dict(names)
    return [(c, by_code[c]) for c in COMMON_COUNTRIES], names


def country_name(code: str, lang: str) -> str:
    return dict(_country_names()[lang]).get(code, code)


def partner_name(slug: str) -> str:
    """The partner's name (a msgid), or "" for a slug not in the list: an unknown slug is never
    passed to gettext nor shown as a name."""
    return guidance.partners().get(slug, {}).get("name", "")


def page_url(page: str = "home", lang: str | None = None) -> str:
    lang = lang or current_language()
    return f"/{lang}/" if page == "home" else f"/{lang}/{page}/"


# CLDR's "and" lists for the seven languages: Babel builds the catalogs but is not in the Lambda
# bundles, so the few words a list needs are kept here.
_LIST_WORDS = {"ar": ("، ", " و"), "fr": (", ", " et "), "es": (", ", " y "), "it": (", ", " e "),
               "nl": (", ", " en "), "de": (", ", " und "), "en": (", ", " and ")}  # fmt: skip


def in_a_list(items: list[str], lang: str) -> str:
    """'A, B and C' in the page's language."""
    comma, conjunction = _LIST_WORDS.get(lang, _LIST_WORDS["en"])
    if len(items) < 2:
        return "".join(items)
    return comma.join(items[:-1]) + conjunction + items[-1]


def configure(app: Flask, extra_template_dirs=(), asset_urls=None, identity: Identity | None = None) -> None:
    """Point the app's Jinja at the shared templates (after the app's own) and install gettext."""
    identity = identity or Identity()
    loaders = [jinja2.FileSystemLoader([str(d) for d in extra_template_dirs])] if extra_template_dirs else []
    app.jinja_loader = jinja2.ChoiceLoader([*loaders, jinja2.FileSystemLoader(str(TEMPLATES))])
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.install_gettext_callables(gettext=gettext, ngettext=ngettext, newstyle=True)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    asset_urls = dict(asset_urls or {})
    demo = (app.config.get("SAWT") or Config.from_env())["SAWT_DEMO"] == "true"  # `make demo`: its own site

    def asset_url(name: str) -> str:
        return asset_urls.get(name, f"/assets/{name}")

    @app.context_processor
    def sawt_globals():
        lang = current_language()
        return {
            "lang": lang,
            "dir": text_direction(lang),
            "languages": [(code, labels.LANGUAGE_NAMES[code]) for code in LANGUAGES],
            "page_url": page_url,
            "asset_url": asset_url,
            "country_choices": country_choices,
            "country_name": country_name,
            "labels": labels,
            "form_blocks": form_model.form_blocks,
            "one_of_contacts": form_model.ONE_OF_CONTACTS,
            "member_rows": form_model.DEFAULT_MEMBER_ROWS,
            "dom_id": form_model.dom_id,
            "js_strings": lambda bundle: js_strings(bundle, gettext, asset_url),
            "late_strings": lambda: late_strings(gettext),
            "checklist_for": guidance.checklist_for,
            "office": guidance.office,
            "orientation_card": lambda code: guidance.orientation()["card"][code],
            "translated": translated,
            "in_words": lambda value: date_in_words(value, current_language()),
            "time_of": time_of,
            "partner_name": partner_name,
            "templates": MESSAGE_TEMPLATES,
            "demo": demo,
            "date_in_words": lambda stamp: date_in_words(stamp, lang),
            "details_in_words": lambda fields: in_a_list([translated(labels.contact_label(f)) for f in fields], lang),
            # The operator's words, shown as written (escaped) unless the catalogs have them.
            "institution_name": translated(identity.name) if identity.name else "",
            "institution_logo": asset_url(identity.logo_asset) if identity.logo_asset else None,
        }
