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

from collections.abc import Sequence
from dataclasses import dataclass, replace

from forensics.media.frames import SAMPLE_INTERVAL_S
from forensics.records import Comparison
from forensics.reuse.compare import compare_features
from forensics.reuse.features import ClipFeatures

# Of each clip's time on either side of a proposed stretch (a fixed camera's other moments
# within it are seen; off its line starts at 2 s): 20 samples each way
CONFIRM_MARGIN_S = 10.0
# A stretch ending this near a window's edge may go on beyond it: growth tolerates one
# missed sample, and alignment may stop a sample or two short
EDGE_S = 5 * SAMPLE_INTERVAL_S

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
    when nothing is proposed or the windows find nothing shared."""
    if not proposed:  # a still layer only: no place to look at, and compare decides
        return compare_features(a_name, a, b_name, b)
    a_all, b_all = _extent(a), _extent(b)
    a_spans = _widened([], [(p.a, 1.0) for p in proposed], a_all)
    b_spans = _widened([], [(p.b, p.rate) for p in proposed], b_all)
    while True:
        found = compare_features(a_name, within(a, a_spans), b_name, within(b, b_spans))
        if not found.stretches:
            return compare_features(a_name, a, b_name, b)
        wider_a = _widened(a_spans, [(p.a, 1.0) for p in proposals(found)], a_all)
        wider_b = _widened(b_spans, [(p.b, p.rate) for p in proposals(found)], b_all)
        if wider_a == a_spans and wider_b == b_spans:
            return replace(found, frames_described=(_whole_frames(a), _whole_frames(b)))
        a_spans, b_spans = wider_a, wider_b


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
