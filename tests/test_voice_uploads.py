"""Voice recordings, on both backends: kind "voice", read by their container's signature, held to a
recording's size, and a description told in a recording instead of written."""

import struct
from pathlib import Path

import pytest

from functions.cases.voice_signatures import voice_type
from schemas.uploads import MAX_VOICE_BYTES
from tests.factories import grievance, key
from tests.test_attachments import PDF, ask, files_of, put_bytes, upload
from tests.test_verified_files import stored_bytes

# The EBML header Chrome's MediaRecorder writes (DocType "webm"), then the start of a Segment.
WEBM = bytes.fromhex("1a45dfa39f4286810142f7810142f2810442f381084282847765626d4287810442858102") + (
    b"\x18\x53\x80\x67\x01\xff\xff\xff\xff\xff\xff\xff" + b"\x00" * 64
)
MATROSKA = WEBM.replace(b"\x84webm", b"\x88matroska"[:5], 1)  # a video container's DocType, not webm
OPUS_HEAD = b"OpusHead\x01\x01\x38\x01\x80\xbb\x00\x00\x00\x00\x00"  # version 1, mono, 48 kHz
OGG_OPUS = b"OggS\x00\x02" + b"\x00" * 8 + b"\x01\x00\x00\x00" + b"\x00" * 8 + b"\x01" + bytes([len(OPUS_HEAD)])
OGG_OPUS += OPUS_HEAD + b"\x00" * 64
OGG_VORBIS = OGG_OPUS.replace(b"OpusHead", b"\x01vorbis\x00")
M4A = struct.pack(">I", 28) + b"ftypM4A \x00\x00\x00\x00M4A mp42isom" + b"\x00\x00\x00\x08free" + b"\x00" * 64
RECORDED = Path(__file__).with_name("fixtures") / "voice" / "chromium.webm"  # 7 s from Chromium's recorder
# A WebM whose one block is 6 minutes in: small in bytes, too long in time.
SIX_MINUTES = WEBM[: WEBM.index(b"\x18\x53\x80\x67")] + bytes.fromhex(
    "18538067 01ffffffffffffff 1549a966 87 2ad7b183 0f4240 1f43b675 01ffffffffffffff e783 057e40 a385 81 0000 80 00"
)  # Segment, Info (TimecodeScale 1 ms), Cluster at 360,000 ms, a SimpleBlock
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64


def voice(client, filing, body, **changes):
    return upload(client, filing, body, **{"kind": "voice", "type": "audio/webm", "name": "voice.webm", **changes})


@pytest.mark.parametrize(
    "body, expected",
    [(WEBM, "audio/webm"), (OGG_OPUS, "audio/ogg"), (M4A, "audio/mp4"), (MATROSKA, None), (OGG_VORBIS, None),
     (HEIC, None), (PDF, None), (b"\x1a\x45\xdf\xa3", None), (b"OggS", None), (b"", None)],
)  # fmt: skip
def test_each_container_is_read_past_its_magic_number(body, expected):
    assert voice_type(body[:262]) == expected


@pytest.mark.parametrize("body, mime", [(WEBM, "audio/webm"), (OGG_OPUS, "audio/ogg"), (M4A, "audio/mp4")])
def test_a_recording_is_verified_by_its_bytes_and_kept_as_it_came(client, public_app, body, mime):
    filing = key()
    upload_id, verified = voice(client, filing, body, type=mime)
    assert verified.status_code == 200, verified.get_json()
    assert verified.get_json()["kind"] == "voice" and verified.get_json()["type"] == mime
    services = public_app.extensions["sawt.service"]()
    assert stored_bytes(services, services.attachments.store.get_upload(upload_id)) == body  # never transcoded


@pytest.mark.parametrize(
    "changes, field, code",
    [
        ({"kind": "voice", "type": "application/pdf"}, "type", "not_a_recording"),
        ({"kind": "decision", "type": "audio/webm"}, "type", "unsupported_type"),
        ({"kind": "voice", "type": "audio/mpeg"}, "type", "unsupported_type"),
        ({"kind": "voice", "type": "audio/ogg", "size": MAX_VOICE_BYTES + 1}, "size", "recording_too_long"),
    ],
)
def test_refused_before_any_byte_is_sent(client, changes, field, code):
    answer = ask(client, key(), **changes)
    assert answer.status_code == 422
    error = answer.get_json()["errors"][0]
    assert (error["field"], error["code"]) == (field, code)
    assert error["message"] and error["message"] != code  # said in words, in French here


