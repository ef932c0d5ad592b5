"""What stays still in a clip: burned-in graphics (a HUD, a channel logo, a news template,
captions that stay) and, for a fixed camera, the background.

Two clips that share such a layer but no footage match on it at every moment: the same news
template around two different reports, the same HUD over two flights, one fixed camera an hour
apart. So a keypoint that recurs at the same place, looking the same, seconds earlier or later
in its own clip is marked still (or its patch of picture is unchanged there, once the
exposure is matched: a camera's automatic exposure changes every grey, not the scene), and a
frame pair counts as the same footage only through keypoints that are still in neither clip
(``matching``). What matches only through the still layer is another finding ("same camera
or place, or the same graphics": ``compare``).

Where nothing moves at all (a photo or a card held on screen, a fixed camera with no one in
view), still keypoints are all there is: two such clips are then not called the same footage,
only the weaker finding, as the same picture filmed twice and one clip shown twice cannot be
told apart there.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

import cv2
import numpy as np

from forensics.media.frames import SampledFrame, SampleSpool
from forensics.reuse.features import (
    FrameFeatures,
    describe_within,
    differing_bits,
    region_image,
)
from forensics.reuse.geometry import near_points

RECUR_PX = 3.0  # sample pixels: a still keypoint is found again this near its place
RECUR_HAMMING = 80  # of 256 bits: and with a descriptor this near (the footage under a thin
# HUD line or a logo's edge changes part of its patch)
GAP_S = 2.0  # compared with frames at least this far away (what moves has moved by then)
# or, for a moment with no frame that far (the middle of a clip under 4 s; none of a clip of
# 2 s), at least this far: unmarked, a fixed camera's background was footage evidence, and two
# 2-2.5 s clips of one camera at other moments were called shared (tune bottle, chaplin)
SHORT_GAP_S = 1.0
WINDOW_S = 12.0  # and at most this far (a logo or a HUD may come and go with the shots)
PROBES = 4  # frames compared with, nearest the gap on both sides
RECURS_IN = 1  # a keypoint found again in this many probes (all of them if fewer) is still
# Or its patch of picture (STABLE_PATCH pixels square) is unchanged at another moment: this
# share of its pixels within STABLE_GREY grey levels (re-encoding noise; what moves differs
# by far more)
STABLE_PATCH = 9
STABLE_GREY = 10
STABLE_SHARE = 0.8
# The same test counted in whole pixels (65 of 81): a box filter of the 0/1 map in 8 bits sums a
# patch exactly, four times faster than the float blur whose share it equals to the bit
STABLE_COUNT = math.ceil(STABLE_SHARE * STABLE_PATCH**2 - 1e-9)
# A moment is compared with another after a gain fitted on every GAIN_STEP-th
# pixel (automatic exposure); a gain outside MIN_GAIN..1/MIN_GAIN, or a fit that holds less
# than GAIN_SUPPORT of the picture, is no exposure change (a fade, a cut) and is not applied
GAIN_STEP = 4
MIN_GAIN = 0.4
GAIN_SUPPORT = 0.5
# The part of a moment's picture that changed against every probe gets keypoints of its own
# (``features.describe_within``) when it is a small part of the picture: what moves in a fixed
# camera. Where more changed (the camera moves) the frame's own keypoints already lie on it.
MOVING_SHARE_MAX = 0.5
MOVING_MIN_SHARE = 0.002  # less is re-encoding flicker, not something moving
MOVING_OPEN_PX = 5  # specks thinner than this are flicker too
KEPT_PICTURES = 64  # sampled pictures kept in memory: the probes of the frames near each other


def mark_still(frames: Sequence[FrameFeatures], samples: Sequence[SampledFrame] = ()
               ) -> tuple[FrameFeatures, ...]:  # fmt: skip
    """Every frame with its keypoints that stay still in the clip marked. An inset (a crop of
    the frame described on its own) is compared with the same crop at other times. With the
    clip's ``samples``, a keypoint whose patch of picture is unchanged at another moment is
    still too (ORB keeps the strongest corners of each frame, so a still corner is not always
    found again: what passes by changes which ones)."""
    return mark_still_layers([frames], samples)[0]


def mark_still_layers(
    layers: Sequence[Sequence[FrameFeatures]], samples: Sequence[SampledFrame] = (),
    maps: StableMaps | None = None, sides: tuple[int, ...] = (0, 1),
    inverted: Sequence[bool] = (),
) -> list[tuple[FrameFeatures, ...]]:  # fmt: skip
    """:func:`mark_still` for several descriptions of the same samples (as is, and grey
    levels inverted: ``inverted`` says which layers are): the unchanged pixels of a moment
    are found once for all of them (an inverted picture differs from another exactly where
    the original does). With ``maps`` they are kept for layers marked later; only ``sides``
    are marked (the others keep their marks: a mirror side described later). A whole
    frame's ``sides`` first get keypoints of their own where its picture changed
    (:func:`with_moving_keypoints`)."""
    maps = maps if maps is not None else StableMaps(samples, latest_only=True)
    marked: list[dict[int, FrameFeatures]] = [{} for _ in layers]
    for t, layer, frame, probes in _jobs_in_time_order(layers):
        stable = maps.at(t, tuple(p.t for p in probes))
        flipped = layer < len(inverted) and inverted[layer]
        more = with_moving_keypoints(frame, maps.picture(t, flipped), stable, sides)
        still = tuple(_still(more, probes, side, stable) if side in sides
                      else more.still_at(side) for side in (0, 1))  # fmt: skip
        marked[layer][id(frame)] = replace(more, still=(still[0], still[1]))
    return [tuple(done.get(id(f), f) for f in frames)
            for frames, done in zip(layers, marked, strict=True)]  # fmt: skip


def with_moving_keypoints(frame: FrameFeatures, picture: np.ndarray | None,
                          stable: np.ndarray | None, sides: tuple[int, ...] = (0, 1)
                          ) -> FrameFeatures:  # fmt: skip
    """``frame`` (a whole frame; ``picture`` its grey image) with up to
    ``features.EXTRA_FEATURES`` keypoints more on each of ``sides`` within the part of the
    picture that changed (not ``stable``), when that is a small part (``_moving_region``).
    Keypoints within ``RECUR_PX`` of one it has are not added again, so adding twice adds
    nothing the second time (a mirror side completed later, as ``query`` does).

    An inset (a crop described enlarged) gets them too, within the part of the inset that
    changed, looked for at the inset's own scale: a fixed camera's footage shown in a news
    frame or a corner moves only where a hand or a car passes, and the still table's or
    road's corners take the inset's budget as they take a whole frame's."""
    if picture is None or stable is None or not _whole_or_inset(frame):
        return frame
    if frame.region is not None:
        picture = region_image(picture, frame.region)
        stable = region_image(stable.astype(np.uint8), frame.region, nearest=True) > 0
    moving = _moving_region(stable)
    if moving is None:
        return frame
    points, descriptors = list(frame.points), list(frame.descriptors)
    for side in sides:
        if not len(points[side]):
            continue
        image, mask = (picture, moving) if side == 0 else (picture[:, ::-1], moving[:, ::-1])
        found, desc = describe_within(np.ascontiguousarray(image), mask)
        known = near_points(found, points[side], RECUR_PX)[0]
        fresh = np.ones(len(found), bool)
        fresh[known] = False
        new = np.flatnonzero(fresh)  # np.setdiff1d's answer at a fortieth of its cost
        points[side] = np.vstack([points[side], found[new]])
        descriptors[side] = np.vstack([descriptors[side], desc[new]])
    return replace(frame, points=(points[0], points[1]),
                   descriptors=(descriptors[0], descriptors[1]))  # fmt: skip


