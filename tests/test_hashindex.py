"""FrameHashIndex: exact Hamming range search, checked against brute force."""

from __future__ import annotations

import cv2
import imagehash
import numpy as np
import pytest
from PIL import Image

from forensics.media.hashing import hash_image
from forensics.reuse import hashindex
from forensics.reuse.hashindex import (
    EXACT_RADIUS,
    FrameHashIndex,
    HashHits,
    codes_from_blobs,
    codes_from_hex,
    codes_to_blobs,
    codes_to_hex,
    popcount,
)

RADII = (0, 1, 4, 8, 10, 11, 12, EXACT_RADIUS, EXACT_RADIUS + 1, 24, 64)


def brute_force(codes: np.ndarray, rows: np.ndarray, queries: np.ndarray, radius: int) -> HashHits:
    distance = popcount((queries[:, None] ^ codes[None, :]).ravel()).reshape(len(queries), -1)
    query, position = np.nonzero(distance <= radius)
    order = np.lexsort((rows[position], distance[query, position], query))
    return HashHits(query[order], rows[position][order], distance[query, position][order])


def assert_same(found: HashHits, expected: HashHits) -> None:
    assert found.query.tolist() == expected.query.tolist()
    assert found.row.tolist() == expected.row.tolist()
    assert found.distance.tolist() == expected.distance.tolist()


def random_codes(rng: np.random.Generator, count: int) -> np.ndarray:
    return rng.integers(0, 2**64 - 1, count, dtype=np.uint64, endpoint=True)


def flip_bits(rng: np.random.Generator, codes: np.ndarray, most: int) -> np.ndarray:
    """Each code with up to ``most`` random bits flipped (fewer when positions repeat)."""
    flips = np.zeros(len(codes), np.uint64)
    for _ in range(most):
        chosen = rng.integers(0, 64, len(codes)).astype(np.uint64)
        flips |= np.where(rng.random(len(codes)) < 0.7, np.uint64(1) << chosen, np.uint64(0))
    return codes ^ flips


