"""Confirming a clip the hashes (or the sketch) proposed: the two clips compared as
``compare`` compares them, only around the proposed stretches, widened while the footage goes
on, and in full when the windows find nothing shared; the windows first at a coarse step
(``compare_coarse``), which weighs only pairs the frame-by-frame comparison verifies too."""

from __future__ import annotations

import numpy as np
import pytest

from forensics.case import confirm as confirm_module
from forensics.case.confirm import Proposal, confirm, within
from forensics.records import Segment, comparison_to_dict
from forensics.reuse.compare import clip_features, compare_features, pairs_found
from forensics.reuse.features import ClipFeatures, FrameFeatures
from forensics.reuse.looks import same_footage
from forensics.reuse.matching import FeatureIndex
from tests.media import frames_clip, run_ffmpeg
from tests.test_compare import fixed_camera
from tests.test_still_layer import hud, news_frame, panning


def _frames(times: list[float]) -> ClipFeatures:
    none = (np.zeros((0, 2), np.float32), np.zeros((0, 32), np.uint8))
    frames = tuple(FrameFeatures(t, (64, 48), (none[0], none[0]), (none[1], none[1]))
                   for t in times)  # fmt: skip
    return ClipFeatures(float(len(times)) / 2, (64, 48), frames, inverted=frames[:2])


def test_within_keeps_the_frames_inside_the_spans_and_the_whole_length():
    clip = _frames([i / 2 for i in range(40)])  # 0-19.5 s
    part = within(clip, [(2.0, 3.0), (10.0, 11.0)])
    assert [f.t for f in part.frames] == [2.0, 2.5, 3.0, 10.0, 10.5, 11.0]
    assert part.inverted == () and part.duration_s == clip.duration_s and part.size == clip.size


@pytest.mark.parametrize(
    ("spans", "found", "wider"),
    [  # a stretch ending well inside its window: nothing to widen
        ([(10.0, 40.0)], [((20.0, 30.0), 1.0)], [(10.0, 40.0)]),
        # running to the window's end: the margin added beyond it, clipped to the clip
        ([(10.0, 40.0)], [((20.0, 39.0), 1.0)], [(10.0, 49.0)]),
        ([(10.0, 40.0)], [((11.0, 30.0), 1.0)], [(1.0, 40.0)]),
        ([(10.0, 40.0)], [((11.0, 39.5), 1.0)], [(1.0, 49.5)]),
        # at a window's edge that is the clip's own: nothing beyond
        ([(0.0, 99.5)], [((0.0, 99.5), 1.0)], [(0.0, 99.5)]),
        # across two windows (the frames between were left out): the gap is filled
        ([(0.0, 20.0), (40.0, 60.0)], [((15.0, 45.0), 1.0)], [(0.0, 60.0)]),
        # B's side of a stretch played twice as fast: twice the margin
        ([(10.0, 40.0)], [((20.0, 39.0), 2.0)], [(0.0, 59.0)]),
        # a first window from nothing: every proposal gets its margins
        ([], [((20.0, 21.0), 1.0), ((90.0, 95.0), 1.0)], [(10.0, 31.0), (80.0, 99.5)]),
    ],
)  # fmt: skip
def test_windows_widen_only_where_a_stretch_runs_to_their_edge(spans, found, wider):
    assert confirm_module._widened(spans, found, (0.0, 99.5)) == wider


@pytest.fixture(scope="module")
def clips(tmp_path_factory) -> dict[str, ClipFeatures]:
    """A 30 s panning shot, a mirrored re-encode of its 8-22 s, and an unrelated shot."""
    folder = tmp_path_factory.mktemp("confirm")
    original = frames_clip(folder / "original.mp4", panning(11, (320, 240), n=150), fps=5)
    other = frames_clip(folder / "other.mp4", panning(23, (320, 240), n=100), fps=5)
    excerpt = folder / "excerpt.mp4"
    run_ffmpeg(["-ss", "8", "-t", "14", "-i", str(original), "-vf", "hflip,scale=240:-2",
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "26", "-pix_fmt", "yuv420p",
                str(excerpt)])  # fmt: skip
    return {"original": clip_features(original), "excerpt": clip_features(excerpt, inverted=False),
            "other": clip_features(other, inverted=False)}  # fmt: skip


