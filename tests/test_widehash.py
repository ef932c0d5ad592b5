"""Big shortlist segments' hash tables (forensics.case.widehash): exact, as FrameHashIndex is,
stored and read back with their sort orders, and searched through the case's tables."""

import numpy as np
import pytest

from forensics.case import shortlist, tables
from forensics.case.index import CaseIndex
from forensics.case.widehash import WideHashIndex, probe_flips
from forensics.reuse.hashindex import FrameHashIndex
from tests.test_caseindex import EMPTY, fake_record

RNG = np.random.default_rng(5)


def clustered(count: int, centres: int = 40) -> np.ndarray:
    """Codes in tight clusters (as a shot's frames and their reposts are), DC bit set."""
    middle = RNG.integers(0, 2**63, centres, dtype=np.int64).astype(np.uint64)
    codes = middle[RNG.integers(0, centres, count)]
    for _ in range(4):  # 0-4 bits from the centre
        codes ^= np.uint64(1) << RNG.integers(0, 63, count).astype(np.uint64)
    return codes | np.uint64(1 << 63)


@pytest.mark.parametrize("radius", [0, 2, 5, 10, 11, 14])
def test_the_wide_keys_find_exactly_what_framehashindex_finds(radius):
    codes = clustered(3000)
    queries = np.concatenate([codes[:20], codes[20:40] ^ np.uint64(0b101), clustered(40)])
    wide, narrow = WideHashIndex(codes).search(queries, radius), FrameHashIndex(codes).search(
        queries, radius)
    assert len(narrow) > 0
    for name in ("query", "row", "distance"):
        assert np.array_equal(getattr(wide, name), getattr(narrow, name)), name


def flipped(codes: np.ndarray, bits: int) -> np.ndarray:
    """Each code with ``bits`` distinct random bits flipped (anywhere, in any key)."""
    out = codes.copy()
    for row in range(len(out)):
        for bit in RNG.choice(64, bits, replace=False).tolist():
            out[row] ^= np.uint64(1) << np.uint64(bit)
    return out


@pytest.mark.parametrize("radius", [1, 3, 4, 7, 9, 10, 12])
def test_the_wide_keys_find_hashes_at_every_distance_up_to_the_radius(radius):
    """Queries exactly 0 to radius + 2 bits from stored hashes, the flips spread over the keys
    in every way: a table probed one bit less (probe_flips) never loses one."""
    codes = RNG.integers(0, 2**63, 2000, dtype=np.int64).astype(np.uint64)
    queries = np.concatenate([flipped(codes[k * 30 : k * 30 + 30], k) for k in range(radius + 3)])
    wide = WideHashIndex(codes).search(queries, radius)
    narrow = FrameHashIndex(codes).search(queries, radius)
    assert len(narrow) >= 30 * (radius + 1)  # every query within the radius finds its code
    for name in ("query", "row", "distance"):
        assert np.array_equal(getattr(wide, name), getattr(narrow, name)), name


@pytest.mark.parametrize("radius", range(21))
def test_the_probed_flips_leave_no_gap(radius):
    """A hash beyond every table's probe differs in at least flips + 1 bits in each key:
    radius + 1 in all, more than the radius."""
    flips = probe_flips(radius)
    assert sum(f + 1 for f in flips) == radius + 1 and max(flips) == radius // 3


def test_the_wide_keys_answer_empty_searches():
    assert len(WideHashIndex(np.zeros(0, np.uint64)).search(clustered(3), 10)) == 0
    assert len(WideHashIndex(clustered(10)).search(np.zeros(0, np.uint64), 10)) == 0


def test_a_big_segment_is_stored_with_wide_keys_and_searched_alike(tmp_path, monkeypatch):
    """From WIDE_FROM frame hashes a segment's tables take wide keys; stored, they come back
    with their orders (no sorting), and a search through the case finds the same clips."""
    hexes = [f"{int(c):016x}" for c in clustered(60)]
    index = CaseIndex(tmp_path / "narrow")
    for n in range(3):
        index.add(fake_record(f"{n:064x}", hexes[20 * n : 20 * n + 20]), EMPTY, None)
    monkeypatch.setattr(shortlist, "WIDE_FROM", 30)
    wide = CaseIndex(tmp_path / "wide")
    for n in range(3):
        wide.add(fake_record(f"{n:064x}", hexes[20 * n : 20 * n + 20]), EMPTY, None)
    tables._CACHE.clear()  # read back from the file
    segments = [s for s, _ in wide.shortlist_tables().segments]
    assert any(isinstance(s.hashes, WideHashIndex) for s in segments)
    stored = segments[0].hashes
    assert np.array_equal(stored.orders[0], WideHashIndex(stored.codes).orders[0])
    frames = fake_record("f" * 64, hexes[5:15]).frames
    assert shortlist.hash_pairs(wide.shortlist_tables(), -1, frames, 10, 1) == \
        shortlist.hash_pairs(index.shortlist_tables(), -1, frames, 10, 1)  # fmt: skip
