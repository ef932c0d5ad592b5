"""Confirming a clip the hashes proposed, at the cost of the stretches proposed.

In a large case the search verifies only the frame pairs the hashes propose
(:mod:`forensics.case.search`); the stretches those pairs line up are a proposal. The two
clips are then compared alone, exactly as ``compare`` compares them (``compare_features``:
every frame matched against an index of the other's, both looks, alignment, the checks
against fixed cameras and still layers), but only over the frames around the proposed
stretches: ``CONFIRM_MARGIN_S`` of each clip's time on either side of each (more of B's at a
changed speed). A stretch found running to the edge of a window (the footage goes on) widens
that window by the margin and the two are compared again, until every stretch ends inside
its windows or the windows hold the whole clips, so a stretch's bounds are where the footage
ends, not where the proposal did.

The margins also keep what the checks against look-alikes read: ``distinctive`` weighs a
stretch's pairs against those more than ``STATIC_MARGIN_S`` off its line (a fixed camera
matches itself at every moment: within the margin it does too), and ``still_match`` and the
inverted look decide only where nothing is shared, where the clips are compared in full.

So the cost follows the proposed stretches, not the clips' lengths; when the windows find
no shared stretch the clips are compared in full (``compare``'s own answer, still layers
included), as they were before.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from forensics.media.frames import SAMPLE_INTERVAL_S
from forensics.records import Comparison, Segment
from forensics.reuse.compare import compare_features, from_verified_pairs, pairs_found
from forensics.reuse.features import ClipFeatures
from forensics.reuse.matching import FeatureIndex

# Of each clip's time on either side of a proposed stretch (a fixed camera's other moments
# within it are seen; off its line starts at 2 s): 20 samples each way
CONFIRM_MARGIN_S = 10.0
# A stretch ending this near a window's edge may go on beyond it: growth tolerates one
# missed sample, and alignment may stop a sample or two short
EDGE_S = 5 * SAMPLE_INTERVAL_S
# The first look matches one of A's sample times in CONFIRM_STEP against B's frames, and
# then every frame within REFINE_S of a found stretch's ends (all of a stretch at a changed
# speed: its line is measured on how densely it matches)
CONFIRM_STEP = 2
REFINE_S = 2.0
CHANGED_RATE = 0.005  # a speed this far from 1 is measured on density (align._long_enough)

Span = tuple[float, float]


@dataclass(frozen=True)
class Proposal:
    """Where two clips may share footage: a stretch of A's time, of B's, and B's speed."""

    a: Span
    b: Span
    rate: float = 1.0


def proposals(comparison: Comparison) -> list[Proposal]:
    """The stretches a comparison of some frame pairs found, as proposals."""
    return [Proposal((s.segment.a_start, s.segment.a_end), (s.segment.b_start, s.segment.b_end),
                     s.segment.rate) for s in comparison.stretches]  # fmt: skip


def confirm(a_name: str, a: ClipFeatures, b_name: str, b: ClipFeatures,
            proposed: Sequence[Proposal]) -> Comparison:  # fmt: skip
    """What ``compare_features(a_name, a, b_name, b)`` says of the proposed stretches, from
    the frames around them only (widened while a stretch runs to a window's edge); in full
    when nothing is proposed or the windows find nothing shared.

    The windows are first compared at a coarser step (:func:`compare_coarse`); when that finds
    nothing shared they are compared as ``compare`` does, frame by frame."""
    if not proposed:  # a still layer only: no place to look at, and compare decides
        return compare_features(a_name, a, b_name, b)
    for comparing in (compare_coarse, compare_features):
        found = _in_windows(comparing, a_name, a, b_name, b, proposed)
        if found is not None:
            return found
    return compare_features(a_name, a, b_name, b)


Comparing = Callable[[str, ClipFeatures, str, ClipFeatures], Comparison]