def _spied(monkeypatch) -> list[tuple[int, int]]:
    """(A frames, B frames) of every comparison ``confirm`` makes, coarse or frame by frame."""
    calls: list[tuple[int, int]] = []
    for name in ("compare_coarse", "compare_windows", "compare_features"):
        real = getattr(confirm_module, name)

        def spy(a_name: str, a: ClipFeatures, b_name: str, b: ClipFeatures, _real=real, **kw):
            calls.append((len(a.frames), len(b.frames)))
            return _real(a_name, a, b_name, b, **kw)

        monkeypatch.setattr(confirm_module, name, spy)
    return calls


def _bounds(found) -> list[tuple[float, float, float, float, bool]]:
    return [(s.segment.a_start, s.segment.a_end, s.segment.b_start, s.segment.b_end,
             s.segment.mirrored) for s in found.stretches]  # fmt: skip


def _within_a_sample(found, full) -> bool:
    """The same stretches (mirroring, alterations) with bounds at most a sample apart."""
    return len(found.stretches) == len(full.stretches) and all(
        x[4] == y[4] and all(abs(p - q) <= 0.5 + 1e-6 for p, q in zip(x[:4], y[:4], strict=True))
        and s.alterations == t.alterations
        for x, y, s, t in zip(_bounds(found), _bounds(full), found.stretches, full.stretches,
                              strict=True)
    )  # fmt: skip


@pytest.mark.slow
def test_a_narrow_proposal_grows_to_what_compare_finds(clips, monkeypatch):
    """A proposal of one second in the middle of a 14 s excerpt: the windows widen while the
    footage goes on, and the finding is the full comparison's, from part of the frames."""
    monkeypatch.setattr(confirm_module, "CONFIRM_MARGIN_S", 2.0)
    calls = _spied(monkeypatch)
    a, b = clips["original"], clips["excerpt"]
    full = compare_features("original.mp4", a, "excerpt.mp4", b)
    [stretch] = full.stretches
    assert stretch.segment.mirrored and 7.5 <= stretch.segment.a_start <= 8.5
    found = confirm("original.mp4", a, "excerpt.mp4", b, [Proposal((14.0, 15.0), (6.0, 7.0))])
    assert _within_a_sample(found, full), (_bounds(found), _bounds(full))
    assert len(calls) >= 2 and calls[0][0] < len(a.frames)  # the first look: the windows only
    assert all(n_a < len(a.frames) for n_a, _ in calls)  # never all of A's 30 s
    # frame by frame (a step of one sample), the finding is the full comparison's exactly
    monkeypatch.setattr(confirm_module, "CONFIRM_STEP", 1)
    exact = confirm("original.mp4", a, "excerpt.mp4", b, [Proposal((14.0, 15.0), (6.0, 7.0))])
    assert comparison_to_dict(exact) == comparison_to_dict(full)


@pytest.mark.slow
@pytest.mark.parametrize(
    "proposal",
    [Proposal((14.0, 15.0), (6.0, 7.0)), Proposal((8.0, 21.5), (0.0, 13.5)),
     # where the banded look (each frame matched only against B's frames near the proposed
     # line) lined up a second stretch of the pan's echoes: 26-29.6 s -> 9-12.6 s
     Proposal((26.0, 29.5), (9.0, 12.5)), Proposal((1.0, 2.0), (12.0, 13.0))],
)  # fmt: skip
def test_the_coarse_step_adds_no_stretch(clips, monkeypatch, proposal):
    """Wherever the proposal lies, the panning shot's excerpt is found once, where the full
    comparison finds it: no stretch of the pan's echoes, which the banded look added."""
    monkeypatch.setattr(confirm_module, "CONFIRM_MARGIN_S", 2.0)
    a, b = clips["original"], clips["excerpt"]
    full = compare_features("original.mp4", a, "excerpt.mp4", b)
    found = confirm("original.mp4", a, "excerpt.mp4", b, [proposal])
    assert _within_a_sample(found, full), (_bounds(found), _bounds(full))
    assert all(any(same_footage(s, t) for t in full.stretches) for s in found.stretches)


