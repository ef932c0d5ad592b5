"""Text keyed by its colour: a line drawn in one flat colour, read as black on white.

Burned-in marks are mostly drawn in one flat colour, and Tesseract binarises a crop by its
own threshold over the whole crop. A caption with a shadow or on a box gives that threshold
a dark ground to part the letters from; a plain white handle with neither, over ground as
bright as its letters in places (a white wall, sky, snow), does not: on a real film clip a
reposter's ``@legion_free`` read as nothing on 17 of 19 frames, and as Cyrillic noise on the
other two. Its letters are still the brightest pixels of the crop, within a few grey levels of
each other, where the wall behind them is not: keeping only the pixels within ``KEY_DROP`` of
the crop's brightest separates them (19 of 19 read exactly, on the detector's boxes grown by
the underscore's depth).

Only a reading that came out weak is tried keyed (:mod:`.engine`): text with thin parts
apart from its body (Ukrainian ``і``'s dot) can lose them in the key, and a semi-transparent
mark has no one colour to key on.
"""

from __future__ import annotations

import numpy as np

KEY_DROP = 15  # grey levels below the crop's brightest that are still the letters' colour
BRIGHTEST = 99.5  # percentile: the letters' level, past a few hot pixels of compression
# Of the crop's pixels: a line of letters fills about a tenth to a third of its box; fewer
# are specks of the ground, more a bright patch (nothing to key on).
KEY_SHARE = (0.04, 0.45)


def keyed(crop: np.ndarray) -> np.ndarray | None:
    """The crop's brightest colour as black on white, or None when the pixels of that colour
    cannot be a line of letters (too few or too many of them)."""
    if crop.size == 0:
        return None
    level = np.percentile(crop, BRIGHTEST)
    mask = crop >= level - KEY_DROP
    if not KEY_SHARE[0] <= float(mask.mean()) <= KEY_SHARE[1]:
        return None
    return np.where(mask, 0, 255).astype(np.uint8)
