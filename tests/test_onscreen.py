"""On-screen text without the OCR engine: kinds, languages, the change signature, tracking
with a counted fake reader, the record's round trip, the page's escaping, and analyze without
Tesseract or with a failing one."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import cv2
import numpy as np
import pytest

from forensics.onscreen.classify import active_area, kind_of
from forensics.onscreen.engine import NOT_READ, LineReading, latin_lookalike
from forensics.onscreen.lang import language_of
from forensics.onscreen.signature import same_text
from forensics.onscreen.track import continues, track
from forensics.records import OnscreenStatus, OnscreenText, Timestamp, record_to_dict
from forensics.records.schema import record_from_dict
from tests import factories
from tests.onscreen_media import CAPTION_EN, HANDLE, HUD, regions_in, render

SIZE = (1280, 720)


def gray(t: float, overlays) -> np.ndarray:
    frame, _ = render(t, overlays, SIZE)
    _, jpeg = cv2.imencode(".jpg", cv2.cvtColor(frame, cv2.COLOR_RGB2GRAY),
                           [cv2.IMWRITE_JPEG_QUALITY, 85])  # fmt: skip
    return cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE)


def test_language_by_script_and_ukrainian_letters():
    assert language_of("Belgorod region") == "en"
    assert language_of("Уничтожение вражеской техники") == "ru"
    assert language_of("Українські захисники знищили танк") == "uk"
    assert language_of("14:03:11 2023-05-22") == ""


@pytest.mark.parametrize(("text", "box", "persistence", "kind"), [
    ("@legion_free", (1000, 20, 230, 50), 0.1, "watermark"),
    ("t.me/legionfree", (500, 300, 200, 40), 0.1, "watermark"),
    ("50.5123N 36.6012E ALT 120m 2023-05-22 14:03:11", (30, 20, 650, 40), 0.05, "hud"),
    ("Belgorod region", (460, 590, 350, 60), 0.05, "caption"),
    ("LEGION", (1100, 640, 150, 50), 0.9, "watermark"),  # a corner, most of the clip
    ("LEGION", (1100, 640, 150, 50), 0.1, "other"),
])  # fmt: skip
def test_kinds_by_content_place_and_persistence(text, box, persistence, kind):
    assert kind_of(text, box, SIZE, persistence) == kind


def test_a_mark_in_the_corner_of_a_letterboxed_picture_is_a_watermark():
    """The sample case's repost (480x480, the footage letterboxed at rows 105-375): its
    "FRONTLINE 24" sits in the picture's corner, not the frame's, and was called a caption."""
    size, active = (480, 480), (0, 105, 480, 270)
    assert kind_of("FRONTLINE 24", (348, 346, 101, 20), size, 1.0) == "caption"  # frame's
    assert kind_of("FRONTLINE 24", (348, 346, 101, 20), size, 1.0, active) == "watermark"
    assert kind_of("Belgorod region", (164, 331, 152, 27), size, 0.15, active) == "caption"


def test_the_active_picture_is_found_inside_black_bars_with_text_in_them():
    frames = []
    for k in range(4):  # moving footage at rows 105-374, a handle written in the bottom bar
        frame = np.zeros((480, 480), np.uint8)
        frame[105:375] = 60 + np.random.default_rng(k).integers(0, 150, (270, 480))
        frame[385:400, 350:430] = 240
        frames.append(frame)
    assert active_area(frames) == (0, 105, 480, 270)
    dark = [np.full((480, 480), 10, np.uint8)] * 3  # a night clip: no bars to find
    assert active_area(dark) == (0, 0, 480, 480)


def test_lookalike_cyrillic_among_latin_and_numbers_is_read_again_in_english():
    assert latin_lookalike("GPS17 ВАТ 61%") and latin_lookalike("50.5163М 36.6042E ALT 150п")
    assert not latin_lookalike("Колонна противника") and not latin_lookalike("Belgorod")


def test_same_caption_over_moving_footage_is_unchanged_and_a_new_clock_is_not():
    cap = (460, 584, 360, 72)  # "Belgorod region", 0-4 s, over footage panning under it
    hud = (26, 10, 660, 50)  # its numbers change every second
    a, b = gray(0.2, [CAPTION_EN, HUD]), gray(2.6, [CAPTION_EN, HUD])
    c = gray(1.3, [CAPTION_EN, HUD])
    crop = lambda g, box: g[box[1] : box[1] + box[3], box[0] : box[0] + box[2]]  # noqa: E731
    assert same_text(crop(a, cap), crop(b, cap))
    assert not same_text(crop(a, hud), crop(c, hud))
    assert not same_text(crop(a, cap), crop(gray(5.0, [HUD]), cap))  # the caption has gone


class FakeEngine:
    """A detector that finds the handle's box and a reader that counts its calls."""

    def __init__(self, boxes):
        self.boxes, self.calls = boxes, 0

    def find(self, small):
        return regions_in(small, self.boxes, SIZE[0])

    def read(self, crop, like=None):
        self.calls += 1
        return LineReading("@legion_free", 0.9)


