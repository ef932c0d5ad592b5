"""Picture-in-picture: find a rectangle of other footage shown inside the frame.

A news inset of reused footage takes a small share of the frame, and a frame's keypoints go
to its most contrasted parts: on a textured background an inset at 40% of the width draws
1-3 of 200. Found as a region, the inset can be described on its own, at full sample size,
and matched like any frame.

An inset's border is a straight edge that stays put while the pictures on both sides of it
change; scene edges move with the camera, and overlays that do stay (captions, logos, a HUD)
are short or span the whole width. So, over a window of samples, the pixels that are an edge
in most of them are kept, and a rectangle is an inset when at least two of its sides are such
edges along most of their length, up to the corners where they meet, and the rest lie on the
frame's border (an inset in a corner), and it is neither a caption band nor the picture
between letterbox bars. Of several such rectangles the one with more sides wins, then the
larger: a news frame's window is not taken down to its lower third's edge, as the window's
sides stop short of that corner.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations

import cv2
import numpy as np

WINDOW = 16  # samples (8 s) over which a border must persist
EDGE_LEVEL = 40.0  # Sobel magnitude of a border between two different pictures
PERSISTENT = 0.6  # share of a window's samples in which a pixel is an edge
# ...and clearly more often than the pixels a few to each side (on average: one side may be
# busy footage): film grain or sensor noise is an "edge" everywhere about as often.
RIDGE_OFFSET = 3
RIDGE_CONTRAST = 0.2
MIN_SIDE = 0.25  # of the frame's width and height: smaller insets are not searched
MAX_SIDE = 0.9  # wider (or taller) is the picture itself, between bars
SIDE_SUPPORT = 0.8  # share of a side's length that must be a persistent edge
MAX_LINES = 24  # candidate lines per direction, longest first (a still background
# behind a small inset, an old film's grainy set, holds a dozen longer ones)
MAX_INSETS = 2
BORDER_PX = 5  # a line this near the frame's edge is the edge
GAP_PX = 6  # along a border, gaps this short are bridged
# ...but not at its ends: a side's edge reaches this near each corner (the edge's pixel of
# tolerance, and one more). On the tune news frames the window's edge stops 6-7 pixels above
# the lower third's: bridged there, the inset took the headline's band with it.
CORNER_PX = 3


@dataclass(frozen=True)
class Inset:
    """A rectangle in sample pixels, shown over the samples ``first`` to ``last`` (indices)."""

    x0: int
    y0: int
    x1: int
    y1: int
    first: int
    last: int


def find_insets(grays: Iterable[np.ndarray]) -> list[Inset]:
    """Insets in each window of consecutive samples (read once, one window in memory)."""
    found: list[Inset] = []
    for start, window in _windows(grays):
        if len(window) < WINDOW // 2:
            continue
        vertical, horizontal = _persistent_edges(window)
        for x0, y0, x1, y1 in _rectangles(vertical, horizontal):
            found.append(Inset(x0, y0, x1, y1, start, start + len(window) - 1))
    return found


def _windows(grays: Iterable[np.ndarray]) -> Iterator[tuple[int, list[np.ndarray]]]:
    window: list[np.ndarray] = []
    start = 0
    for index, gray in enumerate(grays):
        if not window:
            start = index
        window.append(gray)
        if len(window) == WINDOW:
            yield start, window
            window = []
    if window:
        yield start, window


def _persistent_edges(window: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Pixels that are a vertical (resp. horizontal) edge in most samples of the window, and
    far more often than the pixels beside them."""
    vertical = np.zeros(window[0].shape, np.float32)
    horizontal = np.zeros(window[0].shape, np.float32)
    for gray in window:
        vertical += np.abs(cv2.Sobel(gray, cv2.CV_32F, 1, 0, ksize=3)) > EDGE_LEVEL
        horizontal += np.abs(cv2.Sobel(gray, cv2.CV_32F, 0, 1, ksize=3)) > EDGE_LEVEL
    return _ridges(vertical / len(window)), _ridges(horizontal.T / len(window)).T


