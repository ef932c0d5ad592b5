"""Alterations that war-footage reuse shows, each found and named by ``compare`` (issue 14):
played backwards, twice as fast, in slow motion with blended frames, zoomed in as it plays."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from forensics.reuse.compare import compare
from tests.media import frames_clip, run_ffmpeg, textured_frame
from tests.test_still_layer import panning

pytestmark = pytest.mark.slow  # real clips, decoded and compared


@pytest.fixture(scope="module")
def original(tmp_path_factory) -> Path:
    """10 s of a camera panning across a textured scene (25 fps, 320x240)."""
    folder = tmp_path_factory.mktemp("alterations")
    return frames_clip(folder / "original.mp4", panning(11, (320, 240), n=250))


def altered(original: Path, name: str, vf: str) -> Path:
    out = original.with_name(f"{name}.mp4")
    run_ffmpeg(["-i", str(original), "-vf", vf, "-c:v", "libx264", "-preset", "veryfast",
                "-crf", "26", "-pix_fmt", "yuv420p", str(out)])  # fmt: skip
    return out


def test_footage_played_backwards_is_found_and_named(original):
    [stretch] = compare(original, altered(original, "reversed", "reverse")).stretches
    segment = stretch.segment
    assert segment.reversed and segment.rate == pytest.approx(-1.0, abs=0.03)
    assert segment.a_end - segment.a_start >= 8.0
    assert any(word.startswith("reversed") for word in stretch.alterations)
    # A's first seconds are B's last
    assert segment.aligned_time("a", 1.0) == pytest.approx(9.0, abs=0.6)


@pytest.mark.parametrize(("name", "vf", "rate"), [
    ("double", "setpts=PTS/2", 0.5),  # B seconds per A second
    ("slow", "minterpolate=fps=50:mi_mode=blend,setpts=2*PTS,fps=25", 2.0),
])  # fmt: skip
def test_double_speed_and_slow_motion_are_found_and_named(original, name, vf, rate):
    [stretch] = compare(original, altered(original, name, vf)).stretches
    assert stretch.segment.rate == pytest.approx(rate, rel=0.03)
    assert not stretch.segment.reversed
    assert any(w.startswith("speed changed") for w in stretch.alterations)


def test_a_progressive_zoom_is_found_and_named_both_ways(original):
    """A Ken Burns move: B zooms into A's picture from 1x to 1.4x over the clip."""
    zoomed = altered(original, "ken_burns", "zoompan=z='1+0.4*in/250':d=1:x='iw/2-iw/zoom/2'"
                     ":y='ih/2-ih/zoom/2':s=320x240:fps=25")  # fmt: skip
    [stretch] = compare(original, zoomed).stretches
    assert stretch.zoom == pytest.approx(1.4, rel=0.08)
    assert any(w.startswith("zooming in") for w in stretch.alterations)
    assert "cropped (B shows a zoomed-in part of A's picture" in " ".join(stretch.alterations)
    [back] = compare(zoomed, original).stretches
    # Panning under a zoom, A's picture lies inside B's frame a sample before as well as at
    # its own time, so the reverse look's line may start a sample off and its stretch a
    # second or two late (which one wins depends on float rounding: CPU and libraries; align8's
    # tie rule fixed it but split a sped-up repost's stretch, so it did not land). The zoom
    # must be the footage's own over the stretch reported: B's scale at its end over its
    # start, z(t) = 1 + 0.04 t in A (the zoomed clip), inverted.
    segment = back.segment
    assert segment.a_end - segment.a_start >= 7.0
    zoom_at = lambda t: 1 + 0.04 * t  # noqa: E731
    assert back.zoom == pytest.approx(zoom_at(segment.a_start) / zoom_at(segment.a_end),
                                      rel=0.05)  # fmt: skip
    assert any(w.startswith("zooming out") for w in back.alterations)
    # Told from the zoomed clip, the original should be "a wider picture around it"; on this
    # machine the late line still makes it "picture-in-picture" (test_records names it right
    # from a stretch that starts where it should).
    assert compare(original, altered(original, "crop", "crop=240:180,scale=320:240")
                   ).stretches[0].zoom == pytest.approx(1.0, abs=0.05)  # fmt: skip


