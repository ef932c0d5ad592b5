"""The held-out set of channels' marks (``benchmarks/onscreen_heldout/marks.py``, ``--set
marks``): scenes cut inside their fresh files, kinds and counts, every mark inside its picture,
the drift, the small original and the logo drawn, and the choice of set. Neither the fresh
footage nor the OCR is needed; the part that measures the marks' own fonts (Lato, Cantarell,
...) is skipped where they are not installed."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import eval_onscreen_heldout as heldout
from onscreen_heldout import draw
from onscreen_heldout.marks import GROUND, KINDS, MARKS, census, mark_fonts
from onscreen_heldout.scenes import SCENES, Scene, Text
from reuse_eval.fresh import FILES

from tests.mark_media import CONDITIONS

FONT = "dejavu-sans-bold"  # for the drawing arithmetic: the CI installs DejaVu
TUNED_FONTS = ("dejavu", "roboto", "open-sans", "paratype")


def _marks() -> list[tuple[Scene, Text]]:
    return [(scene, text) for scene in MARKS for text in scene.texts]


def test_every_clip_is_cut_inside_its_fresh_file_and_named_once():
    seconds = {f.name: f.seconds for f in FILES}
    names = [s.name for s in MARKS]
    assert len(set(names)) == len(names) and not set(names) & {s.name for s in SCENES}
    assert 12 <= len(MARKS) <= 16 and set(GROUND) == set(names)
    for scene in MARKS:
        assert 4.0 <= scene.seconds <= 8.0, scene.name
        assert scene.start >= 0 and scene.start + scene.seconds <= seconds[scene.footage] - 0.1


def test_kinds_counts_and_ranges():
    marks = _marks()
    assert len(marks) >= 36
    assert {t.kind for _, t in marks} == set(KINDS)
    for scene, text in marks:
        assert 0.25 <= text.opacity <= 0.7, text.text
        assert 0.02 <= text.size <= 0.05, text.text
        assert not any(f in text.font for f in TUNED_FONTS), text.text
        assert text.start < text.end and text.start < scene.seconds
    # the funnel counts a (kind, line) once per clip: no line twice in one clip
    for scene in MARKS:
        lines = [(t.kind, t.text) for t in scene.texts]
        assert len(set(lines)) == len(lines), scene.name


def test_no_mark_is_a_line_of_the_tune_or_the_first_held_out_set():
    ours = {t.text for _, t in _marks()}
    assert len(ours) == len(_marks())  # every mark's wording once
    tune = {m.text for c in CONDITIONS for m in c.marks}
    first = {t.text for s in SCENES for t in s.texts if isinstance(t.text, str)}
    assert not ours & tune and not ours & first


def test_the_census_counts_every_mark_once_per_condition():
    counts = census()
    total = len(_marks())
    assert all(sum(c.values()) == total for c in counts.values())
    assert counts["kind"]["handle-moving"] == 2 and counts["place"]["drifting"] == 2
    assert counts["form"]["https://t.me/"] >= 2 and counts["form"]["t.me/"] >= 2
    assert counts["form"]["@handle, Cyrillic-looking"] >= 2
    assert {"plain", "shadow", "outline", "box", "logo"} <= set(counts["style"])
    assert counts["shown"]["part of the clip"] >= 4
    assert sum(n for g, n in counts["ground"].items() if "burned in small" in g) >= 4


def _times(scene: Scene) -> list[float]:
    last = (round(scene.seconds * draw.FPS) - 1) / draw.FPS
    edges = {t.start for t in scene.texts} | {t.end - 1 / draw.FPS for t in scene.texts}
    return sorted({0.0, scene.seconds / 2, last} | {t for t in edges if 0 <= t <= last})


@pytest.mark.skipif(not all(p.is_file() for p in mark_fonts().values()),
                    reason="the marks' fonts are not installed")  # fmt: skip
def test_every_mark_is_drawn_whole_inside_its_picture():
    for scene in MARKS:
        w, h = scene.low or scene.size
        flat = np.full((h, w, 3), 90, np.uint8)
        for t in _times(scene):
            out = draw.draw_frame(scene, flat, t)
            assert out.shape[:2] == scene.size[::-1]
            bare = Scene("bare", scene.footage, 0.0, 1.0, (), scene.size, low=scene.low)
            base = draw.draw_frame(bare, flat, t)  # the footage as the scene makes it
            # (the small original's JPEG rings faintly a block around its marks)
            changed = np.argwhere((abs(out.astype(int) - base) > 12).any(axis=2))
            if len(changed):  # nothing drawn to the picture's edge: no mark is cut off
                assert changed.min() >= 3, (scene.name, t)
                assert (np.array(out.shape[:2]) - changed.max(axis=0)).min() >= 4, (scene.name, t)
            for truth in draw.truths(scene, t):
                x, y, bw, bh = truth.box
                assert x >= 4 and y >= 4 and x + bw <= scene.size[0] - 4, (scene.name, truth)
                assert y + bh <= scene.size[1] - 4, (scene.name, truth)
                assert 0.015 * scene.size[1] <= bh <= 0.08 * scene.size[1], truth


def test_a_drifting_mark_moves_at_its_drift():
    text = Text("handle-moving", "@abc", "en", FONT, 0.1, (0.1, 0.2), drift=(0.05, 0.1))
    size = (320, 180)
    a, b = draw.layout(text, 0.0, size), draw.layout(text, 2.0, size)
    assert b.box[0] - a.box[0] == pytest.approx(0.05 * 320 * 2, abs=1)
    assert b.box[1] - a.box[1] == pytest.approx(0.1 * 180 * 2, abs=1)


def test_a_mark_of_the_small_original_is_burned_in_then_upscaled():
    small = Text("handle", "@abc", "en", FONT, 0.1, (0.5, 0.5), "mm", low=True)
    sharp = Text("handle", "@def", "en", FONT, 0.05, (0.02, 0.02), "lt")
    scene = Scene("t", "x.mp4", 0.0, 1.0, (small, sharp), size=(320, 180), low=(80, 45))
    got = {t.text: t.box for t in draw.truths(scene, 0.0)}
    at_small = draw.layout(small, 0.0, (80, 45)).box
    assert got["@abc"] == pytest.approx(tuple(4 * v for v in at_small), abs=1)
    assert got["@def"] == draw.layout(sharp, 0.0, (320, 180)).box
    out = draw.draw_frame(scene, np.full((45, 80, 3), 60, np.uint8), 0.0)
    assert out.shape == (180, 320, 3)
    x, y, w, h = got["@abc"]
    assert out[y : y + h, x : x + w].max() > 100  # the burned-in mark survives the upscale
    assert "scale=80:45" in draw.footage_filter(scene)


def test_a_logo_is_a_box_and_an_emblem_left_of_its_name():
    logo = Text("channel-name", "ABC", "en", FONT, 0.1, (0.5, 0.5), "lm", "logo",
                opacity=0.7, fill=(150, 20, 30), box_alpha=0.8)  # fmt: skip
    scene = Scene("t", "x.mp4", 0.0, 1.0, (logo,), size=(320, 180))
    out = draw.draw_frame(scene, np.full((180, 320, 3), 90, np.uint8), 0.0)
    x, _, w, h = draw.truths(scene, 0.0)[0].box
    changed = np.argwhere((out != 90).any(axis=2))
    assert changed[:, 1].min() < x - h  # the emblem and the box reach left of the name
    assert changed[:, 1].max() <= x + w + 0.35 * 18 + 2
    assert (out[changed[:, 0], changed[:, 1], 0] > out[changed[:, 0], changed[:, 1], 2]).any()


def test_the_set_is_chosen_on_the_command_line():
    assert heldout.arguments(["--work", "w"]).set_name == "text"
    assert heldout.arguments(["--set", "marks", "--work", "w"]).set_name == "marks"
    with pytest.raises(SystemExit):
        heldout.arguments(["--set", "other", "--work", "w"])
    scenes, missing = heldout.scene_set("text")
    assert scenes is SCENES and missing is heldout.missing_fonts
    scenes, missing = heldout.scene_set("marks")
    assert scenes is MARKS and missing is heldout.missing_mark_fonts


def test_a_missing_font_of_the_marks_names_its_package(monkeypatch):
    fonts = dict(mark_fonts())
    fonts["lato-bold"] = Path("/nonexistent/Lato-Bold.ttf")
    fonts["free-sans-bold"] = Path("/nonexistent/FreeSansBold.ttf")
    monkeypatch.setattr(heldout.marks, "mark_fonts", lambda: fonts)
    gone = heldout.missing_mark_fonts()
    assert {"fonts-lato", "fonts-freefont-ttf"} <= set(gone)
