"""Documents without JavaScript, on both backends, through the pages the public function renders:
receipt → what the document is → the file's form (the local server's stand-in, or S3's presigned
POST on moto's server over HTTP) → the signed address it sends the browser back to → verified and
attached, exactly as the script's uploads. And every way of getting it wrong changes nothing."""

import base64
import html
import io
import json
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests

from functions.platform.http_errors import message_for
from schemas.uploads import MAX_BYTES
from tests.factories import grievance, key
from tests.html_forms import forms_of
from tests.test_attachments import EXE, PDF

FORM = "application/x-www-form-urlencoded"


def shown(answer) -> str:
    return html.unescape(answer.text)


def file_one(client, lang="fr"):
    receipt = client.post("/api/grievances", json=grievance(), headers={"Idempotency-Key": key()}).get_json()
    return receipt["reference"], receipt["tracking_code"]


def documents_form(client, reference, code, lang="fr", kind="decision"):
    """The two pages before the file: the start, then what the document is."""
    path = f"/api/grievances/{reference.replace('-', '')}/documents"
    first = client.post(path, data={"lang": lang, "tracking_code": code}, content_type=FORM)
    assert first.status_code == 200, first.text
    chooser = next(f for f in forms_of(first.text) if f.action == path)
    assert set(chooser.fields["kind"].choices) >= {"decision", "identity_document", "other"}
    answers = {**chooser.defaults(), "kind": kind}
    return client.post(path, data=answers, content_type=FORM)


def upload_form(page_html):
    (form,) = [f for f in forms_of(page_html) if "file" in f.fields]
    return form.action, {name: field.value for name, field in form.fields.items() if field.kind == "hidden"}


def post_file(client, action, fields, body, name="lettre.pdf"):
    """What the browser does with the file's form; the answer's Location is where it goes next
    (followed by the test client as the browser follows it: S3's 303 carries key and bucket)."""
    if action.startswith("http"):
        answer = requests.post(action, data=fields, files={"file": (name, body)}, allow_redirects=False, timeout=30)
        assert answer.status_code == 303, answer.text
        return answer.headers["Location"]
    answer = client.post(action, data={**fields, "file": (io.BytesIO(body), name)}, content_type="multipart/form-data")
    return answer.headers.get("Location") if answer.status_code == 303 else answer


def come_back(client, location):
    parts = urlsplit(location)
    return client.get(f"{parts.path}?{parts.query}")


def documents_of(public_app, reference):
    store = public_app.extensions["sawt.service"]().store
    events = store.list_events(reference.replace("-", ""))
    return [u for e in events if e.kind == "documents" for u in e.body["attachments"]]


def test_a_pdf_is_verified_and_added_to_the_grievance(client, public_app):
    reference, code = file_one(client)
    page = documents_form(client, reference, code)
    assert page.status_code == 200
    action, fields = upload_form(page.text)
    location = post_file(client, action, fields, PDF)
    assert "lang=fr" in location and code.replace("-", "") not in location and code not in location
    if action.startswith("http"):  # S3 sends the browser to an absolute address, the site's origin
        assert location.startswith(public_app.config["SAWT"]["SAWT_SITE_ORIGIN"].rstrip("/") + "/api/grievances/")
    done = come_back(client, location)
    assert done.status_code == 200, done.text
    assert "Votre document a été ajouté" in shown(done)
    (upload_id,) = documents_of(public_app, reference)
    upload = public_app.extensions["sawt.service"]().store.get_upload(upload_id)
    assert (upload.status, upload.kind, upload.sniffed_type) == ("attached", "decision", "application/pdf")
    # The complainant's follow-up page counts it; coming back again (a reload) adds nothing.
    again = come_back(client, location)
    assert again.status_code == 200
    assert documents_of(public_app, reference) == [upload_id]
    tracked = client.post("/api/track", json={"reference": reference, "tracking_code": code}).get_json()
    assert [e["documents"] for e in tracked["timeline"] if e["kind"] == "documents"] == [1]


def test_the_receipt_and_the_follow_up_page_offer_it(client):
    reference, code = file_one(client)
    page = client.post("/api/track", data={"reference": reference, "tracking_code": code, "lang": "ar"},
                       content_type=FORM)  # fmt: skip
    forms = [f for f in forms_of(page.text) if f.action.endswith("/documents")]
    assert len(forms) == 1 and forms[0].fields["tracking_code"].value == code
    assert "إضافة وثيقة" in page.text


def test_a_file_that_is_not_a_photo_or_a_pdf_is_refused_and_deleted(client, public_app):
    reference, code = file_one(client)
    action, fields = upload_form(documents_form(client, reference, code).text)
    location = post_file(client, action, fields, EXE, name="facture.pdf")
    answer = come_back(client, location)
    assert answer.status_code == 422
    assert message_for("file_not_what_it_claims", "fr")[1] in shown(answer)
    assert documents_of(public_app, reference) == []


