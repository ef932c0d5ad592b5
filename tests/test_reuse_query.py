"""A comparison's query clip described as far as each look needs (``reuse.query``): what a
look sees is what ``decode_clip`` describes at once, and a look not taken describes nothing."""

from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from forensics.media.mediainfo import media_info
from forensics.media.probe import probe
from forensics.media.toolchain import find_toolchain
from forensics.reuse.compare import clip_features, compare, compare_features, compare_query
from forensics.reuse.decoding import decode_clip
from forensics.reuse.features import (
    MIN_INLIERS,
    SURE_MIRROR,
    Picture,
    describe,
    describe_inverted,
    describe_mirrors,
    describe_pictures,
    describe_samples,
)
from forensics.reuse.motion import StableMaps, mark_still_layers
from forensics.reuse.query import decode_query
from tests.media import run_ffmpeg, shots_clip, textured_grey


@pytest.fixture(scope="module")
def clips(tmp_path_factory):
    root = tmp_path_factory.mktemp("query")
    a = shots_clip(root / "a.mp4", seeds=[41, 42, 43], seconds_each=3.0)
    other = shots_clip(root / "other.mp4", seeds=[51, 52, 53], seconds_each=3.0)

    def edited(name, *args):
        out = root / f"{name}.mp4"
        run_ffmpeg([*args, "-c:v", "libx264", "-preset", "ultrafast", str(out)])
        return out

    filters = {
        # a fade to black and back (frames poor in keypoints), a still stretch (still marks)
        "faded": "fade=t=out:st=5:d=2,fade=t=in:st=7:d=1",
        "frozen": "trim=0:3,loop=loop=100:size=1:start=20,setpts=N/25/TB",
        "portrait": "crop=135:240,scale=180:320",
        "inverted": "negate",
        "cropped": "crop=iw*0.6:ih*0.6,scale=320:240",
        "mirrored": "hflip,crop=iw*0.8:ih*0.8,scale=320:240",
    }
    made = {name: edited(name, "-i", str(a), "-vf", vf) for name, vf in filters.items()}
    overlay = "[1:v]scale=160:120[s];[0:v][s]overlay=150:110"
    made["pip"] = edited("pip", "-i", str(other), "-i", str(a), "-filter_complex", overlay)
    return {"a": a, "other": other, **made}


def eager(path: Path, work: Path):
    """The query as ``decode_clip`` describes it at once."""
    tools = find_toolchain()
    work.mkdir()
    media = media_info(path, probe(path, tools, packet_times=False, in_process=True))
    return decode_clip(path, media, tools, None, work, with_hashes=False).features


def same_frames(got, expected) -> None:
    assert len(got) == len(expected)
    for one, other in zip(got, expected, strict=True):
        assert (one.t, one.size, one.region) == (other.t, other.size, other.region)
        for side in (0, 1):
            assert np.array_equal(one.points[side], other.points[side])
            assert np.array_equal(one.descriptors[side], other.descriptors[side])
            assert (one.still is None) == (other.still is None)
            assert np.array_equal(one.still_at(side), other.still_at(side))


@pytest.mark.parametrize("name", ["faded", "frozen", "portrait", "pip"])
def test_a_query_described_later_is_described_as_at_once(clips, name, tmp_path):
    expected = eager(clips[name], tmp_path / "eager")
    (tmp_path / "lazy").mkdir()
    query = decode_query(clips[name], find_toolchain(), tmp_path / "lazy")

    assert query.first.duration_s == expected.duration_s and query.first.size == expected.size
    assert [f.t for f in query.first.frames] == [f.t for f in expected.frames]  # same frames
    for first, whole in zip(query.first.frames, expected.frames, strict=True):
        assert np.array_equal(first.descriptors[0], whole.descriptors[0])
        assert np.array_equal(first.still_at(0), whole.still_at(0))
    same_frames(query.whole.frames, expected.frames)
    same_frames(query.inverted, expected.inverted)
    if name == "portrait":
        assert any(f.region is not None for f in query.whole.frames)  # described shrunk too
    if name == "pip":
        assert any(f.region is not None for f in query.whole.frames)  # the inset on its own
    if name == "frozen":
        assert any(f.still is not None and f.still_at(1).any() for f in query.whole.frames)


@pytest.mark.parametrize("b", ["a", "other", "inverted", "cropped", "mirrored", "pip", "faded"])
def test_compare_gives_the_answer_of_the_whole_features(clips, b):
    a_features = clip_features(clips["a"])
    b_features = clip_features(clips[b], inverted=False)
    assert compare(clips["a"], clips[b]) == compare_features(
        str(clips["a"]), a_features, str(clips[b]), b_features
    )


