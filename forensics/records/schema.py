"""The JSON shape of an analysis record (documented in docs/report-schema.md).

Written out field by field, rather than dumped generically, so that the keys scripts rely on
are a deliberate contract: renaming a dataclass field must not silently rename a JSON key.
"""

from __future__ import annotations

from typing import Any

from forensics.records.analysis import (
    AnalysisRecord,
    FrameHash,
    FrameImage,
    Keyframe,
    MediaInfo,
    Metadata,
    to_dict,
)

SCHEMA_VERSION = "forensics.analysis/1"


def _media(media: MediaInfo) -> dict[str, Any]:
    out = to_dict(media)
    out["display_width"], out["display_height"] = media.display_size or (None, None)
    return out


def _metadata(md: Metadata) -> dict[str, Any]:
    out = to_dict(md)
    out["gps"] = (
        {"lat": md.gps.lat, "lon": md.gps.lon, "alt_m": md.gps.alt_m, "source": md.gps.source}
        if md.gps
        else None
    )
    return out


def _frame(frame: FrameHash) -> dict[str, Any]:
    return {
        "t": round(frame.time.seconds, 6),
        "pts": frame.time.pts,
        "time_base": str(frame.time.time_base),
        "phash": frame.phash,
        "phash_mirror": frame.phash_mirror,
        "dhash": frame.dhash,
        "informative": frame.informative,
        "reason": frame.reason,
    }


def _keyframe(key: Keyframe) -> dict[str, Any]:
    return {
        "t": round(key.time.seconds, 6),
        "pts": key.time.pts,
        "time_base": str(key.time.time_base),
        "phash": key.phash,
        "image": key.image,
        "scene_score": key.scene_score,
    }


def _frame_image(frame: FrameImage) -> dict[str, Any]:
    return {
        "t": round(frame.time.seconds, 6),
        "pts": frame.time.pts,
        "time_base": str(frame.time.time_base),
        "image": frame.image,
    }


def record_to_dict(record: AnalysisRecord) -> dict[str, Any]:
    return {
        "schema": record.schema,
        "tool": to_dict(record.tool),
        "file": to_dict(record.file),
        "media": _media(record.media),
        "metadata": _metadata(record.metadata),
        "flags": [to_dict(f) for f in record.flags],
        "crop": to_dict(record.crop),
        "frames_hashed": record.frames_hashed,
        "frames": [_frame(f) for f in record.frames],
        "keyframes": [_keyframe(k) for k in record.keyframes],
        "frame_images": [_frame_image(f) for f in record.frame_images],
        "claims": [to_dict(c) for c in record.claims],
        "case": record.case,
        "reuse": list(record.reuse),
        "reuse_checked": record.reuse_checked,
        "reuse_scope": record.reuse_scope,
        "checks": list(record.checks),
    }
