"""Where a drawn text is lost on its way to a track: the on-screen step's funnel (issue 16).

Two rounds of work on channels' handles raised the tune bench and moved the held-out handles
not at all. Totals per kind cannot say why; this says, per drawn text (a kind and a line, over
the frames it is legible on), the first stage it did not pass:

* ``not detected``: no detector line at its place on any frame the detector looked at;
* ``detected, not text``: lines found there, every reading of them under the reader's bar
  (fewer than 3 letters or digits, or confidence under 0.4: ``track.MIN_CHARS``, ``MIN_CONF``);
* ``read wrong``: read as text there, never with one of its words;
* ``read, then lost``: some reading there had its words, the tracks at its place have fewer
  (a reading dropped by the tracker's choice of the best one, a merge, a track ended);
* ``found in part``: the tracks at its place have some of its words on some frame;
* ``found whole``: ... all of them.

It watches the real step from outside, for a benchmark only: the detector's boxes
(``track.detect_regions``), each reading (``LineReader.read``) with the box being considered
when it was made (``Tracker._consider``, ``_reread``, ``_read_pending``; a reading made to
confirm a track has no box and only counts through the track it kept), and the tracker's
tracks before their merge. Nothing of the library changes. Counts per kind, plus the drawn
letters' height in the frames the step reads (pixels): safe to print for a held-out set.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from unittest import mock

from forensics.onscreen import engine as engine_module
from forensics.onscreen import track as track_module

Box = tuple[int, int, int, int]
STAGES = (
    "not detected",
    "detected, not text",
    "read wrong",
    "read, then lost",
    "found in part",
    "found whole",
)
PAD = 10  # pixels of slack around a box, as the held-out scorer allows


@dataclass
class Watch:
    """What the step did on one clip, in the text frames' pixels."""

    index: int = -1
    where: Box | None = None  # the box the reading being made is of, if known
    found: dict[int, list[Box]] = field(default_factory=lambda: defaultdict(list))
    reads: list[tuple[int, Box | None, str, float]] = field(default_factory=list)
    raw: list = field(default_factory=list)  # the tracker's tracks before their merge


@contextmanager
def watching() -> Iterator[Watch]:
    """Patch the step's seams to record into a :class:`Watch` for the duration."""
    watch = Watch()
    detect = track_module.detect_regions
    read = engine_module.LineReader.read
    step, merge = track_module.Tracker.step, track_module.merge

    def detect_regions(*args, **kwargs):
        boxes = detect(*args, **kwargs)
        watch.found[watch.index].extend(boxes)
        return boxes

    def reading(self, crop, like=None):
        out = read(self, crop, like)
        watch.reads.append((watch.index, watch.where, out.text, out.confidence))
        return out

    def stepping(self, index, gray):
        watch.index = index
        return step(self, index, gray)

    def merging(tracks, gap):
        watch.raw = list(tracks)
        return merge(tracks, gap)

    with (mock.patch.object(track_module, "detect_regions", detect_regions),
          mock.patch.object(engine_module.LineReader, "read", reading),
          mock.patch.object(track_module.Tracker, "step", stepping),
          mock.patch.object(track_module, "merge", merging),
          _boxed("_consider", lambda a: a[2], watch),
          _boxed("_reread", lambda a: a[1].box, watch),
          _boxed("_read_pending", None, watch)):  # fmt: skip
        yield watch


@contextmanager
def _boxed(name: str, box_of: Callable | None, watch: Watch) -> Iterator[None]:
    """``Tracker.name`` run with ``watch.where`` set to the box it reads (``box_of`` its
    arguments after self); ``_read_pending`` reads boxes of its own list: each is set there by
    the crop it takes, so its readings are kept boxless."""
    method = getattr(track_module.Tracker, name)

    def wrapped(self, *args, **kwargs):
        watch.where = box_of(args) if box_of else None
        try:
            return method(self, *args, **kwargs)
        finally:
            watch.where = None

    with mock.patch.object(track_module.Tracker, name, wrapped):
        yield


