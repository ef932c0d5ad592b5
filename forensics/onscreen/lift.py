"""A light line lifted off the ground it is drawn over: the crop less its own grey opening
(a white top-hat), stretched to the full grey range.

Tesseract binarises a crop by one threshold (Otsu) over all of it. A channel's mark at 30-60 %
over footage is a few grey levels above the ground just under each stroke, but the ground
itself runs from dark to light along the line (a shadowed road, then sky), so no one threshold
parts the letters from it: part of the line comes out whole and the rest is dropped, at high
confidence (`@okopnaya_pravda` read `@okopnaya` at 0.90, `Сводка с передовой` read `редовой`
at 0.92). An opening with a square wider than a stroke keeps the ground and loses the strokes;
taking it away leaves the strokes over a flat black ground, whatever the ground was. Over the
tune marks' crops (benchmarks/bench_marks_path.py, 126 crops of marks read as analyze reads
them) CER 0.23 as they are, 0.08 lifted with a square of a fifth of the crop's height, 0.09
with a third (a shadow's or an outline's letters are thinned: those read better as they are).

Only a line that read weak or short (:func:`worth_lifting`) is read lifted, and the lifted
reading kept where it is surer, or whole where the first was short (:func:`lifted_better`):
dark text, or light text on a box, loses nothing by being read as before.
"""

from __future__ import annotations

import cv2
import numpy as np

from forensics.onscreen.handle_pass import HANDLE

KERNEL = 5  # the square's side: this part of the crop's height (a stroke is about a tenth)
WIDE = 3  # a line's crop is this many times as wide as high, or more (a person is not)
BELOW = 0.8  # a reading less sure than this is read lifted too
# A reading with fewer letters and digits than this for each height of the crop's width
# missed some: the tune marks read whole at 2.0-4.2 a height (median 2.8)
SHORT = 1.5
SURE = 0.7  # a lifted reading at least this sure replaces a short one when it is not short
# ... and any reading when this much surer: a top-hat thins a big `@` and outlined letters,
# and Tesseract is at times surer of the thinned letters misread (`Omesh_dozor` at 0.64 for
# `@mash_dozor` at 0.57, 320x180 upscaled; CER over the tune crops 0.090 at 0.05, 0.091 at
# 0.1 with that one misread gone, 0.097 at 0.15)
GAIN = 0.1


def lifted(crop: np.ndarray) -> np.ndarray:
    """``crop``'s light strokes over a black ground, stretched to 0-255."""
    side = max(3, crop.shape[0] // KERNEL) | 1
    square = cv2.getStructuringElement(cv2.MORPH_RECT, (side, side))
    top = cv2.morphologyEx(crop, cv2.MORPH_TOPHAT, square)
    return cv2.normalize(top, None, 0, 255, cv2.NORM_MINMAX)


def short(text: str, shape: tuple[int, ...]) -> bool:
    """Whether ``text`` has fewer letters and digits than a line of ``shape`` holds."""
    return sum(c.isalnum() for c in text) < SHORT * shape[1] / max(1, shape[0])


def worth_lifting(text: str, score: float, shape: tuple[int, ...]) -> bool:
    """Whether a line's crop of ``shape``, read as ``text`` at ``score``, is to be read lifted:
    a line (not a blob of footage read as letters: those cost a read each) read unsure or
    short."""
    return shape[1] >= WIDE * shape[0] and (score < BELOW or short(text, shape))


def lifted_better(first: tuple[str, float], again: tuple[str, float],
                  shape: tuple[int, ...]) -> bool:  # fmt: skip
    """Whether the lifted reading ``again`` (text, score) replaces ``first``: surer by
    :data:`GAIN`, or sure enough and whole where ``first`` is short (a confident part of the
    line); never where ``first`` holds a handle and ``again`` none (thinned, a big `@` reads
    `O`: `Omash_dozor` at 0.74 for `@mash_dozor` at 0.57; `it.me/shtorm_info` for
    `t.me/shtorm_info` at 0.16)."""
    if HANDLE.search(first[0]) and not HANDLE.search(again[0]):
        return False
    if again[1] > first[1] + GAIN:
        return True
    return short(first[0], shape) and not short(again[0], shape) and again[1] >= SURE
