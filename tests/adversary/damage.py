"""Damaged bytes: seeded byte flips and cuts of MP4, Matroska and JPEG, and crafted MP4 boxes
(sizes that cannot be, absurd dimensions and durations, junk, deep nesting)."""

from __future__ import annotations

import random
import struct
from pathlib import Path

from tests.adversary import boxes
from tests.adversary.boxes import box, find, put_u16, put_u32
from tests.adversary.corpus import ANY, DAMAGED, REGISTRY, VALID, Expect, Made, Workshop, clean

add = REGISTRY.add


def flipped(data: bytes, rng: random.Random, start: int, end: int) -> tuple[bytes, str]:
    """``data`` with 1-32 bytes in ``[start, end)`` XORed with a non-zero byte."""
    out = bytearray(data)
    count = rng.randint(1, 32)
    places = sorted(rng.randrange(start, max(start + 1, end)) for _ in range(count))
    for place in places:
        out[place] ^= rng.randrange(1, 256)
    return bytes(out), f"{count} byte(s) flipped in [{start}, {end}): first at {places[0]}"


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _flip(folder: Path, name: str, data: bytes, rng: random.Random, span: tuple[int, int]
          ) -> Made:  # fmt: skip
    changed, note = flipped(data, rng, *span)
    return Made(write(folder, name, changed), ANY, note)


def _cut(folder: Path, name: str, data: bytes, at: int, expect: Expect = DAMAGED) -> Made:
    at = max(1, min(at, len(data) - 1))
    return Made(write(folder, name, data[:at]), expect, f"cut at byte {at:,} of {len(data):,}")


# --------------------------------------------------------------------------- MP4


def _mp4(shop: Workshop, faststart: bool = False) -> bytes:
    return (shop.faststart if faststart else shop.mp4).read_bytes()


