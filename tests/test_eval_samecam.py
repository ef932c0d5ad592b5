"""The reuse evaluation's fixed cameras at another moment (``benchmarks/reuse_eval/samecam.py``):
tune sources only, two moments that never overlap, many of them short; no media needed."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from reuse_eval.samecam import KIND, MOMENTS, samecam_cases
from reuse_eval.sources import heldout_sources, tune_sources, with_fillers


def test_only_the_tune_split_has_them() -> None:
    tune = with_fillers(tune_sources())
    cases = samecam_cases("tune", tune)
    assert len(cases) == len(MOMENTS)
    assert {c.group for c in cases} == {f"neg:{KIND}"} and all(c.negative for c in cases)
    assert samecam_cases("heldout", with_fillers(heldout_sources())) == []
    assert samecam_cases("heldout", tune) == []  # the split decides, not the names


def test_two_moments_of_one_tune_camera_never_overlap() -> None:
    names = {s.name for s in tune_sources()}
    for moments in MOMENTS:
        assert moments.source in names
        (a, a_s), (b, b_s) = moments.a, moments.b
        assert a + a_s <= b or b + b_s <= a, moments
    short = [m for m in MOMENTS if min(m.a[1], m.b[1]) <= 4.0]
    assert len(short) >= len(MOMENTS) // 2  # what the group is for: short excerpts
