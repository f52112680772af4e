"""The administration's answer, end to end on both backends: staff forward a file → the CNSS's
correspondent sees it (another administration's gets 404) → reminders at the configured times (a
fake clock) → the answer → staff see it in the timeline → the complainant's track shows both dates."""

import datetime as dt

import pytest

from functions.cases.forwarding import ForwardingService
from functions.cases.notifications import dispatch
from functions.platform.config import Config
from functions.storage.records import parse_iso
from tests.admin_helpers import add_staff, csrf_of, sign_in
from tests.case_helpers import FAMILY_NAME, file_with_documents, post, staff_app, visible_text

ASKED = "Merci de nous dire pourquoi la pension de M. n'est pas versée depuis mars."
ANSWERED = "La pension a été débloquée le 3 mai ; le virement part cette semaine."


class RecordingMailer:
    def __init__(self):
        self.sent = []

    def send(self, recipient, subject, text):
        self.sent.append((recipient, subject, text))

    def take(self):
        sent, self.sent = self.sent, []
        return sent


@pytest.fixture
def journey(config, public_app, client):
    app, store = staff_app(config)
    add_staff(store, "bureau@cnss.ma", "correspondent", administration="cnss")
    add_staff(store, "bureau@cmr.ma", "correspondent", administration="cmr")
    store.update_staff("bureau@cmr.ma", language="ar")
    receipt, (pdf, png) = file_with_documents(client)
    return app, store, receipt, receipt["reference"].replace("-", ""), (pdf, png)


