"""Confirming a clip the hashes (or the sketch) proposed: the two clips compared as
``compare`` compares them, only around the proposed stretches, widened while the footage goes
on, and in full when the windows find nothing shared."""

from __future__ import annotations

import numpy as np
import pytest

from forensics.case import confirm as confirm_module
from forensics.case.confirm import Proposal, confirm, within
from forensics.records import comparison_to_dict
from forensics.reuse.compare import clip_features, compare_features
from forensics.reuse.features import ClipFeatures, FrameFeatures
from tests.media import frames_clip, run_ffmpeg
from tests.test_still_layer import panning


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
    """(A frames, B frames) of every comparison ``confirm`` makes."""
    calls: list[tuple[int, int]] = []

    def spy(a_name: str, a: ClipFeatures, b_name: str, b: ClipFeatures):
        calls.append((len(a.frames), len(b.frames)))
        return compare_features(a_name, a, b_name, b)

    monkeypatch.setattr(confirm_module, "compare_features", spy)
    return calls


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
    assert comparison_to_dict(found) == comparison_to_dict(full)
    assert len(calls) >= 2 and calls[0][0] < len(a.frames)  # the first look: the windows only
    assert all(n_a < len(a.frames) for n_a, _ in calls)  # never all of A's 30 s


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
