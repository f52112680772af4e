"""A file reads like a case file, on both backends: the timeline in words (who, what, when, the
message once, documents by name, type and size), no raw key, code or id where a person reads; safe
defaults; the status change and the message as one form, a decision previewed before it is sent;
internal notes that only staff ever see."""

import re

import pytest

from tests.admin_helpers import sign_in
from tests.case_helpers import FAMILY_NAME, file_with_documents, post, rich_history, staff_app, visible_text

RAW = ("reason:", "template:", "text:", "attachments", "request_documents", "sent_to_administration", "acknowledge",
       "information_requested", "in_progress", "officer@example.ma", "complainant:")  # fmt: skip


@pytest.fixture
def world(public_app, config):
    app, store = staff_app(config)
    return public_app.test_client(), app, store


def test_a_rich_history_reads_in_words_with_no_key_code_or_id(world):
    public, app, store = world
    receipt, reference, staff, uploads = rich_history(public, app)
    for lang in ("fr", "ar"):
        store.update_staff("officer@example.ma", language=lang)
        html = staff.get(f"/admin/grievances/{reference}").get_data(as_text=True)
        text = visible_text(html)
        for raw in RAW:
            assert raw not in text, (lang, raw)
        for upload_id in uploads:
            assert upload_id not in text  # only ever inside a link
        assert receipt["reference"] in text  # as citizens see it, with dashes
    store.update_staff("officer@example.ma", language="fr")
    text = visible_text(staff.get(f"/admin/grievances/{reference}").get_data(as_text=True))
    assert "Officer" in text and FAMILY_NAME in text
    for name in ("acte-naissance.pdf", "passeport.png", "acte-integral.pdf"):
        assert name in text
    assert "PDF" in text and "PNG" in text and "KB" in text
    # The message text once: the reply, the request's words and the templated message.
    assert text.count("Voici l'acte.") == 1 and text.count("L'acte intégral.") == 1
    assert text.count("Nous suivons le dossier.") == 1
    assert "Saisine du ministère" in text  # the reason, kept in the file
    assert "Appeler le consulat de Lyon lundi." in text


def fresh_file(public, app):
    receipt, _documents = file_with_documents(public)
    return receipt, receipt["reference"].replace("-", ""), sign_in(app, "officer@example.ma")


def test_no_destructive_choice_is_preselected(world):
    public, app, _store = world
    _receipt, reference, staff = fresh_file(public, app)
    html = staff.get(f"/admin/grievances/{reference}").get_data(as_text=True)
    for select in ("status", "card", "delegation", "request-template"):
        found = re.search(rf'<select id="{select}"[^>]*>(.*?)</select>', html, re.S)
        assert found, select
        options = re.findall(r"<option[^>]*>", found.group(1))
        assert options[0] == '<option value="">' and not any("selected" in o for o in options), select


@pytest.mark.parametrize("status", ["closed", "inadmissible"])
def test_a_decision_is_previewed_in_the_complainants_language_before_it_is_sent(world, status):
    public, app, store = world
    receipt, reference, staff = fresh_file(public, app)
    events = len(store.list_events(reference))
    form = {"status": status, "reason": "Plus de nouvelles", "template": "closed_no_answer", "text": "Bonne chance."}
    preview = post(staff, reference, "status", **form)
    assert preview.status_code == 200
    text = visible_text(preview.get_data(as_text=True))
    assert "Nous avons clôturé votre dossier" in text  # the template as the complainant (fr) reads it
    assert "Bonne chance." in text
    assert store.get_grievance(reference).status == "received" and len(store.list_events(reference)) == events
    sent = post(staff, reference, "status", confirmed="1", **form)
    assert sent.status_code == 302 and store.get_grievance(reference).status == status
    tracked = public.post("/api/track", json={k: receipt[k] for k in ("reference", "tracking_code")}).get_json()
    assert tracked["timeline"][-1]["template"] == "closed_no_answer"
    assert tracked["timeline"][-1]["message"] == "Bonne chance."
    assert "Plus de nouvelles" not in str(tracked)  # the reason stays in the file


