"""A fixed camera at another moment is not shared footage (issue 14): its background matches
at every moment, what moves differs. Shared footage is decided on the part of the picture
that changes over time, matched moment by moment; where only the still layer matches, the
finding is "same camera or place, different moment". Media: ``tests/fixed_camera.py``."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from forensics.records import Segment
from forensics.reuse.compare import compare
from forensics.reuse.evidence import moves_alike
from forensics.reuse.features import FrameFeatures, Verification
from forensics.reuse.matching import fit
from forensics.reuse.motion import exposure_matched, mark_still
from tests.fixed_camera import altered, cut, recording

CROP = "crop=iw*0.8:ih*0.8:iw*0.1:ih*0.05,scale=320:240"
CAPTION = "drawbox=y=ih*0.82:w=iw:h=ih*0.12:color=black@0.6:t=fill"


@pytest.fixture(scope="module", params=[8.0, 11.0], ids=["fine-grain", "coarse-grain"])
def camera(request, tmp_path_factory):
    """Clip A (0-6 s of the recording), the camera 1.5 s and 30 s after it, and A reposted.
    Before the moving region was decided this way, each recording had one of its two other
    moments called shared (the coarse grain 1.5 s later, the fine grain 30 s later)."""
    folder = tmp_path_factory.mktemp(f"camera-{request.param:g}")
    frames = recording(44, seed=5, grain=request.param)
    a = cut(folder / "a.mp4", frames, 0, 6)
    return {
        "a": a,
        "1.5 s later": cut(folder / "later_1_5.mp4", frames, 7.5, 13.5),
        "30 s later": cut(folder / "later_30.mp4", frames, 36, 42),
        "re-encoded": altered(folder / "reencoded.mp4", a, "scale=256:192"),
        "cropped": altered(folder / "cropped.mp4", a, CROP),
        "captioned": altered(folder / "captioned.mp4", a, CAPTION),
    }


@pytest.mark.parametrize("later", ["1.5 s later", "30 s later"])
def test_the_same_camera_at_another_moment_is_the_same_place_not_shared(camera, later):
    for a, b in ((camera["a"], camera[later]), (camera[later], camera["a"])):
        result = compare(a, b)
        assert not result.shared, [s.segment for s in result.stretches]
        assert result.still_match is not None and result.still_match.kind == "place"


@pytest.mark.parametrize("repost", ["re-encoded", "cropped", "captioned"])
def test_the_same_stretch_reposted_is_still_shared(camera, repost):
    [stretch] = compare(camera["a"], camera[repost]).stretches
    segment = stretch.segment
    assert abs(segment.offset) <= 0.6 and segment.rate == pytest.approx(1.0, abs=0.05)
    assert segment.a_end - segment.a_start >= 1.0  # at least the moments a car is in view


def test_a_case_reports_the_other_moment_as_the_same_place(camera, tmp_path):
    """In a case, the later clip gets the low "same camera or place" lead, no reuse entry."""
    from forensics import analyze

    out = tmp_path / "case"
    analyze(camera["a"], out, index_dir=out)
    record = analyze(camera["1.5 s later"], out, index_dir=out).record
    assert not record.reuse
    [lead] = [f for f in record.flags if f.code == "same_place_other_moment"]
    assert lead.severity == "low"


def test_an_exposure_change_is_not_taken_for_change():
    rng = np.random.default_rng(3)
    picture = (rng.normal(115, 12, (120, 160))).clip(0, 255).astype(np.int16)
    darker = (picture * 0.5).astype(np.int16)
    matched = exposure_matched(picture, darker)
    assert np.mean(np.abs(matched - darker) <= 2) > 0.95
    # a car in view darkens the rest: fitted on what the gain explains, the car left out
    darker[40:80, 50:110] = 230
    matched = exposure_matched(picture, darker)
    assert np.mean(np.abs(matched - darker)[:40] <= 2) > 0.95
    # a fade to near-black is no exposure change: nothing is scaled
    black = np.full_like(picture, 3)
    assert exposure_matched(picture, black) is picture


def test_a_background_stays_still_while_the_exposure_dips():
    """Keypoints of an unchanged, grainy background are still although the probes around
    them (2-12 s away) were taken with half the exposure."""
    from forensics.media.frames import SampledFrame
    from forensics.records.media import Timestamp
    from forensics.reuse.features import describe

    rng = np.random.default_rng(4)
    road = np.clip(rng.normal(115, 10, (180, 240)), 0, 255)
    samples, frames = [], []
    for i in range(12):  # 6 s at 2 a second; dark from 2 s on
        grey = np.clip(road * (1.0 if i < 4 else 0.5) + rng.normal(0, 1, road.shape), 0, 255)
        grey = grey.astype(np.uint8)
        samples.append(SampledFrame(Timestamp(i, Fraction(1, 2)), grey))
        frames.append(describe(i / 2, grey))
    first = mark_still(frames, samples)[0]
    assert first.still_at(0).mean() > 0.8


def _verification(moving: int, mirrored: bool = False) -> Verification:
    return Verification(inliers=max(moving, 20), mirrored=mirrored,
                        transform=np.eye(2, 3), moving=moving)  # fmt: skip


def test_one_moment_matched_by_several_is_one_piece_of_evidence():
    """A bottle set down and left: one frame of A matches three of B through it; the moving
    picture has to match moment by moment."""
    line = Segment(0.0, 1.0, 0.0, 1.0, 1.0, 1.0, 3, False)
    verified = {(0.5, 0.0): _verification(30), (0.5, 0.5): _verification(30),
                (0.5, 1.0): _verification(30)}  # fmt: skip
    assert not moves_alike(line, verified)
    stepping = {(t, t): _verification(30) for t in (0.0, 0.5, 1.0)}
    assert moves_alike(line, stepping)


def test_mirrored_pairs_do_not_confirm_an_unmirrored_line():
    line = Segment(0.0, 1.0, 0.0, 1.0, 1.0, 1.0, 3, False)
    verified = {(t, t): _verification(30, mirrored=True) for t in (0.0, 0.5, 1.0)}
    assert not moves_alike(line, verified)


def test_a_keypoint_still_in_either_clip_is_no_moving_evidence():
    """A fixed camera's background, still in B and, under A's darkened probes, not marked
    still in A: matched, it is the place, not the moment."""
    rng = np.random.default_rng(5)
    points = rng.uniform(10, 230, (40, 2)).astype(np.float32)
    descriptors = rng.integers(0, 256, (40, 32), dtype=np.uint8)

    def frame(still: np.ndarray) -> FrameFeatures:
        return FrameFeatures(0.0, (240, 240), (points, points), (descriptors, descriptors),
                             still=(still, still))  # fmt: skip

    moving_in_a = np.zeros(40, bool)
    still_in_b = np.ones(40, bool)
    found = fit(frame(moving_in_a), frame(still_in_b), False, [(i, i) for i in range(40)])
    assert found is not None and found.inliers == 40 and found.moving == 0


def _exposure_matched_per_probe(here: np.ndarray, probe: np.ndarray) -> np.ndarray:
    """``exposure_matched`` as it was before each picture's median was found once: four
    ``np.median`` calls a probe."""
    from forensics.reuse.motion import GAIN_STEP, GAIN_SUPPORT, MIN_GAIN, STABLE_GREY

    x = here[::GAIN_STEP, ::GAIN_STEP].ravel().astype(np.float32)
    y = probe[::GAIN_STEP, ::GAIN_STEP].ravel().astype(np.float32)
    keep, gain = np.ones(len(x), bool), 1.0
    for _ in range(2):
        base = float(np.median(x[keep])) if keep.any() else 0.0
        if base < 1.0:
            return here
        gain = float(np.median(y[keep])) / base
        keep = np.abs(gain * x - y) <= 2 * STABLE_GREY
    if not MIN_GAIN <= gain <= 1 / MIN_GAIN or keep.mean() < GAIN_SUPPORT:
        return here
    return (gain * here.astype(np.float32)).astype(np.int16)


@pytest.mark.parametrize("shape", [(120, 160), (121, 161), (118, 157)])
def test_the_medians_found_once_change_no_exposure(shape):
    """Each picture's median grey is found once (``median_grey``), not once a probe, and
    medians come from one partition: the same greys to the last bit, on odd and even pixel
    counts, an exposure dip with a car in view, a fade and a cut."""
    from forensics.reuse.motion import _median, median_grey

    rng = np.random.default_rng(7)
    picture = rng.normal(115, 12, shape).clip(0, 255).astype(np.int16)
    darker = (picture * 0.55).astype(np.int16)
    darker[40:80, 50:110] = 230
    others = [darker, np.full_like(picture, 3), rng.integers(0, 255, shape).astype(np.int16),
              (picture * 1.3).clip(0, 255).astype(np.int16)]  # fmt: skip
    for here in (picture, *others):
        for probe in (picture, *others):
            expected = _exposure_matched_per_probe(here, probe)
            for levels in (None, (median_grey(here), median_grey(probe))):
                assert np.array_equal(exposure_matched(here, probe, levels), expected)
    for size in (1, 2, 3, 3600, 3601):
        values = rng.normal(100, 30, size).astype(np.float32)
        assert _median(values) == float(np.median(values))
    assert _median(np.zeros(0, np.float32)) == 0.0
