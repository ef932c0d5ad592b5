"""Read container and stream facts with ffprobe, or in-process with PyAV when ffprobe is absent.

Both backends produce the same ffprobe-shaped JSON (``{"format": .., "streams": [..]}``) plus the
packet timestamps of the first video stream, so everything downstream has one input shape
whichever tool ran. Stills are recognised here and handed to :mod:`forensics.media.stills`.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from forensics.errors import BadInputError
from forensics.media.toolchain import Toolchain

# Decoders refuse frames larger than this, and so do we: a header claiming 100000x100000 is
# either corrupt or an attempt to exhaust memory.
MAX_PIXELS = 16384 * 16384
IMAGE_FORMATS = {"image2", "png_pipe", "jpeg_pipe", "webp_pipe", "tiff_pipe", "bmp_pipe"}
PROBE_TIMEOUT_S = 300


@dataclass(frozen=True)
class ProbeResult:
    raw: dict[str, Any]  # ffprobe-shaped JSON
    packet_pts_s: tuple[float, ...]  # first video stream, in decode order
    commands: tuple[tuple[str, ...], ...]


def ffmpeg_input(path: Path) -> str:
    """The input argument for ffmpeg/ffprobe: an absolute ``file:`` URL, so a name that starts
    with ``-`` or contains ``:`` is never read as an option or another protocol."""
    return "file:" + str(path.resolve())


def probe(
    path: Path, tools: Toolchain, packet_times: bool = True, in_process: bool = False
) -> ProbeResult:
    """The container's and streams' facts, and (``packet_times``) the first video stream's
    packet times, which only the frame-timing facts of a report need: reading them is a
    second ffprobe run, as long as the first on a short clip.

    ``in_process`` reads them with PyAV even where ffprobe exists, for a caller that writes
    no report (``compare``, ``search``): starting ffprobe costs 60-250 ms a clip on these
    machines (most of it loading its libraries), PyAV 15-70 ms. A file PyAV will not open
    goes on to ffprobe, so its error names the cause as ``analyze`` would."""
    if tools.ffprobe and in_process:
        try:
            return _probe_pyav(path, packet_times)
        except BadInputError:
            pass
    if tools.ffprobe:
        return _probe_ffprobe(path, tools.ffprobe, packet_times)
    return _probe_pyav(path, packet_times)


def _run_ffprobe(args: list[str], path: Path) -> str:
    try:
        done = subprocess.run(
            args, capture_output=True, text=True, timeout=PROBE_TIMEOUT_S, errors="replace"
        )
    except subprocess.TimeoutExpired:
        raise BadInputError(f"{path}: ffprobe gave no answer in {PROBE_TIMEOUT_S} s") from None
    if done.returncode != 0:
        raise BadInputError(f"{path}: not a media file ffmpeg can read ({_last_line(done.stderr)})")
    return done.stdout


def _last_line(text: str, limit: int = 300) -> str:
    """ffprobe's complaints as one line: the first is often the real cause ("Picture size
    100000x100000 is invalid", "moov atom not found"), the last a generic consequence."""
    seen: dict[str, None] = {}
    for line in text.splitlines():
        line = re.sub(r"^\[[^\]]+ @ 0x[0-9a-f]+\]\s*", "", line.strip())
        if line.startswith(("file:", "/")):
            line = line.split(": ", 1)[-1]  # the caller already names the file
        if line:
            seen.setdefault(line)
    detail = "; ".join(seen) or "no detail"
    return detail if len(detail) <= limit else detail[: limit - 1] + "…"


