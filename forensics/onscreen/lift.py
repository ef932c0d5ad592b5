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

Only a line that read weak or short over uneven ground, and not a HUD's numbers
(:func:`worth_lifting`), is read lifted, and the lifted reading kept where it is sure, and
surer or whole where the first was short (:func:`lifted_better`): dark text, light text on a
box and HUD lines are read as before (the golden reports' texts unchanged). With those rules
the tune crops' CER is 0.16 (0.23 as they are): what the rules give up is kept for the tests'
captions and HUDs.
"""

from __future__ import annotations

import cv2
import numpy as np

from forensics.onscreen.handle_pass import HANDLE

KERNEL = 5  # the square's side: this part of the crop's height (a stroke is about a tenth)
WIDE = 3  # a line's crop is this many times as wide as high, or more (a person is not)
# A reading less sure than this is read lifted too: a caption over footage reads at ~0.7
# (tests/test_onscreen_cost's `Belgorod region` 0.69: lifted it read the same, at the cost of
# loading English); over the tune crops CER 0.159 at 0.8, 0.164 at 0.65, 8 reads fewer of 255
BELOW = 0.65
# A reading with fewer letters and digits than this for each height of the crop's width
# missed some: the tune marks read whole at 2.0-4.2 a height (median 2.8)
SHORT = 1.5
# The ground spans this many grey levels along the line, or more, to be worth lifting: over the
# tune crops read lifted, every one gained where it spanned more (up to 0.8 of CER); under
# it lifting both gained (an outlined or a 9:16 mark, up to 0.75) and lost (a big `@` thinned
# to `O`, 0.27), and captions on a box are there, whose readings it changed in the golden
# reports (a mirrored caption read surer as garbage, a new `SOLS SA` track)
UNEVEN = 30
# A line read with this many digits is numbers (a HUD's: .track.NUMBERS), read on every frame
# they change, and not lifted: lifted, the sample case's `А/ 2150` read `AZ 213.0` and
# `D 1714mM` `D 1714M` (the golden reports changed; a HUD's reading is a HUD round's to move)
NUMBERS = 3
# A lifted reading replaces another only this sure or surer: footage and mirrored captions
# lifted read as garbage surer than before (a mirrored `4 ENGINES` read `od wld i` at 0.63,
# a caption then, not judged mirrored: .mirror); over the tune crops CER 0.11 with no floor,
# 0.16 at 0.8 (every whole reading but one kept), 0.23 read as they are
SURE = 0.8
# ... and surer than the first reading by this much, unless that was short: a top-hat thins
# a big `@` and outlined letters, and Tesseract is at times surer of the thinned letters
# misread (`Omesh_dozor` at 0.64 for `@mash_dozor` at 0.57, 320x180 upscaled; CER over the
# tune crops 0.090 at 0.05, 0.091 at 0.1 with that one misread gone, 0.097 at 0.15)
GAIN = 0.1
# A lifted reading is kept at most this sure: under .stack.STACK_BELOW, so that a track it
# starts is still read through the frames it stays on (the stack kept where surer: a faint
# `t.me/grey_zone` lifted read `t.mé/grey zone` at 0.85, and was never stacked, where it
# reads whole)
AT_MOST = 0.79


def ground(crop: np.ndarray) -> np.ndarray:
    """What ``crop`` is drawn over: its grey opening by a square wider than a stroke."""
    side = max(3, crop.shape[0] // KERNEL) | 1
    square = cv2.getStructuringElement(cv2.MORPH_RECT, (side, side))
    return cv2.morphologyEx(crop, cv2.MORPH_OPEN, square)


def lifted(crop: np.ndarray) -> np.ndarray:
    """``crop``'s light strokes over a black ground, stretched to 0-255."""
    return cv2.normalize(cv2.subtract(crop, ground(crop)), None, 0, 255, cv2.NORM_MINMAX)


def uneven(crop: np.ndarray) -> bool:
    """Whether the ground under ``crop``'s line runs from dark to light along it: the median
    of its columns spans :data:`UNEVEN` grey levels or more (5th to 95th percentile)."""
    columns = np.median(ground(crop), axis=0)
    return float(np.percentile(columns, 95) - np.percentile(columns, 5)) >= UNEVEN


def short(text: str, shape: tuple[int, ...]) -> bool:
    """Whether ``text`` has fewer letters and digits than a line of ``shape`` holds."""
    return sum(c.isalnum() for c in text) < SHORT * shape[1] / max(1, shape[0])


def worth_lifting(text: str, score: float, crop: np.ndarray) -> bool:
    """Whether a line's ``crop``, read as ``text`` at ``score``, is to be read lifted: a line
    (not a blob of footage read as letters: those cost a read each) read unsure or short, over
    uneven ground (on a box, a caption's ground is flat: lifting it changes nothing there but
    what Tesseract guesses at)."""
    shape = crop.shape
    if sum(c.isdigit() for c in text) >= NUMBERS:  # a HUD's numbers: read as before
        return False
    weak = score < BELOW or short(text, shape)
    return shape[1] >= WIDE * shape[0] and weak and uneven(crop)


def lifted_better(first: tuple[str, float], again: tuple[str, float],
                  shape: tuple[int, ...]) -> bool:  # fmt: skip
    """Whether the lifted reading ``again`` (text, score) replaces ``first``: surer by
    :data:`GAIN`, or sure enough and whole where ``first`` is short (a confident part of the
    line); never where ``first`` holds a handle and ``again`` none (thinned, a big `@` reads
    `O`: `Omash_dozor` at 0.74 for `@mash_dozor` at 0.57; `it.me/shtorm_info` for
    `t.me/shtorm_info` at 0.16)."""
    if again[1] < SURE or (HANDLE.search(first[0]) and not HANDLE.search(again[0])):
        return False
    if again[1] > first[1] + GAIN:
        return True
    return short(first[0], shape) and not short(again[0], shape)
