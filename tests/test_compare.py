"""``compare`` on generated clips with known edits: the first slice of reuse detection."""

import json
import re

import numpy as np
import pytest

from forensics.cli import main
from forensics.report.compare import aligned_times
from forensics.reuse.align import Segment
from forensics.reuse.compare import clip_features, compare, from_verified_pairs, grow, pairs_found
from forensics.reuse.features import ClipFeatures, describe
from forensics.reuse.matching import FeatureIndex
from tests.media import run_ffmpeg, shots_clip
from tests.test_features import textured


@pytest.fixture(scope="module")
def media(tmp_path_factory):
    root = tmp_path_factory.mktemp("compare")
    return {
        "a": shots_clip(root / "a.mp4", seeds=[21, 22, 23], seconds_each=3.0),
        "other": shots_clip(root / "other.mp4", seeds=[31, 32, 33], seconds_each=3.0),
        "root": root,
    }


def edited(media, name, vf):
    out = media["root"] / f"{name}.mp4"
    run_ffmpeg(["-i", str(media["a"]), "-vf", vf, "-c:v", "libx264", "-preset", "ultrafast",
                str(out)])  # fmt: skip
    return out


def only_segment(a, b):
    result = compare(a, b)
    assert result.shared, "no shared footage found"
    (stretch,) = result.stretches
    return stretch, result


def test_mirrored_and_cropped_reuse(media):
    b = edited(media, "flip_crop", "hflip,crop=iw*0.8:ih*0.8,scale=320:240")
    stretch, result = only_segment(media["a"], b)
    seg = stretch.segment
    assert seg.mirrored and "mirrored" in stretch.alterations
    assert seg.a_start == pytest.approx(0, abs=0.6) and seg.a_end == pytest.approx(8.5, abs=0.6)
    assert seg.b_start == pytest.approx(seg.a_start, abs=0.3)
    assert stretch.b_area_from_a == pytest.approx(0.64, abs=0.08)  # 80% x 80% kept
    assert result.fraction("a") > 0.85 and result.fraction("b") > 0.85


def test_picture_in_picture(media):
    b = media["root"] / "pip.mp4"
    run_ffmpeg(["-i", str(media["other"]), "-i", str(media["a"]), "-filter_complex",
                "[1:v]scale=160:120[s];[0:v][s]overlay=150:110", "-c:v", "libx264",
                "-preset", "ultrafast", str(b)])  # fmt: skip
    stretch, _ = only_segment(media["a"], b)
    assert not stretch.segment.mirrored
    assert stretch.scale == pytest.approx(0.5, abs=0.05)
    assert stretch.a_area_in_b == pytest.approx(0.25, abs=0.05)
    assert stretch.a_box_in_b == pytest.approx((150 / 320, 110 / 240, 310 / 320, 230 / 240),
                                               abs=0.03)  # fmt: skip
    assert any("picture-in-picture" in a for a in stretch.alterations)


def test_letterbox_is_told_from_picture_in_picture(media):
    b = edited(media, "letterbox", "pad=320:400:0:80:black")
    stretch, _ = only_segment(media["a"], b)
    assert stretch.a_area_in_b == pytest.approx(240 / 400, abs=0.05)
    assert any(a.startswith("letterboxed") for a in stretch.alterations), stretch.alterations
    back = stretch.swapped()  # told from B: A's picture is B's, cropped of its bands
    assert back.b_area_from_a == pytest.approx(stretch.a_area_in_b)
    assert any(a.startswith("cropped") for a in back.alterations), back.alterations


def test_excerpt_spliced_into_other_footage(media):
    part = media["root"] / "part.mp4"
    run_ffmpeg(["-ss", "3", "-t", "3", "-i", str(media["a"]), "-c:v", "libx264",
                "-preset", "ultrafast", str(part)])  # fmt: skip
    spliced = media["root"] / "spliced.mp4"
    run_ffmpeg(["-i", str(media["other"]), "-i", str(part), "-filter_complex",
                "[0:v][1:v]concat=n=2:v=1:a=0", "-c:v", "libx264", "-preset", "ultrafast",
                str(spliced)])  # fmt: skip
    stretch, _ = only_segment(media["a"], spliced)
    seg = stretch.segment
    assert seg.a_start == pytest.approx(3, abs=0.6) and seg.a_end == pytest.approx(5.5, abs=0.6)
    assert seg.b_start == pytest.approx(9, abs=0.6)  # after the 9 s of other footage


def test_unrelated_clips_share_nothing(media):
    result = compare(media["a"], media["other"])
    assert not result.shared and result.fraction("a") == 0.0


