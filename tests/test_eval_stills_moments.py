"""The second held-out stills set, ``benchmarks/eval_stills.py --split moments``
(``benchmarks/reuse_eval/moments_stills.py``, ``moments_looks.py``, ``moments_phones.py``): the
moments, the plan per source, each treatment's parameters, output size and mode on tiny
generated pictures, the counts, and the refusal of per-source output. No footage is needed
(the files' durations are the split's declared ones) and no detector runs."""

from __future__ import annotations

import argparse
import io
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from reuse_eval import fresh_stills as fs
from reuse_eval import moments_looks as looks
from reuse_eval import moments_phones as phones
from reuse_eval import moments_stills as f2
from reuse_eval.fresh import FILES

FOLDER = Path("/nonexistent/media-extra")
DURATIONS = {FOLDER / f.name: f.seconds for f in FILES}


def _picture(w: int = 64, h: int = 36, seed: int = 5) -> Image.Image:
    rng = np.random.default_rng(seed)
    return Image.fromarray(rng.integers(0, 255, (h, w, 3), dtype=np.uint8))


def _sources():
    return f2.still_sources(FOLDER, DURATIONS)


def test_the_clips_are_the_first_sets_and_the_moments_are_others():
    first = fs.still_sources(FOLDER, DURATIONS)
    second = _sources()
    assert [(s.name, s.media, s.main) for s in second] == [(s.name, s.media, s.main) for s in first]
    assert f2.moments((10.0, 18.0)) == [1.0, 3.0, 5.0, 7.0]
    for s in second:
        length = s.main[1] - s.main[0]
        assert all(0 < at < length for at in f2.moments(s.main))
        assert not set(f2.moments(s.main)) & set(fs.moments(s.main))


def test_other_moments_are_new_points_of_the_same_camera_away_from_the_clip():
    first = {s.name: s for s in fs.still_sources(FOLDER, DURATIONS)}
    for s in _sources():
        assert len(s.others) == 2 * len(first[s.name].others)
        assert not set(s.others) & set(first[s.name].others)
        for media, at in s.others:
            assert 0 < at < DURATIONS[media] - 0.2
            away = at < s.main[0] - f2.APART_S or at > s.main[1] + f2.APART_S
            assert media != s.media or away
    by_name = {s.name: s for s in _sources()}
    assert [(p.name, at) for p, at in by_name["tree"].others] == [
        ("opencv_tree.avi", 21.4),
        ("opencv_tree.avi", 27.1),
    ]
    assert by_name["bikes"].others == ()


def test_the_plan_of_one_source():
    sources = _sources()
    franck = sources[2]
    planned = f2.plan(sources, 2)
    positives = [p for p in planned if p.kind == "positive"]
    assert len(positives) == 4 * len(f2.TREATMENTS) == 56
    assert {p.truth for p in positives} == {1.12, 3.38, 5.62, 7.88}
    assert all(p.at == franck.main[0] + p.truth and p.media == franck.media for p in positives)
    assert all(p.index == 2 for p in planned)
    negatives = [p for p in planned if p.kind != "positive"]
    assert [p.kind for p in negatives].count("same-camera") == 4
    [unrelated] = [p for p in negatives if p.kind == "unrelated"]
    carphone = sources[6]  # four places on, at 5/8 of its clip
    assert (unrelated.media, unrelated.at, unrelated.variant) == (carphone.media, 2.38, "jpeg")
    treated = [p for p in negatives if p.kind == "treated-other"]
    assert {p.variant for p in treated} == set(f2.TREATMENTS) - {"jpeg"}
    city = sources[3]  # the next source, at 3/8 of its clip
    assert all(p.media == city.media and p.at == 1.72 and p.truth is None for p in treated)
    assert len({p.name for p in planned}) == len(planned)
    assert all("-f2-" in p.name for p in planned)  # never a first-set still's name


def test_the_whole_set_counts_and_no_negative_is_the_same_camera():
    kinds = Counter()
    for place, source in enumerate(_sources()):
        for still in f2.plan(_sources(), place):
            kinds[still.kind] += 1
            if still.kind in ("unrelated", "treated-other"):
                assert still.media not in {source.media, *(m for m, _ in source.others)}
    assert kinds == {"positive": 448, "same-camera": 12, "unrelated": 8, "treated-other": 104}


def test_a_neighbour_of_the_same_camera_is_refused():
    sources = _sources()
    twin = fs.FreshStillSource("twin", sources[0].media, (0.0, 4.0), (), 1)
    with pytest.raises(ValueError, match="same camera"):
        f2.plan([sources[0], twin], 0)


@pytest.mark.parametrize("size", [(64, 36), (17, 13), (176, 144)])
@pytest.mark.parametrize("variant", list(f2.TREATMENTS))
def test_every_treatment_makes_an_rgb_still(variant, size):
    picture = _picture(*size)
    treatment, how = f2.TREATMENTS[variant]
    for index in range(4):
        out = treatment(picture, index)
        assert out.mode == "RGB" and min(out.size) >= 2
        data, suffix = f2.treated(picture, variant, index)
        assert suffix == (".png" if how == "png" else ".jpg")
        assert Image.open(io.BytesIO(data)).size == out.size


