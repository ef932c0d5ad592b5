"""ffmpeg: piping raw frames into a fixed, single-threaded libx264/AAC encode, decoding a clip
back into frames, and reading the tags ffprobe sees.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from .sound import RATE

QUIET = ("-hide_banner", "-nostdin", "-loglevel", "error")  # every ffmpeg run: errors only


def x264(kbps: int) -> list[str]:
    """Fixed encoder settings: one thread and one-pass ABR, so rebuilds are byte-identical."""
    return [
        "-c:v",
        "libx264",
        "-preset",
        "medium",
        "-threads",
        "1",
        "-pix_fmt",
        "yuv420p",
        "-b:v",
        f"{kbps}k",
        "-maxrate",
        f"{kbps * 2}k",
        "-bufsize",
        f"{kbps * 4}k",
    ]


def aac(kbps: int) -> list[str]:
    return ["-c:a", "aac", "-b:a", f"{kbps}k", "-ac", "1", "-ar", str(RATE)]


def encode(
    ffmpeg: str,
    frames: Iterator[np.ndarray],
    size: tuple[int, int],
    fps: int,
    audio: list[str],
    out_args: list[str],
    out: Path,
) -> None:
    """Pipe raw BGR frames into ffmpeg's stdin; the audio input(s) come from ``audio``."""
    w, h = size
    cmd = [
        ffmpeg,
        *QUIET,
        "-y",
        "-f",
        "rawvideo",
        "-pix_fmt",
        "bgr24",
        "-s",
        f"{w}x{h}",
        "-framerate",
        str(fps),
        "-i",
        "-",
        *audio,
        *out_args,
        str(out),
    ]
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stderr=err)
        assert proc.stdin is not None
        try:
            for frame in frames:
                proc.stdin.write(frame.tobytes())
        except BrokenPipeError:
            pass
        proc.stdin.close()
        if proc.wait() != 0:
            err.seek(0)
            raise RuntimeError(
                f"ffmpeg failed on {out.name}: {err.read().decode(errors='replace')}"
            )


def decode(
    ffmpeg: str, path: Path, size: tuple[int, int], seconds: float | None = None
) -> Iterator[np.ndarray]:
    """Decoded BGR frames of ``path`` (optionally only the first ``seconds``)."""
    w, h = size
    limit = ["-t", f"{seconds}"] if seconds else []
    cmd = [
        ffmpeg,
        *QUIET,
        "-i",
        str(path),
        *limit,
        "-f",
        "rawvideo",
        "-pix_fmt",
        "bgr24",
        "-",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    assert proc.stdout is not None
    while chunk := proc.stdout.read(w * h * 3):
        if len(chunk) < w * h * 3:
            break
        yield np.frombuffer(chunk, np.uint8).reshape(h, w, 3).copy()
    proc.stdout.close()
    if proc.wait() != 0:
        raise RuntimeError(f"ffmpeg could not decode {path}")


def probe_tags(ffprobe: str | None, path: Path) -> dict[str, dict[str, str]]:
    """Container and stream tags as ffprobe reports them, to check what was written."""
    if ffprobe is None:
        return {}
    out = subprocess.run(
        [ffprobe, "-v", "error", "-show_format", "-show_streams", "-of", "json", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    info = json.loads(out)
    tags = {"format": info["format"].get("tags", {})}
    for s in info["streams"]:
        tags[f"stream:{s['index']}"] = s.get("tags", {})
    return tags
