"""The case's shortlist tables (forensics.case.shortlist): stored as clips join, kept across
reopening, updated when a clip is analysed again or removed and on a rebuild; and the pHash
variants they are searched with."""

import sqlite3

import imagehash
import numpy as np
import pytest
from PIL import Image

from forensics.case import shortlist, sketchkeys, tables
from forensics.case.index import INDEX_FILE, CaseIndex
from forensics.reuse.features import ClipFeatures, FrameFeatures
from forensics.reuse.hashcodes import codes_from_hex, inverted_codes, popcount, transposed_codes
from tests.test_caseindex import EMPTY, fake_record

RNG = np.random.default_rng(7)


def random_hashes(n: int) -> list[str]:
    return [f"{int(c):016x}" for c in RNG.integers(0, 2**63, n, dtype=np.int64) | (1 << 62)]


def found(index: CaseIndex, hashes: list[str], reopen: bool = False) -> set[int]:
    """Clips whose stored frames the hashes (all informative) reach, as a search asks."""
    if reopen:
        tables._CACHE.clear()  # read from the file, not from this process's memory
    record = fake_record("f" * 64, hashes)
    frames = [f for f in record.frames]
    return set(shortlist.hash_pairs(index.shortlist_tables(), -1, frames, 10, 1))


def segments(folder) -> list[tuple[int, int]]:
    with sqlite3.connect(folder / INDEX_FILE) as db:
        return db.execute("SELECT id, size FROM shortlist_segments ORDER BY id").fetchall()


def test_the_tables_are_stored_as_clips_join_and_survive_reopening(tmp_path):
    index = CaseIndex(tmp_path)
    clips = {}
    for k in range(9):
        hashes = random_hashes(8)
        clip = index.add(fake_record(f"{k:02d}" * 32, hashes), EMPTY, None)
        clips[clip.id] = hashes
    # merged while the newest segment is at least half the one before: few segments
    assert 1 < len(segments(tmp_path)) <= 4
    for clip_id, hashes in clips.items():
        # even frames are the informative ones (fake_record): those are looked up
        assert found(CaseIndex(tmp_path), hashes[::2], reopen=True) == {clip_id}
    assert found(index, random_hashes(8)) == set()


def test_a_clip_analysed_again_or_removed_leaves_the_tables(tmp_path):
    index = CaseIndex(tmp_path)
    first, second = random_hashes(6), random_hashes(6)
    keep = index.add(fake_record("aa" * 32, random_hashes(6)), EMPTY, None)
    old = index.add(fake_record("bb" * 32, first), EMPTY, None)
    assert found(index, first) == {old.id}
    new = index.add(fake_record("bb" * 32, second), EMPTY, None)  # analysed again
    assert found(index, first) == set() and found(index, second) == {new.id}
    index.remove(new.id)
    assert found(index, second) == set()
    # a rebuild makes one segment of the clips in the case, without the stale rows
    rebuilt = index.shortlist_tables(rebuild=True)
    assert len(rebuilt.segments) == 1 and rebuilt.segments[0][1] == {keep.id}
    assert len(rebuilt.segments[0][0].hash_frames) == 3


def test_an_index_made_without_the_tables_gets_them_on_its_first_search(tmp_path):
    index = CaseIndex(tmp_path)
    hashes = random_hashes(6)
    clip = index.add(fake_record("cc" * 32, hashes), EMPTY, None)
    with sqlite3.connect(tmp_path / INDEX_FILE) as db:  # as an older version left it
        db.execute("DELETE FROM shortlist_members")
        db.execute("DELETE FROM shortlist_segments")
    assert found(index, hashes[::2], reopen=True) == {clip.id}
    assert len(segments(tmp_path)) == 1


def picture() -> np.ndarray:
    """A grey picture with structure at every scale (blurred noise plus a gradient)."""
    noise = RNG.random((90, 160))
    small = np.kron(noise, np.ones((4, 4)))
    ramp = np.linspace(0, 1, 640)[None, :] * np.linspace(0.3, 1, 360)[:, None]
    return (255 * (0.6 * small + 0.4 * ramp)).astype(np.uint8)


def phash(gray: np.ndarray) -> np.ndarray:
    return codes_from_hex([str(imagehash.phash(Image.fromarray(np.ascontiguousarray(gray))))])


@pytest.mark.parametrize("trial", range(3))
def test_inverted_and_turned_pictures_have_the_hashes_the_search_derives(trial):
    gray = picture()
    plain, mirror = phash(gray), phash(gray[:, ::-1])
    assert popcount(inverted_codes(plain) ^ phash(255 - gray))[0] <= 2
    turned = phash(np.rot90(gray))  # a quarter counter-clockwise
    assert popcount(transposed_codes(mirror) ^ turned)[0] <= 4
    assert popcount(transposed_codes(transposed_codes(plain)) ^ plain)[0] == 0