def _ridges(share: np.ndarray) -> np.ndarray:
    """Where ``share`` is high and stands out from the columns RIDGE_OFFSET to either side."""
    padded = np.pad(share, ((0, 0), (RIDGE_OFFSET, RIDGE_OFFSET)), mode="edge")
    beside = (padded[:, : -2 * RIDGE_OFFSET] + padded[:, 2 * RIDGE_OFFSET :]) / 2
    return (share >= PERSISTENT) & (share - beside >= RIDGE_CONTRAST)


def _rectangles(vertical: np.ndarray, horizontal: np.ndarray) -> list[tuple[int, int, int, int]]:
    """The best-supported inset rectangles, at most MAX_INSETS, not overlapping: each scored
    (``_scores``) over every pair of candidate lines of each direction at once."""
    height, width = vertical.shape
    xs = np.array([0, *_lines(vertical, width, height), width - 1])
    ys = np.array([0, *_lines(horizontal.T, height, width), height - 1])
    xa, xb = (np.array(p) for p in zip(*combinations(range(len(xs)), 2), strict=True))
    ya, yb = (np.array(p) for p in zip(*combinations(range(len(ys)), 2), strict=True))
    score = _scores(_Sides(vertical, xs, ys, xa, xb, ya, yb),
                    _Sides(horizontal.T, ys, xs, ya, yb, xa, xb).swapped())  # fmt: skip
    spans = ((xs[xb] - xs[xa])[:, None], (ys[yb] - ys[ya])[None, :])
    sized = ((MIN_SIDE * width <= spans[0]) & (spans[0] <= MAX_SIDE * width)
             & (MIN_SIDE * height <= spans[1]) & (spans[1] <= MAX_SIDE * height))  # fmt: skip
    score = np.where(sized, score + spans[0] * spans[1] / (width * height), -1.0)
    chosen: list[tuple[int, int, int, int]] = []
    for flat in np.argsort(-score, axis=None, kind="stable"):
        i, j = np.unravel_index(flat, score.shape)
        if score[i, j] < 0 or len(chosen) == MAX_INSETS:
            break
        box = (int(xs[xa[i]]), int(ys[ya[j]]), int(xs[xb[i]]), int(ys[yb[j]]))
        if not any(_overlap(box, c) for c in chosen):
            chosen.append(box)
    return chosen


class _Sides:
    """For every pair of candidate lines of one direction (``first``, ``second``: indices
    into ``at``) and every span between two lines of the other (``lo``, ``hi`` into
    ``across``), per line of the pair: whether it is a persistent edge along the span
    (``_side_checks``), whether its edge reaches the span's start and its end, and whether it
    lies on the frame's border. Arrays are (line pairs, spans)."""

    def __init__(self, edges: np.ndarray, at: np.ndarray, across: np.ndarray,
                 first: np.ndarray, second: np.ndarray, lo: np.ndarray, hi: np.ndarray
                 ) -> None:  # fmt: skip
        last = edges.shape[1] - 1
        checks = _side_checks(edges, at, across[lo], across[hi])  # each (lines, spans)
        self.checks = [(check[first], check[second]) for check in checks]
        self.border = ((at[first] == 0)[:, None], (at[second] == last)[:, None])

    def swapped(self) -> _Sides:
        """The same arrays with the two axes exchanged (spans, line pairs)."""
        self.checks = [(one.T, other.T) for one, other in self.checks]
        self.border = (self.border[0].T, self.border[1].T)
        return self

    def sides(self, across: _Sides) -> list[tuple[np.ndarray, np.ndarray]]:
        """(is a side, lies on the border) of both lines. A side ends at a corner: its edge
        must reach each end that meets the other direction's line, not the frame's border
        (an inset a little off the frame's corner over a like background: its outer sides
        are weak, and the rectangle closed by the border holds it)."""
        (along, along2), (start, start2), (stop, stop2) = self.checks
        ends = (start | across.border[0]), (stop | across.border[1])
        ends2 = (start2 | across.border[0]), (stop2 | across.border[1])
        return [(along & ends[0] & ends[1], self.border[0]),
                (along2 & ends2[0] & ends2[1], self.border[1])]  # fmt: skip


