"""A faint mark over ground that runs from dark to light along it (onscreen.lift): Tesseract's
one threshold parts the letters from the ground on part of the line only and reads that part
surely; lifted off its ground (a white top-hat), the line reads whole. Crops drawn in memory
(a line at 35-45 % white over a grey ramp with noise, through a JPEG)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from forensics.onscreen import lift
from tests.ocr import ocr_or_skip
from tests.onscreen_media import SANS

NAME = "Сводка с передовой"


def faint(text: str, opacity: float, ground: tuple[int, int], px: int = 24) -> np.ndarray:
    """``text`` in white at ``opacity`` over a ramp from ``ground[0]`` to ``ground[1]`` grey
    (left to right) with noise, as a decoded frame's crop (JPEG q75)."""
    font = ImageFont.truetype(str(SANS), px)
    w, h = int(font.getlength(text)) + 16, int(px * 1.7)
    ramp = np.linspace(*ground, w)[None, :].repeat(h, 0)
    ramp += np.random.default_rng(0).normal(0, 6, (h, w))
    ink = Image.new("L", (w, h), 0)
    ImageDraw.Draw(ink).text((8, h * 0.15), text, font=font, fill=255)
    alpha = np.asarray(ink) / 255 * opacity
    pixels = np.clip(ramp * (1 - alpha) + 255 * alpha, 0, 255).astype(np.uint8)
    _, jpeg = cv2.imencode(".jpg", pixels, [cv2.IMWRITE_JPEG_QUALITY, 75])
    return cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE)


def test_lifting_flattens_the_ground_and_keeps_the_strokes():
    crop = faint(NAME, 0.35, (20, 160))
    ink = faint(NAME, 1.0, (0, 0)) > 128  # where the letters are
    up = lift.lifted(crop)
    # as drawn the ground's right end is brighter than the strokes at its left end ...
    assert np.percentile(crop[~ink][:, None], 90) > np.percentile(crop[ink][:, None], 10)
    # ... lifted, nearly every stroke is above nearly all of the ground
    assert np.percentile(up[~ink], 95) < np.percentile(up[ink], 25)


def test_only_an_unsure_or_short_reading_of_a_line_over_uneven_ground_is_read_lifted():
    line = faint(NAME, 0.35, (20, 160))  # 40 x 298
    assert lift.worth_lifting("редовой", 0.92, line)  # sure, but 7 letters in 7.5 heights
    assert lift.worth_lifting(NAME, 0.6, line)  # whole, but unsure
    assert not lift.worth_lifting(NAME, 0.7, line)  # a caption over footage reads so
    assert not lift.worth_lifting(NAME, 0.95, line)
    assert not lift.worth_lifting("А/ 2150", 0.64, line)  # a HUD's numbers
    boxed = faint(NAME, 0.9, (40, 50))  # a caption on a flat box
    assert not lift.uneven(boxed) and not lift.worth_lifting("редовой", 0.5, boxed)
    blob = np.ascontiguousarray(np.tile(line[:, :120], (3, 1)))  # footage read as letters
    assert not lift.worth_lifting("jhe", 0.5, blob)  # no read more


def test_a_lifted_reading_is_kept_when_surer_or_whole_where_the_first_was_a_part():
    line = (40, 300)
    assert lift.lifted_better((NAME[:-1], 0.7), (NAME, 0.85), line)  # surer
    assert not lift.lifted_better(("od", 0.3), ("od wld i", 0.63), line)  # and sure
    assert not lift.lifted_better(("@mash_dozor", 0.57), ("Omesh_dozor", 0.64), (64, 338))
    # a handle read as one is not replaced by a reading with none, however sure
    assert not lift.lifted_better(("t.me/shtorm_info", 0.16), ("it.me/shtorm_info", 0.9), line)
    assert lift.lifted_better(("t.me/shtorm_nfo", 0.16), ("t.me/shtorm_info", 0.9), line)
    assert lift.lifted_better(("редовой", 0.92), (NAME, 0.85), line)  # whole, sure enough
    assert not lift.lifted_better(("редовой", 0.92), (NAME, 0.75), line)
    assert not lift.lifted_better((NAME, 0.85), ("редовой", 0.84), line)


@pytest.fixture(scope="module")
def reader():
    ocr_or_skip()
    from forensics.onscreen.engine import LineReader, find_engine

    return LineReader(find_engine())


@pytest.mark.parametrize(
    ("text", "opacity", "ground"), [(NAME, 0.35, (20, 160)), ("t.me/frontovik_88", 0.45, (30, 200))]
)
def test_a_faint_line_over_ground_from_dark_to_light_is_read_whole(
    reader, text, opacity, ground, monkeypatch
):
    crop = faint(text, opacity, ground)
    assert reader.read(crop).text == text
    monkeypatch.setattr("forensics.onscreen.engine.worth_lifting", lambda *_: False)
    assert reader.read(crop).text != text  # as before: a part, or letters misread
