"""Turn ffprobe-shaped JSON into a typed :class:`MediaInfo`, refusing what cannot be analysed."""

from __future__ import annotations

import itertools
import statistics
from dataclasses import replace
from fractions import Fraction
from pathlib import Path
from typing import Any

from forensics.errors import BadInputError
from forensics.media.container import inspect_container
from forensics.media.metadata import interpret, scoped_tags
from forensics.media.probe import IMAGE_FORMATS, MAX_PIXELS, ProbeResult
from forensics.media.tags import cap_media, hidden_text
from forensics.records import FrameTiming, MediaInfo, Metadata, StreamInfo

# Frame intervals that differ from the typical one by more than this share mean a variable
# frame rate (phone cameras, screen recorders, some messengers), not jitter in muxing.
VFR_TOLERANCE = 0.25


def _num(value: Any, kind: type = float) -> Any:
    if value in (None, "", "N/A"):
        return None
    try:
        return kind(float(value)) if kind is int else kind(value)
    except (TypeError, ValueError):
        return None


def _rate(text: str | None) -> float | None:
    if not text or text in ("0/0", "N/A"):
        return None
    try:
        value = Fraction(text)
    except (ValueError, ZeroDivisionError):
        return None
    return float(value) if value > 0 else None


def _rotation(stream: dict[str, Any]) -> int:
    for side in stream.get("side_data_list") or []:
        if "rotation" in side:
            return int(float(side["rotation"]))
    # Older muxers wrote a clockwise "rotate" tag; the display matrix angle is counter-clockwise.
    rotate = _num((stream.get("tags") or {}).get("rotate"), int)
    return -rotate if rotate else 0


def _stream(raw: dict[str, Any]) -> StreamInfo:
    return StreamInfo(
        index=int(raw.get("index", 0)),
        kind=str(raw.get("codec_type") or "unknown"),
        codec=raw.get("codec_name"),
        codec_long=raw.get("codec_long_name"),
        profile=None if raw.get("profile") in (None, "unknown") else str(raw.get("profile")),
        width=_num(raw.get("width"), int),
        height=_num(raw.get("height"), int),
        pix_fmt=raw.get("pix_fmt"),
        avg_fps=_rate(raw.get("avg_frame_rate")),
        r_frame_rate=raw.get("r_frame_rate"),
        sample_rate=_num(raw.get("sample_rate"), int),
        channels=_num(raw.get("channels"), int),
        bit_rate=_num(raw.get("bit_rate"), int),
        duration_s=_num(raw.get("duration")),
        start_s=_num(raw.get("start_time")),
        frames=_num(raw.get("nb_frames"), int),
        rotation=_rotation(raw),
        time_base=raw.get("time_base"),
        tags={str(k): str(v) for k, v in (raw.get("tags") or {}).items()},
    )


def frame_timing(packet_pts_s: tuple[float, ...]) -> FrameTiming | None:
    """Frame count and interval spread from packet timestamps (sorted into display order)."""
    times = sorted(set(packet_pts_s))
    if len(times) < 3:
        return None
    gaps = [b - a for a, b in itertools.pairwise(times) if b > a]
    typical = statistics.median(gaps)
    spread = sum(1 for g in gaps if abs(g - typical) > VFR_TOLERANCE * typical)
    return FrameTiming(
        frame_count=len(times),
        mean_interval_s=statistics.fmean(gaps),
        min_interval_s=min(gaps),
        max_interval_s=max(gaps),
        # A few odd gaps happen at edits and at the end; variable means many of them.
        variable=spread > max(2, 0.05 * len(gaps)),
    )


def is_still(raw: dict[str, Any]) -> bool:
    """A single picture that ffmpeg's image demuxers read (BMP and the like): the formats the
    still path handles are recognised earlier, by their magic bytes."""
    return (raw.get("format") or {}).get("format_name", "") in IMAGE_FORMATS


def read_media(path: Path, result: ProbeResult) -> tuple[MediaInfo, Metadata]:
    """A clip's media facts, with its container's structure read from the bytes, and what its
    tags say. Tags are stored capped (:mod:`forensics.media.tags`); the metadata notes the
    ones capped or hidden after a NUL byte, measured on the full values."""
    inspection = inspect_container(path)
    media = media_info(path, result)
    notes = hidden_text(inspection.texts, media.format_tags)
    metadata = interpret(scoped_tags(media), notes=notes)
    return replace(cap_media(media), structure=inspection.check), metadata


def media_info(path: Path, result: ProbeResult) -> MediaInfo:
    """The media facts of a clip; raises BadInputError for files with nothing to analyse."""
    raw = result.raw
    fmt = raw.get("format") or {}
    streams = tuple(_stream(s) for s in raw.get("streams", []))
    video = _first(streams, "video")
    audio = _first(streams, "audio")
    _refuse_unusable(path, streams, video)
    assert video is not None
    timing = frame_timing(result.packet_pts_s)
    return MediaInfo(
        kind="video",
        container=str(fmt.get("format_name") or "unknown"),
        container_long=fmt.get("format_long_name"),
        duration_s=_num(fmt.get("duration")),
        bit_rate=_num(fmt.get("bit_rate"), int),
        width=video.width,
        height=video.height,
        rotation=video.rotation,
        fps=video.avg_fps or _rate(video.r_frame_rate),
        variable_fps=timing.variable if timing else None,
        frame_count=timing.frame_count if timing else video.frames,
        video_codec=video.codec,
        video_profile=video.profile,
        audio_codec=audio.codec if audio else None,
        audio_profile=audio.profile if audio else None,
        video_duration_s=video.duration_s,
        audio_duration_s=audio.duration_s if audio else None,
        streams=streams,
        format_tags={str(k): str(v) for k, v in (fmt.get("tags") or {}).items()},
        timing=timing,
    )


def _first(streams: tuple[StreamInfo, ...], kind: str) -> StreamInfo | None:
    return next((s for s in streams if s.kind == kind), None)


def _refuse_unusable(path: Path, streams: tuple[StreamInfo, ...], video: StreamInfo | None) -> None:
    if video is None:
        kinds = sorted({s.kind for s in streams})
        if "audio" in kinds:
            raise BadInputError(f"{path}: audio only, no video stream to analyse")
        found = ", ".join(kinds) or "none"
        raise BadInputError(f"{path}: no video stream (streams found: {found})")
    if not video.width or not video.height:
        raise BadInputError(f"{path}: video stream has no frame size (corrupt header?)")
    if video.width * video.height > MAX_PIXELS or max(video.width, video.height) > 32768:
        raise BadInputError(
            f"{path}: implausible frame size {video.width}x{video.height} in the header"
        )