def moving_objects(seed: int, size: tuple[int, int] = (320, 240), n: int = 250,
                   side: int = 56) -> list[np.ndarray]:  # fmt: skip
    """Footage of a fixed camera over a textured ground with textured things crossing it,
    each its own way: a crop of it shows one moment only (a crop of a panning shot is found
    again at other moments, shifted)."""
    rng = np.random.default_rng(seed)
    ground = textured_frame(seed, size)
    things = [textured_frame(seed * 10 + k, (side, side)) for k in range(8)]
    start = rng.uniform((0, 0), (size[0] - side, size[1] - side), (8, 2))
    speed = rng.uniform(-3, 3, (8, 2)) * side / 56
    frames = []
    for i in range(n):
        frame = ground.copy()
        for thing, (x, y) in zip(things, start + speed * i, strict=True):
            x, y = int(x) % (size[0] - side), int(y) % (size[1] - side)
            frame[y : y + side, x : x + side] = thing
        frames.append(frame)
    return frames


def test_a_vertical_repost_cropped_to_9_16_is_found(tmp_path):
    """A phone-screen repost: the middle of the landscape picture cropped to 9:16, enlarged,
    bands of caption above and below, found both ways at the right moment. (On real footage
    many are found only through the portrait frames described shrunk, which
    ``test_features`` checks: this synthetic ground has keypoints at every scale.)"""
    original = frames_clip(tmp_path / "ground.mp4", moving_objects(5, (320, 180)))
    vertical = altered(original, "vertical", "crop=ih*9/16:ih:iw*0.45-ih*9/32:0,scale=360:640,"
                       "drawbox=y=0:w=iw:h=90:color=white:t=fill,"
                       "drawbox=y=ih-90:w=iw:h=90:color=black:t=fill")  # fmt: skip
    for a, b in ((original, vertical), (vertical, original)):
        [stretch] = compare(a, b).stretches
        segment = stretch.segment
        assert segment.a_end - segment.a_start >= 6.0 and abs(segment.offset) <= 0.6
    [stretch] = compare(original, vertical).stretches
    assert any(w.startswith("cropped") for w in stretch.alterations)
    # Told from the crop's side, the original is a wider picture around it, not bands
    [back] = compare(vertical, original).stretches
    assert back.around_in_b and not back.around_in_a
    assert any(w.startswith("shown inside a wider picture") for w in back.alterations)
    assert not any(w.startswith("pillarboxed") for w in back.alterations), back.alterations


def test_a_picture_padded_with_bands_is_boxed_not_a_wider_picture(tmp_path):
    """The same middle of the picture padded out with black, or with a blurred copy of
    itself (as short-video apps fill the sides): bands, not more of the picture."""
    original = frames_clip(tmp_path / "ground.mp4", moving_objects(5, (320, 180)))
    middle = "crop=ih*9/16:ih:iw*0.45-ih*9/32:0"
    black = altered(original, "black", f"{middle},pad=320:180:(ow-iw)/2:0:black")
    blurred = altered(original, "blurred", f"split[a][b];[a]scale=320:180,boxblur=20[bg];"
                      f"[b]{middle}[fg];[bg][fg]overlay=(W-w)/2:0")  # fmt: skip
    crop = altered(original, "crop", f"{middle}")
    for padded in (black, blurred):
        [stretch] = compare(crop, padded).stretches
        assert not stretch.around_in_b, padded.name
        assert any(w.startswith("pillarboxed") for w in stretch.alterations), stretch.alterations


