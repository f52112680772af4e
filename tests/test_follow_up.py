"""Following a grievance through the API: the timeline and clocks, answers (once), withdrawal, and
the update emails that say nothing of the case."""

import datetime as dt
import email
import email.policy

import pytest

from functions.admin.workflow import Workflow
from functions.cases.deadlines import due_at, is_overdue, next_step
from functions.cases.follow_up import FollowUpService
from functions.cases.notifications import FolderMailer, compose, dispatch
from functions.platform.i18n import translations
from functions.storage.records import parse_iso
from tests.factories import grievance, key


def file(client, **changes):
    receipt = client.post("/api/grievances", json=grievance(**changes), headers={"Idempotency-Key": key()})
    assert receipt.status_code == 201
    return receipt.get_json()


def view(client, receipt):
    return client.post("/api/track", json={k: receipt[k] for k in ("reference", "tracking_code")})


def staff_asks(public_app, receipt, template="request_documents", text="La copie intégrale de l'acte"):
    store = public_app.extensions["sawt.service"]().store
    current = store.get_grievance(receipt["reference"].replace("-", ""))
    Workflow(store, public_app.config["SAWT"]).request_information(current, "agent@example.ma", template, text)


def test_the_timeline_shows_staff_messages_and_the_next_step(client, public_app):
    receipt = file(client)
    before = view(client, receipt).get_json()
    assert before["next_step"]["step"] == "initial_study" and not before["next_step"]["overdue"]
    assert before["can_reply"] is False and before["can_withdraw"] is True
    staff_asks(public_app, receipt)
    after = view(client, receipt).get_json()
    assert after["status"] == "information_requested" and after["can_reply"]
    latest = after["timeline"][-1]
    assert latest["template"] == "request_documents" and latest["message"] == "La copie intégrale de l'acte"
    assert after["next_step"]["step"] == "your_answer"
    keys = {"at", "kind", "status", "by", "documents", "template", "card", "fields", "message", "language"}
    assert set(latest) == keys


def test_an_answer_counts_once_and_moves_the_file_back_to_study(client, public_app):
    receipt = file(client)
    staff_asks(public_app, receipt)
    ref = receipt["reference"].replace("-", "")
    k = key()
    body = {"tracking_code": receipt["tracking_code"], "text": "Voici la copie demandée."}
    first = client.post(f"/api/grievances/{ref}/replies", json=body, headers={"Idempotency-Key": k})
    again = client.post(f"/api/grievances/{ref}/replies", json=body, headers={"Idempotency-Key": k})
    assert first.status_code == again.status_code == 201
    assert (
        first.get_json()
        == again.get_json()
        == {"ok": True, "reference": receipt["reference"], "status": "under_review"}
    )
    timeline = view(client, receipt).get_json()["timeline"]
    assert [e["kind"] for e in timeline].count("reply") == 1
    assert timeline[-1]["by"] == "you" and timeline[-1]["message"] == "Voici la copie demandée."
    other = client.post(
        f"/api/grievances/{ref}/replies", json={**body, "text": "autre"}, headers={"Idempotency-Key": k}
    )
    assert other.status_code == 422


def test_an_answer_when_none_is_expected_is_refused(client):
    receipt = file(client)
    ref = receipt["reference"].replace("-", "")
    response = client.post(
        f"/api/grievances/{ref}/replies",
        json={"tracking_code": receipt["tracking_code"], "text": "Bonjour"},
        headers={"Idempotency-Key": key(), "Accept-Language": "fr"},
    )
    assert response.status_code == 409
    assert response.get_json()["errors"][0]["code"] == "not_awaiting_reply"


def test_a_wrong_code_answers_like_an_unknown_file(client):
    receipt = file(client)
    ref = receipt["reference"].replace("-", "")
    wrong = client.post(f"/api/grievances/{ref}/withdraw", json={"tracking_code": "2222-3333-4444-5555"},
                        headers={"Idempotency-Key": key()})  # fmt: skip
    unknown = client.post("/api/grievances/K7MQX4RTU/withdraw", json={"tracking_code": receipt["tracking_code"]},
                          headers={"Idempotency-Key": key()})  # fmt: skip
    assert wrong.status_code == unknown.status_code == 404 and wrong.data == unknown.data


