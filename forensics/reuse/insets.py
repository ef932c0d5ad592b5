"""Picture-in-picture: find a rectangle of other footage shown inside the frame.

A news inset of reused footage takes a small share of the frame, and a frame's keypoints go
to its most contrasted parts: on a textured background an inset at 40% of the width draws
1-3 of 200. Found as a region, the inset can be described on its own, at full sample size,
and matched like any frame.

An inset's border is a straight edge that stays put while the pictures on both sides of it
change; scene edges move with the camera, and overlays that do stay (captions, logos, a HUD)
are short or span the whole width. So, over a window of samples, the pixels that are an edge
in most of them are kept, and a rectangle is an inset when at least two of its sides are such
edges along most of their length and the rest lie on the frame's border (an inset in a
corner), and it is neither a caption band nor the picture between letterbox bars.
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
MAX_LINES = 12  # candidate lines per direction, longest first
MAX_INSETS = 2
BORDER_PX = 5  # a line this near the frame's edge is the edge
GAP_PX = 6  # along a border, gaps this short are bridged


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
    """The best-supported inset rectangles, at most MAX_INSETS, not overlapping."""
    height, width = vertical.shape
    xs = [0, *_lines(vertical, width, height), width - 1]
    ys = [0, *_lines(horizontal.T, height, width), height - 1]
    scored = []
    for (x0, x1), (y0, y1) in ((x, y) for x in combinations(xs, 2) for y in combinations(ys, 2)):
        if not (MIN_SIDE * width <= x1 - x0 <= MAX_SIDE * width
                and MIN_SIDE * height <= y1 - y0 <= MAX_SIDE * height):  # fmt: skip
            continue
        support = _support(vertical, horizontal, x0, y0, x1, y1)
        if support is not None:
            scored.append((support, (x0, y0, x1, y1)))
    chosen: list[tuple[int, int, int, int]] = []
    for _, box in sorted(scored, reverse=True):
        if len(chosen) < MAX_INSETS and not any(_overlap(box, c) for c in chosen):
            chosen.append(box)
    return chosen


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
    runs = [(_longest_run(thick[:, x]), x) for x in range(BORDER_PX, length - BORDER_PX)]
    found: list[int] = []
    for run, x in sorted(runs, reverse=True):
        if run < MIN_SIDE * span or len(found) == MAX_LINES:
            break
        if all(abs(x - other) > 2 for other in found):
            found.append(x)
    return sorted(found)


def _longest_run(column: np.ndarray) -> int:
    padded = np.concatenate([[0], column.astype(np.int8), [0]])
    changes = np.flatnonzero(np.diff(padded))
    return int((changes[1::2] - changes[::2]).max()) if len(changes) else 0


def _support(
    vertical: np.ndarray, horizontal: np.ndarray, x0: int, y0: int, x1: int, y1: int
) -> float | None:
    """A score for the rectangle (the number of its sides that are persistent edges, plus its
    share of the frame, so more sides win, then the larger), or None unless every side is
    such an edge or the frame's border and at least one side of each direction is an edge
    (two parallel lines alone are a band: a caption, letterbox bars)."""
    height, width = vertical.shape
    sides = (
        (x0 == 0, lambda: _side(vertical[y0:y1, max(0, x0 - 1) : x0 + 2])),
        (x1 == width - 1, lambda: _side(vertical[y0:y1, x1 - 1 : x1 + 2])),
        (y0 == 0, lambda: _side(horizontal[max(0, y0 - 1) : y0 + 2, x0:x1].T)),
        (y1 == height - 1, lambda: _side(horizontal[y1 - 1 : y1 + 2, x0:x1].T)),
    )
    edges = []
    for index, (on_border, measure) in enumerate(sides):
        if on_border:
            continue
        value = measure()
        if value < SIDE_SUPPORT:
            return None
        edges.append(index)
    if not (set(edges) & {0, 1} and set(edges) & {2, 3}):
        return None
    return len(edges) + (x1 - x0) * (y1 - y0) / (width * height)  # more sides, then larger


def _side(strip: np.ndarray) -> float:
    """Share of a side's length (rows of ``strip``) on a persistent edge, within a pixel."""
    return float(strip.any(axis=1).mean()) if strip.size else 0.0


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
