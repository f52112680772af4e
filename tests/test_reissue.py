"""A lost tracking code: a new one by e-mail (always 202, nothing to enumerate), the old code working
until the new one is used, a replay of the filing unchanged, limits, the audit, the page without
JavaScript — on both backends (the `client` fixture runs each test on SQLite and on moto)."""

import email
import email.policy
import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from functions.cases.notifications import FolderMailer, dispatch
from functions.cases.reissue import ReissueService, same_email
from functions.cases.tracking_codes import hash_tracking_code, seal, unseal
from functions.platform.config import Config
from functions.public.app import create_app
from schemas.identifiers import check_character
from tests.factories import grievance, key, pinned_clock

EMAIL = "fatima.elamrani@example.org"
CODE = re.compile(r"[2-9A-HJ-NP-Z]{4}(?:-[2-9A-HJ-NP-Z]{4}){3}")


def file(client, **changes):
    body, k = grievance(**changes), key()
    receipt = client.post("/api/grievances", json=body, headers={"Idempotency-Key": k})
    assert receipt.status_code == 201
    return receipt.get_json(), body, k


def track(client, reference, code):
    return client.post("/api/track", json={"reference": reference, "tracking_code": code})


def reissue(client, reference, address, **headers):
    return client.post("/api/tracking-codes/reissue", json={"reference": reference, "email": address}, headers=headers)


def services(public_app):
    return public_app.extensions["sawt.service"]()


def emails(public_app, folder):
    """Send what is due into a folder (the local outbox), and read every message there."""
    dispatch(
        services(public_app).store, FolderMailer(folder, "Sawt <no-reply@sawt.invalid>"), public_app.config["SAWT"]
    )
    found = sorted(folder.glob("*.eml")) if folder.exists() else []
    return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default) for p in found]


def new_code(message) -> str:
    (code,) = CODE.findall(message.get_body(preferencelist=("plain",)).get_content())
    return code


def test_a_match_sends_a_new_code_and_the_old_one_works_until_the_new_one_is_used(client, public_app, tmp_path):
    receipt, body, k = file(client, complainant__language="fr")
    ref, old = receipt["reference"], receipt["tracking_code"]
    emails(public_app, tmp_path / "receipts")  # the confirmation of the filing, out of the way
    answer = reissue(client, ref, "  Fatima.ElAmrani@Example.ORG ")  # case and spaces never matter
    assert answer.status_code == 202 and answer.get_json() == {"ok": True, "status": "accepted"}
    (message,) = emails(public_app, tmp_path / "outbox")
    assert message["To"] == EMAIL and message["Subject"] == "Votre nouveau code de suivi"
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert ref in text and "/fr/track/" in text and "El Amrani" not in text and old not in text
    code = new_code(message)
    assert code != old
    store = services(public_app).store
    assert dispatch(store, FolderMailer(tmp_path / "more", "x@sawt.invalid"), public_app.config["SAWT"]) == 0
    assert store.get_grievance(ref.replace("-", "")).pending_code_sealed is None  # sent: the seal is wiped
    assert track(client, ref, old).status_code == 200  # still works: the new code was not used yet
    assert track(client, ref, code).status_code == 200  # first use of the new code...
    assert track(client, ref, old).status_code == 404  # ...and the old one stops
    assert track(client, ref, code).status_code == 200
    # The phone resending the filing gets its receipt back unchanged (the receipt it already holds).
    replay = client.post("/api/grievances", json=body, headers={"Idempotency-Key": k})
    assert replay.status_code == 201 and replay.get_json()["tracking_code"] == old


def test_no_match_and_no_file_answer_exactly_like_a_match(client, public_app, tmp_path):
    receipt, _, _ = file(client)
    ref = receipt["reference"]
    emails(public_app, tmp_path / "receipts")
    answers = [
        reissue(client, ref, EMAIL),
        reissue(client, ref, "someone.else@example.org"),
        reissue(client, "K7M-QX4-RTU", EMAIL),  # a well-formed reference of no file
    ]
    assert {a.status_code for a in answers} == {202}
    assert len({(a.data, tuple(sorted(a.headers.items()))) for a in answers}) == 1
    assert len(emails(public_app, tmp_path / "outbox")) == 1  # only the match sent anything
    grievance_now = services(public_app).store.get_grievance(ref.replace("-", ""))
    assert grievance_now.pending_tracking_hash is not None