def test_a_region_unchanged_across_frames_is_read_once():
    engine = FakeEngine([(1006, 14, 244, 64)])
    frames = [gray(t, [HANDLE]) for t in np.arange(0, 12, 1.0)]
    [mark] = track(frames, engine.find, engine.read)
    assert (mark.first, mark.last, mark.text) == (0, 11, "@legion_free")
    assert engine.calls <= 2  # the detector saw it 3 times; unchanged, it was read once or so


def test_no_text_found_is_no_track():
    engine = FakeEngine([])
    assert track([gray(t, []) for t in range(6)], engine.find, engine.read) == []
    assert engine.calls == 0


def test_a_misread_letter_continues_a_track_and_changed_digits_do_not():
    assert continues("@legion free", "@legion_free") and continues("LEGION", "LEG1ON") is False
    assert not continues("ALT 120m 14:03:11", "ALT 123m 14:03:12")


def onscreen(text: str) -> OnscreenText:
    return OnscreenText(text, Timestamp(0, Fraction(1, 1000)), Timestamp(2500, Fraction(1, 1000)),
                        (10, 20, 300, 40), "caption", "en", 0.91, "onscreen/0001.png")  # fmt: skip


def test_record_round_trip_keeps_onscreen_text_and_status():
    status = OnscreenStatus(True, "tesseract 5.3.0", ("eng", "rus", "ukr"), "1 text track", 5, 1)
    record = factories.record()
    from dataclasses import replace

    record = replace(record, onscreen_text=(onscreen("Belgorod region"),), onscreen=status)
    data = record_to_dict(record)
    assert data["onscreen_text"][0]["end"]["t"] == 2.5 and data["onscreen_text"][0]["box"] == [
        10, 20, 300, 40]  # fmt: skip
    again = record_from_dict(data)
    assert again.onscreen_text == record.onscreen_text and again.onscreen == status
    old = record_from_dict(factories.record_dict())  # written before 1.1
    assert old.onscreen is None and old.onscreen_text == ()


def test_hostile_text_stays_escaped_on_the_page():
    from dataclasses import replace

    from forensics.report.clip import render_html

    hostile = '<script>alert(1)</script><img src=x onerror=alert(2)> & "quotes"'
    status = OnscreenStatus(True, "tesseract", ("eng",), "1 text track", 1, 1)
    html = render_html(replace(factories.record(), onscreen_text=(onscreen(hostile),),
                               onscreen=status))  # fmt: skip
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" in html


def test_a_report_from_before_says_so_and_an_unread_one_says_why():
    from dataclasses import replace

    from forensics.report.clip import render_html

    assert "written before on-screen text was read" in render_html(factories.record())
    unread = OnscreenStatus(False, None, (), NOT_READ)
    assert f"{NOT_READ}." in render_html(replace(factories.record(), onscreen=unread))


@pytest.fixture(scope="module")
def small_clip(tmp_path_factory) -> Path:
    from tests.onscreen_media import write_clip

    folder = tmp_path_factory.mktemp("onscreen")
    return write_clip(folder / "captioned.mp4", [CAPTION_EN, HANDLE], 3.0, (640, 360), 10)


def test_without_tesseract_analyze_works_and_says_text_was_not_read(small_clip, tmp_path,
                                                                    monkeypatch):  # fmt: skip
    import forensics
    from forensics.onscreen import engine

    monkeypatch.setattr(engine, "tesseract_program", lambda: None)
    result = forensics.analyze(small_clip, out_dir=tmp_path, index_dir=None)
    assert result.record.onscreen == OnscreenStatus(False, None, (), NOT_READ)
    assert result.record.onscreen_text == ()
    assert result.data["onscreen_status"]["note"] == NOT_READ
    assert f"{NOT_READ}." in result.html.read_text(encoding="utf-8")


def test_a_failing_engine_is_a_finding_not_a_crash(small_clip, tmp_path, monkeypatch):
    import forensics
    from forensics.onscreen import scan

    def broken(*_args):
        raise RuntimeError("tesseract crashed")

    monkeypatch.setattr(scan, "_read", broken)
    result = forensics.analyze(small_clip, out_dir=tmp_path, index_dir=None)
    [flag] = [f for f in result.record.flags if f.code == "onscreen_text_failed"]
    assert "RuntimeError: tesseract crashed" in flag.message
    assert result.record.onscreen is not None and not result.record.onscreen.read


def test_analyze_without_onscreen_text_says_so_and_writes_no_text_frames(tmp_path, capsys):
    """``--no-onscreen-text``: the decode writes no frames to read text from, nothing is
    read, and the report says why (a batch at archive scale may not afford the reading)."""
    import json

    from forensics.cli import main
    from tests.media import lavfi_clip

    clip = lavfi_clip(tmp_path / "clip.mp4", seconds=2)
    with pytest.raises(SystemExit) as done:
        main(["analyze", str(clip), "--out", str(tmp_path / "r"), "--no-index",
              "--no-onscreen-text"])  # fmt: skip
    assert done.value.code == 0, capsys.readouterr().err
    [report] = (tmp_path / "r").glob("*/report.json")
    data = json.loads(report.read_text())
    assert not data["onscreen_status"]["read"] and data["onscreen_text"] == []
    assert "--no-onscreen-text" in data["onscreen_status"]["note"]
    commands = " ".join(" ".join(c) for c in data["tool"]["commands"])
    assert "text_" not in commands and "shot_" in commands  # the one decode, without its branch
