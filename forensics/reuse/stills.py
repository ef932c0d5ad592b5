"""A still against a clip (either way round): which moment of the clip its one picture shows,
that it shows only the clip's background (the same camera or place, no moment), or nothing.

A single picture has no time of its own (no line in time confirms it) and no still layer of
its own (nothing to tell its background from what passes by). So the clip tells: the still's
keypoints are put into the clip's picture by the pair's geometry, and a keypoint is evidence
of the moment when the clip has one at that place, with a near descriptor, at that moment and
at **no other** sampled moment. What the clip shows at other moments too (a fixed camera's
background, a logo or a HUD, anything standing still for a while) could be any of them: the
still matches it wherever it is in view. Measured on the retired-heldout fixed indoor camera:
a still of the empty room matched the clip 12 s later with 155 inliers where a person had just
walked away, 99 of them "moving" by the clip's own still marks (its probes, all before that
moment, saw the person there); all but a few of them are found at the same place at the
clip's other moments. Only stored features are needed (keypoints, descriptors, times), so the
case search rules alike.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import cv2
import numpy as np

from forensics.media.frames import SAMPLE_INTERVAL_S
from forensics.records import MomentEvidence, Segment, SharedStretch, StillMatch
from forensics.reuse.features import (
    MAX_HAMMING,
    REPROJECTION_PX,
    ClipFeatures,
    FrameFeatures,
    Verification,
    differing_bits,
)
from forensics.reuse.geometry import describe_stretch, near_points
from forensics.reuse.matching import verify_pair

# A moment needs this many of the still's keypoints found in the clip at that moment only
# (a passing car 187, a walking person 55, a dash-cam 35-49; the background of another moment
# 0-4 on the lead's fixed cameras and the tune "another moment" stills: benchmarks/README.md,
# "A still against a clip")
MOMENT_EVIDENCE = 30
# A keypoint is found again at another moment with a descriptor as near as a match's. Looser
# (80 bits) took patches that only look alike for the same corner: a dash-cam's asphalt, a
# film's grain (tune: a dash-cam still kept 7 of 192 keypoints, 35 at 48 bits; the negatives'
# best stayed at 0-4 either way). Found again at one other moment is enough: asking for two
# let the lead's empty-room negative keep 24.
RECUR_HAMMING = MAX_HAMMING
RECUR_MOMENTS = 1
# The moment's evidence over any other moment's (STATIC_MARGIN_S away). At 1.4 a captioned
# still of the handheld bird was put 3 s off its moment, by a pair of 16 inliers: 33 of its
# own there, 20 at the true moment; every moment rightly given on the tune, trap and weak
# stills (benchmarks/README.md, "Stills: the picture inside the still") had a runner-up of
# at most 9 and a ratio of 4.2 or more
DISTINCT_RATIO = 2.0
STATIC_MARGIN_S = 2.0
NEIGHBOUR_S = 1.5 * SAMPLE_INTERVAL_S  # the samples either side (at 12.5 fps: 0.48-0.56 s)
PLACE_SHARE = 0.5  # of the still's matched keypoints, this share on what recurs: a place
CHECKED_PAIRS = 8  # the strongest pairs weighed (a clip against a still pairs every frame)
# The still's picture at least this large in the clip's (the still at most a 2x zoom into the
# frame). Shrunk further, its keypoints crowd into a small part of the frame, where one of
# the clip's is within reach of many of them and chance alone finds them: every moment the
# tune and trap stills were given at a pair scaled 0.22-0.42 was false (15-17 inliers,
# turned 4-127 degrees: the cockatoo and the car at another moment, phone screenshots); the
# true ones lay at 0.74 or more (a crop of 80 %: 0.8).
MOMENT_SCALE = 0.5
# Of the moment's own keypoints, this many not found again at any one other moment where the
# clip's own motion carries them (``steadied``): a slow drone's stills kept 2-10 at wrong
# moments and past the clip's end (31-123 counted at the pair's place alone), and so did its
# right ones (2-9: at 320 px its moments a second apart look alike); true moments of the
# handheld bird and the dash-cam 14-18 were lost, more elsewhere. 15 keeps 6 more of the
# 404 tune and trap positives; 20 leaves twice the worst wrong moment's count.
STEADY_EVIDENCE = 20

Verified = Mapping[tuple[float, float], Verification]


@dataclass(frozen=True)
class Weighed:
    """One (A time, B time) pair of a still and a clip, weighed: ``found`` of the still's
    keypoints match the clip at the pair's moment, ``unique`` of them at no other."""

    key: tuple[float, float]
    check: Verification
    found: int
    unique: int