@add("mp4-flip", "anywhere")
def mp4_flip_anywhere(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    data = _mp4(shop)
    return _flip(folder, "flipped.mp4", data, rng, (0, len(data)))


@add("mp4-flip", "moov")
def mp4_flip_moov(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    data = _mp4(shop, faststart=rng.random() < 0.5)
    moov = find(data, "moov")
    return _flip(folder, "flipped.mp4", data, rng, (moov.offset, moov.end))


@add("mp4-flip", "mdat")
def mp4_flip_mdat(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    data = _mp4(shop)
    mdat = find(data, "mdat")
    return _flip(folder, "flipped.mp4", data, rng, (mdat.body, mdat.end))


@add("mp4-flip", "sample-tables")
def mp4_flip_tables(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    data = _mp4(shop)
    table = rng.choice(
        [
            b
            for b in boxes.walk(data)
            if b.kind in (b"stsz", b"stco", b"stts", b"stsc", b"stss", b"elst")
        ]
    )
    return _flip(folder, "flipped.mp4", data, rng, (table.body, table.end))


@add("mp4-flip", "header")
def mp4_flip_header(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    return _flip(folder, "flipped.mp4", _mp4(shop), rng, (0, 64))


@add("mp4-cut", "in-moov")
def mp4_cut_moov(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    data = _mp4(shop)
    moov = find(data, "moov")
    return _cut(folder, "cut.mp4", data, rng.randrange(moov.offset + 1, moov.end))


@add("mp4-cut", "last-bytes")
def mp4_cut_last(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    data = _mp4(shop, faststart=rng.random() < 0.3)
    return _cut(folder, "cut.mp4", data, len(data) - rng.randint(1, 16))


@add("mp4-cut", "in-mdat")
def mp4_cut_mdat(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    data = _mp4(shop, faststart=rng.random() < 0.5)
    mdat = find(data, "mdat")
    return _cut(folder, "cut.mp4", data, rng.randrange(mdat.offset + 1, mdat.end))


@add("mp4-cut", "anywhere")
def mp4_cut_anywhere(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    data = _mp4(shop, faststart=rng.random() < 0.5)
    return _cut(folder, "cut.mp4", data, rng.randrange(1, len(data)))


# --------------------------------------------------------------------------- Matroska, JPEG


@add("mkv-flip", "anywhere")
def mkv_flip_anywhere(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    data = shop.mkv.read_bytes()
    return _flip(folder, "flipped.mkv", data, rng, (0, len(data)))


@add("mkv-flip", "head")
def mkv_flip_head(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    return _flip(folder, "flipped.mkv", shop.mkv.read_bytes(), rng, (0, 1024))


@add("mkv-flip", "tail")
def mkv_flip_tail(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    data = shop.mkv.read_bytes()
    return _flip(folder, "flipped.mkv", data, rng, (len(data) * 9 // 10, len(data)))


@add("mkv-cut", "anywhere")
def mkv_cut_anywhere(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    data = shop.mkv.read_bytes()
    return _cut(folder, "cut.mkv", data, rng.randrange(1, len(data)))


@add("mkv-cut", "tail")
def mkv_cut_tail(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    data = shop.mkv.read_bytes()
    return _cut(folder, "cut.mkv", data, len(data) - rng.randint(1, 64))


@add("mkv-cut", "head")
def mkv_cut_head(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    return _cut(folder, "cut.mkv", shop.mkv.read_bytes(), rng.randrange(1, 1024))


def _scan_start(data: bytes) -> int:
    return data.index(b"\xff\xda") + 2


@add("jpeg-flip", "anywhere")
def jpeg_flip_anywhere(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    data = shop.jpeg.read_bytes()
    return _flip(folder, "flipped.jpg", data, rng, (2, len(data)))


@add("jpeg-flip", "header")
def jpeg_flip_header(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    data = shop.jpeg.read_bytes()
    return _flip(folder, "flipped.jpg", data, rng, (2, _scan_start(data)))


@add("jpeg-flip", "scan")
def jpeg_flip_scan(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    data = shop.jpeg.read_bytes()
    return _flip(folder, "flipped.jpg", data, rng, (_scan_start(data), len(data) - 2))


@add("jpeg-cut", "anywhere")
def jpeg_cut_anywhere(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    data = shop.jpeg.read_bytes()
    return _cut(folder, "cut.jpg", data, rng.randrange(3, len(data)))


@add("jpeg-cut", "end-marker")
def jpeg_cut_end(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    data = shop.jpeg.read_bytes()
    return _cut(folder, "cut.jpg", data, len(data) - rng.randint(1, 2))


@add("jpeg-cut", "header")
def jpeg_cut_header(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    data = shop.jpeg.read_bytes()
    return _cut(folder, "cut.jpg", data, rng.randrange(3, _scan_start(data)))


# --------------------------------------------------------------------------- crafted MP4 boxes


def _edited(folder: Path, data: bytearray, expect: Expect, note: str) -> Made:
    return Made(write(folder, "crafted.mp4", bytes(data)), expect, note)


@add("mp4-box", "moov-huge")
def moov_huge(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    data = bytearray(_mp4(shop))
    size = rng.choice([0xFFFFFFF0, 0x7FFFFFFF, len(data) * 4])
    put_u32(data, find(data, "moov").offset, size)
    return _edited(folder, data, DAMAGED, f"moov (last) declares {size:,} bytes")


@add("mp4-box", "moov-size0-last")
def moov_size0(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    data = bytearray(_mp4(shop))
    put_u32(data, find(data, "moov").offset, 0)
    why = "size 0 is 'to the end of the file', legal for the last box (ISO/IEC 14496-12 4.2)"
    return _edited(folder, data, clean(why=why), "moov, the last box, with size 0")


@add("mp4-box", "mdat-size0")
def mdat_size0(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    data = bytearray(_mp4(shop))
    put_u32(data, find(data, "mdat").offset, 0)
    return _edited(folder, data, DAMAGED, "mdat with size 0 swallows the moov after it")


def _mdat_64(data: bytearray, largesize: int | None) -> int:
    """Turn ffmpeg's ``free`` + ``mdat`` pair into one mdat with a 64-bit size (the data does
    not move, so the chunk offsets stay right)."""
    free, mdat = find(data, "free"), find(data, "mdat")
    assert free.size == 8 and free.end == mdat.offset
    size = mdat.size + 8 if largesize is None else largesize
    data[free.offset : mdat.body] = struct.pack(">I4sQ", 1, b"mdat", size)
    return size


@add("mp4-box", "mdat-64bit")
def mdat_64bit(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    data = bytearray(_mp4(shop))
    size = _mdat_64(data, None)
    return _edited(folder, data, CLEAN_64, f"mdat with a correct 64-bit size ({size:,})")


CLEAN_64 = clean(why="a 64-bit box size (size 1 + largesize) is legal")


@add("mp4-box", "mdat-64bit-huge")
def mdat_64bit_huge(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    data = bytearray(_mp4(shop))
    size = _mdat_64(data, rng.choice([1 << 62, (1 << 64) - 1, 1 << 40]))
    return _edited(folder, data, DAMAGED, f"mdat with a 64-bit size of {size:,}")


@add("mp4-box", "size1-garbage")
def size1_garbage(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    data = bytearray(_mp4(shop))
    put_u32(data, find(data, "moov/udta").offset, 1)  # the meta header becomes its largesize
    return _edited(folder, data, DAMAGED, "udta with size 1: the next 8 bytes read as its size")


@add("mp4-box", "child-past-parent")
def child_past_parent(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    data = bytearray(_mp4(shop, faststart=True))
    trak = find(data, "moov/trak")
    grow = rng.randint(1, 4096)
    put_u32(data, trak.offset, trak.size + (find(data, "moov").end - trak.end) + grow)
    return _edited(folder, data, DAMAGED, f"trak runs {grow} bytes past the moov holding it")


@add("mp4-box", "child-below-header")
def child_below_header(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    data = bytearray(_mp4(shop))
    size = rng.randint(2, 7)
    target = rng.choice(["moov/udta", "moov/trak/mdia/minf/stbl/stts", "moov/trak#1"])
    put_u32(data, find(data, target).offset, size)
    return _edited(folder, data, DAMAGED, f"{target} declares {size} bytes, less than a header")


@add("mp4-box", "tkhd-dimensions")
def tkhd_dimensions(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    data = bytearray(_mp4(shop))
    width, height = rng.choice([(0, 0), (0xFFFF0000, 0xFFFF0000), (0x10000, 0x7FFF0000),
                                (0xFFFFFFFF, 1)])  # fmt: skip
    at_w, at_h = boxes.tkhd_size_offsets(data, find(data, "moov/trak/tkhd"))
    put_u32(data, at_w, width)
    put_u32(data, at_h, height)
    return _edited(folder, data, ANY, f"video tkhd says {width / 65536:g}x{height / 65536:g}")


@add("mp4-box", "stsd-dimensions")
def stsd_dimensions(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    data = bytearray(_mp4(shop))
    width, height = rng.choice([(0, 0), (65535, 65535), (1, 1), (65535, 2)])
    entry = find(data, "moov/trak/mdia/minf/stbl/stsd/avc1")
    put_u16(data, entry.body + 24, width)
    put_u16(data, entry.body + 26, height)
    return _edited(folder, data, ANY, f"avc1 sample entry says {width}x{height}")


@add("mp4-box", "absurd-duration")
def absurd_duration(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    data = bytearray(_mp4(shop))
    target = rng.choice(["moov/mvhd", "moov/trak/mdia/mdhd"])
    scale_at, duration_at, _ = boxes.timing_offsets(data, find(data, target))
    timescale, duration = rng.choice([(1, 0xFFFFFFFF), (0, 1000), (0xFFFFFFFF, 1),
                                      (1000, 0)])  # fmt: skip
    put_u32(data, scale_at, timescale)
    put_u32(data, duration_at, duration)
    return _edited(folder, data, ANY, f"{target}: timescale {timescale}, duration {duration}")


@add("mp4-box", "sample-count")
def sample_count(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    data = bytearray(_mp4(shop))
    stsz = find(data, "moov/trak/mdia/minf/stbl/stsz")
    count = rng.choice([0, 0x7FFFFFFF, 0xFFFFFFFF, 3])
    put_u32(data, stsz.body + 8, count)
    return _edited(folder, data, ANY, f"video stsz says {count:,} samples")


@add("mp4-box", "chunk-offsets")
def chunk_offsets(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    data = bytearray(_mp4(shop))
    stco = find(data, "moov/trak/mdia/minf/stbl/stco")
    (entries,) = struct.unpack(">I", data[stco.body + 4 : stco.body + 8])
    value = rng.choice([0xFFFFFFF0, len(data) + 10, 0])
    for n in range(entries // 2, entries):
        put_u32(data, stco.body + 8 + 4 * n, value)
    return _edited(folder, data, ANY, f"the last half of the video chunks point at {value:,}")


@add("mp4-box", "junk-tail")
def junk_tail(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    junk = bytes([rng.randrange(0x80, 0x100) for _ in range(rng.randint(8, 4096))])
    data = bytearray(_mp4(shop) + junk)
    return _edited(folder, data, DAMAGED, f"{len(junk)} bytes of no box after the moov")


@add("mp4-box", "uuid-tail")
def uuid_tail(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    payload = bytes(rng.randrange(256) for _ in range(16 + rng.randint(0, 2048)))
    data = bytearray(_mp4(shop) + box(b"uuid", payload))
    why = "a uuid box a reader does not know is skipped: legal"
    return _edited(folder, data, clean(why=why), f"a {len(payload) + 8}-byte uuid box at the end")


@add("mp4-box", "deep-nesting")
def deep_nesting(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    data = bytearray(_mp4(shop))
    moov = find(data, "moov")
    assert moov.end == len(data)  # the last box: growing it moves nothing else
    depth = rng.randint(20, 200)
    nested = b""
    for _ in range(depth):
        nested = box(b"udta", nested)
    put_u32(data, moov.offset, moov.size + len(nested))
    return _edited(folder, data + nested, VALID, f"{depth} udta boxes nested inside moov")


@add("mp4-box", "many-boxes")
def many_boxes(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    count = rng.randint(10_000, 120_000)
    data = bytearray(_mp4(shop) + box(b"free") * count)
    return _edited(folder, data, VALID, f"{count:,} empty free boxes after the moov")
