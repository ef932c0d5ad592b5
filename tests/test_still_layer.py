"""The still layer (forensics.reuse.motion): graphics two clips share (a news template, a HUD) or
a fixed camera's background are no proof of shared footage; what moves has to match."""

from __future__ import annotations

import numpy as np
import pytest

from forensics.cli_text import describe_comparison
from forensics.records import comparison_from_dict, comparison_to_dict
from forensics.reuse.compare import compare
from forensics.reuse.features import ClipFeatures, describe
from forensics.reuse.motion import mark_still
from tests.media import frames_clip, textured_frame

W, H = 320, 240
FRAMES = 200  # 8 s at 25 fps


def panning(seed: int, size: tuple[int, int], n: int = FRAMES) -> list[np.ndarray]:
    """Footage: a camera panning across a large textured scene, 2 px a frame."""
    scene = textured_frame(seed, (size[0] + 2 * n, size[1]))
    return [scene[:, 2 * i : 2 * i + size[0]] for i in range(n)]


def news_frame(footage: list[np.ndarray]) -> list[np.ndarray]:
    """Footage inside a channel's template: a textured frame and logo, the picture in a box."""
    template = textured_frame(77, (W, H))
    template[150:, :] = template[150:, :] // 3 + 120  # a lower third
    out = []
    for picture in footage:
        frame = template.copy()
        frame[20:140, 20:200] = picture[:120, :180]
        out.append(frame)
    return out


