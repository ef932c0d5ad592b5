"""The JSON shape of an analysis record (documented in docs/report-schema.md), both ways.

``record_to_dict`` writes a record as ``report.json`` holds it; ``record_from_dict`` reads one
back, so a stage that meets a stored record (``forensics report``, the case update, the
overview) works on the same typed record ``analyze`` made. JSON exists only where a record is
written or read: nothing in between passes dicts around.

The top-level keys are written out one by one, so that the keys scripts rely on are a
deliberate contract: renaming a dataclass field must not silently rename a JSON key. Readers
accept records written before a field existed (``checks``, ``frame_images``, facts,
``onscreen_text`` and ``onscreen_status``, ``onscreen_telemetry``, ``onscreen_claims``,
``media.structure``, ``metadata.tag_notes``) with that field's empty value; anything else
malformed is a :class:`RecordError`.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any, TypeVar

from forensics.errors import RecordError
from forensics.records.analysis import AnalysisRecord, Depth
from forensics.records.checks import LABELS, VERDICTS, Check
from forensics.records.claims import CaseEntry, ClaimRef, Fact
from forensics.records.custody import ACTIONS, CustodyEvent, Digest
from forensics.records.media import (
    SEVERITY_ORDER,
    ContainerBox,
    ContainerCheck,
    ContainerProblem,
    Crop,
    FileIdentity,
    Flag,
    FrameHash,
    FrameImage,
    FrameTiming,
    GpsPoint,
    Keyframe,
    MediaInfo,
    Metadata,
    StreamInfo,
    TagNote,
    Timestamp,
    ToolInfo,
)
from forensics.records.onscreen import OnscreenClaim, OnscreenStatus, OnscreenText, Telemetry
from forensics.records.reuse import FramePair, OrientedStretch, OtherClip, ReuseEntry
from forensics.records.schema_comparison import comparison_from_dict, comparison_to_dict

# 1.1: on-screen text; 1.2: a release may be an exact UTC time (case.released, reuse[].other
# .released), and a fact may lie before the claim's text (the platform's length, negative
# offsets); 1.3: on-screen telemetry (the HUD parsed) and on-screen claims (captions' facts);
# 1.4: a comparison's on-screen text over its shared stretches (``onscreen``, ``onscreen_note``);
# 1.5: the analysis depth (full, or triage: key frames only). Readers take every 1.x: a
# 1.0/1.1 release is a day, which 1.2 still writes; a record without a depth is a full one.
SCHEMA_VERSION = "forensics.analysis/1.7"
T = TypeVar("T")
__all__ = [
    "SCHEMA_VERSION",
    "check_to_dict",
    "comparison_from_dict",
    "comparison_to_dict",
    "read_record",
    "record_from_dict",
    "record_to_dict",
    "reuse_entry_to_dict",
    "to_dict",
]


def to_dict(record: Any) -> Any:
    """A JSON-ready copy of a record whose JSON is its fields (nested dataclasses, tuples,
    Fractions); a record with its own ``to_dict`` writes itself."""
    if callable(getattr(record, "to_dict", None)):
        return record.to_dict()
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, dict):
        return {str(k): to_dict(v) for k, v in record.items()}
    if isinstance(record, list | tuple):
        return [to_dict(v) for v in record]
    if isinstance(record, Fraction):
        return str(record)
    return record


# ---------------------------------------------------------------------------- writing


def record_to_dict(record: AnalysisRecord) -> dict[str, Any]:
    return {
        "schema": record.schema,
        "tool": to_dict(record.tool),
        "file": to_dict(record.file),
        "media": _media(record.media),
        "metadata": to_dict(record.metadata),
        "flags": [to_dict(f) for f in record.flags],
        "crop": to_dict(record.crop),
        "frames_hashed": record.frames_hashed,
        "frames": [_frame(f) for f in record.frames],
        "keyframes": [_keyframe(k) for k in record.keyframes],
        "frame_images": [{**f.time.to_dict(), "image": f.image} for f in record.frame_images],
        "claims": [to_dict(c) for c in record.claims],
        "case": record.case.to_dict() if record.case else None,
        "reuse": [reuse_entry_to_dict(e) for e in record.reuse],
        "reuse_checked": record.reuse_checked,
        "reuse_scope": record.reuse_scope,
        "checks": [check_to_dict(c) for c in record.checks],
        "onscreen_status": to_dict(record.onscreen) if record.onscreen else None,
        "onscreen_text": [_onscreen(t) for t in record.onscreen_text],
        "onscreen_telemetry": [_telemetry(t) for t in record.onscreen_telemetry],
        "onscreen_claims": [to_dict(c) for c in record.onscreen_claims],
        "custody": [to_dict(e) for e in record.custody],
        "depth": to_dict(record.depth) if record.depth else None,
    }


def _onscreen(text: OnscreenText) -> dict[str, Any]:
    return {"text": text.text, "start": text.start.to_dict(), "end": text.end.to_dict(),
            "box": list(text.box), "kind": text.kind, "lang": text.lang,
            "confidence": text.confidence, "image": text.image,
            **({"note": text.note} if text.note else {})}  # fmt: skip


def _telemetry(t: Telemetry) -> dict[str, Any]:
    return {**to_dict(t), "start": t.start.to_dict(), "end": t.end.to_dict()}


def _media(media: MediaInfo) -> dict[str, Any]:
    out = to_dict(media)
    out["display_width"], out["display_height"] = media.display_size or (None, None)
    return out


def _frame(frame: FrameHash) -> dict[str, Any]:
    return {**frame.time.to_dict(), "phash": frame.phash, "phash_mirror": frame.phash_mirror,
            "dhash": frame.dhash, "informative": frame.informative,
            "reason": frame.reason, "pdq": frame.pdq,
            "pdq_quality": frame.pdq_quality}  # fmt: skip


def _keyframe(key: Keyframe) -> dict[str, Any]:
    return {**key.time.to_dict(), "phash": key.phash, "image": key.image,
            "scene_score": key.scene_score}  # fmt: skip


def reuse_entry_to_dict(entry: ReuseEntry) -> dict[str, Any]:
    return {
        "other": to_dict(entry.other),
        "this_side": entry.this_side,
        "order": entry.order,
        "order_known": entry.order_known,
        "comparison": comparison_to_dict(entry.comparison),
        "frame_pairs": [[to_dict(p) for p in stretch] for stretch in entry.frame_pairs],
    }


def check_to_dict(check: Check) -> dict[str, Any]:
    return {
        "check": check.check,
        "label": check.label,
        "claim": check.claim,
        "verdict": check.verdict,
        "evidence": check.evidence,
        "facts": list(check.facts),
        "segments": [to_dict(s) for s in check.segments],
        "other": check.other,
        "flag": check.flag[0] if check.flag else None,
    }


# ---------------------------------------------------------------------------- reading


def record_from_dict(data: Any) -> AnalysisRecord:
    """The record a ``report.json`` (or the case index's copy) holds; RecordError when it is
    not one this version can read."""
    try:
        return _record(data)
    except (KeyError, TypeError, ValueError, AttributeError, ZeroDivisionError) as exc:
        raise RecordError(f"not a forensics analysis record ({type(exc).__name__}: {exc})"
                          ) from None  # fmt: skip


def read_record(path: Path) -> AnalysisRecord:
    """The record a ``report.json`` file holds; RecordError when it cannot be read as one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RecordError(f"{path}: no such report") from None
    except (OSError, ValueError) as exc:
        raise RecordError(f"{path}: cannot be read ({exc})") from None
    try:
        return record_from_dict(data)
    except RecordError as exc:
        raise RecordError(f"{path}: {exc}") from None


def _record(data: dict[str, Any]) -> AnalysisRecord:
    if not str(data["schema"]).startswith("forensics.analysis/"):
        raise ValueError(f"schema {data['schema']!r}")
    return AnalysisRecord(
        schema=data["schema"], tool=_tool(data["tool"]), file=FileIdentity(**data["file"]),
        media=_media_info(data["media"]), metadata=_metadata(data["metadata"]),
        flags=_each(data["flags"], _flag),
        crop=Crop(**data["crop"]) if data.get("crop") else None,
        frames=_each(data["frames"], _frame_hash), keyframes=_each(data["keyframes"], _key),
        claims=_each(data.get("claims"), _claim),
        case=_case(data["case"]) if data.get("case") else None,
        reuse=_each(data.get("reuse"), _reuse_entry), reuse_checked=data.get("reuse_checked"),
        reuse_scope=data.get("reuse_scope"), checks=_each(data.get("checks"), _check),
        frame_images=_each(data.get("frame_images"),
                           lambda f: FrameImage(_time(f), f["image"])),
        custody=_each(data.get("custody"), _event),
        onscreen_text=_each(data.get("onscreen_text"), _onscreen_text),
        onscreen_telemetry=_each(data.get("onscreen_telemetry"), _telemetry_from),
        onscreen_claims=_each(data.get("onscreen_claims"), _onscreen_claim),
        onscreen=_onscreen_status(data["onscreen_status"]) if data.get("onscreen_status")
        else None,
        depth=_depth(data["depth"]) if data.get("depth") else None,
    )  # fmt: skip


def _depth(data: dict[str, Any]) -> Depth:
    if data["level"] not in ("full", "triage"):
        raise ValueError(f"depth {data['level']!r}")
    return Depth(data["level"], str(data["note"]), tuple(map(str, data.get("not_seen") or ())),
                 data.get("file_stat"), data.get("reused"))  # fmt: skip


def _onscreen_text(data: dict[str, Any]) -> OnscreenText:
    x, y, w, h = (int(v) for v in data["box"])
    text = OnscreenText(str(data["text"]), _time(data["start"]), _time(data["end"]), (x, y, w, h),
                        data["kind"], str(data["lang"]), float(data["confidence"]),
                        data.get("image"), str(data.get("note", "")))  # fmt: skip
    text.assert_valid()
    return text


def _telemetry_from(data: dict[str, Any]) -> Telemetry:
    fields = {f.name for f in dataclasses.fields(Telemetry)} - {"track", "start", "end"}
    telemetry = Telemetry(int(data["track"]), _time(data["start"]), _time(data["end"]),
                          **{k: data.get(k) for k in fields})  # fmt: skip
    telemetry.assert_valid()
    return telemetry


def _onscreen_claim(data: dict[str, Any]) -> OnscreenClaim:
    claim = OnscreenClaim(str(data["text"]), _time(data["start"]), _time(data["end"]),
                          tuple(int(t) for t in data["tracks"]),
                          tuple(Fact(**f) for f in data.get("facts") or ()))  # fmt: skip
    claim.assert_valid()
    return claim


def _onscreen_status(data: dict[str, Any]) -> OnscreenStatus:
    return OnscreenStatus(bool(data["read"]), data.get("engine"),
                          tuple(str(lang) for lang in data.get("languages") or ()),
                          str(data["note"]), int(data.get("frames") or 0),
                          int(data.get("reads") or 0))  # fmt: skip


def _each(items: Any, read: Callable[[Any], T]) -> tuple[T, ...]:
    if items is None:
        return ()
    if not isinstance(items, list):
        raise TypeError(f"expected a list, found {type(items).__name__}")
    return tuple(read(item) for item in items)


def _event(data: dict[str, Any]) -> CustodyEvent:
    if data["action"] not in ACTIONS:
        raise ValueError(f"custody action {data['action']!r}")
    return CustodyEvent(
        at_utc=str(data["at_utc"]), action=data["action"], tool=str(data["tool"]),
        ffmpeg=data.get("ffmpeg"), call=tuple(str(c) for c in data["call"]),
        read=_each(data.get("read"), lambda d: Digest(str(d["path"]), d.get("sha256"))),
        wrote=_each(data.get("wrote"), lambda d: Digest(str(d["path"]), d.get("sha256"))),
        note=data.get("note"),
    )  # fmt: skip


def _flag(data: dict[str, Any]) -> Flag:
    if data["severity"] not in SEVERITY_ORDER:  # ranked by every page: an unknown one is refused
        raise ValueError(f"severity {data['severity']!r}")
    return Flag(str(data["code"]), data["severity"], str(data["message"]))


def _time(data: dict[str, Any]) -> Timestamp:
    return Timestamp(int(data["pts"]), Fraction(str(data["time_base"])))


def _tool(data: dict[str, Any]) -> ToolInfo:
    return ToolInfo(**{**data, "libraries": dict(data["libraries"]),
                       "commands": tuple(tuple(c) for c in data["commands"])})  # fmt: skip


def _media_info(data: dict[str, Any]) -> MediaInfo:
    fields = {f.name for f in dataclasses.fields(MediaInfo)}
    values = {k: v for k, v in data.items() if k in fields}
    streams = tuple(StreamInfo(**s) for s in data["streams"])
    timing = FrameTiming(**data["timing"]) if data.get("timing") else None
    structure = _structure(data["structure"]) if data.get("structure") else None
    return MediaInfo(**{**values, "streams": streams, "timing": timing, "structure": structure})


def _structure(data: dict[str, Any]) -> ContainerCheck:
    problems = _each(data.get("problems"), lambda p: ContainerProblem(**p))
    if any(p.kind not in ("truncated", "size_mismatch") for p in problems):
        raise ValueError(f"container problem kinds {[p.kind for p in problems]}")
    return ContainerCheck(family=str(data["family"]), file_size=int(data["file_size"]),
                          boxes=_each(data.get("boxes"), lambda b: ContainerBox(**b)),
                          problems=problems)  # fmt: skip


def _metadata(data: dict[str, Any]) -> Metadata:
    gps = GpsPoint(**data["gps"]) if data.get("gps") else None
    notes = _each(data.get("tag_notes"), lambda n: TagNote(**n))  # absent before tag notes
    return Metadata(**{**data, "gps": gps, "tag_notes": notes})  # zone: absent from older ones


PDQ_HEX = re.compile(r"[0-9a-f]{64}")


def _frame_hash(data: dict[str, Any]) -> FrameHash:
    pdq, quality = data.get("pdq"), None
    if pdq is not None:  # exported as it is, so a malformed one is refused here
        quality = int(data["pdq_quality"])
        if not (PDQ_HEX.fullmatch(pdq) and 0 <= quality <= 100):
            raise ValueError(f"PDQ {pdq!r} of quality {quality!r}")
    return FrameHash(_time(data), data["phash"], data["phash_mirror"], data["dhash"],
                     data["informative"], data["reason"], pdq, quality)  # fmt: skip


def _key(data: dict[str, Any]) -> Keyframe:
    return Keyframe(_time(data), data["image"], data["phash"], data["scene_score"])


def _claim(data: dict[str, Any]) -> ClaimRef:
    return ClaimRef(**{
        **data, "claimed_durations_s": tuple(data.get("claimed_durations_s") or ()),
        "event_dates": tuple(data.get("event_dates") or ()),
        "facts": tuple(Fact(**f) for f in data.get("facts") or ()),
    })  # fmt: skip


def _case(data: dict[str, Any]) -> CaseEntry:
    return CaseEntry(case_file=data["case_file"], title=data.get("title"), path=data["path"],
                     sha256=data.get("sha256"), actor=data.get("actor"),
                     released=data.get("released"),
                     claim_paths=tuple(data.get("claims") or ()),
                     forwarded_from=data.get("forwarded_from"),
                     platform_duration_s=data.get("platform_duration_s"))  # fmt: skip


def _reuse_entry(data: dict[str, Any]) -> ReuseEntry:
    pairs = tuple(tuple(FramePair(**p) for p in stretch) for stretch in data.get("frame_pairs")
                  or ())  # fmt: skip
    side = data["this_side"]
    if side not in ("a", "b"):
        raise ValueError(f"this_side {side!r}")
    return ReuseEntry(other=OtherClip(**data["other"]), this_side=side, order=data["order"],
                      order_known=bool(data["order_known"]),
                      comparison=comparison_from_dict(data["comparison"]),
                      frame_pairs=pairs)  # fmt: skip


def _check(data: dict[str, Any]) -> Check:
    if data["check"] not in LABELS or data["verdict"] not in VERDICTS:
        raise ValueError(f"check {data['check']!r} with verdict {data['verdict']!r}")
    segments = tuple(OrientedStretch(**{**s, "alterations": tuple(s.get("alterations") or ())})
                     for s in data.get("segments") or ())  # fmt: skip
    return Check(check=data["check"], claim=data["claim"], verdict=data["verdict"],
                 evidence=data["evidence"], facts=tuple(data.get("facts") or ()),
                 segments=segments, other=data.get("other"))  # fmt: skip
