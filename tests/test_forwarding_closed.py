"""What happens to an administration's clock when its file ends, on both backends: a closed or
withdrawn file waits for no answer (no reminder, not late, no answer taken; reopening resumes it);
an erased file keeps nothing of what staff asked and takes nothing new; a reminder by hand goes
once a day; words with hidden controls or nothing visible are refused."""

import datetime as dt

import pytest

from functions.admin.workflow import Workflow
from functions.cases.forwarding import ForwardingService
from functions.cases.notifications import dispatch
from functions.storage.records import parse_iso
from tests import test_forwarding_journey
from tests.admin_helpers import add_staff, csrf_of, sign_in
from tests.case_helpers import post, visible_text
from tests.test_forwarding_journey import ASKED, RecordingMailer

journey = test_forwarding_journey.journey  # the same fixture: a file, staff, two correspondents


def close(store, config, reference, status="closed"):
    Workflow(store, config).change_status(store.get_grievance(reference), "officer@example.ma", status, "Traité")


def answer(correspondent, reference, text="Le dossier est réglé."):
    csrf = csrf_of(correspondent.get("/admin/answers"))
    return correspondent.post(f"/admin/grievances/{reference}/answer", data={"csrf": csrf, "text": text})


def test_a_closed_file_waits_for_no_answer_until_it_is_reopened(journey, client, config):
    app, store, receipt, reference, _documents = journey
    staff, cnss, mailer = sign_in(app, "officer@example.ma"), sign_in(app, "bureau@cnss.ma"), RecordingMailer()
    assert post(staff, reference, "forward", administration="cnss", text=ASKED).status_code == 302
    dispatch(store, mailer, config)
    mailer.take()
    close(store, config, reference)

    due = parse_iso(store.get_forwarding(reference, "cnss").due_at)
    for moment in (due - dt.timedelta(days=14), due - dt.timedelta(days=3), due + dt.timedelta(days=1)):
        assert ForwardingService(store, config, clock=lambda m=moment: m).send_due_reminders() == 0
    dispatch(store, mailer, config)
    assert [to for to, _, _ in mailer.take() if to.endswith("cnss.ma")] == []  # (the complainant is told)
    refused = post(staff, reference, "remind", administration="cnss")
    assert refused.status_code == 409 and "clôturé" in visible_text(refused.get_data(as_text=True))
    page = cnss.get(f"/admin/answers/{reference}")
    assert "Le Médiateur a clôturé ce dossier" in visible_text(page.get_data(as_text=True))
    assert 'name="text"' not in page.get_data(as_text=True)  # no answer form
    assert answer(cnss, reference).status_code == 409
    assert store.get_forwarding(reference, "cnss").answered_at is None
    assert "plus nécessaire" in visible_text(cnss.get("/admin/answers").get_data(as_text=True))
    late = ForwardingService(store, config, clock=lambda: due + dt.timedelta(days=2))
    assert late.store.open_forwardings_due_by((due + dt.timedelta(days=2)).isoformat()) == []
    track = client.post("/api/track", json={k: receipt[k] for k in ("reference", "tracking_code")}).get_json()
    assert [c["overdue"] for c in track["administrations"]] == [False]

    grievance = store.get_grievance(reference)
    Workflow(store, config).change_status(grievance, "officer@example.ma", "under_review", "Nouvel élément")
    assert not store.get_forwarding(reference, "cnss").paused
    assert answer(cnss, reference).status_code == 302


def test_a_withdrawn_file_stops_its_clocks(journey, client, config):
    app, store, receipt, reference, _documents = journey
    staff = sign_in(app, "officer@example.ma")
    assert post(staff, reference, "forward", administration="cnss", text=ASKED).status_code == 302
    withdrawn = client.post(
        f"/api/grievances/{reference}/withdraw",
        json={"tracking_code": receipt["tracking_code"], "reason": "Réglé entre-temps"},
        headers={"Idempotency-Key": "8d3b9c1e-57a1-4a53-9a0e-3f1f4b1c2d3e"},
    )
    assert withdrawn.status_code == 200, withdrawn.get_data(as_text=True)
    assert store.get_forwarding(reference, "cnss").paused
    assert answer(sign_in(app, "bureau@cnss.ma"), reference).status_code == 409


def test_an_erased_file_keeps_nothing_asked_and_takes_nothing_new(journey, client, config):
    app, store, receipt, reference, _documents = journey
    add_staff(store, "first@example.ma", "admin")
    add_staff(store, "second@example.ma", "admin")
    staff = sign_in(app, "officer@example.ma")
    assert post(staff, reference, "forward", administration="cnss", text=ASKED).status_code == 302
    assert post(staff, reference, "forward", administration="cmr", text=ASKED).status_code == 302
    cnss = sign_in(app, "bureau@cnss.ma")
    assert answer(cnss, reference, "Réponse de la CNSS sur Mme X.").status_code == 302
    first, second = sign_in(app, "first@example.ma"), sign_in(app, "second@example.ma")
    for person, form in (
        (first, {"action": "request", "reason": "Lettre du 2 décembre"}),
        (second, {"action": "confirm"}),
    ):
        csrf = csrf_of(person.get(f"/admin/grievances/{reference}/rights"))
        assert person.post(f"/admin/grievances/{reference}/erasure", data={"csrf": csrf, **form}).status_code == 302

    assert [(f.text, f.shared) for f in store.list_forwardings(reference)] == [("", ()), ("", ())]
    assert all(f.paused or f.answered_at for f in store.list_forwardings(reference))
    cmr = sign_in(app, "bureau@cmr.ma")
    assert cmr.get(f"/admin/answers/{reference}").status_code == 404
    assert answer(cmr, reference, "M. Qassimi, né à Oujda").status_code == 404
    assert store.get_forwarding(reference, "cmr").answered_at is None
    assert post(staff, reference, "note", text="Appeler M. Qassimi").status_code == 409
    assert post(staff, reference, "forward", administration="ancfcc", text=ASKED).status_code == 422
    assert "Appeler" not in str([e.body for e in store.list_events(reference)])
    withdrawn = client.post(
        f"/api/grievances/{reference}/withdraw",
        json={"tracking_code": receipt["tracking_code"], "reason": "Mon nom est Qassimi"},
        headers={"Idempotency-Key": "3f1f4b1c-57a1-4a53-9a0e-8d3b9c1e2d3e"},
    )
    assert withdrawn.status_code == 409
    assert "Qassimi" not in str([e.body for e in store.list_events(reference)])


