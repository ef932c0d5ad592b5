"""A fixed camera whose only motion is a small object (issue 14; the tune bottle scene): ORB's
200 strongest corners go to the still edges, so the part of the picture that changed gets
keypoints of its own (``motion.with_moving_keypoints``). Media: ``tests/fixed_camera.py``."""

from __future__ import annotations

from fractions import Fraction

import cv2
import numpy as np
import pytest

from forensics.media.frames import SampledFrame
from forensics.records.media import Timestamp
from forensics.reuse import motion
from forensics.reuse.compare import compare
from forensics.reuse.features import EXTRA_FEATURES, describe, describe_within
from forensics.reuse.motion import mark_still, with_moving_keypoints
from tests.fixed_camera import FPS, altered, cut, still_room
from tests.media import textured_grey

CROP = "crop=iw*0.8:ih*0.8:iw*0.1:ih*0.05,scale=320:240"


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    """Clip A (0-6 s), A re-encoded smaller and A cropped, and the camera 7.5 s and 20 s
    after A."""
    folder = tmp_path_factory.mktemp("room")
    frames = still_room(28)
    a = cut(folder / "a.mp4", frames, 0, 6)
    return {
        "a": a,
        "re-encoded": altered(folder / "reencoded.mp4", a, "scale=256:192"),
        "cropped": altered(folder / "cropped.mp4", a, CROP),
        "7.5 s later": cut(folder / "later_7_5.mp4", frames, 7.5, 13.5),
        "20 s later": cut(folder / "later_20.mp4", frames, 20, 26),
    }


@pytest.mark.parametrize("repost", ["re-encoded", "cropped"])
def test_a_small_mover_reposted_is_shared(room, repost):
    [stretch] = compare(room["a"], room[repost]).stretches
    segment = stretch.segment
    assert abs(segment.offset) <= 0.6 and segment.rate == pytest.approx(1.0, abs=0.05)
    assert segment.a_end - segment.a_start >= 3.0


def test_without_keypoints_of_its_own_the_mover_is_missed(room, monkeypatch):
    """What the change adds: with only the frame's 200 strongest corners, the repost matched
    through its still background alone, as the same place."""
    monkeypatch.setattr(motion, "MOVING_SHARE_MAX", -1.0)
    result = compare(room["a"], room["re-encoded"])
    assert not result.shared
    assert result.still_match is not None and result.still_match.kind == "place"


@pytest.mark.parametrize("later", ["7.5 s later", "20 s later"])
def test_the_same_room_at_another_moment_is_not_shared(room, later):
    for a, b in ((room["a"], room[later]), (room[later], room["a"])):
        result = compare(a, b)
        assert not result.shared, [s.segment for s in result.stretches]
        assert result.still_match is not None and result.still_match.kind == "place"


def test_keypoints_are_described_within_the_mask_alone():
    picture = textured_grey(3, (320, 240))
    mask = np.zeros(picture.shape, bool)
    mask[100:160, 200:280] = True
    points, descriptors = describe_within(picture, mask)
    assert 20 <= len(points) <= EXTRA_FEATURES and len(descriptors) == len(points)
    assert mask[points[:, 1].astype(int), points[:, 0].astype(int)].all()
    empty, _ = describe_within(picture, np.zeros(picture.shape, bool))
    assert not len(empty)


def _moment(picture: np.ndarray) -> SampledFrame:
    return SampledFrame(Timestamp(0, Fraction(1, 2)), picture)