@pytest.mark.parametrize("body", [PDF, HEIC, MATROSKA, OGG_VORBIS])
def test_bytes_that_are_not_a_recording_are_refused_and_deleted(client, public_app, body):
    upload_id, verified = voice(client, key(), body)
    assert verified.status_code == 422
    assert verified.get_json()["errors"][0]["code"] == "not_a_recording"
    attachments = files_of(public_app)
    stored = attachments.store.get_upload(upload_id)
    assert stored.status == "rejected" and attachments.files.head(stored, 10) is None


def test_a_recording_is_not_a_document_either(client):
    """A recording sent as a document is refused by its bytes, whatever it was declared as."""
    _id, verified = upload(client, key(), WEBM, kind="other", type="image/jpeg", name="a.jpg")
    assert verified.get_json()["errors"][0]["code"] == "file_not_what_it_claims"


def test_a_recording_over_the_ceiling_is_refused(client, public_app):
    filing = key()
    body = WEBM + b"\x00" * (MAX_VOICE_BYTES + 10 - len(WEBM))
    target = ask(client, filing, kind="voice", type="audio/webm", size=MAX_VOICE_BYTES, name="v.webm").get_json()
    assert target["max_bytes"] == MAX_VOICE_BYTES
    if target["url"].startswith("http"):
        put_bytes(client, target, body)
        verified = client.post(f"/api/uploads/{target['upload_id']}/verify")
        assert verified.get_json()["errors"][0]["code"] == "recording_too_long"
    else:
        assert put_bytes(client, target, body) == 413  # the local link stops at the ceiling
    assert files_of(public_app).files.head(files_of(public_app).store.get_upload(target["upload_id"]), 1) is None


def file(client, filing, **changes):
    return client.post("/api/grievances", json=grievance(**changes), headers={"Idempotency-Key": filing})


def test_a_recording_stands_in_for_the_written_description(client, public_app):
    filing = key()
    upload_id, _ = voice(client, filing, WEBM)
    filed = file(client, filing, description=..., description_recorded=True, attachments=[upload_id])
    assert filed.status_code == 201, filed.get_json()
    stored = files_of(public_app).store.get_upload(upload_id)
    assert stored.status == "attached" and stored.kind == "voice"


def test_without_a_recording_the_description_is_required(client):
    missing = file(client, key(), description=...)
    assert [(e["field"], e["code"]) for e in missing.get_json()["errors"]] == [("description", "required")]
    # Saying it is recorded is not enough: the recording must be attached, and be a recording.
    filing = key()
    pdf_id, _ = upload(client, filing, PDF)
    claimed = file(client, filing, description=..., description_recorded=True, attachments=[pdf_id])
    assert claimed.status_code == 422
    assert [(e["field"], e["code"]) for e in claimed.get_json()["errors"]] == [("description", "recording_missing")]
    assert files_of(client.application).store.get_upload(pdf_id).status == "verified"  # nothing changed
    short = file(client, key(), description="too short", description_recorded=True)
    assert short.get_json()["errors"][0]["code"] == "too_short"  # a written one is still a description


def test_three_recordings_per_filing(client):
    filing = key()
    ids = [voice(client, filing, OGG_OPUS, type="audio/ogg")[0] for _ in range(4)]
    refused = file(client, filing, description=..., description_recorded=True, attachments=ids)
    assert refused.status_code == 422
    assert refused.get_json()["errors"][0]["code"] == "too_many_recordings"
    accepted = file(client, filing, description=..., description_recorded=True, attachments=ids[:3])
    assert accepted.status_code == 201


