#!/usr/bin/env python3
"""Benchmark "where else does this footage appear?" on case indexes of 10**4 to 10**6 frames.

Target: with 1,000,000 frame hashes indexed, searching a 2-minute clip (240 sampled frames,
each as is and mirrored: 480 queries) at radius 10 takes under 1 s and under 1 GB.

The indexed hashes must look like real pHashes, because bucket-based search is slower on
real ones than on uniform random codes: every pHash has 32 bits set, the DC bit is always
1, low-frequency bits are biased, and the frames of a shot, its reposts and re-encodes sit in
tight clusters. So the case is synthesised from real footage:

1. Decode every ``../shared/media/*.mp4`` and ``samples/clips/*.mp4`` (except the query clip
   and the repost of it) at 4 frames/s, grey, squashed to 64 x 64 (pHash squashes to 32 x 32
   anyway, so a square crop here is a same-aspect crop of the frame).
2. Unique footage (60 % of the rows), shot by shot: a shot is 1-60 samples (mean 12, i.e. 6 s
   at 2 samples/s) of consecutive source frames, stepping 1-3 frames (of 4/s) per sample,
   seen through one crop window (50-100 % of the frame) that pans across the shot; 30 % of
   shots are blended with another frame (overlays, cross-fades); half are mirrored. Each
   picture is area-scaled to 32 x 32 and hashed with pHash's own arithmetic (DCT, 8 x 8 low
   frequencies, median threshold), vectorised; on the same 32 x 32 input it is bit-exact with
   imagehash, which the script checks on a few real frames before it starts.
3. Reposts (40 % of the rows): stretches of the unique footage (mean 30 s), 20 % mirrored.
4. Re-encoding noise on every row: 0-3 pairs of bit swaps (0-6 bits; a swap keeps the 32 set
   bits a real pHash has), probability 0.4 / 0.3 / 0.2 / 0.1.
5. The query: ``samples/clips/legion_raid_telegram.mp4``, 240 frames over its 112 s, hashed
   exactly as ``forensics analyze`` does (256-pixel grey sample, ``hash_image``). Two reposts
   of it are planted in the first 10,000 rows: frames 40-99 as is and frames 150-189
   mirrored, both with re-encoding noise; every size must find all 100 planted frames.

Rows are clips in random order; the index of size n holds the first n rows. For each size
the script prints build time, median search time, the flat-scan time for comparison (FAISS
``IndexBinaryFlat``, which also checks that the results are identical), hits, index memory
and peak RSS (``VmHWM`` after resetting it through ``/proc/self/clear_refs``), then the
ratio of search times 10**6 / 10**4. ``--candidates`` adds the FAISS structures that were
measured to choose the design.

The case-index tier (``--case-index`` alone; part of the default run) times what ``forensics
search`` does after decoding a clip: ``forensics.case.search.find_in_case`` (imported as
``reuse``) on real SQLite case indexes of 10**4, 10**5 and 10**6 frames (``--sizes``: 10**7
too), one per size, filled with a minimal typed record per clip through
``CaseIndex.add_many``, which writes what ``CaseIndex.add`` per clip writes (the same rows and
shortlist segments; tests/test_bulk_add.py) with each segment sorted once. ``--index-dir DIR``
keeps each size's index (``DIR/frames-N``, stamped with the seed and options) and the
synthetic rows, so a later run times the search without refilling:

* filler: the synthetic rows before the query's reposts were planted, as 240-frame clips
  (t = 0.5 s apart, all informative) with empty features;
* planted, among the first clips, with the hashes and features ``decode_for_matching`` gives:
  ``aggregator_repost.mp4`` (the query's first 40 s letterboxed), a mirrored 60-90 s cut of
  the query made here with ffmpeg (both must be found, at the right place and mirroring),
  and ``mod_strikes_2023-05-23.mp4``, whose footage the query reuses cropped and mirrored
  (beyond pHash: reported, not required);
* the query: ``legion_raid_telegram.mp4`` decoded once with ``decode_for_matching`` (224
  samples, 222 informative: 444 hash queries), searched as a clip not in the case.

The steps are timed by wrapping, for the call, the names ``find_in_case`` looks up in
``forensics.case.search`` and ``forensics.case.shortlist`` (``hash_pairs``, ``hash_hits``,
``FrameHashIndex``, ``WideHashIndex``, ``sketch_pairs``, ``_verify_hits``,
``from_verified_pairs``) and the index's ``clips``, ``frame_count`` and
``shortlist_tables``. Up to ``FULL_CHECK_FRAMES`` (10**5) frames ``find_in_case`` verifies every
clip instead of shortlisting; the tier forces the shortlist there, so every size times the
same path. The filler clips the shortlist reaches (>= 2 frames within 10 bits of the query:
200 at 10**6) have no features, so only their reading is timed; ``--filler-features`` gives
exactly those clips 240 frames of real features of unrelated footage (six ``shared/media``
videos), so their verification is timed as it would be in a real case (about 5 minutes
more, and over 1 GB). The searches run on a warm page cache (the index was just written).

Linux only (``/proc``); about 1 minute on 2 cores (25 s with ``--in-memory``, 1.5 minutes
with ``--candidates``, 6 with ``--case-index --filler-features``).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import cache, partial
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from PIL import Image

from forensics.case import confirm as confirm_module
from forensics.case import search as reuse
from forensics.case import shortlist
from forensics.case.index import INDEX_FILE, CaseIndex, IndexedClip
from forensics.media.hashing import hash_image
from forensics.media.toolchain import find_toolchain
from forensics.records import AnalysisRecord, FrameHash, Timestamp, record_from_dict
from forensics.reuse import compare as compare_module
from forensics.reuse import hashbits, hashindex
from forensics.reuse.compare import decode_for_matching, from_verified_pairs
from forensics.reuse.features import ClipFeatures, FrameFeatures
from forensics.reuse.hashindex import FrameHashIndex, HashHits, codes_from_hex, popcount
from forensics.reuse.matching import FeatureIndex

# isort: split
import faiss  # after forensics, which sets OMP_WAIT_POLICY before OpenMP starts, as in use

REPO = Path(__file__).resolve().parent.parent
SHARED_MEDIA = REPO.parent / "shared" / "media"
QUERY_CLIP = REPO / "samples" / "clips" / "legion_raid_telegram.mp4"
HELD_OUT = {"legion_raid_telegram.mp4", "aggregator_repost.mp4"}  # the query, and its repost
SIZES = (10_000, 100_000, 1_000_000)
RADIUS = 10
QUERY_FRAMES = 240  # a 2-minute clip at 2 samples per second
SOURCE_FPS = 4
SIDE = 64
REPOST_SHARE = 0.4
PLANTED = ((40, 100, False, 2_000), (150, 190, True, 7_000))  # frames, mirrored, at row
TARGET_S, TARGET_MB = 1.0, 1024.0
T = TypeVar("T")

# pHash arithmetic: the 8 lowest DCT-II frequencies of 32 samples (scale is irrelevant to a
# median threshold); mirroring a picture negates its odd horizontal frequencies.
_SAMPLES, _FREQS = np.arange(32), np.arange(8)
DCT_8x32 = np.cos(np.pi * _FREQS[:, None] * (2 * _SAMPLES[None, :] + 1) / 64).astype(np.float32)
MIRROR_SIGN = np.where(_FREQS % 2 == 1, -1.0, 1.0).astype(np.float32)[None, :]
BIT_WEIGHTS = np.uint64(1) << np.arange(63, -1, -1, dtype=np.uint64)  # imagehash order


# --------------------------------------------------------------------------- real frames


def decode_gray(ffmpeg: str, path: Path, fps: float, size: tuple[int, int]) -> np.ndarray:
    width, height = size
    command = [
        ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-i", str(path),
        "-vf", f"fps={fps},scale={width}:{height}:flags=area,format=gray",
        "-f", "rawvideo", "pipe:1",
    ]  # fmt: skip
    raw = subprocess.run(command, capture_output=True, check=True).stdout
    return np.frombuffer(raw, np.uint8).reshape(-1, height, width)


def source_videos(ffmpeg: str) -> list[tuple[str, np.ndarray]]:
    paths = sorted(SHARED_MEDIA.glob("*.mp4")) + sorted((REPO / "samples" / "clips").glob("*.mp4"))
    paths = [p for p in paths if p.name not in HELD_OUT]
    with ThreadPoolExecutor(max_workers=2) as pool:  # ffmpeg does the work: 2 cores
        frames = pool.map(lambda p: decode_gray(ffmpeg, p, SOURCE_FPS, (SIDE, SIDE)), paths)
        return [(p.name, f) for p, f in zip(paths, frames, strict=True) if len(f)]


def query_hashes(ffmpeg: str) -> tuple[np.ndarray, np.ndarray]:
    """pHash and mirrored pHash of 240 frames spread over the query clip (112 s), hashed as
    ``analyze`` hashes its 256-pixel grey samples."""
    frames = decode_gray(ffmpeg, QUERY_CLIP, SOURCE_FPS, (256, 144))
    picks = np.linspace(0, len(frames) - 1, QUERY_FRAMES).round().astype(int)
    hashes = [hash_image(frames[i]) for i in picks]
    plain = codes_from_hex(h[0] for h in hashes)
    mirrored = codes_from_hex(h[1] for h in hashes)
    check_phash_arithmetic(frames[picks[:40]], plain[:40], mirrored[:40])
    return plain, mirrored


def check_phash_arithmetic(frames: np.ndarray, plain: np.ndarray, mirrored: np.ndarray) -> None:
    """The synthesis hashes with :func:`phash_both`: it must agree with imagehash when given
    imagehash's own 32 x 32 picture (Pillow's Lanczos resize)."""
    small = np.stack([
        np.asarray(Image.fromarray(f).resize((32, 32), Image.Resampling.LANCZOS)) for f in frames
    ]).astype(np.float32)  # fmt: skip
    ours = phash_both(small)
    if not (np.array_equal(ours[0], plain) and np.array_equal(ours[1], mirrored)):
        sys.exit("phash_both disagrees with imagehash: the synthetic hashes would not be pHashes")


# --------------------------------------------------------------------------- synthesis


def phash_both(small: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """pHash of each 32 x 32 picture and of its mirror image (bit-exact with imagehash on the
    same 32 x 32 input)."""
    low = DCT_8x32 @ small @ DCT_8x32.T
    out = []
    for coeffs in (low, low * MIRROR_SIGN):
        flat = coeffs.reshape(len(small), 64)
        bits = flat > np.median(flat, axis=1, keepdims=True)
        out.append((bits.astype(np.uint64) * BIT_WEIGHTS).sum(axis=1, dtype=np.uint64))
    return out[0], out[1]


@cache
def area_matrix(size: int) -> np.ndarray:
    """(32, size) averaging matrix: ``A @ image @ A.T`` is an area resize to 32 x 32."""
    edges = np.linspace(0, size, 33)
    pixels = np.arange(size)
    overlap = np.clip(
        np.minimum(edges[1:, None], pixels[None, :] + 1) - np.maximum(edges[:-1, None], pixels),
        0,
        None,
    )
    return (overlap / overlap.sum(axis=1, keepdims=True)).astype(np.float32)


def one_shot(video: np.ndarray, length: int, rng: np.random.Generator) -> np.ndarray:
    """32 x 32 pictures of one shot: consecutive frames through one panning crop window."""
    step = int(rng.integers(1, 4))
    frames = (int(rng.integers(len(video))) + step * np.arange(length)) % len(video)
    side = int(rng.uniform(0.5, 1.0) * SIDE)
    t = np.linspace(0.0, 1.0, length)[:, None]
    corner = rng.uniform(0, SIDE - side, (2, 2))  # start and end (y, x) of the pan
    ys, xs = (corner[0] + t * (corner[1] - corner[0])).astype(int).T
    crops = np.stack([
        video[frame, y : y + side, x : x + side]
        for frame, y, x in zip(frames.tolist(), ys.tolist(), xs.tolist(), strict=True)
    ])  # fmt: skip
    matrix = area_matrix(side)
    return matrix @ crops @ matrix.T


def footage_shots(
    videos: list[np.ndarray], count: int, rng: np.random.Generator
) -> Iterator[np.ndarray]:
    """32 x 32 pictures of ``count`` frames of synthetic footage, one shot at a time."""
    videos = [v.astype(np.float32) for v in videos]
    thumbs = [area_matrix(SIDE) @ v @ area_matrix(SIDE).T for v in videos]
    made = 0
    while made < count:
        length = int(min(rng.geometric(1 / 12), 60, count - made))
        shot = one_shot(videos[int(rng.integers(len(videos)))], length, rng)
        if rng.random() < 0.3:  # an overlay or a cross-fade
            other = thumbs[int(rng.integers(len(thumbs)))]
            alpha = rng.uniform(0.2, 0.5)
            shot = (1 - alpha) * shot + alpha * other[int(rng.integers(len(other)))]
        yield shot[:, :, ::-1] if rng.random() < 0.5 else shot
        made += length


def unique_footage(
    videos: list[np.ndarray], count: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """(count,) pHashes and mirrored pHashes of synthetic footage, hashed 65,536 frames at a
    time (the pictures of 10**6 frames would take 4 GB)."""
    batch = np.empty((1 << 16, 32, 32), np.float32)
    hashes: list[np.ndarray] = []
    mirrored: list[np.ndarray] = []
    filled = 0

    def flush() -> None:
        plain, flipped = phash_both(batch[:filled])
        hashes.append(plain)
        mirrored.append(flipped)

    for shot in footage_shots(videos, count, rng):
        for part in np.array_split(shot, range(len(batch) - filled, len(shot), len(batch))):
            if filled == len(batch):
                flush()
                filled = 0
            batch[filled : filled + len(part)] = part
            filled += len(part)
    if filled:
        flush()
    return np.concatenate(hashes), np.concatenate(mirrored)


def reencode_noise(codes: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Swap 0-3 set bits with as many clear bits in each code (0-6 bits of distance), 65,536
    codes at a time (a 64-column work array per code)."""
    step = 1 << 16
    return np.concatenate(
        [swap_bits(codes[i : i + step], rng) for i in range(0, len(codes), step)] or [codes]
    )