def test_cli_json_is_one_object(media, capsys):
    b = edited(media, "plain", "scale=320:240")
    with pytest.raises(SystemExit) as done:
        main(["compare", str(media["a"]), str(b), "--json"])
    assert done.value.code in (0, None)
    out = capsys.readouterr().out
    data = json.loads(out)
    assert out.count("\n") == 1 and data["shared"] is True
    for key in ("a_start", "a_end", "b_start", "b_end", "similarity"):
        assert key in data["segments"][0]
    assert 0 < data["segments"][0]["similarity"] <= 1
    assert data["a"] == str(media["a"]) and data["b_shared_fraction"] > 0.85


def test_cli_bad_input_is_one_line(media, tmp_path, capsys):
    empty = tmp_path / "empty.mp4"
    empty.write_bytes(b"")
    with pytest.raises(SystemExit) as done:
        main(["compare", str(media["a"]), str(empty)])
    assert done.value.code == 2
    assert capsys.readouterr().err.strip().count("\n") == 0


def fixed_camera(path, start_frame, frames=150, seed=41):
    """A fixed camera over a textured scene with cars passing, from ``start_frame`` on: other
    moments show other cars (their own look, size and lane: identical boxes at one place on
    one background would be one picture, whatever the clock said)."""
    from tests.media import frames_clip, textured_frame

    background = textured_frame(seed, (320, 240)).astype(np.int16)
    rng = np.random.default_rng(start_frame)
    lanes = [(int(rng.integers(40, 90)), 3, int(rng.integers(30, 60))),
             (int(rng.integers(140, 190)), -4, int(rng.integers(30, 60)))]  # fmt: skip
    cars = [textured_frame(1000 + start_frame + n, (width, 25)).astype(np.int16) // 2
            for n, (_, _, width) in enumerate(lanes)]  # fmt: skip
    out = []
    for n in range(start_frame, start_frame + frames):
        frame = background.copy()
        for car, (lane, speed, width) in zip(cars, lanes, strict=True):
            x = (n * speed) % 400 - width
            left, right = max(0, x), min(320, x + width)
            if left < right:
                frame[lane : lane + 25, left:right] = car[:, left - x : right - x]
        frame += rng.normal(0, 3, frame.shape).astype(np.int16)
        out.append(np.clip(frame, 0, 255).astype(np.uint8))
    return frames_clip(path, out)


def test_fixed_camera_at_another_moment_is_not_reuse(media):
    a = fixed_camera(media["root"] / "cam_a.mp4", 0)
    b = fixed_camera(media["root"] / "cam_b.mp4", 170)
    assert not compare(a, b).shared


def test_a_repost_of_fixed_camera_footage_is_reuse(media, tmp_path):
    """The other side of the same coin: the same moment, re-encoded smaller, is found, over
    the whole clip (where no car moves, the background carries the stretch)."""
    a = fixed_camera(media["root"] / "cam_a.mp4", 0)
    b = tmp_path / "repost.mp4"
    run_ffmpeg(["-i", str(a), "-vf", "scale=256:192", "-c:v", "libx264", "-crf", "30", str(b)])
    [stretch] = compare(a, b).stretches
    assert stretch.segment.a_start <= 0.5 and stretch.segment.a_end >= 5.0


def test_comparison_page(media, tmp_path):
    from forensics.report.compare import write_comparison

    hostile = media["root"] / 'cut "<b>x<b>".mp4'  # file names cannot hold a slash
    hostile.write_bytes(edited(media, "mirror_only", "hflip").read_bytes())
    page = write_comparison(compare(media["a"], hostile), tmp_path / "reports")
    html = page.read_text(encoding="utf-8")
    assert "<b>x<b>" not in html and "&lt;b&gt;x&lt;b&gt;" in html
    images = re.findall(r'<img src="([^"]+)"', html)
    assert len(images) == 6 and all((page.parent / i).is_file() for i in images)
    data = json.loads((page.parent / "compare.json").read_text(encoding="utf-8"))
    assert data["segments"][0]["mirrored"] and data["commands"]
    assert [p.name for p in (tmp_path / "reports").iterdir()] == [page.parent.name]


@pytest.mark.browser
@pytest.mark.slow
def test_comparison_page_in_browser(chromium, media, tmp_path):
    from forensics.report.compare import write_comparison
    from tests.browser import visit

    b = edited(media, "crop_only", "crop=iw*0.85:ih*0.85,scale=320:240")
    page = write_comparison(compare(media["a"], b), tmp_path)
    shots = {"compare-desktop": (1280, 900), "compare-phone": (390, 844)}
    seen, facts = visit(chromium, page, shots)
    assert not (seen.console_errors or seen.page_errors or seen.failed or seen.external)
    for fact in facts.values():
        assert fact["images_broken"] == 0 and "Timelines" in fact["sections"]
    assert facts["compare-phone"]["scroll_width"] <= 390


