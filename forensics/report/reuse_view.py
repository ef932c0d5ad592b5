"""What a clip page shows of each shared stretch: both timelines with the stretch drawn on
each at its own times, and the stored frames of both clips at its start, middle and end.

Built from a reuse entry of the JSON record (``reuse_entries.match_to_dict``); the template
only lays it out. A frame image that is not where the record says (the other clip's report
folder was moved or deleted) is dropped here, so the page says so in words instead of a
broken image.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

# Why a frame of a pair is not shown; the template words each.
NO_REPORT = "no report"  # the other clip was analysed without a report folder
NONE_NEAR = "none near"  # no stored frame within 0.5 s (capped thumbnails, older report)
MISSING = "missing"  # the record names an image the folder does not hold


def reuse_view(entry: Mapping[str, Any], folder: Path | None) -> dict[str, Any]:
    """One reuse entry as the template draws it: ``m`` (the entry), ``here``/``there`` (the
    sides of its comparison), ``report`` (the link to the other clip's report, if it is
    there) and one ``stretches`` item per shared segment."""
    comparison = entry["comparison"]
    here = entry["this_side"]
    there = "b" if here == "a" else "a"
    segments = comparison.get("segments") or []
    lengths = (_length(comparison, segments, here), _length(comparison, segments, there))
    pairs = entry.get("frame_pairs") or []
    stretches = []
    for number, segment in enumerate(segments):
        this_bar = _bar(segment, here, lengths[0])
        other_bar = _bar(segment, there, lengths[1])
        stretches.append({
            "s": segment, "this_bar": this_bar, "other_bar": other_bar,
            "this_rest": [_bar(s, here, lengths[0]) for s in segments if s is not segment],
            "other_rest": [_bar(s, there, lengths[1]) for s in segments if s is not segment],
            "link": _link_polygon(this_bar, other_bar),
            "pairs": [_pair(p, entry, folder) for p in _at(pairs, number)],
        })  # fmt: skip
    report, _ = _image(entry["other"].get("report"), folder)  # a link only where it leads
    return {"m": entry, "here": here, "there": there, "this_length": lengths[0],
            "other_length": lengths[1], "stretches": stretches, "report": report,
            "report_missing": bool(entry["other"].get("report")) and not report}  # fmt: skip


def _length(comparison: Mapping[str, Any], segments: Sequence[Mapping[str, Any]], side: str
            ) -> float:  # fmt: skip
    """A clip's duration, never shorter than its stretches (a record missing it still draws)."""
    ends = [float(s[f"{side}_end"]) for s in segments]
    return max([float(comparison.get(f"{side}_duration_s") or 0), *ends, 0.001])


def _bar(segment: Mapping[str, Any], side: str, length: float) -> dict[str, float]:
    """Left edge and width of a stretch on a timeline, in percent of the clip's length."""
    start = min(max(float(segment[f"{side}_start"]), 0.0), length)
    end = min(max(float(segment[f"{side}_end"]), start), length)
    return {"left": round(100 * start / length, 3), "width": round(100 * (end - start) / length, 3)}


def _link_polygon(top: Mapping[str, float], bottom: Mapping[str, float]) -> str:
    """The band joining the stretch on the upper timeline to it on the lower one, in a
    100 x 10 box stretched to the timelines' width."""
    return (f"{top['left']},0 {top['left'] + top['width']},0 "
            f"{bottom['left'] + bottom['width']},10 {bottom['left']},10")  # fmt: skip


def _at(pairs: Sequence[Any], number: int) -> Sequence[Mapping[str, Any]]:
    return pairs[number] if number < len(pairs) and isinstance(pairs[number], list) else []


def _pair(pair: Mapping[str, Any], entry: Mapping[str, Any], folder: Path | None
          ) -> dict[str, Any]:  # fmt: skip
    this_src, this_why = _image(pair.get("this_image"), folder)
    if not entry["other"].get("report"):
        other_src, other_why = None, NO_REPORT
    else:
        other_src, other_why = _image(pair.get("other_image"), folder)
    return {**pair, "this_src": this_src, "this_why": this_why, "other_src": other_src,
            "other_why": other_why}  # fmt: skip


def _image(path: str | None, folder: Path | None) -> tuple[str | None, str | None]:
    """The file (relative to ``folder``) to show or link to and, when there is none, why."""
    if not path:
        return None, NONE_NEAR
    if folder is not None and not (folder / path).is_file():
        return None, MISSING
    return path, None
