"""A still is described by its picture (``reuse.picture``): a phone's screenshot, a captioned
frame and text drawn over the picture are not footage, and the moment a still shows is told
from the footage alone (issue 14). Media generated here and by ``tests/fixed_camera.py``."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from forensics.reuse.compare import compare
from forensics.reuse.picture import picture_box, still_picture, text_lines
from tests.fixed_camera import FPS, cut, recording
from tests.media import textured_frame
from tests.test_still_screens import LINE, app_page, light_app


def captioned(frame: np.ndarray) -> Image.Image:
    """The frame under an opaque lower third with two lines of text."""
    image = Image.fromarray(frame).resize((frame.shape[1] * 2, frame.shape[0] * 2))
    draw = ImageDraw.Draw(image)
    width, height = image.size
    top = round(height * 0.78)
    draw.rectangle((0, top, width, height), fill=(12, 24, 60))
    font = ImageFont.load_default(size=round(height / 20))
    draw.text((width * 0.03, top + height * 0.03), LINE, font=font, fill="white")
    draw.text((width * 0.03, top + height * 0.12), "@frontline_news", font=font, fill="yellow")
    return image


def screenshot(frame: np.ndarray) -> Image.Image:
    """A phone's portrait screenshot (720 x 1280, black) showing the frame at its width
    between a status bar, a channel's header, the post's text and its reactions."""
    screen, draw = app_page((720, 1280), "black", ((30, 30, 30), (25, 35, 45)), "white")
    font = ImageFont.load_default(size=26)
    picture = Image.fromarray(frame)
    shown = picture.resize((720, round(picture.height * 720 / picture.width)))
    screen.paste(shown, (0, 250))
    draw.text((40, 250 + shown.height + 24), "1.2K  310  48.5K views  12:37", font=font,
              fill="white")  # fmt: skip
    return screen


def test_a_screenshots_picture_is_found_on_its_screen():
    frame = textured_frame(3, (320, 180))
    screen = np.asarray(screenshot(frame).convert("L"))
    x0, y0, x1, y1 = picture_box(screen)
    assert abs(x0) <= 2 and abs(x1 - 720) <= 2
    assert abs(y0 - 250) <= 4 and abs(y1 - 655) <= 4
    assert still_picture(screen).shape == (180, 320)


def test_a_caption_bar_is_cut_and_a_plain_frame_left_whole():
    frame = textured_frame(4, (320, 180))
    bar = np.asarray(captioned(frame).convert("L"))
    assert picture_box(bar) == (0, 0, 640, pytest.approx(281, abs=4))
    plain = np.asarray(Image.fromarray(frame).convert("L"))
    assert picture_box(plain) == (0, 0, 320, 180)
    assert text_lines(plain) == []


def test_text_drawn_over_the_picture_is_found():
    image = Image.fromarray(textured_frame(5, (640, 360)))
    draw = ImageDraw.Draw(image)
    draw.text((30, 250), LINE, font=ImageFont.load_default(size=28), fill="white",
              stroke_width=2, stroke_fill="black")  # fmt: skip
    [(x, y, w, _)] = text_lines(np.asarray(image.convert("L")))
    assert 20 <= x <= 40 and 240 <= y <= 262 and w >= 300


@pytest.fixture(scope="module")
def road(tmp_path_factory):
    """6 s of the fixed road camera; a frame with a car crossing it at 1.5 s, and a frame of
    the same camera past the clip's end with another car in view (another moment)."""
    folder = tmp_path_factory.mktemp("road")
    frames = recording(14, seed=5, grain=11.0)
    empty = frames[round(0.3 * FPS)].astype(np.int16)
    later = max(range(8 * FPS, 14 * FPS), key=lambda n: np.abs(frames[n] - empty).sum())
    return {"clip": cut(folder / "road.mp4", frames, 0, 6), "folder": folder,
            "car": frames[round(1.5 * FPS)], "other": frames[later]}  # fmt: skip


TREATMENTS = [captioned, screenshot, light_app]


@pytest.mark.slow
@pytest.mark.parametrize("treat", TREATMENTS, ids=["caption", "screenshot", "light_app"])
def test_a_treated_still_shows_its_moment(road, treat):
    """Before: no moment (the screenshot's picture shrunk to 180 px among its text, the
    caption's letters taking the keypoints; the light app's grey bars hid its screen). A
    picture found on a screen is named so: not a crop of the still."""
    path = Path(road["folder"]) / f"car-{treat.__name__}.png"
    treat(road["car"]).save(path)
    [stretch] = compare(path, road["clip"]).stretches
    assert stretch.segment.b_start - 0.5 <= 1.5 <= stretch.segment.b_end + 0.5
    on_screen = [w for w in stretch.alterations if "inside a wider screen" in w]
    assert bool(on_screen) == (treat is not captioned), stretch.alterations
    assert not any(w.startswith(("cropped", "rotated")) for w in stretch.alterations)


@pytest.mark.slow
@pytest.mark.parametrize("treat", TREATMENTS, ids=["caption", "screenshot", "light_app"])
def test_another_moment_under_the_same_treatment_shows_no_moment(road, treat):
    path = Path(road["folder"]) / f"other-{treat.__name__}.png"
    treat(road["other"]).save(path)
    result = compare(path, road["clip"])
    assert not result.shared, [s.segment for s in result.stretches]


def test_a_moment_needs_twice_the_keypoints_of_any_other():
    """A captioned still of the handheld bird (tune weak set) was put 3 s off its moment by a
    pair of 16 inliers: 33 keypoints of its own there, 20 at the true moment (1.65x)."""
    from forensics.records import MomentEvidence
    from forensics.reuse.stills import distinct

    assert not distinct(MomentEvidence(4.5, 33, 36, 20, 1.5))
    assert distinct(MomentEvidence(7.9, 38, 141, 9, 2.0))
    assert distinct(MomentEvidence(4.5, 30, 40, 0, None))