def test_staff_listen_in_the_file_page_with_the_previews_safe_headers_and_it_is_audited(public_app, config):
    from tests.admin_helpers import sign_in
    from tests.case_helpers import staff_app

    client = public_app.test_client()
    filing = key()
    upload_id, _ = voice(client, filing, OGG_OPUS, type="audio/ogg", name="voice-1.ogg")
    receipt = file(client, filing, description=..., description_recorded=True, attachments=[upload_id]).get_json()
    reference = receipt["reference"].replace("-", "")
    app, store = staff_app(config)
    staff = sign_in(app, "officer@example.ma")
    page = staff.get(f"/admin/grievances/{reference}").get_data(as_text=True)
    assert f'<audio controls preload="none" src="/admin/grievances/{reference}/documents/{upload_id}/preview"' in page
    assert "Ogg (Opus), 1 KB" in page and f'/documents/{upload_id}"' in page  # size, and the download
    heard = staff.get(f"/admin/grievances/{reference}/documents/{upload_id}/preview")
    assert heard.status_code == 200 and heard.mimetype == "audio/ogg" and heard.data == OGG_OPUS
    assert heard.headers["Content-Security-Policy"].startswith("sandbox;")
    assert heard.headers["X-Content-Type-Options"] == "nosniff"
    assert [e.detail["upload"] for e in store.list_audit(None, "preview", reference, None, 10)] == [upload_id]


def test_an_answer_to_staff_can_be_told_in_a_recording(client, public_app):
    from tests.test_follow_up import file as filed_for
    from tests.test_follow_up import staff_asks

    receipt = filed_for(client)
    staff_asks(public_app, receipt)
    ref, code = receipt["reference"].replace("-", ""), receipt["tracking_code"]

    def answer(body, answer_key):
        return client.post(f"/api/grievances/{ref}/replies", json={"tracking_code": code, **body},
                           headers={"Idempotency-Key": answer_key})  # fmt: skip

    silent = answer({}, key())
    assert [(e["field"], e["code"]) for e in silent.get_json()["errors"]] == [("text", "required")]
    from functions.platform.i18n import translations

    said = {translations(lang).gettext("Write your answer.") for lang in ("ar", "fr", "en")}
    assert silent.get_json()["errors"][0]["message"] in said  # what to do, not "This is required"
    pdf_key = key()
    pdf_id, _ = upload(client, pdf_key, PDF)
    claimed = answer({"text_recorded": True, "attachments": [pdf_id]}, pdf_key)  # a document is no recording
    assert [(e["field"], e["code"]) for e in claimed.get_json()["errors"]] == [("text", "answer_recording_missing")]
    assert files_of(public_app).store.get_upload(pdf_id).status == "verified"  # nothing changed
    spoken_key = key()
    ids = [voice(client, spoken_key, OGG_OPUS, type="audio/ogg")[0] for _ in range(4)]
    too_many = answer({"text_recorded": True, "attachments": ids}, spoken_key)
    assert too_many.get_json()["errors"][0]["code"] == "too_many_recordings"
    told = answer({"text_recorded": True, "attachments": ids[:1]}, spoken_key)
    assert told.status_code == 201, told.get_json()
    assert files_of(public_app).store.get_upload(ids[0]).status == "attached"
    timeline = client.post("/api/track", json={"reference": ref, "tracking_code": code}).get_json()["timeline"]
    assert timeline[-1]["kind"] == "reply" and timeline[-1]["documents"] == 1


def test_a_real_recording_is_kept_with_its_length_and_staff_see_it(public_app, config):
    from tests.admin_helpers import sign_in
    from tests.case_helpers import staff_app

    client, filing = public_app.test_client(), key()
    upload_id, verified = voice(client, filing, RECORDED.read_bytes(), name="voice-1.webm")
    assert verified.status_code == 200, verified.get_json()
    assert files_of(public_app).store.get_upload(upload_id).duration == 7
    receipt = file(client, filing, description=..., description_recorded=True, attachments=[upload_id]).get_json()
    reference = receipt["reference"].replace("-", "")
    app, _store = staff_app(config)
    page = sign_in(app, "officer@example.ma").get(f"/admin/grievances/{reference}").get_data(as_text=True)
    assert '<bdi>WebM (Opus), durée <time datetime="PT0M7S">0:07</time>, 18 KB</bdi>' in page


def test_a_recording_longer_than_five_minutes_is_refused_and_deleted(client, public_app):
    from functions.cases.voice_duration import duration_seconds

    assert duration_seconds(SIX_MINUTES, "audio/webm") == 360
    upload_id, verified = voice(client, key(), SIX_MINUTES)
    assert verified.status_code == 422
    assert verified.get_json()["errors"][0]["code"] == "recording_too_long"
    stored = files_of(public_app).store.get_upload(upload_id)
    assert stored.status == "rejected" and files_of(public_app).files.head(stored, 10) is None
