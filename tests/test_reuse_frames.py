"""Frame pairs of a shared stretch: which stored frame of each clip the clip page shows, and
how the page draws a stretch when a frame is not there."""

from fractions import Fraction

import pytest

from forensics.case.update import frame_pairs
from forensics.records import (
    Comparison,
    FrameImage,
    FramePair,
    OtherClip,
    ReuseEntry,
    Segment,
    SharedStretch,
    Timestamp,
)
from forensics.report.reuse_view import MISSING, NO_REPORT, NONE_NEAR, reuse_view


def images(times):
    return [FrameImage(Timestamp(ms := round(t * 1000), Fraction(1, 1000)), f"frames/{ms}.jpg")
            for t in times]  # fmt: skip


def segment(a_start, a_end, b_start, b_end, rate):
    return Segment(a_start, a_end, b_start, b_end, rate, similarity=0.7, matches=3,
                   mirrored=False)  # fmt: skip


HALF = [i / 2 for i in range(200)]  # a stored frame every 0.5 s, 0-99.5 s
# A's 10-20 s is B's 30-50 s, slowed to half speed (rate: B seconds per A second).
SLOW = segment(10.0, 20.0, 30.0, 50.0, 2.0)


def test_aligned_time_both_ways():
    assert SLOW.aligned_time("a", 15.0) == 40.0
    assert SLOW.aligned_time("b", 40.0) == 15.0


def test_start_middle_and_end_from_either_side():
    from_a = frame_pairs(SLOW, "a", images(HALF), images(HALF), "../other")
    assert [(p.at, p.this_t, p.other_t) for p in from_a] == [
        ("start", 10.0, 30.0), ("middle", 15.0, 40.0), ("end", 20.0, 50.0)]  # fmt: skip
    assert from_a[1].this_image == "frames/15000.jpg"
    assert from_a[1].other_image == "../other/frames/40000.jpg"
    from_b = frame_pairs(SLOW, "b", images(HALF), images(HALF), "../other")
    assert [(p.this_t, p.other_t) for p in from_b] == [(30.0, 10.0), (40.0, 15.0),
                                                            (50.0, 20.0)]  # fmt: skip


def test_the_other_frame_is_aligned_to_the_frame_shown_here():
    mine = images([10.04, 14.84, 19.96])  # 25 fps: slots start a frame late
    [_, middle, _] = frame_pairs(SLOW, "a", mine, images(HALF), "../o")
    assert middle.this_image_t == 14.84 and middle.other_t == pytest.approx(39.68)
    assert middle.other_image == "../o/frames/39500.jpg"


def test_ends_that_disagree_stay_inside_both_stretches():
    """Each side ends at its last matched sample: 15-22 s here is 36-42.5 s there, so the
    last pair is taken where both still show the stretch, not at 43 s (the next shot)."""
    stretch = segment(15.0, 22.0, 36.0, 42.5, 0.999)
    [start, _, end] = frame_pairs(stretch, "a", images(HALF), images(HALF), "../o")
    assert (start.this_t, start.other_t) == (15.0, 36.0)
    assert end.this_t == pytest.approx(21.5, abs=0.01) and end.other_t <= 42.5
    assert end.other_image == "../o/frames/42500.jpg"


def test_one_sample_stretch_is_one_pair_and_missing_frames_are_none():
    one = segment(4.0, 4.0, 9.0, 9.0, 1.0)
    [pair] = frame_pairs(one, "b", images([9.0]), [], "../o")
    assert pair.this_image == "frames/9000.jpg" and pair.other_image is None
    [pair] = frame_pairs(one, "b", [], images([4.0]), "../o")
    assert pair.this_image is None and pair.other_image == "../o/frames/4000.jpg"


def pair(this_image=None, other_image=None):
    return FramePair("start", 0.0, 10.0, this_image, 0.0 if this_image else None, other_image,
                     10.0 if other_image else None)  # fmt: skip


def entry(report="../o/report.html", pairs=None, with_pairs=True):
    stretch = SharedStretch(segment(10.0, 20.0, 0.0, 10.0, 1.0), 1.0, 0.0, 1.0, 1.0,
                            (0, 0, 1, 1), (0, 0, 1, 1), ())  # fmt: skip
    comparison = Comparison("o.mp4", "this.mp4", 40.0, 10.0, (stretch,), (80, 20))
    return ReuseEntry(OtherClip("o.mp4", "o" * 64, None, None, report), "b", "unknown", False,
                      comparison, (tuple(pairs or ()),) if with_pairs else ())  # fmt: skip


