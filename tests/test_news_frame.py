"""Footage shown inside a TV news frame (issue 14, helper newsframe): the window is found as an
inset without the lower third under it, what moves inside it gets keypoints of its own at the
inset's scale, and two different clips in one frame are not the same footage. Generated
pictures only: a studio template (gradient, logo, lower third, scrolling ticker) drawn here,
the footage of ``tests.test_insets`` and the fixed camera of ``tests.fixed_camera``."""

from __future__ import annotations

from fractions import Fraction

import cv2
import numpy as np
import pytest

from forensics.media.frames import SampledFrame
from forensics.records import Timestamp
from forensics.reuse.compare import compare_features
from forensics.reuse.decoding import describe_decoded
from forensics.reuse.features import describe_inset
from forensics.reuse.insets import Inset, find_insets
from forensics.reuse.motion import with_moving_keypoints
from tests.fixed_camera import FPS, still_room
from tests.test_insets import busy, footage

W, H = 320, 180
# The window: half the frame's width, its bottom edge 6 pixels above the lower third's top
# (as the tune news frame has it at this size)
WINDOW = (140, 14, 300, 104)
LOWER_THIRD = (110, 136)
TICKER = (136, 152)
STEP_S = 0.5


def studio(t: float) -> np.ndarray:
    """The channel's template at ``t`` s: a still gradient, a logo, a headline band, and a
    ticker whose text scrolls (a graphic that moves alike in every clip of the channel)."""
    frame = np.tile(np.linspace(40, 90, W, dtype=np.float32), (H, 1)).astype(np.uint8)
    cv2.rectangle(frame, (8, 8), (70, 30), 235, -1)
    cv2.putText(frame, "NEWS 24", (12, 25), cv2.FONT_HERSHEY_SIMPLEX, 0.45, 60, 1)
    frame[LOWER_THIRD[0] : LOWER_THIRD[1]] = 70
    cv2.putText(frame, "BORDER RAID - NEW VIDEO", (8, 129), cv2.FONT_HERSHEY_SIMPLEX, 0.55,
                245, 1)  # fmt: skip
    frame[TICKER[0] : TICKER[1]] = 15
    x = W - int(t * 30) % 500
    cv2.putText(frame, "MARKETS | WEATHER | FRONTLINE LIVE", (x, 148), cv2.FONT_HERSHEY_SIMPLEX,
                0.35, 220, 1)  # fmt: skip
    return frame


def in_news_frame(pictures: list[np.ndarray]) -> list[np.ndarray]:
    """Each picture shrunk into the template's window, with a white border."""
    x0, y0, x1, y1 = WINDOW
    framed = []
    for index, picture in enumerate(pictures):
        frame = studio(index * STEP_S)
        cv2.rectangle(frame, (x0 - 2, y0 - 2), (x1 + 1, y1 + 1), 250, 2)
        frame[y0:y1, x0:x1] = cv2.resize(picture, (x1 - x0, y1 - y0), interpolation=cv2.INTER_AREA)
        framed.append(frame)
    return framed


def samples(frames: list[np.ndarray]) -> list[SampledFrame]:
    step = Fraction(STEP_S).limit_denominator()
    return [SampledFrame(Timestamp(i, step), f) for i, f in enumerate(frames)]


def described(frames: list[np.ndarray]):
    """A clip's features as a decode makes them: described, its still layer marked."""
    return describe_decoded(samples(frames), (W, H), len(frames) * STEP_S)


def room(start_s: float, count: int) -> list[np.ndarray]:
    """The fixed camera (a table, one small thing moving) sampled every STEP_S, grey, 320x180."""
    frames = still_room(start_s + count * STEP_S + 1)
    every = round(STEP_S * FPS)
    picked = frames[round(start_s * FPS) :: every][:count]
    return [cv2.resize(cv2.cvtColor(f, cv2.COLOR_RGB2GRAY), (W, H)) for f in picked]


def test_the_window_is_found_without_the_lower_third_under_it():
    [inset] = find_insets(in_news_frame(footage(1, 16)))
    # the window with its border (two pixels), not down to the lower third's edge
    assert (inset.x0, inset.y0, inset.x1, inset.y1) == pytest.approx(WINDOW, abs=5)
    assert inset.y1 < LOWER_THIRD[0] - 1


