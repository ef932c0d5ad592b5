"""The held-out on-screen text set (``benchmarks/onscreen_heldout/``): where each text lands, a
ticker's words in view, the frame drawn over tiny generated footage, and the scoring
arithmetic on hand-made tracks. Neither the fresh footage nor the OCR is needed."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from onscreen_heldout import draw, score
from onscreen_heldout.scenes import SCENES, Scene, Text, latlon_hud, mgrs_hud
from reuse_eval.fresh import FILES

SMALL = (320, 180)


# The held-out scenes' fonts (Liberation, Noto, FreeFont) may be missing here; the arithmetic
# tested is the same with DejaVu, which the CI installs.
FONT = "dejavu-sans-bold"


def test_every_scene_is_cut_inside_its_fresh_file_and_named_once():
    seconds = {f.name: f.seconds for f in FILES}
    assert len({s.name for s in SCENES}) == len(SCENES)
    for scene in SCENES:
        assert scene.start + scene.seconds <= seconds[scene.footage] - 0.1, scene.name
    assert sum(1 for s in SCENES if not s.texts) == 4
    assert all("dejavu" not in t.font for s in SCENES for t in s.texts)  # tuned on


def test_hud_lines_change_every_second_and_the_grid_every_two():
    assert latlon_hud(0.5) == "LAT 50.4123 LON 36.8890 ALT 120m 2023-05-22 06:41:07"
    assert latlon_hud(3.2) == "LAT 50.4129 LON 36.8899 ALT 126m 2023-05-22 06:41:10"
    assert mgrs_hud(1.9) == "37U DQ 12345 67890" and mgrs_hud(2.0) == "37U DQ 12382 67911"


def test_truth_positions_of_both_hud_layouts():
    assert score.truth_position(latlon_hud(0)) == (50.4123, 36.889)
    lat, lon = score.truth_position("37U DQ 12345 67890")
    assert 49.3 < lat < 49.4 and 37.7 < lon < 37.8
    assert score.truth_position("ZOOM 2.0x  IR OFF") is None


def test_a_text_is_placed_by_its_anchor_and_shrunk_to_fit():
    text = Text("caption", "Hello there", "en", FONT, 0.1, (0.5, 0.9), "mb")
    truth = draw.layout(text, 0.0, SMALL)
    x, y, w, h = truth.box
    assert truth.text == "Hello there" and abs(x + w / 2 - 160) <= 1 and y + h <= 162
    long = Text("caption", "a much longer line " * 2, "en", FONT, 0.1, (0.5, 0.5),
                "mm")  # fmt: skip
    fitted = draw.layout(long, 0.0, SMALL)
    assert fitted.box[2] <= draw.FIT * SMALL[0] and fitted.box[3] < 0.1 * SMALL[1]
    later = Text("caption", "x", "en", FONT, 0.1, (0.5, 0.5), start=1.0, end=2.0)
    assert draw.layout(later, 0.5, SMALL) is None and draw.layout(later, 2.0, SMALL) is None


def test_a_ticker_shows_only_the_words_wholly_in_view():
    ticker = Text("ticker", "one two three four five six", "en", FONT, 0.1,
                  (1.0, 0.9), "lm", "band", scroll=0.5, clear_from=0.25)  # fmt: skip
    assert draw.layout(ticker, 0.0, SMALL) is None  # starts beyond the right edge
    seen = [draw.layout(ticker, t, SMALL) for t in (0.6, 1.2, 2.4)]
    texts = [s.text if s else "" for s in seen]
    assert texts[0].startswith("one") and "two" in texts[1]
    assert "one" not in texts[2] and "six" in texts[2]
    for s in seen:
        x, _, w, _ = s.box
        assert x >= 0.25 * SMALL[0] and x + w <= SMALL[0]


def test_drawing_changes_only_where_text_is():
    scene = Scene("t", "x.mp4", 0.0, 1.0, (
        Text("caption", "Test", "en", FONT, 0.15, (0.5, 0.5), "mm", "outline"),
        Text("handle", "@abc", "en", FONT, 0.1, (0.98, 0.98), "rb", opacity=0.4),
    ), size=SMALL)  # fmt: skip
    rgb = np.full((180, 320, 3), 90, np.uint8)
    out = draw.draw_frame(scene, rgb, 0.0)
    changed = np.argwhere((out != rgb).any(axis=2))
    boxes = [t.box for t in draw.truths(scene, 0.0)]
    for y, x in changed:
        assert any(bx - 3 <= x <= bx + bw + 3 and by - 3 <= y <= by + bh + 3
                   for bx, by, bw, bh in boxes)  # fmt: skip
    x, y, w, h = boxes[1]
    handle = out[y : y + h, x : x + w].astype(int)
    assert handle.max() <= 90 + 0.4 * (255 - 90) + 1  # 40 % opaque


def test_footage_filters():
    assert "crop=1280:720" in draw.footage_filter(Scene("a", "f", 0, 1, ()))
    vertical = draw.footage_filter(Scene("a", "f", 0, 1, (), (720, 1280), True))
    assert "boxblur" in vertical and "scale=720:-2" in vertical


def _truth(kind: str, text: str, box=(100, 100, 200, 30)) -> draw.Truth:
    return draw.Truth(kind, text, box, "en")


def test_recall_cer_and_false_tracks():
    seen = {0.0: [_truth("caption", "Air defence at work")],
            1.0: [_truth("caption", "Air defence at work")], 2.0: []}  # fmt: skip
    tracks = [
        score.Track("Air defense at work", 0.0, 1.0, (105, 98, 190, 32)),
        score.Track("noise", 0.0, 2.0, (10, 10, 50, 20)),
        score.Track("ab", 2.0, 2.0, (500, 10, 50, 20)),  # under 3 letters: not counted
    ]
    got = score.score_text(tracks, seen)
    assert got["caption"]["samples"] == 2
    assert got["caption"]["recall"] == pytest.approx(2 * 0.75)
    assert got["caption"]["cer"] == pytest.approx(2 * 1 / 19)
    assert got["false tracks"] == {"count": 1}
    assert score.cer("abc", "") == 1.0 and score.cer("", "") == 0.0
    assert score.recall("@Sever_front_ua", "@sever_front_ua.") == 0.0  # a word is exact or not
    assert score.recall("LAT 50.4123", "lat 50.4123") == 1.0


def test_a_two_line_reading_is_joined_top_to_bottom():
    seen = {0.0: [_truth("lower-third", "Kupiansk direction", (0, 0, 300, 80))]}
    tracks = [score.Track("direction", 0, 0, (0, 40, 300, 30)),
              score.Track("Kupiansk", 0, 0, (0, 0, 300, 30))]  # fmt: skip
    assert score.score_text(tracks, seen)["lower-third"]["cer"] == 0.0


def test_hud_points_exact_wrong_and_recovered():
    line = latlon_hud
    seen = {float(t): [_truth("hud-latlon", line(t))] for t in range(4)}
    points = [
        score.Point(0.0, 0.0, 50.4123, 36.8890),  # exact
        score.Point(1.0, 2.0, 50.4127, 36.8896),  # exact: shown at 2 s, within the track
        score.Point(3.0, 3.0, 50.4123, 36.8890),  # shown, but not while this track was
        score.Point(3.0, 3.0, None, None),  # no point: not counted
    ]
    assert score.score_points(points, seen) == {"points": 3, "exact": 2, "wrong": 1,
                                                "shown": 4, "recovered": 2}  # fmt: skip


def test_totals_add_up_over_clips_and_print_means():
    a = {"caption": {"samples": 2, "recall": 1.5, "cer": 0.2}, "false tracks": {"count": 1}}
    b = {"caption": {"samples": 1, "recall": 1.0, "cer": 0.1}, "false tracks": {"count": 2}}
    totals = score.merge(score.merge({}, a), b)
    assert totals["caption"] == {"samples": 3, "recall": 2.5, "cer": pytest.approx(0.3)}
    lines = score.table(totals)
    assert "recall 0.833" in lines[0] and "CER 0.100" in lines[0]
    assert lines[1].split() == ["false", "tracks", "count", "3"]


def test_a_missing_font_is_named_by_its_package(monkeypatch, tmp_path):
    """Each of the set's font families names its Debian package when its file is gone
    (FreeFont's faces are named ``free-...``: the check once looked for ``freefont``)."""
    import eval_onscreen_heldout as heldout

    for name, package in (("free-sans-bold", "fonts-freefont-ttf"),
                          ("liberation-sans-bold", "fonts-liberation")):  # fmt: skip
        fonts = {**heldout.FONTS, name: tmp_path / "gone.ttf"}
        monkeypatch.setattr(heldout, "FONTS", fonts)
        assert package in heldout.missing_fonts(), name
