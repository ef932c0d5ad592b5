"""``reuse.cuts`` on verified frame pairs: short cuts count only when several agree, and a
changed-speed or backwards line must match along its samples (no media decoded)."""

from __future__ import annotations

import numpy as np

from forensics.records import Segment
from forensics.reuse.cuts import agreeing, seen_along, short_cuts
from forensics.reuse.features import Verification


def pair(scale: float = 1.0, mirrored: bool = False) -> Verification:
    return Verification(60, mirrored, np.array([[scale, 0.0, 4.0], [0.0, scale, 2.0]]), 60)


def cut(a: float, b: float, samples: int = 2, scale: float = 1.0) -> dict:
    """A cut of A at ``a`` shown in B at ``b``: ``samples`` pairs 0.5 s apart."""
    return {(a + 0.5 * k, b + 0.5 * k): pair(scale) for k in range(samples)}


def test_two_one_second_cuts_that_agree_are_each_a_stretch():
    verified = {**cut(2.0, 7.0), **cut(6.0, 1.0)}
    found = agreeing(short_cuts(verified, []))
    assert [(c.segment.a_start, c.segment.b_start) for c in found] == [(2.0, 7.0), (6.0, 1.0)]


def test_one_cut_alone_is_not_enough():
    assert agreeing(short_cuts(cut(2.0, 7.0, samples=3), [])) == []


def test_cuts_at_scales_far_apart_do_not_agree():
    verified = {**cut(2.0, 7.0), **cut(6.0, 1.0, scale=2.0)}
    assert agreeing(short_cuts(verified, [])) == []


def test_a_cut_inside_a_found_stretch_is_its_echo():
    verified = {**cut(2.0, 7.0), **cut(6.0, 1.0)}
    stretch = Segment(5.5, 9.0, 0.5, 4.0, 1.0, 1.0, 8, False)
    assert agreeing(short_cuts(verified, [stretch])) == []


def test_a_speed_line_through_cuts_is_not_seen_along():
    """Two cuts (A 0-1 s at B 0-1 s, A 2-3 s at B 4-5 s) lie near a line at 1.67x; A's
    samples between them match nothing on it. Along a true speed change every A sample
    does (B's, slowed down, more than A's candidates reach: not asked)."""
    segment = Segment(0.0, 3.0, 0.0, 5.0, 1.667, 1.0, 6, False)
    times = [0.5 * k for k in range(11)]
    verified = {(ta, 1.667 * ta): pair() for ta in (0.0, 0.5, 2.5, 3.0)}
    assert not seen_along(segment, verified, times, times)
    along = {(ta, round(1.667 * ta * 2) / 2): pair() for ta in times[:7]}
    assert seen_along(segment, along, times[:7], times)
