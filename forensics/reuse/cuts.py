"""Compilations of short excerpts: many 1-2 s cuts of A, in any order, between other footage.

A 1 s cut holds two samples of each clip (one every 0.5 s): too few for ``align``'s stretches
(``MIN_MATCHES`` samples over ``SHORT_SPAN_S``) and for ``moves_alike`` (three moments), and
one such coincidence proves nothing (a look-alike moment, a fixed camera's other car). So the
frame pairs no found stretch explains are looked at again for cuts: two or more consecutive
samples of A on one line at unchanged speed (forwards or backwards), every pair of it confirmed
by what moves in both clips, matching its own moment better than any other (``distinctive``).
One cut alone is weak evidence and is dropped; ``MIN_CUTS`` distinct cuts that agree (the same
two clips, apart on both, mirrored and played alike, at about one scale) count, each a
stretch of its own.

A line of changed speed (or backwards) through several cuts in B (a compilation's cuts that
happen to run in order) is no speed change: B's samples between the cuts show other footage.
``seen_along`` asks that most samples along such a line match (``align`` gives a line it
refuses no match, so the cuts keep their own lines).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from forensics.records import Segment, Side
from forensics.reuse.align import TOLERANCE_S, FrameMatch, align
from forensics.reuse.evidence import (
    MOVING_INLIERS,
    Verified,
    distinctive,
    nearly_best,
    off_line,
    steady,
)

CUT_PAIRS = 2  # samples of each clip a cut needs, each confirmed by what moves: a 1 s cut
CUT_SPAN_S = 0.4  # of A: two samples (0.5 s apart, as sampled: 0.44-0.56)
CUT_GAP_S = 1.01  # a cut's samples follow each other: a hole of two samples ends it
MIN_CUTS = 2  # distinct cuts that must agree before any counts
SCALE_RATIO = 1.3  # cuts shown at scales further apart than this are other pictures
SIDES: tuple[Side, ...] = ("a", "b")
# Of A's described samples along a changed-speed or backwards line (and of B's, where B plays
# faster), those that must match the other clip on it
SEEN_ALONG = 0.8


@dataclass(frozen=True)
class Cut:
    """A short cut one look found, told from A to B, with the scale B shows A's picture at."""

    segment: Segment
    scale: float
    look: int  # 0: A's frames matched against B's; 1: B's against A's


def short_cuts(verified: Verified, found: Sequence[Segment], look: int = 0) -> list[Cut]:
    """The confirmed cuts of one look (``look`` 1: ``verified`` keyed (B time, A time)) that
    no stretch in ``found`` (told from A to B) explains."""
    if look:
        found = [s.swapped() for s in found]
    free = {
        (ta, tb): v for (ta, tb), v in verified.items()
        if v.moving >= MOVING_INLIERS and not any(_touches(s, ta, tb) for s in found)
    }  # fmt: skip
    matches = [FrameMatch(ta, tb, v.score, v.mirrored) for (ta, tb), v in nearly_best(free).items()]
    lines = align(matches, (1.0, -1.0), CUT_PAIRS, CUT_GAP_S, CUT_SPAN_S)
    cuts = [Cut(c, _scale(c, verified), look) for c in lines if _confirmed(c, verified)]
    return [Cut(c.segment.swapped(), 1 / c.scale, look) for c in cuts] if look else cuts


def _touches(segment: Segment, ta: float, tb: float) -> bool:
    """Whether a pair's A or B time lies within a found stretch: its echoes (a static shot
    matched from its neighbours) are no cut of their own."""
    return (segment.a_start - TOLERANCE_S <= ta <= segment.a_end + TOLERANCE_S
            or segment.b_start - TOLERANCE_S <= tb <= segment.b_end + TOLERANCE_S)  # fmt: skip


def _confirmed(cut: Segment, verified: Verified) -> bool:
    """Every moment of the cut, on both clips, confirmed by what moves, under one geometry,
    and the cut matching its own moment better than others (``distinctive``)."""
    pairs = _cut_pairs(cut, verified)
    moments = min(len({ta for ta, _ in pairs}), len({tb for _, tb in pairs}))
    return moments >= CUT_PAIRS and distinctive(cut, verified) and steady(cut, verified)


def _cut_pairs(cut: Segment, verified: Verified) -> list[tuple[float, float]]:
    return [
        (ta, tb) for (ta, tb), v in verified.items()
        if cut.a_start <= ta <= cut.a_end and cut.b_start <= tb <= cut.b_end
        and v.moving >= MOVING_INLIERS and v.mirrored == cut.mirrored
        and off_line(cut, ta, tb) <= TOLERANCE_S
    ]  # fmt: skip


def agreeing(cuts: Sequence[Cut]) -> list[Cut]:
    """The largest set of cuts apart on both clips, mirrored alike, played the same way and
    at about one scale, when it holds ``MIN_CUTS``; the better supported of two overlapping
    cuts stays."""
    best: list[Cut] = []
    for way in sorted({(c.segment.mirrored, c.segment.reversed) for c in cuts}):
        kept: list[Cut] = []
        alike = (c for c in cuts if (c.segment.mirrored, c.segment.reversed) == way)
        for cut in sorted(alike, key=lambda c: -c.segment.matches):
            if not any(_overlap(cut.segment, other.segment) for other in kept):
                kept.append(cut)
        kept = _one_scale(kept)
        best = kept if len(kept) > len(best) else best
    return sorted(best, key=lambda c: c.segment.a_start) if len(best) >= MIN_CUTS else []


def _overlap(one: Segment, other: Segment) -> bool:
    return any(
        min(one.end(side), other.end(side)) + TOLERANCE_S >= max(one.start(side), other.start(side))
        for side in SIDES
    )  # fmt: skip


def _one_scale(cuts: list[Cut]) -> list[Cut]:
    """The cuts whose picture's scale in B lies within ``SCALE_RATIO`` of the cuts' median:
    a compilation shows its cuts of one clip alike; a coincidence can be any size."""
    if len(cuts) < MIN_CUTS:
        return cuts
    middle = float(np.median([c.scale for c in cuts]))
    return [c for c in cuts if max(c.scale, middle) / min(c.scale, middle) <= SCALE_RATIO]


def _scale(cut: Segment, verified: Verified) -> float:
    return max(1e-6, float(np.median([verified[key].scale for key in _cut_pairs(cut, verified)])))


def seen_along(segment: Segment, verified: Verified, a: Sequence[float], b: Sequence[float]
               ) -> bool:  # fmt: skip
    """At a changed speed or backwards, whether most described samples along the stretch
    (times ``a``, ``b``) match the other clip on its line: a speed change shows the footage
    all along; a line through cuts, or through a panning shot's echoes of them, crosses
    other footage between them. Forwards at unchanged speed: always.

    Each of A's samples is matched against all of B (``verified`` keys are A's frames' best
    candidates), so all of A's along the line must be seen; B's only where B plays faster
    (fewer B samples than A's): where B is slowed down, more of its samples lie on the line
    than A's candidates can reach (at half speed, about 60% on tests' panning)."""
    if abs(segment.rate - 1.0) < 0.005:
        return True
    on = [(ta, tb) for ta, tb in verified if off_line(segment, ta, tb) <= TOLERANCE_S]
    looked = (0, 1) if abs(segment.rate) <= 1.0 else (0,)
    for k in looked:
        side, times = SIDES[k], (a, b)[k]
        inside = {t for t in times if segment.start(side) <= t <= segment.end(side)}
        if len({pair[k] for pair in on} & inside) < SEEN_ALONG * len(inside):
            return False
    return True
