"""The pages of the site. Each view only picks a template and its data: the words are in the
templates and the guidance data, translated through the catalogs."""

from flask import Blueprint, abort, current_app, g, render_template

from functions.platform.i18n import text_direction, translations
from functions.web.form_model import DEFAULT_MEMBER_ROWS
from functions.web.rendering import gettext as _
from functions.web.rendering import page_url
from schemas import guidance
from schemas.error_codes import N_
from schemas.vocabulary import CATEGORIES, LANGUAGES

blueprint = Blueprint("pages", __name__)

# page id -> (template, title msgid, script bundle or None). The id is the URL segment: /<lang>/<id>/
PAGES = {
    "home": ("home.html", N_("Grievances to the Ombudsman, from abroad"), "site.js"),
    "check": (None, N_("Can the Ombudsman help you?"), "site.js"),
    "file": ("form/page.html", N_("File a grievance"), "form.js"),
    "track": ("track.html", N_("Follow a grievance"), "track.js"),
    "help": ("help.html", N_("Help"), "site.js"),
    "delegations": ("delegations.html", N_("Regional delegations"), "site.js"),
    "privacy": ("privacy.html", N_("Personal data"), "site.js"),
    "accessibility": ("accessibility.html", N_("Accessibility"), "site.js"),
    "offline": ("offline.html", N_("You are offline"), "site.js"),
    "new-code": ("reissue_form_page.html", N_("Get a new tracking code"), "site.js"),
    "my-filings": ("my_filings.html", N_("My grievances on this phone"), "filings.js"),
    "stats": ("stats.html", N_("Figures"), "stats.js"),
}


def answer_url(answer: dict) -> str:
    if answer.get("next"):
        return page_url("check" if answer["next"] == guidance.orientation()["start"] else f"check/{answer['next']}")
    if answer.get("card"):
        return page_url(f"check/card/{answer['card']}")
    return page_url(f"check/can-help/{answer['can_help']}")


def back_url(name: str) -> str:
    """The question that leads here (each has one in the tree), or the home page before the first."""
    tree = guidance.orientation()
    for parent, question in tree["question"].items():
        if any(answer.get("next") == name for answer in question["answers"]):
            return page_url("check" if parent == tree["start"] else f"check/{parent}")
    return page_url("home")


def render(template: str, page: str, title: str, script: str | None = None, **context):
    return render_template(
        template,
        title=title,
        page=page,
        script=script,
        values={},
        errors={},
        error_list=[],
        rows=DEFAULT_MEMBER_ROWS,
        delegations=guidance.delegations(),
        hosting=current_app.config["SAWT_HOSTING"],
        **context,
    )


@blueprint.get("/")
def choose_language():
    return render("root.html", "home", "Sawt · صوت", "site.js", say=say, direction=text_direction)


@blueprint.get("/404.html")
def not_found_page():
    """Outside any language (and for the CDN's one error page): every language in its own words."""
    return render("404_root.html", "home", "404", "site.js", say=say, direction=text_direction)


@blueprint.get("/<lang>/404.html")
def not_found_in_language(lang):
    """Served by the local server for a missing address under /<lang>/ (functions/platform/static_files.py)."""
    return render("404.html", "home", _("Page not found"), "site.js")


def say(lang: str, msgid: str) -> str:
    """A msgid in a language other than the page's (the multilingual error page)."""
    return translations(lang).gettext(msgid)


@blueprint.get("/<lang>/")
def home(lang):
    return render_page("home")


@blueprint.get("/<lang>/<page>/")
def page(lang, page):
    if page not in PAGES or page in ("home", "check"):
        abort(404)
    return render_page(page)


def render_page(page_id: str):
    template, title, script = PAGES[page_id]
    return render(template, page_id, _(title), script)


def partner_urls(slug: str) -> dict[str, str]:
    return {code: f"/p/{slug}/{code}/" for code in LANGUAGES}


@blueprint.get("/p/<slug>/")
@blueprint.get("/p/<slug>/<lang>/")
def partner_page(slug, lang=None):
    """A partner's link: Sawt in the partner's first language (or the one chosen), tagged with it."""
    partner = guidance.partners().get(slug)
    if partner is None or (lang and lang not in LANGUAGES):
        abort(404)
    g.lang = lang or partner["languages"][0]
    return render("partner.html", "home", _(partner["name"]), "site.js", partner=partner, lang_urls=partner_urls(slug))


@blueprint.get("/<lang>/fragments/")
def fragments(lang):
    return render("fragments.html", "file", _("File a grievance"))


@blueprint.get("/<lang>/check/")
@blueprint.get("/<lang>/check/<question>/")
def check_question(lang, question=None):
    tree = guidance.orientation()
    name = question or tree["start"]
    if name not in tree["question"] or question == tree["start"]:
        abort(404)
    page = "check" if question is None else f"check/{name}"
    return render(
        "check/question.html", page, _(PAGES["check"][1]), "site.js",
        question=tree["question"][name], first=question is None, answer_url=answer_url, back_url=back_url(name),
    )  # fmt: skip


@blueprint.get("/<lang>/check/card/<card>/")
def check_card(lang, card):
    cards = guidance.orientation()["card"]
    if card not in cards:
        abort(404)
    return render("check/card.html", f"check/card/{card}", _(cards[card]["body"]), "site.js", card=cards[card])


@blueprint.get("/<lang>/check/can-help/<category>/")
def check_can_help(lang, category):
    if category not in CATEGORIES:
        abort(404)
    return render(
        "check/can_help.html", f"check/can-help/{category}", _("The Ombudsman can help you"), "site.js",
        category=category, region=guidance.PRESET_REGIONS.get(category),
    )  # fmt: skip


def all_urls():
    """Every URL to freeze: each page and each step of the self-check, in every language."""
    tree = guidance.orientation()
    yield "pages.choose_language", {}
    yield "pages.not_found_page", {}
    for lang in LANGUAGES:
        yield "pages.not_found_in_language", {"lang": lang}
    for slug in guidance.partners():
        yield "pages.partner_page", {"slug": slug}
        for lang in LANGUAGES:
            yield "pages.partner_page", {"slug": slug, "lang": lang}
    for lang in LANGUAGES:
        yield "pages.home", {"lang": lang}
        yield "pages.check_question", {"lang": lang}
        yield "pages.fragments", {"lang": lang}
        for page_id in PAGES:
            if page_id not in ("home", "check"):
                yield "pages.page", {"lang": lang, "page": page_id}
        for name in tree["question"]:
            if name != tree["start"]:
                yield "pages.check_question", {"lang": lang, "question": name}
        for card in tree["card"]:
            yield "pages.check_card", {"lang": lang, "card": card}
        for category in CATEGORIES:
            yield "pages.check_can_help", {"lang": lang, "category": category}
