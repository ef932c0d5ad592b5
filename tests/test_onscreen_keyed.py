"""A plain mark (onscreen.keyed): white letters with neither shadow nor box, over ground as
bright as they are in places (a white wall behind half the handle), read where the real
detector finds it. Tesseract's own threshold over such a crop parts wall from ground, not
letters from wall; keyed by their colour, the letters read. Generated frames
(tests/onscreen_media.py's footage, a wall painted in), through a JPEG round trip as decoded
frames are."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from forensics.onscreen.keyed import keyed
from tests.ocr import ocr_or_skip
from tests.onscreen_media import FONTS, footage

SIZE = (544, 306)  # a small repost, as messengers pass them on
PLAIN = FONTS / "DejaVuSans.ttf"
HANDLE = "@legion_free"


def frame(t: float) -> np.ndarray:
    """The footage at ``t`` with a bright, textured wall behind the mark's middle, and the
    handle drawn plain white over both (grey, JPEG q80)."""
    rgb = footage(t, SIZE).astype(np.int16)
    rng = np.random.default_rng(int(t * 10))
    wall = 222 + rng.integers(-8, 9, (60, 120, 1)) + (np.arange(120)[None, :, None] % 23 == 0) * -40
    rgb[0:60, 60:180] = wall  # a stone pillar: near-white, with its joints
    picture = Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8))
    font = ImageFont.truetype(str(PLAIN), 28)
    ImageDraw.Draw(picture).text((20, 14), HANDLE, font=font, fill=(255, 255, 255))
    gray = cv2.cvtColor(np.asarray(picture), cv2.COLOR_RGB2GRAY)
    _, jpeg = cv2.imencode(".jpg", gray, [cv2.IMWRITE_JPEG_QUALITY, 80])
    return cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE)


@pytest.fixture(scope="module")
def readings():
    ocr_or_skip()
    from forensics.onscreen.detect import TextDetector, detect_regions
    from forensics.onscreen.engine import LineReader, find_engine

    detector, reader = TextDetector(), LineReader(find_engine())
    out = []
    for t in [0.5 + 2 * k for k in range(12)]:  # the footage pans under the mark
        gray = frame(t)
        boxes = [b for b in detect_regions(detector.find, gray) if b[0] < 60 and b[1] < 40]
        for x, y, w, h in boxes[:1]:
            out.append(reader.read(np.ascontiguousarray(gray[y : y + h, x : x + w])).text)
    return out


def test_a_plain_white_handle_over_a_white_wall_is_read(readings):
    assert len(readings) >= 10, readings  # the detector finds it
    assert sum(t == HANDLE for t in readings) >= 10, readings  # 0 of 12 before the key


def test_the_key_is_the_letters_colour():
    crop = np.full((30, 120), 90, np.uint8)
    crop[:, 40:80] = 228  # a wall brighter than the ground, darker than the letters
    crop[10:20, 10:110:6] = 255  # letters' strokes over both
    picture = keyed(crop)
    assert picture is not None
    assert (picture[10:20, 10:110:6] == 0).all()  # the letters, black
    assert (picture[0:10] == 255).all()  # wall and ground alike, white


@pytest.mark.parametrize("fill", [0.0, 0.6])
def test_no_key_where_no_line_of_letters_can_be(fill):
    crop = np.full((30, 120), 90, np.uint8)
    crop[:, : round(120 * fill)] = 250  # nothing bright, or a bright patch most of the box
    assert keyed(crop) is None
