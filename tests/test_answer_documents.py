"""Documents with an administration's answer, on both backends: posted with the answer form, written
to quarantine, verified by the citizen's own verifier (the type from the bytes, the size, the scan),
attached with the answer in one write; staff see, preview and download them (audited); another
administration's correspondent never reaches them; a refused document changes nothing."""

import io

import pytest

from functions.cases.forwarding import ForwardingService
from functions.storage.records import Upload
from tests.admin_helpers import add_staff, csrf_of, sign_in
from tests.case_helpers import file_with_documents, post, staff_app, visible_text
from tests.test_attachments import PDF, PNG

ANSWERED = "Le dossier est réglé : voici la décision de la Caisse."


@pytest.fixture
def forwarded(config, public_app, client):
    app, store = staff_app(config)
    add_staff(store, "bureau@cnss.ma", "correspondent", administration="cnss")
    add_staff(store, "bureau@cmr.ma", "correspondent", administration="cmr")
    receipt, _documents = file_with_documents(client)
    reference = receipt["reference"].replace("-", "")
    staff = sign_in(app, "officer@example.ma")
    for administration in ("cnss", "cmr"):
        assert post(staff, reference, "forward", administration=administration, text="Votre avis ?").status_code == 302
    return app, store, reference, staff


def answer(correspondent, reference, text=ANSWERED, documents=()):
    csrf = csrf_of(correspondent.get(f"/admin/answers/{reference}"))
    data = {"csrf": csrf, "text": text, "documents": [(io.BytesIO(body), name, kind) for name, kind, body in documents]}
    return correspondent.post(f"/admin/grievances/{reference}/answer", data=data, content_type="multipart/form-data")


def answer_uploads(store, reference) -> list[Upload]:
    (event,) = [e for e in store.list_events(reference) if e.kind == "answer"]
    return [store.get_upload(u) for u in event.body["attachments"]]


def test_documents_sent_with_an_answer_reach_staff_only(forwarded):
    app, store, reference, staff = forwarded
    cnss, cmr = sign_in(app, "bureau@cnss.ma"), sign_in(app, "bureau@cmr.ma")
    form = cnss.get(f"/admin/answers/{reference}").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in form and 'type="file"' in form
    sent = answer(cnss, reference, documents=[("décision.pdf", "application/pdf", PDF),
                                              ("courrier.png", "image/png", PNG)])  # fmt: skip
    assert sent.status_code == 302, visible_text(sent.get_data(as_text=True))[:400]
    pdf, png = answer_uploads(store, reference)
    assert (pdf.status, pdf.reference, pdf.sniffed_type, pdf.kind) == ("attached", reference, "application/pdf",
                                                                       "correspondence")  # fmt: skip
    assert (png.status, png.sniffed_type, png.size) == ("attached", "image/png", len(PNG))

    # Staff: in the file's documents and in the answer's timeline entry, previewed safely, downloaded.
    page = visible_text(staff.get(f"/admin/grievances/{reference}").get_data(as_text=True))
    assert ANSWERED in page and page.count("décision.pdf") >= 2 and "courrier.png" in page
    shown = staff.get(f"/admin/grievances/{reference}/documents/{png.upload_id}/preview")
    assert shown.status_code == 200 and shown.data == PNG and shown.mimetype == "image/png"
    assert (
        "sandbox" in shown.headers["Content-Security-Policy"] and shown.headers["X-Content-Type-Options"] == "nosniff"
    )
    download = staff.get(f"/admin/grievances/{reference}/documents/{pdf.upload_id}")
    assert download.status_code in (200, 302)
    for action in ("preview", "download"):
        (entry,) = store.list_audit("officer@example.ma", action, reference, None, 10)
        assert entry.detail["upload"] in (pdf.upload_id, png.upload_id)

    # Another administration's correspondent (the file was forwarded to it too): never these.
    for upload in (pdf, png):
        assert cmr.get(f"/admin/answers/{reference}/documents/{upload.upload_id}").status_code == 404
        assert cmr.get(f"/admin/grievances/{reference}/documents/{upload.upload_id}").status_code == 403
    assert "décision.pdf" not in visible_text(cmr.get(f"/admin/answers/{reference}").get_data(as_text=True))