def test_a_segment_grows_along_its_line_to_where_the_footage_changes():
    # B shows A's frames 0-4.5 s three seconds later, then other footage; voting found only
    # A 2.0-3.0. Guided matching under the segment's geometry finds the rest, and stops at
    # the change (and does not cross into another segment).
    a = ClipFeatures(6.0, (320, 180), tuple(describe(0.5 * i, textured(i)) for i in range(12)))
    b_frames = [describe(0.5 * i, textured(100 + i)) for i in range(6)]
    b_frames += [describe(3.0 + 0.5 * i, textured(i)) for i in range(10)]
    b_frames += [describe(8.0 + 0.5 * i, textured(200 + i)) for i in range(6)]
    b = ClipFeatures(11.0, (320, 180), tuple(b_frames))
    seed = Segment(2.0, 3.0, 5.0, 6.0, rate=1.0, similarity=0.9, matches=3, mirrored=False)
    identity = np.array([[1.0, 0, 0], [0, 1.0, 0]])
    grown = grow(seed, identity, a, b)
    assert (grown.a_start, grown.a_end, grown.b_start, grown.b_end) == (0.0, 4.5, 3.0, 7.5)
    assert grown.matches == 3 + 7
    later = Segment(4.0, 5.5, 7.0, 8.5, rate=1.0, similarity=0.9, matches=4, mirrored=False)
    assert grow(seed, identity, a, b, [later]).a_end == 3.0


def test_frame_pairs_keep_to_the_part_both_sides_share():
    # A ends at 22.0 but B at 42.5: A's 22.0 would land on B's next shot at 43.0.
    seg = Segment(15.0, 22.0, 36.0, 42.5, rate=1.0, similarity=0.7, matches=14, mirrored=True)
    assert aligned_times(seg) == [(15.0, 36.0), (18.25, 39.25), (21.5, 42.5)]
    slow = Segment(0.0, 10.0, 0.0, 15.0, rate=1.25, similarity=0.7, matches=20, mirrored=False)
    assert aligned_times(slow)[-1] == (10.0, 12.5)


def _turned(degrees: float):
    import math

    import numpy as np

    from forensics.reuse.features import Verification

    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return Verification(40, False, np.array([[c, -s, 5.0], [s, c, 3.0]]), 40)


def test_a_stretch_keeps_one_geometry_a_revisited_view_does_not():
    """Reused footage is turned alike all along a stretch; a handheld camera coming back to
    a view at another moment is turned a little differently each time."""
    from forensics.records import Segment
    from forensics.reuse.compare import steady

    line = Segment(0.0, 2.0, 5.0, 7.0, -1.0, 0.8, 5, False)  # B backwards: 7.0 down to 5.0
    times = [(0.0, 7.0), (0.5, 6.5), (1.0, 6.0), (1.5, 5.5), (2.0, 5.0)]

    def pairs(angles):
        return {t: _turned(angle) for t, angle in zip(times, angles, strict=True)}

    assert steady(line, pairs((4.0, 4.5, 3.2, 4.1, 5.0)))
    assert not steady(line, pairs((0.0, -5.3, -13.0, -26.0, -9.0)))
    assert steady(line, pairs((179.0, -179.5, 178.2, -178.0, 179.9)))  # either side of 180


def test_where_nothing_is_found_one_way_the_other_way_is_looked_at(media):
    """B's frames matched against A's find what A's against B's missed, told from A to B."""
    a_path, b_path = media["a"], edited(media, "crop_only", "crop=iw*0.6:ih*0.6,scale=320:240")
    a, b = clip_features(a_path), clip_features(b_path, inverted=False)
    reverse = lambda: pairs_found(FeatureIndex([a.frames]), b.frames)  # noqa: E731

    assert not from_verified_pairs("a", a, "b", b, {}).shared  # nothing one way alone
    result = from_verified_pairs("a", a, "b", b, {}, reverse=reverse)
    (stretch,) = result.stretches
    assert (result.a, result.b) == ("a", "b")
    assert stretch.b_area_from_a == pytest.approx(0.36, abs=0.08)  # B keeps 60% x 60% of A
    assert stretch.scale == pytest.approx(1 / 0.6, rel=0.1)  # B enlarges A's picture
    assert any(name.startswith("cropped") for name in stretch.alterations)


def test_the_other_way_is_not_looked_at_when_one_way_finds_the_footage(media):
    a, b = clip_features(media["a"]), clip_features(media["a"], inverted=False)
    verified = pairs_found(FeatureIndex([b.frames]), a.frames)

    def never() -> dict:
        raise AssertionError("the reverse pairs were asked for")

    assert from_verified_pairs("a", a, "b", b, verified, reverse=never).shared