@pytest.mark.slow
def test_the_coarse_step_weighs_only_pairs_the_full_look_verifies(clips, monkeypatch):
    """Every frame pair the coarse look weighs is one the frame-by-frame comparison of the same
    windows verifies, with the same check: B's index is never narrowed, so a frame's nearest
    descriptors are never forced onto fewer of B's frames."""
    seen: list[bool] = []
    sizes: list[tuple[int, int]] = []
    real = confirm_module.from_verified_pairs

    def spy(a_name, a, b_name, b, verified, **rest):
        exact = pairs_found(FeatureIndex([b.frames]), a.frames)
        seen.append(bool(verified) and all(
            key in exact and exact[key].inliers == v.inliers and exact[key].mirrored == v.mirrored
            and np.array_equal(exact[key].transform, v.transform) for key, v in verified.items()
        ))  # fmt: skip
        sizes.append((len(verified), len(exact)))
        return real(a_name, a, b_name, b, verified, **rest)

    monkeypatch.setattr(confirm_module, "from_verified_pairs", spy)
    a, b = clips["original"], clips["excerpt"]
    confirm_module.compare_coarse("original.mp4", a, "excerpt.mp4", b)
    assert seen and all(seen)
    assert sizes[0][0] < sizes[0][1]  # the first look leaves some out (in a pan, every frame
    # is paired with other moments too: their neighbours are matched before the finding stands)


@pytest.fixture(scope="module")
def look_alikes(tmp_path_factory) -> dict[str, tuple[ClipFeatures, ClipFeatures]]:
    """Pairs that share no footage but much else: two reports in one news template, two
    flights under one HUD, a fixed camera at two moments."""
    folder = tmp_path_factory.mktemp("alike")
    made = {
        "news": [news_frame(panning(seed, (180, 120))) for seed in (1, 2)],
        "hud": [hud(panning(seed, (320, 240))) for seed in (4, 5)],
    }
    pairs = {
        name: tuple(clip_features(frames_clip(folder / f"{name}_{i}.mp4", frames))
                    for i, frames in enumerate(both))
        for name, both in made.items()
    }  # fmt: skip
    cameras = (fixed_camera(folder / "cam_0.mp4", 0), fixed_camera(folder / "cam_1.mp4", 170))
    pairs["fixed camera"] = (clip_features(cameras[0]), clip_features(cameras[1]))
    return pairs  # type: ignore[return-value]


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["news", "hud", "fixed camera"])
def test_look_alikes_proposed_are_not_confirmed(look_alikes, monkeypatch, kind):
    """A proposal between clips sharing only a still layer: nothing shared at the coarse step
    or frame by frame, and the answer is the full comparison's (the still layer included)."""
    calls = _spied(monkeypatch)
    a, b = look_alikes[kind]
    found = confirm("a.mp4", a, "b.mp4", b, [Proposal((2.0, 3.0), (2.0, 3.0))])
    full = compare_features("a.mp4", a, "b.mp4", b)
    assert not found.shared and comparison_to_dict(found) == comparison_to_dict(full)
    assert len(calls) >= 3  # coarse, frame by frame in the windows, and in full


@pytest.mark.parametrize(
    ("t", "rate", "refined"),
    [(10.0, 1.0, True), (12.0, 1.0, True), (12.5, 1.0, False), (20.0, 1.0, False),
     (38.0, 1.0, True), (42.0, 1.0, True), (42.5, 1.0, False),
     (20.0, 1.002, False), (20.0, 1.5, True), (20.0, -1.0, False), (7.5, 1.5, False)],
)  # fmt: skip
def test_frames_near_a_coarse_stretchs_ends_are_matched_in_full(t, rate, refined):
    """Within REFINE_S of the ends; all along a stretch at a changed speed, whose line is
    measured on how densely it matches (``align``)."""
    segment = Segment(a_start=10.0, a_end=40.0, b_start=0.0, b_end=30.0 * abs(rate), rate=rate,
                      similarity=0.5, matches=30, mirrored=False)  # fmt: skip
    assert confirm_module._refined(t, segment) is refined


def test_a_finding_needs_the_neighbours_of_frames_paired_off_its_line():
    """Before a coarse finding stands, A's frames next to every frame that pairs one of its B
    frames (or the next) with another moment of A are matched: one of them can be that B
    frame's strongest match, which would make the stretch's pair there an echo."""
    segment = Segment(a_start=10.0, a_end=20.0, b_start=0.0, b_end=10.0, rate=1.0,
                      similarity=0.5, matches=20, mirrored=False)  # fmt: skip
    times = {i / 2 for i in range(81)}  # 0-40 s
    verified = {(12.0, 2.0): None,  # on the line
                (11.0, 1.5): None,  # half a sample off: on the line
                (25.0, 5.0): None,  # another moment of A for one of its B frames
                (31.0, 10.5): None,  # for the B frame next to its last one
                (35.0, 20.0): None}  # a B frame far from it  # fmt: skip
    needed = confirm_module._needed([segment], verified, times)  # type: ignore[arg-type]
    ends = {t for t in times if 8.0 <= t <= 12.0 or 18.0 <= t <= 22.0}
    assert needed == ends | {24.5, 25.0, 25.5, 30.5, 31.0, 31.5}