def still_against_clip(a: ClipFeatures, b: ClipFeatures, verified: Verified
                       ) -> tuple[list[SharedStretch], StillMatch | None]:  # fmt: skip
    """The moment of the clip the still shows (one stretch), else the place finding when the
    still matches only what the clip shows at many moments, else nothing. A moment needs
    keypoints of its own at the pair's place (``weigh``), at a scale where chance does not
    find them (``MOMENT_SCALE``), and still its own where the clip's motion carries them to
    its other moments (``steadied``): when unsure, the place, never a moment."""
    clip_side = 0 if whole_frames(a) > 1 else 1  # where the moment lies
    ranked = sorted(verified.items(), key=lambda kv: -kv[1].inliers)[:CHECKED_PAIRS]
    stacked: dict[int, Stacked] = {}
    weighed = [weigh(a, b, key, check, clip_side, stacked) for key, check in ranked]
    if not weighed:
        return [], None
    best = max(weighed, key=lambda w: (w.unique, w.found))
    evidence = _evidence(best, weighed, clip_side)
    if (distinct(evidence) and _plausible(best, clip_side)
            and steadied(a, b, best, clip_side, stacked) >= STEADY_EVIDENCE):  # fmt: skip
        return [replace(_stretch(a, b, best, weighed, clip_side), moment=evidence)], None
    place = _place(weighed, clip_side)
    return [], None if place is None else replace(place, moment=evidence)


def distinct(evidence: MomentEvidence) -> bool:
    """Whether the best moment has keypoints enough of its own, and clearly more than the
    best other moment."""
    return (evidence.unique >= MOMENT_EVIDENCE
            and evidence.unique >= DISTINCT_RATIO * evidence.runner_up)  # fmt: skip


def _evidence(best: Weighed, weighed: Sequence[Weighed], clip_side: int) -> MomentEvidence:
    """The best moment's evidence beside the runner-up's: the moment among the weighed pairs
    (the strongest) more than ``STATIC_MARGIN_S`` from it with the most keypoints of its own."""
    at = best.key[clip_side]
    rivals = [w for w in weighed if abs(w.key[clip_side] - at) > STATIC_MARGIN_S]
    runner = max(rivals, key=lambda w: (w.unique, w.found), default=None)
    return MomentEvidence(at, best.unique, best.found, runner.unique if runner else 0,
                          runner.key[clip_side] if runner else None)  # fmt: skip


@dataclass(frozen=True)
class Stacked:
    """Every keypoint of one side of a clip's frames, with its frame's time and scale."""

    points: np.ndarray
    descriptors: np.ndarray
    times: np.ndarray
    scales: np.ndarray

    @classmethod
    def of(cls, clip: ClipFeatures, side: int) -> Stacked:
        usable = [f for f in clip.frames if len(f.points[side])]
        counts = [len(f.points[side]) for f in usable]
        if not usable:
            return cls(np.zeros((0, 2), np.float32), np.zeros((0, 32), np.uint8),
                       np.zeros(0), np.zeros(0))  # fmt: skip
        return cls(np.vstack([f.frame_points(side) for f in usable]).astype(np.float32),
                   np.vstack([f.descriptors[side] for f in usable]),
                   np.repeat([f.t for f in usable], counts),
                   np.repeat([f.scale for f in usable], counts))  # fmt: skip


def weigh(a: ClipFeatures, b: ClipFeatures, key: tuple[float, float], check: Verification,
          clip_side: int, stacked: dict[int, Stacked] | None = None) -> Weighed:  # fmt: skip
    """How many of the still's keypoints the pair's geometry puts on a matching keypoint of
    the clip at the pair's moment, and how many of those at no other moment of the clip
    (``stacked``: the clip's keypoints by side, kept for the next pair)."""
    clip = a if clip_side == 0 else b
    mapped = _Mapped.of(a, b, key, check, clip_side)
    stacked = {} if stacked is None else stacked
    if mapped.side not in stacked:
        stacked[mapped.side] = Stacked.of(clip, mapped.side)
    every = stacked[mapped.side]
    t_clip = key[clip_side]
    now = every.times == t_clip
    others = np.abs(every.times - t_clip) > _apart(clip, t_clip)
    found = mapped.found(every, now, mapped.points, MAX_HAMMING) > 0
    again = mapped.found(every, others, mapped.points, RECUR_HAMMING) >= RECUR_MOMENTS
    return Weighed(key, check, int(found.sum()), int((found & ~again).sum()))