def _probe_ffprobe(path: Path, ffprobe: str, packet_times: bool) -> ProbeResult:
    source = ffmpeg_input(path)
    info_cmd = [ffprobe, "-v", "error", "-hide_banner", "-print_format", "json",
                "-show_format", "-show_streams", source]  # fmt: skip
    raw = json.loads(_run_ffprobe(info_cmd, path) or "{}")
    commands = [tuple(info_cmd)]
    pts: tuple[float, ...] = ()
    if packet_times and any(s.get("codec_type") == "video" for s in raw.get("streams", [])):
        pts_cmd = [ffprobe, "-v", "error", "-select_streams", "v:0",
                   "-show_entries", "packet=pts_time", "-of", "csv=p=0", source]  # fmt: skip
        pts = tuple(
            float(line.strip().rstrip(","))
            for line in _run_ffprobe(pts_cmd, path).splitlines()
            if line.strip().rstrip(",") not in ("", "N/A")
        )
        commands.append(tuple(pts_cmd))
    return ProbeResult(raw=raw, packet_pts_s=pts, commands=tuple(commands))


def _probe_pyav(path: Path, packet_times: bool) -> ProbeResult:
    import av

    try:
        with av.open(str(path.resolve()), metadata_errors="replace") as container:
            raw = _pyav_to_ffprobe_shape(container)
            pts = _pyav_packet_times(container) if packet_times else ()
    except (av.error.FFmpegError, UnicodeDecodeError, ValueError) as exc:
        raise BadInputError(f"{path}: not a media file ffmpeg can read ({exc})") from None
    return ProbeResult(raw=raw, packet_pts_s=pts, commands=(("pyav", "open", str(path)),))


def _ratio(rate: Any) -> str | None:
    return f"{rate.numerator}/{rate.denominator}" if rate else None


def _pyav_to_ffprobe_shape(container: Any) -> dict[str, Any]:
    fmt = {
        "format_name": container.format.name,
        "format_long_name": container.format.long_name,
        "duration": container.duration / 1_000_000 if container.duration else None,
        "bit_rate": container.bit_rate or None,
        "tags": dict(container.metadata),
    }
    return {"format": fmt, "streams": [_pyav_stream(container, s) for s in container.streams]}


def _pyav_stream(container: Any, stream: Any) -> dict[str, Any]:
    ctx = stream.codec_context
    out: dict[str, Any] = {
        "index": stream.index,
        "codec_type": stream.type,
        "codec_name": ctx.name if ctx else None,
        "codec_long_name": ctx.codec.long_name if ctx else None,
        "profile": getattr(ctx, "profile", None),
        "bit_rate": getattr(ctx, "bit_rate", None) or None,
        "duration": float(stream.duration * stream.time_base) if stream.duration else None,
        "start_time": float(stream.start_time * stream.time_base)
        if stream.start_time is not None
        else None,
        "nb_frames": stream.frames or None,
        "time_base": str(stream.time_base) if stream.time_base else None,
        "tags": dict(stream.metadata),
    }
    if stream.type == "video":
        out.update(width=ctx.width, height=ctx.height, pix_fmt=ctx.pix_fmt,
                   avg_frame_rate=_ratio(stream.average_rate),
                   r_frame_rate=_ratio(stream.base_rate))  # fmt: skip
        rotation = _pyav_rotation(container, stream)
        if rotation:
            out["side_data_list"] = [{"side_data_type": "Display Matrix", "rotation": rotation}]
    elif stream.type == "audio":
        out.update(sample_rate=ctx.sample_rate, channels=ctx.channels)
    return out


def _pyav_rotation(container: Any, stream: Any) -> int:
    """PyAV exposes the display matrix only on decoded frames: decode the first one."""
    try:
        for frame in container.decode(stream):
            rotation = int(getattr(frame, "rotation", 0) or 0)
            container.seek(0)
            return rotation
    except Exception:  # a stream that will not decode is reported by frame extraction
        return 0
    return 0


def _pyav_packet_times(container: Any) -> tuple[float, ...]:
    videos = container.streams.video
    if not videos:
        return ()
    stream = videos[0]
    times = []
    for packet in container.demux(stream):
        if packet.pts is not None:
            times.append(float(packet.pts * stream.time_base))
    return tuple(times)
