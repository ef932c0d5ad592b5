"""A still's picture inside a phone's screen (issue 14): found on a light app's page and on a
screenshot shown again in a gallery (``reuse.picture``), and named as a screen around the
clip's picture, not as a crop of the still; a turn measured on a still's one or two pairs
named only when it clears their noise (``records.comparison.alterations``)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from forensics.records import Comparison, Placement, Segment, SharedStretch, alterations
from forensics.records.schema_comparison import comparison_from_dict, comparison_to_dict
from forensics.records.stretch_text import StretchText, TextSpan
from forensics.reuse.geometry import inside_screen
from forensics.reuse.picture import picture_box, picture_of
from tests.media import textured_frame

PICTURE = (96, 300, 624, 597)  # where ``light_app`` pastes a 16:9 picture (528 x 297)


LINE = "Strike on the column near the bridge"


def app_page(size: tuple[int, int], ground: str, bars: tuple[tuple[int, int, int], ...],
             ink: str) -> tuple[Image.Image, ImageDraw.ImageDraw]:  # fmt: skip
    """A phone app's page on ``ground``: a status bar with the clock and a header with the
    channel's name (``bars``: their fills), the post's line of text under them."""
    screen = Image.new("RGB", size, ground)
    draw = ImageDraw.Draw(screen)
    font = ImageFont.load_default(size=26)
    draw.rectangle((0, 0, size[0], 46), fill=bars[0])
    draw.text((24, 10), "12:41", font=font, fill=ink)
    draw.rectangle((0, 46, size[0], 130), fill=bars[1])
    draw.text((100, 74), "Frontline 24", font=font, fill=ink)
    draw.text((40, 170), LINE, font=font, fill=ink)
    return screen, draw


def light_app(frame: np.ndarray) -> Image.Image:
    """A light Android app's post, 720 x 1600: grey status and app bars on a white page, the
    picture 528 px wide (73 % of the screen) between text, chips and a grey navigation bar."""
    screen, draw = app_page((720, 1600), "white", ((246, 246, 246),) * 2, "black")
    picture = Image.fromarray(frame)
    picture = picture.resize((528, round(528 * picture.height / picture.width)))
    screen.paste(picture, PICTURE[:2])
    below = PICTURE[1] + picture.height + 40
    for k in range(3):
        draw.rounded_rectangle((30 + 160 * k, below, 170 + 160 * k, below + 50), 20,
                               fill=(236, 238, 242))  # fmt: skip
    draw.rectangle((0, 1510, 720, 1600), fill=(246, 246, 246))
    return screen


def test_a_light_apps_picture_is_found_between_its_grey_bars():
    screen = np.asarray(light_app(textured_frame(6, (320, 180))).convert("L"))
    x0, y0, x1, y1 = picture_box(screen)
    assert all(abs(a - b) <= 4 for a, b in zip((x0, y0, x1, y1), PICTURE, strict=True))
    found = picture_of(screen)
    assert found is not None and found.on_screen
    assert found.box == pytest.approx((96 / 720, 300 / 1600, 624 / 720, 597 / 1600), abs=0.005)


def test_a_screenshot_shown_again_in_a_gallery_gives_the_picture_inside_it():
    shot = light_app(textured_frame(7, (320, 180))).resize((432, 960))  # at 60 %
    gallery = Image.new("RGB", (720, 1600), "black")
    gallery.paste(shot, (144, 320))
    found = picture_box(np.asarray(gallery.convert("L")))
    expected = (144 + 0.6 * PICTURE[0], 320 + 0.6 * PICTURE[1], 144 + 0.6 * PICTURE[2],
                320 + 0.6 * PICTURE[3])  # fmt: skip
    assert all(abs(a - b) <= 6 for a, b in zip(found, expected, strict=True)), found


def moment(matches: int) -> Segment:
    return Segment(0.0, 0.0, 2.0, 2.0, 1.0, similarity=0.5, matches=matches, mirrored=False)


@pytest.mark.parametrize(("turn", "pairs", "named"), [
    (2.7, 2, False),  # a still's two pairs: within their noise
    (2.7, 3, True),  # a clip's stretch: 3 pairs at least, the bar as before
    (4.0, 1, True),  # the trap stills' 4 degrees, on one pair
])  # fmt: skip
def test_a_turn_is_named_when_its_pairs_support_it(turn, pairs, named):
    said = alterations(moment(pairs), turn, Placement(1.0, 1.0, (0, 0, 1, 1), (0, 0, 1, 1)))
    assert any(w.startswith("rotated") for w in said) == named


def still_stretch() -> SharedStretch:
    """A still's picture (A, found on a screen) matching the whole of the clip's frame (B)."""
    placement = Placement(0.99, 0.97, (0.0, 0.0, 1.0, 1.0), (0.01, 0.02, 0.99, 0.99))
    return SharedStretch(moment(1), 1.0, 2.7, placement.covered, placement.kept,
                         placement.box_in_b, placement.box_in_a,
                         alterations(moment(1), 2.7, placement))  # fmt: skip


def test_a_stills_picture_on_a_screen_is_named_a_screen_from_either_side():
    placed = inside_screen(still_stretch(), (0.1, 0.2, 0.9, 0.5))
    assert placed.b_area_from_a == pytest.approx(0.97 * 0.8 * 0.3)
    assert placed.b_box_in_a == pytest.approx((0.108, 0.206, 0.892, 0.497), abs=1e-3)
    [word] = placed.alterations
    assert word.startswith("A shows B's picture inside a wider screen") and "23%" in word
    assert not any("cropped" in w or "rotated" in w for w in placed.alterations)
    [seen_from_clip] = placed.swapped().alterations
    assert seen_from_clip.startswith("shown inside a wider screen in B")
    assert placed.swapped().swapped().alterations == placed.alterations


def test_a_screens_own_text_is_not_said_to_be_cropped_off():
    """The post's text above the picture is the screen's: only A shows it, outside the part
    B's frame covers, yet B cropped nothing off; a caption over the picture stays named."""
    placed = inside_screen(still_stretch(), (0.1, 0.2, 0.9, 0.5))
    post = StretchText(
        "Strike near the bridge", "caption", 0.9, TextSpan(0, 0, (0.1, 0.1, 0.9, 0.15)), None
    )
    over = StretchText("FRONTLINE", "watermark", 0.9, TextSpan(0, 0, (0.4, 0.3, 0.6, 0.35)), None)
    said = placed.with_text((post, over)).alterations
    assert not any("crops off" in w for w in said), said
    assert any("does not show" in w and "watermark" in w for w in said), said
    outside = replace(placed, screen_in_a=False).with_text((post,)).alterations
    assert any("crops off" in w for w in outside), outside  # a crop's text: as before


