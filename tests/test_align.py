"""Temporal alignment of matched frame pairs into shared segments (first step of reuse)."""

import numpy as np
import pytest

from forensics.reuse import align as align_module
from forensics.reuse.align import FrameMatch, align, shared_fraction


def line(a_from, a_to, rate, offset, step=0.5, score=0.9, mirrored=False, jitter=0.0, seed=0):
    rng = np.random.default_rng(seed)
    return [
        FrameMatch(
            float(a), float(rate * a + offset + rng.uniform(-jitter, jitter)), score, mirrored
        )
        for a in np.arange(a_from, a_to + 1e-9, step)
    ]


def test_straight_reuse_is_one_segment():
    (seg,) = align(line(15, 22, 1.0, 21.0))
    assert (seg.a_start, seg.a_end) == (15, 22)
    assert (seg.b_start, seg.b_end) == pytest.approx((36, 43))
    assert seg.rate == 1.0 and seg.matches == 15 and not seg.mirrored


@pytest.mark.parametrize("rate", [0.5, 0.75, 0.8, 1.25, 1.33, 2.0])
def test_speed_changes_are_measured(rate):
    (seg,) = align(line(10, 30, rate, 5.0, jitter=0.2))
    assert seg.rate == pytest.approx(rate, abs=0.02)
    assert seg.b_start == pytest.approx(rate * 10 + 5, abs=0.3)


@pytest.mark.parametrize("rate", [-1.0, -0.8, -2.0])
def test_footage_played_backwards_is_a_segment_with_a_negative_rate(rate):
    """B runs the stretch backwards: A 10-20 s is B 25-15 s at normal speed (rate -1)."""
    (seg,) = align(line(10, 20, rate, 35.0, jitter=0.2))
    assert seg.rate == pytest.approx(rate, abs=0.02) and seg.reversed
    assert (seg.a_start, seg.a_end) == (10, 20)
    assert seg.aligned_time("a", 10) == pytest.approx(rate * 10 + 35, abs=0.3)  # its B end
    assert seg.aligned_time("b", seg.aligned_time("a", 12.0)) == pytest.approx(12.0)
    back = seg.swapped()
    # (each side's ends are its own extreme matches: the way back is as exact as they are)
    assert back.reversed and back.aligned_time("a", seg.aligned_time("a", 14.0)) == pytest.approx(
        14.0, abs=0.3
    )


def test_a_forward_line_is_not_taken_for_a_backward_one():
    (seg,) = align(line(0, 10, 1.0, 3.0))
    assert seg.rate == 1.0


def test_two_excerpts_with_different_offsets():
    matches = line(0, 6, 1.0, 30.0) + line(20, 28, 1.0, -15.0, mirrored=True)
    first, second = align(matches)
    assert (first.a_start, first.b_start) == (0, 30) and not first.mirrored
    assert (second.a_start, second.b_start) == (20, 5) and second.mirrored


def test_a_pause_in_matches_splits_the_segment():
    matches = line(0, 5, 1.0, 10.0) + line(12, 18, 1.0, 10.0)
    assert [(s.a_start, s.a_end) for s in align(matches)] == [(0, 5), (12, 18)]


def test_scattered_look_alikes_make_no_segment():
    rng = np.random.default_rng(3)
    noise = [FrameMatch(float(a), float(b), 0.8) for a, b in rng.uniform(0, 120, (40, 2))]
    assert align(noise) == []


def test_true_line_survives_among_scattered_matches():
    rng = np.random.default_rng(4)
    noise = [FrameMatch(float(a), float(b), 0.9) for a, b in rng.uniform(0, 120, (60, 2))]
    segments = align(noise + line(40, 50, 1.0, 12.0, score=0.7))
    assert [(s.a_start, s.a_end, round(s.b_start)) for s in segments] == [(40, 50, 52)]


def test_too_few_matches_is_not_a_segment():
    assert align(line(0, 0.5, 1.0, 3.0)) == []  # two matched samples
    assert len(align(line(0, 2.5, 1.0, 3.0))) == 1  # a 3 s excerpt sampled every 0.5 s


def test_a_compilation_of_short_cuts_is_found_cut_by_cut():
    """1.5-2 s cuts of A, out of order, between other footage: one segment each (frame
    matches are verified pictures: the checks against look-alikes come after, in compare)."""
    cuts = [(20.0, 1.5, 3.0), (5.0, 2.0, 9.0), (40.0, 1.5, 15.0)]  # A start, length, B start
    matches = [m for a, n, b in cuts for m in line(a, a + n, 1.0, b - a)]
    found = sorted(align(matches), key=lambda s: s.b_start)
    assert [(s.a_start, s.b_start) for s in found] == [(20.0, 3.0), (5.0, 9.0), (40.0, 15.0)]


