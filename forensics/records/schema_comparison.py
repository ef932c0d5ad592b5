"""The JSON shape of a comparison between two clips, both ways: in ``compare.json``, in the
case index, and inside every reuse entry of a report."""

from __future__ import annotations

from typing import Any

from forensics.records.comparison import (
    Comparison,
    MomentEvidence,
    Segment,
    SharedStretch,
    StillMatch,
)
from forensics.records.stretch_text import StretchText, TextSpan


def comparison_to_dict(result: Comparison) -> dict[str, Any]:
    return {
        "a": result.a,
        "b": result.b,
        "shared": result.shared,
        "a_duration_s": result.a_duration_s,
        "b_duration_s": result.b_duration_s,
        "a_shared_fraction": round(result.fraction("a"), 4),
        "b_shared_fraction": round(result.fraction("b"), 4),
        "frames_described": list(result.frames_described),
        "segments": [_stretch(s) for s in result.stretches],
        "still_match": _still(result.still_match),
        "onscreen_note": result.onscreen_note,
    }


def _still(still: StillMatch | None) -> dict[str, Any] | None:
    if still is None:
        return None
    written = {"kind": still.kind, "frames": list(still.frames),
               "still_share": round(still.still_share, 4), "finding": still.finding}  # fmt: skip
    return written | _moment(still.moment)


def _moment(moment: MomentEvidence | None) -> dict[str, Any]:
    """A still's moment evidence, under ``moment``; nothing for footage two clips share, so
    their JSON stays as it was."""
    if moment is None:
        return {}
    return {
        "moment": {
            "at": moment.moment_at,
            "unique": moment.unique,
            "found": moment.found,
            "runner_up": moment.runner_up,
            "runner_up_at": moment.runner_up_at,
        }
    }


def _stretch(s: SharedStretch) -> dict[str, Any]:
    written = {
        "a_start": s.segment.a_start,
        "a_end": s.segment.a_end,
        "b_start": s.segment.b_start,
        "b_end": s.segment.b_end,
        "similarity": round(s.segment.similarity, 4),
        "rate": s.segment.rate,
        "matches": s.segment.matches,
        "mirrored": s.segment.mirrored,
        "scale": round(s.scale, 4),
        "rotation_deg": round(s.rotation_deg, 2),
        "a_area_in_b": round(s.a_area_in_b, 4),
        "b_area_from_a": round(s.b_area_from_a, 4),
        "a_box_in_b": list(s.a_box_in_b),
        "b_box_in_a": list(s.b_box_in_a),
        "alterations": list(s.alterations),
        "inverted": s.inverted,
        "zoom": round(s.zoom, 4),
        "around_in_b": s.around_in_b,
        "around_in_a": s.around_in_a,
        "onscreen": [_text(t) for t in s.onscreen],
    }
    return written | _moment(s.moment) | _screens(s)


def _screens(s: SharedStretch) -> dict[str, bool]:
    """Where a screen lies around the picture (written only then: footage two clips share
    never has one)."""
    found = {"screen_in_a": s.screen_in_a, "screen_in_b": s.screen_in_b}
    return {key: True for key, value in found.items() if value}


def _text(t: StretchText) -> dict[str, Any]:
    return {"text": t.text, "kind": t.kind, "confidence": t.confidence, "a": _span(t.a),
            "b": _span(t.b)}  # fmt: skip


def _span(span: TextSpan | None) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"start": span.start, "end": span.end, "box": list(span.box)}


def comparison_from_dict(data: dict[str, Any]) -> Comparison:
    """The comparison a stored JSON holds (values rounded as written: reading and writing
    again gives the same JSON)."""
    described = data.get("frames_described") or (0, 0)
    return Comparison(
        a=str(data["a"]), b=str(data["b"]), a_duration_s=data["a_duration_s"],
        b_duration_s=data["b_duration_s"],
        stretches=tuple(_read_stretch(s) for s in data.get("segments") or ()),
        frames_described=(int(described[0]), int(described[1])),
        still_match=_read_still(data.get("still_match")),
        onscreen_note=data.get("onscreen_note"),  # absent before 1.4: not compared
    )  # fmt: skip


def _read_still(data: dict[str, Any] | None) -> StillMatch | None:
    if not data:  # absent before the still layer (issue 14)
        return None
    frames = data["frames"]
    return StillMatch(str(data["kind"]), (int(frames[0]), int(frames[1])),
                      float(data["still_share"]), _read_moment(data.get("moment")))  # fmt: skip


def _read_moment(data: dict[str, Any] | None) -> MomentEvidence | None:
    if not data:  # footage two clips share, or a still compared before it was kept
        return None
    runner_at = data.get("runner_up_at")
    return MomentEvidence(
        float(data["at"]),
        int(data["unique"]),
        int(data["found"]),
        int(data["runner_up"]),
        None if runner_at is None else float(runner_at),
    )


def _read_stretch(s: dict[str, Any]) -> SharedStretch:
    segment = Segment(a_start=s["a_start"], a_end=s["a_end"], b_start=s["b_start"],
                      b_end=s["b_end"], rate=s["rate"], similarity=s["similarity"],
                      matches=s["matches"], mirrored=bool(s["mirrored"]))  # fmt: skip
    return SharedStretch(
        segment=segment, scale=s["scale"], rotation_deg=s["rotation_deg"],
        a_area_in_b=s["a_area_in_b"], b_area_from_a=s["b_area_from_a"],
        a_box_in_b=_box(s["a_box_in_b"]), b_box_in_a=_box(s["b_box_in_a"]),
        alterations=tuple(s.get("alterations") or ()), inverted=bool(s.get("inverted", False)),
        zoom=float(s.get("zoom", 1.0)), around_in_b=bool(s.get("around_in_b", False)),
        around_in_a=bool(s.get("around_in_a", False)),
        screen_in_b=bool(s.get("screen_in_b", False)),
        screen_in_a=bool(s.get("screen_in_a", False)),
        onscreen=tuple(_read_text(t) for t in s.get("onscreen") or ()),
        moment=_read_moment(s.get("moment")),
    )  # fmt: skip


def _read_text(t: dict[str, Any]) -> StretchText:
    text = StretchText(str(t["text"]), str(t["kind"]), float(t["confidence"]),
                       _read_span(t.get("a")), _read_span(t.get("b")))  # fmt: skip
    text.assert_valid()
    return text


def _read_span(data: dict[str, Any] | None) -> TextSpan | None:
    if not data:
        return None
    return TextSpan(float(data["start"]), float(data["end"]), _box(data["box"]))


def _box(values: Any) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in values)
    return x0, y0, x1, y1
