"""On-screen text over the footage two clips share: which text both show over a shared stretch
and which only one does, from the ``onscreen_text`` each clip's reading gave
(:mod:`forensics.records.stretch_text` words it as alterations).

Each clip's tracks over its side of a stretch are gathered into texts (readings of one text,
as a HUD whose digits change each second, are one text), and each text of A is looked for
among B's. Presence is lenient and absence strict, since an engine misses text more often
than it invents it: a text counts as shown by both when any reading of it on the other side
is alike (``SAME_TEXT``, or one holds the other; a HUD line at the same place, whatever its
digits read); it is named as one side's alone only when
read with ``MIN_CONFIDENCE`` and holding ``MIN_CHARS`` letters or digits, and, for text of no
known kind ("other"), with a word of ``OTHER_WORD`` letters or read with ``OTHER_CONFIDENCE``.
This module reads
records only: ``analyze`` has both clips' records, ``forensics compare`` reads the text of
the stretches' frames first (:mod:`forensics.comparing`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from forensics.records import AnalysisRecord, Comparison, OnscreenText, SharedStretch, Side
from forensics.records.stretch_text import Box, StretchText, TextSpan

MIN_CONFIDENCE = 0.6
MIN_CHARS = 3
# Text of no known kind is named only with a word this long or read this surely: the engine
# reads ground and parts of marks as short "words" (the sample case's Legion clip: "мое" at
# 0.72 in a 27-px box at the picture's edge, named as the repost's alteration before).
OTHER_WORD, OTHER_CONFIDENCE = 4, 0.85
SAME_TEXT = 0.75  # difflib ratio of two readings of one text (a HUD a second apart: ~0.9)
CONTAINED_CHARS = 4  # a reading holding another this long reads the same text (a line of two)
SAME_PLACE = 0.5  # of the smaller box two HUD lines share: one line of the HUD


@dataclass(frozen=True)
class ClipText:
    """One clip's on-screen text as its reading gave it."""

    name: str
    texts: tuple[OnscreenText, ...]
    picture: tuple[int, int]  # width, height of the displayed picture the boxes are in
    read: bool
    note: str  # the reading's own sentence: why it was not read, when it was not


def clip_text(record: AnalysisRecord) -> ClipText:
    """A clip's on-screen text from its record (a record from before 1.1 was not read)."""
    media, status = record.media, record.onscreen
    picture = media.display_size or (media.width or 1, media.height or 1)
    read = status is not None and status.read
    note = status.note if status else "the report predates reading on-screen text"
    return ClipText(record.file.name, record.onscreen_text, picture, read, note)


def with_onscreen(comparison: Comparison, a: ClipText | None, b: ClipText | None
                  ) -> Comparison:  # fmt: skip
    """The comparison with each shared stretch's on-screen text, and what B did to it named
    among the stretch's alterations; ``onscreen_note`` says how it was compared, or why
    not (a clip whose text was not read, or whose record is missing: None)."""
    if not comparison.shared:
        return comparison
    missing = _not_read(b) + _not_read(a)
    if missing:
        return replace(comparison, onscreen_note=f"on-screen text not compared: {missing[0]}")
    assert a is not None and b is not None
    stretches = tuple(s.with_text(texts_over(s, a, b)) for s in comparison.stretches)
    one_sided = sum(1 for s in stretches for t in s.onscreen if t.a is None or t.b is None)
    texts = sum(len(s.onscreen) for s in stretches)
    note = (f"on-screen text of both clips compared over the shared stretches: {texts} "
            f"{'text' if texts == 1 else 'texts'}, {one_sided} shown by one clip only")  # fmt: skip
    return replace(comparison, stretches=stretches, onscreen_note=note)


def _not_read(clip: ClipText | None) -> list[str]:
    if clip is None:
        return ["the other clip's report cannot be read"]
    return [] if clip.read else [f"{clip.name}'s was not read ({clip.note})"]


def texts_over(stretch: SharedStretch, a: ClipText, b: ClipText) -> tuple[StretchText, ...]:
    """The texts over ``stretch``: A's, each with B's showing of it when B shows it, then
    those only B shows. A HUD line is matched by its place in the picture (A's box carried
    into B's frame by the stretch's geometry), not its letters: its digits change each
    second, and the engine reads them differently in each copy."""
    ours, theirs = _gathered(stretch, "a", a), _gathered(stretch, "b", b)
    found: list[StretchText] = []
    unmatched = list(theirs)
    for text in ours:
        assert text.a is not None
        there = in_b(text.a.box, stretch)
        match = next((t for t in unmatched if _same(text, t, there, t.b)), None)
        if match is not None:
            unmatched.remove(match)
            best = text if text.confidence >= match.confidence else match
            found.append(StretchText(best.text, best.kind, best.confidence, text.a, match.b))
        elif _sure(text):
            found.append(text)
    found.extend(t for t in unmatched if _sure(t))
    return tuple(found)