def test_a_tampered_return_address_changes_nothing(client, public_app):
    reference, code = file_one(client)
    other, _ = file_one(client)
    action, fields = upload_form(documents_form(client, reference, code).text)
    location = post_file(client, action, fields, PDF)
    parts = urlsplit(location)
    query = parse_qs(parts.query)
    # Someone else's reference with this signature, or a made-up signature: refused, said plainly.
    for path, signature in (
        (parts.path.replace(reference.replace("-", ""), other.replace("-", "")), query["signature"][0]),
        (parts.path, "0" * 64),
        (parts.path, ""),
    ):
        answer = client.get(f"{path}?{urlencode({'signature': signature, 'lang': 'fr'})}")
        assert answer.status_code == 403
        assert message_for("upload_expired", "fr")[1] in shown(answer)
    assert documents_of(public_app, other) == [] and documents_of(public_app, reference) == []
    assert come_back(client, location).status_code == 200  # the real address still works once


@pytest.mark.parametrize("kind", ["", "passport<script>", "procuration\x00"])
def test_a_missing_or_made_up_kind_is_asked_again(client, kind):
    reference, code = file_one(client)
    answer = documents_form(client, reference, code, kind=kind)
    assert answer.status_code == 422
    assert message_for("required", "fr", "kind")[1] in shown(answer)
    assert not [f for f in forms_of(answer.text) if "file" in f.fields]
    assert "<script>" not in answer.text


def test_a_wrong_code_opens_nothing(client, public_app):
    reference, code = file_one(client)
    path = f"/api/grievances/{reference.replace('-', '')}/documents"
    for data in ({"tracking_code": "AAAA-AAAA-AAAA-AAAA"}, {"_action": "choose", "kind": "decision"}):
        answer = client.post(path, data={"lang": "fr", **data}, content_type=FORM)
        assert answer.status_code in (404, 422), answer.text
        assert not [f for f in forms_of(answer.text) if "file" in f.fields]
    answer = client.post("/api/grievances/NOTAREF/documents", data={"lang": "fr", "tracking_code": code},
                         content_type=FORM)  # fmt: skip
    assert answer.status_code == 404
    assert message_for("invalid_reference", "fr", "reference")[1] in shown(answer)


def test_a_closed_grievance_takes_no_more_documents(client):
    reference, code = file_one(client)
    client.post(f"/api/grievances/{reference}/withdraw", json={"tracking_code": code},
                headers={"Idempotency-Key": key()})  # fmt: skip
    path = f"/api/grievances/{reference.replace('-', '')}/documents"
    answer = client.post(path, data={"lang": "fr", "tracking_code": code}, content_type=FORM)
    assert answer.status_code == 409
    assert message_for("already_closed", "fr")[1] in shown(answer)


def test_a_link_carries_one_file_and_a_changed_field_none(client, backend_env):
    reference, code = file_one(client)
    action, fields = upload_form(documents_form(client, reference, code).text)
    if backend_env["SAWT_STORAGE"] == "aws":
        # S3 enforces its policy (moto's server does not): the policy names each field exactly.
        policy = json.loads(base64.b64decode(fields["policy"]))
        conditions = policy["conditions"]
        assert {"success_action_redirect": fields["success_action_redirect"]} in conditions
        assert {"Content-Type": "application/octet-stream"} in conditions
        assert {"key": fields["key"]} in conditions and fields["key"].startswith("quarantine/")
        assert ["content-length-range", 1, MAX_BYTES] in conditions
        return
    # Each field the link signs, changed as a person editing the page would: another return address,
    # a type that would pass for a PDF, a larger limit. Refused before a byte is kept.
    back = fields["success_action_redirect"]
    for name, value in (("success_action_redirect", back.replace("signature=", "signature=0")),
                        ("Content-Type", "application/pdf"), ("max", str(50 * 1024 * 1024))):  # fmt: skip
        changed = {**fields, name: value}
        answer = post_file(client, action, changed, PDF)
        assert answer.status_code == 403
        assert message_for("upload_expired", "fr")[1] in shown(answer)
    assert isinstance(post_file(client, action, fields, PDF), str)  # the first whole file: on its way
    second = post_file(client, action, fields, PDF)
    assert second.status_code == 403


def test_a_file_over_the_limit_is_refused_in_words(client, backend_env):
    reference, code = file_one(client)
    action, fields = upload_form(documents_form(client, reference, code).text)
    if backend_env["SAWT_STORAGE"] == "aws":
        # S3 itself refuses a body outside the policy's range (moto's server does not enforce it).
        assert ["content-length-range", 1, MAX_BYTES] in json.loads(base64.b64decode(fields["policy"]))["conditions"]
        return
    answer = post_file(client, action, fields, PDF + b"\0" * MAX_BYTES)
    assert answer.status_code == 413
    assert message_for("file_too_large", "fr")[1] in shown(answer)
    assert isinstance(post_file(client, action, fields, PDF), str)  # nothing was kept: the link still takes one


def test_on_aws_the_local_stand_in_takes_no_file(client, backend_env):
    """S3's link is the only way in on AWS: the local address answers 403, whatever is posted."""
    reference, code = file_one(client)
    action, fields = upload_form(documents_form(client, reference, code).text)
    if backend_env["SAWT_STORAGE"] != "aws":
        assert action.startswith("/api/uploads/")
        return
    upload_id = fields["key"].rsplit("/", 1)[1]
    for path in (f"/api/uploads/{upload_id}/content", f"/api/uploads/{upload_id}/content?answer=page"):
        answer = client.post(path, data={**fields, "file": (io.BytesIO(PDF), "a.pdf")},
                             content_type="multipart/form-data")  # fmt: skip
        assert answer.status_code == 403
