"""A handle's underscore: Tesseract drops a thin, faint one (a semi-transparent
`@legion_free` read `@legion free`), so a space after a handle's word (``@name``,
``t.me/name``) is made the underscore it is where the crop read shows one in the gap
(:func:`_join_handle`, called by :class:`.engine.LineReader`), and nowhere else.
"""

from __future__ import annotations

import re

import numpy as np

USERNAME = re.compile(r"[A-Za-z0-9_]+")  # what may be joined to a handle: no dot, no Cyrillic
UNDERSCORE = 0.45  # of the gap between two words: a bar of strokes this long in its lower half
UNDER_WORDS = 0.6  # ... and not on as much of the same row under the word before it
STRAY = re.compile(r"^(?:[^\w@#]+\s*)+|(?:\s*[^\w%°)\]]+)+$")
# A Telegram username never ends in "_": one read before a space is inside the handle, what
# ever the word boxes say (a stacked `t.me/grey_zone` read `t.me/grey_ zone`)
GLUED = re.compile(r"((?:@|t\.me/)[A-Za-z0-9_]*_) (?=[A-Za-z0-9])")


def _join_handle(text: str, words: list[tuple[str, tuple[int, int, int, int]]],
                 crop: np.ndarray) -> str:  # fmt: skip
    """``text`` with the space after a handle's word (and after each word joined to it) made
    the underscore it is, where the crop (the one read) shows one in the gap between the two
    words: strokes along UNDERSCORE of the gap or more on two rows in its lower half, in the
    same columns, with next to none three rows above (a thin bar: the ground's edges slope,
    letters are tall; a real space between words shows none).
    Anything else the words say is left as read."""
    from forensics.onscreen.signature import edges, polarity

    strokes = edges(crop, polarity(crop))
    joined: list[str] = []
    handle = False
    for n, (word, box) in enumerate(words):
        # a Telegram username never ends in "_": one read before a space is inside the handle
        glued = handle and n > 0 and joined[-1].endswith("_")
        join = glued or (
            handle
            and n > 0
            and USERNAME.fullmatch(word) is not None
            and _underscore(strokes, words[n - 1][1], box)
        )
        if glued:
            joined[-1] += word
        elif join:
            joined[-1] += "_" + word
        else:
            joined.append(word)
        handle = "@" in word or "t.me/" in word or join
    out = STRAY.sub("", " ".join(joined))
    return GLUED.sub(r"\1", out if _spaced(out) == _spaced(text) else text)


def _spaced(text: str) -> str:
    return " ".join(text.replace("_", " ").split())


def _underscore(strokes: np.ndarray, a: tuple[int, int, int, int],
                b: tuple[int, int, int, int]) -> bool:  # fmt: skip
    x0, x1 = a[2], b[0]
    y0 = (min(a[1], b[1]) + max(a[3], b[3])) // 2
    gap = strokes[y0:, x0:x1]
    if x1 - x0 < 2 or gap.shape[0] < 2:
        return False
    rows = (gap[1:] & gap[:-1]).mean(axis=1)  # the same columns on two rows: a bar
    above = np.concatenate([np.zeros(3), gap.mean(axis=1)[:-3]])[: len(rows)]
    # ... that stops at the letters: a box's edge or a line of the ground under the whole
    # mark is no underscore (a boxed `@frontline_ru 23.05` was read `@frontline_ru_23.05`)
    under = strokes[y0:, a[0] : a[2]]
    under = (under[1:] & under[:-1]).mean(axis=1)[: len(rows)] if under.size else rows * 0
    return bool(((rows >= UNDERSCORE) & (above < 0.2) & (under < UNDER_WORDS)).any())