def _scores(columns: _Sides, rows: _Sides) -> np.ndarray:
    """Per (x pair, y pair): the number of sides that are persistent edges, or -1 unless
    every side is one or lies on the frame's border and a side of each direction is an edge
    (two parallel lines alone are a band: a caption, letterbox bars)."""
    sides = [*columns.sides(rows), *rows.sides(columns)]
    valid = np.logical_and.reduce([ok | border for ok, border in sides])
    edges = [ok & ~border for ok, border in sides]
    valid &= (edges[0] | edges[1]) & (edges[2] | edges[3])
    return np.where(valid, sum(e.astype(float) for e in edges), -1.0)


def _side_checks(edges: np.ndarray, at: np.ndarray, lo: np.ndarray, hi: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """Per line (column ``at`` of ``edges``, within a pixel) and span ``lo``-``hi`` along it:
    whether it is a persistent edge along SIDE_SUPPORT of the span, and whether that edge
    reaches within CORNER_PX of the span's start, and of its end. A window's edge that stops
    short of where the rectangle turns belongs to a smaller rectangle (a news frame's window
    above its lower third: taken to the lower third's edge, the inset took the headline's
    letters with it)."""
    width = edges.shape[1]
    near = np.stack([edges[:, max(0, x - 1) : min(width, x + 2)].any(axis=1) for x in at])
    count = np.concatenate([np.zeros((len(at), 1)), np.cumsum(near, axis=1)], axis=1)

    def covered(start: np.ndarray, stop: np.ndarray) -> np.ndarray:
        return count[:, stop] - count[:, start]

    length = np.maximum(hi - lo, 1)
    reach = np.minimum(CORNER_PX, length)
    return (covered(lo, hi) >= SIDE_SUPPORT * length, covered(lo, lo + reach) > 0,
            covered(hi - reach, hi) > 0)  # fmt: skip


def _lines(edges: np.ndarray, length: int, span: int) -> list[int]:
    """Positions (columns of ``edges``) holding a straight run of at least MIN_SIDE * span,
    longest first; a line two pixels wide counts once."""
    # A border wanders by a pixel (rescaling, compression) and fades where both pictures are
    # alike for a moment: a run may step to a neighbour and bridge a gap of a few pixels.
    thick = edges.copy()
    thick[:, 1:] |= edges[:, :-1]
    thick[:, :-1] |= edges[:, 1:]
    kernel = np.ones((GAP_PX + 1, 1), np.uint8)
    thick = cv2.morphologyEx(thick.astype(np.uint8), cv2.MORPH_CLOSE, kernel).astype(bool)
    inner = range(BORDER_PX, length - BORDER_PX)
    runs = zip(longest_runs(thick[:, BORDER_PX : max(BORDER_PX, length - BORDER_PX)]).tolist(),
               inner, strict=True)  # fmt: skip
    found: list[int] = []
    for run, x in sorted(runs, reverse=True):
        if run < MIN_SIDE * span or len(found) == MAX_LINES:
            break
        if all(abs(x - other) > 2 for other in found):
            found.append(x)
    return sorted(found)


def longest_runs(edges: np.ndarray) -> np.ndarray:
    """The longest run of True down each column of ``edges`` (0 where none), every column at
    once: one column at a time cost most of the inset search."""
    padded = np.zeros((edges.shape[1], edges.shape[0] + 2), np.int8)
    padded[:, 1:-1] = edges.T
    steps = np.diff(padded, axis=1)  # +1 where a run starts, -1 just after it ends
    column, starts = np.nonzero(steps == 1)
    ends = np.nonzero(steps == -1)[1]  # as many per column, in the same order
    longest = np.zeros(edges.shape[1], np.intp)
    np.maximum.at(longest, column, ends - starts)
    return longest


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