def test_forward_remind_answer_and_both_dates_on_the_track_page(journey, client, config):
    app, store, receipt, reference, (pdf, png) = journey
    staff, mailer = sign_in(app, "officer@example.ma"), RecordingMailer()
    dispatch(store, mailer, config)
    mailer.take()  # (the complainant's receipt)

    forwarded = post(staff, reference, "forward", administration="cnss", text=ASKED, documents=[pdf])
    assert forwarded.status_code == 302, visible_text(forwarded.get_data(as_text=True))[:500]
    forwarding = store.get_forwarding(reference, "cnss")
    days = (parse_iso(forwarding.due_at) - parse_iso(forwarding.forwarded_at)).days
    assert days == 60 and forwarding.shared == (pdf,)
    # "A file waits": to the CNSS's correspondent only, without a word of the case.
    dispatch(store, mailer, config)
    (recipient, subject, text), *more = mailer.take()
    assert not more and recipient == "bureau@cnss.ma" and "/admin/answers" in text
    for secret in (reference, receipt["reference"], FAMILY_NAME, "pension", "CNSS"):
        assert secret not in subject + text

    cnss, cmr = sign_in(app, "bureau@cnss.ma"), sign_in(app, "bureau@cmr.ma")
    inbox = cnss.get("/admin/answers")
    assert inbox.status_code == 200 and reference in inbox.get_data(as_text=True)
    shown = cnss.get(f"/admin/answers/{reference}")
    page = visible_text(shown.get_data(as_text=True))
    assert ASKED in page and "acte-naissance.pdf" in page
    assert "passeport.png" not in page and FAMILY_NAME not in page  # only what staff chose to share
    assert cnss.get(f"/admin/answers/{reference}/documents/{png}").status_code == 404
    assert cnss.get(f"/admin/answers/{reference}/documents/{pdf}").status_code in (200, 302)
    assert cmr.get(f"/admin/answers/{reference}").status_code == 404
    assert reference not in cmr.get("/admin/answers").get_data(as_text=True)
    assert cnss.get(f"/admin/grievances/{reference}").status_code == 403  # the file itself: staff only
    reads = store.list_audit("bureau@cnss.ma", "read_forwarded", reference, None, 10)
    assert len(reads) == 1  # every read audited

    # Reminders at 14 and 3 days before the deadline, then when it passes; nothing in between,
    # and nothing twice (a second run at the same moment sends nothing more).
    due = parse_iso(forwarding.due_at)

    def at(moment):
        ForwardingService(store, config, clock=lambda: moment).send_due_reminders()
        dispatch(store, mailer, config, clock=lambda: moment)
        ForwardingService(store, config, clock=lambda: moment).send_due_reminders()
        dispatch(store, mailer, config, clock=lambda: moment)
        return [(to, subject) for to, subject, _ in mailer.take()]

    assert at(due - dt.timedelta(days=20)) == []
    first = at(due - dt.timedelta(days=14) + dt.timedelta(minutes=1))
    assert len(first) == 1 and first[0][0] == "bureau@cnss.ma"
    assert at(due - dt.timedelta(days=10)) == []
    assert len(at(due - dt.timedelta(days=3) + dt.timedelta(minutes=1))) == 1
    assert len(at(due + dt.timedelta(hours=1))) == 1
    assert at(due + dt.timedelta(days=5)) == []
    # Staff see it overdue in the inbox (only now: the real clock is still before the deadline)
    # and send a reminder by hand.
    assert reference not in staff.get("/admin/inbox?view=answers_overdue").get_data(as_text=True)
    assert post(staff, reference, "remind", administration="cnss").status_code == 302
    dispatch(store, mailer, config)
    assert [to for to, _, _ in mailer.take()] == ["bureau@cnss.ma"]

    # The complainant's track before the answer: sent, with the date expected.
    track = client.post("/api/track", json={k: receipt[k] for k in ("reference", "tracking_code")}).get_json()
    (clock,) = track["administrations"]
    assert clock["administration"] == "cnss" and clock["answered_at"] is None and not clock["overdue"]
    assert clock["names"]["fr"].startswith("Caisse nationale de sécurité sociale")
    assert ASKED not in str(track)

    # Another administration cannot answer; the CNSS answers once.
    csrf = csrf_of(cnss.get(f"/admin/answers/{reference}"))
    assert cmr.post(f"/admin/grievances/{reference}/answer", data={"csrf": csrf_of(cmr.get("/admin/answers")),
                                                                     "text": "x"}).status_code == 404  # fmt: skip
    empty = cnss.post(f"/admin/grievances/{reference}/answer", data={"csrf": csrf, "text": "  "})
    assert empty.status_code == 422 and store.get_forwarding(reference, "cnss").answered_at is None
    answered = cnss.post(f"/admin/grievances/{reference}/answer", data={"csrf": csrf, "text": ANSWERED})
    assert answered.status_code == 302
    again = cnss.post(f"/admin/grievances/{reference}/answer", data={"csrf": csrf, "text": "Encore"})
    assert again.status_code == 409
    assert [e.kind for e in store.list_events(reference)].count("answer") == 1

    # Staff see the answer in the timeline, and the clock as answered; the complainant is not told
    # what it says (staff decide), only that and when it came.
    file_page = visible_text(staff.get(f"/admin/grievances/{reference}").get_data(as_text=True))
    assert ANSWERED in file_page and ASKED in file_page
    track = client.post("/api/track", json={k: receipt[k] for k in ("reference", "tracking_code")}).get_json()
    (clock,) = track["administrations"]
    assert clock["answered_at"] and clock["forwarded_at"] and clock["due_at"]
    assert ANSWERED not in str(track) and ASKED not in str(track)
    assert at(due + dt.timedelta(days=30)) == []  # answered: no more reminders

    # Both dates, in words, in the complainant's language (the no-JS track page).
    for lang, answered_words in (("fr", "a répondu au Médiateur le"), ("ar", "الوسيط بتاريخ")):
        html = client.post("/api/track", data={k: receipt[k] for k in ("reference", "tracking_code")},
                           headers={"Accept-Language": lang}).get_data(as_text=True)  # fmt: skip
        text = visible_text(html)
        assert answered_words in text
        assert ANSWERED not in text