def _in_windows(comparing: Comparing, a_name: str, a: ClipFeatures, b_name: str,
                b: ClipFeatures, proposed: Sequence[Proposal]) -> Comparison | None:  # fmt: skip
    """``comparing`` of the frames around the proposed stretches, widened until every stretch
    found ends inside its windows; None when the windows show nothing shared."""
    a_all, b_all = _extent(a), _extent(b)
    a_spans = _widened([], [(p.a, 1.0) for p in proposed], a_all)
    b_spans = _widened([], [(p.b, p.rate) for p in proposed], b_all)
    while True:
        found = comparing(a_name, within(a, a_spans), b_name, within(b, b_spans))
        if not found.stretches:
            return None
        wider_a = _widened(a_spans, [(p.a, 1.0) for p in proposals(found)], a_all)
        wider_b = _widened(b_spans, [(p.b, p.rate) for p in proposals(found)], b_all)
        if wider_a == a_spans and wider_b == b_spans:
            return replace(found, frames_described=(_whole_frames(a), _whole_frames(b)))
        a_spans, b_spans = wider_a, wider_b


def compare_coarse(a_name: str, a: ClipFeatures, b_name: str, b: ClipFeatures) -> Comparison:
    """``compare_features`` with A's frames matched against B's index (as is and mirrored)
    at one sample time in CONFIRM_STEP, and then every frame near the ends of the stretches
    found (all of one at a changed speed). Every pair it verifies is one ``compare_features``
    verifies (each of A's frames is matched against the same index, alone), so it weighs no
    evidence that comparison would not; it only leaves some out. Where nothing is found, the
    inverted look is not taken (the caller then compares frame by frame)."""
    index = FeatureIndex([b.frames])
    coarse = {f.t for f in a.frames if round(f.t / SAMPLE_INTERVAL_S) % CONFIRM_STEP == 0}
    verified = pairs_found(index, [f for f in a.frames if f.t in coarse])
    reverse = functools.cache(lambda: pairs_found(FeatureIndex([a.frames]), b.frames))
    first = from_verified_pairs(a_name, a, b_name, b, verified, reverse=reverse)
    refine = {f.t for f in a.frames if f.t not in coarse
              and any(_refined(f.t, s.segment) for s in first.stretches)}  # fmt: skip
    if not refine:
        return first
    verified |= pairs_found(index, [f for f in a.frames if f.t in refine])
    return from_verified_pairs(a_name, a, b_name, b, verified, reverse=reverse)


def _refined(t: float, segment: Segment) -> bool:
    """Whether A's frame at ``t`` is matched in full for a stretch found at the coarse step."""
    if abs(abs(segment.rate) - 1.0) >= CHANGED_RATE:
        return segment.a_start - REFINE_S <= t <= segment.a_end + REFINE_S
    return abs(t - segment.a_start) <= REFINE_S or abs(t - segment.a_end) <= REFINE_S


def within(clip: ClipFeatures, spans: Sequence[Span]) -> ClipFeatures:
    """The clip with only its frames (and inverted frames) inside ``spans``; its length and
    size unchanged, so times and shares stay the whole clip's."""

    def inside(t: float) -> bool:
        return any(start - 1e-6 <= t <= end + 1e-6 for start, end in spans)

    return replace(clip, frames=tuple(f for f in clip.frames if inside(f.t)),
                   inverted=tuple(f for f in clip.inverted if inside(f.t)))  # fmt: skip


def _around(start: float, end: float, rate: float) -> Span:
    margin = CONFIRM_MARGIN_S * max(1.0, abs(rate))
    return (start - margin, end + margin)


def _merged(spans: Sequence[Span]) -> list[Span]:
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _widened(spans: list[Span], found: Sequence[tuple[Span, float]], extent: Span
             ) -> list[Span]:  # fmt: skip
    """``spans`` grown around every stretch that is not inside one of them or ends near an
    edge of its span where the clip goes on beyond it; clipped to the clip's frames."""
    added = []
    for (start, end), rate in found:
        holding = [(s0, s1) for s0, s1 in spans if s0 - 1e-6 <= start and end <= s1 + 1e-6]
        at_edge = not holding or any(
            (extent[0] < s0 and start - s0 <= EDGE_S) or (s1 < extent[1] and s1 - end <= EDGE_S)
            for s0, s1 in holding
        )  # fmt: skip
        if at_edge:
            added.append(_around(start, end, rate))
    if not added:
        return spans
    return [(max(s0, extent[0]), min(s1, extent[1])) for s0, s1 in _merged([*spans, *added])]


def _extent(clip: ClipFeatures) -> Span:
    times = [f.t for f in clip.frames]
    return (min(times), max(times)) if times else (0.0, 0.0)


def _whole_frames(clip: ClipFeatures) -> int:
    return sum(1 for f in clip.frames if f.region is None)
