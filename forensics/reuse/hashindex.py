"""Exact Hamming range search over the 64-bit frame hashes of a whole case.

"Where else does this footage appear?" asks, for every sampled frame of a clip (its pHash and
the pHash of its mirror image), for every indexed frame within a few bits (8-12 of 64). The
answer must be exact: a reused stretch that the index silently skips is a wrong finding.

Design: multi-index hashing (Norouzi, Punjani & Fleet, "Fast exact search in Hamming space
with multi-index hashing", 2014), in numpy.

* Each 64-bit hash is cut into 4 keys of 16 bits and every key gets a table: the positions
  sorted by key and a ``2**16 + 1`` offsets array, so the hashes whose key is ``k`` are
  ``order[offsets[k]:offsets[k + 1]]`` (a counting sort: no dicts; 12 bytes per hash per table).
* Pigeonhole: if two hashes differ in at most ``r`` bits, spread over 4 disjoint keys, at
  least one key differs in at most ``r // 4`` bits. So probing, in every table, each key
  within ``r // 4`` flipped bits of the query's key finds every hash within ``r`` -- exactly,
  no approximation -- and each candidate is then verified on all 64 bits. 2 flips per key
  (137 keys per table) cover radius <= 11; 3 flips (697 keys) cover <= 15 (``EXACT_RADIUS``).
* The candidate count is known exactly before any is read (the sizes of the probed buckets).
  When verifying them would cost more than comparing every query with every hash -- radius
  above 15, or 12-15 on 10**6 pHashes, or a black frame whose buckets hold half the case --
  the search scans
  instead (FAISS ``IndexBinaryFlat``: exact, SIMD popcount, built on first use). Either way
  the result is the same; :meth:`FrameHashIndex.plan` says which one runs.

Measured on 10**6 realistic pHashes, 480 queries (a 2-minute clip, as is and mirrored) at
radius 10, on a shared 2-core machine (``benchmarks/bench_search_scale.py --candidates``):
this index 0.13-0.26 s (0.25 s for queries drawn from the index itself, with 270 hits each);
FAISS ``IndexBinaryFlat`` 0.4-0.9 s (a linear scan: 70-130x the time for 100x the hashes);
``IndexBinaryMultiHash`` -- the same scheme -- 3.1-3.4 s with 4 x 16 bits
and nflip=2, 0.8-1.5 s with 3 x 21 bits and nflip=3, slower than the scan because it gathers
each query's candidates in a ``std::unordered_set``; ``IndexBinaryHash`` is exact only with
nflip >= radius on its one key (2-2.7 s with 12 bits, 12 s with 16); ``IndexBinaryIVF`` is
approximate (recall 0.90-0.94 at nprobe=32 of 1024 lists) and exact only when it probes every
list (0.6-0.8 s). Key width: 4 x 16 and 3 x 21 bits tie at 10**6 (0.14 s), 5 x 13 takes 1 s;
at 10**4 4 x 16 is 8x faster than 3 x 21.

Real pHashes are far from uniform, which makes bucket schemes slower than on random codes:
every pHash has 32 bits set (median threshold; distances are always even), the DC bit is
always 1, the low-frequency bits are biased (13-35 % ones), and the frames of a shot, its
reposts and re-encodes sit in tight clusters (in the benchmark's case ~300 hashes lie within
10 bits of each, against ~0 for random codes). Four contiguous 16-bit keys would put the
biased first two DCT rows into one key whose buckets are 3-4x fuller than the others', so
each key takes the coefficients of one anti-diagonal class instead, ``(row + col) % 4``,
mixing low and high frequencies in every key: 11-16 % fewer candidates on the benchmark's
hashes, 0-10 % faster (8 table look-ups per hash buy it). A fixed bit permutation leaves
Hamming distances unchanged.

Hash layout: ``imagehash`` prints a pHash as 16 hex digits, row-major over the 8 x 8
low-frequency DCT block, first coefficient most significant. As an integer (``uint64``) that
is ``int(hex, 16)``; as an 8-byte blob it is big-endian. :func:`codes_from_hex` and
:func:`codes_from_blobs` convert; the index itself only sees ``uint64``.
"""

from __future__ import annotations

import operator
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from forensics.reuse.hashbits import (
    HASH_BITS,
    KEY_BITS,
    SUBSTRINGS,
    flip_masks,
    permute_bits,
    table_key,
)
from forensics.reuse.hashcodes import (
    codes_from_blobs,
    codes_from_hex,
    codes_to_blobs,
    codes_to_hex,
    popcount,
)

