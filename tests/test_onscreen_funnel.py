"""The on-screen funnel (``benchmarks/onscreen_funnel.py``): the stage where a drawn text was
lost, on hand-made records, and the seams it watches on a real tracker run with a stand-in
detector and reader (no OCR engine needed)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import onscreen_funnel as funnel
from onscreen_heldout.score import words

from forensics.onscreen.detect import Region
from forensics.onscreen.engine import LineReading
from forensics.onscreen.track import track

MARK = (40, 20, 100, 20)
ELSEWHERE = (300, 200, 60, 20)


def _drawn(text: str, kind: str = "handle") -> dict[int, list[funnel.Drawn]]:
    return {i: [funnel.Drawn(kind, text, MARK)] for i in range(3)}


def _stage(watch: funnel.Watch, final=()) -> str:
    counts = funnel.stages(watch, _drawn("@legion_free"), list(final), words)
    return next(stage for stage, n in counts["handle"].items() if n)


def test_each_stage_is_the_first_one_a_text_did_not_pass():
    watch = funnel.Watch()
    watch.found[1] = [ELSEWHERE]
    assert _stage(watch) == "not detected"
    watch.found[1].append((42, 22, 96, 18))
    assert _stage(watch) == "detected, not text"
    watch.reads.append((1, (42, 22, 96, 18), "@l", 0.9))  # too short to be text
    watch.reads.append((1, (42, 22, 96, 18), "@legion free", 0.3))  # too unsure
    assert _stage(watch) == "detected, not text"
    watch.reads.append((1, (42, 22, 96, 18), "@lesion_fee", 0.7))
    assert _stage(watch) == "read wrong"
    watch.reads.append((2, None, "@legion_free", 0.9))  # boxless: a confirming read
    assert _stage(watch) == "read wrong"
    watch.reads.append((2, MARK, "@legion_free", 0.9))
    assert _stage(watch) == "read, then lost"
    assert _stage(watch, [("@legion_free", 0, 0, ELSEWHERE)]) == "read, then lost"
    assert _stage(watch, [("@legion_fre", 0, 2, MARK)]) == "read, then lost"
    assert _stage(watch, [("@legion_free", 2, 2, MARK)]) == "found whole"


def test_a_text_of_many_words_found_in_part_and_lines_counted_once():
    watch = funnel.Watch()
    seen = _drawn("Белгородская область 22.05", "caption")
    counts = funnel.stages(watch, seen, [("Белгородская обл 22.05", 0, 1, MARK)], words)
    assert counts["caption"]["found in part"] == 1 and sum(counts["caption"].values()) == 1
    assert funnel.heights(seen) == {"caption": [20]}
    lines = funnel.table(counts, funnel.heights(seen))
    assert lines[1].startswith("caption") and lines[1].endswith("| 20")


def test_watching_records_detections_by_frame_and_the_tracks_before_their_merge():
    frames = [np.full((120, 200), 40 + 10 * i, np.uint8) for i in range(3)]

    def find(view: np.ndarray) -> list[Region]:
        return [Region((10, 10, 60, 16), 0.9)]

    def read(crop: np.ndarray, like: LineReading | None = None) -> LineReading:
        return LineReading("@legion_free", 0.95)

    with funnel.watching() as watch:
        tracks = track(frames, find, read)
    assert watch.found[0] and all(len(b) == 4 for b in watch.found[0])
    assert set(watch.found) <= {0, 1, 2}
    assert [t.text for t in watch.raw] and {t.text for t in tracks} == {"@legion_free"}
    # outside the context the seams are the library's again
    from forensics.onscreen import track as track_module

    assert track_module.detect_regions.__module__ == "forensics.onscreen.detect"
