"""Where new text may have appeared since the detector last looked: still strokes, cell by cell.

Burned-in text stays put while the footage under it moves: between two sampled frames (a second
apart) its edges are at the same pixels with the same grey, while the ground's have moved or
changed. A cell of the detector's view (``CELL`` pixels square) is text-like when enough of its
pixels are such still edges. The detector need only look again where a text-like cell has more
still edges than it had when the detector last looked there (a caption appeared, a faded one
grew clearer) and no live track already covers it; and then only at the horizontal bands
holding those cells, full width (a line that starts in a new cell may run on past it).

The reference is what each cell held when last looked at, lowered each frame to what the cell
holds now: a caption that went leaves its cells low, so the next caption at its place is new;
where a track ended (its text went or changed) it is cleared, so text that replaced it at once
is new too.
Footage that stands still (a hovering drone, a static shot) has still edges of its own: looked
at once, they are not new again until they go and come back. Text that moves is not still: the
tracker's periodic full look (:mod:`.track`) is what finds it. Nor is a straight line of the
ground that moves along itself (a road the camera pans along) text, though its edges stay put:
a band whose new cells all hold edges of one direction is not looked at (letters' strokes
turn; :meth:`ChangeMap.text_bands`). On the generated benchmark clips
(benchmarks/onscreen/README.md) terrain gives few text-like cells, every caption many.
"""

from __future__ import annotations

from functools import cache

import cv2
import numpy as np

EDGE = 48  # grey levels of a 3x3 morphological gradient: a letter's edge, not the ground's grain
STILL = 12  # grey levels a still pixel may change between samples (compression, noise)
CELL = 16  # pixels of the detector's view
DENSE = 0.08  # share of a cell's pixels on still edges that makes it text-like
GROWN = 1.5  # new: more than this times what the cell held when last looked at
BAND = 32  # the detector's input is a multiple of this many pixels high
WHOLE = 0.5  # bands covering more of the picture than this: look at the whole picture
# still edges of a cell all of one direction (the coherence of their gradients): a straight
# line of the ground that moves along itself (a road, a tree line as the camera pans along
# it), not letters, whose strokes turn. On the 2-minute bench clip the cells that sent the
# detector to look and find nothing were 0.94-0.99 (one 0.51), text cells mostly 0.02-0.6.
STRAIGHT = 0.9
Band = tuple[int, int]  # rows y0, y1 of the detector's view
NEAR = np.ones((3, 3), np.uint8)


