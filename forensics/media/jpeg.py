"""The structure of a JPEG from its bytes: its markers, in order, up to the end-of-image marker.

Each segment's declared length must fit the file, and the entropy-coded data after a start of
scan must end at a marker; a file that ends before its end-of-image marker (FFD9) is cut, even
when only that marker is missing. Pillow decodes such a file only when told to, so this is
what decides that it may (:mod:`forensics.media.stills`) and what the report says about it.
Bytes after the end-of-image marker (phone makers' trailers) are not walked.
"""

from __future__ import annotations

from typing import BinaryIO

from forensics.records.media import ContainerBox, ContainerCheck, ContainerProblem

SOI = b"\xff\xd8"
EOI = 0xD9
SOS = 0xDA
STANDALONE = {0x01, *range(0xD0, 0xD8)}  # TEM and the restart markers carry no length
NAMES = {0xD8: "SOI", EOI: "EOI", SOS: "SOS", 0xDB: "DQT", 0xC4: "DHT", 0xDD: "DRI",
         0xFE: "COM", **{0xC0 + n: f"SOF{n}" for n in (0, 1, 2, 3, 5, 6, 7, 9, 10, 11)},
         **{0xE0 + n: f"APP{n}" for n in range(16)}}  # fmt: skip
MAX_BOXES = 64
MAX_MARKERS = 10_000
CHUNK = 1 << 20


def check(handle: BinaryIO, file_size: int) -> ContainerCheck:
    """Walk a JPEG (``handle`` open for reading, ``file_size`` bytes) from SOI to EOI."""
    boxes = [ContainerBox("SOI", 0, 2)]
    problem = _walk(handle, file_size, boxes)
    return ContainerCheck("jpeg", file_size, tuple(boxes[:MAX_BOXES]),
                          (problem,) if problem else ())  # fmt: skip


def _walk(handle: BinaryIO, size: int, boxes: list[ContainerBox]) -> ContainerProblem | None:
    offset = 2
    while len(boxes) < MAX_MARKERS:
        handle.seek(offset)
        head = handle.read(4)
        if len(head) < 2:  # the end of the file before the end-of-image marker
            return ContainerProblem("truncated", "EOI", offset, 2, len(head))
        if head[0] != 0xFF:
            return ContainerProblem("size_mismatch", boxes[-1].type, offset, None, size - offset)
        marker = head[1]
        if marker == 0xFF:  # a fill byte before the marker
            offset += 1
            continue
        name = NAMES.get(marker, f"FF{marker:02X}")
        if marker == EOI or marker in STANDALONE:
            boxes.append(ContainerBox(name, offset, 2))
            if marker == EOI:
                return None
            offset += 2
            continue
        length = int.from_bytes(head[2:4], "big") if len(head) == 4 else None
        boxes.append(ContainerBox(name, offset, None if length is None else 2 + length))
        if length is None or offset + 2 + length > size:
            return ContainerProblem("truncated", name, offset, None if length is None else
                                    2 + length, size - offset)  # fmt: skip
        if length < 2:
            return ContainerProblem("size_mismatch", name, offset, 2 + length, size - offset)
        offset += 2 + length
        if marker == SOS:
            found = _next_marker(handle, offset, size)
            if found is None:  # the image data runs to the end of the file
                return ContainerProblem("truncated", name, boxes[-1].offset, None,
                                        size - boxes[-1].offset)  # fmt: skip
            offset = found
    return None


def _next_marker(handle: BinaryIO, start: int, size: int) -> int | None:
    """Where the entropy-coded data from ``start`` ends: the first 0xFF that begins a marker
    (not a stuffed 0xFF00, a restart marker or a fill byte)."""
    position = start
    while position < size:
        handle.seek(position)
        chunk = handle.read(CHUNK + 1)  # one byte more: the byte after a 0xFF at the edge
        at = chunk.find(b"\xff")
        while 0 <= at < len(chunk) - 1:
            following = chunk[at + 1]
            if following != 0x00 and following != 0xFF and not 0xD0 <= following <= 0xD7:
                return position + at
            at = chunk.find(b"\xff", at + 1)
        if len(chunk) <= CHUNK:
            return None
        position += CHUNK
    return None
