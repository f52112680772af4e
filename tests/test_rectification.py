"""The right of rectification (law 09-08) through the admin, on both backends: staff correct the
complainant's details with a reason, validated by the filing's own rules; the search finds the new
value and not the old; the audit names the fields, never the values; the complainant's track page
says which details were corrected, never what they hold."""

import json

import pytest

from functions.cases import rectification
from functions.cases.search_tokens import query_tokens
from tests.admin_helpers import csrf_of, sign_in
from tests.case_helpers import FAMILY_NAME, file_with_documents, staff_app, visible_text

OLD_EMAIL, NEW_EMAIL = "fatima.elamrani@example.org", "fatima.benali@example.net"


@pytest.fixture
def world(public_app, config):
    app, store = staff_app(config)
    public = public_app.test_client()
    receipt = file_with_documents(public)[0]
    return public, app, store, receipt, receipt["reference"].replace("-", "")


def correct(staff, reference, **form):
    csrf = csrf_of(staff.get(f"/admin/grievances/{reference}/correct"))
    return staff.post(f"/admin/grievances/{reference}/correct", data={"csrf": csrf, **form})


def found(app, store, query):
    secret = app.extensions["sawt.admin"]().secret
    return store.find_by_tokens(query_tokens(secret, query), 10)


def test_a_correction_changes_the_field_the_search_and_the_citizen_sees_an_entry(world):
    public, app, store, receipt, reference = world
    staff = sign_in(app, "officer@example.ma")
    form = staff.get(f"/admin/grievances/{reference}/correct").get_data(as_text=True)
    assert OLD_EMAIL in form and FAMILY_NAME in form  # the present values, to correct in place
    assert found(app, store, OLD_EMAIL) == [reference] and found(app, store, FAMILY_NAME) == [reference]

    done = correct(staff, reference, email=NEW_EMAIL, family_name="Benali", city="Lyon",
                   reason="Lettre de la personne du 2 décembre")  # fmt: skip
    assert done.status_code == 302 and done.headers["Location"].endswith("done=correct_details")
    contact = store.get_grievance(reference).payload["complainant"]
    assert (contact["email"], contact["family_name"], contact["city"]) == (NEW_EMAIL, "Benali", "Lyon")
    assert contact["phone"] == "+33612345678"  # what was not corrected stays
    assert found(app, store, NEW_EMAIL) == [reference] and found(app, store, "benali") == [reference]
    assert found(app, store, OLD_EMAIL) == [] and found(app, store, FAMILY_NAME) == []

    entries = store.list_audit(None, "correct_details", reference, None, 5)
    assert [(e.staff_id, e.detail) for e in entries] == [("officer@example.ma", {"fields": ["family_name", "email"]})]
    logged = json.dumps([vars(e) for e in store.list_audit(None, None, reference, None, 50)])
    assert NEW_EMAIL not in logged and OLD_EMAIL not in logged and "Benali" not in logged

    view = public.post("/api/track", json={k: receipt[k] for k in ("reference", "tracking_code")}).get_json()
    corrections = [e for e in view["timeline"] if e["kind"] == "correction"]
    assert [(e["fields"], e["by"], e["message"]) for e in corrections] == [(["family_name", "email"], "staff", None)]
    assert NEW_EMAIL not in json.dumps(view) and "Lettre de la personne" not in json.dumps(view)
    page = public.post("/api/track", data={k: receipt[k] for k in ("reference", "tracking_code")},
                       headers={"Accept-Language": "fr"})  # fmt: skip
    text = visible_text(page.get_data(as_text=True))
    assert "Vos coordonnées ont été corrigées\u00a0: Nom de famille et Adresse e-mail." in text, text
    assert NEW_EMAIL not in text

    file_page = visible_text(staff.get(f"/admin/grievances/{reference}").get_data(as_text=True))
    assert "Coordonnées corrigées" in file_page and "Lettre de la personne du 2 décembre" in file_page


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"email": "fatima@", "reason": "Lettre"}, "Adresse e-mail"),
        ({"email": "", "phone": "", "reason": "Lettre"}, "Adresse e-mail"),  # no way left to reach the person
        ({"family_name": "", "reason": "Lettre"}, "Nom de famille"),
        ({"city": "x" * 101, "reason": "Lettre"}, "Ville"),
        ({"email": NEW_EMAIL, "reason": "  "}, "Motif"),
    ],
)
def test_bad_input_is_refused_with_a_translated_error_and_nothing_changes(world, form, message):
    _public, app, store, _receipt, reference = world
    before, events = store.get_grievance(reference), store.list_events(reference)
    staff = sign_in(app, "officer@example.ma")
    refused = correct(staff, reference, **form)
    assert refused.status_code == 422
    text = visible_text(refused.get_data(as_text=True))
    assert "Un problème a été détecté" in text and message in text, text
    assert store.get_grievance(reference) == before and store.list_events(reference) == events
    assert not store.list_audit(None, "correct_details", reference, None, 5)


def test_nothing_to_correct_is_said_and_leaves_no_entry(world):
    _public, app, store, _receipt, reference = world
    events = store.list_events(reference)
    staff = sign_in(app, "officer@example.ma")
    same = correct(staff, reference, email=f"  {OLD_EMAIL} ", reason="Lettre")
    assert same.status_code == 422 and "Rien n'a été corrigé" in visible_text(same.get_data(as_text=True))
    assert store.list_events(reference) == events


def test_two_corrections_from_the_same_reading_both_stand(world):
    """No lost update: the second, made from a stale copy, is written over the file as it is now."""
    _public, app, store, _receipt, reference = world
    secret = app.extensions["sawt.admin"]().secret
    read = store.get_grievance(reference)
    rectification.correct(store, secret, read, "a@example.ma", {"email": NEW_EMAIL}, "Lettre")
    stale = store.get_grievance(reference)
    assert not store.correct_payload(reference, read.payload, {**read.payload, "x": 1}, store.list_events(reference)[0],
                                     (), ())  # fmt: skip
    assert store.get_grievance(reference) == stale  # a write from a stale form is refused whole
    rectification.correct(store, secret, read, "b@example.ma", {"phone": "+212 612 34 56 78"}, "Appel")
    contact = store.get_grievance(reference).payload["complainant"]
    assert (contact["email"], contact["phone"]) == (NEW_EMAIL, "+212612345678")  # stored as the filing stores it
    assert found(app, store, NEW_EMAIL) == [reference] and found(app, store, "+212612345678") == [reference]
    assert found(app, store, "+33612345678") == []


def test_an_anonymised_file_has_nothing_to_correct(world):
    _public, app, store, _receipt, reference = world
    secret = app.extensions["sawt.admin"]().secret
    grievance = store.get_grievance(reference)
    assert store.anonymise(reference, None, "2026-01-01T00:00:00.000000Z", [], (), ())
    with pytest.raises(rectification.CorrectionConflictError):
        rectification.correct(store, secret, grievance, "a@example.ma", {"email": NEW_EMAIL}, "Lettre")
    staff = sign_in(app, "officer@example.ma")
    assert correct(staff, reference, email=NEW_EMAIL, reason="Lettre").status_code == 409
    assert list(store.get_grievance(reference).payload) == ["anonymised_at"]