@dataclass(frozen=True)
class _Mapped:
    """The still's keypoints of one pair, put into the clip's picture (its side ``side``)."""

    still: tuple[FrameFeatures, ...]  # the still's frames at the pair's time
    still_side: int
    side: int
    points: np.ndarray
    descriptors: np.ndarray
    radius: float

    @classmethod
    def of(cls, a: ClipFeatures, b: ClipFeatures, key: tuple[float, float],
           check: Verification, clip_side: int) -> _Mapped:  # fmt: skip
        still = b if clip_side == 0 else a
        mirrored = int(check.mirrored)
        if clip_side == 1:  # A (the still) -> B (the clip): as is -> B's side
            still_side, side, to_clip = 0, mirrored, check.transform
        else:  # A (the clip) -> B (the still): the still's side back into A's picture
            still_side, side = mirrored, 0
            to_clip = cv2.invertAffineTransform(check.transform)
        mine = tuple(f for f in still.frames if f.t == key[1 - clip_side])
        descriptors = np.vstack([f.descriptors[still_side] for f in mine])
        radius = REPROJECTION_PX * max(f.scale for f in mine)
        mapped = cls(mine, still_side, side, np.zeros((0, 2), np.float32), descriptors, radius)
        return replace(mapped, points=mapped.put(to_clip))

    def put(self, to_clip: np.ndarray) -> np.ndarray:
        points = np.vstack([f.frame_points(self.still_side) for f in self.still])
        return (points @ to_clip[:, :2].T + to_clip[:, 2]).astype(np.float32)

    def found(self, every: Stacked, among: np.ndarray, points: np.ndarray, hamming: int
              ) -> np.ndarray:  # fmt: skip
        return _found(points, self.descriptors, every, among, self.radius, hamming)


def steadied(a: ClipFeatures, b: ClipFeatures, best: Weighed, clip_side: int,
             stacked: dict[int, Stacked]) -> int:  # fmt: skip
    """The fewest of ``best``'s own keypoints (found at its moment, at no other at the pair's
    place) that another moment of the clip lacks where the clip's own motion carries them
    (its frame at the moment matched with that moment's). A moving camera shows the same
    ground elsewhere in the picture a second later: gone from the pair's place, it passed
    for the moment's own (a slow drone: 86-119 keypoints at the clip's last sample for a
    still 1.5-5 s past its end; wrong moments 1-2 s off for stills of it). A fixed camera's
    frames match where they stand, so there the count is the pair's. Counted against one
    moment at a time: a scene seen again over many moments is not worn down by all."""
    clip = a if clip_side == 0 else b
    mapped = _Mapped.of(a, b, best.key, best.check, clip_side)
    every = stacked[mapped.side]
    t_clip = best.key[clip_side]
    found = mapped.found(every, every.times == t_clip, mapped.points, MAX_HAMMING) > 0
    again = mapped.found(every, np.abs(every.times - t_clip) > _apart(clip, t_clip),
                         mapped.points, RECUR_HAMMING) >= RECUR_MOMENTS  # fmt: skip
    unique = found & ~again
    fewest = int(unique.sum())
    here = [_plain(f, mapped.side) for f in clip.frames if f.t == t_clip and f.region is None]
    for frame in clip.frames if here else ():
        if frame.region is not None or abs(frame.t - t_clip) <= _apart(clip, t_clip):
            continue
        motion = verify_pair(here[0], _plain(frame, mapped.side), False)
        if motion is None or not fewest:
            continue
        there = mapped.found(every, every.times == frame.t, _moved(mapped.points, motion),
                             RECUR_HAMMING) >= RECUR_MOMENTS  # fmt: skip
        fewest = min(fewest, int((unique & ~there).sum()))
    return fewest


def _plain(frame: FrameFeatures, side: int) -> FrameFeatures:
    """A clip's frame with ``side`` as its as-is side and no still marks, so that two of its
    frames are fitted on all their keypoints: the view, where a fixed camera's background
    outweighs what moves (``fit`` would fit the moving part alone)."""
    if side == 1:
        frame = replace(frame, points=frame.points[::-1], descriptors=frame.descriptors[::-1])
    return replace(frame, still=None)


def _moved(points: np.ndarray, motion: Verification) -> np.ndarray:
    return (points @ motion.transform[:, :2].T + motion.transform[:, 2]).astype(np.float32)


