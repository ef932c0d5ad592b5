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
measured to choose the design. Linux only (``/proc``); about 1 minute on 2 cores, 1.5 with
``--candidates``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from PIL import Image

from forensics import hashindex
from forensics.hashindex import FrameHashIndex, HashHits, codes_from_hex, popcount
from forensics.hashing import hash_image
from forensics.toolchain import find_toolchain

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
    codes: np.ndarray, queries: tuple[np.ndarray, np.ndarray], rng: np.random.Generator
) -> Case:
    planted = []
    for first, end, mirrored, at in PLANTED:
        stretch = reencode_noise(queries[int(mirrored)][first:end], rng)
        codes[at : at + len(stretch)] = stretch
        offset = QUERY_FRAMES if mirrored else 0  # mirrored queries follow the plain ones
        planted += [(offset + first + i, at + i) for i in range(len(stretch))]
    return Case(codes, planted)


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
        diagonal = key_load(sample, hashindex.permute_bits)
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
        saved = hashindex._PERMUTE
        if layout is not None:  # ablation: the same index with plain 16-bit runs as keys
            hashindex._PERMUTE = hashindex._byte_tables(layout)
        try:
            index = FrameHashIndex(codes)
            search_s, hits = median_time(partial(index.search, queries, RADIUS), 5)
        finally:
            hashindex._PERMUTE = saved
        print(f"  {'FrameHashIndex, ' + name:44} {'':16}  search {search_s * 1e3:8.1f} ms  "
              f"{'':26}  {'exact' if same_hits(hits, reference) else 'MISMATCH'}")  # fmt: skip


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="searches per size (median)")
    parser.add_argument("--seed", type=int, default=20230522)
    parser.add_argument(
        "--candidates", action="store_true", help="also time the FAISS structures considered"
    )
    args = parser.parse_args(argv)

    started = time.perf_counter()
    ffmpeg = find_toolchain().ffmpeg
    sources = source_videos(ffmpeg)
    plain, mirrored = query_hashes(ffmpeg)
    queries = np.concatenate([plain, mirrored])
    print(f"decoded {sum(len(f) for _, f in sources):,} frames of {len(sources)} videos and "
          f"{len(plain)} query frames in {time.perf_counter() - started:.1f} s")  # fmt: skip
    case = synthesise_case([f for _, f in sources], (plain, mirrored), SIZES[-1], args.seed)
    elapsed = time.perf_counter() - started
    print(f"synthesised {len(case.codes):,} frame hashes ({len(case.planted)} planted) "
          f"after {elapsed:.1f} s; peak RSS so far {rss_mb():.0f} MB")  # fmt: skip
    rows = [measure_size(case, queries, size, args.rounds) for size in SIZES]
    print_table(rows)
    print_radius_sweep(case, queries, SIZES[-1], args.rounds)
    print_profile(case, SIZES[-1])
    if args.candidates:
        print_candidates(case, queries, SIZES[-1])
    print(f"\ntotal {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
