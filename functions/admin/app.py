"""The staff admin Flask app (app factory), served under /admin/: plain server-rendered pages that
work without JavaScript, in French and Arabic."""

import dataclasses
import functools
from pathlib import Path

import jinja2
from flask import Flask, abort, current_app, g, render_template, request
from werkzeug.exceptions import HTTPException

from schemas.administrations import administration_name
from schemas.identifiers import format_reference
from schemas.vocabulary import ADMIN_LANGUAGES

from ..cases.domain_errors import UnavailableError
from ..platform.client_address import ClientAddressMiddleware
from ..platform.config import Config
from ..platform.http_errors import allow_header, unhandled_line
from ..platform.i18n import negotiate, text_direction, translations
from ..platform.origin_guard import OriginGuardMiddleware
from ..platform.security_headers import security_headers
from ..platform.server_secret import ConfigurationError, load_secret
from ..storage import open_files, open_store
from ..storage.port import StorageError
from ..web import labels
from ..web.dates import date_in_words, time_of
from . import names, sessions
from .answer_documents import ANSWER_BYTES
from .bootstrap import bootstrap_admin
from .workflow import Workflow

TEMPLATES = Path(__file__).with_name("templates")


@dataclasses.dataclass
class AdminServices:
    store: object
    files: object
    secret: bytes
    config: Config
    workflow: Workflow


def admin_language() -> str:
    staff = g.get("staff")
    if staff and staff.language in ADMIN_LANGUAGES:
        return staff.language
    chosen = request.args.get("lang") or request.cookies.get("sawt_admin_lang")
    if chosen in ADMIN_LANGUAGES:
        return chosen
    found = negotiate(request.accept_languages, ADMIN_LANGUAGES[0])
    return found if found in ADMIN_LANGUAGES else ADMIN_LANGUAGES[0]


def _gettext(message: str) -> str:
    return translations(g.get("lang", ADMIN_LANGUAGES[0]), "admin").gettext(message)


def create_app(config: Config | None = None, store=None) -> Flask:
    config = config or Config.from_env()
    app = Flask(__name__, static_folder=None)
    app.config["SAWT"] = config
    app.config["MAX_CONTENT_LENGTH"] = 64 * 1024  # staff forms are short
    app.wsgi_app = ClientAddressMiddleware(app.wsgi_app, config.int("SAWT_TRUSTED_PROXIES"))
    app.wsgi_app = OriginGuardMiddleware(app.wsgi_app, config["SAWT_ORIGIN_SECRET"])  # checked first

    @functools.lru_cache(maxsize=1)
    def services() -> AdminServices:
        # Opened on first use, not at import: Lambda cold starts stay short.
        secret = load_secret(config)
        opened = store or open_store(config)
        bootstrap_admin(opened, config)
        return AdminServices(opened, open_files(config, secret), secret, config, Workflow(opened, config))

    app.extensions["sawt.admin"] = services
    app.jinja_loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(TEMPLATES))])
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.install_gettext_callables(gettext=_gettext, ngettext=None, newstyle=True)
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True
    headers = security_headers(config["SAWT_UPLOAD_ORIGIN"], config["SAWT_SITE_ORIGIN"])

    @app.before_request
    def identify():
        g.lang = admin_language()  # first: even a failure below answers in the reader's language
        g.session, g.staff = sessions.load(services().store)
        if request.endpoint == "admin_correspondent.answer" and g.staff and g.staff.role == "correspondent":
            # The one form that carries documents, and only for whom it is meant: anyone else's body
            # stays within the staff forms' limit before even the CSRF check reads it.
            request.max_content_length = ANSWER_BYTES
        g.lang = admin_language()  # the signed-in staff member's own choice wins
        csrf_checked = request.method == "POST" and request.endpoint not in (None, "admin_auth.login")
        if csrf_checked and (g.session is None or not sessions.csrf_ok(g.session.csrf_token)):
            abort(403)

    demo = config["SAWT_DEMO"] == "true"

    @app.context_processor
    def admin_globals():
        session = g.get("session")
        return {
            "lang": g.get("lang", ADMIN_LANGUAGES[0]),
            "dir": text_direction(g.get("lang", ADMIN_LANGUAGES[0])),
            # Menus only for a full sign-in: half-way (second step pending) nothing is offered.
            "staff": g.get("staff") if session and session.stage == "full" else None,
            "csrf": session.csrf_token if session else "",
            "labels": labels,
            "translated": lambda msgid: str(_gettext(msgid)) if msgid else "",  # plain text: escaped
            "admin_languages": ADMIN_LANGUAGES,
            "language_names": labels.LANGUAGE_NAMES,
            "role_names": names.ROLE_NAMES,
            "event_names": names.EVENT_NAMES,
            "delegation_name": names.delegation_name,
            "administration_name": lambda code: administration_name(code, g.get("lang", ADMIN_LANGUAGES[0])),
            "format_reference": format_reference,
            "demo": demo,
            "institution_name": config["SAWT_INSTITUTION_NAME"].strip(),  # as written: staff read fr and ar
            "in_words": lambda value: date_in_words(value, g.get("lang", ADMIN_LANGUAGES[0])),
            "time_of": time_of,
        }

    @app.after_request
    def finish(response):
        sessions.apply_cookies(response)
        # Staff pages hold personal data: never cached, never framed, never referred.
        response.headers["Cache-Control"] = "no-store"
        for key, value in headers.items():
            response.headers.setdefault(key, value)
        return response

    @app.errorhandler(HTTPException)
    def http_error(error):
        return render_template("admin/error.html", status=error.code), error.code or 500, allow_header(error)

    @app.errorhandler(ConfigurationError)
    def misconfigured(error):
        current_app.logger.error("admin: configuration: %s", error)
        return render_template("admin/error.html", status=503), 503

    @app.errorhandler(StorageError)
    def storage_down(error):
        # The store or the bucket not answering is an outage, not a bug: 503, try again.
        current_app.logger.error("%s", unhandled_line(error, "admin: storage: "))
        return render_template("admin/error.html", status=503), 503, {"Retry-After": "5"}

    @app.errorhandler(UnavailableError)
    def unavailable(error):
        # (the scanner or the bucket behind a document's verification): nothing recorded, try again
        return render_template("admin/error.html", status=503), 503, {"Retry-After": "5"}

    @app.errorhandler(Exception)
    def unexpected(error):
        current_app.logger.error("%s", unhandled_line(error, "admin: "))
        return render_template("admin/error.html", status=500), 500

    from .audit_views import blueprint as audit_blueprint
    from .auth import blueprint as auth_blueprint
    from .correction_views import blueprint as correction_blueprint
    from .correspondent_views import blueprint as correspondent_blueprint
    from .files import blueprint as files_blueprint
    from .forwarding import blueprint as forwarding_blueprint
    from .inbox import blueprint as inbox_blueprint
    from .partners_views import blueprint as partners_blueprint
    from .rights_views import blueprint as rights_blueprint
    from .staff_views import blueprint as staff_blueprint

    for blueprint in (auth_blueprint, inbox_blueprint, files_blueprint, staff_blueprint, audit_blueprint,
                      partners_blueprint, rights_blueprint, forwarding_blueprint,
                      correspondent_blueprint, correction_blueprint):  # fmt: skip
        app.register_blueprint(blueprint, url_prefix="/admin")
    return app