def test_only_a_small_changed_part_gets_keypoints_and_only_once():
    picture = textured_grey(4, (320, 240))
    frame = describe(0.0, picture)
    assert frame is not None
    stable = np.ones(picture.shape, bool)
    stable[60:120, 40:120] = False  # 6 % of the picture changed
    more = with_moving_keypoints(frame, picture, stable)
    added = [len(more.points[side]) - len(frame.points[side]) for side in (0, 1)]
    assert min(added) >= 10
    extra = more.points[0][len(frame.points[0]) :]
    assert (~stable[extra[:, 1].astype(int), extra[:, 0].astype(int)]).all()
    mirrored = more.points[1][len(frame.points[1]) :]  # the mirror image's: the mask flipped
    assert (~stable[:, ::-1][mirrored[:, 1].astype(int), mirrored[:, 0].astype(int)]).all()
    again = with_moving_keypoints(more, picture, stable)
    assert [len(p) for p in again.points] == [len(p) for p in more.points]
    only_mirror = with_moving_keypoints(frame, picture, stable, sides=(1,))
    assert len(only_mirror.points[0]) == len(frame.points[0])
    # a moving camera changes most of the picture: its own keypoints lie there already
    assert with_moving_keypoints(frame, picture, np.zeros(picture.shape, bool)) is frame
    assert with_moving_keypoints(frame, picture, np.ones(picture.shape, bool)) is frame


def test_the_extra_keypoints_are_marked_as_moving():
    frames = still_room(6)
    samples, described = [], []
    for i in range(0, len(frames), FPS // 2):  # 2 a second
        grey = np.ascontiguousarray(frames[i][:, :, 0])
        samples.append(SampledFrame(Timestamp(i, Fraction(1, FPS)), grey))
        found = describe(i / FPS, grey)
        assert found is not None
        described.append(found)
    marked = mark_still(described, samples)
    gained = [len(m.points[0]) - len(d.points[0]) for m, d in zip(marked, described, strict=True)]
    assert min(gained) >= 15
    moving = [int((~m.still_at(0)[len(d.points[0]) :]).sum())
              for m, d in zip(marked, described, strict=True)]  # fmt: skip
    assert min(moving) >= 15


def _float_stable(here: np.ndarray, probes: list[np.ndarray]) -> np.ndarray:
    """The unchanged pixels as the float blur found them before (a share of a patch)."""
    best = None
    for probe in probes:
        levels = (motion.median_grey(here), motion.median_grey(probe))
        matched = motion.exposure_matched(here, probe, levels)
        alike = (np.abs(matched - probe) <= motion.STABLE_GREY).astype(np.float32)
        share = cv2.blur(alike, (motion.STABLE_PATCH, motion.STABLE_PATCH))
        best = share if best is None else np.maximum(best, share)
    assert best is not None
    return best >= motion.STABLE_SHARE


def test_unchanged_pixels_counted_in_whole_pixels_are_the_float_shares_to_the_bit():
    """The still layer's maps count a patch's alike pixels in 8 bits (``STABLE_COUNT``) where
    they took a float blur's share: the same map on pictures whose patches hold every count
    around the threshold (noise of every strength), with an exposure change and a fade."""
    rng = np.random.default_rng(7)
    here = textured_grey(8, (320, 180)).astype(np.int16)
    noisy = [np.clip(here + rng.normal(0, sigma, here.shape), 0, 255).astype(np.int16)
             for sigma in (6, 9, 12, 20)]  # fmt: skip
    darker = (here * 0.6).astype(np.int16)  # the camera's exposure: not a change
    faded = (here * 0.2).astype(np.int16)  # a fade: no plausible exposure change
    pictures = [here, *noisy, darker, faded]
    samples = [SampledFrame(Timestamp(i, Fraction(1, 1)), p.astype(np.uint8))
               for i, p in enumerate(pictures)]  # fmt: skip
    found = motion._Pictures(samples)
    shares = []
    for probes in ([1], [2], [3], [4], [1, 3], [5], [6], [2, 4, 5, 6]):
        new = found.stable(0.0, [float(i) for i in probes])
        old = _float_stable(here, [pictures[i] for i in probes])
        assert new is not None and np.array_equal(new, old)
        alike = (np.abs(pictures[probes[0]] - here) <= motion.STABLE_GREY).astype(np.float32)
        shares.append(cv2.blur(alike, (motion.STABLE_PATCH, motion.STABLE_PATCH)) * 81)
    near = np.rint(np.concatenate([s.ravel() for s in shares]))
    assert motion.STABLE_COUNT == 65 and (near == 64).sum() > 100 and (near == 65).sum() > 100
