"""Text that moves: a channel's mark sliding across the picture, a line drifting. A live track
whose box no longer shows its text (:func:`.signature.same_text`) is looked for near its box
before it ends: where the strokes of the crop last seen there match best, a box of the same
size, shifted. The track moves there when that box shows its text (the same test as a still
track's), so one moving line stays one track, read once, whose box follows it; before, its
track ended as soon as the line had moved off its strokes (a few pixels: the next text frame),
and the line, not still, was found again only by the detector's whole looks, every 30 frames
or more, each time a new track.
"""

from __future__ import annotations

import cv2
import numpy as np

from forensics.onscreen.signature import polarity, same_text

Box = tuple[int, int, int, int]
# How far a line may move between two text frames (a second apart), in its box's heights:
# sideways (a mark drifting at 0.02 of the width a second moves 26 px at 1280: ~0.6 of a
# 40-px box) and up or down; a ticker's scroll is faster, and its words change as they come in
REACH_X, REACH_Y = 3, 1
MATCH = 0.5  # correlation of the strokes where they match best, at least
# A shift smaller than this (pixels, either way) is no moving line: a still mark's box found a
# pixel or two off, a caption carried by footage that zooms slowly (the sample case's repost
# and strike clip: 4 px down) are read again where the detector finds them, as before (the
# golden reports unchanged); the slowest tune drift moves 6 px a text frame (bench --drift)
STILL = 5


def strokes(gray: np.ndarray, side: int, light: bool) -> np.ndarray:
    """``gray``'s light (or dark) strokes lifted off their ground by a square of ``side``."""
    square = cv2.getStructuringElement(cv2.MORPH_RECT, (side, side))
    op = cv2.MORPH_TOPHAT if light else cv2.MORPH_BLACKHAT
    return cv2.morphologyEx(gray, op, square).astype(np.float32)


def moved(ref: np.ndarray, gray: np.ndarray, box: Box, read: np.ndarray | None = None
          ) -> Box | None:  # fmt: skip
    """Where the text of ``ref`` (its crop last seen at ``box``) is in ``gray`` now, near
    ``box`` (:data:`REACH_X`, :data:`REACH_Y`), or None: not found, or not moved. ``read``:
    the crop it was read on, of the same size, if any: whether the text is light or dark is
    taken from it (a faint mark moved over bright ground has the sparser strokes dark), and
    the text is there when either crop's strokes are."""
    x, y, w, h = box
    x0, y0 = max(0, x - REACH_X * h), max(0, y - REACH_Y * h)
    x1, y1 = min(gray.shape[1], x + w + REACH_X * h), min(gray.shape[0], y + h + REACH_Y * h)
    if ref.shape != (h, w) or x1 - x0 < w or y1 - y0 < h or min(h, w) < 4:
        return None
    refs = [ref] if read is None or read.shape != ref.shape else [read, ref]
    side, light = max(3, h // 3) | 1, polarity(refs[0])
    window, template = strokes(gray[y0:y1, x0:x1], side, light), strokes(ref, side, light)
    if not template.any():
        return None
    found = cv2.matchTemplate(window, template, cv2.TM_CCOEFF_NORMED)
    _, best, _, (bx, by) = cv2.minMaxLoc(found)
    to = (x0 + bx, y0 + by, w, h)
    if best < MATCH or max(abs(to[0] - x), abs(to[1] - y)) < STILL:
        return None
    now = gray[to[1] : to[1] + h, to[0] : to[0] + w]
    return to if any(same_text(r, now) for r in refs) else None


def union(a: Box, b: Box) -> Box:
    """The smallest box holding ``a`` and ``b``."""
    x0, y0 = min(a[0], b[0]), min(a[1], b[1])
    x1, y1 = max(a[0] + a[2], b[0] + b[2]), max(a[1] + a[3], b[1] + b[3])
    return x0, y0, x1 - x0, y1 - y0