def _whole_or_inset(frame: FrameFeatures) -> bool:
    """A whole frame, or an inset's crop (enlarged: not a portrait frame described shrunk)."""
    return frame.region is None or frame.region.scale < 1.0


def _moving_region(stable: np.ndarray | None) -> np.ndarray | None:
    """The pixels a moment's picture changed at (not ``stable``) without their specks, when
    they are between ``MOVING_MIN_SHARE`` and ``MOVING_SHARE_MAX`` of the picture."""
    if stable is None:
        return None
    moving = ~stable
    if not MOVING_MIN_SHARE <= float(moving.mean()) <= MOVING_SHARE_MAX:
        return None
    kernel = np.ones((MOVING_OPEN_PX, MOVING_OPEN_PX), np.uint8)
    opened = cv2.morphologyEx(moving.astype(np.uint8), cv2.MORPH_OPEN, kernel).astype(bool)
    return opened if opened.any() else None


class StableMaps:
    """The unchanged pixels of each moment against its probes (``_Pictures.stable``), found
    once: kept packed (a bit a pixel) for layers marked later, or (``latest_only``) only
    those of the moment being marked, as they are."""

    def __init__(self, samples: Sequence[SampledFrame], latest_only: bool = False) -> None:
        self.pictures = _Pictures(samples)
        self.latest_only = latest_only
        self.kept: dict[tuple[float, tuple[float, ...]], np.ndarray | None] = {}
        self.shape: tuple[int, int] = (0, 0)

    def picture(self, t: float, inverted: bool = False) -> np.ndarray | None:
        """The grey picture (uint8) sampled at ``t``, its levels inverted if ``inverted``."""
        gray = self.pictures.gray(t)
        if gray is None:
            return None
        return (255 - gray if inverted else gray).astype(np.uint8)

    def at(self, t: float, probe_times: tuple[float, ...]) -> np.ndarray | None:
        key = (t, probe_times)
        if key not in self.kept:
            if self.latest_only and self.kept and next(iter(self.kept))[0] != t:
                self.kept.clear()
            found = self.pictures.stable(t, probe_times)
            if found is not None and not self.latest_only:
                self.shape, found = found.shape, np.packbits(found)  # one picture size a clip
            self.kept[key] = found
        kept = self.kept[key]
        if kept is None or self.latest_only:
            return kept
        count = self.shape[0] * self.shape[1]
        return np.unpackbits(kept, count=count).reshape(self.shape).astype(bool)