def test_a_rebuild_makes_the_tables_again(tmp_path):
    from forensics.report.rebuild import rebuild_case

    index = CaseIndex(tmp_path)
    hashes = [random_hashes(6) for _ in range(5)]
    ids = [index.add(fake_record(f"{k}" * 64, h), EMPTY, None).id for k, h in enumerate(hashes)]
    hashes[0] = random_hashes(6)
    ids[0] = index.add(fake_record("0" * 64, hashes[0]), EMPTY, None).id  # analysed again
    assert sum(size for _, size in segments(tmp_path)) == 6 * 3  # its old rows still there
    rebuilt = rebuild_case(tmp_path, tmp_path / "out")
    assert len(rebuilt.problems) == 5  # analysed without report folders: the tables regardless
    assert [size for _, size in segments(tmp_path)] == [5 * 3]
    assert found(index, hashes[3][::2], reopen=True) == {ids[3]}


def test_the_variants_looked_up_are_the_callers_and_stored_frames_are_counted(tmp_path):
    """Triage looks key frames up as they are and mirrored only; the full search also
    inverted and turned. Stored frames are counted per current clip, stale rows left out."""
    index = CaseIndex(tmp_path)
    hashes = random_hashes(8)
    clip = index.add(fake_record("dd" * 32, hashes), EMPTY, None)
    inverted = [f"{int(c):016x}" for c in inverted_codes(codes_from_hex(hashes[::2]))]
    frames = fake_record("e" * 64, [h for h in inverted for _ in (0, 1)]).frames  # even: used
    table = index.shortlist_tables()
    assert set(shortlist.hash_pairs(table, -1, frames, 10, 2)) == {clip.id}
    assert shortlist.hash_pairs(table, -1, frames, 10, 1, shortlist.PLAIN_AND_MIRRORED) == {}
    assert shortlist.stored_frames(table) == {clip.id: 4}
    again = index.add(fake_record("dd" * 32, random_hashes(4)), EMPTY, None)  # analysed again
    assert shortlist.stored_frames(index.shortlist_tables()) == {again.id: 2}


def test_a_first_pass_looks_up_the_other_variants_only_for_frames_found_nothing(tmp_path,
                                                                               monkeypatch):
    """A large case's first pass (``FIRST_PASS``): every frame as is and mirrored, and
    inverted or turned only the frames that found no frame of another clip so. An inverted
    copy is still found through the frames the first look left unmatched."""
    index = CaseIndex(tmp_path)
    plain, other = random_hashes(8), random_hashes(8)
    copy = index.add(fake_record("dd" * 32, plain), EMPTY, None)  # frames 0, 2, 4, 6 used
    inverted = [f"{int(c):016x}" for c in inverted_codes(codes_from_hex(other[::2]))]
    flipped = index.add(fake_record("ee" * 32, [h for h in inverted for _ in (0, 1)]), EMPTY,
                        None)  # fmt: skip
    # the new clip: 4 frames a plain copy holds, then 4 whose inverted copy is stored
    frames = fake_record("f" * 64, [h for h in [*plain[::2], *other[::2]] for _ in (0, 1)]).frames
    table = index.shortlist_tables()
    asked: list[int] = []
    real = shortlist.hash_hits

    def spy(tables_, queries, radius):
        asked.append(len(queries))
        return real(tables_, queries, radius)

    monkeypatch.setattr(shortlist, "hash_hits", spy)
    everything = shortlist.hash_pairs(table, -1, frames, 10, 2)
    assert set(everything) == {copy.id, flipped.id} and asked == [8 * 5]
    asked.clear()
    first = shortlist.hash_pairs(table, -1, frames, 10, 2, *shortlist.FIRST_PASS)
    assert first == everything  # the same pairs, from fewer look-ups
    assert asked == [8 * 2, 4 * 3]  # the second look: the 4 frames found nothing, 3 variants
    asked.clear()
    # every frame found something as is: the other variants are not looked up at all
    assert set(shortlist.hash_pairs(table, -1, frames[:8], 10, 2, *shortlist.FIRST_PASS)) == {
        copy.id}  # fmt: skip
    assert asked == [4 * 2]


def test_the_fast_uniques_agree_with_numpys():
    values = RNG.integers(0, 50, 400).astype(np.int64)
    assert np.array_equal(shortlist._distinct(values), np.unique(values))
    assert len(shortlist._distinct(np.zeros(0, np.int64))) == 0
    points = (RNG.integers(0, 40, (300, 2)) * 1.5).astype(np.float32)  # many repeated places
    points[::7] = points[::7] * 0.25 + 0.125  # and some at fractions
    expected = np.unique(points, axis=0, return_index=True)[1]
    assert np.array_equal(shortlist._first_of_each(points), expected)