def _plausible(best: Weighed, clip_side: int) -> bool:
    """Whether the still's picture is at least ``MOMENT_SCALE`` of its size in the clip's."""
    scale = best.check.scale if clip_side == 1 else 1 / max(best.check.scale, 1e-9)
    return scale >= MOMENT_SCALE


def _apart(clip: ClipFeatures, t: float) -> float:
    """How far from ``t`` another moment of the clip begins. A still taken between two
    samples shows what both show (a handheld close-up: 155 of its keypoints found at either
    sample, 13 at one only), so the neighbouring samples are the same moment. Except within a
    sample of the clip's first or last: what is revealed there may stay in view beyond the
    clip, as a background does (someone walking out of a fixed camera's view in its last
    second), so there only the sample itself is the moment."""
    times = [f.t for f in clip.frames]
    if min(abs(t - min(times)), abs(max(times) - t)) <= NEIGHBOUR_S:
        return SAMPLE_INTERVAL_S / 2
    return NEIGHBOUR_S


def _found(points: np.ndarray, descriptors: np.ndarray, every: Stacked, among: np.ndarray,
           radius: float, hamming: int) -> np.ndarray:  # fmt: skip
    """At how many of the clip's moments (its keypoints ``among`` ``every``) each of
    ``points`` (in the clip's picture) has a keypoint within ``radius`` with a descriptor
    within ``hamming`` bits."""
    count = np.zeros(len(points), np.int32)
    if not among.any() or not len(points):
        return count
    other, times = every.points[among], every.times[among]
    reach = radius * float(every.scales[among].max())
    rows, cols = near_points(points, other, reach)
    if len(rows):
        kept = differing_bits(descriptors[rows], every.descriptors[among][cols]) <= hamming
        moments = np.unique(times, return_inverse=True)[1]
        pairs = np.unique(np.stack([rows[kept], moments[cols[kept]]], axis=1), axis=0)
        np.add.at(count, pairs[:, 0], 1)
    return count


def _stretch(a: ClipFeatures, b: ClipFeatures, best: Weighed, weighed: Sequence[Weighed],
             clip_side: int) -> SharedStretch:  # fmt: skip
    """The moment as a stretch: the best pair and its neighbours (a sample either side) that
    are evidence of the moment too, under the same mirroring."""
    at = best.key[clip_side]
    near = [w.key for w in weighed if w.unique >= MOMENT_EVIDENCE
            and abs(w.key[clip_side] - at) <= NEIGHBOUR_S
            and w.check.mirrored == best.check.mirrored]  # fmt: skip
    segment = Segment(a_start=min(k[0] for k in near), a_end=max(k[0] for k in near),
                      b_start=min(k[1] for k in near), b_end=max(k[1] for k in near), rate=1.0,
                      similarity=best.check.score, matches=len(near),
                      mirrored=best.check.mirrored)  # fmt: skip
    return describe_stretch(segment, [(best.key[0], best.check)], best.check.transform,
                            (a.size, b.size), frames_at(a, b, [best.key]))  # fmt: skip


def _place(weighed: Sequence[Weighed], clip_side: int) -> StillMatch | None:
    """What a still shares with a clip when it shows no moment: what the clip shows at many
    moments. A place (a fixed camera's background) when that is most of what matched, else
    graphics (a logo, a HUD over other footage). ``still_share``: the share of the still's
    matched keypoints the clip shows at other moments too, at the strongest pair."""
    best = max(weighed, key=lambda w: w.found)
    if best.found < 1:
        return None
    share = round(1 - best.unique / best.found, 4)
    times = {w.key[clip_side] for w in weighed if w.found > w.unique}
    if not times:
        return None
    kind = "place" if share >= PLACE_SHARE else "graphics"
    frames = (1, len(times)) if clip_side == 1 else (len(times), 1)
    return StillMatch(kind, frames, share)


def frames_at(a: ClipFeatures, b: ClipFeatures, pairs: Sequence[tuple[float, float]]
              ) -> tuple[list[FrameFeatures], list[FrameFeatures]]:  # fmt: skip
    """A's and B's whole frames at the times of ``pairs`` (A time, B time)."""
    a_times, b_times = {ta for ta, _ in pairs}, {tb for _, tb in pairs}
    return ([f for f in a.frames if f.region is None and f.t in a_times],
            [f for f in b.frames if f.region is None and f.t in b_times])  # fmt: skip


def whole_frames(clip: ClipFeatures) -> int:
    return sum(1 for f in clip.frames if f.region is None)