def _sure(text: StretchText) -> bool:
    letters = sum(c.isalnum() for c in text.text)
    if text.confidence < MIN_CONFIDENCE or letters < MIN_CHARS:
        return False
    if text.kind != "other" or text.confidence >= OTHER_CONFIDENCE:
        return True
    return any(sum(c.isalpha() for c in word) >= OTHER_WORD for word in text.text.split())


def _gathered(stretch: SharedStretch, side: Side, clip: ClipText) -> list[StretchText]:
    """The clip's tracks over its side of the stretch, readings of one text gathered into
    one (its clearest reading, the first and last frame of any, the clearest one's box)."""
    start, end = stretch.segment.start(side), stretch.segment.end(side)
    over = [t for t in clip.texts if t.start.seconds <= end and t.end.seconds >= start]
    groups: list[list[OnscreenText]] = []
    for track in sorted(over, key=lambda t: -t.confidence):
        group = next((g for g in groups if same_text(g[0].text, track.text)
                      or _same_hud(g[0].kind, track.kind, _share(g[0].box, clip.picture),
                                   _share(track.box, clip.picture))), None)  # fmt: skip
        if group is None:
            groups.append([track])
        else:
            group.append(track)
    texts = [_text(group, side, clip.picture) for group in groups]
    return sorted(texts, key=lambda t: _first(t, side))  # as they appear, top first


def _first(text: StretchText, side: Side) -> tuple[float, float]:
    span = text.on(side)
    return (span.start, span.box[1]) if span else (0.0, 0.0)


def _same(first: StretchText, second: StretchText, box: Box, other: TextSpan | None) -> bool:
    """One text on both sides: alike in letters, or HUD lines at one place (``box``, the first
    one's place carried into the second's frame)."""
    if same_text(first.text, second.text):
        return True
    return other is not None and _same_hud(first.kind, second.kind, box, other.box)


def _same_hud(kind: str, other_kind: str, box: Box, other: Box) -> bool:
    # both HUD: a caption laid where a HUD line was (or over it) is the caption's own text
    return kind == other_kind == "hud" and overlap(box, other) >= SAME_PLACE


def overlap(first: Box, second: Box) -> float:
    """The share of the smaller box that the two boxes have in common."""
    w = min(first[2], second[2]) - max(first[0], second[0])
    h = min(first[3], second[3]) - max(first[1], second[1])
    if w <= 0 or h <= 0:
        return 0.0
    smaller = min((b[2] - b[0]) * (b[3] - b[1]) for b in (first, second))
    return w * h / smaller if smaller > 0 else 0.0


def in_b(box: Box, stretch: SharedStretch) -> Box:
    """A box of A's picture (shares) where B's frame shows it: the part of A's picture B shows
    (``b_box_in_a``) lies at ``a_box_in_b`` in B's frame, mirrored where the stretch is."""
    ax0, ay0, ax1, ay1 = stretch.b_box_in_a
    bx0, by0, bx1, by1 = stretch.a_box_in_b

    def along(v: float, lo: float, hi: float, to_lo: float, to_hi: float, flip: bool) -> float:
        t = (v - lo) / max(hi - lo, 1e-6)
        return to_lo + (1 - t if flip else t) * (to_hi - to_lo)

    mirrored = stretch.segment.mirrored
    xs = sorted(along(v, ax0, ax1, bx0, bx1, mirrored) for v in (box[0], box[2]))
    ys = sorted(along(v, ay0, ay1, by0, by1, False) for v in (box[1], box[3]))
    return xs[0], ys[0], xs[1], ys[1]


def _share(box: tuple[int, int, int, int], picture: tuple[int, int]) -> Box:
    """A box in pixels (x, y, w, h) as shares of the picture (x0, y0, x1, y1)."""
    x, y, w, h = box
    width, height = max(1, picture[0]), max(1, picture[1])
    return (round(x / width, 4), round(y / height, 4), round(min(1.0, (x + w) / width), 4),
            round(min(1.0, (y + h) / height), 4))  # fmt: skip


def _text(group: Sequence[OnscreenText], side: Side, picture: tuple[int, int]) -> StretchText:
    best = group[0]  # the clearest: the group was built in order of confidence
    box = _share(best.box, picture)
    span = TextSpan(min(t.start.seconds for t in group), max(t.end.seconds for t in group), box)
    return StretchText(best.text, best.kind, best.confidence, span if side == "a" else None,
                       span if side == "b" else None)  # fmt: skip


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def same_text(first: str, second: str) -> bool:
    """Two readings of one text: alike letter for letter, or one holding the other."""
    x, y = _key(first), _key(second)
    if not x or not y:
        return False
    short, long = sorted((x, y), key=len)
    if len(short) >= CONTAINED_CHARS and short in long:
        return True
    return difflib.SequenceMatcher(None, x, y, autojunk=False).ratio() >= SAME_TEXT