class ChangeMap:
    """Still edges of each frame of the detector's view (grey, one size), per cell, and what
    each cell held when the detector last looked at it."""

    def __init__(self) -> None:
        self.previous: tuple[np.ndarray, np.ndarray] | None = None  # view, edges
        self.density: np.ndarray | None = None  # this frame's, per cell
        self.reference: np.ndarray | None = None
        self.still: np.ndarray | None = None  # this frame's still edges (pixels)

    def update(self, view: np.ndarray) -> None:
        """Take the next frame's view."""
        edges = cv2.morphologyEx(view, cv2.MORPH_GRADIENT, NEAR) > EDGE
        if self.previous is None or self.previous[0].shape != view.shape:
            still = edges  # nothing to compare with: every edge might be still
        else:
            before, before_edges = self.previous
            still = edges & before_edges & (cv2.absdiff(view, before) < STILL)
        self.previous = (view, edges)
        self.still = still
        self.density = cell_density(still)
        if self.reference is None or self.reference.shape != self.density.shape:
            self.reference = self.density.copy()
        np.minimum(self.reference, self.density, out=self.reference)

    def new_cells(self, covered: np.ndarray) -> np.ndarray:
        """The text-like cells that gained still edges since last looked at, outside
        ``covered`` (cells of live tracks), in runs of two or more along a row."""
        assert self.density is not None and self.reference is not None
        grown = (self.density >= DENSE) & (self.density > GROWN * self.reference) & ~covered
        return _in_runs(grown)

    def text_bands(self, covered: np.ndarray, height: int) -> list[Band]:
        """The bands (:func:`bands`) of the new cells outside ``covered``, less those whose
        new cells are all straight (:meth:`_straight`): ground, not letters. A band keeps the
        straight cells beside its letters (a caption box's edge: its line may reach into
        them; without them the sample case's Legion clip lost a caption whose band ended
        above its lower half)."""
        new = self.new_cells(covered)
        found = bands(new, height)
        if not found:
            return found
        letters = new & ~self._straight(new)
        return [b for b in found if letters[b[0] // CELL : -(-b[1] // CELL)].any()]

    def _straight(self, cells: np.ndarray) -> np.ndarray:
        """Of ``cells``, those whose still edges all run one way (coherence >= STRAIGHT),
        found on the rows of cells holding any (the gradients of a whole view would cost
        ~2 ms a frame; few frames have new cells)."""
        out = np.zeros_like(cells)
        assert self.previous is not None and self.still is not None
        view = self.previous[0]
        for row in np.flatnonzero(cells.any(axis=1)):
            y0, y1 = int(row) * CELL, min(view.shape[0], (int(row) + 1) * CELL)
            strip = view[max(0, y0 - 1) : y1 + 1].astype(np.float32)
            top = y0 - max(0, y0 - 1)
            gx = cv2.Sobel(strip, cv2.CV_32F, 1, 0)[top : top + y1 - y0]
            gy = cv2.Sobel(strip, cv2.CV_32F, 0, 1)[top : top + y1 - y0]
            still = self.still[y0:y1].astype(np.float32)
            jxx, jyy, jxy = (cell_density(g * still) for g in (gx * gx, gy * gy, gx * gy))
            coherence = np.sqrt((jxx - jyy) ** 2 + 4 * jxy**2) / np.maximum(jxx + jyy, 1e-6)
            out[row] = cells[row] & (coherence[0] >= STRAIGHT)
        return out

    def forget(self, box: tuple[int, int, int, int], scale: float) -> None:
        """A track at ``box`` (the picture's pixels, ``scale`` times the view's) ended: what
        its cells held is to be looked at again once still (other text in its place)."""
        if self.reference is not None:
            self.reference[covered_cells([box], scale, self.reference.shape)] = 0.0

    def looked(self, band: Band | None = None) -> None:
        """The detector looked at ``band`` (None: the whole view) of this frame."""
        assert self.density is not None and self.reference is not None
        rows = slice(None) if band is None else slice(band[0] // CELL, -(-band[1] // CELL))
        np.maximum(self.reference[rows], self.density[rows], out=self.reference[rows])


def _in_runs(cells: np.ndarray) -> np.ndarray:
    """The ``cells`` with another beside them in their row."""
    beside = np.zeros_like(cells)
    beside[:, 1:] |= cells[:, :-1]
    beside[:, :-1] |= cells[:, 1:]
    return cells & beside


def cell_density(mask: np.ndarray) -> np.ndarray:
    """The share of each CELL x CELL cell's pixels set in ``mask`` (partial cells at the right
    and bottom edges counted over their own pixels). Block means by an area resize, exact for
    whole cells: 0.1 ms a 640x360 view, against 0.7 ms summing the cells in numpy."""
    height, width = mask.shape
    rows, cols = -(-height // CELL), -(-width // CELL)
    padded = np.zeros((rows * CELL, cols * CELL), np.float32)
    padded[:height, :width] = mask
    means = cv2.resize(padded, (cols, rows), interpolation=cv2.INTER_AREA)
    return means / _own_share(height, width)


@cache
def _own_share(height: int, width: int) -> np.ndarray:
    """The share of each cell of a ``height`` x ``width`` view inside the view."""
    rows = np.minimum(CELL, height - CELL * np.arange(-(-height // CELL)))
    cols = np.minimum(CELL, width - CELL * np.arange(-(-width // CELL)))
    return (np.outer(rows, cols) / (CELL * CELL)).astype(np.float32)


def covered_cells(boxes: list[tuple[int, int, int, int]], scale: float,
                  shape: tuple[int, int]) -> np.ndarray:  # fmt: skip
    """Cells of a grid of ``shape`` that the ``boxes`` (in the picture's pixels, ``scale``
    times the view's) touch."""
    out = np.zeros(shape, bool)
    for x, y, w, h in boxes:
        x0, y0 = int(x * scale) // CELL, int(y * scale) // CELL
        x1, y1 = int((x + w) * scale) // CELL + 1, int((y + h) * scale) // CELL + 1
        out[y0:y1, x0:x1] = True
    return out


def bands(new: np.ndarray, height: int) -> list[Band]:
    """Horizontal bands of the view (``height`` rows) holding the ``new`` cells: each row of
    cells with a row above and below, overlapping ones joined, each grown to a multiple of
    BAND rows (the detector's input: not stretched)."""
    spans: list[list[int]] = []
    for row in np.flatnonzero(new.any(axis=1)):
        y0, y1 = max(0, (int(row) - 1) * CELL), min(height, (int(row) + 2) * CELL)
        if spans and y0 <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], y1)
        else:
            spans.append([y0, y1])
    found: list[Band] = []
    for y0, y1 in spans:
        size = min(height, -(-(y1 - y0) // BAND) * BAND)
        y0 = max(0, min(y0 - (size - (y1 - y0)) // 2, height - size))
        y1 = y0 + size
        if found and y0 < found[-1][1]:  # grown into the one before: one band
            y0 = found.pop()[0]
            y1 = min(height, y0 + -(-(y1 - y0) // BAND) * BAND)
        found.append((y0, y1))
    return found
