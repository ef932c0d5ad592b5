"""The tune split's weak stills (``benchmarks/eval_stills.py --weak``,
``reuse_eval/weak_stills.py``) and the gate log (``--gates``, ``reuse_eval/still_gates.py``):
the plan per source, each treatment on a small generated picture, and the picture found in
each treated still by ``reuse.picture``. No footage is needed."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from reuse_eval import phone_stills, still_gates, weak_stills

from forensics.reuse.picture import picture_box
from tests.media import textured_frame


class _Source:
    def __init__(self, name: str, file: str, main: tuple[float, float], other: float):
        self.name, self.file, self.main, self.other = name, file, main, other


def test_the_plan_gives_every_treatment_to_positives_and_negatives():
    car, film = _Source("car", "car.mp4", (3.0, 12.0), 24.0), _Source("film", "f.mp4", (0, 9), 0)
    plan = weak_stills.plan(car, Path("/media"), film)
    kinds = [p.kind for p in plan]
    assert kinds.count("positive") == 3 * len(weak_stills.VARIANTS)
    assert kinds.count("same-camera") == kinds.count("unrelated") == len(weak_stills.VARIANTS)
    assert {p.truth for p in plan if p.kind == "positive"} == {1.5, 4.5, 7.5}
    assert all(p.media == Path("/media/f.mp4") for p in plan if p.kind == "unrelated")
    assert not [p for p in weak_stills.plan(film, Path("/media"), car) if p.kind == "same-camera"]


def test_each_screenshot_shows_its_picture_where_the_picture_finder_finds_it():
    frame = Image.fromarray(textured_frame(7, (640, 360)))
    for variant in ("phone", "phone_light", "desktop", "bar_top", "bar_big"):
        data, suffix = weak_stills.treated(frame, variant, 1)
        still = np.asarray(Image.open(io.BytesIO(data)).convert("L"))
        x0, y0, x1, y1 = picture_box(still)
        assert suffix in (".png", ".jpg")
        assert abs((x1 - x0) / (y1 - y0) - 640 / 360) < 0.15 or variant.startswith("bar_"), variant


def test_the_phone_stills_picture_is_found_in_each_app_and_in_a_screenshot_of_one():
    """``--phones`` (``reuse_eval/phone_stills.py``): each app's screen, the gallery showing a
    screenshot again and the downscaled copy all give the picture (16:9, 10-40 % of the
    screen); two sources' plan, as the weak set's, with its own stills' names."""
    frame = Image.fromarray(textured_frame(8, (640, 360)))
    for index, variant in enumerate(phone_stills.VARIANTS):
        data, _ = phone_stills.treated(frame, variant, index)
        still = np.asarray(Image.open(io.BytesIO(data)).convert("L"))
        x0, y0, x1, y1 = picture_box(still)
        area = (x1 - x0) * (y1 - y0) / still.size
        assert abs((x1 - x0) / (y1 - y0) - 640 / 360) < 0.15, variant
        assert 0.03 <= area <= 0.4, (variant, area)
    car, film = _Source("car", "car.mp4", (3.0, 12.0), 24.0), _Source("film", "f.mp4", (0, 9), 0)
    plan = phone_stills.plan(car, Path("/media"), film)
    assert [p.truth for p in plan if p.kind == "positive"][:: len(phone_stills.VARIANTS)] == [3, 6]
    assert all("-p" in p.name for p in plan)


def test_a_still_with_no_pair_is_stopped_at_none_found():
    from forensics.reuse.features import ClipFeatures

    still, clip = ClipFeatures(0.08, (320, 180), ()), ClipFeatures(9.0, (320, 180), ())
    assert still_gates.weighed_gates(still, clip, {}) == {"gate": "none found"}