@pytest.mark.parametrize(
    "documents, code",
    [
        ([("facture.pdf", "application/pdf", b"MZ\x90\x00" + b"\0" * 300)], "file_not_what_it_claims"),
        ([("page.html", "text/html", b"<script>alert(1)</script>")], "unsupported_type"),
        ([("vide.pdf", "application/pdf", b"")], "empty_file"),
        (
            [("ok.pdf", "application/pdf", PDF), ("faux.png", "image/png", b"MZ\x90\x00" + b"\0" * 300)],
            "file_not_what_it_claims",
        ),
        ([(f"p{i}.pdf", "application/pdf", PDF) for i in range(11)], "too_many"),
        ([("../../etc/passwd.pdf", "application/pdf", PDF)], "invalid_file_name"),
        ([("x" * 201 + ".pdf", "application/pdf", PDF)], "invalid_file_name"),
    ],
)
def test_a_refused_document_changes_nothing(forwarded, documents, code):
    app, store, reference, _staff = forwarded
    cnss = sign_in(app, "bureau@cnss.ma")
    refused = answer(cnss, reference, documents=documents)
    assert refused.status_code == 422
    page = visible_text(refused.get_data(as_text=True))
    assert "Documents" in page and ANSWERED in refused.get_data(as_text=True)  # the text is kept
    assert store.get_forwarding(reference, "cnss").answered_at is None
    assert "answer" not in [e.kind for e in store.list_events(reference)]
    # Nothing of it kept: neither the refused bytes nor those verified before them.
    assert stored(app) == {f"files/{u}" for u in store.get_grievance(reference).payload["attachments"]}
    assert answer(cnss, reference).status_code == 302  # and the answer can then be sent


def stored(app) -> set[str]:
    """Every document's bytes on either file store, as quarantine/…, verifying/…, files/… names."""
    files = app.extensions["sawt.admin"]().files
    if hasattr(files, "root"):
        return {str(p.relative_to(files.root)) for p in files.root.rglob("*") if p.is_file()}
    listed = files.s3.list_objects_v2(Bucket=files.bucket).get("Contents", [])
    return {o["Key"] for o in listed}


def test_an_answer_over_the_form_limit_is_refused_before_any_work(forwarded):
    app, store, reference, staff = forwarded
    cnss = sign_in(app, "bureau@cnss.ma")
    big = PDF + b"\0" * (4 * 1024 * 1024)
    assert answer(cnss, reference, documents=[("gros.pdf", "application/pdf", big)]).status_code == 413
    assert store.get_forwarding(reference, "cnss").answered_at is None
    # Only a correspondent's answer may be that large: anyone else's body keeps the staff forms' limit.
    csrf = csrf_of(staff.get(f"/admin/grievances/{reference}"))
    medium = {"csrf": csrf, "text": "x", "documents": (io.BytesIO(PDF + b"\0" * 100_000), "m.pdf")}
    assert staff.post(f"/admin/grievances/{reference}/answer", data=medium).status_code == 413
    assert answer(cnss, reference, documents=[("m.pdf", "application/pdf", PDF + b"\0" * 100_000)]).status_code == 302


def test_an_answer_twice_keeps_the_first_and_forgets_the_second_documents(forwarded, config):
    app, store, reference, _staff = forwarded
    cnss = sign_in(app, "bureau@cnss.ma")
    assert answer(cnss, reference, documents=[("a.pdf", "application/pdf", PDF)]).status_code == 302
    assert answer(cnss, reference, documents=[("b.pdf", "application/pdf", PDF)]).status_code == 409
    (first,) = answer_uploads(store, reference)
    assert first.name == "a.pdf"


def test_documents_already_attached_elsewhere_are_refused_with_the_answer(forwarded, config):
    """The store's one write: a document no longer verified (another answer took it) undoes all."""
    app, store, reference, _staff = forwarded
    services = app.extensions["sawt.admin"]()
    (filed, *_rest) = store.get_grievance(reference).payload["attachments"]
    service = ForwardingService(store, config, files=services.files)
    with pytest.raises(Exception) as raised:
        service.answer(store.get_forwarding(reference, "cnss"), "bureau@cnss.ma", ANSWERED,
                       [store.get_upload(filed)], "not-its-owner")  # fmt: skip
    assert raised.value.errors() == [("documents", "unknown_attachment")]
    assert store.get_forwarding(reference, "cnss").answered_at is None
    assert "answer" not in [e.kind for e in store.list_events(reference)]