def test_withdrawal(client, public_app):
    receipt = file(client)
    ref = receipt["reference"].replace("-", "")
    response = client.post(f"/api/grievances/{ref}/withdraw", json={"tracking_code": receipt["tracking_code"]},
                           headers={"Idempotency-Key": key()})  # fmt: skip
    assert response.status_code == 200 and response.get_json()["status"] == "withdrawn"
    seen = view(client, receipt).get_json()
    assert seen["status"] == "withdrawn" and not seen["can_withdraw"] and seen["next_step"] is None
    stats = public_app.extensions["sawt.service"]().store.read_statistics()
    assert stats["status"] == {"withdrawn": 1}
    again = client.post(f"/api/grievances/{ref}/withdraw", json={"tracking_code": receipt["tracking_code"]},
                        headers={"Idempotency-Key": key(), "Accept-Language": "en"})  # fmt: skip
    assert again.status_code == 409 and again.get_json()["errors"][0]["code"] == "already_closed"


def test_the_track_answer_holds_no_personal_data(client, public_app):
    receipt = file(client)
    staff_asks(public_app, receipt)
    text = view(client, receipt).get_data(as_text=True)
    for personal in ("Fatima", "El Amrani", "fatima.elamrani@example.org", "+33612345678", "Lyon", "Berkane"):
        assert personal not in text


def plain(mail) -> str:
    """The text part (each email also has the same words as HTML)."""
    return mail.get_body(preferencelist=("plain",)).get_content()


def sent_emails(store, public_app, folder) -> list:
    """Dispatch what is due into a folder; the messages, oldest first."""
    mailer = FolderMailer(folder, "Sawt <no-reply@sawt.invalid>")
    dispatch(store, mailer, public_app.config["SAWT"])
    return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default) for p in sorted(folder.glob("*.eml"))]


def test_update_emails_name_the_reference_and_nothing_else(client, public_app, tmp_path):
    receipt = file(client, complainant__language="fr")
    store = public_app.extensions["sawt.service"]().store
    (confirmation,) = sent_emails(store, public_app, tmp_path / "receipt")
    staff_asks(public_app, receipt, text="Votre acte de naissance n° 1234 à Berkane")
    mailer = FolderMailer(tmp_path / "outbox", "Sawt <no-reply@sawt.invalid>")
    assert dispatch(store, mailer, public_app.config["SAWT"]) == 1
    assert dispatch(store, mailer, public_app.config["SAWT"]) == 0  # sent once
    (sent,) = (tmp_path / "outbox").glob("*.eml")
    message = email.message_from_bytes(sent.read_bytes(), policy=email.policy.default)
    for mail, kind in ((message, "news"), (confirmation, "receipt")):
        body = plain(mail)
        assert receipt["tracking_code"] not in mail.get_body(preferencelist=("html",)).get_content()
        assert mail["To"] == "fatima.elamrani@example.org"
        assert "/fr/track/" in body and "#" not in body
        assert receipt["reference"] in body  # what the person quotes on the phone
        forbidden = [receipt["tracking_code"], receipt["tracking_code"].replace("-", ""), "Fatima", "El Amrani",
                     "Berkane", "1234", "acte", "Acte", "état civil", "information", "Birth"]  # fmt: skip
        for word in forbidden:
            assert word not in body and word not in mail["Subject"], word
        # in the complainant's language
        subject, text = compose("fr", public_app.config["SAWT"]["SAWT_SITE_ORIGIN"], receipt["reference"], kind)
        assert body.strip() == text.strip() and mail["Subject"] == subject