def test_the_bars_keep_the_size_and_cover_their_share():
    picture = Image.new("RGB", (100, 60), (255, 255, 255))
    for name in ("caption-top2", "meme", "caption-logo", "caption-tall", "watermark",
                 "keystone", "filter", "jpeg"):  # fmt: skip
        assert f2.TREATMENTS[name][0](picture, 1).size == (100, 60)
    assert [looks.tall_share(i) for i in range(3)] == [0.25, 0.30, 0.35]
    tall = np.asarray(looks.caption_tall(picture, 0))  # bottom 25 %, dark
    assert tall[:44].min() == 255 and tall[46:].mean() < 170
    tall = np.asarray(looks.caption_tall(picture, 1))  # top 30 % on odd places
    assert tall[:17].mean() < 170 and tall[19:].min() == 255
    top = np.asarray(looks.caption_top2(picture, 0))
    assert top[:11].mean() < 170 and top[13:].min() == 255  # 20 % at the top


def test_crop_caption_and_keystone_parameters():
    assert [looks.crop_box((100, 60), i) for i in range(4)] == [
        (0, 0, 72, 43), (20, 12, 100, 60), (12, 0, 100, 53), (0, 17, 72, 60)]  # fmt: skip
    assert looks.crop_caption(_picture(100, 60), 1).size == (80, 48)
    assert [looks.keystone_degrees(i) for i in range(5)] == [-3.0, 4.5, -6.0, 3.5, -5.0]
    assert [looks.watermark_degrees(i) for i in range(4)] == [18.0, -23.0, 28.0, -33.0]
    corners = looks.screen_corners((100, 60), 6.0)
    left, right = corners[3][1] - corners[0][1], corners[2][1] - corners[1][1]
    assert right < left  # the far side of the screen is shorter
    assert all(0 <= x <= 100 and 0 <= y <= 60 for x, y in corners)


def test_a_perspective_of_the_corners_maps_them_back():
    src = [(0, 0), (100, 0), (100, 60), (0, 60)]
    dst = [(5, 3), (96, 6), (94, 55), (4, 58)]
    a, b, c, d, e, f, g, h = looks.perspective_coefficients(src, dst)
    for (x, y), (u, v) in zip(dst, src, strict=True):
        den = g * x + h * y + 1
        assert (a * x + b * y + c) / den == pytest.approx(u)
        assert (d * x + e * y + f) / den == pytest.approx(v)


def test_the_filter_changes_brightness_one_way_or_the_other():
    grey = Image.new("RGB", (8, 8), (120, 120, 120))
    means = [np.asarray(looks.colour_filter(grey, i)).mean() for i in range(4)]
    assert means[0] > 125 and means[1] < 115


def test_the_phone_screens_hold_the_picture():
    picture = _picture(60, 40)
    assert phones.messenger(picture, 0).size == (78, 169)  # 1.3 x the width, 19.5:9
    assert phones.player(picture, 0).size == (87, 40)  # landscape, the picture's height
    wide = phones.player(Image.new("RGB", (100, 40), (255, 255, 255)), 0)
    assert wide.size == (87, 40)  # 2.5:1 fitted whole, black above and below
    rows = np.asarray(wide).max(axis=(1, 2))
    assert rows[0] == 0 and rows[-1] == 0 and np.asarray(wide)[20, 1].min() == 255
    assert phones.social(picture, 0).size == (68, 147)
    assert phones.android(picture, 1).size == (60, 130)
    shot = np.asarray(phones.android(picture, 1))
    unit = max(8, round(60 * 0.04))  # the status bar is two units high
    assert np.array_equal(shot[unit * 2 : unit * 2 + 40], np.asarray(picture))
    assert phones.gallery(picture, 0).size == phones.social(picture, 1).size


def test_screenshot_of_a_screenshot_is_smaller_and_jpeg_60():
    picture = _picture(120, 80)
    assert f2.TREATMENTS["screenshot2"][1] == "jpeg60"
    q60, _ = f2.encoded(picture, "jpeg60")
    q90, _ = f2.encoded(picture, "jpeg")
    assert len(q60) < len(q90)


def test_counts_per_kind_of_still():
    rows = [
        {"kind": "positive", "variant": "messenger", "spans": [(1, 2)], "located": True,
         "still_match": None},
        {"kind": "positive", "variant": "messenger", "spans": [], "located": False,
         "still_match": "place"},
        {"kind": "treated-other", "variant": "meme", "spans": [], "located": False,
         "still_match": None},
        {"kind": "same-camera", "variant": "jpeg", "spans": [(3, 4)], "located": False,
         "still_match": None},
    ]  # fmt: skip
    assert f2.kind_counts(rows) == {
        "positive messenger": {"stills": 2, "found": 1, "located": 1, "place_or_graphics": 1},
        "treated-other": {"stills": 1, "false_moments": 0, "place_or_graphics": 0},
        "same-camera": {"stills": 1, "false_moments": 1, "place_or_graphics": 0},
    }


def test_the_held_out_run_refuses_per_source_output(capsys):
    import eval_stills

    args = argparse.Namespace(only=["tree"], media_extra=FOLDER, work=Path("/nonexistent"),
                              split="moments")  # fmt: skip
    assert eval_stills.run_fresh(args) == 2
    assert "refused on the moments split" in capsys.readouterr().err
    assert eval_stills.HELD_OUT["moments"] is f2


def test_the_first_sets_plan_is_as_before_and_the_second_its_own():
    import eval_stills

    first = fs.still_sources(FOLDER, DURATIONS)
    for place in range(len(first)):
        after = [first[(place + k) % len(first)] for k in (1, 2)]
        assert eval_stills.held_out_plan("fresh", first, place) == fs.plan(first[place], *after)
        second = _sources()
        assert eval_stills.held_out_plan("moments", second, place) == f2.plan(second, place)
