"""Local features: serialisation for the case index, and one index over several clips."""

import numpy as np
import pytest

from forensics.reuse import matching
from forensics.reuse.compare import GUIDED_MIN_MATCHES
from forensics.reuse.features import ClipFeatures, describe
from forensics.reuse.matching import FeatureIndex
from tests.media import textured_grey as textured


def clip(seeds, start=0.0):
    frames = [describe(start + 0.5 * i, textured(s)) for i, s in enumerate(seeds)]
    assert all(frames)
    return ClipFeatures(duration_s=0.5 * len(seeds), size=(320, 180), frames=tuple(frames))


def test_clip_features_round_trip():
    original = clip([1, 2, 3])
    restored = ClipFeatures.from_bytes(original.to_bytes())
    assert restored.duration_s == original.duration_s and restored.size == original.size
    for a, b in zip(original.frames, restored.frames, strict=True):
        assert a.t == b.t
        for side in (0, 1):
            assert np.array_equal(a.points[side], b.points[side])
            assert np.array_equal(a.descriptors[side], b.descriptors[side])


def test_empty_clip_round_trips():
    empty = ClipFeatures(2.0, (320, 180), ())
    assert ClipFeatures.from_bytes(empty.to_bytes()) == empty


def test_index_names_the_clip_and_frame_that_match():
    first, second = clip([1, 2, 3]), clip([4, 5, 6])
    index = FeatureIndex([first.frames, second.frames])
    query = describe(0.0, textured(5))
    found = index.match_all([query])
    assert {(p.clip, p.frame.t) for p in found} == {(1, 0.5)}
    assert not found[0].verification.mirrored
    assert found[0].verification.scale == pytest.approx(1.0, abs=0.02)


def test_index_sees_a_mirrored_frame():
    index = FeatureIndex([clip([7, 8]).frames])
    mirrored = describe(0.0, np.ascontiguousarray(textured(8)[:, ::-1]))
    best = max(index.match_all([mirrored]), key=lambda p: p.verification.inliers)
    assert best.frame.t == 0.5 and best.verification.mirrored


def test_inverted_file_gives_the_same_matches(monkeypatch):
    clips = [clip(range(10 * c, 10 * c + 10)) for c in range(3)]
    queries = [describe(0.0, textured(s)) for s in (3, 14, 27, 99)]
    exact = {(p.query.t, p.clip, p.frame.t) for p in FeatureIndex([c.frames for c in clips])
             .match_all(queries)}  # fmt: skip
    monkeypatch.setattr(matching, "EXACT_ROWS", 100)
    monkeypatch.setattr(matching, "IVF_ROWS_PER_CELL", 200)
    approximate = FeatureIndex([c.frames for c in clips])
    assert approximate.index.__class__.__name__ == "IndexBinaryIVF"
    found = {(p.query.t, p.clip, p.frame.t) for p in approximate.match_all(queries)}
    assert found == exact == {(0.0, 0, 1.5), (0.0, 1, 2.0), (0.0, 2, 3.5)}


def _votes_stacked_apart(index, distances, rows):
    """``FeatureIndex._votes`` as it was before its votes became slices of one array (each
    stack's pairs stacked on their own): the reference the new form must equal."""
    q_index, k_index = np.nonzero((distances <= matching.MAX_HAMMING) & (rows >= 0))
    hit_rows = rows[q_index, k_index]
    stacks = index.row_stack[hit_rows]
    keypoints = hit_rows - index.row_start[stacks]
    voted, first, counts = np.unique(stacks, return_index=True, return_counts=True)
    grouped = np.argsort(stacks, kind="stable")
    starts = np.cumsum(counts) - counts
    ranked = []
    for i in np.lexsort((first, -counts)):
        if counts[i] < matching.VOTES_TO_VERIFY:
            break
        taken = grouped[starts[i] : starts[i] + counts[i]]
        ranked.append((int(voted[i]), np.stack([q_index[taken], keypoints[taken]], axis=1)))
    return ranked


@pytest.mark.parametrize("seed", range(6))
def test_votes_are_the_stacks_and_pairs_they_were(seed):
    """The votes of a search (ties in count, rows beyond MAX_HAMMING, rows not found) give
    the same stacks in the same order, each with the same pairs in the same order."""
    index = FeatureIndex([clip([1, 2, 3]).frames, clip([4, 5]).frames])
    rng = np.random.default_rng(seed)
    queries = int(rng.integers(50, 400))
    # clustered rows, so that many stacks reach VOTES_TO_VERIFY and counts tie
    centres = rng.integers(0, index.index.ntotal, 12)
    rows = (
        centres[rng.integers(0, 12, (queries, matching.NEIGHBOURS))]
        + rng.integers(0, 40, (queries, matching.NEIGHBOURS))
    ) % index.index.ntotal
    rows[rng.random(rows.shape) < 0.05] = -1
    distances = rng.integers(0, 2 * matching.MAX_HAMMING, rows.shape).astype(np.int32)
    expected = _votes_stacked_apart(index, distances, rows)
    found = index._votes(distances, rows)
    assert len(expected) > 3
    assert [s for s, _ in found] == [s for s, _ in expected]
    for (_, pairs), (_, reference) in zip(found, expected, strict=True):
        assert pairs.dtype == reference.dtype and np.array_equal(pairs, reference)


