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
from forensics.reuse.hashcodes import popcount
from forensics.reuse.insets import Inset, find_insets

ORB_FEATURES = 200
# A frame's keypoints go to its strongest corners: in a fixed camera those are still edges, and
# a small moving part of the picture (a hand among bottles on a table) keeps 9-16 of 200, too
# few to match it. The part of the picture that changed between moments (``motion``) gets a
# budget of its own, described within it alone (``describe_within``)
EXTRA_FEATURES = 100
EXTRA_PAD = 32  # sample pixels around that part: a coarse level's keypoint sees its whole patch
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
# A frame with this many keypoints as is has its mirror image described only when a look
# needs it (``describe(later=True)``); a frame with fewer has it described at once
SURE_MIRROR = 2 * MIN_INLIERS
_EMPTY_SIDE = (np.zeros((0, 2), np.float32), np.zeros((0, 32), np.uint8))


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


def _orb(budget: int = ORB_FEATURES) -> cv2.ORB:
    return cv2.ORB.create(nfeatures=budget, fastThreshold=10, edgeThreshold=15, patchSize=15)


def describe(t: float, gray: np.ndarray, mirror: bool = True, later: bool = False
             ) -> FrameFeatures | None:  # fmt: skip
    """Keypoints and descriptors of a frame and (``mirror``) of its mirror image; None if
    featureless. Without ``mirror`` the mirror side is empty: a query frame needs none.

    With ``later`` the mirror side is left empty for :func:`describe_mirrors`, except where
    the frame has fewer than ``SURE_MIRROR`` keypoints as is: whether the mirror image has
    ``MIN_INLIERS`` decides whether the frame is kept at all, so it is told now, as without
    ``later`` (a mirror image has as many keypoints as its picture: FAST's test is symmetric;
    none differed by one in 2,241 pictures of the tune sources, faded ones among them)."""
    orb = _orb()
    plain = _side(orb, gray)
    if plain is None:
        return None
    mirrored = _EMPTY_SIDE
    if mirror and not (later and len(plain[0]) >= SURE_MIRROR):
        side = _side(orb, np.ascontiguousarray(gray[:, ::-1]))
        if side is None:
            return None
        mirrored = side
    height, width = gray.shape
    return FrameFeatures(t, (width, height), (plain[0], mirrored[0]), (plain[1], mirrored[1]))


