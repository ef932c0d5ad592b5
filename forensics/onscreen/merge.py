"""Tracks at one place joined across a short gap (:func:`merge`), after :mod:`.track`, and
one frame's misreading inside another track dropped (:func:`drop_misreadings`)."""

from __future__ import annotations

import re
from typing import Protocol, TypeVar

import numpy as np


class Mergeable(Protocol):
    """What merging reads and sets of a track (:class:`forensics.onscreen.track.Track`)."""

    box: tuple[int, int, int, int]
    first: int
    last: int
    text: str
    confidence: float
    score: float
    best: np.ndarray
    reads: int
    seen: int


Track = TypeVar("Track", bound=Mergeable)

Box = tuple[int, int, int, int]
NUMBERS = 3  # digits that make a track one of numbers, read on every frame (as .track)


def _intersection(a: Box, b: Box) -> int:
    x0, y0 = max(a[0], b[0]), max(a[1], b[1])
    x1, y1 = min(a[0] + a[2], b[0] + b[2]), min(a[1] + a[3], b[1] + b[3])
    return max(0, x1 - x0) * max(0, y1 - y0)


def overlap(a: Box, b: Box) -> float:
    """Intersection over the smaller box: a line seen a little larger or smaller still counts."""
    return _intersection(a, b) / max(1, min(a[2] * a[3], b[2] * b[3]))


def cer(truth: str, read: str) -> float:
    """Character error rate: edit distance over the length of ``truth``."""
    previous = list(range(len(read) + 1))
    for i, a in enumerate(truth, 1):
        current = [i]
        for j, b in enumerate(read, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1] / max(1, len(truth))


def continues(old: str, new: str) -> bool:
    """Whether ``new`` is ``old`` read again with letters misread (same digits, CER <= 0.4)."""
    if old == new:
        return True
    if abs(len(old) - len(new)) > 0.4 * max(1, len(old)):  # so many edits at least
        return False
    return re.sub(r"\D", "", old) == re.sub(r"\D", "", new) and cer(old, new) <= 0.4


def merge(tracks: list[Track], gap: int) -> list[Track]:
    """Join tracks at one place whose readings continue each other across a gap of at most
    ``gap`` frames: a semi-transparent mark over bright ground reads as nothing now and then,
    and is one mark all the same. A caption shown again later is a new track."""
    kept: list[Track] = []
    for new in tracks:
        numeric = sum(c.isdigit() for c in new.text) >= NUMBERS  # read each frame: no gaps
        earlier = next((t for t in reversed(kept) if overlap(t.box, new.box) > 0.5
                        and 0 <= new.first - t.last <= (1 if numeric else gap)
                        and continues(t.text, new.text)), None)  # fmt: skip
        if earlier is None:
            kept.append(new)
            continue
        earlier.last, earlier.seen = max(earlier.last, new.last), earlier.seen + new.seen
        earlier.reads += new.reads
        if new.score > earlier.score:
            earlier.text, earlier.confidence, earlier.score = new.text, new.confidence, new.score
            earlier.best = new.best
    return kept


def iou(a: Box, b: Box) -> float:
    """Intersection over union: the same place, not a small box inside a large one."""
    inter = _intersection(a, b)
    return inter / max(1, a[2] * a[3] + b[2] * b[3] - inter)


def drop_misreadings(tracks: list[Track]) -> list[Track]:
    """Drop a track read on one frame only, at the place of another track that was there
    before and after it and was read on more frames: a place shows one text at a time, so it
    is that track misread once (a repost's handle over a moving chair read "fo | news" on one
    frame, and compare named it a caption B added). Numbers are exempt: a HUD's digits change
    from frame to frame at one place."""

    def misread(short: Track) -> bool:
        if short.seen > 1 or sum(c.isdigit() for c in short.text) >= NUMBERS:
            return False
        return any(t is not short and t.seen >= 3 and t.first < short.first
                   and t.last > short.last and iou(t.box, short.box) > 0.5
                   and t.score > short.score for t in tracks)  # fmt: skip

    return [t for t in tracks if not misread(t)]