def _jobs_in_time_order(
    layers: Sequence[Sequence[FrameFeatures]],
) -> list[tuple[float, int, FrameFeatures, list[FrameFeatures]]]:
    """(time, layer, frame, the frames it is compared with) for every frame with probes,
    the layers of one moment together."""
    jobs = []
    for layer, frames in enumerate(layers):
        for group in _by_region(frames).values():
            times = np.array([f.t for f in group])
            for index, frame in enumerate(group):
                probes = [group[i] for i in _probe_indices(times, index)]
                if probes:
                    jobs.append((frame.t, layer, frame, probes))
    return sorted(jobs, key=lambda job: (job[0], job[1]))


def _by_region(frames: Sequence[FrameFeatures]) -> dict[object, list[FrameFeatures]]:
    groups: dict[object, list[FrameFeatures]] = defaultdict(list)
    for frame in frames:
        groups[frame.region].append(frame)
    return groups


def _probe_indices(times: np.ndarray, index: int) -> list[int]:
    """The ``PROBES`` frames nearest ``GAP_S`` away (up to ``WINDOW_S``), else nearest
    ``SHORT_GAP_S`` away: a moment of a short clip is compared too."""
    gaps = np.abs(times - times[index])
    for least in (GAP_S, SHORT_GAP_S):
        usable = np.nonzero((gaps >= least) & (gaps <= WINDOW_S))[0]
        if len(usable):
            break
    return sorted(usable.tolist(), key=lambda i: gaps[i])[:PROBES]


def _still(frame: FrameFeatures, probes: Sequence[FrameFeatures], side: int,
           stable: np.ndarray | None) -> np.ndarray:  # fmt: skip
    """The still keypoints of one side. The mirror image's are told by their patch of picture
    alone: its keypoints are the same corners, and the search for recurring ones costs as much
    again for little (a HUD flipped along with the footage it is over)."""
    points, descriptors = frame.points[side], frame.descriptors[side]
    found = np.zeros(len(points), np.int32)
    if side == 0 or stable is None:
        found = recurrences(points, descriptors, [p.points[side] for p in probes],
                            [p.descriptors[side] for p in probes])  # fmt: skip
    still = found >= min(RECURS_IN, len(probes))
    if stable is not None and len(points):
        where = frame.frame_points(side)  # the mirror image's points: look in the mirrored map
        picture = stable if side == 0 else stable[:, ::-1]
        x = np.clip(where[:, 0].astype(int), 0, picture.shape[1] - 1)
        y = np.clip(where[:, 1].astype(int), 0, picture.shape[0] - 1)
        still |= picture[y, x]
    return still


