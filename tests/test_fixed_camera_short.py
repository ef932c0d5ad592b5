"""A SHORT clip of a fixed camera (2-3 s) at another moment is not shared footage either
(issue 14). The still layer compares each moment with frames ``motion.GAP_S`` (2 s) away; a
clip under 4 s has moments with no frame that far (a clip of 2 s: none), and those were left
unmarked, so the camera's background counted as footage evidence. Such moments are compared
with frames ``motion.SHORT_GAP_S`` away instead. Media: ``tests/fixed_camera.py``."""

from __future__ import annotations

import numpy as np
import pytest

from forensics.reuse.compare import compare
from forensics.reuse.motion import GAP_S, SHORT_GAP_S, _probe_indices
from tests.fixed_camera import altered, cut, recording


@pytest.fixture(scope="module")
def road(tmp_path_factory):
    """2 s of the road empty at four moments, and 3 s with a car crossing, re-encoded.
    Before short clips were probed, 13-15 s against 34-36 s was called shared and no pair of
    two-second clips was told to be the same place."""
    folder = tmp_path_factory.mktemp("short-road")
    frames = recording(44, seed=5, grain=11.0)
    clips = {start: cut(folder / f"at_{start}.mp4", frames, start, start + 2)
             for start in (4, 13, 20, 34)}  # fmt: skip
    clips["car"] = cut(folder / "car.mp4", frames, 0, 3)  # a car crosses from 1 s to 3 s
    clips["car re-encoded"] = altered(folder / "car_reencoded.mp4", clips["car"], "scale=256:192")
    return clips


@pytest.mark.parametrize("pair", [(13, 34), (34, 13), (4, 20)])
def test_two_short_clips_of_the_camera_are_the_same_place_not_shared(road, pair):
    result = compare(road[pair[0]], road[pair[1]])
    assert not result.shared, [s.segment for s in result.stretches]
    assert result.still_match is not None and result.still_match.kind == "place"


def test_a_short_clip_re_encoded_is_still_shared(road):
    [stretch] = compare(road["car"], road["car re-encoded"]).stretches
    segment = stretch.segment
    assert abs(segment.offset) <= 0.6 and segment.rate == pytest.approx(1.0, abs=0.05)
    assert segment.a_end - segment.a_start >= 1.0  # the moments the car is in view


def test_every_moment_of_a_short_clip_is_probed():
    """2 samples a second: in a 2 s clip every moment gets the frames ``SHORT_GAP_S`` or more
    away; in a long one the probes stay at least ``GAP_S`` away."""
    short = np.arange(4) / 2
    for index in range(len(short)):
        probes = _probe_indices(short, index)
        assert probes and all(abs(short[p] - short[index]) >= SHORT_GAP_S for p in probes)
    long = np.arange(20) / 2
    for index in range(len(long)):
        probes = _probe_indices(long, index)
        assert probes and all(abs(long[p] - long[index]) >= GAP_S for p in probes)


def test_a_case_reports_the_short_other_moment_as_the_same_place(road, tmp_path):
    """In a case, the later short clip gets the low "same camera or place" lead, no reuse
    entry (the case search marks still layers as ``analyze`` decodes)."""
    from forensics import analyze

    out = tmp_path / "case"
    analyze(road[13], out, index_dir=out)
    record = analyze(road[34], out, index_dir=out).record
    assert not record.reuse
    [lead] = [f for f in record.flags if f.code == "same_place_other_moment"]
    assert lead.severity == "low"
