"""The case's shortlist tables: which clips of the case may share footage with a new one,
found without reading every clip's features, so adding the 1,000th clip costs about what
adding the 10th does.

Two keys, stored in the case index as clips join (never rebuilt per search):

* **frame hashes**: every informative frame's pHash in a multi-index hash table
  (:class:`forensics.reuse.hashindex.FrameHashIndex`), searched with the new clip's pHashes as
  they are, mirrored, with grey levels inverted (the complement, DC bit kept: within 1 bit of
  the inverted picture's pHash) and turned a quarter (the transposed mirrored pHash is the
  pHash of the picture turned 90 degrees, within 0-4 bits; measured on real footage).
* **a sketch of local features**, for what moves a pHash far (crops, zooms, insets,
  letterboxes, rotations; a 15 % crop moves it 16-34 bits): up to ``SKETCH_DESCRIPTORS`` ORB
  descriptors of each described frame (frames, insets, portrait reductions), each cut into
  ``SKETCH_CHUNKS`` keys of 24 bits in a sorted table. The new clip's descriptors (as is,
  mirrored and of its inverted frames) look their keys up; two descriptors within ORB's match
  distance share one key more often than not (48 of 256 bits apart: 1 - (1 - (208/256)^24)^6
  = 0.04-0.5 per pair, and a shared frame has dozens of pairs), two unrelated ones seldom, and
  a key that more than ``MAX_BUCKET`` stored descriptors hold is read as noise.

The tables are kept in segments (``shortlist_segments``): a joining clip writes its own small
segment in the transaction that adds it, and the newest segments are merged while the newer
is at least half the older, so a case of N clips has about log2(N) of them and each clip is
re-sorted about log2(N) times in all. ``shortlist_members`` says which segment holds a clip's
current entries: a clip analysed again or removed leaves stale rows behind in its old
segment, which a search ignores and the next merge drops. A search loads the segments once per
process (they never change; a merge writes a new one). A segment of WIDE_FROM frame hashes or
more keeps them in tables with wider keys (:mod:`forensics.case.widehash`: less than half the
memory). Clips added together (``CaseIndex.add_many``) are merged in memory first.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, cast

import cv2
import numpy as np

from forensics.case.sketchkeys import MAX_BUCKET, SKETCH_CHUNKS, Query, sketch_keys
from forensics.case.widehash import WideHashIndex
from forensics.records import FrameHash
from forensics.reuse.features import MAX_HAMMING, REPROJECTION_PX, FrameFeatures
from forensics.reuse.hashcodes import inverted_codes, popcount, transposed_codes
from forensics.reuse.hashindex import FrameHashIndex, codes_from_hex

SKETCH_DESCRIPTORS = 32  # of a frame's 200 (16 missed the samples' cropped, mirrored reuse)
MIN_SKETCH_MATCHES = 4  # of a stored frame's sketch descriptors, near ones of a new frame
SKETCH_CANDIDATES = 3  # stored frames tried per frame of the new clip, most pairs first
MAX_SKETCH_SCALE = 5.0  # a picture shown at most this much smaller or larger
SKETCH_HAMMING = MAX_HAMMING
# Frame hashes a segment holds from which its hash tables take wide keys (widehash): as fast
# at 10**7 as FrameHashIndex's 16-bit keys and less than half the memory; twice as slow at 10**6.
WIDE_FROM = 4_000_000
FRAME_DTYPE = np.dtype([("clip", "<i8"), ("t", "<f8")])


@dataclass(frozen=True, eq=False)
class Segment:
    """One stored segment: frame hashes (row -> clip, time) and the sketch: descriptors (each
    with its frame) and their keys, sorted, each with its descriptor."""

    hashes: FrameHashIndex | WideHashIndex  # wide keys from WIDE_FROM rows
    hash_frames: np.ndarray  # FRAME_DTYPE per hash row
    descriptors: np.ndarray  # (n, 32) uint8
    points: np.ndarray  # (n, 2) float32: where each descriptor's keypoint lies in its frame
    desc_frame: np.ndarray  # int32: the sketch frame of each descriptor
    sketch_frames: np.ndarray  # FRAME_DTYPE per sketch frame
    keys: np.ndarray  # uint32, sorted
    key_desc: np.ndarray  # int32: the descriptor of each key

    @functools.cached_property
    def hash_counts(self) -> dict[int, int]:
        """Clip -> its rows in the frame hashes (current or stale)."""
        clips, counts = np.unique(self.hash_frames["clip"], return_counts=True)
        return dict(zip(clips.tolist(), counts.tolist(), strict=True))

    @property
    def size(self) -> int:
        return len(self.hash_frames) + len(self.keys)

    def to_bytes(self) -> bytes:
        """The segment as the index stores it: its hash tables' sort orders, not the rest of
        them (a table file beside the index holds them whole: :attr:`arrays`)."""
        wide = isinstance(self.hashes, WideHashIndex)
        orders: dict[str, Any] = {f"{'wide' if wide else 'order'}{i}": order
                  for i, order in enumerate(self.hashes.orders)}  # fmt: skip
        buffer = io.BytesIO()
        np.savez(buffer, **cast(dict[str, Any], {**self._rows_arrays(), **orders}))
        return buffer.getvalue()

    def _rows_arrays(self) -> dict[str, np.ndarray]:
        return {"codes": self.hashes.codes, "hash_frames": self.hash_frames,
                "descriptors": self.descriptors, "points": self.points,
                "desc_frame": self.desc_frame, "sketch_frames": self.sketch_frames,
                "keys": self.keys, "key_desc": self.key_desc}  # fmt: skip

    @property
    def arrays(self) -> dict[str, np.ndarray]:
        """Every array of the segment by name, its hash tables built: what its table file
        holds (:mod:`forensics.case.tablefile`), from which :meth:`from_arrays` makes it
        again without building anything."""
        return {**self._rows_arrays(), **self.hashes.tables}

    @classmethod
    def from_arrays(cls, data: dict[str, np.ndarray]) -> Segment:
        """The segment of its :attr:`arrays` (ValueError when they do not fit together)."""
        make = WideHashIndex.from_tables if "wide0" in data else FrameHashIndex.from_tables
        segment = cls(make(data["codes"], data), data["hash_frames"], data["descriptors"],
                      data["points"], data["desc_frame"], data["sketch_frames"],
                      data["keys"], data["key_desc"])  # fmt: skip
        pairs = ((segment.hash_frames, segment.hashes), (segment.keys, segment.key_desc),
                 (segment.points, segment.descriptors))  # fmt: skip
        if any(len(a) != len(b) for a, b in pairs):
            raise ValueError("segment arrays of different lengths")  # fmt: skip
        return segment

    @classmethod
    def from_bytes(cls, blob: bytes) -> Segment:
        return cls.from_file(io.BytesIO(blob))

    @classmethod
    def from_file(cls, file: Any) -> Segment:
        """Read from a seekable file (a stored segment's blob, read array by array)."""
        with np.load(file, allow_pickle=False) as data:
            hashes: FrameHashIndex | WideHashIndex
            if "wide0" in data.files:
                hashes = WideHashIndex(data["codes"], tuple(data[f"wide{i}"] for i in range(3)))
            else:
                hashes = FrameHashIndex(data["codes"], None,
                                        tuple(data[f"order{i}"] for i in range(4)))  # fmt: skip
            return cls(hashes, data["hash_frames"], data["descriptors"], data["points"],
                       data["desc_frame"], data["sketch_frames"],
                       data["keys"], data["key_desc"])  # fmt: skip

    @property
    def rows(self) -> Rows:
        return Rows(self.hashes.codes, self.hash_frames, self.descriptors, self.points,
                    self.desc_frame, self.sketch_frames)  # fmt: skip


@dataclass(frozen=True, eq=False)
class Rows:
    """What a segment is made of, before sorting: frame hashes (each with its clip and time)
    and the sketch (descriptors, their keypoints and frames, and the frames)."""

    codes: np.ndarray  # uint64 pHashes
    hash_frames: np.ndarray  # FRAME_DTYPE per hash
    descriptors: np.ndarray
    points: np.ndarray
    desc_frame: np.ndarray
    sketch_frames: np.ndarray

    @property
    def size(self) -> int:
        """The size of the segment made of these rows (``Segment.size``)."""
        return len(self.hash_frames) + SKETCH_CHUNKS * len(self.descriptors)

    def of_clip(self, clip_id: int) -> Rows:
        """The same rows, all of clip ``clip_id`` (a clip's rows are made before its id)."""
        hash_frames, sketch_frames = self.hash_frames.copy(), self.sketch_frames.copy()
        hash_frames["clip"], sketch_frames["clip"] = clip_id, clip_id
        return replace(self, hash_frames=hash_frames, sketch_frames=sketch_frames)


def build_segment(rows: Rows) -> Segment:
    keys = sketch_keys(rows.descriptors)
    order = np.argsort(keys, kind="stable")
    big = len(rows.codes) >= WIDE_FROM
    hashes = WideHashIndex(rows.codes) if big else FrameHashIndex(rows.codes)
    return Segment(hashes, rows.hash_frames, rows.descriptors,
                   rows.points.astype(np.float32), rows.desc_frame.astype(np.int32),
                   rows.sketch_frames, keys[order],
                   (order // SKETCH_CHUNKS).astype(np.int32))  # fmt: skip


@dataclass(frozen=True)
class Tables:
    """Every stored segment with the clips whose current rows it holds."""

    segments: tuple[tuple[Segment, frozenset[int]], ...]


# --------------------------------------------------------------------------- searching


def hash_hits(tables: Tables, queries: np.ndarray, radius: int
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """(query, stored frame, distance) of every stored frame hash within ``radius`` bits of
    a query; stored frames as FRAME_DTYPE records of current clips."""
    query, frames, distance = [], [], []
    for segment, clips in tables.segments:
        found = segment.hashes.search(queries, radius)
        rows = segment.hash_frames[found.row]
        current = np.isin(rows["clip"], list(clips))
        query.append(found.query[current])
        frames.append(rows[current])
        distance.append(found.distance[current])
    if not query:
        return np.zeros(0, np.int64), np.zeros(0, FRAME_DTYPE), np.zeros(0, np.int32)
    return np.concatenate(query), np.concatenate(frames), np.concatenate(distance)


Hit = tuple[float, float, bool, int]  # the new clip's time, the stored one's, mirrored, distance
# The pHash variants a new clip's frames are looked up with: triage takes the first two.
VARIANTS = ("as is", "mirrored", "inverted", "inverted mirrored", "turned")
PLAIN_AND_MIRRORED = VARIANTS[:2]
# A large case's first pass: every frame as is and mirrored, and in the other variants only
# the frames that found nothing so (a re-encoded repost of a frame is found as is or
# mirrored; inverted and turned copies have the sketch as a second key)
FIRST_PASS = (PLAIN_AND_MIRRORED, VARIANTS[2:])


def hash_pairs(tables: Tables, clip_id: int, hashes: Sequence[FrameHash], radius: int,
               min_frames: int, variants: Sequence[str] = VARIANTS,
               unmatched: Sequence[str] = (),
               ) -> dict[int, list[Hit]]:  # fmt: skip
    """Clip -> every frame pair within ``radius`` bits, the new clip's frames looked up in
    the ``variants`` named (as they are, mirrored, inverted, inverted and mirrored, turned),
    and then in the ``unmatched`` variants only the frames those found near no frame of
    another clip (a first pass: ``FIRST_PASS``); only clips (other than ``clip_id``) with
    ``min_frames`` frames of the new clip near theirs."""
    informative = [h for h in hashes if h.informative]
    times = np.array([h.time.seconds for h in informative], np.float64)
    phash = codes_from_hex(h.phash for h in informative)
    mirror = codes_from_hex(h.phash_mirror for h in informative)
    by_clip: dict[int, list[Hit]] = {}
    matched = _looked_up(tables, clip_id, (phash, mirror, times), radius, variants, by_clip)
    if unmatched and not matched.all():
        rest = ~matched
        _looked_up(tables, clip_id, (phash[rest], mirror[rest], times[rest]), radius, unmatched,
                   by_clip)  # fmt: skip
    return {c: pairs for c, pairs in by_clip.items() if len({h[0] for h in pairs}) >= min_frames}


def _looked_up(tables: Tables, clip_id: int, frames: tuple[np.ndarray, np.ndarray, np.ndarray],
               radius: int, variants: Sequence[str], by_clip: dict[int, list[Hit]]
               ) -> np.ndarray:  # fmt: skip
    """Add to ``by_clip`` the pairs of the frames (pHashes, mirrored pHashes, times) looked up
    in ``variants``; which of the frames found a frame of a clip other than ``clip_id``."""
    phash, mirror, times = frames
    every = {"as is": (phash, False), "mirrored": (mirror, True),
             "inverted": (inverted_codes(phash), False),
             "inverted mirrored": (inverted_codes(mirror), True),
             "turned": (transposed_codes(mirror), False)}  # fmt: skip
    chosen = [every[name] for name in variants]
    query, stored, distance = hash_hits(tables, np.concatenate([v for v, _ in chosen]), radius)
    tiled = np.tile(times, len(chosen))
    mirrored = np.repeat([m for _, m in chosen], len(times))
    matched = np.zeros(len(times), bool)
    columns = (query.tolist(), stored["clip"].tolist(), stored["t"].tolist(), distance.tolist())
    for q, clip, t, bits in zip(*columns, strict=True):
        if clip != clip_id:
            by_clip.setdefault(clip, []).append((float(tiled[q]), t, bool(mirrored[q]), bits))
            matched[q % len(times)] = True
    return matched


def stored_frames(tables: Tables) -> dict[int, int]:
    """Clip -> how many frame hashes the tables hold of it (its informative frames), counted
    from each segment's clip column once per process (segments never change)."""
    counts: dict[int, int] = {}
    for segment, clips in tables.segments:
        for clip, count in segment.hash_counts.items():
            if clip in clips:
                counts[clip] = counts.get(clip, 0) + count
    return counts


def sketch_pairs(tables: Tables, frames: Iterable[FrameFeatures], exclude: int | None = None
                 ) -> dict[int, list[tuple[float, float]]]:  # fmt: skip
    """Clip -> (the new clip's time, the stored frame's time) of every pair of frames whose
    descriptors (the new frame's as is or mirrored) are within SKETCH_HAMMING bits of
    MIN_SKETCH_MATCHES of the stored frame's sketch, placed alike: a similarity transform
    (RANSAC) maps them onto each other.

    A key is noise when more than MAX_BUCKET stored descriptors hold it in all segments
    together, so the votes do not depend on how the tables are cut into segments (counted per
    segment, a common key was noise in a big segment but not in the small ones, and each
    segment cost as much as the whole case). ``exclude``: a clip whose own rows are passed
    over (the clip searched, which joined the case before its search)."""
    queries = [(f.t, d, p) for f in frames for d, p in zip(f.descriptors, f.points, strict=True)
               if len(d)]  # fmt: skip
    if not queries:
        return {}
    query = Query(np.concatenate([d for _, d, _ in queries]),
                  np.concatenate([p for _, _, p in queries]).astype(np.float32),
                  np.repeat(np.arange(len(queries)), [len(d) for _, d, _ in queries]),
                  np.array([t for t, _, _ in queries]))  # fmt: skip
    spans = [_spans(segment, query) for segment, _ in tables.segments]
    held = sum((count for _, count in spans), np.zeros(len(query.keys), np.int64))
    useful = (held <= MAX_BUCKET) & query.rare
    pairs: dict[int, list[tuple[float, float]]] = {}
    for (segment, clips), span in zip(tables.segments, spans, strict=True):
        current = frozenset(clips - {exclude}) if exclude is not None else clips
        for clip, t, stored_t in _voted(segment, current, query, span, useful):
            pairs.setdefault(clip, []).append((t, stored_t))
    return pairs


def _spans(segment: Segment, query: Query) -> tuple[np.ndarray, np.ndarray]:
    """Where each query key's stored descriptors start in the segment's sorted keys, and how
    many (looked up in key order: three times faster than in the query's order)."""
    start, count = np.zeros((2, len(query.keys)), np.int64)
    if len(segment.keys):  # (a segment of clips without features holds no sketch)
        start[query.key_order] = np.searchsorted(segment.keys, query.sorted_keys, side="left")
        count[query.key_order] = np.searchsorted(segment.keys, query.sorted_keys, side="right")
    return start, count - start


def _near_pairs(segment: Segment, clips: frozenset[int], query: Query,
                span: tuple[np.ndarray, np.ndarray], useful: np.ndarray,
                ) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """(query descriptor, stored descriptor of a clip in ``clips``) of every pair sharing a
    ``useful`` key and within SKETCH_HAMMING bits."""
    start, count = span
    looked = np.flatnonzero((count > 0) & useful)
    sizes = count[looked]
    slots = np.repeat(start[looked] - np.cumsum(sizes) + sizes, sizes) + np.arange(sizes.sum())
    stored = segment.key_desc[slots].astype(np.int64)
    mine = np.repeat(looked // SKETCH_CHUNKS, sizes)  # the query descriptor of each key
    owner = segment.sketch_frames["clip"][segment.desc_frame[stored]]
    keep = np.isin(owner, list(clips))
    pair = _distinct(mine[keep] * len(segment.descriptors) + stored[keep])
    mine, stored = pair // len(segment.descriptors), pair % len(segment.descriptors)
    near = _distances(query.descriptors[mine], segment.descriptors[stored]) <= SKETCH_HAMMING
    return mine[near], stored[near]


def _voted(segment: Segment, clips: frozenset[int], query: Query,
           span: tuple[np.ndarray, np.ndarray], useful: np.ndarray,
           ) -> list[tuple[int, float, float]]:  # fmt: skip
    """(clip, query time, stored time) of each query frame placed alike with a stored frame
    of a clip in ``clips``; of each query frame, the SKETCH_CANDIDATES stored frames with
    most pairs are tried."""
    mine, stored = _near_pairs(segment, clips, query, span, useful)
    frames = len(segment.sketch_frames)
    group = query.owner[mine] * frames + segment.desc_frame[stored].astype(np.int64)
    order = np.lexsort((stored, group))
    mine, stored, group = mine[order], stored[order], group[order]
    first = np.flatnonzero(np.r_[True, group[1:] != group[:-1]]) if len(group) else group
    groups, sizes = group[first], np.diff(np.r_[first, len(group)])
    big = np.flatnonzero(sizes >= MIN_SKETCH_MATCHES)
    entry = groups[big] // frames
    big, entry = big[np.lexsort((-sizes[big], entry))], np.sort(entry)
    rank = np.arange(len(big)) - np.searchsorted(entry, entry)  # place among its entry's
    found = []
    for g in big[rank < SKETCH_CANDIDATES].tolist():
        run = slice(first[g], first[g] + sizes[g])
        if _placed_alike(query.points[mine[run]], segment.points[stored[run]]):
            at = int(groups[g])
            stored_frame = segment.sketch_frames[at % frames]
            found.append((int(stored_frame["clip"]), float(query.times[at // frames]),
                          float(stored_frame["t"])))  # fmt: skip
    return found


def _placed_alike(src: np.ndarray, dst: np.ndarray) -> bool:
    """Whether MIN_SKETCH_MATCHES pairs, each keypoint used once, fit one similarity transform
    of a sane scale (all points collapsed onto one would fit any)."""
    one_src = _first_of_each(src)
    src, dst = src[one_src], dst[one_src]
    one_dst = _first_of_each(dst)
    src, dst = src[one_dst], dst[one_dst]
    if len(src) < MIN_SKETCH_MATCHES:
        return False
    fitted = cv2.estimateAffinePartial2D(src, dst, method=cv2.RANSAC,
                                         ransacReprojThreshold=REPROJECTION_PX)  # fmt: skip
    transform, inliers = fitted
    if transform is None or inliers is None or int(inliers.sum()) < MIN_SKETCH_MATCHES:
        return False
    scale = float(np.hypot(transform[0, 0], transform[1, 0]))
    return 1 / MAX_SKETCH_SCALE <= scale <= MAX_SKETCH_SCALE


def _distinct(values: np.ndarray) -> np.ndarray:
    """``np.unique(values)`` of int64s, by sorting (numpy 2's hashing unique took 20 times
    longer on the hundreds of thousands of key pairs a big segment gives)."""
    values = np.sort(values)
    return values[np.r_[True, values[1:] != values[:-1]]] if len(values) else values


def _first_of_each(points: np.ndarray) -> np.ndarray:
    """``np.unique(points, axis=0, return_index=True)[1]`` for (n, 2) float32 points at
    non-negative places, a tenth of its cost: each point as one 64-bit key (x's bits above
    y's), which sorts as the rows do."""
    bits = np.ascontiguousarray(points, np.float32).view(np.uint32).astype(np.uint64)
    return np.unique((bits[:, 0] << np.uint64(32)) | bits[:, 1], return_index=True)[1]


def _distances(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Hamming distance of each row of ``a`` to the same row of ``b`` (32-byte descriptors)."""
    xor = np.ascontiguousarray(a).view(np.uint64) ^ np.ascontiguousarray(b).view(np.uint64)
    return popcount(xor.ravel()).reshape(-1, 4).sum(axis=1)
