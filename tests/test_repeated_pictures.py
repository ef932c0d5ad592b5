"""A camera taking fewer pictures a second than its file's rate (each picture repeated) and a
clip with irregular frame times: samples that repeat the picture before them are found, count
as one moment, and leave the alignment of a speed change to the samples showing a picture of
their own (``motion.repeated_samples``, ``align``'s ``repeats``, ``compare.moves_alike``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from forensics.reuse.align import FrameMatch, align
from forensics.reuse.compare import clip_features, compare
from forensics.reuse.motion import repeated_samples
from tests.media import run_ffmpeg, shots_clip


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("repeats")
    source = shots_clip(root / "source.mp4", seeds=[41, 42, 43], seconds_each=3.0)

    def made(name: str, vf: str, of: Path = source) -> Path:
        out = root / f"{name}.mp4"
        run_ffmpeg(["-i", str(of), "-vf", vf, "-c:v", "libx264", "-preset", "veryfast",
                    "-pix_fmt", "yuv420p", str(out)])  # fmt: skip
        return out

    slow_camera = made("one_per_second", "fps=1,fps=25")  # each picture shown 25 times
    jitter = ("select='not(between(mod(n,50),31,38))',settb=1/1000,"
              "setpts='PTS+0.015*sin(N*2.3)/TB',fps=25")  # fmt: skip
    return {
        "source": source,
        "slow_camera": slow_camera,
        "faster": made("faster", "setpts=PTS/1.33,fps=25", slow_camera),
        "jittered": made("jittered", jitter),
    }


def test_repeats_are_the_samples_showing_the_picture_before_them(clips: dict[str, Path]) -> None:
    frames = clip_features(clips["slow_camera"], inverted=False).frames
    repeats = repeated_samples(frames)
    whole = [f.t for f in frames if f.region is None]
    assert len(repeats) >= len(whole) // 2 - 1  # every picture is sampled twice
    assert all(0.4 <= t - first <= 0.6 for t, first in repeats.items())  # half a second late
    assert repeated_samples(clip_features(clips["source"], inverted=False).frames) == {}
    # a webcam's freezes: a few repeats at most, never a picture of its own taken for one
    jittered = repeated_samples(clip_features(clips["jittered"], inverted=False).frames)
    assert len(jittered) <= 4


def test_a_speed_change_of_a_slow_camera_is_one_stretch_at_its_speed(
    clips: dict[str, Path],
) -> None:
    """Counted by samples, the repeats make a staircase: pairs of A samples against single B
    samples, which a line at unchanged speed crosses in pieces."""
    result = compare(clips["slow_camera"], clips["faster"])
    (stretch,) = result.stretches
    assert stretch.segment.rate == pytest.approx(1 / 1.33, abs=0.04)
    assert "speed changed" in " ".join(stretch.alterations)
    assert stretch.segment.a_end - stretch.segment.a_start >= 6.0


def test_a_changed_speed_counts_density_over_pictures_not_samples() -> None:
    """A picture every 1.5 s, each sampled three times, played 0.75x as long: matched on its
    pictures only, a third of its samples, yet every picture it has."""
    pictures = [1.5 * k for k in range(7)]
    matches = [FrameMatch(t, 0.75 * t, 0.9) for t in pictures]
    a_repeats = [t + d for t in pictures for d in (0.5, 1.0)]
    b_repeats = [0.75 * t + d for t in pictures for d in (0.5, 1.0)]
    found = align(matches, repeats=(a_repeats, b_repeats))
    assert len(found) == 1 and found[0].rate == pytest.approx(0.75, abs=0.02)
    # counted over every sample, they are too sparse to measure a speed on (only pieces at
    # unchanged speed remain)
    assert all(s.rate == 1.0 for s in align(matches))
