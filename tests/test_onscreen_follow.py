"""Text that moves (onscreen.follow): a mark drifting across moving footage is one track, read
once, whose box follows it; before, its track ended as soon as it moved off its strokes and
the line was found again only by the detector's whole looks, 30 frames apart."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from forensics.onscreen.follow import moved, union
from tests.ocr import ocr_or_skip
from tests.onscreen_media import SANS, footage

SIZE = (1280, 720)
MARK = "@dreif_news"


def drifting(k: int, step: tuple[int, int] = (14, 3), text: str = MARK,
             opacity: float = 0.6) -> tuple[np.ndarray, tuple[int, int, int, int]]:  # fmt: skip
    """Text frame ``k`` (grey, through JPEG q85): ``text`` in white at ``opacity`` over the
    panning terrain, moved by ``step`` pixels a frame; and the box of its letters."""
    picture = Image.fromarray(footage(float(k), SIZE)).convert("RGBA")
    font = ImageFont.truetype(str(SANS), 30)
    layer = Image.new("RGBA", picture.size, (0, 0, 0, 0))
    x, y = 300 + step[0] * k, 120 + step[1] * k
    ImageDraw.Draw(layer).text((x, y), text, font=font, fill=(255, 255, 255, round(255 * opacity)))
    left, top, right, bottom = ImageDraw.Draw(layer).textbbox((x, y), text, font=font)
    grey = cv2.cvtColor(np.asarray(Image.alpha_composite(picture, layer)), cv2.COLOR_RGBA2GRAY)
    _, jpeg = cv2.imencode(".jpg", grey, [cv2.IMWRITE_JPEG_QUALITY, 85])
    return cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE), (left, top, right - left, bottom - top)


def padded(box: tuple[int, int, int, int], pad: int = 8) -> tuple[int, int, int, int]:
    x, y, w, h = box
    return x - pad, y - pad, w + 2 * pad, h + 2 * pad


def test_a_line_that_moved_is_found_where_it_went_and_nothing_else_is():
    first, at = drifting(0)
    box = padded(at)
    ref = first[box[1] : box[1] + box[3], box[0] : box[0] + box[2]]
    then, _ = drifting(1)
    to = moved(ref, then, box)
    assert to is not None and abs(to[0] - box[0] - 14) <= 1 and abs(to[1] - box[1] - 3) <= 1
    still, _ = drifting(1, step=(0, 0))
    assert moved(ref, still, box) is None  # it did not move: a still track's test says so
    gone = cv2.cvtColor(footage(1.0, SIZE), cv2.COLOR_RGB2GRAY)
    assert moved(ref, gone, box) is None
    other, _ = drifting(1, text="@kotel_zapad")  # other text there: no move
    assert moved(ref, other, box) is None
    assert union((0, 0, 10, 10), (5, 20, 10, 10)) == (0, 0, 15, 30)


@pytest.fixture(scope="module")
def tracker():
    ocr_or_skip()
    from forensics.onscreen.detect import TextDetector
    from forensics.onscreen.engine import LineReader, find_engine

    return TextDetector(), LineReader(find_engine())


def test_a_drifting_mark_is_one_track_read_once_whose_box_follows_it(tracker):
    from forensics.onscreen.track import track

    detector, reader = tracker
    frames, truths = zip(*(drifting(k) for k in range(8)), strict=True)
    before = reader.calls
    tracks = [t for t in track(list(frames), detector.find, reader.read) if t.text == MARK]
    assert [(t.first, t.last) for t in tracks] == [(0, 7)]  # before: (0, 1), then lost
    assert reader.calls - before <= 4  # found, read and confirmed on frames 0-1, never again
    x, y, w, h = tracks[0].span  # the boxes it was on: where it began and where it went
    assert x + w >= truths[-1][0] + truths[-1][2] and y + h >= truths[-1][1] + truths[-1][3]
    for tx, ty, tw, th in truths:
        assert x <= tx + tw / 2 <= x + w and y <= ty + th / 2 <= y + h
