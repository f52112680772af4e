"""The pages of the site. Each view only picks a template: the content is in the templates."""

from flask import Blueprint, abort, render_template

from functions.web.form_model import DEFAULT_MEMBER_ROWS
from functions.web.rendering import gettext as _
from schemas.error_codes import N_
from schemas.vocabulary import LANGUAGES

blueprint = Blueprint("pages", __name__)

# page id -> (template, title msgid). The id is also the URL segment: /<lang>/<id>/
PAGES = {  # titles are msgids, translated when rendered
    "home": ("home.html", N_("Grievances to the Ombudsman, from abroad")),
    "file": ("form/page.html", N_("File a grievance")),
}


@blueprint.get("/")
def choose_language():
    return render_template("root.html", title="Sawt · صوت", page="home")


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
    template, title = PAGES[page_id]
    return render_template(
        template,
        title=_(title),
        page=page_id,
        values={},
        errors={},
        error_list=[],
        rows=DEFAULT_MEMBER_ROWS,
        with_pwa=False,
        with_script=False,
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
