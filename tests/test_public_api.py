"""The fixed HTTP contract of DESIGN.md §4, on both backends, through the Flask app."""

import pytest

from schemas.identifiers import is_valid_reference, normalise_code
from tests.factories import grievance, key, pinned_clock


def post(client, body, idempotency_key=None, language=None):
    headers = {}
    if idempotency_key:
        headers["Idempotency-Key"] = idempotency_key
    if language:
        headers["Accept-Language"] = language
    return client.post("/api/grievances", json=body, headers=headers)


def assert_error_shape(response, status, codes):
    body = response.get_json()
    assert response.status_code == status
    assert body["ok"] is False and body["status"] == status
    assert [e["code"] for e in body["errors"]] == codes
    for item in body["errors"]:
        assert set(item) == {"field", "code", "message"} and item["message"]
    assert b"Traceback" not in response.data


def test_filing_returns_a_receipt(client):
    response = post(client, grievance(), key())
    assert response.status_code == 201
    body = response.get_json()
    assert body["status"] == "received"
    assert is_valid_reference(normalise_code(body["reference"]))
    assert len(normalise_code(body["tracking_code"])) == 16
    assert response.headers["Cache-Control"] == "no-store"


def test_replay_returns_the_same_receipt_and_stores_once(client, public_app):
    k = key()
    first = post(client, grievance(), k).get_json()
    again = post(client, grievance(), k)
    assert again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.get_json() == first
    store = public_app.extensions["sawt.service"]().store
    assert store.read_statistics()["total"] == {"all": 1}


def test_same_key_with_another_body_is_422_and_changes_nothing(client, public_app):
    k = key()
    first = post(client, grievance(), k).get_json()
    response = post(client, grievance(subject="A different subject"), k)
    assert_error_shape(response, 422, ["idempotency_conflict"])
    store = public_app.extensions["sawt.service"]().store
    stored = store.get_grievance(normalise_code(first["reference"]))
    assert stored.payload["subject"] == grievance()["subject"]


def test_json_without_idempotency_key_is_400(client):
    assert_error_shape(post(client, grievance()), 400, ["missing_idempotency_key"])


def test_a_key_that_is_not_a_uuid_is_400(client):
    assert_error_shape(post(client, grievance(), "abc"), 400, ["invalid_idempotency_key"])


def test_tracking_code_is_stored_only_hashed(client, public_app):
    body = post(client, grievance(), key()).get_json()
    store = public_app.extensions["sawt.service"]().store
    stored = store.get_grievance(normalise_code(body["reference"]))
    code = normalise_code(body["tracking_code"])
    assert code not in repr(stored) and body["tracking_code"] not in repr(stored)


def test_track_with_the_code(client):
    receipt = post(client, grievance(), key()).get_json()
    response = client.post(
        "/api/track", json={"reference": receipt["reference"], "tracking_code": receipt["tracking_code"]}
    )
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "received" and body["reference"] == receipt["reference"]
    assert [e["status"] for e in body["timeline"]] == ["received"]
    assert "complainant" not in response.get_data(as_text=True)


def test_lower_case_and_spaces_are_accepted_when_tracking(client):
    receipt = post(client, grievance(), key()).get_json()
    sloppy = {
        "reference": receipt["reference"].lower().replace("-", " "),
        "tracking_code": receipt["tracking_code"].lower(),
    }
    assert client.post("/api/track", json=sloppy).status_code == 200


def test_wrong_code_and_unknown_reference_look_the_same(client):
    receipt = post(client, grievance(), key()).get_json()
    wrong = client.post("/api/track", json={"reference": receipt["reference"], "tracking_code": "2222-3333-4444-5555"})
    unknown = client.post("/api/track", json={"reference": "K7M-QX4-RTU", "tracking_code": receipt["tracking_code"]})
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.data == unknown.data


def test_repeated_failures_get_429_with_retry_after(config):
    from functions.public.app import create_app

    client = create_app(config, clock=pinned_clock()).test_client()  # never across a window's end
    wrong = {"reference": "K7M-QX4-RTU", "tracking_code": "2222-3333-4444-5555"}
    statuses = [client.post("/api/track", json=wrong).status_code for _ in range(11)]
    assert statuses == [404] * 10 + [429]
    limited = client.post("/api/track", json=wrong)
    assert_error_shape(limited, 429, ["rate_limited"])
    assert 0 < int(limited.headers["Retry-After"]) <= 900


