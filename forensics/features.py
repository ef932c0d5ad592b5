"""Local features: confirm that two frames show the same picture, and measure how it moved.

Whole-frame hashes fail once footage is mirrored, cropped or shrunk into a corner (on the
samples, pHash distances of the mirrored, 15%-cropped reuse are 16-34 bits of 64). ORB
keypoints survive those edits: a RANSAC-fitted similarity transform (scale, rotation,
translation) between the keypoints of two frames confirms the match and says what was done.
Every frame is described twice, as is and mirrored, so a flip is just another candidate.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import faiss
import numpy as np

ORB_FEATURES = 200
MAX_HAMMING = 48  # of 256 bits: nearer descriptors are worth a vote
VOTES_TO_VERIFY = 10
CANDIDATES_PER_FRAME = 4
NEIGHBOURS = 3  # a static shot's neighbouring frames all hold the same keypoint
REPROJECTION_PX = 4.0
MIN_INLIERS = 15
FULL_SCORE_INLIERS = 60


@dataclass(frozen=True, eq=False)
class FrameFeatures:
    t: float
    size: tuple[int, int]  # width, height
    points: tuple[np.ndarray, np.ndarray]  # keypoints (N x 2) as is, and of the mirror image
    descriptors: tuple[np.ndarray, np.ndarray]


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


class FeatureIndex:
    """All descriptors of one clip's frames (as is and mirrored) in one matcher, so each frame
    of the other clip is matched once against the whole clip to find candidate frames."""

    def __init__(self, frames: Sequence[FrameFeatures]) -> None:
        self.frames = list(frames)
        self.owner: list[tuple[int, int, int]] = []  # (frame, mirrored, keypoint) per row
        stacks = []
        for index, frame in enumerate(self.frames):
            for mirrored in (0, 1):
                desc = frame.descriptors[mirrored]
                stacks.append(desc)
                self.owner.extend((index, mirrored, k) for k in range(len(desc)))
        self.matrix = np.vstack(stacks) if stacks else np.zeros((0, 32), np.uint8)
        self.index = faiss.IndexBinaryFlat(256)  # exact Hamming k-NN, SIMD popcount
        self.index.add(self.matrix)

    def matches_for(self, query: FrameFeatures) -> list[tuple[FrameFeatures, Verification]]:
        """This clip's frames that verifiably show ``query``'s picture, best first."""
        votes: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
        if self.index.ntotal:
            distances, rows = self.index.search(query.descriptors[0], NEIGHBOURS)
            for q, (dist_row, index_row) in enumerate(zip(distances, rows, strict=True)):
                for distance, row in zip(dist_row, index_row, strict=True):
                    if row >= 0 and distance <= MAX_HAMMING:
                        frame, mirrored, keypoint = self.owner[row]
                        votes[(frame, mirrored)].append((q, keypoint))
        ranked = sorted(votes.items(), key=lambda kv: -len(kv[1]))[:CANDIDATES_PER_FRAME]
        found = []
        for (frame, mirrored), pairs in ranked:
            if len(pairs) < VOTES_TO_VERIFY:
                break
            verified = fit(query, self.frames[frame], bool(mirrored), pairs)
            if verified is not None:
                found.append((self.frames[frame], verified))
        return sorted(found, key=lambda fv: -fv[1].inliers)


def fit(
    a: FrameFeatures, b: FrameFeatures, mirrored: bool, pairs: Sequence[tuple[int, int]]
) -> Verification | None:
    """RANSAC similarity transform from A's keypoints to B's (or B's mirror image's)."""
    source = a.points[0][[q for q, _ in pairs]]
    target = b.points[int(mirrored)][[t for _, t in pairs]]
    transform, inliers = cv2.estimateAffinePartial2D(
        source, target, method=cv2.RANSAC, ransacReprojThreshold=REPROJECTION_PX
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
