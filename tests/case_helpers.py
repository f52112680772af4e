"""A grievance with a rich history on either backend, made the way people make it: filed with
documents through the public API, worked on through the admin's forms, answered by the complainant."""

import html as htmllib
import re

from functions.admin.app import create_app as admin_app
from tests.admin_helpers import add_staff, csrf_of, sign_in
from tests.factories import grievance, key
from tests.test_attachments import PDF, PNG, upload

FAMILY_NAME = "Qassimi-Testfile"


def file_with_documents(client, photo=PNG, **changes):
    filing = key()
    pdf, _ = upload(client, filing, PDF, name="acte-naissance.pdf")
    png, _ = upload(client, filing, photo, type="image/png", kind="identity_document", name="passeport.png",
                    size=len(photo))  # fmt: skip
    body = grievance(attachments=[pdf, png], **changes)
    if "complainant__family_name" not in changes:
        body["complainant"]["family_name"] = FAMILY_NAME
    receipt = client.post("/api/grievances", json=body, headers={"Idempotency-Key": filing}).get_json()
    return receipt, (pdf, png)


def staff_app(config):
    app = admin_app(config)
    store = app.extensions["sawt.admin"]().store
    add_staff(store, "officer@example.ma", "reviewer")
    add_staff(store, "fes@example.ma", "delegation", "fes_meknes")
    return app, store


def post(staff, reference, action, **form):
    csrf = csrf_of(staff.get(f"/admin/grievances/{reference}"))
    return staff.post(f"/admin/grievances/{reference}/{action}", data={"csrf": csrf, **form})


def rich_history(public, app, photo=PNG):
    """Filed with two documents; a templated message; a note; a request with words; an answer with
    a document; a sending to another delegation; a combined status change with a template."""
    receipt, documents = file_with_documents(public, photo)
    reference = receipt["reference"].replace("-", "")
    staff = sign_in(app, "officer@example.ma")
    assert post(staff, reference, "message", template="acknowledge", text="").status_code == 302
    assert post(staff, reference, "note", text="Appeler le consulat de Lyon lundi.").status_code == 302
    asked = post(staff, reference, "request-information", template="request_documents", text="L'acte intégral.")
    assert asked.status_code == 302
    reply_key = key()
    answer_upload, _ = upload(public, reply_key, PDF, name="acte-integral.pdf")
    replied = public.post(
        f"/api/grievances/{reference}/replies",
        json={"tracking_code": receipt["tracking_code"], "text": "Voici l'acte.", "attachments": [answer_upload]},
        headers={"Idempotency-Key": reply_key},
    )
    assert replied.status_code == 201, replied.get_json()
    assert post(staff, reference, "reassign", delegation="fes_meknes", reason="Dossier de Fès").status_code == 302
    changed = post(staff, reference, "status", status="in_progress", reason="Saisine du ministère",
                   template="sent_to_administration", text="Nous suivons le dossier.")  # fmt: skip
    assert changed.status_code == 302
    return receipt, reference, staff, (*documents, answer_upload)


def visible_text(html: str) -> str:
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", html))
