"""How long a voice recording lasts, read from its container, for staff to see before they listen.

Phones' MediaRecorder writes no reliable duration header (Chrome's WebM has none, its MP4 is
fragmented with a zero in `mvhd`), so each container is read as a player would:

- WebM: the last block's time, i.e. the Cluster's Timecode plus the block's relative timecode, in
  units of the Info's TimecodeScale (a Duration element, when a writer gave one, is taken first);
- Ogg Opus: the granule position of the last page minus the Opus head's pre-skip, at 48 kHz
  (RFC 7845 §4);
- MP4: `mvhd`'s duration when it has one, else where the last fragment ends: its start (`tfdt`)
  plus its samples' durations (`trun`, with `tfhd`'s and `trex`'s defaults), in the audio track's
  `mdhd` timescale.

Nothing is decoded. The bytes come from a stranger: every loop advances and ends with the bytes,
every size is checked against what is left, integer elements are at most 8 bytes (a longer one
would make arithmetic on huge numbers slow), and anything that does not add up gives None (the
recording is then kept and shown without a duration, never refused for it). Where a container both
states a length and times its blocks, the longer of the two stands, so a header cannot shorten a
recording. The length is a second check and what staff read: the hard bound is the upload's 1 MiB
ceiling, since a crafted file can always hide its time from a reader that does not decode.
"""

import struct

MAX_ELEMENTS = 200_000  # a 1 MiB recording has a few thousand; a crafted one stops here

# Matroska element IDs (with their length marker bits, as written).
_SEGMENT, _CLUSTER, _BLOCK_GROUP = 0x18538067, 0x1F43B675, 0xA0
_INFO, _TIMECODE_SCALE, _DURATION = 0x1549A966, 0x2AD7B1, 0x4489
_TIMECODE, _SIMPLE_BLOCK, _BLOCK = 0xE7, 0xA3, 0xA1
_DESCEND = {_SEGMENT, _CLUSTER, _BLOCK_GROUP, _INFO}  # masters whose children matter (size may be unknown)


def duration_seconds(data: bytes, mime: str) -> float | None:
    """The recording's length in seconds, or None when its container does not say it plainly."""
    reader = {"audio/webm": _webm, "audio/ogg": _ogg_opus, "audio/mp4": _mp4}.get(mime)
    try:
        seconds = reader(data) if reader else None
    except (IndexError, ValueError, OverflowError, struct.error):
        return None
    return seconds if seconds is not None and 0 < seconds < 86400 else None  # 0 says nothing


# --- WebM ---------------------------------------------------------------------------------------


def _vint(data: bytes, at: int, keep_marker: bool) -> tuple[int, int, bool]:
    """An EBML variable-length integer at `at`: (value, length, all ones = unknown size)."""
    first = data[at]
    if first == 0:
        raise ValueError("not an EBML number")
    length = 9 - first.bit_length()
    if at + length > len(data):
        raise ValueError("cut short")
    value = int.from_bytes(data[at : at + length], "big")
    if keep_marker:
        return value, length, False
    value &= (1 << (7 * length)) - 1
    return value, length, value == (1 << (7 * length)) - 1


def _webm(data: bytes) -> float | None:
    scale, declared, cluster, last = 1_000_000, None, None, None
    at = 0
    for _ in range(MAX_ELEMENTS):
        if at >= len(data):
            break
        element, id_length, _ = _vint(data, at, keep_marker=True)
        size, size_length, unknown = _vint(data, at + id_length, keep_marker=False)
        body = at + id_length + size_length
        if element in _DESCEND:
            at = body  # read its children next, whether its size is known or not
            continue
        if unknown or body + size > len(data):
            break  # a recording cut short: what was read so far stands
        value = data[body : body + size]
        if element in (_TIMECODE_SCALE, _TIMECODE) and size > 8:
            return None  # an unsigned integer element is at most 8 bytes; a longer one is crafted
        if element == _TIMECODE_SCALE and value:
            scale = int.from_bytes(value, "big")
        elif element == _DURATION and size in (4, 8):
            declared = struct.unpack(">f" if size == 4 else ">d", value)[0]
        elif element == _TIMECODE:
            cluster = int.from_bytes(value, "big")
        elif element in (_SIMPLE_BLOCK, _BLOCK) and cluster is not None:
            _track, track_length, _ = _vint(value, 0, keep_marker=False)
            relative = struct.unpack(">h", value[track_length : track_length + 2])[0]
            last = max(last or 0, cluster + relative)
        at = body + size
    if not scale or (declared is None and last is None):
        return None
    # a declared Duration can lie: the blocks' own times count too, and the longer one stands
    return max(declared or 0, last or 0) * scale / 1e9


