"""Documents without JavaScript, as pages (the use case is functions/cases/added_documents.py).

POST /api/grievances/<reference>/documents   what the document is, then the file's form
GET  /api/grievances/<reference>/documents/<upload_id>?signature=…   back from the post: verify, attach
The file itself goes to /api/uploads/<id>/content (the local server) or to S3, as the script's do.
"""

from flask import g, render_template, url_for

from schemas.identifiers import format_reference, normalise_code

from ..cases.added_documents import AddedDocuments
from ..cases.domain_errors import InvalidInputError, NotFoundError, SawtError
from ..platform.http_errors import error_items
from ..web.form_errors import form_errors
from ..web.rendering import gettext
from .request_body import read_form


def render_problem(pairs, reference: str | None, status: int):
    """Nothing was added: say why, and offer to try again (the code is asked again)."""
    messages = [item["message"] for item in error_items(pairs, g.lang)]
    body = render_template(
        "documents_result.html", title=gettext("The document was not added"), page="track",
        problems=messages, reference=reference and format_reference(normalise_code(reference)),
    )  # fmt: skip
    return body, status


def handle_documents_post(documents: AddedDocuments, reference: str, client: str, origin: str):
    flat = read_form()
    code, kind = flat.get("tracking_code", ""), flat.get("kind", "")
    try:
        if flat.get("_action") != "choose":
            grievance = documents.check(reference, code, client)
            return _page(grievance.reference, code)
        link = documents.open_link(reference, code, kind, client, lambda ref, upload, sig: origin + url_for(
            "documents_back", reference=ref, upload_id=upload, signature=sig, lang=g.lang))  # fmt: skip
    except InvalidInputError as error:
        return _page(reference, code, error.errors(), status=422)
    except NotFoundError as error:
        # A wrong code (or reference) changes nothing: said as the track page says it.
        return render_problem(error.errors(), None, 404)
    except SawtError as error:
        return render_problem(error.errors(), reference, error.status)
    return _page(reference, code, link=link, kind=kind)


def _page(reference: str, code: str, pairs=(), link=None, kind=None, status=200):
    errors, error_list = form_errors(pairs, g.lang)
    body = render_template(
        "documents_add.html", title=gettext("Add a document"), page="track",
        reference=format_reference(normalise_code(reference)), code=code, errors=errors, error_list=error_list,
        link=link, kind=kind,
    )  # fmt: skip
    return body, status


def handle_documents_back(documents: AddedDocuments, reference: str, upload_id: str, signature: str):
    try:
        documents.finish(reference, upload_id, signature)
    except SawtError as error:
        return render_problem(error.errors(), reference, error.status)
    body = render_template(
        "documents_result.html", title=gettext("Your document has been added"), page="track",
        reference=format_reference(normalise_code(reference)), problems=[],
    )  # fmt: skip
    return body, 200