def _side(orb: cv2.ORB, image: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """The keypoints (N x 2) and descriptors of one image; None under ``MIN_INLIERS``."""
    keypoints, desc = orb.detectAndCompute(image, None)
    if desc is None or len(keypoints) < MIN_INLIERS:
        return None
    return np.array([k.pt for k in keypoints], dtype=np.float32), desc


def describe_within(image: np.ndarray, mask: np.ndarray, budget: int = EXTRA_FEATURES
                    ) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """The ``budget`` strongest keypoints of ``image`` (grey, uint8) inside ``mask`` (bool, the
    image's size) and their descriptors, as :func:`describe` finds them: ORB runs on the
    mask's bounding box with ``EXTRA_PAD`` pixels around it, so its cost is the region's."""
    # the mask's bounding box (OpenCV's, a fifth of the cost of np.nonzero's coordinates)
    left, top, wide, high = cv2.boundingRect(np.ascontiguousarray(mask, dtype=np.uint8))
    if not wide:
        return _EMPTY_SIDE
    height, width = image.shape
    x0, x1 = max(0, left - EXTRA_PAD), min(width, left + wide + EXTRA_PAD)
    y0, y1 = max(0, top - EXTRA_PAD), min(height, top + high + EXTRA_PAD)
    crop = np.ascontiguousarray(image[y0:y1, x0:x1])
    within = np.ascontiguousarray(mask[y0:y1, x0:x1]).astype(np.uint8) * 255
    keypoints, desc = _orb(budget).detectAndCompute(crop, within)
    if desc is None or not len(keypoints):
        return _EMPTY_SIDE
    points = np.array([k.pt for k in keypoints], np.float32) + np.array([x0, y0], np.float32)
    return points, desc


def differing_bits(descriptors: np.ndarray, others: np.ndarray) -> np.ndarray:
    """How many bits differ between each row of ``descriptors`` and the same row of
    ``others`` (N x 32 uint8 each): a popcount per 64-bit word, where unpacking every bit to
    a byte and summing them cost the still marks and guided matching 20 times as much."""
    words = np.ascontiguousarray(descriptors ^ others).view(np.uint64)
    return popcount(words.ravel()).reshape(-1, words.shape[1]).sum(axis=1)


@dataclass(frozen=True)
class Picture:
    """One image described of sample number ``sample``: its whole frame, the frame shrunk
    (``reduced``: a portrait clip) or the crop of a picture-in-picture ``inset``."""

    sample: int
    reduced: bool = False
    inset: Inset | None = None


def pictures_of(samples: Sequence[SampledFrame]) -> list[Picture]:
    """Every image :func:`describe_samples` describes, in the order it describes them."""
    insets = find_insets(s.gray for s in samples)
    pictures = [Picture(i) for i in range(len(samples))]
    if samples and _portrait(samples[0]):
        pictures += [Picture(i, reduced=True) for i in range(len(samples))]
    pictures += [Picture(i, inset=inset) for inset in insets
                 for i in range(inset.first, inset.last + 1)]  # fmt: skip
    return pictures


def image_of(sample: SampledFrame, picture: Picture) -> tuple[np.ndarray, Region | None]:
    """The grey image ``picture`` describes of ``sample``, and where it lies in the frame."""
    if picture.inset is not None:
        return _inset_image(sample, picture.inset)
    if picture.reduced:
        return _reduced_image(sample)
    return np.array(sample.gray), None


def describe_picture(sample: SampledFrame, picture: Picture, later: bool = False
                     ) -> FrameFeatures | None:  # fmt: skip
    image, region = image_of(sample, picture)
    described = describe(sample.time.seconds, image, later=later)
    if described is None or region is None:
        return described
    height, width = sample.gray.shape
    return replace(described, size=(width, height), region=region)


def describe_pictures(samples: Sequence[SampledFrame], later: bool = False
                      ) -> list[tuple[Picture, FrameFeatures]]:  # fmt: skip
    """Each described picture (:func:`pictures_of`) with its features, None-free, by time
    (a frame before its crops); two threads, as OpenCV releases the GIL. With ``later``
    most mirror sides are left for :func:`describe_mirrors` (:func:`describe`)."""
    pictures = pictures_of(samples)
    with ThreadPoolExecutor(max_workers=2) as pool:
        described = pool.map(lambda p: describe_picture(samples[p.sample], p, later), pictures)
        found = [(p, f) for p, f in zip(pictures, described, strict=True) if f is not None]
    return sorted(found, key=lambda pair: (pair[1].t, pair[1].region is not None))


def describe_mirrors(samples: Sequence[SampledFrame],
                     described: Sequence[tuple[Picture, FrameFeatures]]
                     ) -> tuple[FrameFeatures, ...]:  # fmt: skip
    """The frames of ``describe_pictures(samples, later=True)`` with the mirror sides it left
    empty described, as :func:`describe_samples` describes them (their still marks are the
    caller's: ``motion.mark_still_layers`` with ``sides=(1,)``)."""

    def completed(pair: tuple[Picture, FrameFeatures]) -> FrameFeatures:
        picture, frame = pair
        if len(frame.points[1]) or not len(frame.points[0]):
            return frame
        image, _ = image_of(samples[picture.sample], picture)
        side = _side(_orb(), np.ascontiguousarray(image[:, ::-1])) or _EMPTY_SIDE
        return replace(frame, points=(frame.points[0], side[0]),
                       descriptors=(frame.descriptors[0], side[1]))  # fmt: skip

    with ThreadPoolExecutor(max_workers=2) as pool:
        return tuple(pool.map(completed, described))


def describe_samples(samples: Sequence[SampledFrame]) -> tuple[FrameFeatures, ...]:
    """Features of each sample, and of any picture-in-picture inset in it, described on its
    own (None-free, by time)."""
    return tuple(frame for _, frame in describe_pictures(samples))


def _portrait(sample: SampledFrame) -> bool:
    """A phone's portrait frame (9:16 to 9:21), wide enough to be described shrunk."""
    height, width = sample.gray.shape
    shrunk = width * width / max(height, 1)
    return PORTRAIT_RATIO * width <= height <= MAX_PORTRAIT_RATIO * width and shrunk >= 64


def describe_reduced(sample: SampledFrame) -> FrameFeatures | None:
    """A portrait frame also described shrunk by its height over its width (``_reduced_image``)."""
    return describe_picture(sample, Picture(0, reduced=True))


def _reduced_image(sample: SampledFrame) -> tuple[np.ndarray, Region]:
    """A portrait frame shrunk by its height over its width. A vertical repost crops the
    middle of landscape footage and enlarges it by that ratio: its frame's keypoints are
    mostly detail too fine to exist in the landscape original, whose strip is that much
    smaller. Shrunk, the two pictures meet at one scale (mapped back as a region covering
    the whole frame)."""
    gray = np.array(sample.gray)
    height, width = gray.shape
    size = (max(1, round(width * width / height)), max(1, round(width)))
    small = cv2.resize(gray, size, interpolation=cv2.INTER_AREA)
    return small, Region(0.0, 0.0, float(width), float(height), width / size[0])


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
    """Features of an inset's picture (``_inset_image``)."""
    return describe_picture(sample, Picture(0, inset=inset))


def _inset_image(sample: SampledFrame, inset: Inset) -> tuple[np.ndarray, Region]:
    """An inset's picture, enlarged to the sample size so that its keypoints are as many
    and at the same scales as a whole frame's."""
    height, width = sample.gray.shape
    scale = max(inset.x1 - inset.x0, inset.y1 - inset.y0) / max(width, height)
    region = Region(inset.x0, inset.y0, inset.x1, inset.y1, scale)
    return region_image(np.asarray(sample.gray), region), region


def region_image(image: np.ndarray, region: Region, nearest: bool = False) -> np.ndarray:
    """The part of a whole frame's ``image`` (grey, or a map of it) that ``region`` describes,
    at the region's scale (an inset enlarged as it was described); ``nearest`` for a map."""
    x0, y0, x1, y1 = (round(v) for v in (region.x0, region.y0, region.x1, region.y1))
    crop = np.ascontiguousarray(image[y0:y1, x0:x1])
    size = (round(crop.shape[1] / region.scale), round(crop.shape[0] / region.scale))
    how = cv2.INTER_NEAREST if nearest else cv2.INTER_LINEAR
    return cv2.resize(crop, size, interpolation=how)


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
