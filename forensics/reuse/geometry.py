"""What a shared stretch's geometry says: where A's picture sits in B's frame, how it is
turned and scaled, whether B zooms in on it as the stretch plays (a Ken Burns move), and
whether what lies around it in the other frame is more of the picture or bands.

Every frame pair is verified with a similarity transform (``matching``), which is what most
reuse does: crop, scale, turn, mirror. A zoom is a scale that changes steadily with time,
measured here from the pairs on the stretch's line.

Not measured: perspective (a screen filmed at an angle). A homography fitted to the keypoints
of a stretch's strongest pairs, at sample size, shifted the corners of flat reuse (crops,
rotations, zooms) by up to 7% and of screen recordings by 1-10% on the evaluation's tune
sources: no threshold told them apart, so no such name is given.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import replace

import cv2
import numpy as np

from forensics.records import EDGE, Box, Placement, Segment, SharedStretch, alterations
from forensics.reuse.features import FrameFeatures, Verification

ZOOM_MIN_PAIRS = 4  # pairs on the line, spread over this many seconds at least
ZOOM_MIN_SPAN_S = 2.0
# A frame shows picture around a part of it when its keypoints there are at least this dense
# (per share of the frame), and move at least this often, against its keypoints inside
AROUND_DENSITY = 0.5
SCREEN_FILLS = 0.85  # of B's frame, A's picture covers this much to be B's picture on a screen


def describe_stretch(
    segment: Segment,
    on_line: Sequence[tuple[float, Verification]],
    transform: np.ndarray,
    sizes: tuple[tuple[int, int], tuple[int, int]],
    frames: tuple[Sequence[FrameFeatures], Sequence[FrameFeatures]] = ((), ()),
    trend: Sequence[tuple[float, Verification]] = (),
) -> SharedStretch:
    """Median geometry of the verified pairs on a segment's line (each with its A time), and
    what it means; ``frames``, A's and B's frames on the line, say what lies around the
    picture the two share; the zoom is measured on ``trend`` (the pairs along the whole
    stretch, one per A time) where given, else on the line's pairs."""
    a_size, b_size = sizes
    checks = [v for _, v in on_line]
    scale = statistics.median(v.scale for v in checks)
    rotation = statistics.median(v.rotation_deg for v in checks)
    placement = overlap(transform, a_size, b_size)
    placement = replace(placement, around_in_b=picture_around(frames[1], placement.box_in_b),
                        around_in_a=picture_around(frames[0], placement.box_in_a))  # fmt: skip
    change = zoom(trend or on_line)
    return SharedStretch(
        segment=segment, scale=scale, rotation_deg=rotation, a_area_in_b=placement.covered,
        b_area_from_a=placement.kept, a_box_in_b=placement.box_in_b,
        b_box_in_a=placement.box_in_a, zoom=change, around_in_b=placement.around_in_b,
        around_in_a=placement.around_in_a,
        alterations=alterations(segment, rotation, placement, zoom=change),
    )  # fmt: skip


def inside_screen(stretch: SharedStretch, box: Box) -> SharedStretch:
    """The stretch against the whole still whose picture (A's) was found at ``box`` (shares
    of the still) on a screen: B's frame lies over that part of the still, the rest of which
    is the screen, not picture; the scale and turn stay the picture's. Only where A's
    picture fills B's frame (``SCREEN_FILLS``): where B's frame reaches beyond it, B shows
    what lay around the picture too (a film's own pillarbox bands, cut from its still as a
    border: both show them), and the geometry is told as it was measured."""
    if stretch.a_area_in_b < SCREEN_FILLS:
        return stretch
    x0, y0, x1, y1 = box
    bx0, by0, bx1, by1 = stretch.b_box_in_a
    width, height = x1 - x0, y1 - y0
    in_still = (round(x0 + bx0 * width, 4), round(y0 + by0 * height, 4),
                round(x0 + bx1 * width, 4), round(y0 + by1 * height, 4))  # fmt: skip
    kept = stretch.b_area_from_a * width * height
    placement = replace(stretch.placement, kept=kept, box_in_a=in_still, around_in_a=False,
                        screen_in_a=True)  # fmt: skip
    return replace(stretch, b_area_from_a=kept, b_box_in_a=in_still, around_in_a=False,
                   screen_in_a=True,
                   alterations=alterations(stretch.segment, stretch.rotation_deg, placement,
                                           stretch.inverted, stretch.zoom))  # fmt: skip