# --- Ogg Opus -----------------------------------------------------------------------------------


def _ogg_opus(data: bytes) -> float | None:
    head = 27 + data[26]  # the first packet, after the first page's segment table
    if data[:4] != b"OggS" or data[head : head + 8] != b"OpusHead":
        return None
    serial = data[14:18]
    pre_skip = struct.unpack("<H", data[head + 10 : head + 12])[0]
    at = data.rfind(b"OggS")
    for _ in range(MAX_ELEMENTS):
        if at <= 0:
            return None
        # the last whole page of this stream: version 0, same serial, a granule that is set
        whole = at + 27 <= len(data)  # a page cut short at the end is passed over for the one before
        granule = struct.unpack("<q", data[at + 6 : at + 14])[0] if whole else -1
        if whole and data[at + 4] == 0 and data[at + 14 : at + 18] == serial and granule >= 0:
            return max(0, granule - pre_skip) / 48000
        at = data.rfind(b"OggS", 0, at)
    return None


# --- MP4 ----------------------------------------------------------------------------------------

_CONTAINERS = {b"moov", b"trak", b"mdia", b"moof", b"traf", b"mvex"}


def _boxes(data: bytes, start: int, end: int, budget: list[int], depth: int = 0):
    """(type, body start, body end) of every box, depth first into the containers that matter
    (moov > trak > mdia, moof > traf: a few levels; a file nesting deeper is not a recording)."""
    if depth > 4:
        raise ValueError("nested too deep")
    at = start
    while at + 8 <= end:
        budget[0] -= 1
        if budget[0] < 0:
            raise ValueError("too many boxes")
        size, kind = struct.unpack(">I4s", data[at : at + 8])
        header = 8
        if size == 1:
            size, header = struct.unpack(">Q", data[at + 8 : at + 16])[0], 16
        elif size == 0:
            size = end - at  # to the end of the file
        if size < header or at + size > end:
            return  # cut short or nonsense: stop reading this level
        yield kind, at + header, at + size
        if kind in _CONTAINERS:
            yield from _boxes(data, at + header, at + size, budget, depth + 1)
        at += size


def _mp4(data: bytes) -> float | None:
    movie_scale = movie_duration = track_scale = None
    trex_default, tfhd_default, decoded, ends = 0, 0, None, 0
    for kind, body, end in _boxes(data, 0, len(data), [MAX_ELEMENTS]):
        box = data[body:end]
        version = box[0] if box else 0
        if kind in (b"mvhd", b"mdhd"):
            scale, duration = struct.unpack(">IQ", box[20:32]) if version == 1 else struct.unpack(">II", box[12:20])
            if kind == b"mvhd":
                movie_scale, movie_duration = scale, duration
            elif track_scale is None:
                track_scale = scale  # the first (only) track of a voice recording
        elif kind == b"trex":
            # version/flags, track_ID, default_sample_description_index, then default_sample_duration
            trex_default = struct.unpack(">I", box[12:16])[0]
        elif kind == b"tfhd":
            flags, fields = int.from_bytes(box[1:4], "big"), 8
            fields += 8 if flags & 0x01 else 0  # base data offset
            fields += 4 if flags & 0x02 else 0  # sample description index
            tfhd_default = struct.unpack(">I", box[fields : fields + 4])[0] if flags & 0x08 else trex_default
        elif kind == b"tfdt":  # where this fragment starts: Chrome's sample durations fall short of it
            decoded = int.from_bytes(box[4:12] if version == 1 else box[4:8], "big")
        elif kind == b"trun":
            start = ends if decoded is None else decoded
            ends, decoded = max(ends, start + _trun_duration(box, tfhd_default)), None
    declared = movie_duration / movie_scale if movie_scale and movie_duration not in (None, 0, 0xFFFFFFFF) else 0
    measured = ends / track_scale if track_scale and ends else 0
    return max(declared, measured) or None  # a header can lie: the fragments' own times count too


def _trun_duration(box: bytes, default: int) -> int:
    flags, count = int.from_bytes(box[1:4], "big"), struct.unpack(">I", box[4:8])[0]
    at = 8 + (4 if flags & 0x01 else 0) + (4 if flags & 0x04 else 0)  # data offset, first sample's flags
    if not flags & 0x100:
        return count * default
    stride = 4 * sum(bool(flags & bit) for bit in (0x100, 0x200, 0x400, 0x800))
    if at + count * stride > len(box):
        raise ValueError("more samples than bytes")
    return sum(struct.unpack(">I", box[at + i * stride : at + i * stride + 4])[0] for i in range(count))
