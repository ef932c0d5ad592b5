from fractions import Fraction

import imagehash
import numpy as np
import pytest

from forensics.media.frames import SampledFrame
from forensics.media.hashing import (
    detect_borders,
    frame_bars,
    hash_frames,
    hash_image,
    uninformative_reason,
)
from forensics.records import Crop, Timestamp
from tests.media import textured_frame


def gray(seed, size=(256, 144)):
    return textured_frame(seed, size).mean(axis=2).astype(np.uint8)


def letterbox(picture, top, bottom, left=0, right=0):
    h, w = picture.shape
    canvas = np.full((h + top + bottom, w + left + right), 16, np.uint8)
    canvas[top : top + h, left : left + w] = picture
    return canvas


def test_frame_bars_measures_each_edge():
    assert frame_bars(letterbox(gray(1), 20, 18, 6, 0)) == (20, 18, 6, 0)


def test_borders_need_to_be_in_nearly_every_frame():
    frames = [letterbox(gray(s, (256, 100)), 22, 22) for s in range(12)]
    assert detect_borders(frames) == Crop(x=0, y=22, w=256, h=100)
    assert detect_borders([gray(s) for s in range(12)]) is None


def test_dark_scene_is_not_mistaken_for_letterbox():
    frames = [gray(s) for s in range(10)]
    frames[3] = letterbox(gray(3, (256, 80)), 32, 32)  # one dark-edged frame proves nothing
    assert detect_borders(frames) is None


def test_pillarbox_detected():
    frames = [letterbox(gray(s, (180, 144)), 0, 0, 38, 38) for s in range(8)]
    assert detect_borders(frames) == Crop(x=38, y=0, w=180, h=144)


@pytest.mark.parametrize(
    ("picture", "reason"),
    [
        (np.full((144, 256), 5, np.uint8), "black"),
        (np.full((144, 256), 180, np.uint8), "flat"),
        (np.tile(np.linspace(60, 200, 256, dtype=np.uint8), (144, 1)), "low detail"),
    ],
)
def test_uninformative_frames_are_named(picture, reason):
    assert uninformative_reason(picture) == reason


def test_textured_frame_is_informative():
    assert uninformative_reason(gray(4)) is None


def test_mirror_hash_is_the_hash_of_the_flipped_frame():
    picture = gray(5)
    phash, mirror, _ = hash_image(picture)
    flipped_phash, flipped_mirror, _ = hash_image(np.ascontiguousarray(picture[:, ::-1]))
    assert mirror == flipped_phash and phash == flipped_mirror
    assert imagehash.hex_to_hash(phash) - imagehash.hex_to_hash(mirror) > 10


def test_hash_survives_recompression_like_noise_but_not_other_content():
    picture = gray(6)
    noisy = np.clip(picture + np.random.default_rng(0).normal(0, 4, picture.shape), 0, 255)
    a, b, c = (
        imagehash.hex_to_hash(hash_image(p.astype(np.uint8))[0]) for p in (picture, noisy, gray(9))
    )
    assert a - b <= 6
    assert a - c >= 20


def test_hash_frames_crops_before_hashing():
    picture = gray(8, (256, 100))
    boxed = letterbox(picture, 22, 22)
    sample = SampledFrame(Timestamp(1, Fraction(1)), boxed)
    crop = Crop(0, 22, 256, 100)
    (cropped,) = hash_frames([sample], crop)
    assert cropped.phash == hash_image(picture)[0]
    assert cropped.informative and cropped.time.seconds == 1.0