def test_a_screen_is_not_named_where_the_clip_shows_more_than_the_stills_picture():
    """A film's still with its own pillarbox bands cut as a border: the clip shows the bands
    too (A's picture covers 79 % of B's frame), so no screen is said around it."""
    placement = Placement(0.79, 1.0, (0.095, 0.0, 0.905, 1.0), (0.0, 0.0, 1.0, 1.0))
    stretch = SharedStretch(moment(1), 1.0, 0.0, placement.covered, placement.kept,
                            placement.box_in_b, placement.box_in_a,
                            alterations(moment(1), 0.0, placement))  # fmt: skip
    assert inside_screen(stretch, (0.095, 0.0, 0.905, 1.0)) == stretch


def test_the_screen_survives_the_json_and_a_clips_stretch_writes_no_screen():
    placed = inside_screen(still_stretch(), (0.1, 0.2, 0.9, 0.5))
    comparison = Comparison("still.png", "clip.mp4", 0.04, 9.0, (placed,), (1, 23))
    written = comparison_to_dict(comparison)
    assert written["segments"][0]["screen_in_a"] is True
    assert comparison_from_dict(written).stretches[0].screen_in_a
    plain = comparison_to_dict(Comparison("a", "b", 9.0, 9.0, (still_stretch(),), (23, 23)))
    assert not any(k.startswith("screen") for k in plain["segments"][0])
