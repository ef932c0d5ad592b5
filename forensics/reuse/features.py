"""Local features: confirm that two frames show the same picture, and measure how it moved.

Whole-frame hashes fail once footage is mirrored, cropped or shrunk into a corner (on the
samples, pHash distances of the mirrored, 15%-cropped reuse are 16-34 bits of 64). ORB
keypoints survive those edits: a RANSAC-fitted similarity transform (scale, rotation,
translation) between the keypoints of two frames confirms the match and says what was done.
Every frame is described twice, as is and mirrored, so a flip is just another candidate.
A picture-in-picture inset (``insets``) is also described on its own, enlarged to the sample
size: shrunk into a corner of busy footage, it would otherwise get almost none of the frame's
keypoints. Its keypoints are mapped back to the frame, so a match through it places it.
"""

from __future__ import annotations

import io
import math
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any, cast

import cv2
import faiss
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

    @property
    def scale(self) -> float:
        """Frame pixels per keypoint-coordinate pixel."""
        return self.region.scale if self.region else 1.0

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

    @property
    def score(self) -> float:
        return min(1.0, self.inliers / FULL_SCORE_INLIERS)

    @property
    def scale(self) -> float:
        return float(math.hypot(self.transform[0, 0], self.transform[1, 0]))

    @property
    def rotation_deg(self) -> float:
        return float(math.degrees(math.atan2(self.transform[1, 0], self.transform[0, 0])))


def _orb() -> cv2.ORB:
    return cv2.ORB.create(nfeatures=ORB_FEATURES, fastThreshold=10, edgeThreshold=15, patchSize=15)


def describe(t: float, gray: np.ndarray) -> FrameFeatures | None:
    """Keypoints and descriptors of a frame and of its mirror image; None if featureless."""
    orb = _orb()
    points, descriptors = [], []
    for image in (gray, np.ascontiguousarray(gray[:, ::-1])):
        keypoints, desc = orb.detectAndCompute(image, None)
        if desc is None or len(keypoints) < MIN_INLIERS:
            return None
        points.append(np.array([k.pt for k in keypoints], dtype=np.float32))
        descriptors.append(desc)
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
        if insets:
            crops = [(i, inset) for inset in insets for i in range(inset.first, inset.last + 1)]
            frames += [f for f in pool.map(lambda c: describe_inset(samples[c[0]], c[1]), crops)
                       if f is not None]  # fmt: skip
    return tuple(sorted(frames, key=lambda f: (f.t, f.region is not None)))


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
        frames, row = [], 0
        for t, (plain, mirrored), region in zip(times, counts, regions, strict=True):
            cut = (row, row + plain, row + plain + mirrored)
            frames.append(FrameFeatures(
                float(t), (int(header[1]), int(header[2])),
                (points[cut[0]:cut[1]], points[cut[1]:cut[2]]),
                (descriptors[cut[0]:cut[1]], descriptors[cut[1]:cut[2]]),
                None if np.isnan(region[0]) else Region(*map(float, region)),
            ))  # fmt: skip
            row = cut[2]
        return cls(float(header[0]), (int(header[1]), int(header[2])), tuple(frames))


def _region_row(region: Region | None) -> list[float]:
    if region is None:
        return [np.nan] * 5
    return [region.x0, region.y0, region.x1, region.y1, region.scale]


def _stack(parts: list[np.ndarray], empty: tuple[int, int], dtype: type) -> np.ndarray:
    return np.vstack(parts).astype(dtype) if parts else np.zeros(empty, dtype)


@dataclass(frozen=True)
class FoundPair:
    """Frame ``frame`` of indexed clip ``clip`` verifiably shows the picture of ``query``."""

    query: FrameFeatures
    clip: int
    frame: FrameFeatures
    verification: Verification