def test_shared_fraction_counts_overlaps_once():
    segs = align(line(0, 10, 1.0, 0.0) + line(60, 70, 1.0, -60.0))  # B 0-10 used twice
    assert len(segs) == 2
    assert shared_fraction(segs, 100.0, "a") == pytest.approx(0.2)
    assert shared_fraction(segs, 40.0, "b") == pytest.approx(10 / 40)
    assert shared_fraction([], 10.0, "a") == 0.0


# ORB + RANSAC verified frame pairs measured on the bundled samples (ministry 5-30 s against
# legion 25-55 s, frames every 0.5 s; score = inliers / 60). Truth (samples/truth.json):
# ministry 15-22 s reappears mirrored at legion 36-43 s. The pairs before 8 s are look-alikes
# of the same terrain; the weaker pairs beside the diagonal are neighbouring frames.
SAMPLE_PAIRS = [
    (5.5, 28.5, 0.3), (5.5, 32.0, 0.35), (6.0, 31.5, 0.28), (6.0, 32.0, 0.33), (6.5, 29.0, 0.27),
    (6.5, 32.0, 0.27), (7.5, 40.0, 0.25), (15.0, 36.0, 1.0), (15.5, 36.5, 1.0), (15.5, 37.0, 0.38),
    (16.0, 36.5, 0.42), (16.0, 37.0, 1.0), (16.0, 37.5, 0.42), (16.5, 37.0, 0.42),
    (16.5, 37.5, 0.93), (17.0, 37.5, 0.43), (17.0, 38.0, 1.0), (17.0, 38.5, 0.52),
    (17.5, 38.0, 0.45), (17.5, 38.5, 1.0), (17.5, 39.0, 0.55), (18.0, 38.5, 0.28),
    (18.0, 39.0, 1.0), (18.5, 39.5, 0.95), (19.0, 40.0, 0.92), (19.5, 40.0, 0.27),
    (19.5, 40.5, 1.0), (19.5, 41.0, 0.47), (20.0, 40.5, 0.5), (20.0, 41.0, 1.0),
    (20.5, 41.0, 0.32), (20.5, 41.5, 1.0), (21.0, 41.5, 0.25), (21.0, 42.0, 1.0),
    (21.0, 42.5, 0.38), (21.5, 42.0, 0.32), (21.5, 42.5, 1.0),
]  # fmt: skip


def test_sample_reuse_found_without_the_look_alikes():
    (seg,) = align([FrameMatch(a, b, s, mirrored=True) for a, b, s in SAMPLE_PAIRS])
    assert (seg.a_start, seg.a_end, seg.b_start, seg.b_end) == (15.0, 21.5, 36.0, 42.5)
    assert seg.rate == 1.0 and seg.mirrored


def test_twice_as_fast_is_found_with_one_match_per_frame_of_b():
    """At 2x, B has a frame for every other frame of A: once each B frame keeps only its best
    match, half of A's frames have one, which is all there can be."""
    matches = [m for n, m in enumerate(line(0, 10, 0.5, 4.0)) if n % 2 == 0]
    (seg,) = align(matches)
    assert seg.rate == pytest.approx(0.5, abs=0.02)


def test_look_alikes_scattered_along_a_changed_speed_are_no_segment():
    """Three look-alikes that happen to line up at 0.7x over 6 s of A: too sparse a line."""
    matches = [FrameMatch(1.5, 8.6, 0.4), FrameMatch(4.5, 6.5, 0.4), FrameMatch(7.5, 4.4, 0.4)]
    assert align(matches) == []


def test_a_stretch_s_b_times_lie_on_its_line_not_on_a_neighbouring_frame():
    """Under a fixed camera, A's first frames matched B's next sample best (0.56 s later,
    within the tolerance of the line): the stretch starts at the first pair on its line, so it
    still pairs each A frame with B's frame of the same moment."""
    matches = [FrameMatch(0.0, 0.56, 0.3), FrameMatch(1.04, 0.56, 0.3)]
    matches += line(2.0, 4.5, 1.0, 0.0, score=1.0)
    (seg,) = align(matches)
    assert (seg.a_start, seg.b_start, seg.a_end, seg.b_end) == (2.0, 2.0, 4.5, 4.5)
    assert seg.matches == 8 and seg.aligned_time("a", 3.0) == pytest.approx(3.0)


@pytest.mark.parametrize("seed", range(4))
def test_distinct_ids_per_bin_are_those_np_unique_counts(seed):
    """The count of distinct ids per bin, made unique by sorting, is np.unique's."""
    rng = np.random.default_rng(seed)
    size, bins = int(rng.integers(1, 50_000)), int(rng.integers(1, 400))
    bin_of, ids = rng.integers(0, bins, size), rng.integers(0, int(rng.integers(1, 300)), size)
    span = int(ids.max()) + 1
    expected = np.bincount(np.unique(bin_of * span + ids) // span, minlength=bins)
    assert np.array_equal(align_module._distinct_per_bin(bin_of, ids, bins), expected)
    assert not align_module._distinct_per_bin(np.zeros(0, np.int64), np.zeros(0, np.int64), 3).any()
