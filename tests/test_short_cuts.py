"""A compilation of many 1-2 s excerpts of a clip, shuffled between other footage, is found
excerpt by excerpt (``reuse.cuts``, issue 14); one 1 s coincidence alone is not shared."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from forensics.reuse.compare import compare
from tests.media import frames_clip
from tests.test_still_layer import panning

pytestmark = pytest.mark.slow  # real clips, decoded and compared

FPS = 25
SIZE = (320, 240)


@pytest.fixture(scope="module")
def clips(tmp_path_factory) -> tuple[Path, list[np.ndarray], list[np.ndarray]]:
    """A: 10 s of a camera panning across a textured scene; the frames of A and of other
    footage (another scene) to cut B from."""
    folder = tmp_path_factory.mktemp("short_cuts")
    frames = panning(11, SIZE, n=250)
    return frames_clip(folder / "a.mp4", frames), frames, panning(12, SIZE, n=250)


def compiled(path: Path, frames: list[np.ndarray], other: list[np.ndarray],
             cuts: list[tuple[int, int]]) -> tuple[Path, list[tuple[float, float]]]:  # fmt: skip
    """B: 1-2 s of other footage, then each cut of A (first frame, frames) followed by 1-2 s
    of other footage; with each cut's (A start, B start) in seconds."""
    b_frames, truth = list(other[:30]), []
    for n, (start, count) in enumerate(cuts):
        truth.append((start / FPS, len(b_frames) / FPS))
        filler = 25 + 12 * (n % 2)  # 1 s or 1.5 s
        b_frames += frames[start : start + count] + other[40 * (n + 1) : 40 * (n + 1) + filler]
    return frames_clip(path, b_frames), truth


def test_one_second_cuts_in_any_order_are_each_a_stretch_of_their_own(clips, tmp_path):
    a, frames, other = clips
    cuts = [(150, 25), (20, 25), (200, 38), (100, 25), (50, 40)]  # shuffled, three of 1 s
    b, truth = compiled(tmp_path / "compilation.mp4", frames, other, cuts)
    result = compare(a, b)
    assert result.shared
    for a_start, b_start in truth:
        near = [s for s in result.stretches if abs(s.segment.a_start - a_start) <= 0.6
                and abs(s.segment.b_start - b_start) <= 0.6]  # fmt: skip
        assert len(near) == 1, (a_start, b_start, result.stretches)
    assert len(result.stretches) == len(truth)
    assert all(abs(s.segment.rate - 1.0) < 0.01 for s in result.stretches)  # no speed change
    # told the other way round, the same cuts
    back = compare(b, a)
    assert len(back.stretches) == len(truth)


def test_a_single_one_second_coincidence_is_not_shared(clips, tmp_path):
    a, frames, other = clips
    b, _ = compiled(tmp_path / "one_cut.mp4", frames, other, [(120, 25)])
    assert not compare(a, b).shared
    assert not compare(b, a).shared