def test_rate_limit_holds_across_app_instances(config):
    """Two Lambda instances share the store, not memory."""
    from functions.public.app import create_app

    client, other = (create_app(config, clock=pinned_clock()).test_client() for _ in range(2))
    wrong = {"reference": "K7M-QX4-RTU", "tracking_code": "2222-3333-4444-5555"}
    for attempt in range(10):
        (client if attempt % 2 else other).post("/api/track", json=wrong)
    assert other.post("/api/track", json=wrong).status_code == 429


@pytest.mark.parametrize(
    "language, fragment",
    [
        ("ar", "اختاروا الجهة"),
        ("fr", "Choisissez la région"),
        ("en", "Choose the region"),
        ("es", "Elija la región"),
        ("de", "Wählen Sie die Region"),
    ],
)
def test_validation_messages_follow_accept_language(client, language, fragment):
    response = post(client, grievance(region=...), key(), language=f"{language};q=0.9")
    assert_error_shape(response, 422, ["required"])
    error = response.get_json()["errors"][0]
    assert error["field"] == "region"
    assert fragment in error["message"]


def test_invalid_body_changes_nothing(client, public_app):
    post(client, grievance(consent=False), key())
    store = public_app.extensions["sawt.service"]().store
    assert store.read_statistics() == {}


def test_body_over_the_limit_is_413(client):
    response = client.post(
        "/api/grievances",
        data=b"{" + b" " * 2_000_000 + b"}",
        content_type="application/json",
        headers={"Idempotency-Key": key()},
    )
    assert_error_shape(response, 413, ["payload_too_large"])


@pytest.mark.parametrize("content_type", ["text/plain", "application/xml", "multipart/form-data; boundary=x"])
def test_other_content_types_are_415(client, content_type):
    response = client.post(
        "/api/grievances", data="hello", content_type=content_type, headers={"Idempotency-Key": key()}
    )
    assert_error_shape(response, 415, ["unsupported_media_type"])


@pytest.mark.parametrize("raw", [b"{bad", b"", b"\xff\xfe", b'{"a": }'])
def test_malformed_json_is_400(client, raw):
    response = client.post(
        "/api/grievances", data=raw, content_type="application/json", headers={"Idempotency-Key": key()}
    )
    assert_error_shape(response, 400, ["malformed_json"])


@pytest.mark.parametrize("raw", [b"[]", b"null", b"42", b'"text"'])
def test_json_that_is_not_an_object_is_422(client, raw):
    response = client.post(
        "/api/grievances", data=raw, content_type="application/json", headers={"Idempotency-Key": key()}
    )
    assert response.status_code == 422


def test_unknown_routes_and_methods_use_the_error_shape(client):
    assert_error_shape(client.get("/api/nothing"), 404, ["route_not_found"])
    assert_error_shape(client.get("/api/grievances"), 405, ["method_not_allowed"])


def test_openapi_document_is_served(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response.get_json()["openapi"].startswith("3.")


@pytest.mark.parametrize("consent", [True, False])
def test_the_partner_tag_is_kept_only_with_consent_and_only_if_known(client, public_app, consent):
    store = public_app.extensions["sawt.service"]().store
    for partner, kept in (("consulat-lyon", consent), ("a-partner-removed-since", False)):
        body = grievance(partner=partner, partner_consent=consent)
        receipt = client.post("/api/grievances", json=body, headers={"Idempotency-Key": key()})
        assert receipt.status_code == 201  # an unknown tag never costs the complainant the filing
        stored = store.get_grievance(receipt.get_json()["reference"].replace("-", ""))
        assert stored.partner == (partner if kept else None)


def test_the_key_alone_tells_whether_a_filing_arrived(client, public_app):
    """What a phone asks before taking a queued filing back to edit: an empty body with its key is
    refused as incomplete when nothing arrived, and as a conflict when a version did."""
    k = key()
    nothing = post(client, {}, k)
    assert nothing.status_code == 422
    assert "idempotency_conflict" not in [e["code"] for e in nothing.get_json()["errors"]]
    assert post(client, grievance(), k).status_code == 201  # (the key is still free afterwards)
    assert_error_shape(post(client, {}, k), 422, ["idempotency_conflict"])
    store = public_app.extensions["sawt.service"]().store
    assert store.read_statistics()["total"] == {"all": 1}


def test_the_language_of_the_filing_wins_over_the_sending_page(client, public_app):
    receipt = post(client, grievance(complainant__language="ar"), key(), language="fr").get_json()
    store = public_app.extensions["sawt.service"]().store
    assert store.get_grievance(normalise_code(receipt["reference"])).language == "ar"