def test_guided_matching_needs_the_picture_where_the_transform_puts_it():
    frame = describe(0.0, textured(3))
    identity = np.array([[1.0, 0, 0], [0, 1.0, 0]])
    shifted = np.array([[1.0, 0, 40], [0, 1.0, 25]])
    assert matching.guided_matches(frame, frame, identity, mirrored=False) >= 150
    chance = GUIDED_MIN_MATCHES  # what a segment needs to grow by a frame
    assert matching.guided_matches(frame, frame, shifted, mirrored=False) < chance
    unrelated = describe(0.0, textured(4))
    assert matching.guided_matches(frame, unrelated, identity, mirrored=False) < chance
    # A mirrored copy: B's mirror-image keypoints are where the identity puts A's.
    flipped = describe(0.0, np.ascontiguousarray(textured(3)[:, ::-1]))
    assert matching.guided_matches(frame, flipped, identity, mirrored=True) >= 150


def test_a_proposed_pair_is_verified_on_its_own():
    frame = describe(0.0, textured(3))
    flipped = describe(0.5, np.ascontiguousarray(textured(3)[:, ::-1]))
    other = describe(1.0, textured(4))
    plain = matching.verify_pair(frame, frame, mirrored=False)
    assert plain is not None and plain.scale == pytest.approx(1.0, abs=0.02)
    assert matching.verify_pair(frame, flipped, mirrored=True) is not None
    assert matching.verify_pair(frame, other, mirrored=False) is None
    assert matching.verify_pair(frame, other, mirrored=True) is None


def test_a_portrait_frame_is_also_described_shrunk_by_its_aspect():
    from fractions import Fraction

    from forensics.media.frames import SampledFrame
    from forensics.records import Timestamp
    from forensics.reuse.features import describe_samples

    def sample(gray):
        return SampledFrame(Timestamp(0, Fraction(1, 1000)), gray)

    [whole, shrunk] = describe_samples([sample(textured(1, (180, 320)))])
    assert whole.region is None and shrunk.region is not None
    assert shrunk.region.scale == pytest.approx(320 / 180, rel=0.02)
    points = shrunk.frame_points(0)
    assert points.max(axis=0)[0] <= 180 and points.max(axis=0)[1] <= 320
    assert points.max(axis=0)[1] > 200  # mapped back to the whole frame, not the small copy
    assert len(describe_samples([sample(textured(1, (320, 180)))])) == 1  # landscape: once
    for not_a_phone in ((120, 320), (40, 320)):  # too tall; too thin to describe shrunk
        assert len(describe_samples([sample(textured(1, not_a_phone))])) <= 1


def test_a_9_16_crop_of_sharp_footage_is_found_through_the_shrunk_description():
    """The middle of a sharp 1280x720 picture cropped to 9:16: the landscape sample (320x180)
    has lost the fine detail that the portrait one (180x320) holds, enlarged 1.78x. Over five
    pictures, the shrunk description finds every crop the whole frame finds, and more."""
    from fractions import Fraction

    import cv2

    from forensics.media.frames import SampledFrame
    from forensics.records import Timestamp
    from forensics.reuse.features import describe_samples

    found = {"whole": 0, "both": 0}
    for seed in range(5):
        sharp = cv2.GaussianBlur(textured(seed, (1280, 720)), (3, 3), 0)
        a = describe(0.0, cv2.resize(sharp, (320, 180), interpolation=cv2.INTER_AREA))
        crop = cv2.resize(sharp[:, 438:843], (180, 320), interpolation=cv2.INTER_AREA)
        frames = describe_samples([SampledFrame(Timestamp(0, Fraction(1, 1000)), crop)])
        whole = [f for f in frames if f.region is None]
        for name, indexed in (("whole", whole), ("both", frames)):
            pairs = FeatureIndex([indexed]).match_all([a])
            assert all(p.verification.scale == pytest.approx(1.78, rel=0.03) for p in pairs)
            found[name] += bool(pairs)
    assert found["both"] > found["whole"]
