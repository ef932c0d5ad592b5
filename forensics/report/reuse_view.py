"""What a clip page shows of each shared stretch: both timelines with the stretch drawn on
each at its own times, and the stored frames of both clips at its start, middle and end.

Built from a reuse entry of the record (:func:`forensics.case.update.reuse_entry`); the
template only lays it out. A frame image that is not where the record says (the other clip's report
folder was moved or deleted) is dropped here, so the page says so in words instead of a
broken image.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from forensics.records import (
    Comparison,
    FramePair,
    ReuseEntry,
    Segment,
    Side,
    reuse_entry_to_dict,
    to_dict,
)

# Why a frame of a pair is not shown; the template words each.
NO_REPORT = "no report"  # the other clip was analysed without a report folder
NONE_NEAR = "none near"  # no stored frame within 0.5 s (capped thumbnails, older report)
MISSING = "missing"  # the record names an image the folder does not hold


def reuse_view(entry: ReuseEntry, folder: Path | None) -> dict[str, Any]:
    """One reuse entry as the template draws it: ``m`` (the entry, in its JSON shape),
    ``here``/``there`` (the sides of its comparison), ``report`` (the link to the other
    clip's report, if it is there) and one ``stretches`` item per shared segment."""
    comparison = entry.comparison
    here, there = entry.this_side, entry.there
    segments = [s.segment for s in comparison.stretches]
    lengths = (_length(comparison, segments, here), _length(comparison, segments, there))
    shown = reuse_entry_to_dict(entry)
    stretches = []
    for number, segment in enumerate(segments):
        this_bar = _bar(segment, here, lengths[0])
        other_bar = _bar(segment, there, lengths[1])
        stretches.append({
            "s": shown["comparison"]["segments"][number], "this_bar": this_bar,
            "other_bar": other_bar,
            "this_rest": [_bar(s, here, lengths[0]) for s in segments if s is not segment],
            "other_rest": [_bar(s, there, lengths[1]) for s in segments if s is not segment],
            "link": _link_polygon(this_bar, other_bar),
            "pairs": [_pair(p, entry, folder) for p in _at(entry.frame_pairs, number)],
        })  # fmt: skip
    report, _ = _image(entry.other.report, folder)  # a link only where it leads
    return {"m": shown, "here": here, "there": there, "this_length": lengths[0],
            "other_length": lengths[1], "stretches": stretches, "report": report,
            "report_missing": bool(entry.other.report) and not report}  # fmt: skip


def _length(comparison: Comparison, segments: Sequence[Segment], side: Side) -> float:
    """A clip's duration, never shorter than its stretches (a record missing it still draws)."""
    ends = [s.end(side) for s in segments]
    duration = comparison.a_duration_s if side == "a" else comparison.b_duration_s
    return max([float(duration or 0), *ends, 0.001])


def _bar(segment: Segment, side: Side, length: float) -> dict[str, float]:
    """Left edge and width of a stretch on a timeline, in percent of the clip's length."""
    start = min(max(segment.start(side), 0.0), length)
    end = min(max(segment.end(side), start), length)
    return {"left": round(100 * start / length, 3), "width": round(100 * (end - start) / length, 3)}


def _link_polygon(top: Mapping[str, float], bottom: Mapping[str, float]) -> str:
    """The band joining the stretch on the upper timeline to it on the lower one, in a
    100 x 10 box stretched to the timelines' width."""
    return (f"{top['left']},0 {top['left'] + top['width']},0 "
            f"{bottom['left'] + bottom['width']},10 {bottom['left']},10")  # fmt: skip


def _at(pairs: Sequence[tuple[FramePair, ...]], number: int) -> tuple[FramePair, ...]:
    return pairs[number] if number < len(pairs) else ()


def _pair(pair: FramePair, entry: ReuseEntry, folder: Path | None) -> dict[str, Any]:
    this_src, this_why = _image(pair.this_image, folder)
    other_src: str | None
    other_why: str | None
    if not entry.other.report:
        other_src, other_why = None, NO_REPORT
    else:
        other_src, other_why = _image(pair.other_image, folder)
    return {**to_dict(pair), "this_src": this_src, "this_why": this_why, "other_src": other_src,
            "other_why": other_why}  # fmt: skip


def _image(path: str | None, folder: Path | None) -> tuple[str | None, str | None]:
    """The file (relative to ``folder``) to show or link to and, when there is none, why."""
    if not path:
        return None, NONE_NEAR
    if folder is not None and not (folder / path).is_file():
        return None, MISSING
    return path, None