def test_a_decision_without_a_reason_or_status_changes_nothing(world):
    public, app, store = world
    _receipt, reference, staff, _ = rich_history(public, app)
    for form in ({"status": "closed", "reason": ""}, {"status": "", "reason": "x"}, {"status": "closed", "reason": "x",
                 "template": "no_such_template"}):  # fmt: skip
        answer = post(staff, reference, "status", confirmed="1", **form)
        assert answer.status_code == 422
        assert "reason" not in visible_text(answer.get_data(as_text=True)).split("problème")[1][:80]
    assert store.get_grievance(reference).status == "in_progress"


def test_orienting_asks_the_reason_and_shows_the_card_first(world):
    public, app, store = world
    _receipt, reference, staff = fresh_file(public, app)
    assert post(staff, reference, "orient", card="cndp", note="", reason="").status_code == 422
    preview = post(staff, reference, "orient", card="cndp", note="Écrivez-leur.", reason="Données personnelles")
    assert preview.status_code == 200 and store.get_grievance(reference).status == "received"
    assert "Écrivez-leur." in preview.get_data(as_text=True)
    done = post(staff, reference, "orient", card="cndp", note="Écrivez-leur.", reason="Données personnelles",
                confirmed="1")  # fmt: skip
    assert done.status_code == 302 and store.get_grievance(reference).status == "oriented"


def test_a_note_is_for_staff_only(world, tmp_path):
    public, app, store = world
    receipt, reference, staff, _ = rich_history(public, app)
    secret = "Appeler le consulat de Lyon lundi."
    entry = store.list_audit(None, "note", reference, None, 1)[0]
    assert entry.staff_id == "officer@example.ma" and secret not in str(entry.detail)
    body = {k: receipt[k] for k in ("reference", "tracking_code")}
    assert secret not in public.post("/api/track", json=body).get_data(as_text=True)
    assert secret not in public.post("/api/track", data=body, headers={"Accept": "text/html"}).get_data(as_text=True)
    assert secret not in staff.get("/admin/export.csv").get_data(as_text=True)
    assert secret not in str(public.get("/api/stats").get_data(as_text=True))
    assert post(staff, reference, "note", text="  ").status_code == 422


def test_verified_images_and_pdfs_preview_in_a_sandbox(world):
    public, app, store = world
    _receipt, reference, staff = fresh_file(public, app)
    pdf, png = store.get_grievance(reference).payload["attachments"]
    for upload_id, mime, tag in ((pdf, "application/pdf", "<iframe"), (png, "image/png", "<img")):
        page = staff.get(f"/admin/grievances/{reference}?preview={upload_id}").get_data(as_text=True)
        assert tag in page and f"/documents/{upload_id}/preview" in page
        shown = staff.get(f"/admin/grievances/{reference}/documents/{upload_id}/preview")
        assert shown.status_code == 200 and shown.mimetype == mime
        policy = shown.headers["Content-Security-Policy"]
        assert policy.startswith("sandbox;") and "default-src 'none'" in policy and "script-src" not in policy
        assert shown.headers["X-Content-Type-Options"] == "nosniff"
        assert shown.headers["Content-Disposition"].startswith("inline;")
    assert {e.detail["upload"] for e in store.list_audit(None, "preview", reference, None, 10)} == {pdf, png}
    assert staff.get(f"/admin/grievances/{reference}/documents/nosuchupload/preview").status_code == 404


def test_templates_reach_the_complainant_in_their_language_and_free_text_names_its_own(world):
    public, app, _store = world
    receipt, reference, staff = fresh_file(public, app)  # filed in French
    sent = post(staff, reference, "message", template="acknowledge", text="نحن ندرس ملفكم.", language="ar")
    assert sent.status_code == 302
    body = {k: receipt[k] for k in ("reference", "tracking_code")}
    latest = public.post("/api/track", json=body).get_json()["timeline"][-1]
    assert (latest["template"], latest["message"], latest["language"]) == ("acknowledge", "نحن ندرس ملفكم.", "ar")
    page = visible_text(
        public.post("/api/track", data={**body, "lang": "fr"}, headers={"Accept": "text/html"}).get_data(as_text=True)
    )
    assert "Nous avons bien reçu votre réclamation" in page  # the template, in the complainant's language
    assert "نحن ندرس ملفكم." in page and "Écrit en : العربية" in " ".join(page.split())
    html = staff.get(f"/admin/grievances/{reference}").get_data(as_text=True)
    assert 'value="fr" lang="fr" selected' in html  # the words' language starts as the complainant's
    assert "Langue du plaignant" in html and "Français" in html