def swap_bits(codes: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    bits = (codes[:, None] >> np.arange(64, dtype=np.uint64)) & np.uint64(1)
    keys = rng.random(bits.shape)
    swaps = rng.choice(4, size=len(codes), p=[0.4, 0.3, 0.2, 0.1])
    used = np.arange(3)[None, :] < swaps[:, None]
    flips = np.zeros(len(codes), np.uint64)
    # The DC bit (63) stays set: the mean brightness is always above the median coefficient.
    ones = (bits == 1) & (np.arange(64) != 63)
    for pick in (ones, bits == 0):  # three random set bits, then three random clear bits
        chosen = np.argpartition(np.where(pick, keys, 2.0), 2, axis=1)[:, :3].astype(np.uint64)
        masks = np.where(used, np.uint64(1) << chosen, np.uint64(0))
        flips |= np.bitwise_or.reduce(masks, axis=1)
    return codes ^ flips


@dataclass
class Case:
    codes: np.ndarray  # uint64, row id = position
    planted: list[tuple[int, int]]  # (query index, row) pairs every search must return
    background: np.ndarray  # the same rows before the query's reposts were planted


def synthesise_case(
    videos: list[np.ndarray], queries: tuple[np.ndarray, np.ndarray], size: int, seed: int
) -> Case:
    rng = np.random.default_rng(seed)
    unique_count = int(size * (1 - REPOST_SHARE))
    plain, mirrored = unique_footage(videos, unique_count, rng)
    clips = [plain[start : start + 240] for start in range(0, unique_count, 240)]
    reposted = 0
    while reposted < size - unique_count:
        length = int(min(rng.geometric(1 / 60), size - unique_count - reposted))
        start = int(rng.integers(unique_count - length))
        clips.append((mirrored if rng.random() < 0.2 else plain)[start : start + length])
        reposted += length
    rng.shuffle(clips)  # a list of arrays: shuffles the clips, not their frames
    codes = reencode_noise(np.concatenate(clips), rng)
    return plant_reposts(codes, queries, rng)


def plant_reposts(
    background: np.ndarray, queries: tuple[np.ndarray, np.ndarray], rng: np.random.Generator
) -> Case:
    codes = background.copy()
    planted = []
    for first, end, mirrored, at in PLANTED:
        stretch = reencode_noise(queries[int(mirrored)][first:end], rng)
        codes[at : at + len(stretch)] = stretch
        offset = QUERY_FRAMES if mirrored else 0  # mirrored queries follow the plain ones
        planted += [(offset + first + i, at + i) for i in range(len(stretch))]
    return Case(codes, planted, background)


# --------------------------------------------------------------------------- measuring


def median_time(run: Callable[[], T], rounds: int) -> tuple[float, T]:
    """Median wall time of ``rounds`` calls (at least one), and the last result."""
    times = []
    for _ in range(max(1, rounds) - 1):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    started = time.perf_counter()
    result = run()
    times.append(time.perf_counter() - started)
    return statistics.median(times), result


def reset_peak_rss() -> None:
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS


def rss_mb(field: str = "VmHWM") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def faiss_codes(codes: np.ndarray) -> np.ndarray:
    """(n, 8) uint8 plus one zero row of padding: FAISS's hash indexes read 8 bytes at a
    sub-code offset, past the end of the last code."""
    padded = np.zeros(len(codes) + 1, np.uint64)
    padded[:-1] = codes
    return padded.view(np.uint8).reshape(-1, 8)[:-1]


def faiss_hits(index: Any, queries: np.ndarray, radius: int) -> HashHits:
    # FAISS keeps distances strictly below the threshold it is given.
    lims, distances, labels = index.range_search(faiss_codes(queries), radius + 1)
    query = np.repeat(np.arange(len(queries)), np.diff(lims).astype(np.int64))
    order = np.lexsort((labels, distances, query))
    return HashHits(query[order], labels[order], distances[order].astype(np.int32))


def same_hits(a: HashHits, b: HashHits) -> bool:
    return all(np.array_equal(x, y) for x, y in zip(
        (a.query, a.row, a.distance), (b.query, b.row, b.distance), strict=True))  # fmt: skip


def missing_planted(hits: HashHits, planted: list[tuple[int, int]]) -> int:
    found = set(zip(hits.query.tolist(), hits.row.tolist(), strict=True))
    return sum(pair not in found for pair in planted)


@dataclass
class Measure:
    size: int
    build_s: float
    search_s: float
    flat_s: float
    method: str
    hits: int
    background: int  # hits on rows that are not planted reposts of the query
    missing: int
    identical: bool
    index_mb: float
    rss_before_mb: float
    peak_mb: float


def measure_size(case: Case, queries: np.ndarray, size: int, rounds: int) -> Measure:
    codes = case.codes[:size]
    rss_before = rss_mb("VmRSS")
    reset_peak_rss()
    started = time.perf_counter()
    index = FrameHashIndex(codes, np.arange(size, dtype=np.int64))
    build_s = time.perf_counter() - started
    search_s, hits = median_time(lambda: index.search(queries, RADIUS), rounds)
    peak = rss_mb("VmHWM")
    flat = faiss.IndexBinaryFlat(64)
    flat.add(faiss_codes(codes))
    flat_s, flat_hits = median_time(lambda: faiss_hits(flat, queries, RADIUS), max(1, rounds // 2))
    return Measure(
        size=size, build_s=build_s, search_s=search_s, flat_s=flat_s,
        method=index.plan(queries, RADIUS).method, hits=len(hits),
        background=int(np.isin(hits.row, [row for _, row in case.planted], invert=True).sum()),
        missing=missing_planted(hits, case.planted), identical=same_hits(hits, flat_hits),
        index_mb=index.nbytes / 2**20, rss_before_mb=rss_before, peak_mb=peak,
    )  # fmt: skip


def print_table(rows: list[Measure]) -> None:
    print(f"\nradius {RADIUS}, {QUERY_FRAMES} frames x 2 (as is, mirrored) = "
          f"{2 * QUERY_FRAMES} queries; times are medians; 'other' = hits on rows that are not "
          f"the planted reposts; '= flat': identical to the flat scan's hits")  # fmt: skip
    columns = ("indexed", "build s", "search ms", "method", "flat ms", "hits", "other",
               "planted", "= flat", "index MB", "RSS before", "peak RSS")  # fmt: skip
    widths = (10, 8, 10, 7, 8, 7, 7, 8, 6, 9, 11, 9)
    header = " ".join(f"{c:>{w}}" for c, w in zip(columns, widths, strict=True))
    print(header)
    print("-" * len(header))
    for m in rows:
        cells = (
            f"{m.size:,}", f"{m.build_s:.2f}", f"{m.search_s * 1e3:.1f}", m.method,
            f"{m.flat_s * 1e3:.1f}",
            f"{m.hits:,}", f"{m.background:,}", "all" if not m.missing else f"-{m.missing}",
            "yes" if m.identical else "NO", f"{m.index_mb:.1f}", f"{m.rss_before_mb:.0f} MB",
            f"{m.peak_mb:.0f} MB",
        )  # fmt: skip
        print(" ".join(f"{c:>{w}}" for c, w in zip(cells, widths, strict=True)))
    first, last = rows[0], rows[-1]
    print(f"\nsearch time {last.size:,} / {first.size:,}: "
          f"{last.search_s / first.search_s:.1f}x for {last.size // first.size}x the frames "
          f"(flat scan: {last.flat_s / first.flat_s:.1f}x)")  # fmt: skip
    ok_time = last.search_s < TARGET_S
    ok_memory = last.peak_mb < TARGET_MB
    exact = all(m.identical and not m.missing for m in rows)
    print(f"target at {last.size:,}: search {last.search_s * 1e3:.0f} ms < 1 s: "
          f"{'PASS' if ok_time else 'FAIL'}; peak RSS {last.peak_mb:.0f} MB < 1 GB: "
          f"{'PASS' if ok_memory else 'FAIL'}; exact (= flat scan, all planted found): "
          f"{'PASS' if exact else 'FAIL'}")  # fmt: skip


def print_radius_sweep(case: Case, queries: np.ndarray, size: int, rounds: int) -> None:
    """Search time by radius: each step of 4 adds a flipped bit per key (137 -> 697 keys per
    table at 12), and the index scans everything past ``EXACT_RADIUS`` or when the candidates
    would cost more than a scan."""
    index = FrameHashIndex(case.codes[:size])
    print(f"\nby radius at {size:,} rows (tables answer up to {hashindex.EXACT_RADIUS}):")
    for radius in (4, 8, 10, 11, 12, 15, 16):
        search_s, hits = median_time(partial(index.search, queries, radius), rounds)
        plan = index.plan(queries, radius)
        candidates = f", {plan.candidates / len(queries):,.0f} candidates/query" * bool(
            plan.candidates
        )
        print(f"  radius {radius:2}: {search_s * 1e3:7.1f} ms  {len(hits):>8,} hits  "
              f"({plan.method}{candidates})")  # fmt: skip


# --------------------------------------------------------------------------- data profile


def neighbours_per_row(codes: np.ndarray, index: FrameHashIndex, rng: np.random.Generator) -> float:
    sample = codes[rng.choice(len(codes), 500, replace=False)]
    return len(index.search(sample, RADIUS)) / len(sample) - 1  # minus the row itself


def key_load(codes: np.ndarray, layout: Callable[[np.ndarray], np.ndarray]) -> list[float]:
    """Per 16-bit key: expected size of the bucket a random row falls in (uniform: ~15)."""
    permuted = layout(codes)
    loads = []
    for table in range(4):
        key = ((permuted >> np.uint64(16 * table)) & np.uint64(0xFFFF)).astype(np.int64)
        counts = np.bincount(key, minlength=1 << 16).astype(np.float64)
        loads.append(float((counts**2).sum() / len(codes)))
    return loads


def print_profile(case: Case, size: int) -> None:
    """How the synthetic hashes compare with uniform codes: why realism matters here."""
    rng = np.random.default_rng(1)
    codes = case.codes[:size]
    uniform = rng.integers(0, 2**64 - 1, size, dtype=np.uint64, endpoint=True)
    weights = np.bincount(popcount(codes), minlength=65)
    dc_set = float(((codes >> np.uint64(63)) & np.uint64(1)).mean())
    print(f"\ndata profile at {size:,} rows: {weights[32] / size:.1%} have 32 bits set; "
          f"DC bit set in {dc_set:.1%}")  # fmt: skip
    for name, sample in (("synthetic pHash", codes), ("uniform random", uniform)):
        index = FrameHashIndex(sample)
        contiguous = key_load(sample, lambda c: c)
        diagonal = key_load(sample, hashbits.permute_bits)
        print(f"  {name:16} rows within {RADIUS} bits of a row: "
              f"{neighbours_per_row(sample, index, rng):7.1f}; bucket load per key, "
              f"contiguous {[round(v) for v in contiguous]}, "
              f"diagonal {[round(v) for v in diagonal]}")  # fmt: skip


# --------------------------------------------------------------------------- candidates


def time_faiss(
    name: str, make: Callable[[], Any], queries: np.ndarray, reference: HashHits
) -> None:
    started = time.perf_counter()
    index = make()
    build_s = time.perf_counter() - started
    stats = faiss.cvar.indexBinaryHash_stats  # type: ignore[attr-defined]
    stats.reset()
    search_s, hits = median_time(lambda: faiss_hits(index, queries, RADIUS), 1)
    candidates = f"{stats.ndis / stats.nq:9,.0f}" if stats.nq else f"{'-':>9}"
    recall = len(hits) / max(1, len(reference))
    exact = "exact" if same_hits(hits, reference) else f"recall {recall:.3f}"
    print(f"  {name:44} build {build_s:5.1f} s  search {search_s * 1e3:8.1f} ms  "
          f"candidates/query {candidates}  {exact}")  # fmt: skip


def faiss_candidates(codes: np.ndarray) -> dict[str, Callable[[], Any]]:
    """Name -> builder of each FAISS structure considered, filled with ``codes``."""
    as_bytes = faiss_codes(codes)

    def filled(make: Callable[[], Any], **settings: int) -> Callable[[], Any]:
        def build() -> Any:
            index = make()
            if isinstance(index, faiss.IndexBinaryIVF):
                sample = np.random.default_rng(0).choice(
                    len(codes), 50 * index.nlist, replace=False
                )
                index.train(as_bytes[np.sort(sample)])
            index.add(as_bytes)
            for key, value in settings.items():
                setattr(index, key, value)
            return index

        return build

    def ivf() -> Any:
        return faiss.IndexBinaryIVF(faiss.IndexBinaryFlat(64), 64, 1024)

    return {
        "IndexBinaryFlat (linear scan)": filled(lambda: faiss.IndexBinaryFlat(64)),
        "IndexBinaryMultiHash 4 x 16 bits, nflip=2": filled(
            lambda: faiss.IndexBinaryMultiHash(64, 4, 16), nflip=2
        ),
        "IndexBinaryMultiHash 3 x 21 bits, nflip=3": filled(
            lambda: faiss.IndexBinaryMultiHash(64, 3, 21), nflip=3
        ),
        f"IndexBinaryHash 12 bits, nflip={RADIUS}": filled(
            lambda: faiss.IndexBinaryHash(64, 12), nflip=RADIUS
        ),
        "IndexBinaryIVF nlist=1024, nprobe=32": filled(ivf, nprobe=32),
        "IndexBinaryIVF nlist=1024, nprobe=1024": filled(ivf, nprobe=1024),
    }


def print_candidates(case: Case, queries: np.ndarray, size: int) -> None:
    codes = case.codes[:size]
    flat = faiss.IndexBinaryFlat(64)
    flat.add(faiss_codes(codes))
    reference = faiss_hits(flat, queries, RADIUS)
    print(f"\ncandidates at {size:,} rows, radius {RADIUS} (single search each):")
    for name, make in faiss_candidates(codes).items():
        time_faiss(name, make, queries, reference)
    for name, layout in (("diagonal keys", None), ("contiguous keys", list(range(64)))):
        saved = hashbits._PERMUTE
        if layout is not None:  # ablation: the same index with plain 16-bit runs as keys
            hashbits._PERMUTE = hashbits._byte_tables(layout)
        try:
            index = FrameHashIndex(codes)
            search_s, hits = median_time(partial(index.search, queries, RADIUS), 5)
        finally:
            hashbits._PERMUTE = saved
        print(f"  {'FrameHashIndex, ' + name:44} {'':16}  search {search_s * 1e3:8.1f} ms  "
              f"{'':26}  {'exact' if same_hits(hits, reference) else 'MISMATCH'}")  # fmt: skip


# --------------------------------------------------------------------------- case index


CLIP_FRAMES = 240  # filler clips: 2 minutes at 2 samples per second, as ``analyze`` samples
SAMPLE_S = 0.5
PLANT_AFTER = (3, 17, 31)  # the real clips go in after these filler clips (all in 10**4)
STAND_IN_VIDEOS = (  # unrelated footage of the query's sample size (320 x 180) for features
    "imageio_cockatoo.mp4", "intel_bottle-detection.mp4", "intel_car-detection.mp4",
    "intel_one-by-one-person-detection.mp4", "moviepy_chaplin.mp4", "udacity_solidYellowLeft.mp4",
)  # fmt: skip
NO_FEATURES = ClipFeatures(CLIP_FRAMES * SAMPLE_S, (320, 180), ())
CASE_ROUND_BUDGET_S = 12.0  # repeat a size's search while its rounds took less than this
# What the step columns count: wall time, or with --cpu-steps the process's CPU time (all
# threads), which other processes on a loaded machine do not inflate.
STEP_CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}
step_clock = STEP_CLOCKS["wall"]


@dataclass(frozen=True)
class Repost:
    """A real clip planted in the case, and the stretch of the query it shows."""

    name: str
    query_s: tuple[float, float]
    mirrored: bool
    required: bool  # False: the hash shortlist may miss it by design (CaseSearch.scope says so)
    how: str


REPOSTS = (
    Repost("aggregator_repost.mp4", (0.0, 40.0), False, True,
           "the samples' repost: first 40 s letterboxed into 480 x 480, logo, re-encoded"),
    Repost("legion_60-90s_mirrored.mp4", (60.0, 90.0), True, True,
           "cut here: 60-90 s of the query, mirrored, 426 px wide, x264 CRF 30"),
    Repost("mod_strikes_2023-05-23.mp4", (36.0, 43.0), True, False,
           "the source the query reuses at 36-43 s, mirrored and cropped 15 %: pHash "
           "distances 16-34 bits, so the shortlist is not expected to reach it"),
)  # fmt: skip


@dataclass
class RealClip:
    repost: Repost
    record: AnalysisRecord
    features: ClipFeatures


# An analysis record of a clip nobody looked at, read through the JSON reader once; every
# indexed clip is this with its identity, duration and frame hashes (what ``CaseIndex.add``
# reads; actor and release date stay unknown, as before).
EMPTY_RECORD = record_from_dict({
    "schema": "forensics.analysis/1",
    "tool": {"name": "forensics", "version": "0", "ffmpeg": "ffmpeg", "ffmpeg_version": "0",
             "ffmpeg_source": "PATH", "probe_backend": "ffprobe", "libraries": {},
             "commands": []},
    "file": {"path": "/clip.mp4", "name": "clip.mp4", "size_bytes": 0, "sha256": "0" * 64,
             "md5": "0" * 32, "modified_utc": "2023-05-27T00:00:00Z",
             "analysed_at_utc": "2023-05-27T00:00:00Z"},
    "media": {"kind": "video", "container": "mp4", "container_long": None, "duration_s": None,
              "bit_rate": None, "width": 320, "height": 180, "rotation": 0, "fps": None,
              "variable_fps": None, "frame_count": None, "video_codec": "h264",
              "video_profile": None, "audio_codec": None, "audio_profile": None,
              "video_duration_s": None, "audio_duration_s": None, "streams": [],
              "format_tags": {}, "timing": None},
    "metadata": {"creation_time": None, "creation_time_source": None,
                 "creation_time_raw": None, "encoder": None, "make": None, "model": None,
                 "software": None, "gps": None, "tags": {}},
    "flags": [], "crop": None, "frames": [], "keyframes": [], "frame_images": [], "claims": [],
    "case": None, "reuse": [], "reuse_checked": None, "reuse_scope": None, "checks": [],
})  # fmt: skip
MILLISECONDS = Fraction(1, 1000)
# Filler frame times, shared by every filler clip: 0.5 s apart, exact in milliseconds.
FILLER_TIMES = tuple(Timestamp(round(SAMPLE_S * 1000) * i, MILLISECONDS)
                     for i in range(CLIP_FRAMES))  # fmt: skip


def minimal_record(path: str, sha256: str, duration_s: float, frames: tuple[FrameHash, ...]
                   ) -> AnalysisRecord:  # fmt: skip
    """The parts of an analysis record the case index reads (see ``CaseIndex.add``)."""
    return replace(
        EMPTY_RECORD, file=replace(EMPTY_RECORD.file, path=path, name=Path(path).name,
                                   sha256=sha256),
        media=replace(EMPTY_RECORD.media, duration_s=duration_s), frames=frames,
    )  # fmt: skip


def hashes_record(path: Path, hashes: Sequence[FrameHash], duration_s: float) -> AnalysisRecord:
    """A clip's record holding its frame hashes as ``decode_for_matching`` gave them."""
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    return minimal_record(str(path), sha, duration_s, tuple(hashes))


def real_clips(ffmpeg: str, work: Path) -> list[RealClip]:
    """The planted clips, decoded exactly as ``forensics analyze``/``search`` decode."""
    cut = work / REPOSTS[1].name
    subprocess.run([
        ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-ss", "60", "-t", "30",
        "-i", str(QUERY_CLIP), "-vf", "hflip,scale=426:-2", "-c:v", "libx264",
        "-preset", "veryfast", "-crf", "30", "-an", str(cut),
    ], check=True)  # fmt: skip
    paths = [QUERY_CLIP.parent / REPOSTS[0].name, cut, QUERY_CLIP.parent / REPOSTS[2].name]
    clips = []
    for repost, path in zip(REPOSTS, paths, strict=True):
        features, hashes = decode_for_matching(path)
        clips.append(RealClip(repost, hashes_record(path, hashes, features.duration_s), features))
    return clips


def stand_in_features(count: int) -> list[ClipFeatures]:
    """``count`` clips of 240 described frames of unrelated real footage (a pool of six
    videos, each clip starting elsewhere in it), for the filler clips the search reads."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        decoded = pool.map(lambda n: decode_for_matching(SHARED_MEDIA / n, with_hashes=False)[0],
                           STAND_IN_VIDEOS)  # fmt: skip
        frames = [f for clip in decoded for f in clip.frames]
    out = []
    for k in range(count):
        start = (k * 89) % len(frames)
        picked = [frames[(start + i) % len(frames)] for i in range(CLIP_FRAMES)]
        out.append(ClipFeatures(CLIP_FRAMES * SAMPLE_S, (320, 180), tuple(
            FrameFeatures(SAMPLE_S * i, f.size, f.points, f.descriptors)
            for i, f in enumerate(picked)
        )))  # fmt: skip
    return out


def filler_chunks(sizes: Sequence[int], real_frames: int) -> list[tuple[int, int, int]]:
    """(size, first row, end row) of the background rows of each filler clip: 240 rows a
    clip, the last of each size shorter, so the case holds exactly ``size`` frames."""
    chunks, start = [], 0
    for size in sizes:
        end = size - real_frames
        chunks += [(size, s, min(s + CLIP_FRAMES, end)) for s in range(start, end, CLIP_FRAMES)]
        start = end
    return chunks


def clips_reached(codes: np.ndarray, clip_of_row: np.ndarray, queries: np.ndarray,
                  frames: int) -> np.ndarray:  # fmt: skip
    """The clips ``reuse._hash_hits`` proposes for these queries (same rule)."""
    hits = FrameHashIndex(codes, clip_of_row).search(queries, reuse.HASH_RADIUS)
    pairs = np.unique(np.stack([hits.row, hits.query % frames]), axis=1)
    clip_ids, counts = np.unique(pairs[0], return_counts=True)
    return clip_ids[counts >= reuse.MIN_HASH_HITS]


WRAPPED_INDEX_METHODS = ("clips", "clips_among", "checked_with", "frame_count",
                         "shortlist_tables", "features")  # fmt: skip


class StepClock:
    """Books the wall time of each step ``reuse.find_in_case`` takes, by wrapping the names it
    looks up in ``forensics.case.search`` and the case index's methods during the call."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.shortlist: set[int] = set()
        self.hits: dict[int, list[Any]] = {}
        self.batches = 0  # FeatureIndex objects built: one per clip compared (each way round)

    def timed(self, label: str, run: Callable[..., T]) -> Callable[..., T]:
        def wrapper(*args: Any, **kwargs: Any) -> T:
            started = step_clock()
            try:
                return run(*args, **kwargs)
            finally:
                self.seconds[label] += step_clock() - started

        return wrapper

    @contextmanager
    def watching(self, index: CaseIndex, force_shortlist: bool) -> Iterator[None]:
        saved = {name: getattr(reuse, name) for name in (
            "FULL_CHECK_FRAMES", "_verify_hits", "from_verified_pairs")}  # fmt: skip
        # each clip the search reaches is compared alone, by ``forensics.reuse.compare``
        compared = {name: getattr(compare_module, name) for name in (
            "FeatureIndex", "from_verified_pairs")}  # fmt: skip
        # and, in the windows around what it found, first at a coarse step (case.confirm)
        confirmed = {name: getattr(confirm_module, name) for name in (
            "FeatureIndex", "from_verified_pairs")}  # fmt: skip
        tables = {name: getattr(shortlist, name) for name in (
            "FrameHashIndex", "WideHashIndex", "hash_hits", "hash_pairs",
            "sketch_pairs")}  # fmt: skip

        def feature_index(*args: Any, **kwargs: Any) -> FeatureIndex:
            self.batches += 1
            matcher = self.timed("index", compared["FeatureIndex"])(*args, **kwargs)
            # match_screened calls match_all: timing this one times both
            matcher.match_all = self.timed("verify", matcher.match_all)  # type: ignore[method-assign]
            return matcher

        def hash_pairs(*args: Any, **kwargs: Any) -> dict[int, list[Any]]:
            self.hits = self.timed("hashes", tables["hash_pairs"])(*args, **kwargs)
            self.shortlist |= set(self.hits)
            return self.hits

        def sketch_pairs(*args: Any, **kwargs: Any) -> dict[int, list[Any]]:
            pairs = self.timed("sketch", tables["sketch_pairs"])(*args, **kwargs)
            times = {c: len({t for t, _ in found}) for c, found in pairs.items()}
            self.shortlist |= {c for c, n in times.items() if n >= reuse.MIN_SKETCH_FRAMES}
            return pairs

        if force_shortlist:
            reuse.FULL_CHECK_FRAMES = 0  # type: ignore[misc]
        # the stored tables are read (and their hash index made without sorting) on the
        # first search of a process only: "build" is that, and zero after
        # (or, from a table file, made from its arrays: ``from_tables``)
        for name in ("FrameHashIndex", "WideHashIndex"):
            made: Any = self.timed("build", tables[name])
            made.from_tables = self.timed("build", tables[name].from_tables)
            setattr(shortlist, name, made)
        shortlist.hash_hits = self.timed("search", tables["hash_hits"])
        shortlist.hash_pairs = hash_pairs
        shortlist.sketch_pairs = sketch_pairs
        compare_module.FeatureIndex = feature_index  # type: ignore[misc,assignment]
        compare_module.from_verified_pairs = self.timed("align", compared["from_verified_pairs"])
        confirm_module.FeatureIndex = feature_index  # type: ignore[misc,assignment]
        coarse_align = self.timed("align", confirmed["from_verified_pairs"])
        confirm_module.from_verified_pairs = coarse_align
        reuse._verify_hits = self.timed("verify", saved["_verify_hits"])
        # features_if_present reads through features: timing both counted each read twice
        index.features = self.timed("features", index.features)  # type: ignore[method-assign]
        reuse.from_verified_pairs = self.timed("align", saved["from_verified_pairs"])
        index.clips = self.timed("list", index.clips)  # type: ignore[method-assign]
        index.clips_among = self.timed("list", index.clips_among)  # type: ignore[method-assign]
        index.checked_with = self.timed("list", index.checked_with)  # type: ignore[method-assign]
        index.frame_count = self.timed("list", index.frame_count)  # type: ignore[method-assign]
        index.shortlist_tables = self.timed("load", index.shortlist_tables)  # type: ignore[method-assign]
        try:
            yield
        finally:
            for name, value in saved.items():
                setattr(reuse, name, value)
            for name, value in tables.items():
                setattr(shortlist, name, value)
            for name, value in compared.items():
                setattr(compare_module, name, value)
            for name, value in confirmed.items():
                setattr(confirm_module, name, value)
            for name in WRAPPED_INDEX_METHODS:
                delattr(index, name)


STEPS = ("list", "load", "build", "search", "select", "sketch", "features", "index", "match",
         "align", "other")  # fmt: skip


@dataclass
class CaseMeasure:
    size: int
    clips: int
    forced: bool  # shortlisting forced below FULL_CHECK_FRAMES
    shortlisted: int
    shortlisted_real: int
    steps: dict[str, float]  # medians
    total_s: float  # median
    first_s: float
    cpu_s: float  # median CPU time of the process (all threads) during a search
    first_cpu_s: float
    rounds: int
    batches: int  # feature indexes built (per round)
    found: dict[str, bool]  # repost name -> found where it is
    false_matches: int  # filler clips reported as sharing footage
    real_only_s: float  # hash path + verifying only the planted clips (one run)
    rss_before_mb: float
    peak_mb: float
    db_mb: float


def repost_found(search: reuse.CaseSearch, repost: Repost) -> bool:
    """A match with the repost, covering part of the query stretch it shows, mirrored or not
    as it is."""
    for match in search.matches:
        if match.other.name != repost.name:
            continue
        for stretch in match.comparison.stretches:
            seg = stretch.segment
            start, end = (seg.a_start, seg.a_end) if match.this_is_a else (seg.b_start, seg.b_end)
            if (
                start < repost.query_s[1]
                and end > repost.query_s[0]
                and (seg.mirrored == repost.mirrored)
            ):
                return True
    return False


def search_case(
    index: CaseIndex, visitor: IndexedClip, query: tuple[ClipFeatures, tuple[FrameHash, ...]],
    size: int, real_ids: dict[int, Repost], rounds: int, budget_s: float = CASE_ROUND_BUDGET_S,
) -> CaseMeasure:  # fmt: skip
    features, hashes = query
    forced = size <= reuse.FULL_CHECK_FRAMES
    rss_before = rss_mb("VmRSS")
    reset_peak_rss()
    clocks, totals, cpus, spent = [], [], [], 0.0
    result = None
    while len(totals) < max(1, rounds) and (not totals or spent < budget_s):
        clock = StepClock()
        with clock.watching(index, forced):
            started, cpu = time.perf_counter(), time.process_time()
            result = reuse.find_in_case(index, visitor, features, hashes, save=False)
            totals.append(time.perf_counter() - started)
            cpus.append(time.process_time() - cpu)
        spent += totals[-1]
        clock.seconds["select"] = clock.seconds.pop("hashes", 0.0) - clock.seconds["search"]
        clock.seconds["load"] -= clock.seconds["build"]
        clock.seconds["match"] = clock.seconds.pop("verify", 0.0) - clock.seconds["index"]
        whole = cpus[-1] if step_clock is time.process_time else totals[-1]
        clock.seconds["other"] = whole - sum(clock.seconds[s] for s in STEPS[:-1])
        clocks.append(clock)
    peak = rss_mb("VmHWM")
    assert result is not None
    shortlist = clocks[-1].shortlist
    # The brief's set-up (filler without features): the same hash path, then only the real
    # clips verified.
    started = time.perf_counter()
    real = [c for c in index.clips() if c.id in real_ids and c.id in clocks[-1].hits]
    for other in real:
        other_features = index.features(other.id)
        verified = reuse._verify_hits(features, other_features, clocks[-1].hits[other.id])
        from_verified_pairs(visitor.name, features, other.name, other_features, verified)
    hash_path = statistics.median(
        sum(c.seconds[s] for s in ("list", "load", "build", "search", "select", "sketch"))
        for c in clocks
    )  # fmt: skip
    return CaseMeasure(
        size=size, clips=len(index.clips()), forced=forced, shortlisted=len(shortlist),
        shortlisted_real=len(shortlist & set(real_ids)),
        steps={s: statistics.median(c.seconds[s] for c in clocks) for s in STEPS},
        total_s=statistics.median(totals), first_s=totals[0], rounds=len(totals),
        cpu_s=statistics.median(cpus), first_cpu_s=cpus[0],
        batches=clocks[-1].batches,
        found={r.name: repost_found(result, r) for r in real_ids.values()},
        false_matches=sum(m.other.id not in real_ids for m in result.matches),
        real_only_s=hash_path + time.perf_counter() - started,
        rss_before_mb=rss_before, peak_mb=peak,
        db_mb=index.path.stat().st_size / 2**20,
    )  # fmt: skip


FILL_BATCH = 4096  # clips per CaseIndex.add_many transaction (about 10**6 frames)
INDEX_FORMAT = 1  # of the kept indexes' stamp: bump when what fill_case writes changes
STAMP = "bench_search_scale.json"  # beside a kept index: how it was filled


def case_items(
    background: np.ndarray, chunks: Sequence[tuple[int, int, int]],
    stand_ins: dict[int, ClipFeatures], real: Sequence[RealClip],
) -> Iterator[tuple[AnalysisRecord, ClipFeatures, None]]:  # fmt: skip
    """The filler clips (and, among the first, the real clips), as ``analyze`` adds them."""
    for number, (_, start, end) in enumerate(chunks):
        codes = background[start:end].astype(">u8").tobytes().hex()
        hexes = [codes[i : i + 16] for i in range(0, len(codes), 16)]
        # The mirrored pHash (and the dHash) repeat the pHash: never read for other clips.
        frames = tuple(FrameHash(t, h, h, h, True, None)
                       for t, h in zip(FILLER_TIMES[: len(hexes)], hexes, strict=True))  # fmt: skip
        name = f"filler_{number:05d}.mp4"
        record = minimal_record(f"/case/{name}", f"{number:064x}", SAMPLE_S * len(frames), frames)
        yield record, stand_ins.get(number, NO_FEATURES), None
        for clip in (c for slot, c in zip(PLANT_AFTER, real, strict=True) if slot == number):
            yield clip.record, clip.features, None


def fill_case(index: CaseIndex, items: Iterator[tuple[AnalysisRecord, ClipFeatures, None]],
              ) -> None:  # fmt: skip
    """Add the clips through ``CaseIndex.add_many``, FILL_BATCH at a time: the same rows and
    shortlist segments as ``CaseIndex.add`` per clip (tests/test_bulk_add.py), each segment
    sorted and written once instead of about log2(clips) times."""
    while batch := list(itertools.islice(items, FILL_BATCH)):
        index.add_many(batch)


def kept_rows(index_dir: Path | None, seed: int, size: int, make: Callable[[], np.ndarray]
              ) -> np.ndarray:  # fmt: skip
    """The synthetic rows (before planting), kept in ``index_dir`` when given: refilling an
    index then skips the synthesis (7 minutes for 10**7 rows at low priority)."""
    if index_dir is None:
        return make()
    path = index_dir / f"rows-seed{seed}-{size}.npy"
    if path.is_file():
        return np.load(path)
    rows = make()
    index_dir.mkdir(parents=True, exist_ok=True)
    np.save(path, rows)
    return rows


def kept_index(folder: Path, stamp: dict[str, Any]) -> bool:
    """Whether ``folder`` holds an index this run would fill exactly so (same stamp)."""
    try:
        return json.loads((folder / STAMP).read_text()) == stamp and (folder / INDEX_FILE).is_file()
    except (OSError, ValueError):
        return False


@dataclass
class CaseSetUp:
    """What filling a case index needs, made on first use (a kept index needs none of it)."""

    ffmpeg: str
    work: Path
    background: Callable[[], np.ndarray]
    filler_features: bool
    _real: list[RealClip] | None = None

    def real(self) -> list[RealClip]:
        if self._real is None:
            self._real = real_clips(self.ffmpeg, self.work)
        return self._real


def filled_index(setup: CaseSetUp, folder: Path, size: int, queries: np.ndarray) -> CaseIndex:
    """A case index of ``size`` frames in ``folder``: filler clips, the planted real clips
    among the first, stand-in features for the filler clips the query's hashes reach if
    asked for."""
    real = setup.real()
    real_frames = sum(len(c.record.frames) for c in real)
    chunks = filler_chunks([size], real_frames)
    background = setup.background()
    stand_ins = {}
    if setup.filler_features:
        rows = np.repeat(np.arange(len(chunks)), [e - s for _, s, e in chunks])
        reached = clips_reached(background[: len(rows)], rows, queries, len(queries) // 2)
        stand_ins = dict(zip(reached.tolist(), stand_in_features(len(reached)), strict=True))
    print(f"  filling {size:,} frames: {len(chunks):,} filler clips, planted "
          f"{', '.join(c.repost.name for c in real)} ({real_frames} frames, real features); "
          + (f"{len(stand_ins)} filler clips the query's hashes reach get stand-in features"
             if setup.filler_features else "filler clips have empty features"), flush=True)
    started = time.perf_counter()
    index = CaseIndex(folder)
    fill_case(index, case_items(background, chunks, stand_ins, real))
    print(f"  filled to {index.frame_count():,} frames in {time.perf_counter() - started:.1f} s "
          f"({index.path.stat().st_size / 2**20:,.0f} MB); searching", flush=True)  # fmt: skip
    return index


def measure_case_index(
    setup: CaseSetUp, sizes: Sequence[int], rounds: int, seed: int, index_dir: Path | None,
    budget_s: float = CASE_ROUND_BUDGET_S,
) -> list[CaseMeasure]:  # fmt: skip
    started = time.perf_counter()
    query = decode_for_matching(QUERY_CLIP)
    decode_s = time.perf_counter() - started
    features, hashes = query
    informative = [h for h in hashes if h.informative]
    print(f"\ncase index: query {QUERY_CLIP.name} ({features.duration_s:.0f} s): "
          f"{len(hashes)} samples, {len(informative)} informative -> {2 * len(informative)} "
          f"hash queries, {len(features.frames)} described frames; decoded for matching in "
          f"{decode_s:.1f} s (once; not in the search times below)")  # fmt: skip
    visitor = IndexedClip(id=-1, sha256=hashlib.sha256(QUERY_CLIP.read_bytes()).hexdigest(),
                          name=QUERY_CLIP.name, path=str(QUERY_CLIP), report_dir=None,
                          duration_s=features.duration_s, actor=None, released=None,
                          added_at="")  # fmt: skip
    queries = codes_from_hex([*(h.phash for h in informative),
                              *(h.phash_mirror for h in informative)])  # fmt: skip
    root = index_dir or setup.work
    out = []
    for size in sizes:
        folder = root / f"frames-{size}"
        # the rows are the first ``size`` of those synthesised for the largest size
        stamp = {"format": INDEX_FORMAT, "seed": seed, "size": size, "of": sizes[-1],
                 "filler_features": setup.filler_features}  # fmt: skip
        if size >= shortlist.WIDE_FROM:  # its big segments have wide keys (since 4fefcbf)
            stamp["wide_from"] = shortlist.WIDE_FROM
        if kept_index(folder, stamp):
            index = CaseIndex(folder)
            print(f"  {size:,} frames: the index kept in {folder} ({index.frame_count():,} "
                  f"frames, {index.path.stat().st_size / 2**20:,.0f} MB)", flush=True)
        else:
            shutil.rmtree(folder, ignore_errors=True)
            index = filled_index(setup, folder, size, queries)
            (folder / STAMP).write_text(json.dumps(stamp))
        names = {r.name: r for r in REPOSTS}
        real_ids = {c.id: names[c.name] for c in index.clips() if c.name in names}
        out.append(search_case(index, visitor, query, size, real_ids, rounds, budget_s))
    return out


def print_case_table(rows: list[CaseMeasure], filler_features: bool) -> None:
    counted = "CPU" if step_clock is time.process_time else "wall"
    print(f"\nend-to-end case search (reuse.find_in_case, save=False): {counted} ms per step, "
          "medians; "
          f"'*': up to {reuse.FULL_CHECK_FRAMES:,} frames find_in_case verifies every clip, "
          f"so the hash shortlist is forced there to time one path at every size")  # fmt: skip
    columns = ("indexed", "clips", "shortlist", *STEPS, "total", "first", "cpu", "first cpu",
               "runs", "batches",
               "reposts", "false", "RSS before", "peak RSS")  # fmt: skip
    widths = (11, 6, 9, 4, 4, 5, 6, 6, 8, 6, 7, 5, 5, 7, 7, 7, 7, 9, 4, 7, 7, 5, 10, 8)
    header = " ".join(f"{c:>{w}}" for c, w in zip(columns, widths, strict=True))
    print(header)
    print("-" * len(header))
    required = [r for r in REPOSTS if r.required]
    for m in rows:
        cells = (
            f"{m.size:,}{'*' if m.forced else ''}", f"{m.clips:,}",
            f"{m.shortlisted_real}+{m.shortlisted - m.shortlisted_real}",
            *(f"{m.steps[s] * 1e3:.0f}" for s in STEPS),
            f"{m.total_s * 1e3:.0f}", f"{m.first_s * 1e3:.0f}", f"{m.cpu_s * 1e3:.0f}",
            f"{m.first_cpu_s * 1e3:.0f}", f"{m.rounds}", f"{m.batches}",
            f"{sum(m.found[r.name] for r in required)}/{len(required)}", f"{m.false_matches}",
            f"{m.rss_before_mb:.0f} MB", f"{m.peak_mb:.0f} MB",
        )  # fmt: skip
        print(" ".join(f"{c:>{w}}" for c, w in zip(cells, widths, strict=True)))
    print("shortlist: planted + filler clips it holds; list: the clips chosen read, the clips "
          "counted, frame_count(); load: "
          "the stored segments read; build/search: their hash tables made (first search of a "
          "process) and searched; select: the rest of hash_pairs; sketch: sketch_pairs; "
          "features: features read from SQLite; index: FeatureIndex built for a comparison; "
          "match: the proposed frame pairs verified (_verify_hits) and the comparisons' frames "
          "matched (match_all); align: from_verified_pairs (alignment and growth); "
          "other: the rest of find_in_case; "
          "reposts: required ones found "
          "where they are; false: filler clips reported as sharing footage")  # fmt: skip
    for repost in REPOSTS:
        seen = ", ".join(f"{m.size:,} {'found' if m.found[repost.name] else 'missed'}"
                         for m in rows)  # fmt: skip
        print(f"  {repost.name} ({'required' if repost.required else 'not required'}: "
              f"{repost.how}): {seen}")  # fmt: skip
    first, last = rows[0], rows[-1]
    print(f"\ncase search time {last.size:,} / {first.size:,}: "
          f"{last.total_s / first.total_s:.1f}x for {last.size // first.size}x the frames; "
          f"hash path alone (list to select) {hash_path_s(last) / hash_path_s(first):.1f}x "
          f"({hash_path_s(first) * 1e3:.0f} -> {hash_path_s(last) * 1e3:.0f} ms)")  # fmt: skip
    if filler_features:
        print("hash path + verifying only the planted clips (as if filler clips had no "
              "features; one run): "
              + ", ".join(f"{m.size:,}: {m.real_only_s * 1e3:.0f} ms" for m in rows))  # fmt: skip
    else:
        print(f"filler clips have no features here: the {last.shortlisted - last.shortlisted_real}"
              f" the shortlist holds at {last.size:,} cost only their reading, not their "
              f"verification (--filler-features times that)")  # fmt: skip
    ok_time = last.total_s < TARGET_S
    ok_memory = last.peak_mb < TARGET_MB
    ok_found = all(m.found[r.name] for m in rows for r in required)
    ok_clean = not any(m.false_matches for m in rows)
    setup = "filler clips with features" if filler_features else "filler clips without features"
    print(f"target at {last.size:,} ({setup}): case search {last.total_s * 1e3:,.0f} ms < 1 s: "
          f"{'PASS' if ok_time else 'FAIL'}; peak RSS {last.peak_mb:.0f} MB < 1 GB: "
          f"{'PASS' if ok_memory else 'FAIL'}; required reposts found at every size: "
          f"{'PASS' if ok_found else 'FAIL'}; no false match: "
          f"{'PASS' if ok_clean else 'FAIL'}")  # fmt: skip


def hash_path_s(m: CaseMeasure) -> float:
    return sum(m.steps[s] for s in ("list", "load", "build", "search", "select", "sketch"))


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--rounds", type=int, default=5, help="in-memory tier: searches per size (median)"
    )
    parser.add_argument("--seed", type=int, default=20230522)
    parser.add_argument(
        "--candidates", action="store_true", help="also time the FAISS structures considered"
    )
    tier = parser.add_mutually_exclusive_group()
    tier.add_argument(
        "--case-index", action="store_true", help="only the search through SQLite case indexes"
    )
    tier.add_argument("--in-memory", action="store_true", help="only the FrameHashIndex tier")
    parser.add_argument(
        "--filler-features", action="store_true",
        help="case index: give the filler clips the shortlist reaches real features of "
        "unrelated footage, so their verification is timed too (about 6 min in all)",
    )  # fmt: skip
    parser.add_argument(
        "--case-rounds", type=int, default=3,
        help=f"case index: searches per size (median; no more once a size has taken "
        f"{CASE_ROUND_BUDGET_S:.0f} s)",
    )  # fmt: skip
    parser.add_argument(
        "--sizes", type=lambda text: [int(float(n)) for n in text.split(",")],
        default=list(SIZES), metavar="N,N,...",
        help="frames indexed, each size measured (default 1e4,1e5,1e6; 1e7: a 2.8 GB index "
        "filled in about 5 minutes of CPU, after 17 of synthesis at low priority)",
    )  # fmt: skip
    parser.add_argument(
        "--index-dir", type=Path, metavar="DIR",
        help="case index: keep each size's index in DIR/frames-N and reuse it on later runs "
        "with the same seed and options (the search is then timed without refilling)",
    )  # fmt: skip
    parser.add_argument("--case-budget", type=float, default=CASE_ROUND_BUDGET_S, metavar="S",
                        help="case index: no more rounds once a size's searches took S s")
    parser.add_argument("--cpu-steps", action="store_true",
                        help="case index: the step columns count CPU time, not wall time")
    args = parser.parse_args(argv)
    sizes = sorted(set(args.sizes))
    global step_clock
    step_clock = STEP_CLOCKS["cpu" if args.cpu_steps else "wall"]

    started = time.perf_counter()
    load_at_start = os.getloadavg()[0]
    ffmpeg = find_toolchain().ffmpeg

    @cache
    def synthesised() -> tuple[Case, np.ndarray]:
        """The case's rows (made only when a tier needs them) and the query's hashes."""
        sources = source_videos(ffmpeg)
        plain, mirrored = query_hashes(ffmpeg)
        print(f"decoded {sum(len(f) for _, f in sources):,} frames of {len(sources)} videos and "
              f"{len(plain)} query frames in {time.perf_counter() - started:.1f} s")  # fmt: skip
        case = synthesise_case([f for _, f in sources], (plain, mirrored), sizes[-1], args.seed)
        print(f"synthesised {len(case.codes):,} frame hashes ({len(case.planted)} planted) "
              f"after {time.perf_counter() - started:.1f} s; peak RSS so far "
              f"{rss_mb():.0f} MB", flush=True)  # fmt: skip
        return case, np.concatenate([plain, mirrored])

    if not args.case_index:
        case, queries = synthesised()
        rows = [measure_size(case, queries, size, args.rounds) for size in sizes]
        print_table(rows)
        print_radius_sweep(case, queries, sizes[-1], args.rounds)
        print_profile(case, sizes[-1])
        if args.candidates:
            print_candidates(case, queries, sizes[-1])
    if not args.in_memory:
        with tempfile.TemporaryDirectory(prefix="bench-case-") as work:
            setup = CaseSetUp(ffmpeg, Path(work),
                              partial(kept_rows, args.index_dir, args.seed, sizes[-1],
                                      lambda: synthesised()[0].background),
                              args.filler_features)  # fmt: skip
            measured = measure_case_index(setup, sizes, args.case_rounds, args.seed,
                                          args.index_dir, args.case_budget)  # fmt: skip
        print_case_table(measured, args.filler_features)
    print(f"\ntotal {time.perf_counter() - started:.0f} s; load average at start "
          f"{load_at_start:.2f}, now {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores "
          f"(other processes slow every figure)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
