"""ISO BMFF (MP4/MOV) boxes of a well-formed file, found and edited in place.

Written for the corpus, independently of ``forensics.media.container``: the harness crafts
damage from its own reading of the format, so a mistake shared with the tool cannot hide.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

# Boxes that hold boxes (``meta`` too, after its version and flags; ``stsd`` after its count).
HOLDERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl", b"udta", b"edts", b"dinf", b"mvex",
           b"ilst", b"meta", b"stsd"}  # fmt: skip
SKIP = {b"meta": 4, b"stsd": 8}  # bytes between a holder's header and its first child


@dataclass(frozen=True)
class Box:
    path: str  # e.g. "moov/trak/mdia/mdhd"; the n-th trak is "moov/trak#1/..." (from 0)
    kind: bytes
    offset: int
    size: int  # declared, header included (size 0 read as "to the end of the parent")
    header: int  # 8, or 16 with a 64-bit size

    @property
    def end(self) -> int:
        return self.offset + self.size

    @property
    def body(self) -> int:
        return self.offset + self.header


def walk(data: bytes, start: int = 0, end: int | None = None, prefix: str = "") -> list[Box]:
    """Every box from ``start`` to ``end``, depth first (a parent before its children)."""
    end = len(data) if end is None else end
    found: list[Box] = []
    seen: dict[bytes, int] = {}
    offset = start
    while offset + 8 <= end:
        size, kind = struct.unpack(">I4s", data[offset : offset + 8])
        header = 8
        if size == 1:
            size, header = struct.unpack(">Q", data[offset + 8 : offset + 16])[0], 16
        elif size == 0:
            size = end - offset
        if size < header or offset + size > end:
            break  # not well formed from here: stop rather than guess
        number = seen.get(kind, 0)
        seen[kind] = number + 1
        name = kind.decode("latin-1") + (f"#{number}" if number else "")
        box = Box(f"{prefix}{name}", kind, offset, size, header)
        found.append(box)
        if kind in HOLDERS:
            found += walk(data, box.body + SKIP.get(kind, 0), box.end, f"{box.path}/")
        offset += size
    return found


def find(data: bytes, path: str) -> Box:
    """The box at ``path`` (``KeyError`` when there is none)."""
    for box in walk(data):
        if box.path == path:
            return box
    raise KeyError(path)


def find_kind(data: bytes, kind: bytes) -> list[Box]:
    return [box for box in walk(data) if box.kind == kind]


def put_u32(data: bytearray, offset: int, value: int) -> None:
    data[offset : offset + 4] = struct.pack(">I", value & 0xFFFFFFFF)


def put_u16(data: bytearray, offset: int, value: int) -> None:
    data[offset : offset + 2] = struct.pack(">H", value & 0xFFFF)


def box(kind: bytes, payload: bytes = b"") -> bytes:
    return struct.pack(">I4s", len(payload) + 8, kind) + payload


def tkhd_size_offsets(data: bytes, tkhd: Box) -> tuple[int, int]:
    """Offsets of a track header's width and height (16.16 fixed point)."""
    version = data[tkhd.body]
    base = tkhd.body + 4 + (32 if version == 1 else 20) + 52
    return base, base + 4


def timing_offsets(data: bytes, header_box: Box) -> tuple[int, int, int]:
    """(timescale offset, duration offset, duration width) of an mvhd or mdhd box."""
    version = data[header_box.body]
    if version == 1:
        return header_box.body + 20, header_box.body + 24, 8
    return header_box.body + 12, header_box.body + 16, 4