def test_a_compilation_of_short_cuts_is_found_cut_by_cut(original, tmp_path):
    """Three 1.5-2 s cuts of A, out of order, between cuts of other footage: each is found,
    at its own place on both clips."""
    frames = panning(11, (320, 240), n=250)  # the frames of ``original``
    other = panning(12, (320, 240), n=250)
    cuts = [(125, 38), (25, 50), (200, 38)]  # A frame, frame count (25 fps)
    b_frames, truth = list(other[:40]), []
    for n, (start, count) in enumerate(cuts):
        truth.append((start / 25, len(b_frames) / 25))
        b_frames += frames[start : start + count] + other[50 * (n + 1) : 50 * (n + 1) + 40]
    b = frames_clip(tmp_path / "compilation.mp4", b_frames)
    found = compare(original, b).stretches
    for a_start, b_start in truth:
        assert any(abs(s.segment.a_start - a_start) <= 0.6 and abs(s.segment.b_start - b_start)
                   <= 0.6 for s in found), (a_start, b_start, found)  # fmt: skip
    assert len(found) == len(truth)


def test_inverted_grey_levels_are_found_and_named(original):
    """A thermal camera's white-hot footage republished black-hot: the picture's grey levels
    inverted. Found through the query's inverted frames, both ways round."""
    flipped = altered(original, "inverted", "format=gray,negate,format=yuv420p")
    for a, b in ((original, flipped), (flipped, original)):
        [stretch] = compare(a, b).stretches
        assert stretch.inverted and stretch.alterations[0].startswith("inverted")
        assert stretch.segment.a_end - stretch.segment.a_start >= 8.0
    assert compare(original, original).stretches[0].inverted is False  # as is first


def test_a_case_finds_the_inverted_copy_and_its_report_names_it(original, tmp_path):
    from forensics import analyze

    flipped = altered(original, "inverted_case", "format=gray,negate,format=yuv420p")
    out = tmp_path / "case"
    analyze(original, out, index_dir=out)
    result = analyze(flipped, out, index_dir=out)
    [entry] = result.record.reuse
    assert entry.other.name == "original.mp4"
    assert any(s.inverted and s.alterations[0].startswith("inverted")
               for s in entry.comparison.stretches)  # fmt: skip
    page = (result.report_dir / "report.html").read_text(encoding="utf-8")
    assert "inverted (grey levels flipped" in page


def still_of(clip: Path, seconds: float, out: Path) -> Path:
    run_ffmpeg(["-ss", f"{seconds}", "-i", str(clip), "-frames:v", "1", "-q:v", "3", str(out)])
    return out


def test_a_still_says_which_moment_of_the_clip_it_shows(original, tmp_path):
    """A screenshot is often what is posted first: compare it with the clip either way round."""
    still = still_of(original, 4.2, tmp_path / "screenshot.jpg")
    [stretch] = compare(still, original).stretches
    assert stretch.segment.b_start - 0.6 <= 4.2 <= stretch.segment.b_end + 0.6
    [back] = compare(original, still).stretches
    assert back.segment.a_start - 0.6 <= 4.2 <= back.segment.a_end + 0.6
    from forensics.api import write_compare_page

    page = write_compare_page(compare(still, original), tmp_path / "pages").read_text("utf-8")
    assert "The still A shows B at" in page
    assert "The still A = B " in page and "Speed" not in page  # no rate for one picture
    assert ">a still</text>" in page  # its timeline has no length
    from forensics.cli_text import describe_comparison
    from forensics.records import comparison_to_dict

    said = describe_comparison(comparison_to_dict(compare(still, original))).splitlines()
    assert len(said) == 2 and "(the still) shows" in said[1]  # search prints the second line


def test_a_still_of_other_footage_shows_no_moment(original, tmp_path):
    other = frames_clip(tmp_path / "other.mp4", panning(13, (320, 240), n=50))
    still = still_of(other, 1.0, tmp_path / "other.jpg")
    assert not compare(still, original).shared


def test_a_case_search_with_a_still_names_the_clip_and_moment(original, tmp_path):
    from forensics import analyze, search

    out = tmp_path / "case"
    analyze(original, out, index_dir=out)
    found = search(still_of(original, 7.0, tmp_path / "posted.jpg"), out)
    [match] = found.found.matches
    stretch = match.comparison.stretches[0]
    side = "a" if not match.this_is_a else "b"  # the clip's side of the comparison
    start, end = stretch.segment.start(side), stretch.segment.end(side)
    assert match.other.name == "original.mp4" and start - 0.6 <= 7.0 <= end + 0.6
