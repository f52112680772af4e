"""The rights of the person through the admin, on both backends: everything held about a
complainant as one archive; erasure before its time only by two different admins, irreversible,
audited, with the statistics kept."""

import email
import email.policy
import io
import json
import zipfile

import pytest

from tests.admin_helpers import PASSWORD, TOTP_SECRET, add_staff, csrf_of, sign_in
from tests.case_helpers import FAMILY_NAME, file_with_documents, rich_history, staff_app
from tests.test_attachments import PDF
from tests.test_retention import document_exists


@pytest.fixture
def world(public_app, config):
    app, store = staff_app(config)
    add_staff(store, "first@example.ma", "admin")
    add_staff(store, "second@example.ma", "admin")
    return public_app.test_client(), app, store


def erasure(client, reference, **form):
    csrf = csrf_of(client.get(f"/admin/grievances/{reference}/rights"))
    return client.post(f"/admin/grievances/{reference}/erasure", data={"csrf": csrf, **form})


def test_the_export_holds_every_file_of_the_person_with_documents_and_timeline(world):
    public, app, store = world
    _receipt, reference, _staff, documents = rich_history(public, app)
    same_person = file_with_documents(public)[0]["reference"].replace("-", "")  # the same e-mail and phone
    someone_else = file_with_documents(
        public, complainant__email="autre@example.org", complainant__phone="+32 470 12 34 56"
    )[0]["reference"].replace("-", "")
    first = sign_in(app, "first@example.ma")
    answer = first.get(f"/admin/grievances/{reference}/export.zip")
    assert answer.status_code == 200 and answer.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(answer.data))
    names = archive.namelist()
    assert {n.split("/")[0] for n in names} == {reference, same_person}
    assert someone_else not in answer.data.decode("latin-1")
    form = json.loads(archive.read(f"{reference}/file.json"))
    assert form["payload"]["complainant"]["family_name"] == FAMILY_NAME and "tracking_hash" not in form
    timeline = archive.read(f"{reference}/timeline.json").decode()
    assert "Appeler le consulat de Lyon lundi." in timeline and "Voici l'acte." in timeline
    assert archive.read(f"{reference}/documents/{documents[0]}") == PDF
    exported = store.list_audit(None, "subject_export", reference, None, 5)
    assert [e.staff_id for e in exported] == ["first@example.ma"]
    assert sorted(exported[0].detail["files"]) == sorted([reference, same_person])


def test_erasure_needs_two_different_admins_and_cannot_be_undone(world, config):
    public, app, store = world
    _receipt, reference, _staff, documents = rich_history(public, app)
    figures = store.read_statistics()
    first, second = sign_in(app, "first@example.ma"), sign_in(app, "second@example.ma")

    assert erasure(first, reference, action="confirm").status_code == 409  # nothing asked yet
    refused = erasure(first, reference, action="request", reason="  ")
    assert refused.status_code == 422 and not store.list_audit(None, "erasure_requested", reference, None, 5)
    assert erasure(first, reference, action="request", reason="Lettre de la personne, 2 décembre").status_code == 302
    assert erasure(first, reference, action="confirm").status_code == 409  # not by the one who asked
    assert store.get_grievance(reference).payload["complainant"]["family_name"] == FAMILY_NAME
    assert all(document_exists(config, u) for u in documents)

    assert erasure(second, reference, action="confirm").status_code == 302
    erased = store.get_grievance(reference)
    assert list(erased.payload) == ["anonymised_at"]
    assert not any(document_exists(config, u) for u in documents)
    assert "Appeler le consulat" not in json.dumps([e.body for e in store.list_events(reference)])
    assert store.read_statistics() == figures
    assert erasure(second, reference, action="confirm").status_code == 409  # once only
    asked = store.list_audit(None, "erasure_requested", reference, None, 5)
    done = store.list_audit(None, "erasure_confirmed", reference, None, 5)
    assert [e.staff_id for e in asked] == ["first@example.ma"] and asked[0].detail["reason"].startswith("Lettre")
    assert [(e.staff_id, e.detail["requested_by"]) for e in done] == [("second@example.ma", "first@example.ma")]
    page = second.get(f"/admin/grievances/{reference}/rights").get_data(as_text=True)
    assert FAMILY_NAME not in page