def zoom(on_line: Sequence[tuple[float, Verification]]) -> float:
    """B's scale at the stretch's end over its scale at its start (in A's time order), from
    the trend of the pairs' scales (Theil-Sen: the median of the slopes between pairs, so a
    few poor fits do not tilt it); 1.0 when there are too few pairs or seconds to tell."""
    times = np.array([t for t, _ in on_line], np.float64)
    if len(times) < ZOOM_MIN_PAIRS or np.ptp(times) < ZOOM_MIN_SPAN_S:
        return 1.0
    logs = np.log([v.scale for _, v in on_line])
    i, j = np.triu_indices(len(times), k=1)
    apart = times[j] - times[i]
    usable = apart > 0
    if not usable.any():
        return 1.0
    slope = float(np.median((logs[j] - logs[i])[usable] / apart[usable]))
    return math.exp(slope * float(np.ptp(times)))


def overlap(transform: np.ndarray, a_size: tuple[int, int], b_size: tuple[int, int]) -> Placement:
    """How much of B's frame A's picture covers, how much of A's picture B shows, and where."""
    projected = _project(transform, a_size)
    frame = _corners(b_size).reshape(-1, 2)
    area_a = abs(cv2.contourArea(projected))
    inter, _ = cv2.intersectConvexConvex(projected, frame)
    back = _project(cv2.invertAffineTransform(transform), b_size)
    box_in_b, box_in_a = _box(projected, b_size), _box(back, a_size)
    if area_a <= 0:
        return Placement(0.0, 0.0, box_in_b, box_in_a)
    return Placement(float(inter / (b_size[0] * b_size[1])), float(inter / area_a), box_in_b,
                     box_in_a)  # fmt: skip


def _corners(size: tuple[int, int]) -> np.ndarray:
    w, h = size
    return np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32).reshape(-1, 1, 2)


def _project(transform: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    return cv2.transform(_corners(size), transform).reshape(-1, 2)


def _box(points: np.ndarray, size: tuple[int, int]) -> Box:
    """Bounding box of ``points`` in shares of ``size``, clipped to the frame."""
    x0, y0 = np.clip(points.min(axis=0) / size, 0, 1)
    x1, y1 = np.clip(points.max(axis=0) / size, 0, 1)
    return round(float(x0), 4), round(float(y0), 4), round(float(x1), 4), round(float(y1), 4)


def picture_around(frames: Sequence[FrameFeatures], box: Box) -> bool:
    """Whether the frames show picture outside ``box`` (shares of the frame) as the rest of
    a wider picture would: keypoints about as dense as inside, moving about as often as
    inside. Bands hold none, a blurred fill few; a still panel or template around moving
    footage holds keypoints that never move. Keypoints within EDGE of the box's border count
    on neither side."""
    x0, y0, x1, y1 = box
    inside_area = (x1 - x0) * (y1 - y0)
    whole = [f for f in frames if f.region is None and len(f.points[0])]
    if not whole or not 0 < inside_area < 0.9:
        return False
    counts = np.zeros((2, 2))  # [inside, outside] x [all, moving]
    for frame in whole:
        x, y = (frame.points[0] / np.array(frame.size, np.float32)).T
        near = (x >= x0 - EDGE) & (x <= x1 + EDGE) & (y >= y0 - EDGE) & (y <= y1 + EDGE)
        within = (x >= x0 + EDGE) & (x <= x1 - EDGE) & (y >= y0 + EDGE) & (y <= y1 - EDGE)
        moving = ~frame.still_at(0)
        for row, where in enumerate((within, ~near)):
            counts[row] += (where.sum(), (where & moving).sum())
    (inside, inside_moving), (outside, outside_moving) = counts
    if outside == 0 or inside == 0:
        return False
    dense = outside / (1 - inside_area) >= AROUND_DENSITY * inside / inside_area
    return bool(dense and outside_moving / outside >= AROUND_DENSITY * inside_moving / inside)


def near_points(points: np.ndarray, other: np.ndarray, radius: float
                ) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """(i, j) where ``other[j]`` lies within ``radius`` of ``points[i]``. Only the points
    within ``radius`` along x are measured (found by sorting on x): a frame's 200 keypoints
    have a few neighbours each, and measuring all 40,000 pairs took most of the still layer's
    time."""
    if not len(points) or not len(other):
        return np.zeros(0, np.intp), np.zeros(0, np.intp)
    order = np.argsort(other[:, 0], kind="stable")
    xs = other[order, 0]
    low = np.searchsorted(xs, points[:, 0] - radius, side="left")
    counts = np.searchsorted(xs, points[:, 0] + radius, side="right") - low
    rows = np.repeat(np.arange(len(points)), counts)
    within = np.arange(len(rows)) - np.repeat(np.cumsum(counts) - counts, counts)
    cols = order[np.repeat(low, counts) + within]
    gaps = points[rows] - other[cols]
    near = np.einsum("ij,ij->i", gaps, gaps) <= radius**2
    return rows[near], cols[near]