class _Pictures:
    """The clip's sampled pictures by time, read from the spool as needed (a few kept)."""

    def __init__(self, samples: Sequence[SampledFrame]) -> None:
        self.samples = samples
        times = samples.times if isinstance(samples, SampleSpool) else [s.time for s in samples]
        self.index = {round(t.seconds, 6): i for i, t in enumerate(times)}
        self.kept: dict[int, np.ndarray] = {}
        self.levels: dict[float, float] = {}

    def gray(self, t: float) -> np.ndarray | None:
        index = self.index.get(round(t, 6))
        if index is None:
            return None
        if index not in self.kept:
            if len(self.kept) >= KEPT_PICTURES:
                self.kept.pop(max(self.kept, key=lambda i: abs(i - index)))  # the farthest
            self.kept[index] = np.asarray(self.samples[index].gray, np.int16)
        return self.kept[index]

    def level(self, t: float) -> float:
        """The median grey of the picture at ``t`` (:func:`median_grey`), found once: each
        picture is a probe of several moments."""
        if t not in self.levels:
            gray = self.gray(t)
            self.levels[t] = 0.0 if gray is None else median_grey(gray)
        return self.levels[t]

    def stable(self, t: float, probe_times: Sequence[float]) -> np.ndarray | None:
        """Pixels whose neighbourhood (``STABLE_PATCH`` square) has ``STABLE_SHARE`` of its
        pixels (``STABLE_COUNT``) alike in at least one probe picture, once the exposure is
        matched (:func:`exposure_matched`)."""
        here = self.gray(t)
        if here is None:
            return None
        best: np.ndarray | None = None
        for when in probe_times:
            probe = self.gray(when)
            if probe is None:
                continue
            matched = exposure_matched(here, probe, (self.level(t), self.level(when)))
            alike = (np.abs(matched - probe) <= STABLE_GREY).astype(np.uint8)
            count = cv2.boxFilter(alike, -1, (STABLE_PATCH, STABLE_PATCH), normalize=False)
            best = count if best is None else np.maximum(best, count)
        return None if best is None else best >= STABLE_COUNT


def exposure_matched(here: np.ndarray, probe: np.ndarray,
                     levels: tuple[float, float] | None = None) -> np.ndarray:  # fmt: skip
    """``here`` with its grey levels scaled to ``probe``'s exposure, so that a camera's
    automatic exposure is not taken for change: on the tune car source the whole road
    darkens to half its grey while a car passes, and the unchanged road then looked as if it
    moved. Exposure scales light, and a power law (the video's gamma) keeps a scale a scale,
    so one gain is fitted: the ratio of the two pictures' median greys, then again over the
    pixels that gain explains (what moved, a car or a hand, is left out). Where it is no
    plausible exposure change (a fade to black, a cut), ``here`` is returned as it is.
    ``levels``: the two pictures' :func:`median_grey`, when the caller has them (the first
    fit's medians depend on one picture each: a picture compared with four probes, and
    probing four moments, has them found once)."""
    x = here[::GAIN_STEP, ::GAIN_STEP].ravel().astype(np.float32)
    y = probe[::GAIN_STEP, ::GAIN_STEP].ravel().astype(np.float32)
    base, top = levels if levels is not None else (_median(x), _median(y))
    if base < 1.0:
        return here
    keep = np.abs(top / base * x - y) <= 2 * STABLE_GREY  # what the first gain explains
    base = _median(x[keep]) if keep.any() else 0.0
    if base < 1.0:
        return here
    gain = _median(y[keep]) / base
    keep = np.abs(gain * x - y) <= 2 * STABLE_GREY
    if not MIN_GAIN <= gain <= 1 / MIN_GAIN or keep.mean() < GAIN_SUPPORT:
        return here
    return (gain * here.astype(np.float32)).astype(np.int16)


def median_grey(picture: np.ndarray) -> float:
    """The median of every ``GAIN_STEP``-th pixel's grey (as :func:`exposure_matched` fits)."""
    return _median(picture[::GAIN_STEP, ::GAIN_STEP].ravel().astype(np.float32))


def _median(values: np.ndarray) -> float:
    """``np.median`` of a 1-D float array without NaN, from one partition (numpy's wrapper
    around the same partition and mean cost as much again: 127 against 64 us on 3,600
    values, four times a probe)."""
    half = len(values) // 2
    if not len(values):
        return 0.0
    if len(values) % 2:
        return float(np.partition(values, half)[half])
    return float(np.partition(values, (half - 1, half))[half - 1 : half + 1].mean())


def recurrences(points: np.ndarray, descriptors: np.ndarray, other_points: Sequence[np.ndarray],
                other_descriptors: Sequence[np.ndarray]) -> np.ndarray:  # fmt: skip
    """For each keypoint, in how many of the other frames (their keypoints ``other_points``,
    descriptors ``other_descriptors``) one lies at its place with a near descriptor. The
    frames are searched at once: one search a probe cost the still marks most of their time."""
    sizes = [len(other) for other in other_points]
    if not len(points) or not sum(sizes):
        return np.zeros(len(points), np.int32)
    rows, cols = near_points(points, np.vstack(other_points), RECUR_PX)
    near = differing_bits(descriptors[rows], np.vstack(other_descriptors)[cols]) <= RECUR_HAMMING
    frame_of = np.repeat(np.arange(len(sizes)), sizes)
    hits = np.unique(frame_of[cols[near]] * len(points) + rows[near])  # once per frame
    return np.bincount(hits % len(points), minlength=len(points)).astype(np.int32)
