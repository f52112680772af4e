"""A recording's length read from its container: real recordings (tests/fixtures/voice, made by
Chromium's MediaRecorder and checked against ffprobe), cut or damaged ones, and crafted ones."""

import json
import random
import struct
from pathlib import Path

import pytest

from functions.cases.voice_duration import duration_seconds

FIXTURES = Path(__file__).with_name("fixtures") / "voice"
EXPECTED = json.loads((FIXTURES / "durations.json").read_text())
RECORDINGS = [("chromium.webm", "audio/webm"), ("chromium.mp4", "audio/mp4"), ("remuxed.ogg", "audio/ogg")]


@pytest.mark.parametrize("name, mime", RECORDINGS)
def test_a_real_recording_lasts_what_ffprobe_says(name, mime):
    # WebM's last block starts one Opus frame (60 ms) before the end ffprobe reports
    assert duration_seconds((FIXTURES / name).read_bytes(), mime) == pytest.approx(EXPECTED[name], abs=0.1)


@pytest.mark.parametrize("name, mime", RECORDINGS)
def test_a_cut_recording_gives_what_it_holds_and_never_more(name, mime):
    data = (FIXTURES / name).read_bytes()
    for cut in range(0, len(data), 997):
        seconds = duration_seconds(data[:cut], mime)
        assert seconds is None or 0 <= seconds <= EXPECTED[name] + 0.1


@pytest.mark.parametrize("name, mime", RECORDINGS)
def test_damaged_bytes_give_a_number_or_none_never_an_error(name, mime):
    rng = random.Random(name)  # the same damage every run
    data = (FIXTURES / name).read_bytes()
    for _ in range(300):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 12)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        seconds = duration_seconds(bytes(damaged), mime)
        assert seconds is None or 0 <= seconds < 86400


def box(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", 8 + len(body)) + kind + body


@pytest.mark.parametrize(
    "data, mime",
    [
        (box(b"moov", b"") * 1000, "audio/mp4"),
        (b"\x00\x00\x00\x00moov" * 10, "audio/mp4"),  # size 0: to the end, again and again
        (b"OggS" * 10000, "audio/ogg"),
        (b"\x18\x53\x80\x67\x01\xff\xff\xff\xff\xff\xff\xff" * 10000, "audio/webm"),  # Segments in Segments
        (bytes(4096), "audio/webm"),
        (b"", "audio/mp4"),
        (b"anything", "application/pdf"),
    ],
)
def test_crafted_containers_give_none(data, mime):
    assert duration_seconds(data, mime) is None


def test_nesting_deeper_than_a_recording_is_refused():
    nested = b""
    for _ in range(2000):  # moov in moov in moov: Python's own recursion limit is never reached
        nested = box(b"moov", nested)
    assert duration_seconds(nested, "audio/mp4") is None


def test_a_header_that_states_its_duration_is_believed():
    mvhd = box(b"mvhd", b"\x00" * 12 + struct.pack(">II", 1000, 125_000) + b"\x00" * 80)  # 125 s
    assert duration_seconds(box(b"ftyp", b"M4A \x00\x00\x00\x00") + box(b"moov", mvhd), "audio/mp4") == 125


EBML = bytes.fromhex("1a45dfa39f4286810142f7810142f2810442f381084282847765626d4287810442858102")
SEGMENT_CLUSTER = bytes.fromhex("18538067 01ffffffffffffff 1f43b675 01ffffffffffffff")


def test_an_integer_longer_than_eight_bytes_is_no_timecode():
    """A 200-byte Timecode overflowed a float (a 500), and a 500 KB one made every block's sum slow."""
    huge = b"\xe7\x01\x00\x00\x00\x00\x00\x00\xc8" + b"\x01" * 200 + bytes.fromhex("a384810000 80")
    assert duration_seconds(EBML + SEGMENT_CLUSTER + huge, "audio/webm") is None


def test_a_declared_duration_cannot_shorten_the_blocks():
    info = bytes.fromhex("1549a966 8e 2ad7b183 0f4240 4489 84") + struct.pack(">f", 10_000.0)  # "10 s"
    cluster = bytes.fromhex("1f43b675 01ffffffffffffff e783 0927c0 a384 81 0000 80")  # a block at 600 s
    data = EBML + bytes.fromhex("18538067 01ffffffffffffff") + info + cluster
    assert duration_seconds(data, "audio/webm") == 600


def test_fragments_read_their_default_sample_duration_from_trex():
    trex = box(b"trex", b"\x00" * 4 + struct.pack(">IIII", 1, 1, 960, 20) + b"\x00" * 4)  # 960 a sample, 20 bytes
    mdhd = box(b"mdhd", b"\x00" * 12 + struct.pack(">II", 48000, 0) + b"\x00" * 4)
    moov = box(b"moov", box(b"mvex", trex) + box(b"trak", box(b"mdia", mdhd)))
    tfhd = box(b"tfhd", b"\x00\x00\x00\x00" + struct.pack(">I", 1))  # no defaults of its own
    trun = box(b"trun", b"\x00\x00\x00\x00" + struct.pack(">I", 250))  # 250 samples, no durations
    data = box(b"ftyp", b"M4A \x00\x00\x00\x00") + moov + box(b"moof", box(b"traf", tfhd + trun))
    assert duration_seconds(data, "audio/mp4") == 5  # 250 × 960 / 48000


def test_an_ogg_ending_in_a_cut_page_reads_the_page_before():
    data = (FIXTURES / "remuxed.ogg").read_bytes()
    assert duration_seconds(data + b"OggS", "audio/ogg") == pytest.approx(EXPECTED["remuxed.ogg"], abs=0.1)


def test_no_time_at_all_is_no_length():
    block_before_zero = bytes.fromhex("1f43b675 01ffffffffffffff e781 00 a384 81 8000 80")  # -32768 in cluster 0
    data = EBML + bytes.fromhex("18538067 01ffffffffffffff") + block_before_zero
    assert duration_seconds(data, "audio/webm") is None