def hud(footage: list[np.ndarray]) -> list[np.ndarray]:
    """A HUD over the whole picture: textured corner panels and a crosshair."""
    panel = textured_frame(91, (70, 40))
    out = []
    for picture in footage:
        frame = picture.copy()
        for y, x in ((8, 8), (8, W - 78), (H - 48, 8), (H - 48, W - 78)):
            frame[y : y + 40, x : x + 70] = panel
        frame[H // 2 - 1 : H // 2 + 1, W // 2 - 30 : W // 2 + 30] = 255
        frame[H // 2 - 30 : H // 2 + 30, W // 2 - 1 : W // 2 + 1] = 255
        out.append(frame)
    return out


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("still")


def test_two_reports_in_the_same_news_template_share_no_footage(folder):
    a = frames_clip(folder / "news_a.mp4", news_frame(panning(1, (180, 120))))
    b = frames_clip(folder / "news_b.mp4", news_frame(panning(2, (180, 120))))
    assert not compare(a, b).shared


def test_footage_shown_in_a_news_template_is_still_found(folder):
    footage = panning(3, (180, 120))
    raw = frames_clip(folder / "raw.mp4", footage)
    framed = frames_clip(folder / "framed.mp4", news_frame(footage))
    assert compare(raw, framed).shared


def test_two_flights_under_the_same_hud_share_no_footage(folder):
    a = frames_clip(folder / "hud_a.mp4", hud(panning(4, (W, H))))
    b = frames_clip(folder / "hud_b.mp4", hud(panning(5, (W, H))))
    assert not compare(a, b).shared


def test_the_same_flight_under_the_same_hud_is_shared(folder):
    footage = hud(panning(6, (W, H)))
    a = frames_clip(folder / "hud_same_a.mp4", footage)
    b = frames_clip(folder / "hud_same_b.mp4", [f // 2 + 60 for f in footage])  # re-graded
    assert compare(a, b).shared


def gray(frame: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(frame.mean(axis=2).astype(np.uint8))


def hud_mask(margin: int = 4) -> np.ndarray:
    """Where the HUD is drawn (panels and crosshair), widened by ``margin`` pixels."""
    drawn = np.zeros((H, W), bool)
    for y, x in ((8, 8), (8, W - 78), (H - 48, 8), (H - 48, W - 78)):
        drawn[y : y + 40, x : x + 70] = True
    drawn[H // 2 - 30 : H // 2 + 30, W // 2 - 30 : W // 2 + 30] = True
    grown = np.zeros_like(drawn)
    ys, xs = np.nonzero(drawn)
    for dy in (-margin, 0, margin):
        for dx in (-margin, 0, margin):
            grown[np.clip(ys + dy, 0, H - 1), np.clip(xs + dx, 0, W - 1)] = True
    return grown


def test_keypoints_on_the_hud_are_still_and_on_the_footage_are_not():
    frames = hud(panning(7, (W, H), n=100))
    described = mark_still([describe(i / 10, gray(frames[i])) for i in range(0, 100, 5)])
    mask = hud_mask()
    on_hud: list[bool] = []
    off_hud: list[bool] = []
    for frame in described:
        x, y = frame.points[0][:, 0].astype(int), frame.points[0][:, 1].astype(int)
        inside, still = mask[y, x], frame.still_at(0)
        on_hud.extend(still[inside].tolist())
        off_hud.extend(still[~inside].tolist())
    # (the margin holds some footage next to the HUD: its keypoints move)
    assert len(on_hud) >= 40 and np.mean(on_hud) >= 0.7  # the HUD stays
    assert np.mean(off_hud) <= 0.1  # the panning footage moves (a few recur by chance)


def test_the_still_marks_are_kept_with_the_features():
    frames = hud(panning(8, (W, H), n=60))
    described = mark_still([describe(i / 10, gray(frames[i])) for i in range(0, 60, 5)])
    features = ClipFeatures(6.0, (W, H), tuple(f for f in described if f is not None))
    again = ClipFeatures.from_bytes(features.to_bytes())
    for before, after in zip(features.frames, again.frames, strict=True):
        assert all((before.still_at(s) == after.still_at(s)).all() for s in (0, 1))
    assert any(f.still_at(0).any() for f in again.frames)


def test_a_clip_too_short_to_tell_marks_nothing():
    frames = hud(panning(9, (W, H), n=20))  # 0.8 s: nothing is a second apart
    described = mark_still([describe(i / 25, gray(frames[i])) for i in range(0, 20, 5)])
    assert not any(f.still_at(0).any() for f in described)


def test_a_clip_under_four_seconds_is_marked_at_a_second_apart():
    """1.2 s: no moment has another ``GAP_S`` away, so its ends are compared a second apart
    (``SHORT_GAP_S``): the HUD is still there, the panning footage is not."""
    frames = hud(panning(9, (W, H), n=30))
    described = mark_still([describe(i / 25, gray(frames[i])) for i in range(0, 30, 5)])
    mask = hud_mask()
    for frame in (described[0], described[-1]):
        x, y = frame.points[0][:, 0].astype(int), frame.points[0][:, 1].astype(int)
        still = frame.still_at(0)
        # one probe, no pictures: half the HUD's corners are found again (the margin holds
        # footage too), the footage's by chance only
        assert still[mask[y, x]].mean() >= 0.4 and still[~mask[y, x]].mean() <= 0.05
    assert not any(f.still_at(0).any() for f in described[1:-1])  # none a second away


def test_what_only_the_still_layer_shares_is_its_own_finding(folder):
    """Not shared footage, but worth knowing: the same graphics over other footage, or the same
    camera at another moment; said with its evidence, both ways, and kept in the JSON."""
    a = frames_clip(folder / "lead_a.mp4", news_frame(panning(21, (180, 120))))
    b = frames_clip(folder / "lead_b.mp4", news_frame(panning(22, (180, 120))))
    result = compare(a, b)
    assert not result.shared and result.still_match is not None
    assert min(result.still_match.frames) >= 3
    back = result.swapped().still_match
    assert back is not None and back.frames == result.still_match.frames[::-1]
    data = comparison_to_dict(result)
    assert comparison_from_dict(data).still_match == result.still_match
    said = describe_comparison(data)
    assert said.startswith("no shared footage found") and "still" in said


def test_the_still_layer_of_a_fixed_camera_is_a_place(folder):
    from tests.test_compare import fixed_camera

    a = fixed_camera(folder / "place_a.mp4", 0)
    b = fixed_camera(folder / "place_b.mp4", 170)
    result = compare(a, b)
    assert not result.shared
    assert result.still_match is not None and result.still_match.kind == "place"
    assert "same camera or place" in result.still_match.finding


def test_a_comparison_stored_before_the_still_layer_reads_as_none():
    data = {"a": "a.mp4", "b": "b.mp4", "a_duration_s": 1.0, "b_duration_s": 1.0,
            "segments": [], "frames_described": [2, 2]}  # fmt: skip
    assert comparison_from_dict(data).still_match is None


def test_a_clip_of_the_case_seen_from_the_same_fixed_camera_is_a_low_lead(folder, tmp_path):
    """In a case, the later clip's report says so, as a low finding naming the other clip."""
    from forensics import analyze
    from tests.test_compare import fixed_camera

    first = fixed_camera(folder / "cam_morning.mp4", 0)
    later = fixed_camera(folder / "cam_evening.mp4", 170)
    out = tmp_path / "case"
    analyze(first, out, index_dir=out)
    record = analyze(later, out, index_dir=out).record
    assert not record.reuse
    [lead] = [f for f in record.flags if f.code == "same_place_other_moment"]
    assert lead.severity == "low" and "cam_morning.mp4" in lead.message
    assert "not shared footage" in lead.message
    from forensics.case.index import CaseIndex
    from forensics.report.overview import overview_context, write_overview

    [shown] = overview_context(CaseIndex(out, create=False), out)["leads"]
    assert {shown.a.name, shown.b.name} == {"cam_morning.mp4", "cam_evening.mp4"}
    assert shown.what == "same place or camera" and min(shown.still.frames) >= 3
    page = write_overview(out, out).read_text(encoding="utf-8")
    assert "Leads: no footage shared" in page and "No two clips of the case share" in page
    # The counts name whose frames they are: "5 frames of clip 1", never "5 of 1".
    first = {shown.a.number: shown.still.frames[0], shown.b.number: shown.still.frames[1]}
    for number, frames in first.items():
        assert f"{frames} frames of clip {number}" in page