def test_a_file_without_email_never_gets_a_code_by_email(client, public_app, tmp_path):
    receipt, _, _ = file(client, complainant__email=None, complainant__preferred_contact="phone")
    assert reissue(client, receipt["reference"], EMAIL).status_code == 202
    assert emails(public_app, tmp_path / "outbox") == []
    assert services(public_app).store.get_grievance(receipt["reference"].replace("-", "")).pending_tracking_hash is None


def test_a_later_request_replaces_an_unused_new_code(client, public_app, tmp_path):
    receipt, _, _ = file(client)
    ref, old = receipt["reference"], receipt["tracking_code"]
    emails(public_app, tmp_path / "receipts")
    reissue(client, ref, EMAIL)
    (first,) = emails(public_app, tmp_path / "one")
    reissue(client, ref, EMAIL)
    (second,) = emails(public_app, tmp_path / "two")
    assert track(client, ref, new_code(first)).status_code == 404  # replaced before it was used
    assert track(client, ref, new_code(second)).status_code == 200
    assert track(client, ref, old).status_code == 404


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({"reference": "K7M-QX4-RTU"}, "email", "required"),
        ({"email": EMAIL}, "reference", "required"),
        ({"reference": "K7M-QX4", "email": EMAIL}, "reference", "invalid_reference"),
        ({"reference": "K7M-QX4-RTU", "email": "not an address"}, "email", "invalid_email"),
        ({"reference": "K7M-QX4-RTU", "email": EMAIL, "tracking_code": "x"}, "tracking_code", "unknown_field"),
    ],
)
def test_bad_input_is_a_translated_422(client, body, field, code):
    answer = client.post("/api/tracking-codes/reissue", json=body, headers={"Accept-Language": "ar"})
    assert answer.status_code == 422
    (error,) = [e for e in answer.get_json()["errors"] if e["field"] == field]
    assert error["code"] == code and error["message"] and not error["message"].isascii()


def test_a_reference_with_a_wrong_check_character_is_one_that_exists_nowhere(client):
    """The check character is public: a wrong one is answered like any unknown reference (202)."""
    answer = client.post("/api/tracking-codes/reissue", json={"reference": "K7M-QX4-RTV", "email": EMAIL})
    assert answer.status_code == 202


def test_a_body_over_the_limit_is_413(client):
    answer = client.post("/api/tracking-codes/reissue", json={"reference": "K7M-QX4-RTU", "email": "a" * 300_000})
    assert answer.status_code == 413


def test_malformed_json_is_400(client):
    answer = client.post("/api/tracking-codes/reissue", data="{", content_type="application/json")
    assert answer.status_code == 400


def limited_client(config, monkeypatch, **settings):
    """An app whose clock stays inside one window (a slow machine never straddles its end)."""
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    return create_app(Config.from_env(), clock=pinned_clock()).test_client()


def test_requests_are_limited_per_reference(config, monkeypatch):
    client = limited_client(config, monkeypatch, SAWT_REISSUES_PER_REFERENCE="3")
    receipt, _, _ = file(client)
    answers = [reissue(client, receipt["reference"], f"x{i}@example.org").status_code for i in range(4)]
    assert answers == [202, 202, 202, 429]
    refused = reissue(client, receipt["reference"], EMAIL)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert reissue(client, "K7M-QX4-RTU", EMAIL).status_code == 202  # another file's window is its own


def test_requests_are_limited_per_client(config, monkeypatch):
    client = limited_client(config, monkeypatch, SAWT_REISSUES_PER_CLIENT="2")
    references = [body + check_character(body) for body in ("23456789", "ABCDEFGH", "JKLMNPQR")]
    assert [reissue(client, r, EMAIL).status_code for r in references] == [202, 202, 429]


