"""Small test media made on the spot with ffmpeg and OpenCV, so tests need no fixtures on disk.

Content is textured and moving (ffmpeg's ``testsrc2``/``mandelbrot``/``cellauto`` plus noise,
or OpenCV-drawn frames) because flat patterns make perceptual hashing degenerate.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from PIL import Image

from forensics.media.toolchain import find_toolchain


def ffmpeg_bin() -> str:
    return find_toolchain().ffmpeg


def run_ffmpeg(args: Sequence[str]) -> None:
    subprocess.run([ffmpeg_bin(), "-v", "error", "-y", *args], check=True, stdin=subprocess.DEVNULL)


def lavfi_clip(
    path: Path,
    source: str = "testsrc2",
    seconds: float = 4.0,
    size: str = "320x240",
    fps: int = 25,
    audio: bool = True,
    vf: str | None = None,
    metadata: dict[str, str] | None = None,
    extra: Sequence[str] = (),
) -> Path:
    """An H.264 (+AAC) clip from an ffmpeg test source, with optional filter and tags."""
    args = ["-f", "lavfi", "-i", f"{source}=s={size}:r={fps}:d={seconds}"]
    if audio:
        args += ["-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}"]
    if vf:
        args += ["-vf", vf]
    args += ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]
    if audio:
        args += ["-c:a", "aac", "-shortest"]
    for key, value in (metadata or {}).items():
        args += ["-metadata", f"{key}={value}"]
    run_ffmpeg([*args, *extra, str(path)])
    return path


def frames_clip(path: Path, frames: Sequence[np.ndarray], fps: int = 25) -> Path:
    """Encode RGB frames (H x W x 3 uint8) as an H.264 clip."""
    height, width = frames[0].shape[:2]
    proc = subprocess.Popen(
        [ffmpeg_bin(), "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24",
         "-s", f"{width}x{height}", "-r", str(fps), "-i", "pipe:0",
         "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(path)],
        stdin=subprocess.PIPE,
    )  # fmt: skip
    assert proc.stdin is not None
    for frame in frames:
        proc.stdin.write(np.ascontiguousarray(frame, dtype=np.uint8).tobytes())
    proc.stdin.close()
    assert proc.wait() == 0
    return path


def textured_frame(seed: int, size: tuple[int, int] = (320, 240)) -> np.ndarray:
    """A random but natural-looking RGB frame: smoothed multi-scale noise with edges."""
    rng = np.random.default_rng(seed)
    width, height = size
    image = np.zeros((height, width, 3), np.float32)
    for scale in (4, 16, 64):
        small = rng.random((max(2, height // scale), max(2, width // scale), 3), np.float32)
        image += (
            np.asarray(
                Image.fromarray((small * 255).astype(np.uint8)).resize(size, Image.BICUBIC),
                np.float32,
            )
            / 3
        )
    return np.clip(image, 0, 255).astype(np.uint8)


def textured_grey(seed: int, size: tuple[int, int] = (320, 180)) -> np.ndarray:
    """A grey picture with plenty of corners: random noise plus random rectangles."""
    rng = np.random.default_rng(seed)
    image = rng.integers(0, 255, (size[1], size[0])).astype(np.uint8)
    for _ in range(40):
        x, y = rng.integers(0, size[0] - 30), rng.integers(0, size[1] - 30)
        image[y : y + rng.integers(8, 30), x : x + rng.integers(8, 30)] = rng.integers(0, 255)
    return image


def shots_clip(path: Path, seeds: Sequence[int], seconds_each: float = 2.0, fps: int = 25,
               size: tuple[int, int] = (320, 240)) -> Path:  # fmt: skip
    """Hard cuts between distinct textured shots, each panning slowly."""
    frames = []
    for seed in seeds:
        base = textured_frame(seed, (size[0] + 80, size[1]))
        for i in range(int(seconds_each * fps)):
            shift = int(i * 40 / (seconds_each * fps))
            frames.append(base[:, shift : shift + size[0]])
    return frames_clip(path, frames, fps)


def jpeg_with_exif(path: Path, exif: dict[int, object] | None = None,
                   gps: dict[int, object] | None = None) -> Path:  # fmt: skip
    image = Image.fromarray(textured_frame(7, (400, 300)))
    tags = Image.Exif()
    for key, value in (exif or {}).items():
        tags[key] = value
    if gps:
        tags.get_ifd(0x8825).update(gps)
    image.save(path, quality=90, exif=tags)
    return path
