from fractions import Fraction
from pathlib import Path

import pytest

from forensics.media.frames import SCENE_THRESHOLD, build_command, extract, fit_long_side
from forensics.media.hashing import detect_borders
from forensics.media.mediainfo import media_info
from forensics.media.probe import probe
from forensics.media.toolchain import find_toolchain
from tests.media import lavfi_clip, shots_clip


def read(path: Path, tmp_path: Path):
    tools = find_toolchain()
    media = media_info(path, probe(path, tools))
    shots = tmp_path / "shots"
    shots.mkdir()
    return media, extract(path, media, tools, shots, tmp_path)


def test_fit_long_side_keeps_aspect_and_even_sizes():
    assert fit_long_side((1280, 720), 256) == (256, 144)
    assert fit_long_side((720, 1280), 256) == (144, 256)
    assert fit_long_side((480, 480), 256) == (256, 256)


def test_command_is_an_argument_list_with_a_file_url(tmp_path):
    path = lavfi_clip(tmp_path / "-odd name; rm -rf x.mp4", seconds=1)
    tools = find_toolchain()
    media = media_info(path, probe(path, tools))
    args, size = build_command(path, media, tools, tmp_path)
    assert args[0] == tools.ffmpeg and size == (320, 240)
    assert f"file:{path.resolve()}" in args  # one argument: never split, never an option


def test_samples_keep_exact_presentation_times(tmp_path):
    _, got = read(lavfi_clip(tmp_path / "a.mp4", seconds=4, fps=25), tmp_path)
    times = [s.time for s in got.samples]
    assert len(times) == 8
    assert all(t.time_base == Fraction(1, 12800) for t in times)  # the stream's own time base
    # The first real frame in each half-second slot: 25 fps has no frame at 0.5 s.
    assert [t.seconds for t in times] == pytest.approx([0, 0.52, 1, 1.52, 2, 2.52, 3, 3.52])
    assert all((t.pts * t.time_base * 25).denominator == 1 for t in times)  # whole frames
    assert all(s.gray.shape == (240, 320) for s in got.samples)
    assert got.returncode == 0 and got.decoded_until_s == pytest.approx(3.52)


def test_shot_changes_become_keyframes(tmp_path):
    clip = shots_clip(tmp_path / "cuts.mp4", seeds=[1, 2, 3], seconds_each=2.0)
    _, got = read(clip, tmp_path)
    starts = [round(s.time.seconds, 2) for s in got.shots]
    assert starts == [0.0, 1.0, 2.0, 4.0]  # the one-second frame covers openings on black
    assert all(s.path.is_file() for s in got.shots)
    assert all(s.scene_score > SCENE_THRESHOLD for s in got.shots[2:])


def test_long_take_still_gets_periodic_keyframes(tmp_path):
    clip = lavfi_clip(tmp_path / "take.mp4", source="testsrc2", seconds=25, size="160x120")
    _, got = read(clip, tmp_path)
    assert [round(s.time.seconds) for s in got.shots] == [0, 1, 11, 21]


def test_letterboxed_clip_has_its_bars_found(tmp_path):
    clip = lavfi_clip(
        tmp_path / "box.mp4", source="testsrc2", size="320x180", seconds=3,
        vf="noise=alls=8:allf=t,pad=320:320:0:70:black",
    )  # fmt: skip
    _, got = read(clip, tmp_path)
    crop = detect_borders([s.gray for s in got.samples])
    assert crop is not None
    assert crop.x == 0 and crop.w == 320
    assert crop.y == pytest.approx(70, abs=2) and crop.h == pytest.approx(180, abs=3)


def test_rotated_clip_is_sampled_upright(tmp_path):
    tools = find_toolchain()
    version = tools.ffmpeg_version.lstrip("n")
    source = lavfi_clip(tmp_path / "src.mp4", size="320x240", seconds=1, audio=False)
    rotated = tmp_path / "rot.mp4"
    from tests.media import run_ffmpeg

    if version[:1].isdigit() and int(version.split(".")[0]) >= 6:
        run_ffmpeg(["-display_rotation", "90", "-i", str(source), "-c", "copy", str(rotated)])
    else:
        run_ffmpeg(["-i", str(source), "-c", "copy", "-metadata:s:v", "rotate=270", str(rotated)])
    media, got = read(rotated, tmp_path)
    assert abs(media.rotation) == 90 and media.display_size == (240, 320)
    assert got.samples[0].gray.shape == (320, 240)
