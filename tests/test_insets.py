"""Picture-in-picture insets: found by their persistent border, described on their own, and
matched to the footage they show."""

from fractions import Fraction

import cv2
import numpy as np
import pytest

from forensics.media.frames import SampledFrame
from forensics.records import Timestamp
from forensics.reuse.compare import compare_features
from forensics.reuse.features import ClipFeatures, FrameFeatures, Region, describe_samples
from forensics.reuse.insets import find_insets

W, H = 320, 180


def textured(rng: np.random.Generator, height: int, width: int, shapes: int) -> np.ndarray:
    """Smooth shading with sharp-edged shapes: edges and corners where a camera sees them."""
    noise = rng.integers(0, 255, (height // 16, width // 16)).astype(np.uint8)
    image = cv2.resize(noise, (width, height), interpolation=cv2.INTER_CUBIC)
    for _ in range(shapes):
        x, y = int(rng.integers(0, width)), int(rng.integers(0, height))
        if rng.random() < 0.5:
            cv2.circle(image, (x, y), int(rng.integers(3, 12)), int(rng.integers(0, 255)), -1)
        else:
            w, h = int(rng.integers(4, 16)), int(rng.integers(4, 16))
            cv2.rectangle(image, (x, y), (x + w, y + h), int(rng.integers(0, 255)), -1)
    return image


def busy(seed: int, n: int) -> list[np.ndarray]:
    """Busy footage panning fast: a landscape full of corners, the keypoints' favourite."""
    big = textured(np.random.default_rng(seed), H, W + 12 * n, shapes=12 * n)
    return [np.ascontiguousarray(big[:, 12 * i : 12 * i + W]) for i in range(n)]


def footage(seed: int, n: int) -> list[np.ndarray]:
    """A softer panning shot: the picture that gets reused."""
    big = textured(np.random.default_rng(seed), H + 40, W + 16 * n, shapes=25 + 2 * n)
    return [np.ascontiguousarray(big[20 : 20 + H, 16 * i : 16 * i + W]) for i in range(n)]


def with_inset(background: np.ndarray, picture: np.ndarray, box: tuple[int, int, int, int]):
    x0, y0, x1, y1 = box
    out = background.copy()
    out[y0:y1, x0:x1] = cv2.resize(picture, (x1 - x0, y1 - y0), interpolation=cv2.INTER_AREA)
    return out


def samples(frames: list[np.ndarray]) -> list[SampledFrame]:
    return [SampledFrame(Timestamp(i, Fraction(1, 2)), f) for i, f in enumerate(frames)]


@pytest.mark.parametrize("box", [(184, 12, 312, 84), (0, 90, 160, 180), (40, 40, 200, 130)])
def test_an_inset_is_found_by_its_persistent_border(box):
    frames = [with_inset(bg, f, box) for bg, f in zip(busy(100, 16), footage(1, 16), strict=True)]
    [inset] = find_insets(frames)
    assert (inset.first, inset.last) == (0, 15)
    assert (inset.x0, inset.y0, inset.x1, inset.y1) == pytest.approx(box, abs=2)


def test_bands_bars_logos_and_plain_footage_are_not_insets():
    plain = footage(2, 16)
    caption = [f.copy() for f in plain]
    letterbox = [f.copy() for f in plain]
    logo = [f.copy() for f in plain]
    for c, lb, lg in zip(caption, letterbox, logo, strict=True):
        c[140:170, :] = 20  # a caption band across the frame
        lb[:30, :], lb[150:, :] = 0, 0  # letterbox bars
        lg[8:40, 250:310] = 230  # a channel logo
    rng = np.random.default_rng(5)  # heavy grain: every pixel is an edge half the time
    grain = [np.clip(f + rng.normal(0, 40, f.shape), 0, 255).astype(np.uint8) for f in plain]
    for frames in (plain, caption, letterbox, logo, grain, busy(6, 16)):
        assert find_insets(frames) == []


def test_a_shrunk_inset_on_a_busy_background_is_matched_and_placed():
    # 40% of the width over busy footage: the whole frame's keypoints all go to the background.
    box = (184, 12, 312, 84)
    original = footage(3, 16)
    reused = [with_inset(bg, f, box) for bg, f in zip(busy(200, 16), original, strict=True)]
    a = ClipFeatures(8.0, (W, H), describe_samples(samples(original)))
    b = ClipFeatures(8.0, (W, H), describe_samples(samples(reused)))
    assert any(f.region is not None for f in b.frames)
    result = compare_features("a", a, "b", b)
    [stretch] = result.stretches
    assert stretch.segment.a_start == pytest.approx(0.0, abs=0.6)
    assert stretch.segment.a_end == pytest.approx(7.5, abs=0.6)
    assert stretch.a_box_in_b == pytest.approx((184 / W, 12 / H, 312 / W, 84 / H), abs=0.03)
    assert any("picture-in-picture" in a for a in stretch.alterations)
    assert result.frames_described == (16, 16)  # insets are not counted as frames


def test_region_features_round_trip_and_map_to_the_frame():
    points = np.array([[10.0, 20.0], [100.0, 50.0]], np.float32)
    mirrored = np.array([[310.0, 20.0]], np.float32)
    descriptors = np.zeros((2, 32), np.uint8)
    region = Region(184, 12, 312, 84, 0.4)
    frame = FrameFeatures(1.5, (W, H), (points, mirrored), (descriptors, descriptors[:1]), region)
    clip = ClipFeatures(2.0, (W, H), (frame,))
    [back] = ClipFeatures.from_bytes(clip.to_bytes()).frames
    assert back.region == region
    assert np.allclose(back.frame_points(0), [[188, 20], [224, 32]])
    # In the mirror image the inset's corner is at W - x1 = 8.
    assert np.allclose(back.frame_points(1), [[8 + 124, 20]])