def test_a_reminder_by_hand_goes_once_a_day(journey, config):
    app, store, _receipt, reference, _documents = journey
    staff, other, mailer = sign_in(app, "officer@example.ma"), None, RecordingMailer()
    add_staff(store, "second@example.ma", "reviewer")
    other = sign_in(app, "second@example.ma")
    assert post(staff, reference, "forward", administration="cnss", text=ASKED).status_code == 302
    dispatch(store, mailer, config)
    mailer.take()
    assert post(staff, reference, "remind", administration="cnss").status_code == 302
    twice = post(other, reference, "remind", administration="cnss")
    assert twice.status_code == 409 and "aujourd" in visible_text(twice.get_data(as_text=True))
    dispatch(store, mailer, config)
    assert [to for to, _, _ in mailer.take()] == ["bureau@cnss.ma"]
    tomorrow = ForwardingService(store, config, clock=lambda: dt.datetime.now(dt.UTC) + dt.timedelta(days=1))
    tomorrow.remind(store.get_forwarding(reference, "cnss"))  # a new day: one more


@pytest.mark.parametrize(
    "text", ["\u200b\u200b", "Réponse \u202egnp.exe\u202c OK", "fin \x00 \x07", "\u3164\u2800\u034f", "ok\U000e0041"]
)
def test_words_with_hidden_controls_or_nothing_visible_are_refused(journey, text):
    app, store, _receipt, reference, _documents = journey
    staff = sign_in(app, "officer@example.ma")
    assert post(staff, reference, "forward", administration="cnss", text=text).status_code == 422
    assert post(staff, reference, "forward", administration="cnss", text=ASKED).status_code == 302
    assert answer(sign_in(app, "bureau@cnss.ma"), reference, text).status_code == 422
    assert store.get_forwarding(reference, "cnss").answered_at is None
    assert post(staff, reference, "note", text=text).status_code == 422


def test_a_correspondents_arabic_email_reads_right_to_left():
    from functions.cases import correspondent_mail
    from functions.cases.notifications import html_version

    _subject, text = correspondent_mail.compose("reminder", "ar", "https://sawt.example")
    assert all(paragraph.startswith("\u200f") for paragraph in text.strip().split("\n\n"))
    assert 'dir="rtl"' in html_version(text)
    _subject, french = correspondent_mail.compose("reminder", "fr", "https://sawt.example")
    assert "\u200f" not in french and 'dir="ltr"' in html_version(french)


def test_what_is_written_while_an_erasure_runs_goes_with_it(journey, config):
    """The documents are deleted first (on S3, seconds); a note or an answer that lands meanwhile
    was not among the events read before, and must not survive the erasure."""
    from functions.cases.retention import Retention
    from functions.platform.server_secret import load_secret

    app, store, _receipt, reference, _documents = journey
    staff = sign_in(app, "officer@example.ma")
    assert post(staff, reference, "forward", administration="cnss", text=ASKED).status_code == 302
    files = app.extensions["sawt.admin"]().files
    forwarding = store.get_forwarding(reference, "cnss")

    class WritingMeanwhile:
        def __init__(self):
            self.done = False

        def discard(self, upload):
            files.discard(upload)
            if not self.done:
                self.done = True
                Workflow(store, config).add_note(store.get_grievance(reference), "officer@example.ma", "Appeler Mme X")
                ForwardingService(store, config, files=files).answer(forwarding, "bureau@cnss.ma", "CIN AB123456")

    retention = Retention(store, WritingMeanwhile(), load_secret(config), config)
    assert retention.anonymise(reference, None)
    bodies = str([e.body for e in store.list_events(reference)])
    assert "Appeler" not in bodies and "AB123456" not in bodies
    assert [f.text for f in store.list_forwardings(reference)] == [""]


def test_a_forward_that_read_the_file_before_it_ended_is_refused(journey, config):
    from functions.cases.domain_errors import InvalidInputError

    _app, store, _receipt, reference, _documents = journey
    stale = store.get_grievance(reference)
    close(store, config, reference)
    with pytest.raises(InvalidInputError):
        ForwardingService(store, config).forward(stale, "officer@example.ma", "cnss", ASKED, [], set())
    assert store.list_forwardings(reference) == []


def test_words_in_every_script_with_their_joiners_are_kept(journey):
    app, store, _receipt, reference, _documents = journey
    staff = sign_in(app, "officer@example.ma")
    text = "رسالة\u200cمهمة 👨\u200d👩\u200d👧\tⴰⵣⵓⵍ\r\nsuite"
    assert post(staff, reference, "note", text=text).status_code == 302
    (note,) = [e for e in store.list_events(reference) if e.kind == "note"]
    assert note.body["text"] == text.replace("\r\n", "\n")
