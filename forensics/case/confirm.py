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

The windows are first compared at a coarse step (``compare_coarse``): every other sample of
A's is matched against the index of B's window, then the frames a finding needs (near its
ends, and next to every frame that pairs its B frames with another moment of A), until it
needs no more. It weighs only pairs the frame-by-frame comparison verifies too; when it
finds nothing, the windows are compared frame by frame.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from forensics.media.frames import SAMPLE_INTERVAL_S
from forensics.records import Comparison, Segment
from forensics.reuse.compare import (
    Later,
    Verified,
    compare_features,
    from_verified_pairs,
    pairs_found,
)
from forensics.reuse.evidence import STATIC_MARGIN_S
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
COARSE_ROUNDS = 3  # of adding the frames a finding needs; then frame by frame

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
    searches = Searches()  # the windows' descriptor searches, made once for both looks
    for comparing in (compare_coarse, compare_windows):
        found = _in_windows(functools.partial(comparing, searches=searches), a_name, a,
                            b_name, b, proposed)  # fmt: skip
        if found is not None:
            return found
    return compare_features(a_name, a, b_name, b)


Comparing = Callable[[str, ClipFeatures, str, ClipFeatures], Comparison | None]


def _in_windows(comparing: Comparing, a_name: str, a: ClipFeatures, b_name: str,
                b: ClipFeatures, proposed: Sequence[Proposal]) -> Comparison | None:  # fmt: skip
    """``comparing`` of the frames around the proposed stretches, widened until every stretch
    found ends inside its windows; None when the windows show nothing shared (or
    ``comparing`` leaves the question open)."""
    a_all, b_all = _extent(a), _extent(b)
    a_spans = _widened([], [(p.a, 1.0) for p in proposed], a_all)
    b_spans = _widened([], [(p.b, p.rate) for p in proposed], b_all)
    while True:
        found = comparing(a_name, within(a, a_spans), b_name, within(b, b_spans))
        if found is None or not found.stretches:
            return None
        wider_a = _widened(a_spans, [(p.a, 1.0) for p in proposals(found)], a_all)
        wider_b = _widened(b_spans, [(p.b, p.rate) for p in proposals(found)], b_all)
        if wider_a == a_spans and wider_b == b_spans:
            return replace(found, frames_described=(_whole_frames(a), _whole_frames(b)))
        a_spans, b_spans = wider_a, wider_b


def compare_coarse(a_name: str, a: ClipFeatures, b_name: str, b: ClipFeatures,
                   searches: Searches | None = None) -> Comparison | None:  # fmt: skip
    """``compare_features`` with only some of A's frames matched against B's index (as is
    and mirrored): one sample time in CONFIRM_STEP, then the frames a finding needs
    (``_needed``), until it needs no more; None (frame by frame, then) when it finds nothing
    shared or still needs frames after ``COARSE_ROUNDS``.

    Every pair it weighs is one ``compare_features`` verifies (each of A's frames is matched
    alone against the same index: B's is never narrowed, so a frame's nearest descriptors
    are never forced onto fewer of B's frames, as the banded look did). What it leaves out
    are A's frames, and a left-out frame can be the strongest match of one of B's frames:
    ``compare`` keeps only the pairs nearly as strong as their B frame's strongest, and that
    is how a panning shot's echoes (its texture matched seconds away) are told from the
    moment itself. So the frames next to every pair that places a stretch's B frames at
    another moment of A are matched too, before the finding stands."""
    searches = searches or Searches()
    every = {f.t for f in a.frames}
    asked = {t for t in every if round(t / SAMPLE_INTERVAL_S) % CONFIRM_STEP == 0}
    verified = searches.pairs(a, b, asked)
    reverse = functools.partial(searches.reverse, a, b)
    for _ in range(COARSE_ROUNDS):
        found = from_verified_pairs(a_name, a, b_name, b, verified, reverse=reverse)
        if not found.stretches:
            return None
        needed = _needed([s.segment for s in found.stretches], verified, every) - asked
        if not needed:
            return found
        asked |= needed
        verified |= searches.pairs(a, b, needed)
    return None


