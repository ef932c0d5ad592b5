"""Has a region's text changed? Look for its strokes in the new frame, cell by cell.

Burned-in text keeps its strokes while the footage under it moves: a letter's pixels stay
brighter (or darker) than what is around them, however the ground under a semi-transparent
mark changes. The strokes are the pixels a morphological top-hat (light text) or black-hat
(dark text) lifts by more than ``STROKE`` grey levels. The text is unchanged while, in every
character-sized cell along it, most of each frame's strokes are strokes in the other (within a
pixel); text that went, or was replaced, leaves cells whose strokes are gone. On generated
footage the same text scores at most 0.29 gone in a cell, a caption replaced at its place at
least 0.5 (a semi-transparent mark over bright ground now and then 0.57: then it is read again
and continues its track). Numbers that change in place keep most of their strokes (a 3
becoming an 8), so tracks of numbers are read again on every frame instead (:mod:`.track`).

Strokes alone cannot tell two bold captions on a box apart in a small, compressed picture (the
sample case's "...and under the fences" and "our gunners play better" at 480x270: every cell
of one finds strokes of the other within a pixel). The grey levels at the strokes can: over
the pixels on or beside either crop's strokes, the same text correlates with itself at
0.59-1.0 (a semi-transparent mark over moving ground lowest, text on a box highest), another
text at the same place at -0.05-0.21 (generated captions, the sample case's pair). The text
is unchanged only when both agree.
"""

from __future__ import annotations

import weakref

import cv2
import numpy as np

STROKE = 60  # grey levels above (below) the local background: letters, not terrain grain
CELL_GONE = 0.45  # share of a cell's strokes missing in the other frame
MIN_STROKES = 0.03  # of a cell's pixels: a cell with fewer holds no stroke to look for
NEAR = np.ones((3, 3), np.uint8)  # a stroke may move by a pixel (scaling, compression)
SAME_PICTURE = 0.4  # correlation of the grey levels at the strokes: the same text at least
MIN_PIXELS = 10  # stroke pixels, to correlate
SPECKS = np.ones((2, 2), np.uint8)
CELL_ALIKE = 0.8  # correlation in a character cell: a changed digit 0.4-0.6, the same >= 0.95


def edges(crop: np.ndarray, light: bool | None = None) -> np.ndarray:
    """The stroke mask of a grey crop: light strokes on dark (top-hat), or dark strokes on
    light (black-hat). Unless ``light`` says which, the sparser of the two: a black-hat over
    white letters on a dark box lights the whole box between the letters."""
    if light is not None:
        return _mask(crop, light)
    return min(_mask(crop, True), _mask(crop, False), key=np.count_nonzero)


# A crop's masks, kept while the crop lives: a track's crop of one frame is compared with the
# next frame's and becomes the crop that frame's is compared with (:mod:`.track`), so each
# crop's strokes are found once, not in every comparison (the same masks: crops are views of
# decoded frames, never written to).
_masks: dict[int, tuple[weakref.ref[np.ndarray], dict[bool, np.ndarray]]] = {}


def _mask(crop: np.ndarray, light: bool) -> np.ndarray:
    key = id(crop)
    entry = _masks.get(key)
    if entry is None or entry[0]() is not crop:  # an id is reused only once its crop is gone
        entry = (weakref.ref(crop, lambda _, key=key: _masks.pop(key, None)), {})  # type: ignore[misc]
        _masks[key] = entry
    found = entry[1].get(light)
    if found is None:
        size = max(3, crop.shape[0] // 3) | 1
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (size, size))
        raw = (cv2.morphologyEx(crop, cv2.MORPH_TOPHAT if light else cv2.MORPH_BLACKHAT, kernel)
               > STROKE).astype(np.uint8)  # fmt: skip
        # the ground's grain lifts single pixels, not strokes
        found = entry[1][light] = cv2.morphologyEx(raw, cv2.MORPH_OPEN, SPECKS) > 0
    return found


def polarity(crop: np.ndarray) -> bool:
    """Whether the crop's text is light on dark (the sparser stroke mask is the top-hat's)."""
    return bool(np.count_nonzero(_mask(crop, True)) <= np.count_nonzero(_mask(crop, False)))


def same_text(ref: np.ndarray, now: np.ndarray) -> bool:
    """Whether ``now`` (a grey crop of the box) still shows the text of ``ref``: each one's
    strokes are found in the other (text replaced by other text at the same place leaves the
    strokes of one where the other has none), and the grey levels at them correlate."""
    if ref.shape != now.shape or min(ref.shape) < 4:
        return False
    light = polarity(ref)
    a, b = edges(ref, light), edges(now, light)
    near = cv2.dilate((a | b).astype(np.uint8), NEAR) > 0  # either text's strokes
    if np.count_nonzero(near) >= MIN_PIXELS and correlation(ref[near], now[near]) < SAME_PICTURE:
        return False
    return _found(a, b, ref.shape[0]) and _found(b, a, ref.shape[0])


def cells_alike(ref: np.ndarray, now: np.ndarray) -> bool:
    """Whether, in every character-sized cell along the box (half-overlapping) holding
    strokes, the grey levels at (or beside) them correlate: one digit of a label changed in
    place (STRIKE 2 becoming STRIKE 4, a HUD's clock) leaves the rest of the line alike but
    not its own cell. A cell over moving ground can also drop (a caption's edge: 0.46-0.59),
    so this says "read it again", never "the text ended" (:mod:`.track`)."""
    if ref.shape != now.shape or min(ref.shape) < 4:
        return False
    light = polarity(ref)
    near = cv2.dilate((edges(ref, light) | edges(now, light)).astype(np.uint8), NEAR) > 0
    cell = max(4, ref.shape[0])
    for x in range(0, max(1, ref.shape[1] - cell // 2), cell // 2):
        mask = near[:, x : x + cell]
        if np.count_nonzero(mask) < max(MIN_PIXELS, 0.1 * mask.size):
            continue
        if correlation(ref[:, x : x + cell][mask], now[:, x : x + cell][mask]) < CELL_ALIKE:
            return False
    return True


def _found(strokes: np.ndarray, other: np.ndarray, cell: int) -> bool:
    """Whether, in every cell along the box, most of ``strokes`` are strokes in ``other``."""
    near = cv2.dilate(other.astype(np.uint8), NEAR) > 0
    cell = max(4, cell)
    for x in range(0, strokes.shape[1], cell):
        want = strokes[:, x : x + cell]
        count = int(np.count_nonzero(want))
        gone = np.count_nonzero(want & ~near[:, x : x + cell])
        if count >= MIN_STROKES * want.size and gone > CELL_GONE * count:
            return False
    return True


def correlation(a: np.ndarray, b: np.ndarray) -> float:
    """The normalised correlation of two grey crops (or pixel sets) of one size (1.0 for two
    flat ones)."""
    x, y = a.astype(np.float32), b.astype(np.float32)
    x, y = x - x.mean(), y - y.mean()
    scale = float(np.sqrt(float((x * x).sum()) * float((y * y).sum())))
    return 1.0 if scale == 0 else float((x * y).sum()) / scale
