"""The pages of the site. Each view only picks a template: the content is in the templates."""

from flask import Blueprint, abort, render_template

from functions.web.form_model import DEFAULT_MEMBER_ROWS
from functions.web.rendering import gettext as _
from schemas.error_codes import N_
from schemas.vocabulary import LANGUAGES

blueprint = Blueprint("pages", __name__)

# page id -> (template, title msgid). The id is also the URL segment: /<lang>/<id>/
PAGES = {  # page id -> (template, title msgid, script bundle or None)
    "home": ("home.html", N_("Grievances to the Ombudsman, from abroad"), None),
    "file": ("form/page.html", N_("File a grievance"), "form.js"),
    "track": ("track.html", N_("Follow a grievance"), "track.js"),
    "help": ("help.html", N_("Help"), None),
    "privacy": ("privacy.html", N_("Personal data"), None),
    "accessibility": ("accessibility.html", N_("Accessibility"), None),
    "offline": ("offline.html", N_("You are offline"), None),
}


@blueprint.get("/")
def choose_language():
    return render_template("root.html", title="Sawt · صوت", page="home", script="site.js")


@blueprint.get("/404.html")
def not_found_page():
    return render_template("404.html", title=_("Page not found"), page="home")


@blueprint.get("/<lang>/")
def home(lang):
    return render_page("home")


@blueprint.get("/<lang>/<page>/")
def page(lang, page):
    if page not in PAGES or page == "home":
        abort(404)
    return render_page(page)


def render_page(page_id: str):
    template, title, script = PAGES[page_id]
    return render_template(
        template,
        title=_(title),
        page=page_id,
        script=script,
        values={},
        errors={},
        error_list=[],
        rows=DEFAULT_MEMBER_ROWS,
    )


def all_urls():
    """Every URL to freeze."""
    yield "pages.choose_language", {}
    yield "pages.not_found_page", {}
    for lang in LANGUAGES:
        yield "pages.home", {"lang": lang}
        for page_id in PAGES:
            if page_id != "home":
                yield "pages.page", {"lang": lang, "page": page_id}
