"""Frame thumbnails: one small grey JPEG per sample, capped, named by time, found by time."""

from fractions import Fraction

import numpy as np
import pytest
from PIL import Image

from forensics.media.frames import SampledFrame
from forensics.media.thumbnails import (
    MAX_FRAME_IMAGES,
    image_name,
    kept_indices,
    nearest,
    write_frame_images,
)
from forensics.records import FrameImage, Timestamp


def sample(seconds: float, size=(320, 180), shade=None) -> SampledFrame:
    width, height = size
    gray = np.zeros((height, width), np.uint8)
    gray[:, : width // 2] = 200 if shade is None else shade  # left half bright: orientation
    return SampledFrame(Timestamp(round(seconds * 1000), Fraction(1, 1000)), gray)


@pytest.mark.parametrize(
    ("count", "kept", "step"),
    [(0, 0, 1), (1, 1, 1), (240, 240, 1), (1_200, 1_200, 1), (1_201, 601, 2),
     (7_200, 1_200, 6), (7_201, 1_029, 7)],
)  # fmt: skip
def test_every_sample_up_to_the_cap_then_every_kth(count, kept, step):
    indices = kept_indices(count)
    assert len(indices) == kept <= MAX_FRAME_IMAGES
    assert indices.step == step and (count == 0 or indices[0] == 0)


def test_names_are_whole_milliseconds():
    assert image_name(0.0) == "frames/0.jpg"
    assert image_name(36.52) == "frames/36520.jpg"
    assert image_name(7199.5) == "frames/7199500.jpg"


def test_written_small_grey_and_upright(tmp_path):
    written = write_frame_images([sample(0.0), sample(0.52), sample(1.0)], tmp_path)
    assert [f.image for f in written] == ["frames/0.jpg", "frames/520.jpg", "frames/1000.jpg"]
    assert [f.time.seconds for f in written] == [0.0, 0.52, 1.0]
    with Image.open(tmp_path / "frames/520.jpg") as image:
        assert image.format == "JPEG" and image.mode == "L" and image.size == (160, 90)
        pixels = np.asarray(image)
    assert pixels[:, :70].mean() > 150 and pixels[:, 90:].mean() < 50  # not flipped


def test_portrait_frames_keep_their_shape(tmp_path):
    [frame] = write_frame_images([sample(0.0, size=(180, 320))], tmp_path)
    with Image.open(tmp_path / frame.image) as image:
        assert image.size == (90, 160)


def test_a_long_clip_is_capped(tmp_path):
    samples = [sample(0.5 * i, size=(32, 18)) for i in range(2_500)]
    written = write_frame_images(samples, tmp_path)
    assert len(written) == 834 and written[1].time.seconds == 1.5  # every 3rd
    assert len(list((tmp_path / "frames").iterdir())) == 834


def test_an_unwritable_folder_is_a_report_error(tmp_path):
    from forensics.errors import ReportWriteError

    (tmp_path / "frames").write_text("a file where the folder goes")
    with pytest.raises(ReportWriteError, match="frame thumbnails"):
        write_frame_images([sample(0.0)], tmp_path)


IMAGES = [FrameImage(Timestamp(round(t * 1000), Fraction(1, 1000)), f"frames/{round(t * 1000)}.jpg")
          for t in (0.0, 0.52, 1.0, 3.0)]  # fmt: skip


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [(0.0, "frames/0.jpg"), (0.3, "frames/520.jpg"), (0.74, "frames/520.jpg"),
     (0.8, "frames/1000.jpg"), (1.5, "frames/1000.jpg"), (2.5, "frames/3000.jpg"),
     (1.6, None), (-0.6, None), (3.51, None)],
)  # fmt: skip
def test_nearest_stored_frame_within_half_a_second(seconds, expected):
    found = nearest(IMAGES, seconds)
    assert (found.image if found else None) == expected


def test_nothing_stored_is_nothing_near():
    assert nearest([], 1.0) is None
