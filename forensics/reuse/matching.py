"""Matching frames by their local features: an index of many clips' descriptors that proposes
frame pairs by votes, and the geometric check (RANSAC) that confirms one picture in both.

Each query frame's keypoints find their nearest descriptors among every indexed frame; frames
with enough votes are fitted with a similarity transform, and a pair is kept when enough
keypoints agree on it (``features`` describes the frames, ``motion`` marks what stays still).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import faiss
import numpy as np

from forensics.reuse.features import (
    CANDIDATES_PER_FRAME,
    GUIDED_HAMMING,
    MAX_HAMMING,
    MIN_INLIERS,
    NEIGHBOURS,
    REPROJECTION_PX,
    VOTES_TO_VERIFY,
    FrameFeatures,
    Verification,
    differing_bits,
)


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
        distances, rows = _search(self.index, np.vstack([q.descriptors[0] for q in queries]))
        found, start = [], 0
        for query in queries:
            end = start + len(query.descriptors[0])
            votes = self._votes(distances[start:end], rows[start:end])
            found.extend(self._verify(query, votes))
            start = end
        return _strongest_per_time(found)

    def match_screened(self, queries: Sequence[FrameFeatures]) -> list[FoundPair]:
        """As :meth:`match_all`, for a search that seldom finds anything (a query's frames
        with their grey levels inverted): the frames of every other sample time first, the
        rest only when one of those matches. A stretch needs three pairs on its line, so a
        shared one has a matching frame among the first half."""
        times = sorted({q.t for q in queries})
        first = set(times[::SCREEN_EVERY])
        screened = self.match_all([q for q in queries if q.t in first])
        if not screened:
            return []
        return _strongest_per_time(
            screened + self.match_all([q for q in queries if q.t not in first])
        )

    def _votes(self, distances: np.ndarray, rows: np.ndarray) -> list[tuple[int, np.ndarray]]:
        """(stack, its (query keypoint, stack keypoint) pairs whose descriptors are near, as
        an N x 2 array in the order the search found them), the most voted stack first (ties:
        the stack found first). Only the stacks with ``VOTES_TO_VERIFY`` votes are listed."""
        q_index, k_index = np.nonzero((distances <= MAX_HAMMING) & (rows >= 0))
        hit_rows = rows[q_index, k_index]
        stacks = self.row_stack[hit_rows]
        keypoints = hit_rows - self.row_start[stacks]
        voted, first, counts = np.unique(stacks, return_index=True, return_counts=True)
        grouped = np.argsort(stacks, kind="stable")  # each stack's votes together, in order
        # One array of every vote, each stack's a slice of it (a view): stacking each stack's
        # votes apart took longer than the search's bookkeeping, and ``_verify`` reads only
        # CANDIDATES_PER_FRAME stacks per clip.
        pairs = np.stack([q_index, keypoints], axis=1)[grouped]
        starts = np.cumsum(counts) - counts
        ranked = np.lexsort((first, -counts))
        ranked = ranked[counts[ranked] >= VOTES_TO_VERIFY].tolist()
        return [(int(voted[i]), pairs[starts[i] : starts[i] + counts[i]]) for i in ranked]

    def _verify(self, query: FrameFeatures, votes: Sequence[tuple[int, np.ndarray]]
                ) -> list[FoundPair]:  # fmt: skip
        """Fit the best-voted frames of each clip, at most CANDIDATES_PER_FRAME per clip."""
        tried: dict[int, int] = defaultdict(int)
        found = []
        for stack, pairs in votes:
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


SCREEN_EVERY = 2
EXACT_ROWS = 40_000
IVF_ROWS_PER_CELL = 1_500
IVF_PROBE_SHARE = 8  # probe one cell in eight
IVF_TRAIN_ROWS = 60_000


def _search(index: faiss.IndexBinary, queries: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The ``NEIGHBOURS`` nearest rows of each query (distances, rows); an exact index is
    searched on one OpenMP thread. A comparison's search is small (a clip's 4,000 keypoints
    against another's 8,000: 10-30 ms on one core), and faiss's threads wait for each other
    by spinning: on a machine shared with other work (2 cores, load 10) two threads took 30
    times the CPU and the wall time of one. The answer is the same (each query's
    neighbours are found by one thread either way)."""
    if not isinstance(index, faiss.IndexBinaryFlat):
        return index.search(queries, NEIGHBOURS)
    faiss.omp_set_num_threads(1)
    try:
        return index.search(queries, NEIGHBOURS)
    finally:
        faiss.omp_set_num_threads(_FAISS_THREADS)


