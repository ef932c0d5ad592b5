"""Local features: confirm that two frames show the same picture, and measure how it moved.

Whole-frame hashes fail once footage is mirrored, cropped or shrunk into a corner (on the
samples, pHash distances of the mirrored, 15%-cropped reuse are 16-34 bits of 64). ORB
keypoints survive those edits: a RANSAC-fitted similarity transform (scale, rotation,
translation) between the keypoints of two frames confirms the match and says what was done.
Every frame is described twice, as is and mirrored, so a flip is just another candidate.
A picture-in-picture inset (``insets``) is also described on its own, enlarged to the sample
size: shrunk into a corner of busy footage, it would otherwise get almost none of the frame's
keypoints. Its keypoints are mapped back to the frame, so a match through it places it.
A portrait frame is also described shrunk by its aspect ratio (``describe_reduced``), the
scale at which a vertical repost's picture appears inside the landscape original.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any, cast

import cv2
import numpy as np

from forensics.media.frames import SampledFrame
from forensics.reuse.insets import Inset, find_insets

ORB_FEATURES = 200
MAX_HAMMING = 48  # of 256 bits: nearer descriptors are worth a vote
VOTES_TO_VERIFY = 10
CANDIDATES_PER_FRAME = 4
NEIGHBOURS = 6  # a static shot's neighbours hold the same keypoints: see them all, so a fixed
# camera's matches at other moments show up and `compare.distinctive` can weigh them (at 3
# a vehicle-mounted camera 10 s apart passed as sped-up reuse)
REPROJECTION_PX = 4.0
MIN_INLIERS = 15
FULL_SCORE_INLIERS = 60
# Guided matching, once a stretch's geometry is known: a descriptor this near, at the place the
# transform predicts, is a match (looser than MAX_HAMMING: the position is already fixed).
GUIDED_HAMMING = 64
PORTRAIT_RATIO = 1.3  # a frame this much taller than wide is also described shrunk
MAX_PORTRAIT_RATIO = 2.5


@dataclass(frozen=True)
class Region:
    """Where a described crop lies in its frame: ``(x0, y0)`` its corner in sample pixels,
    ``scale`` frame pixels per crop pixel (the crop was enlarged to be described)."""

    x0: float
    y0: float
    x1: float
    y1: float
    scale: float


@dataclass(frozen=True, eq=False)
class FrameFeatures:
    t: float
    size: tuple[int, int]  # width, height of the whole frame
    points: tuple[np.ndarray, np.ndarray]  # keypoints (N x 2) as is, and of the mirror image
    descriptors: tuple[np.ndarray, np.ndarray]
    region: Region | None = None  # set when these describe a crop (an inset), not the frame
    # Per keypoint, as is and mirrored: whether it stays still in its clip (``motion``).
    still: tuple[np.ndarray, np.ndarray] | None = None

    @property
    def scale(self) -> float:
        """Frame pixels per keypoint-coordinate pixel."""
        return self.region.scale if self.region else 1.0

    def still_at(self, side: int) -> np.ndarray:
        """Which keypoints of ``side`` (0 as is, 1 mirrored) stay still in the clip."""
        if self.still is None:
            return np.zeros(len(self.points[side]), bool)
        return self.still[side]

    def frame_points(self, side: int) -> np.ndarray:
        """Keypoints in the coordinates of the whole frame (side 0) or of its mirror image."""
        if self.region is None:
            return self.points[side]
        r = self.region
        left = r.x0 if side == 0 else self.size[0] - r.x1  # the crop's corner in that image
        return self.points[side] * r.scale + np.array([left, r.y0], np.float32)


@dataclass(frozen=True)
class Verification:
    """Frame B shows frame A (mirrored if ``mirrored``) under ``transform`` (2 x 3, A -> B)."""

    inliers: int
    mirrored: bool
    transform: np.ndarray
    moving: int  # of the inliers, those still in neither clip (``motion``): the footage's

    @property
    def score(self) -> float:
        return min(1.0, self.inliers / FULL_SCORE_INLIERS)

    @property
    def moving_score(self) -> float:
        """The score of what moves alone (the same as ``score`` where nothing is still)."""
        return min(1.0, self.moving / FULL_SCORE_INLIERS)

    @property
    def scale(self) -> float:
        return float(math.hypot(self.transform[0, 0], self.transform[1, 0]))

    @property
    def rotation_deg(self) -> float:
        return float(math.degrees(math.atan2(self.transform[1, 0], self.transform[0, 0])))


def _orb() -> cv2.ORB:
    return cv2.ORB.create(nfeatures=ORB_FEATURES, fastThreshold=10, edgeThreshold=15, patchSize=15)


def describe(t: float, gray: np.ndarray, mirror: bool = True) -> FrameFeatures | None:
    """Keypoints and descriptors of a frame and (``mirror``) of its mirror image; None if
    featureless. Without ``mirror`` the mirror side is empty: a query frame needs none."""
    orb = _orb()
    points: list[np.ndarray] = [np.zeros((0, 2), np.float32)] * 2
    descriptors: list[np.ndarray] = [np.zeros((0, 32), np.uint8)] * 2
    images = (gray, np.ascontiguousarray(gray[:, ::-1])) if mirror else (gray,)
    for side, image in enumerate(images):
        keypoints, desc = orb.detectAndCompute(image, None)
        if desc is None or len(keypoints) < MIN_INLIERS:
            return None
        points[side] = np.array([k.pt for k in keypoints], dtype=np.float32)
        descriptors[side] = desc
    height, width = gray.shape
    return FrameFeatures(
        t, (width, height), (points[0], points[1]), (descriptors[0], descriptors[1])
    )


def describe_samples(samples: Sequence[SampledFrame]) -> tuple[FrameFeatures, ...]:
    """Features of each sample, and of any picture-in-picture inset in it, described on its
    own (None-free, by time); two threads, as OpenCV releases the GIL."""
    insets = find_insets(s.gray for s in samples)
    with ThreadPoolExecutor(max_workers=2) as pool:
        described = pool.map(lambda s: describe(s.time.seconds, np.array(s.gray)), samples)
        frames = [f for f in described if f is not None]
        if samples and _portrait(samples[0]):
            frames += [f for f in pool.map(describe_reduced, samples) if f is not None]
        if insets:
            crops = [(i, inset) for inset in insets for i in range(inset.first, inset.last + 1)]
            frames += [f for f in pool.map(lambda c: describe_inset(samples[c[0]], c[1]), crops)
                       if f is not None]  # fmt: skip
    return tuple(sorted(frames, key=lambda f: (f.t, f.region is not None)))


def _portrait(sample: SampledFrame) -> bool:
    """A phone's portrait frame (9:16 to 9:21), wide enough to be described shrunk."""
    height, width = sample.gray.shape
    shrunk = width * width / max(height, 1)
    return PORTRAIT_RATIO * width <= height <= MAX_PORTRAIT_RATIO * width and shrunk >= 64


