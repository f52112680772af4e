"""What a voice recording's bytes must start with: the containers phones' MediaRecorder writes.

`filetype` knows WebM, Ogg and MP4 only loosely (any Ogg, any ISO file); a recording must be the
real thing, so each container is read a little further than its magic number:

- WebM: the EBML header (`1A 45 DF A3`) whose DocType element (`42 82`) says `webm`;
- Ogg: a first page (`OggS`, version 0, beginning of stream) whose first packet is an Opus head;
- MP4: an ISO base media file whose first box is `ftyp`, with an audio-capable brand among its
  major and compatible brands (`M4A `, or the generic ISO brands Safari and Chrome write).

Nothing is decoded or transcoded: the server keeps the bytes as they came.
"""

import re

VOICE_TYPES = ("audio/webm", "audio/ogg", "audio/mp4")
# The DocType element inside the EBML header, whose length is one byte (0x80 | n) in every writer.
_WEBM_DOCTYPE = re.compile(rb"\x42\x82[\x84\x88]webm")
_MP4_BRANDS = frozenset({b"M4A ", b"M4B ", b"mp41", b"mp42", b"isom", b"iso2", b"iso5", b"iso6", b"dash"})


def _webm(start: bytes) -> bool:
    return start[:4] == b"\x1a\x45\xdf\xa3" and _WEBM_DOCTYPE.search(start[:64]) is not None


def _ogg_opus(start: bytes) -> bool:
    # Page header: "OggS", version 0, header type 2 (beginning of stream), 27 bytes, then the segment table.
    if len(start) < 28 or start[:4] != b"OggS" or start[4] != 0 or not start[5] & 0x02:
        return False
    packet = 27 + start[26]
    return start[packet : packet + 8] == b"OpusHead"


def _mp4_audio(start: bytes) -> bool:
    if len(start) < 16 or start[4:8] != b"ftyp":
        return False
    box = int.from_bytes(start[:4], "big")
    if box < 16 or box % 4 or box > len(start):
        return False
    brands = [start[8:12]] + [start[i : i + 4] for i in range(16, box, 4)]
    return any(brand in _MP4_BRANDS for brand in brands)


def voice_type(start: bytes) -> str | None:
    """The recording's type read from its first bytes, or None when it is not a recording we accept."""
    if _webm(start):
        return "audio/webm"
    if _ogg_opus(start):
        return "audio/ogg"
    if _mp4_audio(start):
        return "audio/mp4"
    return None
