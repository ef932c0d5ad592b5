"""Editing an MP4's ``moov`` box after muxing: the container's ``encoder`` tag and the video
track's compressor name, which libavformat would otherwise overwrite with its own version.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator, Sequence
from pathlib import Path


def boxes(data: bytes | bytearray, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    """(type, offset, size) of the MP4 boxes between ``start`` and ``end``."""
    pos = start
    while pos + 8 <= end:
        size, kind = struct.unpack(">I4s", data[pos : pos + 8])
        if size == 1:
            size = struct.unpack(">Q", data[pos + 8 : pos + 16])[0]
        elif size == 0:
            size = end - pos
        yield kind, pos, size
        pos += size


def find_box(
    data: bytearray, path: Sequence[bytes], start: int = 0, end: int | None = None
) -> list[tuple[int, int]]:
    """Offsets and sizes of the chain of boxes along ``path`` (meta is a full box)."""
    chain: list[tuple[int, int]] = []
    end = len(data) if end is None else end
    for kind in path:
        hit = next(((p, s) for k, p, s in boxes(data, start, end) if k == kind), None)
        if hit is None:
            raise ValueError(f"no {kind!r} box in the file")
        chain.append(hit)
        start, end = hit[0] + (12 if kind == b"meta" else 8), hit[0] + hit[1]
    return chain


def set_encoder_tags(path: Path, lavf: str | None, compressor: str) -> None:
    """Write the container's ``encoder`` tag and the video track's compressor name.

    libavformat replaces any ``-metadata encoder=...`` with its own version string when it
    writes the header (and deletes it in bitexact mode), so a chosen value can only be set
    after muxing. The moov box is last in the file (no faststart), so growing the tag only
    changes the sizes of its enclosing boxes; the compressor name is a fixed 32-byte field.
    """
    data = bytearray(path.read_bytes())
    moov = find_box(data, [b"moov"])[0]
    if moov[0] + moov[1] != len(data):
        raise ValueError("moov must be the last box")
    stsd = find_box(data, [b"moov", b"trak", b"mdia", b"minf", b"stbl", b"stsd"])[-1]
    if data[stsd[0] + 20 : stsd[0] + 24] != b"avc1":
        raise ValueError("the first track is not the H.264 video")
    name = compressor.encode()[:31]
    data[stsd[0] + 16 + 50 : stsd[0] + 16 + 82] = bytes([len(name)]) + name.ljust(31, b"\0")
    if lavf is not None:
        data = replace_encoder(data, lavf.encode())
    path.write_bytes(bytes(data))


def replace_encoder(data: bytearray, value: bytes) -> bytearray:
    """Replace the value of the ``encoder`` item in moov/udta/meta (iTunes or mdta style)."""
    chain = find_box(data, [b"moov", b"udta", b"meta"])
    meta = chain[-1]
    item_kind = b"\xa9too"
    kinds = {k: (p, s) for k, p, s in boxes(data, meta[0] + 12, meta[0] + meta[1])}
    if b"keys" in kinds:  # QuickTime mdta: items are numbered after the keys box
        kp, ks = kinds[b"keys"]
        names = [bytes(data[p + 8 : p + s]) for _, p, s in boxes(data, kp + 16, kp + ks)]
        item_kind = struct.pack(">I", names.index(b"encoder") + 1)
    ilst = kinds[b"ilst"]
    item = next((p, s) for k, p, s in boxes(data, ilst[0] + 8, ilst[0] + ilst[1]) if k == item_kind)
    payload = next(
        (p, s) for k, p, s in boxes(data, item[0] + 8, item[0] + item[1]) if k == b"data"
    )
    new = struct.pack(">I4sII", 16 + len(value), b"data", 1, 0) + value
    delta = len(new) - payload[1]
    data[payload[0] : payload[0] + payload[1]] = new
    for offset, size in [*chain, ilst, item]:
        data[offset : offset + 4] = struct.pack(">I", size + delta)
    return data