__all__ = [
    "FrameHashIndex",
    "HashHits",
    "SearchPlan",
    "codes_from_blobs",
    "codes_from_hex",
    "codes_to_blobs",
    "codes_to_hex",
    "flip_masks",
    "permute_bits",
    "popcount",
]

# Pigeonhole: if all 4 keys differed in more than f bits, the hashes would differ in at
# least 4 * (f + 1); so a hash within r bits has a key within r // 4 bits of the query's, and
# probing up to MAX_FLIPS flips per key is exact up to 4 * (MAX_FLIPS + 1) - 1 = 15 bits.
# 4 flips would enumerate 2,517 keys per table: by then a scan is always cheaper.
MAX_FLIPS = 3
EXACT_RADIUS = SUBSTRINGS * (MAX_FLIPS + 1) - 1
# Verifying one candidate from the tables (gather, xor, popcount, filter in numpy) costs
# about as much as 25 comparisons in FAISS's flat scan (SIMD, 2 threads): 22-26 ns against
# 0.9-1.1 ns, measured on 2 cores. Beyond that exchange rate the search scans instead.
CANDIDATE_COST = 25
# Queries probed together, and candidates verified at once: bound the transient arrays
# (about 100 MB) however many queries come and however crowded their buckets are.
QUERY_BLOCK = 1024
CANDIDATE_BATCH = 1 << 21


@dataclass(frozen=True)
class SearchPlan:
    method: Literal["tables", "scan", "none"]  # "none": empty index or no queries
    candidates: int  # hashes the tables would verify (0 unless they were considered)


@dataclass(frozen=True)
class HashHits:
    """Aligned arrays, one entry per (query, indexed frame) pair within the radius, sorted by
    query, then distance, then row."""

    query: np.ndarray  # int64: position in the ``queries`` passed to ``search``
    row: np.ndarray  # int64: the caller's row id of the indexed frame
    distance: np.ndarray  # int32: Hamming distance in bits

    def __len__(self) -> int:
        return len(self.query)

    @classmethod
    def empty(cls) -> HashHits:
        return cls(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int32))


# --------------------------------------------------------------------------- the index


@dataclass(frozen=True)
class _Table:
    order: np.ndarray  # int32 positions sorted by this table's key
    offsets: np.ndarray  # int64, 2**KEY_BITS + 1: key k's are order[offsets[k]:offsets[k+1]]
    codes: np.ndarray  # permuted codes in ``order``, so verification reads runs, not scatter


_TABLE_ARRAYS = (("order", "order"), ("offsets", "offsets"), ("sorted", "codes"))


def _build_table(permuted: np.ndarray, table: int, order: np.ndarray | None) -> _Table:
    key = table_key(permuted, table)
    # int32 positions halve the tables' memory; a case of 2**31 frames is 34 years of video.
    if order is None:  # a stored index brings its sort order: the rest is linear
        order = np.argsort(key, kind="stable").astype(np.int32 if len(key) < 2**31 else np.int64)
    offsets = np.zeros((1 << KEY_BITS) + 1, dtype=np.int64)
    np.cumsum(np.bincount(key, minlength=1 << KEY_BITS), out=offsets[1:])
    return _Table(order=order, offsets=offsets, codes=permuted[order])