def test_looks_not_taken_describe_nothing_more(clips, tmp_path):
    tools = find_toolchain()
    b = clip_features(clips["a"], inverted=False)
    (tmp_path / "same").mkdir()
    same = decode_query(clips["a"], tools, tmp_path / "same")
    assert compare_query("a", same, "b", b).shared
    assert "whole" not in vars(same) and "inverted" not in vars(same)  # one look sufficed

    (tmp_path / "flipped").mkdir()
    flipped = decode_query(clips["inverted"], tools, tmp_path / "flipped")
    result = compare_query("a", flipped, "b", b)
    assert result.shared and result.stretches[0].inverted
    assert "inverted" in vars(flipped)


def test_a_mirror_image_is_left_for_later_unless_the_frame_is_poor_in_keypoints():
    rich = textured_grey(3)
    later = describe(0.0, rich, later=True)
    assert later is not None and len(later.points[0]) >= SURE_MIRROR
    assert len(later.points[1]) == 0 and len(later.descriptors[1]) == 0
    now = describe(0.0, rich)
    assert now is not None and np.array_equal(later.descriptors[0], now.descriptors[0])

    poor = np.full((180, 320), 90, np.uint8)
    rng = np.random.default_rng(0)
    for x, y in rng.integers(10, 160, (1, 2)):  # one square: a few corners at a few scales
        poor[y : y + 12, x : x + 12] = 200
    described = describe(0.0, poor, later=True)
    assert described is not None and MIN_INLIERS <= len(described.points[0]) < SURE_MIRROR
    assert len(described.points[1]) >= MIN_INLIERS  # told now: it decides whether it is kept


def test_mirror_images_described_later_are_those_described_at_once(clips):
    from forensics.media.frames import SampledFrame
    from forensics.records import Timestamp

    samples = [SampledFrame(Timestamp(i, Fraction(1, 2)), textured_grey(60 + i))
               for i in range(4)]  # fmt: skip
    described = describe_pictures(samples, later=True)
    assert all(isinstance(p, Picture) for p, _ in described)
    same_frames(describe_mirrors(samples, described), describe_samples(samples))


def test_stable_maps_kept_for_later_mark_as_found_at_once():
    from forensics.media.frames import SampledFrame
    from forensics.records import Timestamp

    base = textured_grey(7)
    pictures = []
    for i in range(12):  # a still picture with a patch that changes every sample
        picture = base.copy()
        picture[40:90, 100:200] = textured_grey(100 + i)[40:90, 100:200]
        pictures.append(picture)
    samples = [SampledFrame(Timestamp(i, Fraction(1, 2)), p) for i, p in enumerate(pictures)]
    frames = describe_samples(samples)
    (expected,) = mark_still_layers([frames], samples)
    maps = StableMaps(samples)
    later = [f for _, f in describe_pictures(samples, later=True)]
    (first,) = mark_still_layers([later], samples, maps)
    assert maps.kept and all(v is not None for v in maps.kept.values())
    pictures = [Picture(i) for i in range(12)]
    completed = describe_mirrors(samples, list(zip(pictures, first, strict=True)))
    (whole,) = mark_still_layers([completed], (), maps, sides=(1,))  # the maps alone suffice
    same_frames(whole, expected)
    assert any(f.still_at(0).any() and not f.still_at(0).all() for f in whole)


@pytest.mark.parametrize("b", ["cropped", "inverted"])
def test_the_cli_comparison_describes_a_as_a_query(clips, b, monkeypatch):
    """``forensics compare`` (``comparing.compare_clips``) gives ``compare``'s answer, and
    describes A's inverted frames only when the inverted look is taken."""
    from forensics.comparing import NOT_ASKED, compare_clips
    from forensics.reuse import decoding, query

    expected = compare(clips["a"], clips[b])
    inverted_by = []

    def counted(samples):
        inverted_by.append(len(samples))
        return describe_inverted(samples)

    monkeypatch.setattr(decoding, "describe_inverted", counted)
    monkeypatch.setattr(query, "describe_inverted", counted)
    got = compare_clips(clips["a"], clips[b], read_text=False)
    assert got.shared and got.onscreen_note == NOT_ASKED
    assert got == replace(expected, onscreen_note=NOT_ASKED)
    assert len(inverted_by) == (1 if b == "inverted" else 0)  # A's, and only when looked for