def _frame(descriptors: np.ndarray, points: np.ndarray, t: float = 1.0) -> FrameFeatures:
    none = (np.zeros((0, 2), np.float32), np.zeros((0, 32), np.uint8))
    return FrameFeatures(t, (640, 360), (points, none[0]), (descriptors, none[1]))


def _tables(segments: list[list[tuple[int, FrameFeatures]]]) -> shortlist.Tables:
    """Tables cut into the given segments, each of the given clips' frames."""
    made = []
    for clips in segments:
        parts = [tables.clip_rows(c, np.zeros(0), np.zeros(0, np.uint64),
                                  ClipFeatures(2.0, (640, 360), (f,))) for c, f in clips]
        made.append((shortlist.build_segment(tables.concatenated(parts)),
                     frozenset(c for c, _ in clips)))
    return shortlist.Tables(tuple(made))


@pytest.mark.parametrize("copies", [10, 40])
def test_sketch_votes_do_not_depend_on_how_the_tables_are_cut(copies):
    """A key more than MAX_BUCKET stored descriptors hold is noise in all segments together:
    40 clips repeating a frame's descriptors (elsewhere in the picture) drown it whether the
    tables hold one segment or two of 21 and 20 clips; 10 do not."""
    descriptors = RNG.integers(0, 256, (40, 32), dtype=np.uint8)
    points = (RNG.random((40, 2)) * [640, 360]).astype(np.float32)
    source = (1, _frame(descriptors, points))
    others = [(2 + k, _frame(descriptors, (RNG.random((40, 2)) * [640, 360]).astype(np.float32)))
              for k in range(copies)]  # fmt: skip
    query = [_frame(descriptors, points + 3)]
    half = copies // 2
    one = shortlist.sketch_pairs(_tables([[source, *others]]), query)
    two = shortlist.sketch_pairs(_tables([[source, *others[:half]], others[half:]]), query)
    assert one == two
    assert (1 in one) == (copies + 1 <= shortlist.MAX_BUCKET)
    if 1 in one:  # the clip searched, in the case itself, is passed over when told
        assert 1 not in shortlist.sketch_pairs(_tables([[source, *others]]), query, exclude=1)


def test_sketch_pairs_name_both_frames():
    """Each pair the sketch proposes is (the new clip's time, the stored frame's time): the
    search compares the two clips around them (forensics.case.confirm)."""
    descriptors = RNG.integers(0, 256, (40, 32), dtype=np.uint8)
    points = (RNG.random((40, 2)) * [640, 360]).astype(np.float32)
    other = RNG.integers(0, 256, (40, 32), dtype=np.uint8)
    stored = [(1, _frame(descriptors, points, t=7.5)), (2, _frame(other, points, t=3.0))]
    query = [_frame(descriptors, points * 0.5 + 20, t=42.0)]
    assert shortlist.sketch_pairs(_tables([stored]), query) == {1: [(42.0, 7.5)]}


def test_sketch_keys_take_the_drawn_bits_of_each_descriptor():
    """Each key is its chunk number, then the 24 bits KEY_BITS draws, first drawn highest (the
    stored tables' format: read byte by byte, as unpacking every bit reads them)."""
    descriptors = RNG.integers(0, 256, (500, 32), dtype=np.uint8)
    bits = np.unpackbits(descriptors, axis=1)[:, sketchkeys._KEY_BITS].astype(np.uint64)
    weights = np.uint64(1) << np.arange(23, -1, -1, dtype=np.uint64)
    chunks = np.arange(shortlist.SKETCH_CHUNKS, dtype=np.uint64) << np.uint64(24)
    expected = ((bits @ weights) | chunks).ravel()
    assert np.array_equal(shortlist.sketch_keys(descriptors), expected.astype(np.uint32))
    assert shortlist.sketch_keys(descriptors[:0]).shape == (0,)


def test_a_key_many_of_the_new_clips_descriptors_hold_is_not_rare():
    """``Query.rare``: a key more than MAX_BUCKET of the new clip's descriptors hold (a static
    shot repeating its keypoints) is passed over; counted from the sorted keys."""
    descriptors = RNG.integers(0, 256, (300, 32), dtype=np.uint8)
    repeated = np.concatenate([descriptors, np.repeat(descriptors[:2], shortlist.MAX_BUCKET, 0)])
    count = len(repeated)
    query = shortlist.Query(repeated, np.zeros((count, 2), np.float32), np.arange(count),
                            np.arange(count, dtype=float))  # fmt: skip
    _, inverse, counts = np.unique(query.keys, return_inverse=True, return_counts=True)
    assert np.array_equal(query.rare, counts[inverse] <= shortlist.MAX_BUCKET)
    owner = np.repeat(np.arange(len(repeated)), sketchkeys.SKETCH_CHUNKS)
    assert not query.rare[np.isin(owner, [0, 1])].any()  # 1 + MAX_BUCKET copies of each
    assert query.rare[owner == 5].all()
