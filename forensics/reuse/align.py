"""Temporal alignment: from matched frame pairs to shared stretches of footage.

Frame matching (by hashes or local features) yields pairs "frame at ``a_t`` in clip A looks
like the frame at ``b_t`` in clip B". Reused footage shows up as many pairs on one line
``b_t = rate * a_t + offset``: the same stretch, shifted in time and maybe sped up or slowed
down. Isolated look-alikes (the same scene filmed twice, black frames) do not line up.

``align`` finds those lines by voting over a grid of rates and binned offsets (a Hough
transform in one dimension per rate), refines each line by least squares on its inliers, and
cuts it into segments wherever the matches stop for longer than ``max_gap``. A negative rate is
footage played backwards: B's time runs down while A's runs up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from forensics.media.frames import SAMPLE_INTERVAL_S
from forensics.records import Segment, shared_fraction

__all__ = ["FrameMatch", "Segment", "align", "shared_fraction"]  # the last two: records

# Speed changes the workbench must see: from half speed (slow motion) to a little over double,
# forwards and backwards, in steps of 1% (the tolerance of a 10 s stretch sampled twice a second).
SLOWEST, FASTEST = 0.45, 2.25  # B seconds per A second, either way
_STEPS = np.exp(np.arange(np.log(SLOWEST), np.log(FASTEST), np.log(1.01)))
_FORWARD = np.unique([*np.round(_STEPS, 3).tolist(), 1.0])
RATES: tuple[float, ...] = tuple(float(r) for r in np.concatenate([_FORWARD, -_FORWARD]))
OFFSET_BIN_S = 0.5
TOLERANCE_S = 0.6  # a sample every 0.5 s on each side: matched times are off by up to that
ON_LINE_S = 0.3  # nearer than half a sample: the frame the line itself points at
MIN_MATCHES = 3
MIN_SPAN_S = 2.0  # a 3 s excerpt sampled every 0.5 s spans at least 2.5 s of matches
SHORT_SPAN_S = 0.9  # at unchanged speed: a 1.5 s cut holds three samples, 1 s apart
MAX_GAP_S = 3.0
RATE_PRIOR = 0.85  # a changed speed needs over 1/0.85 = 1.18x the support of none
CHANGED_RATE_DENSITY = 0.6  # of A's samples along a changed-speed line that match on it
LINES_TRIED = 80  # distinct candidate lines tried, best first, before the rest count as none
CELLS_AT_ONCE = 1_000_000  # (rate, match) cells voted on in one go: ~50 MB of arrays


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
    short_span: float = SHORT_SPAN_S,
    accept: Callable[[Segment], bool] = lambda _: True,
) -> list[Segment]:
    """Shared stretches, strongest first claimed; each match supports at most one segment.
    At unchanged speed a stretch may span as little as ``short_span`` seconds of A. A
    segment ``accept`` refuses claims no match: a line through other stretches' matches
    (a compilation's cuts lined up at some speed) must not take them from their own lines."""
    remaining = list(matches)
    segments: list[Segment] = []
    while len(remaining) >= min_matches:
        found, used = _first_segments(remaining, rates, (min_matches, short_span), max_gap,
                                      accept)  # fmt: skip
        if not found:
            break
        segments.extend(found)
        # Matches inside a found stretch are echoes of it (neighbouring, near-identical frames
        # of a static shot), not evidence of another one; nor are its own matches off its ends.
        remaining = [m for m in remaining
                     if id(m) not in used and not any(_inside(m, s) for s in found)]  # fmt: skip
    return sorted(segments, key=lambda s: s.a_start)


def _first_segments(matches: Sequence[FrameMatch], rates: Sequence[float],
                    least: tuple[int, float], max_gap: float, accept: Callable[[Segment], bool]
                    ) -> tuple[list[Segment], set[int]]:  # fmt: skip
    """The segments of the best-supported line that has any long enough, and the ids of the
    matches they were made of; a line too short (a tilted one through a band of echoes), or
    whose segments ``accept`` refuses, gives way to the next."""
    tried: list[tuple[float, set[int]]] = []
    for line in _lines(matches, rates):
        near = {i for i, m in enumerate(matches) if _residual(m, *line) <= TOLERANCE_S}
        if any(abs(line[0] - rate) <= 0.03 * abs(rate) and len(near & seen) >= 0.5 * len(near)
               for rate, seen in tried):  # fmt: skip
            continue  # the same matches at a neighbouring rate: as short
        if len(tried) >= LINES_TRIED:
            break
        tried.append((line[0], near))
        rate, offset = _settle(matches, line, max_gap)
        inliers = [m for m in matches if _residual(m, rate, offset) <= TOLERANCE_S]
        runs = [r for r in _runs(inliers, max_gap) if _long_enough(r, *least, rate)]
        kept = [(run, seg) for run in runs if accept(seg := _segment(run, rate, offset))]
        if kept:
            return [seg for _, seg in kept], {id(m) for run, _ in kept for m in run}
    return [], set()


def _long_enough(run: Sequence[FrameMatch], min_matches: int, short_span: float, rate: float
                 ) -> bool:  # fmt: skip
    """Enough matches over long enough a time; at unchanged speed a shorter excerpt does (a
    compilation of 1.5-2 s cuts), as no speed is measured from those few matches."""
    if abs(abs(rate) - 1.0) < 0.005:
        return len(run) >= min_matches and run[-1].a_t - run[0].a_t >= short_span
    b_times = [m.b_t for m in run]  # a speed is measured over as long a time on both sides
    spans = (run[-1].a_t - run[0].a_t, max(b_times) - min(b_times))
    # and on most of the samples there of the clip that has fewer (sped up, B has half as
    # many as A): look-alikes (two cars of one model on one road) line up at some speed, now
    # and then
    matched = min(len({m.a_t for m in run}), len(set(b_times)))
    dense = matched >= CHANGED_RATE_DENSITY * (min(spans) / SAMPLE_INTERVAL_S + 1)
    return len(run) >= min_matches and min(spans) >= MIN_SPAN_S and dense


def _inside(match: FrameMatch, segment: Segment) -> bool:
    return (
        segment.a_start - TOLERANCE_S <= match.a_t <= segment.a_end + TOLERANCE_S
        and segment.b_start - TOLERANCE_S <= match.b_t <= segment.b_end + TOLERANCE_S
    )


def _residual(match: FrameMatch, rate: float, offset: float) -> float:
    return abs(match.b_t - (rate * match.a_t + offset))


def _lines(matches: Sequence[FrameMatch], rates: Sequence[float]) -> list[tuple[float, float]]:
    """Candidate (rate, offset) lines, the best supported first: each rate's best offset.

    Within a slow or static shot, or a panning one, every frame matches its neighbours, so a
    tilted line through that band can cross more matches than the true one: support counts
    each A frame and each B frame once (a line at half speed through a band meets half as
    many B frames as A frames). Unchanged speed is by far the commonest case, so a changed
    rate, backwards included, must also beat it clearly (``RATE_PRIOR``).
    """
    a = np.array([m.a_t for m in matches])
    b = np.array([m.b_t for m in matches])
    weight = np.array([m.score for m in matches])
    a_ids, b_ids = np.unique(a, return_inverse=True)[1], np.unique(b, return_inverse=True)[1]
    all_rates = np.asarray(rates, np.float64)
    ranked = []
    chunk = max(1, CELLS_AT_ONCE // max(1, 2 * len(matches)))  # rates voted on at once
    for first in range(0, len(all_rates), chunk):
        chunk_rates = all_rates[first : first + chunk]
        offsets = b[None, :] - chunk_rates[:, None] * a[None, :]
        supports, keys = _strongest_bins(np.floor(offsets / OFFSET_BIN_S), a_ids, b_ids, weight)
        medians = _medians_within(offsets, (keys - 1) * OFFSET_BIN_S, (keys + 1) * OFFSET_BIN_S)
        for rate, support, offset in zip(chunk_rates.tolist(), supports.tolist(),
                                         medians.tolist(), strict=True):  # fmt: skip
            natural = abs(rate - 1.0) < 1e-9  # backwards is a change too: it must beat forwards
            ranked.append((support / RATE_PRIOR if natural else support, natural, rate, offset))
    ranked.sort(key=lambda r: (-r[0], not r[1], abs(abs(r[2]) - 1.0)))
    return [(float(rate), offset) for _, _, rate, offset in ranked]


def _strongest_bins(keys: np.ndarray, a_ids: np.ndarray, b_ids: np.ndarray, weight: np.ndarray
                    ) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """For each row of ``keys`` (one rate: each match's offset bin), (support, bin) of the
    offset bin with the most support: the fewer of its distinct A and B frames, with the
    matches' scores to break ties (the lowest bin among equals). Bin k also counts bin
    k-1's, so a line on a bin edge is not split in two. All rows in one go: each row's bins
    are numbered apart (row * width + bin), so rows never mix."""
    rows = len(keys)
    k = np.concatenate([keys, keys + 1], axis=1).astype(np.int64)
    low = int(k.min())
    width = int(k.max()) - low + 1
    numbered = (np.arange(rows, dtype=np.int64)[:, None] * width + (k - low)).ravel()
    bins, inverse = np.unique(numbered, return_inverse=True)
    scores = np.bincount(inverse, weights=np.tile(np.concatenate([weight, weight]), rows))
    distinct = [_distinct_per_bin(inverse, np.tile(np.concatenate([ids, ids]), rows), len(bins))
                for ids in (a_ids, b_ids)]  # fmt: skip
    support = np.minimum(*distinct) + 1e-3 * scores
    row_of = bins // width
    starts = np.searchsorted(row_of, np.arange(rows))  # every row has bins
    best_of_row = np.maximum.reduceat(support, starts)
    at_best = np.flatnonzero(support == best_of_row[row_of])
    best = at_best[np.unique(row_of[at_best], return_index=True)[1]]  # the first of each row
    return support[best], bins[best] - row_of[best] * width + low


def _medians_within(values: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """Per row, the median of its values in [low, high) (as ``np.median`` gives it: the middle
    one, or the mean of the two middle ones); each row holds at least one."""
    inside = (values >= low[:, None]) & (values < high[:, None])
    ordered = np.sort(np.where(inside, values, np.inf), axis=1)
    count = inside.sum(axis=1)
    rows = np.arange(len(values))
    upper = ordered[rows, count // 2]
    lower = ordered[rows, np.maximum(count - 1, 0) // 2]
    return np.where(count % 2 == 1, upper, (lower + upper) / 2)


def _distinct_per_bin(bin_of: np.ndarray, ids: np.ndarray, bins: int) -> np.ndarray:
    """How many distinct ids each bin holds (one integer per (bin, id) pair, made unique)."""
    span = int(ids.max()) + 1 if len(ids) else 1
    # np.unique's values, by sorting: numpy 2 makes integers unique by hashing, which took
    # three times as long on these (tens of thousands of pairs per call)
    pairs = np.sort(bin_of.astype(np.int64) * span + ids)
    pairs = pairs[np.r_[True, pairs[1:] != pairs[:-1]]] if len(pairs) else pairs
    return np.bincount(pairs // span, minlength=bins)


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
    way = float(np.sign(line[0]))
    if abs(line[0] - way) < 0.02:
        return line
    inliers = [m for m in matches if _residual(m, *line) <= TOLERANCE_S]
    if not inliers:
        return line
    natural = (way, float(np.median([m.b_t - way * m.a_t for m in inliers])))
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
    if len(a) < 3 or np.ptp(a) < MIN_SPAN_S:  # too short to measure a speed on
        return line
    rate, offset = np.polyfit(a, np.array([closest[t].b_t for t in a]), 1)
    if not SLOWEST <= abs(rate) <= FASTEST or np.sign(rate) != np.sign(line[0]):
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


def _segment(run: Sequence[FrameMatch], rate: float, offset: float) -> Segment:
    """The run's stretch, its ends at the matches that lie on the fitted line. A match counts
    as on the line up to TOLERANCE_S away, and a neighbouring frame of a slow shot (a fixed
    camera, a car passing under it) can be a run's first or last one: ends taken from it
    would shift the stretch's line by a sample, pairing each A frame with B's next one, shown
    a little smaller and displaced (a plain re-encode named "cropped" and "picture-in-
    picture"). The ends stay sampled frames' own times; ``grow`` extends them afterwards."""
    close = [m for m in run if _residual(m, rate, offset) <= ON_LINE_S]
    ends = close if len(close) >= 2 else run
    mirrored = sum(m.mirrored for m in run) > len(run) / 2
    return Segment(
        a_start=min(m.a_t for m in ends),
        a_end=max(m.a_t for m in ends),
        b_start=min(m.b_t for m in ends),
        b_end=max(m.b_t for m in ends),
        rate=round(rate, 3),
        similarity=float(np.mean([m.score for m in run])),
        matches=len(run),
        mirrored=mirrored,
    )