def describe_reduced(sample: SampledFrame) -> FrameFeatures | None:
    """A portrait frame also described shrunk by its height over its width. A vertical
    repost crops the middle of landscape footage and enlarges it by that ratio: its frame's
    keypoints are mostly detail too fine to exist in the landscape original, whose strip is
    that much smaller. Shrunk, the two pictures meet at one scale (mapped back as a region
    covering the whole frame)."""
    gray = np.array(sample.gray)
    height, width = gray.shape
    size = (max(1, round(width * width / height)), max(1, round(width)))
    small = cv2.resize(gray, size, interpolation=cv2.INTER_AREA)
    described = describe(sample.time.seconds, small)
    if described is None:
        return None
    region = Region(0.0, 0.0, float(width), float(height), width / size[0])
    return replace(described, size=(width, height), region=region)


def describe_inverted(samples: Sequence[SampledFrame]) -> tuple[FrameFeatures, ...]:
    """Each sample with its grey levels inverted, as is only: a query for the same footage
    under a flipped palette (a thermal camera's white-hot shown black-hot). Matched against
    clips described normally, it finds the flip either way round, so nothing of it is stored."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        described = pool.map(
            lambda s: describe(s.time.seconds, 255 - np.asarray(s.gray), mirror=False), samples
        )
        return tuple(f for f in described if f is not None)


def describe_inset(sample: SampledFrame, inset: Inset) -> FrameFeatures | None:
    """Features of an inset's picture, enlarged to the sample size so that its keypoints are
    as many and at the same scales as a whole frame's."""
    crop = np.array(sample.gray)[inset.y0 : inset.y1, inset.x0 : inset.x1]
    height, width = sample.gray.shape
    scale = max(crop.shape) / max(width, height)  # frame pixels per enlarged-crop pixel
    size = (round(crop.shape[1] / scale), round(crop.shape[0] / scale))
    enlarged = cv2.resize(crop, size, interpolation=cv2.INTER_LINEAR)
    described = describe(sample.time.seconds, enlarged)
    if described is None:
        return None
    region = Region(inset.x0, inset.y0, inset.x1, inset.y1, scale)
    return replace(described, size=(width, height), region=region)


