"""What makes a line of matched frames evidence of shared footage, not a look-alike.

``align`` lines up verified frame pairs; these checks then ask of each line whether its
frames match their own moment clearly better than any other (``distinctive``), whether
what moves in both clips matches along it (``moves_alike``), and whether its pairs agree on
how B turns A's picture (``steady``). Shared by ``compare`` and ``cuts``.
"""

from __future__ import annotations

import statistics
from collections import defaultdict

import numpy as np

from forensics.media.frames import SAMPLE_INTERVAL_S
from forensics.records import Segment
from forensics.reuse.align import TOLERANCE_S
from forensics.reuse.features import MIN_INLIERS, Verification

Verified = dict[tuple[float, float], Verification]  # (A time, B time) -> the check
STATIC_MARGIN_S = 2.0  # pairs this far off a segment's line are another moment of B
DISTINCT_RATIO = 1.4
SAME_PLACE_PX = 12.0  # sample pixels: a match off the line this near the line's placement
# shows the picture where the line does (a fixed camera), not shifted (a panning shot)
NEARLY_BEST = 0.95  # of the inliers of a frame's strongest pair: a pair this strong is kept
# A stretch needs as many pairs as align.MIN_MATCHES confirmed through what moves (in both
# clips), at as many distinct moments of each clip, each by as many inliers as any verified
# pair (a fixed camera at another moment: 0-17 in one pair of twelve, on tests' cars; a
# re-encoded repost of the same moment: 15-50 in six)
MOVING_PAIRS = 3
MOVING_INLIERS = MIN_INLIERS
# The pairs of a stretch turn the picture alike: their median distance from the median turn
# stays within this (a fit's noise is about a degree)
STEADY_TURN_DEG = 3.0


def nearly_best(verified: Verified) -> Verified:
    """The pairs nearly as strong as the strongest of their A frame and of their B frame.

    A panning shot's frame matches its neighbours too, shifted, with fewer keypoints in
    common the farther they are: lines through those echoes (at any speed, through cuts that
    reuse it out of order) would outvote the cuts themselves. Where many frames match equally
    (a static shot, a fixed camera) all of them stay, for the checks made after alignment."""
    strongest: dict[tuple[int, float], int] = defaultdict(int)
    for (ta, tb), v in verified.items():
        for key in ((0, ta), (1, tb)):
            strongest[key] = max(strongest[key], v.inliers)
    return {
        key: v for key, v in verified.items()
        if v.inliers >= NEARLY_BEST * max(strongest[(0, key[0])], strongest[(1, key[1])])
    }  # fmt: skip


def distinctive(segment: Segment, verified: Verified) -> bool:
    """False when the segment's frames match B off the segment's line about as well as on it,
    and with the same geometry.

    A fixed camera filmed twice shows the same background at every moment: its frames verify
    against many B times, so a line through some of them proves nothing. Reused footage
    matches its own moment clearly better than any other (measured: 0.53-0.68 on the line
    against 0.28 off it for reuse, 0.33 against 0.31 for a fixed road camera an hour apart).
    Scored on what moves (``motion``): a fixed camera's background matches at every moment,
    its passing cars only at their own. Off the line means another moment of A's own time
    (B's margin grows with a slowed B); a panning shot matches its other moments too, but
    shifted, so only matches placing the picture where the line's do count against it.
    """
    margin = STATIC_MARGIN_S * max(1.0, abs(segment.rate))
    on: list[Verification] = []
    off: list[Verification] = []
    for (ta, tb), check in verified.items():
        if segment.a_start <= ta <= segment.a_end:
            residual = off_line(segment, ta, tb)
            if residual <= TOLERANCE_S:
                on.append(check)
            elif residual > margin:
                off.append(check)
    if not on:
        return False
    place = np.median(np.stack([v.transform[:, 2] for v in on]), axis=0)
    off = [v for v in off if np.hypot(*(v.transform[:, 2] - place)) <= SAME_PLACE_PX]
    if len(off) < 0.5 * len(on):
        return True
    scores = (
        statistics.fmean(v.moving_score for v in on),
        statistics.fmean(v.moving_score for v in off),
    )
    return scores[0] >= DISTINCT_RATIO * scores[1]