def test_the_track_page_says_where_the_file_went_and_by_when_in_words(journey, client, config):
    app, store, receipt, reference, _documents = journey
    staff = sign_in(app, "officer@example.ma")
    assert post(staff, reference, "forward", administration="ancfcc", text=ASKED).status_code == 302
    assert post(staff, reference, "forward", administration="commune_rabat", text=ASKED).status_code == 302
    again = post(staff, reference, "forward", administration="ancfcc", text="encore")
    assert again.status_code == 409  # one clock per administration
    forwarding = store.get_forwarding(reference, "ancfcc")
    due = parse_iso(forwarding.due_at)
    from babel.dates import format_date

    html = client.post("/api/track", data={k: receipt[k] for k in ("reference", "tracking_code")},
                       headers={"Accept-Language": "fr"}).get_data(as_text=True)  # fmt: skip
    text = visible_text(html)
    expected = format_date(due.date(), format="long", locale="fr")
    if due.day == 1:
        expected = expected.replace("1 ", "1er ", 1)  # French writes the first of the month as an ordinal
    assert f"Sa réponse est attendue au plus tard le {expected}." in text
    assert "Agence nationale de la conservation foncière" in text and "Commune de Rabat" in text
    html = client.post("/api/track", data={k: receipt[k] for k in ("reference", "tracking_code")},
                       headers={"Accept-Language": "de"}).get_data(as_text=True)  # fmt: skip
    assert "Stadtgemeinde Rabat" in visible_text(html) and format_date(due.date(), format="long", locale="de") in (
        visible_text(html)
    )


@pytest.mark.parametrize(
    "form, field",
    [
        ({"administration": "", "text": ASKED}, "administration"),
        ({"administration": "atlantis", "text": ASKED}, "administration"),
        ({"administration": "cnss", "text": "   "}, "text"),
        ({"administration": "cnss", "text": "x" * 4001}, "text"),
        ({"administration": "cnss", "text": ASKED, "documents": ["not-one-of-this-file"]}, "documents"),
    ],
)
def test_a_bad_forward_changes_nothing(journey, form, field):
    app, store, _receipt, reference, _documents = journey
    staff = sign_in(app, "officer@example.ma")
    response = post(staff, reference, "forward", **form)
    assert response.status_code == 422
    assert store.list_forwardings(reference) == []
    assert "forwarded" not in [e.kind for e in store.list_events(reference)]


def test_reminder_days_come_from_the_configuration(journey):
    _app, store, _receipt, reference, _documents = journey
    config = Config.from_env(SAWT_ADMINISTRATION_REMINDER_DAYS="30", SAWT_DEADLINE_ADMINISTRATION_DAYS="40")
    service = ForwardingService(store, config)
    forwarding = service.forward(store.get_grievance(reference), "officer@example.ma", "cnss", ASKED, [], set())
    due = parse_iso(forwarding.due_at)
    assert (due - parse_iso(forwarding.forwarded_at)).days == 40
    assert ForwardingService(store, config, clock=lambda: due - dt.timedelta(days=31)).send_due_reminders() == 0
    assert ForwardingService(store, config, clock=lambda: due - dt.timedelta(days=29)).send_due_reminders() == 1
    assert ForwardingService(store, config, clock=lambda: due - dt.timedelta(days=1)).send_due_reminders() == 0
    assert ForwardingService(store, config, clock=lambda: due).send_due_reminders() == 1


def test_staff_see_the_files_whose_answer_is_late(journey, config):
    app, store, _receipt, reference, _documents = journey
    long_ago = parse_iso(store.get_grievance(reference).created_at) - dt.timedelta(days=61)
    late = ForwardingService(store, config, clock=lambda: long_ago)
    late.forward(store.get_grievance(reference), "officer@example.ma", "cnss", ASKED, [], set())
    staff = sign_in(app, "officer@example.ma")
    assert reference in staff.get("/admin/inbox?view=answers_overdue").get_data(as_text=True)
    page = visible_text(staff.get(f"/admin/grievances/{reference}").get_data(as_text=True))
    assert "en retard" in page or "overdue" in page