@pytest.mark.parametrize("lang", ["ar", "fr", "de"])
def test_a_receipt_email_goes_whenever_an_email_was_given_once(client, public_app, tmp_path, lang):
    body = grievance(complainant__language=lang, email_updates=False)
    k = key()
    receipt = client.post("/api/grievances", json=body, headers={"Idempotency-Key": k}).get_json()
    client.post("/api/grievances", json=body, headers={"Idempotency-Key": k})  # a replay sends nothing more
    store = public_app.extensions["sawt.service"]().store
    (mail,) = sent_emails(store, public_app, tmp_path)
    gettext = translations(lang).gettext
    assert mail["Subject"] == gettext("We have received your grievance")
    assert gettext("Your reference: %(reference)s") % {"reference": receipt["reference"]} in plain(mail)
    assert receipt["tracking_code"] not in plain(mail)


def test_no_receipt_email_without_an_email_address(client, public_app, tmp_path):
    file(client, complainant__email=..., complainant__phone="+33612345678", complainant__preferred_contact="phone")
    store = public_app.extensions["sawt.service"]().store
    assert sent_emails(store, public_app, tmp_path) == []


def test_no_news_email_without_consent(client, public_app, tmp_path):
    receipt = file(client, email_updates=False)
    staff_asks(public_app, receipt)
    store = public_app.extensions["sawt.service"]().store
    (only,) = sent_emails(store, public_app, tmp_path)  # the receipt, not the news
    assert only["Subject"] == translations("fr").gettext("We have received your grievance")


def test_a_failing_mail_server_never_blocks_staff_and_is_retried(client, public_app, tmp_path):
    receipt = file(client)

    class Broken:
        calls = 0

        def send(self, *args):
            Broken.calls += 1
            raise OSError("mail server down")

    store = public_app.extensions["sawt.service"]().store
    sent_emails(store, public_app, tmp_path)  # the receipt
    staff_asks(public_app, receipt)  # the staff action succeeds whatever mail does
    config = public_app.config["SAWT"]
    assert dispatch(store, Broken(), config) == 0 and Broken.calls == 1
    assert dispatch(store, Broken(), config) == 0 and Broken.calls == 1  # not due yet: backoff
    later = lambda: dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)  # noqa: E731
    assert dispatch(store, Broken(), config, clock=later) == 0 and Broken.calls == 2


def test_an_email_that_never_goes_out_ends_failed_not_sent(client, public_app, tmp_path):
    from functions.cases.notifications import MAX_ATTEMPTS

    class Broken:
        def send(self, *args):
            raise OSError("mail server down")

    receipt = file(client)
    store = public_app.extensions["sawt.service"]().store
    sent_emails(store, public_app, tmp_path)  # the receipt
    staff_asks(public_app, receipt)
    config = public_app.config["SAWT"]
    for day in range(MAX_ATTEMPTS + 2):  # past every backoff: each run finds it due
        dispatch(store, Broken(), config, clock=lambda day=day: dt.datetime.now(dt.UTC) + dt.timedelta(days=day))
    assert store.count_notifications("failed") == 1
    assert store.count_notifications("sent") == 1 and store.count_notifications("pending") == 0  # (the receipt)


@pytest.mark.parametrize(
    "status, filed, changed, now, step, due, overdue",
    [
        ("received", "2026-01-01", "2026-01-01", "2026-01-21", "initial_study", "2026-01-22", False),
        ("received", "2026-01-01", "2026-01-01", "2026-01-23", "initial_study", "2026-01-22", True),
        ("under_review", "2026-01-01", "2026-01-10", "2026-01-15", "initial_study", "2026-01-22", False),
        ("information_requested", "2026-01-01", "2026-01-10", "2026-02-10", "your_answer", "2026-02-09", True),
        ("in_progress", "2026-01-01", "2026-02-01", "2026-03-31", "administration_answer", "2026-04-02", False),
        ("resolved", "2026-01-01", "2026-02-01", "2026-09-01", None, None, False),
    ],
)
def test_deadline_clocks_from_configuration(status, filed, changed, now, step, due, overdue):
    from functions.platform.config import Config

    config = Config.from_env({})
    deadline = due_at(status, f"{filed}T10:00:00.000000Z", f"{changed}T10:00:00.000000Z", config)
    assert next_step(status) == step
    assert (deadline[:10] if deadline else None) == due
    assert is_overdue(deadline, parse_iso(f"{now}T12:00:00.000000Z")) is overdue