def moves_alike(segment: Segment, verified: Verified) -> bool:
    """Whether what moves matches along the segment, not only a layer both clips hold still
    (``motion``: a news template, a HUD, a fixed camera's background): pairs on its line,
    under its own geometry (mirrored or not), confirmed by keypoints that move in both
    clips, at ``MOVING_PAIRS`` distinct moments of A and as many of B (the moving picture
    matches moment by moment, in order). One moment matching several (a bottle set down and
    left, matched by each later frame while it stands) is one piece of evidence, and a
    mirrored pair on an unmirrored line is another picture (a look-alike car driving the
    other way, on the tune car source)."""
    pairs = moving_pairs(segment, verified)
    return min(len({ta for ta, _ in pairs}), len({tb for _, tb in pairs})) >= MOVING_PAIRS


def moving_pairs(segment: Segment, verified: Verified) -> list[tuple[float, float]]:
    """The (A time, B time) pairs on the segment's line, mirrored as it is, whose moving
    keypoints confirm them."""
    return [
        (ta, tb) for (ta, tb), v in verified.items()
        if segment.a_start <= ta <= segment.a_end and v.moving >= MOVING_INLIERS
        and v.mirrored == segment.mirrored and off_line(segment, ta, tb) <= TOLERANCE_S
    ]  # fmt: skip


def steady(segment: Segment, verified: Verified) -> bool:
    """Whether the segment's pairs on its line agree on how B turns A's picture. Reused
    footage keeps one geometry along a stretch, whatever its camera did (B is a transform of
    A); a handheld camera that comes back to a view at another moment matches it turned a
    little more or less each time (a phone in one room: 0 to -26 degrees along four pairs)."""
    turns = [verified[key].rotation_deg for key in moving_pairs(segment, verified)]
    if len(turns) < MOVING_PAIRS:
        return True  # too few to tell; moves_alike decides
    middle = statistics.median(turns)
    spread = statistics.median(abs((t - middle + 180) % 360 - 180) for t in turns)
    return spread <= STEADY_TURN_DEG


def off_line(segment: Segment, ta: float, tb: float) -> float:
    """How far (in B's seconds) the pair (A ``ta``, B ``tb``) lies off the segment's line."""
    return abs(tb - segment.aligned_time("a", ta))


def line_pairs(segment: Segment, verified: Verified
               ) -> list[tuple[tuple[float, float], Verification]]:  # fmt: skip
    """The verified pairs of a segment nearest its line, with their (A time, B time): in a
    panning shot a neighbouring frame matches too, with the picture shifted, and would
    misplace A's picture in B."""
    inside = [
        (off_line(segment, ta, tb), (ta, tb), v) for (ta, tb), v in verified.items()
        if segment.a_start <= ta <= segment.a_end and segment.b_start <= tb <= segment.b_end
        and v.mirrored == segment.mirrored
    ]  # fmt: skip
    closest = min(residual for residual, _, _ in inside)
    return [(key, v) for residual, key, v in inside if residual <= closest + SAMPLE_INTERVAL_S / 2]


def trend_pairs(segment: Segment, verified: Verified) -> list[tuple[float, Verification]]:
    """The strongest verified pair of each A time of a (grown) segment within alignment's
    tolerance of its line, with its A time: what a zoom is measured on. In a panning shot
    under a zoom, the frame a sample before matches as well as the one the line points at
    (the zoomed picture lies inside both), so the line may follow either for a while; the
    scale still follows A's time, and only the nearest pairs would measure a part of it."""
    best: dict[float, tuple[tuple[int, float], Verification]] = {}
    for (ta, tb), v in verified.items():
        residual = off_line(segment, ta, tb)
        if (v.mirrored != segment.mirrored or residual > TOLERANCE_S
                or not segment.a_start <= ta <= segment.a_end):  # fmt: skip
            continue
        rank = (v.inliers, -residual)
        if ta not in best or rank > best[ta][0]:
            best[ta] = (rank, v)
    return [(ta, v) for ta, (_, v) in sorted(best.items())]
