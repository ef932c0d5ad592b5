"""On-screen text over a footage stretch two clips share, and what it says B did to A's picture.

Made by :mod:`forensics.reuse.onscreen` from the ``onscreen_text`` both clips' readings hold:
one :class:`StretchText` per piece of text shown over the stretch, with where and when each
clip shows it (``a``, ``b``; None where that clip does not). Text only B shows over A's
footage is text B added (a caption, a channel's handle, a logo's words); text only A shows is
text B cropped off, covered or removed. :func:`text_alterations` words both, as
:func:`forensics.records.comparison.alterations` words the geometry.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

Box = tuple[float, float, float, float]  # x0, y0, x1, y1, in shares of the frame
NOUNS = {"caption": "caption", "watermark": "watermark", "hud": "HUD text", "other": "text",
         "unreadable": "unreadable text"}  # fmt: skip
LISTED = 3  # texts named in one phrase; the rest are counted
SHOWN_CHARS = 60  # a text quoted in a phrase is cut to this
THEIRS = "A's "
SMALL_SCALE = 0.75  # B shows A's picture this much smaller or less: its text may be unreadable


@dataclass(frozen=True)
class TextSpan:
    """Where one clip shows a text over the stretch: its first and last sampled frame there
    (seconds on that clip's timeline) and its box in shares of that clip's frame."""

    start: float
    end: float
    box: Box


@dataclass(frozen=True)
class StretchText:
    text: str  # as read (the clearer reading where both clips show it): untrusted
    kind: str  # caption, watermark, hud, other
    confidence: float  # the engine's, of the reading kept, 0-1
    a: TextSpan | None  # None: A does not show it over the stretch
    b: TextSpan | None

    def on(self, side: str) -> TextSpan | None:
        return self.a if side == "a" else self.b

    @property
    def added(self) -> bool:
        """Only B shows it: B added it over A's footage."""
        return self.b is not None and self.a is None

    @property
    def dropped(self) -> bool:
        """Only A shows it: B cropped it off, covered or removed it."""
        return self.a is not None and self.b is None

    def swapped(self) -> StretchText:
        return StretchText(self.text, self.kind, self.confidence, self.b, self.a)

    def assert_valid(self) -> None:
        if self.a is None and self.b is None:
            raise ValueError(f"on-screen text {self.text!r} shown by neither clip")
        if self.kind not in NOUNS or not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"on-screen text {self.text!r}: {self.kind}, {self.confidence}")


def shown(text: str) -> str:
    """A text as a phrase quotes it: on one line, without control characters, cut short."""
    flat = " ".join(re.sub(r"[\x00-\x1f\x7f-\x9f]", " ", text).split())
    return flat if len(flat) <= SHOWN_CHARS else flat[: SHOWN_CHARS - 1] + "…"


def named(texts: Sequence[StretchText], whose: str = "") -> str:
    """'the caption "Belgorod region" and the watermark "@frontline"' (three at most)."""
    items = [f'{whose or "the "}{NOUNS[t.kind]} "{shown(t.text)}"' for t in texts[:LISTED]]
    if len(texts) > LISTED:
        items.append(f"{len(texts) - LISTED} more")
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def text_alterations(texts: Sequence[StretchText], b_box_in_a: Box, scale: float,
                     mirrored: bool = False, screen_in_a: bool = False
                     ) -> tuple[str, ...]:  # fmt: skip
    """What B did to the text over A's footage, in words: what it adds, what it crops off
    (A's text lies outside the part of A's picture B shows), and what it does not show
    readably though its frame covers it (removed or covered; or, where B mirrors A's
    picture, reversed past reading; or, where B shows it much smaller, too small to read).
    Where A is a screen around B's picture (``screen_in_a``), A's text outside it is the
    screen's (a post's text, an app's buttons): nothing B cropped off, and not named."""
    found = []
    texts = sorted(texts, key=lambda t: list(NOUNS).index(t.kind))  # captions first
    added = [t for t in texts if t.added]
    if added:
        found.append(f"B adds {named(added)} over the shared stretch")
    dropped = [t for t in texts if t.dropped]
    cropped = [t for t in dropped if t.a and not _inside(t.a.box, b_box_in_a)]
    hidden = [t for t in dropped if t not in cropped]
    if cropped and not screen_in_a:
        found.append(f"B crops off {named(cropped, THEIRS)}")
    if hidden:
        why = ["removed or covered"]
        why += ["reversed by the mirroring"] if mirrored else []
        why += ["too small in B to read"] if scale < SMALL_SCALE else []
        said = ", or ".join(why)
        found.append(f"B does not show {named(hidden, THEIRS)} readably ({said})")
    return tuple(found)


def _inside(box: Box, view: Box) -> bool:
    """Whether the middle of ``box`` lies inside ``view`` (both in shares of one frame)."""
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return view[0] <= x <= view[2] and view[1] <= y <= view[3]