@pytest.mark.slow
def test_nothing_shared_in_the_windows_is_decided_by_the_full_comparison(clips, monkeypatch):
    calls = _spied(monkeypatch)
    a, b = clips["original"], clips["other"]
    found = confirm("original.mp4", a, "other.mp4", b, [Proposal((3.0, 4.0), (5.0, 6.0))])
    assert comparison_to_dict(found) == comparison_to_dict(compare_features(
        "original.mp4", a, "other.mp4", b))  # fmt: skip
    assert not found.shared
    assert calls[-1] == (len(a.frames), len(b.frames))  # the last: in full
    assert confirm("original.mp4", a, "other.mp4", b, []) == found  # nothing proposed: in full


def _searched(monkeypatch) -> list[FrameFeatures]:
    """The frames each descriptor search of ``confirm`` (not of ``compare_features``) asks."""
    asked: list[FrameFeatures] = []
    real = confirm_module.pairs_found

    def spy(index, frames):
        asked.extend(frames)
        return real(index, frames)

    monkeypatch.setattr(confirm_module, "pairs_found", spy)
    return asked


@pytest.mark.slow
def test_kept_searches_give_the_pairs_a_fresh_search_gives_in_its_order(clips):
    """The pairs of A's frames kept from earlier searches in a window of B are the ones (and
    listed in the order) one search of those frames gives, whatever the searches were."""
    a = within(clips["original"], [(4.0, 20.0)])
    b = within(clips["excerpt"], [(0.0, 10.0)])
    times = [f.t for f in a.frames]
    searches = confirm_module.Searches()
    searches.pairs(a, b, set(times[1::3]))
    searches.pairs(a, b, set(times[::2]))
    for wanted in (set(times[::2]), set(times[5:20]), set(times)):
        fresh = pairs_found(FeatureIndex([b.frames]), [f for f in a.frames if f.t in wanted])
        kept = searches.pairs(a, b, wanted)
        assert fresh and list(kept) == list(fresh)
        assert all(kept[k].inliers == v.inliers and kept[k].mirrored == v.mirrored
                   and np.array_equal(kept[k].transform, v.transform)
                   for k, v in fresh.items())  # fmt: skip
    other = within(clips["excerpt"], [(2.0, 12.0)])  # another window: searched afresh
    assert list(searches.pairs(a, other, set(times))) == list(
        pairs_found(FeatureIndex([other.frames]), a.frames))  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["news", "hud", "fixed camera"])
def test_the_windows_frame_by_frame_are_compare_features_of_them(look_alikes, kind):
    """After the coarse look, the windows compared frame by frame from the searches it made
    are ``compare_features`` of the windows exactly: the same comparison, still layer and all."""
    a, b = look_alikes[kind]
    a, b = within(a, [(0.0, 6.0)]), within(b, [(0.0, 6.0)])
    searches = confirm_module.Searches()
    confirm_module.compare_coarse("a.mp4", a, "b.mp4", b, searches=searches)
    kept = confirm_module.compare_windows("a.mp4", a, "b.mp4", b, searches=searches)
    assert kept == compare_features("a.mp4", a, "b.mp4", b)
    assert comparison_to_dict(kept) == comparison_to_dict(compare_features("a.mp4", a, "b.mp4", b))


@pytest.mark.slow
def test_no_frame_is_searched_twice_in_one_window(clips, monkeypatch):
    """A proposal on unrelated footage found nothing at the coarse step: frame by frame, only
    A's frames it left out are searched in the windows (then the whole clips, by
    ``compare``)."""
    asked = _searched(monkeypatch)
    a, b = clips["original"], clips["other"]
    proposal = Proposal((3.0, 4.0), (5.0, 6.0))
    found = confirm("a.mp4", a, "b.mp4", b, [proposal])
    window = within(a, confirm_module._widened([], [(proposal.a, 1.0)], confirm_module._extent(a)))
    mine = {id(f) for f in a.frames}
    of_a = sorted(f.t for f in asked if id(f) in mine)
    assert of_a == sorted(f.t for f in window.frames)  # each of the window's frames once
    assert len(window.frames) < len(a.frames)
    assert comparison_to_dict(found) == comparison_to_dict(compare_features("a.mp4", a, "b.mp4", b))
