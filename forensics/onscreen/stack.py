"""A still mark read through the frames it stays on: the darkest value each pixel of its box
takes over the last few text frames (a light mark; the brightest, for a dark one).

A channel's mark is semi-transparent (30-60 %) and still, the footage under it moves: in one
frame the mark's strokes are a few grey levels above busy ground (``@volna_news24`` at 40 %
over panning terrain read ``Vo а. news24``), but the ground under a stroke changes from frame
to frame while the stroke stays, so the darkest each pixel gets over a few frames is the
mark's own light over the darkest ground there: the ground flattens to dark, the strokes keep
~``opacity`` x 255 above it. Text that is not there on every frame stacked drops out (a new
caption's first frame stacked with frames before it), so a stacked reading is kept only where
it reads better than the frame alone (:meth:`History.better`). Where the footage does not
move, the stack is the frame: nothing is lost but one read.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

import cv2
import numpy as np

from forensics.onscreen.engine import LineReading

FRAMES = 8  # text frames kept: 8 s at a text frame a second
AT_LEAST = 3  # frames a stack needs, the current one included
# The low quartile, not the darkest: a dark line of the ground crossing a stroke on one frame
# of eight (tracks, tree lines) cut the darkest-value stack's letters; the quartile drops it.
# Over the tune marks' crops (tests/mark_media.py, 8 frames), CER 0.50 on single frames, 0.30
# stacked by the darkest value, 0.11 by the low quartile, 0.11 by the median (whose ground is
# lighter: fewer handles read whole, 0.33 against 0.39).
LOW = 25
# Read stacked only below this confidence: captions read at 0.85-0.97 on a single frame, and a
# caption's stack over frames from before it appeared reads worse, never better.
STACK_BELOW = 0.8
# Stacked crops this short are read at twice the size: a mark of 9:16 repost or of 320x180
# footage upscaled is 20-30 px tall with its margins, where Tesseract's x-height is too small
# to read an underscore or a dot; the stack's flat ground takes no noise along with it.
ENLARGE_BELOW = 48
Box = tuple[int, int, int, int]
Read = Callable[..., LineReading]


def stacked(crops: list[np.ndarray], light: bool = True) -> np.ndarray:
    """The low quartile (``light`` text) or the high one of each pixel over ``crops``."""
    quartile = np.percentile(np.asarray(crops), LOW if light else 100 - LOW, axis=0)
    return np.ascontiguousarray(quartile.astype(np.uint8))


def enlarged(crop: np.ndarray) -> np.ndarray:
    """``crop`` at twice its size where it is short (:data:`ENLARGE_BELOW`), else as it is."""
    if crop.shape[0] >= ENLARGE_BELOW:
        return crop
    return cv2.resize(crop, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)


class History:
    """The last :data:`FRAMES` text frames, with their indices, to stack boxes over."""

    def __init__(self) -> None:
        self.frames: deque[tuple[int, np.ndarray]] = deque(maxlen=FRAMES)

    def add(self, index: int, gray: np.ndarray) -> None:
        self.frames.append((index, gray))

    def stack(self, box: Box, gray: np.ndarray, since: int) -> np.ndarray | None:
        """``box`` stacked over the kept frames from index ``since`` on and ``gray`` (this
        frame's), or None with fewer than :data:`AT_LEAST` frames."""
        x, y, w, h = box
        crops = [f[y : y + h, x : x + w] for i, f in self.frames if i >= since]
        crops.append(gray[y : y + h, x : x + w])
        if len(crops) < AT_LEAST or any(c.shape != crops[-1].shape for c in crops):
            return None
        return stacked(crops)

    def recent(self, box: Box, gray: np.ndarray) -> np.ndarray | None:
        """``box``'s darkest values over the last :data:`AT_LEAST` frames, this one included:
        what a stacked track is followed by. A quartile over all the frames since the track
        began still shows a mark for a quarter of them after it has gone (a caption stacked
        ran 3 s past its end); the darkest value loses it on the first frame without it."""
        x, y, w, h = box
        crops = [f[y : y + h, x : x + w] for _, f in list(self.frames)[1 - AT_LEAST :]]
        crops.append(gray[y : y + h, x : x + w])
        if len(crops) < AT_LEAST or any(c.shape != crops[-1].shape for c in crops):
            return None
        return np.ascontiguousarray(np.minimum.reduce(crops))

    def better(self, read: Read, box: Box, gray: np.ndarray, since: int,
               reading: LineReading) -> tuple[LineReading, np.ndarray] | None:  # fmt: skip
        """``box`` stacked from ``since`` and read (enlarged where short), with the stack, when
        that reading is surer than ``reading``, the box's reading in this frame alone."""
        stack = self.stack(box, gray, since)
        if stack is None:
            return None
        again = read(enlarged(stack))
        if again.score > reading.score and again.text:
            return again, stack
        return None