class FeatureIndex:
    """The descriptors of every frame (as is and mirrored) of one or more clips, in one
    Hamming-space index, so each query frame is matched once against all of them.

    Up to ``EXACT_ROWS`` descriptors the search is exact. Beyond, an inverted file (k-means
    cells, a few probed per query) answers the same votes at a fraction of the cost: on the
    samples (88k rows, 18k queries) it found 93% of the near descriptors in a fifth of the
    time, and a frame needs only ``VOTES_TO_VERIFY`` of its 200 to be checked geometrically.
    """

    def __init__(self, clips: Sequence[Sequence[FrameFeatures]]) -> None:
        self.clips = [list(frames) for frames in clips]
        stacks: list[np.ndarray] = []
        self.stack_of: list[tuple[int, int, int]] = []  # (clip, frame, mirrored) per stack
        for clip, frames in enumerate(self.clips):
            for index, frame in enumerate(frames):
                for mirrored in (0, 1):
                    stacks.append(frame.descriptors[mirrored])
                    self.stack_of.append((clip, index, mirrored))
        sizes = [len(d) for d in stacks]
        self.row_stack = np.repeat(np.arange(len(stacks)), sizes)
        self.row_start = np.concatenate([[0], np.cumsum(sizes)])[:-1]
        matrix = np.vstack(stacks) if stacks else np.zeros((0, 32), np.uint8)
        self.index = _hamming_index(matrix)

    def match_all(self, queries: Sequence[FrameFeatures]) -> list[FoundPair]:
        """Every (query frame, indexed frame) pair that verifiably shows one picture."""
        if not queries or not self.index.ntotal:
            return []
        distances, rows = self.index.search(np.vstack([q.descriptors[0] for q in queries]),
                                            NEIGHBOURS)  # fmt: skip
        found, start = [], 0
        for query in queries:
            end = start + len(query.descriptors[0])
            votes = self._votes(distances[start:end], rows[start:end])
            found.extend(self._verify(query, votes))
            start = end
        return _strongest_per_time(found)

    def _votes(self, distances: np.ndarray, rows: np.ndarray) -> dict[int, list[tuple[int, int]]]:
        """stack -> (query keypoint, stack keypoint) pairs whose descriptors are near."""
        votes: dict[int, list[tuple[int, int]]] = defaultdict(list)
        q_index, k_index = np.nonzero((distances <= MAX_HAMMING) & (rows >= 0))
        hit_rows = rows[q_index, k_index]
        stacks = self.row_stack[hit_rows]
        keypoints = hit_rows - self.row_start[stacks]
        for q, stack, keypoint in zip(q_index.tolist(), stacks.tolist(), keypoints.tolist(),
                                      strict=True):  # fmt: skip
            votes[stack].append((q, keypoint))
        return votes

    def _verify(self, query: FrameFeatures, votes: dict[int, list[tuple[int, int]]]
                ) -> list[FoundPair]:  # fmt: skip
        """Fit the best-voted frames of each clip, at most CANDIDATES_PER_FRAME per clip."""
        tried: dict[int, int] = defaultdict(int)
        found = []
        for stack, pairs in sorted(votes.items(), key=lambda kv: -len(kv[1])):
            if len(pairs) < VOTES_TO_VERIFY:
                break
            clip, index, mirrored = self.stack_of[stack]
            if tried[clip] >= CANDIDATES_PER_FRAME:
                continue
            tried[clip] += 1
            frame = self.clips[clip][index]
            verified = fit(query, frame, bool(mirrored), pairs)
            if verified is not None:
                found.append(FoundPair(query, clip, frame, verified))
        return found


def _strongest_per_time(found: list[FoundPair]) -> list[FoundPair]:
    """One pair per (query time, clip, frame time), the strongest: a frame and an inset
    described at the same time can both match."""
    best: dict[tuple[float, int, float], FoundPair] = {}
    for pair in found:
        key = (pair.query.t, pair.clip, pair.frame.t)
        if key not in best or pair.verification.inliers > best[key].verification.inliers:
            best[key] = pair
    return list(best.values())


EXACT_ROWS = 40_000
IVF_ROWS_PER_CELL = 1_500
IVF_PROBE_SHARE = 8  # probe one cell in eight
IVF_TRAIN_ROWS = 60_000