def test_a_cancelled_request_cannot_be_confirmed(world):
    public, app, store = world
    reference = file_with_documents(public)[0]["reference"].replace("-", "")
    first, second = sign_in(app, "first@example.ma"), sign_in(app, "second@example.ma")
    assert erasure(first, reference, action="request", reason="Demande écrite").status_code == 302
    assert erasure(first, reference, action="cancel").status_code == 302
    assert erasure(second, reference, action="confirm").status_code == 409
    assert "anonymised_at" not in store.get_grievance(reference).payload


def test_the_export_lists_the_emails_sent_about_each_file(world, config, tmp_path):
    from functions.cases.notifications import FolderMailer, dispatch

    public, app, store = world
    receipt = file_with_documents(public)[0]
    reference = receipt["reference"].replace("-", "")
    assert dispatch(store, FolderMailer(tmp_path / "sent", "Sawt <no-reply@sawt.invalid>"), config) == 1
    first = sign_in(app, "first@example.ma")
    archive = zipfile.ZipFile(io.BytesIO(first.get(f"/admin/grievances/{reference}/export.zip").data))
    (receipt_mail,) = json.loads(archive.read(f"{reference}/emails.json"))
    assert {k: receipt_mail[k] for k in ("kind", "status", "language", "recipient")} == {
        "kind": "receipt", "status": "sent", "language": "fr", "recipient": "fatima.elamrani@example.org",
    }  # fmt: skip
    assert receipt_mail["queued_at"][:19] <= receipt_mail["sent_at"][:19]  # (sent: to the second)
    assert store.notifications_of(reference)[0][0] not in archive.read(f"{reference}/emails.json").decode()


@pytest.mark.parametrize("backend_env", ["local"], indirect=True)  # the outbox folder is one server's
def test_an_erased_file_leaves_no_email_in_the_outbox(world, config):
    from functions.cases.notifications import dispatch, mailer_from_config

    public, app, store = world
    erased = file_with_documents(public, complainant__language="ar")[0]["reference"]
    kept = file_with_documents(public)[0]["reference"]
    assert dispatch(store, mailer_from_config(config), config) == 2
    outbox = config.data_dir / "outbox"
    assert len(list(outbox.glob("*.eml"))) == 2
    reference = erased.replace("-", "")
    first, second = sign_in(app, "first@example.ma"), sign_in(app, "second@example.ma")
    assert erasure(first, reference, action="request", reason="Lettre du 2 décembre").status_code == 302
    assert erasure(second, reference, action="confirm").status_code == 302
    (left,) = outbox.glob("*.eml")
    text = email.message_from_bytes(left.read_bytes(), policy=email.policy.default).get_body(("plain",)).get_content()
    assert kept in text and erased not in text


def test_an_account_made_or_reset_after_the_request_cannot_confirm_it(world):
    """Otherwise one admin could ask, make (or reset) a second admin account, sign in with its
    one-time password and confirm alone."""
    public, app, store = world
    reference = file_with_documents(public)[0]["reference"].replace("-", "")
    first = sign_in(app, "first@example.ma")
    assert erasure(first, reference, action="request", reason="Demande écrite du 2 décembre").status_code == 302
    add_staff(store, "made-after@example.ma", "admin")
    refused = erasure(sign_in(app, "made-after@example.ma"), reference, action="confirm")
    assert refused.status_code == 409 and "créé ou réinitialisé" in refused.get_data(as_text=True)
    csrf = csrf_of(first.get("/admin/staff"))
    assert first.post("/admin/staff/second@example.ma", data={"csrf": csrf, "action": "reset_totp"}).status_code in (
        200,
        302,
    )
    store.update_staff("second@example.ma", totp_secret=TOTP_SECRET, totp_enabled=True)  # enrolled again
    assert erasure(sign_in(app, "second@example.ma"), reference, action="confirm").status_code == 409
    assert "anonymised_at" not in store.get_grievance(reference).payload
    add_staff(store, "third@example.ma", "admin")
    assert erasure(first, reference, action="cancel").status_code == 302
    assert erasure(first, reference, action="request", reason="Demande écrite, renouvelée").status_code == 302
    assert erasure(sign_in(app, "third@example.ma"), reference, action="confirm").status_code == 302  # in use before


