"""Temporal alignment: from matched frame pairs to shared stretches of footage.

Frame matching (by hashes or local features) yields pairs "frame at ``a_t`` in clip A looks
like the frame at ``b_t`` in clip B". Reused footage shows up as many pairs on one line
``b_t = rate * a_t + offset``: the same stretch, shifted in time and maybe sped up or slowed
down. Isolated look-alikes (the same scene filmed twice, black frames) do not line up.

``align`` finds those lines by voting over a grid of rates and binned offsets (a Hough
transform in one dimension per rate), refines each line by least squares on its inliers, and
cuts it into segments wherever the matches stop for longer than ``max_gap``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from forensics.records import Segment, shared_fraction

__all__ = ["FrameMatch", "Segment", "align", "shared_fraction"]  # the last two: records

# Speed changes the workbench must see: 0.75x to 1.33x, and anything between.
RATES: tuple[float, ...] = tuple(np.round(np.arange(0.70, 1.401, 0.01), 3))
OFFSET_BIN_S = 0.5
TOLERANCE_S = 0.6  # a sample every 0.5 s on each side: matched times are off by up to that
MIN_MATCHES = 3
MIN_SPAN_S = 2.0  # a 3 s excerpt sampled every 0.5 s spans at least 2.5 s of matches
MAX_GAP_S = 3.0
RATE_PRIOR = 0.85  # a changed speed needs over 1/0.85 = 1.18x the support of none


@dataclass(frozen=True)
class FrameMatch:
    a_t: float
    b_t: float
    score: float  # 0..1, how alike the two frames are
    mirrored: bool = False


def align(
    matches: Sequence[FrameMatch],
    rates: Sequence[float] = RATES,
    min_matches: int = MIN_MATCHES,
    max_gap: float = MAX_GAP_S,
) -> list[Segment]:
    """Shared stretches, strongest first claimed; each match supports at most one segment."""
    remaining = list(matches)
    segments: list[Segment] = []
    while len(remaining) >= min_matches:
        line = _best_line(remaining, rates)
        rate, offset = _settle(remaining, line, max_gap)
        inliers = [m for m in remaining if _residual(m, rate, offset) <= TOLERANCE_S]
        runs = [r for r in _runs(inliers, max_gap) if _long_enough(r, min_matches)]
        if not runs:
            break
        found = [_segment(run, rate) for run in runs]
        segments.extend(found)
        # Matches inside a found stretch are echoes of it (neighbouring, near-identical frames
        # of a static shot), not evidence of another one.
        remaining = [m for m in remaining if not any(_inside(m, s) for s in found)]
    return sorted(segments, key=lambda s: s.a_start)


def _long_enough(run: Sequence[FrameMatch], min_matches: int) -> bool:
    return len(run) >= min_matches and run[-1].a_t - run[0].a_t >= MIN_SPAN_S


def _inside(match: FrameMatch, segment: Segment) -> bool:
    return (
        segment.a_start - TOLERANCE_S <= match.a_t <= segment.a_end + TOLERANCE_S
        and segment.b_start - TOLERANCE_S <= match.b_t <= segment.b_end + TOLERANCE_S
    )


def _residual(match: FrameMatch, rate: float, offset: float) -> float:
    return abs(match.b_t - (rate * match.a_t + offset))


def _best_line(matches: Sequence[FrameMatch], rates: Sequence[float]) -> tuple[float, float]:
    """The (rate, offset) with the most score-weighted support, preferring the natural speed.

    Within a slow or static shot every frame matches its neighbours, so a tilted line through
    that band can collect a little more support than the true one; unchanged speed is by far
    the commonest case, so a changed rate must beat it clearly (``RATE_PRIOR``).
    """
    a = np.array([m.a_t for m in matches])
    b = np.array([m.b_t for m in matches])
    weight = np.array([m.score for m in matches])
    lines: dict[float, tuple[float, int]] = {}  # rate -> (support, offset bin)
    for rate in rates:
        votes: dict[int, float] = defaultdict(float)
        for key, w in zip(np.floor((b - rate * a) / OFFSET_BIN_S).astype(int), weight, strict=True):
            # Bin k also counts bin k-1's votes, so a line on a bin edge is not split in two.
            votes[int(key)] += float(w)
            votes[int(key) + 1] += float(w)
        key, support = max(votes.items(), key=lambda kv: kv[1])
        lines[float(rate)] = (support, key)
    top = max(support for support, _ in lines.values())
    natural = min(lines, key=lambda r: abs(r - 1.0))
    if lines[natural][0] >= RATE_PRIOR * top:
        rate = natural
    else:
        rate = max(lines, key=lambda r: (lines[r][0], -abs(r - 1.0)))
    key = lines[rate][1]
    low, high = (key - 1) * OFFSET_BIN_S, (key + 1) * OFFSET_BIN_S
    offsets = [m.b_t - rate * m.a_t for m in matches]
    return rate, float(np.median([o for o in offsets if low <= o < high]))


def _settle(
    matches: Sequence[FrameMatch], line: tuple[float, float], max_gap: float
) -> tuple[float, float]:
    """Refit on the strongest stretch of the current line until the line stops moving, then
    fall back to the natural speed unless the changed one is clearly better supported.

    The coarse vote can land on a slightly tilted line that leaves the strongest matches at
    one end outside, and a stray look-alike far away on that line would lever the fit: each
    round fits only the contiguous run with the most support.
    """
    for _ in range(5):
        inliers = [m for m in matches if _residual(m, *line) <= TOLERANCE_S]
        runs = _runs(inliers, max_gap)
        if not runs:
            return line
        refined = _refine(max(runs, key=lambda r: sum(m.score for m in r)), line)
        if abs(refined[0] - line[0]) < 1e-3 and abs(refined[1] - line[1]) < 1e-2:
            line = refined
            break
        line = refined
    return _natural_if_as_good(matches, line, max_gap)


def _natural_if_as_good(
    matches: Sequence[FrameMatch], line: tuple[float, float], max_gap: float
) -> tuple[float, float]:
    """The same stretch at unchanged speed, when it explains nearly as many frames.

    A slow shot at the edge of a reused stretch matches the last reused frame of B from
    several later A frames; a tilted line through them "explains" more A frames with the
    same B frames. Counting each side's distinct frames once (one-to-one) removes that gain.
    """
    if abs(line[0] - 1.0) < 0.02:
        return line
    inliers = [m for m in matches if _residual(m, *line) <= TOLERANCE_S]
    if not inliers:
        return line
    natural = (1.0, float(np.median([m.b_t - m.a_t for m in inliers])))
    if _one_to_one_support(matches, natural) >= RATE_PRIOR * _one_to_one_support(matches, line):
        return natural
    return line


def _one_to_one_support(matches: Sequence[FrameMatch], line: tuple[float, float]) -> int:
    """A frames whose best match lies on the line (each B frame counted once): a neighbour
    of the true frame matches too, but less well than the frame itself."""
    best: dict[float, FrameMatch] = {}
    for m in sorted(matches, key=lambda m: -m.score):
        best.setdefault(m.a_t, m)
    inliers = [m for m in best.values() if _residual(m, *line) <= TOLERANCE_S]
    return min(len({m.a_t for m in inliers}), len({m.b_t for m in inliers}))


def _refine(inliers: Sequence[FrameMatch], line: tuple[float, float]) -> tuple[float, float]:
    """Least-squares rate and offset over the best match of each A frame.

    A slow shot matches its neighbours too, more weakly; voting over all of them can favour a
    slightly tilted line, so each A time contributes only its most similar pair. The fit is
    kept only when it is well posed and stays within the rates the workbench considers.
    """
    closest: dict[float, FrameMatch] = {}
    for m in sorted(inliers, key=lambda m: (-m.score, _residual(m, *line))):
        closest.setdefault(m.a_t, m)  # the most similar; among equals, the nearest the line
    a = np.array(sorted(closest))
    if len(a) < 3 or np.ptp(a) < 1.0:
        return line
    rate, offset = np.polyfit(a, np.array([closest[t].b_t for t in a]), 1)
    if not min(RATES) <= rate <= max(RATES):
        return line
    return float(rate), float(offset)


def _runs(inliers: Sequence[FrameMatch], max_gap: float) -> list[list[FrameMatch]]:
    """Split matches on one line into stretches without a hole longer than ``max_gap``."""
    ordered = sorted(inliers, key=lambda m: m.a_t)
    runs: list[list[FrameMatch]] = []
    for match in ordered:
        if runs and match.a_t - runs[-1][-1].a_t <= max_gap:
            runs[-1].append(match)
        else:
            runs.append([match])
    return runs


def _segment(run: Sequence[FrameMatch], rate: float) -> Segment:
    mirrored = sum(m.mirrored for m in run) > len(run) / 2
    return Segment(
        a_start=min(m.a_t for m in run),
        a_end=max(m.a_t for m in run),
        b_start=min(m.b_t for m in run),
        b_end=max(m.b_t for m in run),
        rate=round(rate, 3),
        similarity=float(np.mean([m.score for m in run])),
        matches=len(run),
        mirrored=mirrored,
    )
