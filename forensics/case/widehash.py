"""Exact Hamming range search over a big shortlist segment's frame hashes: multi-index hashing
with keys as wide as the segment is big.

:class:`forensics.reuse.hashindex.FrameHashIndex` cuts each 64-bit pHash into 4 keys of 16
bits. Multi-index hashing is fastest with keys of about log2(n) bits (Norouzi, Punjani & Fleet,
2014): at 10**7 hashes a 16-bit bucket holds 150 on average, and a search at radius 10 verifies
every hash of 4 x 137 buckets per query (83,000 candidates), 0.1 s per 100 queries. Here each
hash is cut into 3 keys of 21, 21 and 22 bits: a bucket holds 2-5, and by the pigeonhole one of
3 keys of a hash within ``r`` bits is within ``r // 3`` bits of the query's, and (refined) the
first ``r % 3 + 1`` keys are probed that far and the others one bit less (radius 10: 3, 3 and 2
flips, 1,562, 1,562 and 254 keys; ``probe_flips``): about two thirds of the candidates. Small
segments keep the 16-bit keys, which are faster there (at 10**4, 8x).

The bits are first permuted as FrameHashIndex does (each 16-bit run holds one anti-diagonal
class of the DCT coefficients, so no key is all biased low frequencies). Memory: the codes, the
permuted codes and 3 sort orders (int32), 28 bytes a hash (FrameHashIndex: 64); a candidate is
verified through its table's order (two gathers), not from a sorted copy of the codes per table.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from forensics.reuse.hashbits import flip_masks, permute_bits
from forensics.reuse.hashindex import HashHits, popcount

KEY_WIDTHS = (21, 21, 22)
QUERY_BLOCK = 64  # queries probed at once: 64 x 1,794 keys, about 1.4 million candidates


class _Table(NamedTuple):
    order: np.ndarray  # int32 positions sorted by this table's key
    offsets: np.ndarray  # int64, 2**width + 1: key k's are order[offsets[k]:offsets[k + 1]]
    shift: int
    width: int


def probe_flips(radius: int) -> list[int]:
    """Bits each table's keys are probed within: a hash within ``radius`` bits differs from
    the query by d1 + d2 + d3 <= radius over the 3 keys, so with radius = 3q + a (a < 3) the
    first a + 1 tables need q flips and the others q - 1 (all larger would sum past radius;
    Norouzi, Punjani & Fleet's refinement): at radius 10, 3, 3 and 2 (254 keys, not 1,794,
    in the last table). -1: that table is not probed."""
    base, extra = divmod(radius, len(KEY_WIDTHS))
    return [base if number <= extra else base - 1 for number in range(len(KEY_WIDTHS))]


def _key(permuted: np.ndarray, shift: int, width: int) -> np.ndarray:
    return ((permuted >> np.uint64(shift)) & np.uint64((1 << width) - 1)).astype(np.int64)


class WideHashIndex:
    """Exact search of the hashes within a radius, as ``FrameHashIndex.search`` answers
    (query, row, distance, sorted by query, distance, row); ``orders`` from a stored index's
    :attr:`orders` skip the sorting."""

    def __init__(self, codes: np.ndarray, orders: tuple[np.ndarray, ...] | None = None) -> None:
        self._codes = np.ascontiguousarray(codes, np.uint64)
        self._permuted = permute_bits(self._codes)
        tables, shift = [], 0
        for number, width in enumerate(KEY_WIDTHS):
            key = _key(self._permuted, shift, width)
            order = (orders[number] if orders is not None
                     else np.argsort(key, kind="stable").astype(np.int32))  # fmt: skip
            offsets = np.zeros((1 << width) + 1, np.int64)
            np.cumsum(np.bincount(key, minlength=1 << width), out=offsets[1:])
            tables.append(_Table(order, offsets, shift, width))
            shift += width
        self._tables = tuple(tables)

    @property
    def tables(self) -> dict[str, np.ndarray]:
        """Every array of the tables by name besides the codes: the orders (``wide0``..),
        the offsets and the permuted codes; :meth:`from_tables` makes the index again with
        no pass over 10**7 hashes (building from the orders alone: about 1 s CPU)."""
        arrays = {f"wide{number}": table.order for number, table in enumerate(self._tables)}
        arrays |= {f"wide_offsets{n}": table.offsets for n, table in enumerate(self._tables)}
        return arrays | {"wide_permuted": self._permuted}

    @classmethod
    def from_tables(cls, codes: np.ndarray, tables: dict[str, np.ndarray]) -> WideHashIndex:
        """The index of ``codes`` from its :attr:`tables`, taken as they are (ValueError
        when they cannot be this index's: a damaged file)."""
        index = cls.__new__(cls)
        index._codes = np.ascontiguousarray(codes, np.uint64)
        index._permuted = tables["wide_permuted"]
        shifts = np.cumsum([0, *KEY_WIDTHS[:-1]]).tolist()
        layout = enumerate(zip(shifts, KEY_WIDTHS, strict=True))
        index._tables = tuple(_Table(tables[f"wide{n}"], tables[f"wide_offsets{n}"], *at)
                              for n, at in layout)  # fmt: skip
        fits = len(index._permuted) == len(codes) and all(
            len(t.order) == len(codes) and t.offsets.shape == ((1 << t.width) + 1,)
            and t.offsets[-1] == len(codes) for t in index._tables)  # fmt: skip
        if not fits:
            raise ValueError("hash tables that do not fit their codes")
        return index

    def __len__(self) -> int:
        return len(self._codes)

    @property
    def codes(self) -> np.ndarray:
        return self._codes

    @property
    def orders(self) -> tuple[np.ndarray, ...]:
        return tuple(table.order for table in self._tables)

    def search(self, queries: np.ndarray, radius: int) -> HashHits:
        """Every hash within ``radius`` bits (inclusive) of each query, exactly."""
        queries = permute_bits(np.ascontiguousarray(queries, np.uint64))
        if not len(queries) or not len(self._codes):
            return HashHits.empty()
        found = [self._probe(table, queries, start, radius, flips)
                 for table, flips in zip(self._tables, probe_flips(radius), strict=True)
                 if flips >= 0 for start in range(0, len(queries), QUERY_BLOCK)]  # fmt: skip
        query = np.concatenate([q for q, _, _ in found])
        row = np.concatenate([r for _, r, _ in found])
        distance = np.concatenate([d for _, _, d in found])
        # A hash near the query in several keys is found by several tables: keep it once.
        _, first = np.unique(query * len(self._codes) + row, return_index=True)
        query, row, distance = query[first], row[first], distance[first]
        order = np.lexsort((row, distance, query))
        return HashHits(query[order], row[order], distance[order].astype(np.int32))

    def _probe(self, table: _Table, queries: np.ndarray, start: int, radius: int, flips: int
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
        """(query, row, distance) of the hashes within ``radius`` of the QUERY_BLOCK queries
        from ``start`` among those whose key in ``table`` is within ``flips`` bits of the
        query's."""
        block = queries[start : start + QUERY_BLOCK]
        masks = flip_masks(table.width, flips)
        probed = _key(block, table.shift, table.width)[:, None] ^ masks[None, :]
        starts = table.offsets[probed].ravel()
        sizes = table.offsets[probed + 1].ravel() - starts
        filled = np.flatnonzero(sizes)
        starts, sizes = starts[filled], sizes[filled]
        ends = np.cumsum(sizes)
        slots = np.arange(int(ends[-1]) if len(ends) else 0) + np.repeat(starts - ends + sizes,
                                                                         sizes)  # fmt: skip
        rows = table.order[slots]
        distance = popcount(self._permuted[rows] ^ np.repeat(block[filled // len(masks)], sizes))
        near = np.flatnonzero(distance <= radius)
        bucket = np.searchsorted(ends, near, side="right")
        query = (filled[bucket] // len(masks) + start).astype(np.int64)
        return query, rows[near].astype(np.int64), distance[near]
