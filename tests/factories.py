"""Small typed records for unit tests, built through the JSON reader so every test that uses
them also exercises ``record_from_dict`` on a minimal record."""

from __future__ import annotations

from typing import Any

from forensics.records import AnalysisRecord, record_from_dict


def media(kind: str = "video", duration: float | None = 112.0) -> dict[str, Any]:
    return {"kind": kind, "container": "mp4", "container_long": None, "duration_s": duration,
            "bit_rate": None, "width": 640, "height": 360, "rotation": 0, "fps": 25.0,
            "variable_fps": False, "frame_count": None, "video_codec": "h264",
            "video_profile": None, "audio_codec": None, "audio_profile": None,
            "video_duration_s": duration, "audio_duration_s": None, "streams": [],
            "format_tags": {}, "timing": None}  # fmt: skip


def metadata(created: str | None = None, gps: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"creation_time": created, "creation_time_source": None, "creation_time_raw": created,
            "encoder": None, "make": None, "model": None, "software": None, "gps": gps,
            "tags": {}}  # fmt: skip


def record_dict(**fields: Any) -> dict[str, Any]:
    """A complete report.json record of a clip nobody looked at, with ``fields`` replaced."""
    data = {
        "schema": "forensics.analysis/1",
        "tool": {"name": "forensics", "version": "0", "ffmpeg": "ffmpeg", "ffmpeg_version": "0",
                 "ffmpeg_source": "PATH", "probe_backend": "ffprobe", "libraries": {},
                 "commands": []},
        "file": {"path": "/clip.mp4", "name": "clip.mp4", "size_bytes": 1, "sha256": "0" * 64,
                 "md5": "0" * 32, "modified_utc": "2023-05-27T00:00:00Z",
                 "analysed_at_utc": "2023-05-27T00:00:00Z"},
        "media": media(), "metadata": metadata(), "flags": [], "crop": None, "frames": [],
        "keyframes": [], "frame_images": [], "claims": [], "case": None, "reuse": [],
        "reuse_checked": None, "reuse_scope": None, "checks": [],
    }  # fmt: skip
    return {**data, **fields}


def record(**fields: Any) -> AnalysisRecord:
    return record_from_dict(record_dict(**fields))


def comparison(segments: list[dict[str, Any]], a: str = "a.mp4", b: str = "b.mp4",
               a_duration: float = 60.0, b_duration: float = 60.0) -> dict[str, Any]:  # fmt: skip
    """A comparison in its JSON shape; each segment needs its times, the rest is filled in."""
    full = [{"similarity": 0.7, "rate": 1.0, "matches": 3, "mirrored": False, "scale": 1.0,
             "rotation_deg": 0.0, "a_area_in_b": 1.0, "b_area_from_a": 1.0,
             "a_box_in_b": [0, 0, 1, 1], "b_box_in_a": [0, 0, 1, 1], "alterations": [], **s}
            for s in segments]  # fmt: skip
    return {"a": a, "b": b, "shared": bool(full), "a_duration_s": a_duration,
            "b_duration_s": b_duration, "frames_described": [0, 0], "segments": full}  # fmt: skip


def frame(t: float, phash: str, mirror: str, informative: bool) -> dict[str, Any]:
    """A sampled frame's hashes as report.json holds them (times in milliseconds)."""
    return {"t": t, "pts": round(t * 1000), "time_base": "1/1000", "phash": phash,
            "phash_mirror": mirror, "dhash": phash, "informative": informative,
            "reason": None if informative else "black"}  # fmt: skip


def keyframe(t: float, phash: str, image: str) -> dict[str, Any]:
    return {"t": t, "pts": round(t * 1000), "time_base": "1/1000", "phash": phash,
            "image": image, "scene_score": None}  # fmt: skip


def case_entry(actor: str | None = None, released: str | None = None, title: str | None = None
               ) -> dict[str, Any]:  # fmt: skip
    return {"case_file": "/case/case.toml", "title": title, "path": "/evidence/clip.mp4",
            "sha256": None, "actor": actor, "released": released, "claims": []}  # fmt: skip


def claim(**fields: Any) -> dict[str, Any]:
    """A linked claim as report.json holds it; ``fields`` replace the defaults."""
    data = {"path": "/claims/c.md", "sha256": "c" * 64, "outlet": None, "url": None,
            "published": None, "author": None, "actor": None, "platform": None, "text": "",
            "claimed_durations_s": [], "event_dates": [], "linked_by": "--claim", "facts": [],
            "text_start": 0}  # fmt: skip
    return {**data, **fields}


def check(verdict: str, name: str = "hedge", evidence: str = "Said.") -> dict[str, Any]:
    return {"check": name, "label": "", "claim": None, "verdict": verdict, "evidence": evidence,
            "facts": [], "segments": [], "other": None, "flag": None}  # fmt: skip


def time(t: float) -> dict[str, Any]:
    return {"t": t, "pts": round(t * 1000), "time_base": "1/1000"}


def onscreen(text: str, kind: str = "caption", start: float = 0.0, end: float = 4.0,
             box: tuple[int, int, int, int] = (200, 600, 400, 40), confidence: float = 0.9,
             lang: str = "en") -> dict[str, Any]:  # fmt: skip
    """An on-screen text track as report.json holds it."""
    return {"text": text, "start": time(start), "end": time(end), "box": list(box),
            "kind": kind, "lang": lang, "confidence": confidence, "image": None}  # fmt: skip