def test_clocks_follow_the_configured_durations(client, public_app, monkeypatch):
    from functions.platform.config import Config

    config = Config.from_env({}, SAWT_DEADLINE_INITIAL_DAYS=5)
    assert due_at("received", "2026-01-01T00:00:00.000000Z", "2026-01-01T00:00:00.000000Z", config).startswith(
        "2026-01-06"
    )
    receipt = file(client)
    store = public_app.extensions["sawt.service"]().store
    fixed = lambda: dt.datetime(2031, 1, 1, tzinfo=dt.UTC)  # noqa: E731 - a fixed clock, years later
    service = FollowUpService(store, b"s" * 32, config, clock=fixed)
    seen = service.describe(store.get_grievance(receipt["reference"].replace("-", "")), [])
    assert seen["next_step"]["overdue"] is True


def test_an_orientation_shows_its_card_on_the_track_page(client, public_app):
    from schemas import guidance

    receipt = file(client)
    store = public_app.extensions["sawt.service"]().store
    current = store.get_grievance(receipt["reference"].replace("-", ""))
    Workflow(store, public_app.config["SAWT"]).orient(current, "agent@example.ma", "cndp", "")
    seen = view(client, receipt).get_json()
    assert seen["status"] == "oriented" and seen["orientation"] == "cndp"
    page = client.post("/api/track", data={k: receipt[k] for k in ("reference", "tracking_code")},
                       headers={"Accept-Language": "fr"})  # fmt: skip
    html = page.get_data(as_text=True)
    card = guidance.orientation()["card"]["cndp"]
    assert "/fr/check/card/cndp/" in html
    assert translations("fr").gettext(card["body"]) in html.replace("&#39;", "'")


def test_the_key_alone_tells_whether_an_answer_arrived(client, public_app):
    receipt = file(client)
    staff_asks(public_app, receipt)
    ref, k = receipt["reference"].replace("-", ""), key()
    nothing = client.post(f"/api/grievances/{ref}/replies", json={}, headers={"Idempotency-Key": k})
    assert nothing.status_code == 422
    assert "idempotency_conflict" not in [e["code"] for e in nothing.get_json()["errors"]]
    body = {"tracking_code": receipt["tracking_code"], "text": "Voici la copie demandée."}
    assert client.post(f"/api/grievances/{ref}/replies", json=body, headers={"Idempotency-Key": k}).status_code == 201
    conflict = client.post(f"/api/grievances/{ref}/replies", json={}, headers={"Idempotency-Key": k})
    assert [e["code"] for e in conflict.get_json()["errors"]] == ["idempotency_conflict"]


def test_update_emails_are_in_the_language_the_grievance_was_written_in(client, public_app, tmp_path):
    receipt = client.post("/api/grievances", json=grievance(complainant__language="ar"),
                          headers={"Idempotency-Key": key(), "Accept-Language": "fr"}).get_json()  # fmt: skip
    store = public_app.extensions["sawt.service"]().store
    sent_emails(store, public_app, tmp_path / "receipt")
    staff_asks(public_app, receipt)
    mailer = FolderMailer(tmp_path / "outbox", "Sawt <no-reply@sawt.invalid>")
    assert dispatch(store, mailer, public_app.config["SAWT"]) == 1
    (sent,) = (tmp_path / "outbox").glob("*.eml")
    message = email.message_from_bytes(sent.read_bytes(), policy=email.policy.default)
    subject, text = compose("ar", public_app.config["SAWT"]["SAWT_SITE_ORIGIN"], receipt["reference"])
    assert message["Subject"] == subject
    assert message.get_body(preferencelist=("plain",)).get_content().strip() == text.strip()
    assert "/ar/track/" in text
    # Aligned right by every client: a right-to-left mark first in each paragraph, and an HTML part
    # whose direction is right-to-left.
    assert all(paragraph.startswith("\u200f") for paragraph in text.strip().split("\n\n"))
    assert '<html dir="rtl">' in message.get_body(preferencelist=("html",)).get_content()
