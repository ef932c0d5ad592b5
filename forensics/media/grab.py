"""One frame of a clip at a given time, as a JPEG: for pages that show a moment the sampled
frames of the analysis do not hold (the comparison page's aligned frames of two clips)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import ffmpeg

from forensics.errors import BadInputError
from forensics.media.probe import ffmpeg_input
from forensics.media.toolchain import find_toolchain


def grab_frame(path: Path, seconds: float, target: Path, width: int) -> tuple[str, ...]:
    """Write the frame shown at ``seconds`` as a JPEG ``width`` pixels wide; returns the
    command run."""
    # No seek to the start: a still (a JPEG read by image2) gives no frame after "-ss 0".
    seek = {"ss": f"{seconds:.3f}"} if seconds > 0 else {}
    args = (
        ffmpeg.input(ffmpeg_input(path), **seek)
        .output(str(target), vframes=1, vf=f"scale={width}:-2", **{"q:v": 3})
        .global_args("-hide_banner", "-nostdin", "-loglevel", "error", "-y")
        .compile(cmd=find_toolchain().ffmpeg)
    )
    done = subprocess.run(args, capture_output=True, text=True, errors="replace")
    if done.returncode != 0 or not target.is_file():
        raise BadInputError(f"{path}: no frame at {seconds:.2f} s ({done.stderr.strip()[-200:]})")
    return tuple(args)