class FrameHashIndex:
    """Exact Hamming range search over 64-bit frame hashes (multi-index hashing).

    ``codes`` are the hashes (``uint64``; any integer array is read bit for bit), ``rows``
    the caller's id for each (default: the position; need not be unique, every indexed entry
    is reported). Immutable once built; build a new one to add frames (about 1 s per 10**6
    hashes, 64 bytes each; most of it sorting, which ``orders`` from a stored index's
    :attr:`orders` skips).
    """

    def __init__(self, codes: np.ndarray, rows: np.ndarray | None = None,
                 orders: tuple[np.ndarray | None, ...] | None = None) -> None:  # fmt: skip
        # Own copies: the caller may reuse its arrays, and the tables must stay consistent.
        self._codes = _as_codes(codes, "codes").copy()
        self._rows = (
            np.arange(len(self._codes), dtype=np.int64)
            if rows is None
            else np.array(rows, dtype=np.int64).ravel()
        )
        if len(self._rows) != len(self._codes):
            raise ValueError(f"{len(self._codes)} codes but {len(self._rows)} rows")
        permuted = permute_bits(self._codes)
        given = orders or (None,) * SUBSTRINGS
        self._tables = tuple(_build_table(permuted, t, given[t]) for t in range(SUBSTRINGS))
        self._flat: Any = None  # FAISS IndexBinaryFlat, built only if a scan is needed
        self._flat_lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._codes)

    @property
    def codes(self) -> np.ndarray:
        return self._codes

    @property
    def orders(self) -> tuple[np.ndarray | None, ...]:
        """Each table's sort order: stored with the codes and rows, the index is rebuilt
        from them without sorting (``FrameHashIndex(codes, rows, orders)``)."""
        return tuple(table.order for table in self._tables)

    @property
    def tables(self) -> dict[str, np.ndarray]:
        """Every array of the tables by name (each table's order, offsets and codes in its
        order): stored, :meth:`from_tables` makes the index again with no pass over them."""
        return {f"{name}{t}": getattr(table, field) for t, table in enumerate(self._tables)
                for name, field in _TABLE_ARRAYS}  # fmt: skip

    @classmethod
    def from_tables(cls, codes: np.ndarray, tables: dict[str, np.ndarray]) -> FrameHashIndex:
        """The index of ``codes`` (rows: their positions) from its :attr:`tables`, taken as
        they are (ValueError when they cannot be this index's: a damaged file)."""
        index = cls.__new__(cls)
        index._codes, index._flat = _as_codes(codes, "codes"), None
        index._flat_lock = threading.Lock()
        index._rows = np.arange(len(index._codes), dtype=np.int64)
        index._tables = tuple(_Table(*(tables[f"{name}{t}"] for name, _ in _TABLE_ARRAYS))
                              for t in range(SUBSTRINGS))  # fmt: skip
        sizes = {len(a) for t in index._tables for a in (t.order, t.codes)}
        if sizes - {len(codes)} or any(
            t.offsets.shape != ((1 << KEY_BITS) + 1,) or t.offsets[-1] != len(codes)
            for t in index._tables
        ):
            raise ValueError("hash tables that do not fit their codes")  # fmt: skip
        return index

    @property
    def nbytes(self) -> int:
        """Memory held by the index arrays (not counting a fallback flat index)."""
        arrays = [self._codes, self._rows]
        arrays += [a for t in self._tables for a in (t.order, t.offsets, t.codes)]
        return sum(a.nbytes for a in arrays)

    def search(self, queries: np.ndarray, radius: int) -> HashHits:
        """Every indexed hash within ``radius`` bits (inclusive) of each query, exactly.

        Two exact methods, chosen by :meth:`plan`: the hash tables, up to ``EXACT_RADIUS``
        (15) and while the candidates they would verify cost less than reading everything;
        otherwise a flat scan of all codes (FAISS, SIMD popcount; linear in the index size).
        Pass a clip's pHashes and its mirrored pHashes together to find flipped reuse;
        ``HashHits.query`` indexes the array passed here. Safe to call from several threads.
        """
        queries = _as_codes(queries, "queries")
        plan = self.plan(queries, radius)
        if plan.method == "none":
            return HashHits.empty()
        if plan.method == "scan":
            query, position, distance = self._scan(queries, radius)
        else:
            query, position, distance = self._probe(queries, radius)
        return _sorted(query, self._rows[position], distance)

    def plan(self, queries: np.ndarray, radius: int) -> SearchPlan:
        """How :meth:`search` will answer: the candidate count is exact (the bucket sizes of
        every probed key, summed over the tables; a hash found by two tables counts twice)."""
        queries = _as_codes(queries, "queries")
        radius = operator.index(radius)  # a float radius is a caller's mistake
        if radius < 0:
            raise ValueError(f"radius must be >= 0, got {radius}")
        scan_cost = len(queries) * len(self._codes)
        if not scan_cost:
            return SearchPlan("none", 0)
        if radius > EXACT_RADIUS:
            return SearchPlan("scan", 0)
        permuted = permute_bits(queries)
        masks = flip_masks(KEY_BITS, radius // SUBSTRINGS)
        candidates = sum(
            int(_probe_keys(table, index, permuted[start : start + QUERY_BLOCK], masks)[1].sum())
            for start in range(0, len(queries), QUERY_BLOCK)
            for index, table in enumerate(self._tables)
        )
        if candidates * CANDIDATE_COST > scan_cost:
            return SearchPlan("scan", candidates)
        return SearchPlan("tables", candidates)

    def _probe(self, queries: np.ndarray, radius: int) -> tuple[np.ndarray, ...]:
        permuted = permute_bits(queries)
        masks = flip_masks(KEY_BITS, radius // SUBSTRINGS)
        found = [
            hits
            for start in range(0, len(queries), QUERY_BLOCK)
            for table_index, table in enumerate(self._tables)
            for hits in _probe_table(table, table_index, permuted, start, masks, radius)
        ]
        query = np.concatenate([f[0] for f in found])
        position = np.concatenate([f[1] for f in found])
        distance = np.concatenate([f[2] for f in found])
        # A hash near the query in several keys is found by several tables: keep it once.
        _, first = np.unique(query * len(self._codes) + position, return_index=True)
        return query[first], position[first], distance[first]

    def _scan(self, queries: np.ndarray, radius: int) -> tuple[np.ndarray, ...]:
        # FAISS range search keeps distances strictly below its threshold, hence radius + 1.
        lims, distances, labels = self._flat_index().range_search(_faiss_codes(queries), radius + 1)
        query = np.repeat(np.arange(len(queries), dtype=np.int64), np.diff(lims).astype(np.int64))
        return query, labels, distances.astype(np.int32)

    def _flat_index(self) -> Any:
        with self._flat_lock:
            if self._flat is None:
                import faiss  # only the rare wide search needs it

                flat = faiss.IndexBinaryFlat(HASH_BITS)
                flat.add(_faiss_codes(self._codes))
                self._flat = flat
            return self._flat


def _probe_keys(
    table: _Table, table_index: int, queries: np.ndarray, masks: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """First slot and size of the bucket of every probed key, (queries, masks) each."""
    probed = table_key(queries, table_index)[:, None] ^ masks[None, :]
    starts = table.offsets[probed]
    return starts, table.offsets[probed + 1] - starts


def _probe_table(
    table: _Table, table_index: int, queries: np.ndarray, start: int, masks: np.ndarray,
    radius: int,
) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:  # fmt: skip
    """(query, position, distance) of the hashes within ``radius`` of the queries in block
    ``start`` among those whose key in this table is within the masks' flips of the query's
    key, verified in batches of bounded size."""
    block = queries[start : start + QUERY_BLOCK]
    starts, counts = _probe_keys(table, table_index, block, masks)
    for chunk in _query_batches(counts.sum(axis=1), CANDIDATE_BATCH):
        sizes = counts[chunk].ravel()
        filled = np.flatnonzero(sizes)  # most probed keys are empty buckets in small indexes
        sizes = sizes[filled]
        owner = filled // len(masks) + chunk.start  # the query (in the block) of each bucket
        slots = _expand_ranges(starts[chunk].ravel()[filled], sizes)
        distance = popcount(table.codes[slots] ^ np.repeat(block[owner], sizes))
        near = np.flatnonzero(distance <= radius)
        # Only the few survivors need their query: the bucket each came from.
        bucket = np.searchsorted(np.cumsum(sizes), near, side="right")
        yield owner[bucket] + start, table.order[slots[near]], distance[near].astype(np.int32)


def _query_batches(per_query: np.ndarray, budget: int) -> Iterator[slice]:
    """Consecutive query slices of at most ``budget`` candidates (at least one query each)."""
    start, total = 0, 0
    for index, count in enumerate(per_query.tolist()):
        if total and total + count > budget:
            yield slice(start, index)
            start, total = index, 0
        total += count
    if start < len(per_query):
        yield slice(start, len(per_query))


def _expand_ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """All ``starts[i] + k`` for ``k < counts[i]``, range after range."""
    total = int(counts.sum())
    ends = np.cumsum(counts)
    # arange(total) restarts at each range's first slot: shift by (range start - slot start).
    return np.arange(total, dtype=np.int64) + np.repeat(starts - (ends - counts), counts)


def _sorted(query: np.ndarray, row: np.ndarray, distance: np.ndarray) -> HashHits:
    order = np.lexsort((row, distance, query))
    return HashHits(
        query=query[order].astype(np.int64),
        row=row[order].astype(np.int64),
        distance=distance[order].astype(np.int32),
    )


def _as_codes(values: np.ndarray, name: str) -> np.ndarray:
    array = np.asarray(values)
    if array.ndim != 1:  # e.g. FAISS's (n, 8) bytes, which would read as 8n codes
        raise ValueError(f"{name} must be one hash per element, shape (n,); got {array.shape}")
    if array.dtype.kind not in "ui" and array.size:
        raise TypeError(f"{name} must be integer hashes (uint64), got dtype {array.dtype}")
    return np.ascontiguousarray(array.astype(np.uint64, copy=False))


def _faiss_codes(codes: np.ndarray) -> np.ndarray:
    """The (n, 8) uint8 view FAISS wants; byte order is irrelevant to Hamming distance."""
    return np.ascontiguousarray(codes, dtype=np.uint64).view(np.uint8).reshape(-1, 8)