# faiss's own thread count, read once: restored after each exact search. Read per search,
# two threads comparing at once (a Dask worker's) could save each other's 1 and leave the
# large-case index on one thread for good.
_FAISS_THREADS = faiss.omp_get_max_threads()


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
    alike = differing_bits(a.descriptors[0][rows], b.descriptors[side][cols]) <= GUIDED_HAMMING
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
    a: FrameFeatures, b: FrameFeatures, mirrored: bool,
    pairs: Sequence[tuple[int, int]] | np.ndarray,
) -> Verification | None:  # fmt: skip
    """RANSAC similarity transform from A's keypoints to B's (or B's mirror image's), on
    ``pairs`` (A keypoint, B keypoint), a sequence of pairs or an N x 2 array.

    Its ``moving`` inliers are those still in neither clip (``motion``): the same footage
    moves in both, while a keypoint still in one of them is the place or a graphic, whatever
    the other clip did around it (a fixed camera's background, marked moving in a clip whose
    probes caught a car passing). When a layer both
    clips share (a template, a HUD) outvotes the footage, the footage is fitted on its own:
    the picture in a channel's frame may sit elsewhere than in the other clip's frame."""
    pairs = np.asarray(pairs, np.intp).reshape(-1, 2)
    found = _ransac(a, b, mirrored, pairs)
    if found is None or found.moving >= MIN_INLIERS:
        return found
    a_still, b_still = a.still_at(0), b.still_at(int(mirrored))
    moving = pairs[~(a_still[pairs[:, 0]] | b_still[pairs[:, 1]])]
    if len(moving) < VOTES_TO_VERIFY or len(moving) == len(pairs):
        return found
    return _ransac(a, b, mirrored, moving) or found


def _ransac(a: FrameFeatures, b: FrameFeatures, mirrored: bool, pairs: np.ndarray
            ) -> Verification | None:  # fmt: skip
    # In whole-frame coordinates, so that a transform found through an inset places it.
    source = a.frame_points(0)[pairs[:, 0]]
    target = b.frame_points(int(mirrored))[pairs[:, 1]]
    threshold = REPROJECTION_PX * max(a.scale, b.scale)
    transform, inliers = cv2.estimateAffinePartial2D(
        source, target, method=cv2.RANSAC, ransacReprojThreshold=threshold
    )
    if transform is None or inliers is None:
        return None
    # Distinct keypoints only: one A point voting for several B points is one piece of evidence
    # (its last inlier pair stands for it).
    kept = pairs[inliers.ravel().astype(bool)]
    reversed_a = kept[::-1, 0]
    last = len(kept) - 1 - np.unique(reversed_a, return_index=True)[1]
    distinct = kept[last]
    if min(len(kept), len(distinct)) < MIN_INLIERS:
        return None
    a_still, b_still = a.still_at(0), b.still_at(int(mirrored))
    moving = int(np.count_nonzero(~(a_still[distinct[:, 0]] | b_still[distinct[:, 1]])))
    result = Verification(inliers=min(len(kept), len(distinct)), mirrored=mirrored,
                          transform=transform, moving=moving)  # fmt: skip
    return result if 0.2 <= result.scale <= 5.0 else None