def test_stretch_drawn_at_its_own_times_on_each_timeline():
    [stretch] = reuse_view(entry(), None)["stretches"]
    assert stretch["this_bar"] == {"left": 0.0, "width": 100.0}
    assert stretch["other_bar"] == {"left": 25.0, "width": 25.0}
    assert stretch["link"] == "0.0,0 100.0,0 50.0,10 25.0,10"


def test_frames_not_on_disk_become_reasons_not_images(tmp_path):
    here, other = tmp_path / "here", tmp_path / "o"
    (here / "frames").mkdir(parents=True)
    (here / "frames/0.jpg").write_bytes(b"jpeg")
    both = pair("frames/0.jpg", "../o/frames/10000.jpg")
    [shown] = reuse_view(entry(pairs=[both]), here)["stretches"][0]["pairs"]
    assert shown["this_src"] == "frames/0.jpg" and shown["other_src"] is None
    assert shown["other_why"] == MISSING  # the other report folder is gone
    assert reuse_view(entry(pairs=[both]), here)["report"] is None
    assert reuse_view(entry(pairs=[both]), here)["report_missing"]
    (other / "frames").mkdir(parents=True)
    (other / "frames/10000.jpg").write_bytes(b"jpeg")
    [shown] = reuse_view(entry(pairs=[both]), here)["stretches"][0]["pairs"]
    assert shown["other_src"] == "../o/frames/10000.jpg"
    (other / "report.html").write_text("<!doctype html>")
    assert reuse_view(entry(pairs=[both]), here)["report"] == "../o/report.html"
    [shown] = reuse_view(entry(report=None, pairs=[both]), here)["stretches"][0]["pairs"]
    assert shown["other_why"] == NO_REPORT
    [shown] = reuse_view(entry(pairs=[pair()]), here)["stretches"][0]["pairs"]
    assert shown["this_why"] == NONE_NEAR and shown["this_src"] is None


def test_an_entry_from_before_frame_pairs_still_draws_its_timelines():
    old = entry(with_pairs=False)
    [stretch] = reuse_view(old, None)["stretches"]
    assert stretch["pairs"] == [] and stretch["other_bar"]["left"] == 25.0


@pytest.mark.parametrize(("rate", "seen_from_b"), [(1.0, 1 / 1.4), (-1.0, 1.4)])
def test_a_zoom_seen_from_the_other_clip(rate, seen_from_b):
    """B zooms into A 1.4x as A plays; from B's side A zooms out, in B's time order (which
    runs the other way when B plays the stretch backwards)."""
    zoomed = SharedStretch(segment(0.0, 10.0, 0.0, 10.0, rate), 1.2, 0.0, 1.0, 0.7,
                           (0, 0, 1, 1), (0.1, 0.1, 0.9, 0.9), (), zoom=1.4)  # fmt: skip
    back = zoomed.swapped()
    assert back.zoom == pytest.approx(seen_from_b)
    word = "zooming in" if seen_from_b > 1 else "zooming out"
    assert any(w.startswith(word) for w in back.alterations)
    assert back.swapped().zoom == pytest.approx(1.4)


@pytest.mark.parametrize(("box", "words"), [
    ((0.0, 0.25, 0.5, 0.75), ("left half", "split screen")),  # fitted into the left half
    ((0.5, 0.0, 1.0, 0.5), ("right half", "split screen")),
    ((0.25, 0.5, 0.75, 1.0), ("bottom half", "split screen")),
    ((0.6, 0.6, 0.95, 0.95), ("picture-in-picture",)),  # a corner inset
])  # fmt: skip
def test_a_picture_in_one_half_of_the_frame_is_named_so(box, words):
    from forensics.records import Placement, alterations

    covered = (box[2] - box[0]) * (box[3] - box[1])
    said = alterations(segment(0.0, 9.0, 0.0, 9.0, 1.0), 0.0,
                       Placement(covered, 1.0, box, (0.0, 0.0, 1.0, 1.0)))  # fmt: skip
    [inset] = [w for w in said if w.startswith("shown smaller")]
    assert all(word in inset for word in words)
    assert ("split screen" in inset) == (len(words) == 2)
