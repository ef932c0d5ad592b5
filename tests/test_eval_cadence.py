"""The reuse evaluation's odd-cadence cameras (``benchmarks/reuse_eval/cadence.py``) make what
they claim: few distinct pictures a second stored at a normal rate, and irregular frame times
(kept in the file for the variable-rate one); and their pairs build with their truth.

Synthetic sources (ffmpeg test patterns with noise, every frame different) stand in for the
tune footage, under the tune sources' names so the treatments apply to them.
"""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from forensics.media.toolchain import find_toolchain
from tests.media import lavfi_clip

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from reuse_eval.build import Builder
from reuse_eval.cadence import cadence_cases, jitter_sources, repeat_sources
from reuse_eval.sources import Excerpt, Source, a_clip, with_fillers

pytestmark = pytest.mark.slow

NAMES = ("car", "bottle", "dashcam")


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> list[Source]:
    folder = tmp_path_factory.mktemp("sources")
    out = []
    for name, pattern in zip(NAMES, ("testsrc2", "testsrc", "rgbtestsrc"), strict=True):
        path = lavfi_clip(folder / f"{name}.mp4", pattern, 9.0, "320x180", 25, audio=False,
                          vf="noise=alls=20:allf=t")  # fmt: skip
        out.append(Source(name, "tune", Excerpt(path, 0.0, 4.0), (320, 180), Fraction(25),
                          pattern, another=Excerpt(path, 5.0, 4.0)))  # fmt: skip
    return with_fillers(out)


@pytest.fixture(scope="module")
def builder(tmp_path_factory: pytest.TempPathFactory) -> Builder:
    return Builder(tmp_path_factory.mktemp("built"), find_toolchain().ffmpeg)


def frame_times(path: Path) -> list[float]:
    command = [find_toolchain().ffprobe or "ffprobe", "-v", "error", "-select_streams", "v",
               "-show_entries", "frame=pts_time", "-of", "csv=p=0", str(path)]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return sorted(float(line.strip(",")) for line in done.stdout.split())


def pictures(path: Path) -> np.ndarray:
    command = [find_toolchain().ffmpeg, "-v", "error", "-i", str(path), "-vf",
               "scale=80:45:flags=neighbor,format=gray", "-fps_mode", "passthrough",
               "-f", "rawvideo", "-"]  # fmt: skip
    raw = subprocess.run(command, capture_output=True, check=True).stdout
    return np.frombuffer(raw, np.uint8).reshape(-1, 45, 80).astype(np.int16)


def changes(frames: np.ndarray) -> int:
    """How many frames differ from the one before (noise of 20 grey levels on a new picture;
    an encoder's copy of the same picture differs by about one)."""
    diffs = np.abs(np.diff(frames, axis=0)).mean(axis=(1, 2))
    return int((diffs > 4.0).sum())


def test_repeats_show_few_pictures_a_second_at_a_normal_rate(
    sources: list[Source], builder: Builder
) -> None:
    treated = {s.name: s for s in repeat_sources(sources)}
    car = treated["car@2fps-in-25"]
    path = builder.clip(a_clip(car))
    times = frame_times(path)
    assert len(times) == pytest.approx(4.0 * 25, abs=2)  # stored at 25 fps
    assert np.allclose(np.diff(times), 0.04, atol=0.002)
    assert changes(pictures(path)) == pytest.approx(4.0 * 2 - 1, abs=1)  # 2 pictures a second
    dashcam = builder.clip(a_clip(treated["dashcam@4fps-in-30"]))
    assert len(frame_times(dashcam)) == pytest.approx(4.0 * 30, abs=2)
    assert changes(pictures(dashcam)) == pytest.approx(4.0 * 4 - 1, abs=1)


def test_jitter_keeps_irregular_times_or_repeats_at_a_fixed_rate(
    sources: list[Source], builder: Builder
) -> None:
    treated = {s.name: s for s in jitter_sources(sources)}
    vfr = frame_times(builder.clip(a_clip(treated["car@jitter-vfr"])))
    gaps = np.diff(vfr)
    assert gaps.min() > 0.0  # still in order
    assert np.ptp(gaps[gaps < 0.1]) > 0.02  # jittered, not on a 40 ms grid
    assert (gaps > 0.3).sum() >= 1  # a dropped run: a freeze of about a third of a second
    fixed = builder.clip(a_clip(treated["bottle@jitter-25fps"]))
    assert np.allclose(np.diff(frame_times(fixed)), 0.04, atol=0.002)
    frames = pictures(fixed)
    assert changes(frames) < len(frames) - 10  # the dropped frames became repeats


def test_cadence_pairs_build_with_their_truth(sources: list[Source], builder: Builder) -> None:
    cases = cadence_cases("tune", sources)
    assert cadence_cases("heldout", sources) == []
    groups = {c.group for c in cases}
    assert {"repeats:crop", "repeats:speed", "jitter:overlays", "neg:repeats-same-camera",
            "neg:jitter-same-treatment"} <= groups  # fmt: skip
    chosen = [c for c in cases if c.group in {"repeats:speed", "jitter:splice", "jitter:speed",
                                              "neg:jitter-same-camera"}]  # fmt: skip
    for case in chosen:
        for clip, declared in ((case.a, case.a_length), (case.b, case.b_length)):
            times = frame_times(builder.clip(clip))
            assert times[-1] == pytest.approx(declared, abs=0.3), case.name


def test_sources_without_the_tune_names_get_no_cadence_pairs(sources: list[Source]) -> None:
    from dataclasses import replace

    renamed = [replace(s, name=f"other{n}") for n, s in enumerate(sources)]
    assert cadence_cases("tune", renamed) == []
