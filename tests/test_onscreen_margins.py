"""A caption's box fitted close to its letters: the line is read inside its margins
(engine.TRIM), but never cut into its letters (``engine.margins``: cut at the top, a 2 reads
as a 7, "22.05" as "77 05", found in a new user's trial of a reposted clip's caption), and a
caption with a date in it keeps its words rather than a HUD reading of them."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from forensics.onscreen.engine import margins
from tests.ocr import ocr_or_skip

FONTS = "/usr/share/fonts/truetype/dejavu/"


def fitted(text: str, font: str, size: int, margin: int = 3) -> np.ndarray:
    """White ``text`` on a flat dark box ``margin`` pixels wider than its letters each way."""
    face = ImageFont.truetype(FONTS + font, size)
    x0, y0, x1, y1 = face.getbbox(text)
    image = Image.new("L", (x1 - x0 + 2 * margin, y1 - y0 + 2 * margin), 50)
    ImageDraw.Draw(image).text((margin - x0, margin - y0), text, font=face, fill=250)
    return np.asarray(image)


def test_a_clean_margin_narrower_than_the_trim_is_all_that_is_trimmed():
    crop = fitted("BELGOROD 22.05", "DejaVuSans.ttf", 36)  # 3 clean rows above and below
    k = round(crop.shape[0] * 0.12)
    top, bottom = margins(crop, k)
    assert k == 4 and (top, bottom) == (1, 1)  # two clean rows kept each side, no letter cut
    wide = fitted("BELGOROD 22.05", "DejaVuSans.ttf", 36, margin=9)
    assert margins(wide, 5) == (5, 5)  # room enough: the usual trim


def test_strokes_at_the_edge_keep_the_usual_trim():
    """Footage (or the box's edge) touching the letters cannot be told from them."""
    crop = fitted("BELGOROD 22.05", "DejaVuSans.ttf", 36).copy()
    rng = np.random.default_rng(1)
    crop[:3] = rng.integers(0, 255, crop[:3].shape)  # textured ground above the letters
    assert margins(crop, 4) == (4, 1)
    assert margins(np.zeros((30, 200), np.uint8), 4) == (4, 4)  # nothing inked at all


@pytest.fixture(scope="module")
def reader():
    ocr_or_skip()
    from forensics.onscreen.engine import LineReader, find_engine

    return LineReader(find_engine())


@pytest.mark.parametrize(
    "font,size",
    [
        ("DejaVuSans.ttf", 24),
        ("DejaVuSans.ttf", 28),
        ("DejaVuSans.ttf", 32),
        ("DejaVuSans-Bold.ttf", 32),
    ],
)
def test_a_close_fitted_caption_keeps_its_digits(reader, font, size):
    assert reader.read(fitted("BELGOROD 22.05", font, size)).text == "BELGOROD 22.05"


def test_a_caption_with_a_date_keeps_its_words(reader):
    """It reads as telemetry (a date), so it is read again as a HUD line, whose characters
    have few lower-case letters: that reading parses the same date but is garbage, and
    unsure; the words' reading stays."""
    crop = fitted("Shebekino 23.05.2023", "DejaVuSans-Bold.ttf", 32)
    reading = reader.read(crop)
    assert reading.text == "Shebekino 23.05.2023" and not reading.hud