def test_a_clip_in_the_news_frame_is_found_against_the_clip():
    clip = footage(3, 16)
    result = compare_features("a", described(clip), "b", described(in_news_frame(clip)))
    [stretch] = result.stretches
    assert stretch.segment.a_start == pytest.approx(0.0, abs=0.6)
    assert stretch.segment.a_end == pytest.approx(7.5, abs=0.6)
    box = tuple(v / s for v, s in zip(WINDOW, (W, H, W, H), strict=True))
    assert stretch.a_box_in_b == pytest.approx(box, abs=0.03)


def test_two_different_clips_in_one_news_frame_are_not_shared():
    a, b = in_news_frame(footage(4, 16)), in_news_frame(footage(5, 16))
    assert not compare_features("a", described(a), "b", described(b)).stretches


def test_an_inset_gets_keypoints_of_its_own_where_it_changed():
    """A fixed camera in the window: the still table's corners take the inset's budget, so
    the small thing that moves is described on its own, within the inset, at its scale."""
    frames = in_news_frame(room(0.0, 16))
    sample = samples(frames)[6]
    inset = Inset(*WINDOW, 0, 15)
    frame = describe_inset(sample, inset)
    assert frame is not None
    stable = np.ones((H, W), bool)
    stable[40:70, 180:230] = False  # the part of the window that changed
    more = with_moving_keypoints(frame, np.asarray(sample.gray), stable)
    added = more.frame_points(0)[len(frame.points[0]) :]
    assert len(added) > 0
    assert (added[:, 0] >= 180 - 24).all() and (added[:, 0] <= 230 + 24).all()
    assert (added[:, 1] >= 40 - 24).all() and (added[:, 1] <= 70 + 24).all()
    assert len(more.points[1]) == len(more.descriptors[1])


def test_a_fixed_camera_in_the_news_frame_is_found():
    clip = room(0.0, 16)
    a, b = described(clip), described(in_news_frame(clip))
    assert compare_features("a", a, "b", b).stretches


def test_a_small_inset_before_a_still_background_of_long_edges_is_found():
    """A still background with long straight edges (columns, a fence, an old film's set):
    its ten edges (twenty lines: a step is a ridge on either side) are all longer than the
    sides of an inset at a third of the width."""
    background = np.full((H, W), 90, np.uint8)
    for x in range(180, W, 30):
        background[:, x : x + 9] = 170  # a still stripe: two long edges each
    box = (14, 108, 120, 168)
    frames = []
    for picture in busy(7, 16):
        frame = background.copy()
        size = (box[2] - box[0], box[3] - box[1])
        frame[box[1] : box[3], box[0] : box[2]] = cv2.resize(picture, size)
        frames.append(frame)
    insets = find_insets(frames)
    assert any((i.x0, i.y0, i.x1, i.y1) == pytest.approx(box, abs=2) for i in insets)


def test_an_inset_off_the_corner_with_weak_outer_sides_is_closed_by_the_border():
    """An inset a little off the frame's corner whose outer sides are no edge (its picture
    fades into a like background there): its inner sides need not reach the border."""
    box = (180, 10, 308, 82)
    ramp = np.clip(np.arange(72) / 10, 0, 1)[:, None] * np.clip(np.arange(128)[::-1] / 10, 0, 1)
    frames = []
    for background, picture in zip(busy(8, 16), footage(9, 16), strict=True):
        frame = background.copy()
        shrunk = cv2.resize(picture, (128, 72)).astype(np.float32)
        frame[box[1] : box[3], box[0] : box[2]] = (shrunk * ramp + 100 * (1 - ramp)).astype(
            np.uint8
        )
        frame[: box[1]] = 100  # a flat band along the top
        frame[: box[3], box[2] :] = 100  # and right of the inset
        frames.append(frame)
    [inset] = find_insets(frames)
    assert (inset.x0, inset.y0, inset.x1, inset.y1) == pytest.approx((180, 0, 319, 82), abs=2)
