"""The public Flask app (app factory). Thin routes; the use cases live in functions/cases."""

import dataclasses
import functools
from urllib.parse import parse_qs, urlsplit

from flask import Flask, current_app, g, jsonify, redirect, render_template, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from schemas.uploads import MAX_BYTES
from schemas.vocabulary import LANGUAGES

from ..cases.added_documents import AddedDocuments
from ..cases.attachments import AttachmentService, UploadLinkError, ceiling
from ..cases.domain_errors import SawtError
from ..cases.filing import GrievanceService
from ..cases.follow_up import FollowUpService
from ..cases.forwarding import overdue_by_administration
from ..cases.reissue import ReissueService
from ..cases.statistics import figures
from ..platform.client_address import ClientAddressMiddleware
from ..platform.config import Config
from ..platform.health import storage_health
from ..platform.http_errors import error_items, register_error_handlers
from ..platform.i18n import negotiate
from ..platform.origin_guard import OriginGuardMiddleware
from ..platform.scanning import scanner_from_config
from ..platform.security_headers import transport_security
from ..platform.server_secret import load_secret
from ..storage import open_files, open_store
from ..storage.local_files import LinkSpentError
from ..storage.records import utc_now
from ..web import identity, rendering
from .document_posts import handle_documents_back, handle_documents_post, render_problem
from .form_posts import handle_follow_up_post, handle_form_post, handle_reissue_post, handle_track_post
from .request_body import FORM, PayloadTooLargeError, read_json

REISSUE_ACCEPTED = {"ok": True, "status": "accepted"}


def request_language() -> str:
    size = request.content_length or 0
    if request.mimetype == FORM and 0 < size <= current_app.config["MAX_CONTENT_LENGTH"]:
        # The page's own language wins over the browser's: the person chose it on the page.
        try:
            chosen = request.form.get("lang")
        except HTTPException:
            chosen = None
        if chosen in LANGUAGES:
            return chosen
    return negotiate(request.accept_languages, current_app.config["SAWT"]["SAWT_DEFAULT_LANGUAGE"])


def client_address() -> str:
    return request.remote_addr or "unknown"


def services() -> "PublicServices":
    return current_app.extensions["sawt.service"]()


@dataclasses.dataclass
class PublicServices:
    store: object
    grievances: GrievanceService
    follow_up: FollowUpService
    attachments: AttachmentService
    reissue: ReissueService
    documents: AddedDocuments