@dataclass(frozen=True)
class Drawn:
    """A drawn text at one read frame: its kind, line and box, in the text frames' pixels."""

    kind: str
    text: str
    box: Box


def at_place(a: Box, b: Box) -> bool:
    """Either box's centre inside the other, with :data:`PAD` of slack (the scorer's rule)."""
    return _inside(b, _centre(a)) or _inside(a, _centre(b))


def _centre(box: Box) -> tuple[float, float]:
    return box[0] + box[2] / 2, box[1] + box[3] / 2


def _inside(box: Box, point: tuple[float, float]) -> bool:
    x, y, w, h = box
    return x - PAD <= point[0] <= x + w + PAD and y - PAD <= point[1] <= y + h + PAD


def stages(watch: Watch, seen: dict[int, list[Drawn]], final: list[tuple[str, int, int, Box]],
           words: Callable[[str], list[str]]) -> dict[str, dict[str, int]]:  # fmt: skip
    """Per kind, how many drawn texts (a kind and line) stopped at each stage. ``seen``: the
    texts legible on each read frame (by index); ``final``: the step's tracks as (text, first,
    last, box), frames by index; ``words`` as the scorer splits a line."""
    items: dict[tuple[str, str], list[tuple[int, Box]]] = defaultdict(list)
    for index, drawn in seen.items():
        for d in drawn:
            items[(d.kind, d.text)].append((index, d.box))
    out: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(STAGES, 0))
    for (kind, text), where in items.items():
        out[kind][_stage(watch, where, final, set(words(text)), words)] += 1
    return dict(out)


def _stage(
    watch: Watch,
    where: list[tuple[int, Box]],
    final: list[tuple[str, int, int, Box]],
    truth: set[str],
    words: Callable[[str], list[str]],
) -> str:
    def share(text: str) -> float:
        return len(truth & set(words(text))) / max(1, len(truth))

    frames = dict(where)
    here = [i for i, box in where if any(at_place(b, box) for b in watch.found.get(i, []))]
    finals = [share(" ".join(t for t, a, b, box in final if a <= i <= b and at_place(box, place)))
              for i, place in where]  # fmt: skip
    got = max(finals, default=0.0)
    if got > 0:
        return "found whole" if got >= 1 else "found in part"
    if not here:
        return "not detected"
    reads = [(text, conf) for i, box, text, conf in watch.reads
             if box is not None and i in frames and at_place(box, frames[i])]  # fmt: skip
    raw = [t.text for t in watch.raw if any(t.first <= i <= t.last and at_place(t.box, b)
                                            for i, b in where)]  # fmt: skip
    texts = [t for t, conf in reads if _is_text(t, conf)] + raw
    if not texts:
        return "detected, not text"
    return "read, then lost" if max(map(share, texts)) > 0 else "read wrong"


def _is_text(text: str, confidence: float) -> bool:
    return (sum(c.isalnum() for c in text) >= track_module.MIN_CHARS
            and confidence >= track_module.MIN_CONF)  # fmt: skip


def heights(seen: dict[int, list[Drawn]]) -> dict[str, list[int]]:
    """Per kind, the heights of the drawn lines' boxes (text frames' pixels), a line once."""
    first = {(d.kind, d.text): d.box[3] for drawn in seen.values() for d in drawn}
    out: dict[str, list[int]] = defaultdict(list)
    for (kind, _), height in first.items():
        out[kind].append(height)
    return dict(out)


def table(counts: dict[str, dict[str, int]], tall: dict[str, list[int]]) -> list[str]:
    """One line per kind: drawn texts stopped at each stage, and their median height."""
    lines = [f"{'kind':14} " + " | ".join(STAGES) + " | median height px"]
    for kind in sorted(counts):
        row = " | ".join(f"{counts[kind][s]:>{len(s)}}" for s in STAGES)
        h = tall.get(kind) or [0.0]
        lines.append(f"{kind:14} {row} | {statistics.median(h):.0f}")
    return lines
