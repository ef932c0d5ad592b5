"""Perceptual hashes of sampled frames, after cropping black borders.

Each frame gets a pHash (DCT), the pHash of its mirror image (so flipped reuse can be found
by plain Hamming distance later) and a dHash (gradient) as a second opinion. Frames with too
little picture to hash meaningfully -- black, flat sky, fades -- are kept but marked, because
every such frame hashes alike and would otherwise match everything.

Each frame also gets a PDQ hash with its quality (0-100), the 256-bit hash vPDQ and
python-threatexchange share, so a case's frames can be matched by others without the files.
PDQ is taken of the whole sampled picture, bars included, as the vPDQ tools hash a frame.
"""

from __future__ import annotations

from collections.abc import Iterable

import cv2
import imagehash
import numpy as np
import pdqhash
from PIL import Image

from forensics.media.frames import SampledFrame
from forensics.records import Crop, FrameHash

# A row or column is "bar" when it is this dark everywhere: letterbox black is encoded near 16
# (limited range), and compression noise lifts a few pixels above it.
BAR_MEAN = 24
BAR_PEAK = 48
MIN_BAR_SHARE = 0.02  # thinner than this is not a deliberate bar
DARK_MEAN = 20
FLAT_STD = 6.0
LOW_DETAIL = 12.0  # variance of the Laplacian below which only gradients remain


def _leading_bars(profile_mean: np.ndarray, profile_peak: np.ndarray) -> int:
    dark = (profile_mean < BAR_MEAN) & (profile_peak < BAR_PEAK)
    return int(np.argmin(dark)) if not dark.all() else len(dark)


def frame_bars(gray: np.ndarray) -> tuple[int, int, int, int]:
    """Dark rows/columns at the top, bottom, left and right edges of one frame."""
    row_mean, row_peak = gray.mean(axis=1), np.percentile(gray, 99, axis=1)
    col_mean, col_peak = gray.mean(axis=0), np.percentile(gray, 99, axis=0)
    return (
        _leading_bars(row_mean, row_peak),
        _leading_bars(row_mean[::-1], row_peak[::-1]),
        _leading_bars(col_mean, col_peak),
        _leading_bars(col_mean[::-1], col_peak[::-1]),
    )


def detect_borders(frames: Iterable[np.ndarray]) -> Crop | None:
    """The letterbox/pillarbox region shared by the clip's frames, in sample coordinates.

    A dark scene also has dark edges, so one frame proves nothing: a bar must be present in
    nearly every frame that has picture at all (10th percentile over those frames). One pass,
    keeping four numbers per frame.
    """
    bars, total, shape = [], 0, (0, 0)
    for frame in frames:
        total += 1
        shape = frame.shape
        if frame.mean() >= DARK_MEAN:
            bars.append(frame_bars(frame))
    if not bars or len(bars) < max(1, total // 4):
        return None
    height, width = shape
    top, bottom, left, right = (int(v) for v in np.percentile(np.array(bars), 10, axis=0))
    top, bottom = (v if v >= MIN_BAR_SHARE * height else 0 for v in (top, bottom))
    left, right = (v if v >= MIN_BAR_SHARE * width else 0 for v in (left, right))
    if not any((top, bottom, left, right)) or top + bottom > 0.8 * height:
        return None
    if left + right > 0.8 * width:
        return None
    return Crop(x=left, y=top, w=width - left - right, h=height - top - bottom)


def scale_crop(crop: Crop | None, src: tuple[int, int], dst: tuple[int, int]) -> Crop | None:
    """Carry a crop from one frame size to another (samples -> thumbnails -> source)."""
    if crop is None:
        return None
    sx, sy = dst[0] / src[0], dst[1] / src[1]
    return Crop(x=round(crop.x * sx), y=round(crop.y * sy), w=round(crop.w * sx),
                h=round(crop.h * sy))  # fmt: skip


def apply_crop(gray: np.ndarray, crop: Crop | None) -> np.ndarray:
    if crop is None:
        return gray
    return gray[crop.y : crop.y + crop.h, crop.x : crop.x + crop.w]


def uninformative_reason(gray: np.ndarray) -> str | None:
    """Why a frame carries too little picture to hash, or None when it is fine."""
    mean, std = float(gray.mean()), float(gray.std())
    if mean < DARK_MEAN and std < 2 * FLAT_STD:
        return "black"
    if std < FLAT_STD:
        return "flat"
    if float(cv2.Laplacian(gray, cv2.CV_64F).var()) < LOW_DETAIL:
        return "low detail"
    return None


def hash_image(gray: np.ndarray) -> tuple[str, str, str]:
    """pHash, mirrored pHash and dHash (hex) of a grey image."""
    image = Image.fromarray(gray)
    mirrored = Image.fromarray(np.ascontiguousarray(gray[:, ::-1]))
    return str(imagehash.phash(image)), str(imagehash.phash(mirrored)), str(imagehash.dhash(image))


def pdq_hash(gray: np.ndarray) -> tuple[str, int]:
    """PDQ hash (64 hex digits) and quality (0-100) of a grey image.

    PDQ reads luminance from RGB with weights that sum to one, so three copies of the grey
    plane give it exactly this picture. The bit vector becomes hex most significant bit first,
    as python-threatexchange writes it (``pdq_hasher``), so the strings compare with theirs.
    """
    bits, quality = pdqhash.compute(np.repeat(gray[:, :, np.newaxis], 3, axis=2))
    return np.packbits(np.asarray(bits, np.uint8)).tobytes().hex(), int(quality)


def hash_frames(samples: Iterable[SampledFrame], crop: Crop | None) -> tuple[FrameHash, ...]:
    hashes = []
    for sample in samples:
        picture = apply_crop(sample.gray, crop)
        phash, mirror, dhash = hash_image(picture)
        reason = uninformative_reason(picture)
        pdq, quality = pdq_hash(sample.gray)
        hashes.append(FrameHash(time=sample.time, phash=phash, phash_mirror=mirror, dhash=dhash,
                                informative=reason is None, reason=reason, pdq=pdq,
                                pdq_quality=quality))  # fmt: skip
    return tuple(hashes)
