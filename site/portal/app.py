"""The site as a Flask app, for Frozen-Flask to freeze. One URL per page and language."""

from flask import Flask, abort, g, render_template

from functions.platform.config import Config
from functions.web import rendering
from functions.web.hosting import hosting
from functions.web.identity import Identity
from schemas.vocabulary import LANGUAGES

from . import pages

TEMPLATES = __import__("pathlib").Path(__file__).with_name("templates")


def create_app(
    asset_urls: dict[str, str] | None = None, identity: Identity | None = None, config: Config | None = None
) -> Flask:
    """config: the settings of the deployment the site is built for (the privacy notice says where
    its data is kept); the environment's when not given."""
    app = Flask(__name__, static_folder=None)
    # Arabic text as UTF-8 (2 bytes a letter), not \uXXXX escapes (6): the form page's strings for its
    # script weigh about 160 B less gzip. `tojson` still escapes <, >, & and ' for the HTML around it.
    app.json.ensure_ascii = False
    app.config["SAWT_HOSTING"] = hosting(config or Config.from_env())
    rendering.configure(app, extra_template_dirs=[TEMPLATES], asset_urls=asset_urls, identity=identity)

    @app.url_value_preprocessor
    def pick_language(endpoint, values):
        lang = (values or {}).get("lang")
        if lang is not None and lang not in LANGUAGES:
            abort(404)
        g.lang = lang or rendering.DEFAULT_LANGUAGE

    app.register_blueprint(pages.blueprint)

    @app.errorhandler(404)
    def not_found(_error):
        return render_template("404.html", title="404"), 404

    return app