def clustered_codes(rng: np.random.Generator, count: int) -> np.ndarray:
    """pHash-like: 32 bits set, DC bit always set, in tight clusters (shots, reposts)."""
    centres = []
    for _ in range(max(1, count // 40)):
        bits = np.zeros(64, np.uint64)
        bits[63] = 1
        bits[rng.choice(63, 31, replace=False)] = 1
        centres.append(int((bits << np.arange(64, dtype=np.uint64)).sum()))
    return flip_bits(rng, np.array(centres, np.uint64)[rng.integers(len(centres), size=count)], 6)


@pytest.mark.parametrize("method", ["tables", "scan"])
@pytest.mark.parametrize("kind", ["random", "clustered"])
def test_search_matches_brute_force(
    kind: str, method: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Force one method wherever both are exact (the index picks by candidate count).
    monkeypatch.setattr(hashindex, "CANDIDATE_COST", 0 if method == "tables" else 10**9)
    rng = np.random.default_rng(7 if kind == "random" else 8)
    if kind == "random":
        codes = random_codes(rng, 2_000)
        queries = np.concatenate([flip_bits(rng, codes[:60], 12), random_codes(rng, 20)])
    else:
        codes = clustered_codes(rng, 3_000)
        queries = flip_bits(rng, codes[rng.integers(len(codes), size=80)], 8)
    rows = rng.permutation(len(codes)).astype(np.int64) * 3 + 1000
    index = FrameHashIndex(codes, rows)
    for radius in RADII:
        expected_method = method if radius <= EXACT_RADIUS else "scan"
        assert index.plan(queries, radius).method == expected_method
        assert_same(index.search(queries, radius), brute_force(codes, rows, queries, radius))


def test_plan_prefers_the_scan_when_buckets_are_crowded() -> None:
    rng = np.random.default_rng(2)
    codes = np.concatenate([np.zeros(5_000, np.uint64), random_codes(rng, 5_000)])
    index = FrameHashIndex(codes)
    # A black frame: its buckets hold half the index in every table.
    crowded = index.plan(np.zeros(4, np.uint64), 10)
    assert crowded.method == "scan" and crowded.candidates >= 4 * 4 * 5_000
    assert index.plan(random_codes(rng, 4), 10).method == "tables"
    assert index.plan(random_codes(rng, 4), EXACT_RADIUS + 1).method == "scan"
    assert FrameHashIndex(np.zeros(0, np.uint64)).plan(codes[:3], 10).method == "none"


def test_small_batches_give_the_same_hits(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(3)
    codes = clustered_codes(rng, 1_500)
    queries = codes[:50]
    index = FrameHashIndex(codes)
    expected = index.search(queries, 10)
    monkeypatch.setattr(hashindex, "QUERY_BLOCK", 7)
    monkeypatch.setattr(hashindex, "CANDIDATE_BATCH", 100)
    assert_same(index.search(queries, 10), expected)


def test_popcount_without_numpy_bitwise_count(monkeypatch: pytest.MonkeyPatch) -> None:
    codes = random_codes(np.random.default_rng(4), 500)
    expected = [bin(int(c)).count("1") for c in codes]
    monkeypatch.delattr(np, "bitwise_count", raising=False)  # numpy 1.26 has none
    assert popcount(codes).tolist() == expected


def smooth_picture(rng: np.random.Generator) -> np.ndarray:
    coarse = rng.uniform(0, 255, (6, 8)).astype(np.float32)
    picture = cv2.resize(coarse, (160, 90), interpolation=cv2.INTER_CUBIC)
    return picture.clip(0, 255).astype(np.uint8)


def test_mirrored_reuse_is_found_through_the_mirrored_query() -> None:
    rng = np.random.default_rng(11)
    clip = [smooth_picture(rng) for _ in range(6)]
    others = [hash_image(smooth_picture(rng))[0] for _ in range(200)]
    # Indexed: a flipped, slightly brightened repost of frames 2 and 3, among unrelated frames.
    reposted = [np.ascontiguousarray(clip[i][:, ::-1]).clip(0, 245) + 10 for i in (2, 3)]
    indexed = codes_from_hex(others + [hash_image(frame)[0] for frame in reposted])
    index = FrameHashIndex(indexed, np.arange(len(indexed)) + 500)

    hashes = [hash_image(frame) for frame in clip]
    queries = codes_from_hex([h[0] for h in hashes] + [h[1] for h in hashes])
    hits = index.search(queries, 8)

    pairs = set(zip(hits.query.tolist(), hits.row.tolist(), strict=True))
    assert {(6 + 2, 700), (6 + 3, 701)} <= pairs  # the mirrored queries of frames 2 and 3
    assert not {(2, 700), (3, 701)} & pairs  # the plain pHash of a mirrored frame is far off


def test_empty_index_and_empty_queries() -> None:
    empty = FrameHashIndex(np.zeros(0, np.uint64), np.zeros(0, np.int64))
    assert len(empty) == 0
    for radius in (0, 10, 64):
        assert len(empty.search(np.array([1, 2], np.uint64), radius)) == 0
    index = FrameHashIndex(np.array([5, 6], np.uint64))
    hits = index.search(np.zeros(0, np.uint64), 10)
    assert len(hits) == 0 and hits.query.dtype == np.int64 and hits.distance.dtype == np.int32


def test_radius_zero_finds_exact_copies_only() -> None:
    codes = np.array([0b1011, 0b1010, 0b1011, 2**63], np.uint64)
    hits = FrameHashIndex(codes).search(np.array([0b1011, 2**63], np.uint64), 0)
    pairs = list(zip(hits.query.tolist(), hits.row.tolist(), strict=True))
    assert pairs == [(0, 0), (0, 2), (1, 3)]
    assert set(hits.distance.tolist()) == {0}


def test_duplicates_are_each_returned_once() -> None:
    rng = np.random.default_rng(5)
    code = random_codes(rng, 1)
    codes = np.concatenate([np.repeat(code, 5), random_codes(rng, 100)])
    queries = np.repeat(code, 2)  # a repeated query too (a static shot)
    hits = FrameHashIndex(codes).search(queries, 3)
    assert hits.query.tolist() == [0] * 5 + [1] * 5
    assert hits.row.tolist() == [0, 1, 2, 3, 4] * 2


def test_row_ids_are_the_callers() -> None:
    rng = np.random.default_rng(6)
    codes = random_codes(rng, 300)
    rows = rng.choice(10**12, 300, replace=False).astype(np.int64)
    index = FrameHashIndex(codes, rows)
    expected = [int(rows[17]), int(rows[230])]
    queries = codes[[17, 230]]
    codes[:] = 0  # the caller reuses its arrays: the index keeps its own copies
    rows[:] = -1
    hits = index.search(queries, 0)
    assert hits.row.tolist() == expected
    assert hits.query.tolist() == [0, 1]


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="rows"):
        FrameHashIndex(np.arange(3, dtype=np.uint64), np.arange(2))
    with pytest.raises(TypeError):
        FrameHashIndex(np.array([0.5, 1.5]))
    with pytest.raises(ValueError, match="shape"):
        FrameHashIndex(np.zeros((4, 8), np.uint8))
    with pytest.raises(TypeError):
        FrameHashIndex(np.arange(3, dtype=np.uint64)).search(np.array([1], np.uint64), 2.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="radius"):
        FrameHashIndex(np.arange(3, dtype=np.uint64)).search(np.array([1], np.uint64), -1)


def test_hex_and_blob_conversions_round_trip() -> None:
    rng = np.random.default_rng(9)
    picture = Image.fromarray(smooth_picture(rng))
    phash = imagehash.phash(picture)
    codes = np.concatenate([
        codes_from_hex([str(phash)]),
        np.array([0, 1, 2**63, 2**64 - 1], np.uint64),
    ])  # fmt: skip
    assert int(codes[0]) == int(str(phash), 16)
    hexes = codes_to_hex(codes)
    assert hexes[0] == str(phash)
    assert hexes[1:] == ["0" * 16, "0" * 15 + "1", "8" + "0" * 15, "f" * 16]
    assert np.array_equal(codes_from_hex(hexes), codes)
    blobs = codes_to_blobs(codes)
    assert blobs[0] == bytes.fromhex(str(phash))  # big-endian, as the hex reads
    assert np.array_equal(codes_from_blobs(blobs), codes)
    assert imagehash.hex_to_hash(hexes[0]) == phash


@pytest.mark.parametrize("bad", ["abc", "zz" * 8, "0" * 17])
def test_bad_hex_is_rejected(bad: str) -> None:
    with pytest.raises(ValueError, match="hash 1"):
        codes_from_hex(["0" * 16, bad])


def test_bad_blob_is_rejected() -> None:
    with pytest.raises(ValueError, match="8 bytes"):
        codes_from_blobs([b"\x00" * 7])