def test_the_export_carries_no_tracking_code_hash(world):
    public, app, store = world
    reference = file_with_documents(public)[0]["reference"].replace("-", "")
    from functions.cases.subject_rights import SECRET_FIELDS, export_archive

    services = app.extensions["sawt.admin"]()
    archive = zipfile.ZipFile(io.BytesIO(export_archive(store, services.files, [reference])))
    text = "".join(
        archive.read(name).decode("utf-8", "replace") for name in archive.namelist() if name.endswith(".json")
    )
    assert all(field not in text for field in SECRET_FIELDS)


def made_through_the_staff_page(store, maker, email):
    """An admin account made by `maker` on the Staff page (audited as theirs), then signed in to as
    its one-time password allows (set here directly, as its holder would)."""
    from functions.admin import security

    csrf = csrf_of(maker.get("/admin/staff"))
    made = maker.post("/admin/staff", data={"csrf": csrf, "email": email, "role": "admin", "name": "Sock Puppet"})
    assert made.status_code == 201, made.get_data(as_text=True)[:300]
    store.update_staff(email, password_hash=security.hash_password(PASSWORD), password_must_change=False,
                       password_expires_at=0, totp_secret=TOTP_SECRET, totp_enabled=True)  # fmt: skip


def test_asking_again_from_an_account_one_made_is_still_one_person(world):
    public, app, store = world
    reference = file_with_documents(public)[0]["reference"].replace("-", "")
    first = sign_in(app, "first@example.ma")
    assert erasure(first, reference, action="request", reason="Demande écrite du 2 décembre").status_code == 302
    made_through_the_staff_page(store, first, "sock@example.ma")
    sock = sign_in(app, "sock@example.ma")
    assert erasure(sock, reference, action="request", reason="Demande écrite, encore").status_code == 302
    assert erasure(first, reference, action="confirm").status_code == 409  # asked too
    assert erasure(sock, reference, action="confirm").status_code == 409
    assert erasure(first, reference, action="cancel").status_code == 302
    assert erasure(sock, reference, action="request", reason="Demande écrite, seule").status_code == 302
    assert erasure(first, reference, action="confirm").status_code == 409  # made the account that asked
    assert "anonymised_at" not in store.get_grievance(reference).payload
    # A different person, whose account neither made: two people, whoever's account asked.
    assert erasure(sign_in(app, "second@example.ma"), reference, action="confirm").status_code == 302
    assert "anonymised_at" in store.get_grievance(reference).payload


def test_a_busy_file_keeps_its_pending_request(world):
    public, app, _store = world
    reference = file_with_documents(public)[0]["reference"].replace("-", "")
    first, second = sign_in(app, "first@example.ma"), sign_in(app, "second@example.ma")
    assert erasure(first, reference, action="request", reason="Demande écrite du 2 décembre").status_code == 302
    for _ in range(210):
        first.get(f"/admin/grievances/{reference}")  # each reading is audited
    assert erasure(second, reference, action="confirm").status_code == 302


@pytest.mark.parametrize("reason", ["\u200b\u200b", "Lettre \u202eabc", "fin \x00"])
def test_an_erasure_reason_with_nothing_visible_or_hidden_controls_is_refused(world, reason):
    public, app, store = world
    reference = file_with_documents(public)[0]["reference"].replace("-", "")
    assert erasure(sign_in(app, "first@example.ma"), reference, action="request", reason=reason).status_code == 422
    assert not store.list_audit(None, "erasure_requested", reference, None, 5)