def create_app(config: Config | None = None, store=None, clock=utc_now) -> Flask:
    """`clock` is for tests that must not straddle a limit's window (they pin the time)."""
    config = config or Config.from_env()
    app = Flask(__name__)
    app.config["SAWT"] = config
    app.config["MAX_CONTENT_LENGTH"] = config.int("SAWT_MAX_BODY_BYTES")
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.wsgi_app = ClientAddressMiddleware(app.wsgi_app, config.int("SAWT_TRUSTED_PROXIES"))
    app.wsgi_app = OriginGuardMiddleware(app.wsgi_app, config["SAWT_ORIGIN_SECRET"])  # checked first

    @functools.lru_cache(maxsize=1)
    def make_service() -> PublicServices:
        # Opened on first use, not at import or app creation: Lambda cold starts stay short.
        secret = load_secret(config)
        opened = store or open_store(config)
        files = open_files(config, secret)
        attachments = AttachmentService(opened, files, scanner_from_config(config), secret, config, clock)
        follow_up = FollowUpService(opened, secret, config, attachments, clock)
        return PublicServices(
            store=opened,
            grievances=GrievanceService(opened, secret, config, attachments, clock),
            follow_up=follow_up,
            attachments=attachments,
            reissue=ReissueService(opened, secret, config, clock),
            documents=AddedDocuments(follow_up, attachments),
        )

    app.extensions["sawt.service"] = make_service
    rendering.configure(app, identity=identity.from_config(config, read_logo=False))

    @app.before_request
    def set_language():
        g.lang = request_language()

    def html_error(status, pairs, lang, headers):
        body = render_template(
            "message.html",
            title=rendering.gettext("There is a problem"),
            page="file",
            messages=[item["message"] for item in error_items(pairs, lang)],
        )
        return body, status, headers or {}

    register_error_handlers(app, request_language, html_error)

    @app.post("/api/grievances")
    def submit_grievance():
        if request.mimetype == FORM:
            return handle_form_post(services().grievances, g.lang, client_address())
        raw = read_json()
        receipt = services().grievances.submit(raw, request.headers.get("Idempotency-Key"), g.lang, client_address())
        response = jsonify(receipt.to_json())
        response.status_code = 201
        if receipt.replayed:
            response.headers["Idempotent-Replayed"] = "true"
        return response

    @app.post("/api/grievances/check")
    def check_grievance():
        services().grievances.validate(read_json())
        return jsonify({"ok": True})

    @app.post("/api/uploads")
    def request_upload():
        response = jsonify(services().attachments.request_upload(read_json(), client_address()))
        response.status_code = 201
        return response

    @app.post("/api/uploads/<upload_id>/content")
    def receive_upload(upload_id):
        """The local backend's stand-in for S3's presigned POST: same fields, same limits. A page
        without JavaScript (?answer=page) is sent on to its signed address, or shown what went wrong."""
        request.max_content_length = MAX_BYTES + 64 * 1024  # the file plus the form's fields
        if request.args.get("answer") != "page":
            return store_upload(upload_id)
        back = ""
        try:
            back = request.form.get("success_action_redirect", "")
            said = parse_qs(urlsplit(back).query).get("lang", [""])[0]
            g.lang = said if said in LANGUAGES else g.lang
            answer = store_upload(upload_id)
        except (RequestEntityTooLarge, PayloadTooLargeError):
            return render_problem([("file", "file_too_large")], None, 413)
        except SawtError as error:
            return render_problem(error.errors(), None, error.status)
        return redirect(back, 303) if back.startswith("/api/grievances/") else answer

    def store_upload(upload_id):
        attachments = services().attachments
        files = attachments.files
        upload = attachments.store.get_upload(upload_id)
        if not files.links_to_server or upload is None or upload.status != "pending":
            raise UploadLinkError()
        most = ceiling(upload)  # a document's 10 MB, a recording's 1 MiB
        request.max_content_length = most + 64 * 1024  # the file plus the form's fields
        fields = {k: v for k, v in request.form.items()}
        if not files.signature_valid(upload, fields) or "file" not in request.files:
            raise UploadLinkError()
        try:
            written = files.receive(upload, request.files["file"].stream, most)
        except LinkSpentError:
            raise UploadLinkError() from None  # one file per link; a second post at once loses
        if written > most:
            raise PayloadTooLargeError()
        return "", 204

    @app.post("/api/grievances/<reference>/documents")
    def add_documents(reference):
        """Documents without JavaScript, after filing (functions/public/document_posts.py)."""
        files = services().attachments.files
        # S3 sends the browser to an address it must be given whole; the local stand-in is ours.
        origin = "" if files.links_to_server else config["SAWT_SITE_ORIGIN"].rstrip("/")
        return handle_documents_post(services().documents, reference, client_address(), origin)

    @app.get("/api/grievances/<reference>/documents/<upload_id>")
    def documents_back(reference, upload_id):
        lang = request.args.get("lang")
        g.lang = lang if lang in LANGUAGES else g.lang
        return handle_documents_back(services().documents, reference, upload_id, request.args.get("signature", ""))

    @app.post("/api/uploads/<upload_id>/verify")
    def verify_upload(upload_id):
        return jsonify(services().attachments.verify(upload_id))

    @app.post("/api/track")
    def track():
        if request.mimetype == FORM:
            return handle_track_post(services().follow_up, client_address())
        return jsonify(services().follow_up.view(read_json(), client_address()))

    @app.post("/api/tracking-codes/reissue")
    def reissue_tracking_code():
        """Always 202 with the same body, whether or not the details match (cases/reissue.py)."""
        if request.mimetype == FORM:
            return handle_reissue_post(services().reissue, client_address())
        services().reissue.request(read_json(), client_address())
        return jsonify(REISSUE_ACCEPTED), 202

    @app.post("/api/grievances/<reference>/replies")
    def reply(reference):
        if request.mimetype == FORM:
            return handle_follow_up_post(services().follow_up, reference, "reply", client_address())
        answer = services().follow_up.reply(
            reference, read_json(), request.headers.get("Idempotency-Key"), client_address()
        )
        return jsonify(answer), 201

    @app.post("/api/grievances/<reference>/withdraw")
    def withdraw(reference):
        if request.mimetype == FORM:
            return handle_follow_up_post(services().follow_up, reference, "withdraw", client_address())
        answer = services().follow_up.withdraw(
            reference, read_json(), request.headers.get("Idempotency-Key"), client_address()
        )
        return jsonify(answer), 200

    def public_figures() -> dict:
        store = services().store
        return figures(store.read_statistics(), overdue_now=overdue_by_administration(store, clock()))

    @app.get("/api/stats")
    def stats():
        response = jsonify(public_figures())
        # Figures change slowly: caches (the CDN, the phone) may keep them five minutes.
        response.headers["Cache-Control"] = "public, max-age=300"
        return response

    @app.get("/api/stats/page")
    def stats_page():
        """The statistics for browsers without JavaScript (the static page loads the JSON)."""
        lang = request.args.get("lang")
        g.lang = lang if lang in LANGUAGES else g.lang
        body = render_template(
            "stats_page.html", title=rendering.gettext("Figures"), page="stats",
            stats=public_figures(),
        )  # fmt: skip
        return body, 200, {"Cache-Control": "public, max-age=300"}

    @app.get("/api/health")
    def health():
        """For a load balancer or a monitor polling every few seconds: no limit, nothing cached,
        no secrets and no counts; one tiny read of the store (functions/platform/health.py)."""
        answer, status = storage_health(services)
        response = jsonify(answer)
        response.status_code = status
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.get("/api/openapi.json")
    def openapi():
        from schemas.openapi import build_spec  # apispec loads only when the document is asked for

        response = jsonify(build_spec())
        response.headers["Cache-Control"] = "public, max-age=300"
        return response

    transport = transport_security(config["SAWT_SITE_ORIGIN"])

    @app.after_request
    def no_store(response):
        # Receipts and tracking answers must never sit in a shared cache.
        response.headers.setdefault("Cache-Control", "no-store")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        for name, value in transport.items():  # behind API Gateway too, should it be reached directly
            response.headers.setdefault(name, value)
        return response

    return app