def _hamming_index(matrix: np.ndarray) -> faiss.IndexBinary:
    if len(matrix) <= EXACT_ROWS:
        flat = faiss.IndexBinaryFlat(256)  # exact k-NN, SIMD popcount
        flat.add(matrix)
        return flat
    cells = max(16, len(matrix) // IVF_ROWS_PER_CELL)
    index = faiss.IndexBinaryIVF(faiss.IndexBinaryFlat(256), 256, cells)
    # Fixed seed for the training sample: the same inputs give the same answer every run.
    sample = np.random.default_rng(0).permutation(len(matrix))[:IVF_TRAIN_ROWS]
    index.train(matrix[np.sort(sample)])
    index.add(matrix)
    index.nprobe = max(4, cells // IVF_PROBE_SHARE)
    return index


def guided_matches(
    a: FrameFeatures, b: FrameFeatures, transform: np.ndarray, mirrored: bool
) -> int:
    """How many of A's keypoints have a near descriptor in B where ``transform`` puts them.

    With the geometry fixed by the frames around it, a frame needs no RANSAC of its own: a
    blurred or small picture that yields too few votes to be found still matches here."""
    side = int(mirrored)
    if not len(a.points[0]) or not len(b.points[side]):
        return 0
    projected = a.frame_points(0) @ transform[:, :2].T + transform[:, 2]
    gaps = projected[:, None, :] - b.frame_points(side)[None, :, :]
    near = np.einsum("ijk,ijk->ij", gaps, gaps) <= (REPROJECTION_PX * max(a.scale, b.scale)) ** 2
    rows, cols = np.nonzero(near)
    if not len(rows):
        return 0
    differing = np.unpackbits(a.descriptors[0][rows] ^ b.descriptors[side][cols], axis=1)
    alike = differing.sum(axis=1) <= GUIDED_HAMMING
    return len(set(rows[alike].tolist()))


def verify_pair(a: FrameFeatures, b: FrameFeatures, mirrored: bool) -> Verification | None:
    """Does frame B show frame A's picture (mirrored if ``mirrored``)? For one pair already
    proposed, e.g. by their hashes: each A keypoint's NEIGHBOURS nearest B descriptors within
    MAX_HAMMING vote, then RANSAC as for the index's candidates."""
    side = int(mirrored)
    if len(a.descriptors[0]) < MIN_INLIERS or len(b.descriptors[side]) < MIN_INLIERS:
        return None
    nearest = _MATCHER.knnMatch(a.descriptors[0], b.descriptors[side], k=NEIGHBOURS)
    pairs = [(m.queryIdx, m.trainIdx) for found in nearest for m in found
             if m.distance <= MAX_HAMMING]  # fmt: skip
    return fit(a, b, mirrored, pairs) if len(pairs) >= VOTES_TO_VERIFY else None


_MATCHER = cv2.BFMatcher(cv2.NORM_HAMMING)  # brute force, SIMD popcount: ~0.3 ms a pair


def fit(
    a: FrameFeatures, b: FrameFeatures, mirrored: bool, pairs: Sequence[tuple[int, int]]
) -> Verification | None:
    """RANSAC similarity transform from A's keypoints to B's (or B's mirror image's)."""
    # In whole-frame coordinates, so that a transform found through an inset places it.
    source = a.frame_points(0)[[q for q, _ in pairs]]
    target = b.frame_points(int(mirrored))[[t for _, t in pairs]]
    threshold = REPROJECTION_PX * max(a.scale, b.scale)
    transform, inliers = cv2.estimateAffinePartial2D(
        source, target, method=cv2.RANSAC, ransacReprojThreshold=threshold
    )
    if transform is None or inliers is None:
        return None
    count = int(inliers.sum())
    # Distinct keypoints only: one A point voting for several B points is one piece of evidence.
    distinct = len({q for (q, _), ok in zip(pairs, inliers.ravel(), strict=True) if ok})
    if min(count, distinct) < MIN_INLIERS:
        return None
    result = Verification(inliers=min(count, distinct), mirrored=mirrored, transform=transform)
    return result if 0.2 <= result.scale <= 5.0 else None