def test_every_request_is_audited_without_personal_data(client, public_app):
    receipt, _, _ = file(client)
    reissue(client, receipt["reference"], EMAIL, **{"X-Forwarded-For": "203.0.113.9"})
    reissue(client, receipt["reference"], "other@example.org")
    store = services(public_app).store
    entries = store.list_audit(None, "tracking_code.reissue_requested", None, None, 10)
    assert [e.detail for e in entries] == [{"by": "email", "matched": False}, {"by": "email", "matched": True}]
    for entry in entries:
        assert entry.target == receipt["reference"].replace("-", "") and entry.staff_id == "complainant"
        assert entry.address is None
        assert "example.org" not in repr(entry) and "203.0.113" not in repr(entry)


def test_the_page_without_javascript(client, public_app, tmp_path):
    receipt, _, _ = file(client, complainant__language="ar")
    emails(public_app, tmp_path / "receipts")
    form = {"lang": "fr", "reference": receipt["reference"], "email": ""}
    refused = client.post("/api/tracking-codes/reissue", data=form)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert "Saisissez l’adresse e-mail que vous avez donnée en envoyant votre réclamation." in page
    assert receipt["reference"] in page  # what was typed is kept
    sent = client.post("/api/tracking-codes/reissue", data={**form, "email": EMAIL})
    other = client.post("/api/tracking-codes/reissue", data={**form, "email": "x@example.org"})
    assert sent.status_code == other.status_code == 202 and sent.data == other.data
    assert "Consultez votre messagerie" in sent.get_data(as_text=True)
    (message,) = emails(public_app, tmp_path / "outbox")
    assert message["Subject"] == "رمز التتبع الجديد الخاص بكم"  # the person's language, not the page's


def test_staff_code_is_never_sealed_and_replaces_the_old_one_once_used(client, public_app):
    receipt, _, _ = file(client)
    ref = receipt["reference"].replace("-", "")
    service = services(public_app)
    code = ReissueService(service.store, service.follow_up.secret, public_app.config["SAWT"]).by_staff(
        ref, "agent@example.ma", "198.51.100.7"
    )
    stored = service.store.get_grievance(ref)
    assert stored.pending_code_sealed is None and stored.pending_tracking_hash == hash_tracking_code(code)
    assert track(client, receipt["reference"], code).status_code == 200
    assert track(client, receipt["reference"], receipt["tracking_code"]).status_code == 404
    (entry,) = service.store.list_audit(None, "tracking_code.reissued_by_staff", None, None, 10)
    assert entry.staff_id == "agent@example.ma" and entry.target == ref and entry.detail == {}


def test_the_seal_opens_only_with_the_secret_and_the_right_hash():
    secret, other = b"s" * 32, b"t" * 32
    code = "ABCDEFGHJKLMNPQR"
    sealed = seal(secret, code)
    assert code not in sealed and unseal(secret, sealed, hash_tracking_code(code)) == code
    assert unseal(other, sealed, hash_tracking_code(code)) is None


@pytest.mark.parametrize(
    ("given", "stored", "same"),
    [(EMAIL, EMAIL, True), (" FATIMA.elamrani@EXAMPLE.org", EMAIL, True), (EMAIL, None, False),
     ("", "", False), ("fatima.elamrani@example.or", EMAIL, False)],
)  # fmt: skip
def test_addresses_compare_as_people_mean_them(given, stored, same):
    assert same_email(b"k" * 32, given, stored) is same


def test_two_first_uses_of_the_new_code_at_once_both_open_the_file(client, public_app):
    """The promotion is one conditional write: the loser of the race reads the file again and finds
    the new code already its code (never a 404 for the right code, never the old code kept)."""
    receipt, _, _ = file(client)
    ref = receipt["reference"].replace("-", "")
    service = services(public_app)
    code = ReissueService(service.store, service.follow_up.secret, public_app.config["SAWT"]).by_staff(
        ref, "agent@example.ma", None
    )
    start = threading.Barrier(4)

    def first_use(_):
        start.wait()
        return public_app.test_client().post("/api/track", json={"reference": ref, "tracking_code": code}).status_code

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(first_use, range(4))) == [200] * 4
    stored = service.store.get_grievance(ref)
    assert stored.tracking_hash == hash_tracking_code(code) and stored.pending_tracking_hash is None
    assert track(client, receipt["reference"], receipt["tracking_code"]).status_code == 404