def compare_windows(a_name: str, a: ClipFeatures, b_name: str, b: ClipFeatures,
                    searches: Searches | None = None) -> Comparison:  # fmt: skip
    """``compare_features(a_name, a, b_name, b)`` exactly (the same pairs, in the same order,
    the same looks), with the descriptor searches ``searches`` already made of these frames
    (by :func:`compare_coarse`) taken from it, not made again."""
    searches = searches or Searches()
    every = {f.t for f in a.frames}
    return from_verified_pairs(
        a_name, a, b_name, b, searches.pairs(a, b, every),
        inverted=lambda frames: {(p.query.t, p.frame.t): p.verification
                                 for p in searches.index(b).match_screened(frames)},
        reverse=functools.partial(searches.reverse, a, b),
        later=Later(lambda: a, lambda: a.inverted),
    )  # fmt: skip


class Searches:
    """The descriptor searches of one confirmation, each made once: per window of B's frames
    its index, and what each of A's sample times found in it; per pair of windows, B's frames
    against A's (the second look).

    A frame's pairs do not depend on the other frames searched with it (each is matched alone
    against the same index; the frames of one time, a frame and its insets, are searched
    together), so pairs kept from an earlier look are the ones a new search would find. They
    are handed out in the order one search of those frames lists them (time by time, in A's
    order), so a comparison built on them is the one built on a fresh search."""

    def __init__(self) -> None:
        self._indexes: dict[tuple[float, ...], FeatureIndex] = {}
        self._by_time: dict[tuple[float, ...], dict[float, Verified]] = {}
        self._reverse: dict[tuple[tuple[float, ...], tuple[float, ...]], Verified] = {}

    def index(self, b: ClipFeatures) -> FeatureIndex:
        """The index of B's frames (as is and mirrored), made once per window."""
        key = _times(b)
        if key not in self._indexes:
            self._indexes[key] = FeatureIndex([b.frames])
            self._by_time[key] = {}
        return self._indexes[key]

    def pairs(self, a: ClipFeatures, b: ClipFeatures, times: set[float]) -> Verified:
        """``pairs_found(index of B, A's frames at times)``, searching only the times not
        searched before in this window of B."""
        index = self.index(b)
        by_time = self._by_time[_times(b)]
        new = [f for f in a.frames if f.t in times and f.t not in by_time]
        by_time.update({f.t: {} for f in new})
        for key, verification in pairs_found(index, new).items():
            by_time[key[0]][key] = verification
        ordered = dict.fromkeys(f.t for f in a.frames if f.t in times)
        return {key: v for t in ordered for key, v in by_time[t].items()}

    def reverse(self, a: ClipFeatures, b: ClipFeatures) -> Verified:
        """B's frames matched against an index of A's (pairs keyed (B time, A time))."""
        key = (_times(a), _times(b))
        if key not in self._reverse:
            self._reverse[key] = pairs_found(FeatureIndex([a.frames]), b.frames)
        return self._reverse[key]


def _times(clip: ClipFeatures) -> tuple[float, ...]:
    return tuple(f.t for f in clip.frames)


def _needed(segments: Sequence[Segment], verified: Verified, times: set[float]) -> set[float]:
    """A's frames the stretches found need matched: those within REFINE_S of their ends (all
    of a stretch at a changed speed: ``align`` measures its line on how densely it matches),
    and the neighbours (a sample either way) of every A frame paired off a stretch's line
    with one of its B frames, or the next: a left-out frame there can be that B frame's
    strongest match."""
    needed = {t for t in times if any(_refined(t, segment) for segment in segments)}
    elsewhere: set[float] = set()  # A frames paired off a stretch's line with its B frames
    for segment in segments:
        margin = STATIC_MARGIN_S * max(1.0, abs(segment.rate))
        low, high = segment.b_start - SAMPLE_INTERVAL_S, segment.b_end + SAMPLE_INTERVAL_S
        elsewhere |= {ta for ta, tb in verified if low <= tb <= high
                      and abs(tb - segment.aligned_time("a", ta)) > margin}  # fmt: skip
    step = SAMPLE_INTERVAL_S + 0.01
    return needed | {t for t in times if any(abs(t - ta) <= step for ta in elsewhere)}


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