@dataclass(frozen=True)
class ClipFeatures:
    """What reuse detection keeps of a clip: its length, sample size and per-frame features.

    Stored in the case index so a clip is decoded once, not once per comparison.
    """

    duration_s: float
    size: tuple[int, int]  # width, height of the sampled frames
    frames: tuple[FrameFeatures, ...]
    # The frames with their grey levels inverted (``describe_inverted``), for the clip's own
    # searches: kept only while the clip is being analysed, never stored.
    inverted: tuple[FrameFeatures, ...] = field(default=(), compare=False)

    def to_bytes(self) -> bytes:
        counts = np.array([[len(f.points[0]), len(f.points[1])] for f in self.frames], np.int32)
        arrays = {
            "header": np.array([self.duration_s, *self.size], np.float64),
            "times": np.array([f.t for f in self.frames], np.float64),
            "counts": counts.reshape(-1, 2),
            "points": _stack([p for f in self.frames for p in f.points], (0, 2), np.float32),
            "descriptors": _stack([d for f in self.frames for d in f.descriptors], (0, 32),
                                  np.uint8),
            "regions": np.array([_region_row(f.region) for f in self.frames],
                                np.float64).reshape(-1, 5),
            "still": np.concatenate([f.still_at(side) for f in self.frames for side in (0, 1)]
                                    or [np.zeros(0, bool)]).astype(np.uint8),
        }  # fmt: skip
        buffer = io.BytesIO()
        np.savez(buffer, **cast(dict[str, Any], arrays))
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, blob: bytes) -> ClipFeatures:
        with np.load(io.BytesIO(blob), allow_pickle=False) as data:
            header, times, counts = data["header"], data["times"], data["counts"]
            points, descriptors = data["points"], data["descriptors"]
            regions = data["regions"] if "regions" in data else np.full((len(times), 5), np.nan)
            still = data["still"].astype(bool) if "still" in data else None  # older indexes
        frames, row = [], 0
        for t, (plain, mirrored), region in zip(times, counts, regions, strict=True):
            cut = (row, row + plain, row + plain + mirrored)
            frames.append(FrameFeatures(
                float(t), (int(header[1]), int(header[2])),
                (points[cut[0]:cut[1]], points[cut[1]:cut[2]]),
                (descriptors[cut[0]:cut[1]], descriptors[cut[1]:cut[2]]),
                None if np.isnan(region[0]) else Region(*map(float, region)),
                None if still is None else (still[cut[0]:cut[1]], still[cut[1]:cut[2]]),
            ))  # fmt: skip
            row = cut[2]
        return cls(float(header[0]), (int(header[1]), int(header[2])), tuple(frames))


def _region_row(region: Region | None) -> list[float]:
    if region is None:
        return [np.nan] * 5
    return [region.x0, region.y0, region.x1, region.y1, region.scale]


def _stack(parts: list[np.ndarray], empty: tuple[int, int], dtype: type) -> np.ndarray:
    return np.vstack(parts).astype(dtype) if parts else np.zeros(empty, dtype)
