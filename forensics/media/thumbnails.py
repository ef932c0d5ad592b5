"""Small grey thumbnails of the sampled frames, so a report can show any moment of a clip.

The keyframes show where shots change; reuse needs more: the frame at the start, middle and
end of a shared stretch, in this clip and in the other one, wherever those fall. Every sample
(one per 0.5 s slot) is already decoded and greyed for hashing, so a thumbnail costs only a
downscale and a JPEG encode of a 320-pixel frame. Past MAX_FRAME_IMAGES samples, every k-th is
kept, so an hour-long clip stays at a few MB of thumbnails.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from PIL import Image

from forensics.errors import ReportWriteError
from forensics.media.frames import Extraction, SampledFrame, fit_long_side
from forensics.media.hashing import apply_crop, hash_image, scale_crop
from forensics.records import Crop, FrameImage, Keyframe

FRAME_DIR = "frames"
MAX_FRAME_IMAGES = 1_200  # an hour of samples is 7,200: then every 6th is kept
FRAME_IMAGE_LONG_SIDE = 160  # pixels; the report shows them at about this size
JPEG_QUALITY = 70
NEAREST_WITHIN_S = 0.5  # a stored frame farther than this from a time does not show it
MAX_KEYFRAMES = 60


def kept_indices(count: int, cap: int = MAX_FRAME_IMAGES) -> range:
    """Every sample up to ``cap``; beyond, every k-th, the fewest k that stays within it."""
    return range(0, count, max(1, math.ceil(count / cap)))


def image_name(seconds: float) -> str:
    """The thumbnail's path in the report folder: its time in whole milliseconds."""
    return f"{FRAME_DIR}/{round(seconds * 1000)}.jpg"


def write_frame_images(samples: Sequence[SampledFrame], folder: Path) -> tuple[FrameImage, ...]:
    """Write a grey JPEG of each kept sample into ``folder/frames``; returns what was written.

    Only the kept samples are read back (the spool seeks to them), so the cost is that of
    the kept frames whatever the length of the clip."""
    target = folder / FRAME_DIR
    written = []
    try:
        target.mkdir(exist_ok=True)
        for index in kept_indices(len(samples)):
            sample = samples[index]
            name = image_name(sample.time.seconds)
            (folder / name).write_bytes(encode(sample.gray))
            written.append(FrameImage(time=sample.time, image=name))
    except OSError as exc:
        raise ReportWriteError(f"{target}: cannot write frame thumbnails ({exc})") from None
    return tuple(written)


def encode(gray: Any) -> bytes:
    """A grey frame scaled to FRAME_IMAGE_LONG_SIDE pixels, as JPEG bytes."""
    height, width = gray.shape[:2]
    size = fit_long_side((width, height), FRAME_IMAGE_LONG_SIDE)
    small = cv2.resize(gray, size, interpolation=cv2.INTER_AREA)
    ok, data = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
    if not ok:
        raise OSError("OpenCV could not encode a JPEG")
    return data.tobytes()


def nearest(
    images: Sequence[FrameImage], seconds: float, within: float = NEAREST_WITHIN_S
) -> FrameImage | None:
    """The stored frame (sorted by time) nearest ``seconds``, or None when none lies within
    ``within`` seconds of it (times to the microsecond, as report.json holds them)."""
    times = [round(i.time.seconds, 6) for i in images]
    at = bisect.bisect_left(times, seconds)
    candidates = [i for i in (at - 1, at) if 0 <= i < len(times)]
    if not candidates:
        return None
    best = min(candidates, key=lambda i: abs(times[i] - seconds))
    return images[best] if abs(times[best] - seconds) <= within + 1e-6 else None


def keyframes(extraction: Extraction, crop: Crop | None, key_dir: Path) -> tuple[Keyframe, ...]:
    """Keep at most MAX_KEYFRAMES shots (the first, then the strongest cuts), in time order."""
    shots = list(extraction.shots)
    if len(shots) > MAX_KEYFRAMES:
        ranked = sorted(shots[1:], key=lambda s: -(s.scene_score or 0))[: MAX_KEYFRAMES - 1]
        shots = [shots[0], *sorted(ranked, key=lambda s: s.time.seconds)]
    kept = []
    for number, shot in enumerate(shots, start=1):
        target = key_dir / f"{number:04d}.jpg"
        shot.path.rename(target)
        gray = np.asarray(Image.open(target).convert("L"))
        thumb_crop = scale_crop(crop, extraction.sample_size, (gray.shape[1], gray.shape[0]))
        phash = hash_image(apply_crop(gray, thumb_crop))[0]
        kept.append(Keyframe(time=shot.time, image=f"keyframes/{target.name}", phash=phash,
                             scene_score=shot.scene_score))  # fmt: skip
    for leftover in key_dir.glob("shot_*.jpg"):
        leftover.unlink()
    return tuple(kept)
