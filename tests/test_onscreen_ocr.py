"""On-screen text read by the real engine (Tesseract 5 with eng, rus, ukr, and the DB text
detector) in generated clips that look like the real thing: captions in Latin and Cyrillic with
a shadow or a box over moving footage, a semi-transparent corner handle, a drone HUD whose
numbers change every second, a fading caption, and a clip without text. Skipped without the
engine, failed without it in CI (tests/ocr.py)."""

from __future__ import annotations

import re

import pytest

from forensics.onscreen.merge import cer
from tests.ocr import ocr_or_skip
from tests.onscreen_media import (
    CAPTION_EN,
    CAPTION_EN_2,
    CAPTION_RU,
    CAPTION_UK,
    FADING,
    HANDLE,
    HUD,
    hud_text,
    write_clip,
)

SIZE, FPS = (1280, 720), 10


@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    """Three clips analysed once: {name: AnalysisResult}."""
    ocr_or_skip()
    import forensics

    folder = tmp_path_factory.mktemp("ocr")
    clips = {
        "latin_uk_hud": ([CAPTION_EN, CAPTION_UK, HANDLE, HUD], 8.0),
        "russian_boxes_fade": ([CAPTION_RU, CAPTION_EN_2, FADING], 8.0),
        "no_text": ([], 4.0),
    }
    return {name: forensics.analyze(write_clip(folder / f"{name}.mp4", overlays, seconds, SIZE,
                                               FPS), out_dir=folder / "reports")
            for name, (overlays, seconds) in clips.items()}  # fmt: skip


def words(text: str) -> list[str]:
    return [w for w in re.findall(r"[\w@.-]+", text.casefold()) if any(c.isalnum() for c in w)]


def recall(truth: str, texts: list[str]) -> float:
    found = {w for t in texts for w in words(t)}
    expected = words(truth)
    return sum(w in found for w in expected) / len(expected)


@pytest.mark.parametrize(("clip", "caption"), [
    ("latin_uk_hud", CAPTION_EN), ("latin_uk_hud", CAPTION_UK),
    ("russian_boxes_fade", CAPTION_RU), ("russian_boxes_fade", CAPTION_EN_2),
    ("russian_boxes_fade", FADING),
])  # fmt: skip
def test_captions_are_read_with_their_language_and_times(analysed, clip, caption):
    record = analysed[clip].record
    captions = [t for t in record.onscreen_text if t.kind == "caption"]
    assert recall(str(caption.text), [t.text for t in captions]) >= 0.9
    best = min(captions, key=lambda t: cer(str(caption.text), t.text))
    assert cer(str(caption.text), best.text) <= 0.1, best.text
    assert best.lang == caption.lang
    # exact frame times of the sampled frames showing it: one a second, so within a second
    assert caption.start - 0.01 <= best.start.seconds <= caption.start + 1.0 + caption.fade
    assert caption.end - 1.0 - caption.fade - 0.01 <= best.end.seconds <= caption.end


def test_a_static_handle_is_one_watermark_entry(analysed):
    record = analysed["latin_uk_hud"].record
    [mark] = [t for t in record.onscreen_text if t.kind == "watermark"]
    # the thin underscore of a semi-transparent mark is often lost ("@legion free"): a known
    # limit (benchmarks/onscreen/README.md); the rest of the handle is read
    assert mark.text.startswith("@legion") and cer("@legion_free", mark.text) <= 0.25
    assert mark.end.seconds - mark.start.seconds >= 6.0  # of an 8 s clip, sampled each second
    x, y = mark.box[:2]
    assert x > SIZE[0] * 0.7 and y < SIZE[1] * 0.2  # top right, in the clip's own pixels


def test_hud_numbers_are_read_each_time_they_change(analysed):
    hud = [t for t in analysed["latin_uk_hud"].record.onscreen_text if t.kind == "hud"]
    assert len(hud) >= 6  # a new reading a second, 8 s
    errors = [cer(hud_text(t.start.seconds + 0.05), t.text) for t in hud]
    assert sum(errors) / len(errors) <= 0.1, [t.text for t in hud]


def test_each_text_is_read_about_once(analysed):
    status = analysed["latin_uk_hud"].record.onscreen
    tracks = len(analysed["latin_uk_hud"].record.onscreen_text)
    assert status is not None and status.read and status.frames == 8
    # the HUD line is read on each of the 8 frames (its numbers change each second), the rest
    # about once (an unsure reading up to 3 times): far from once per frame and region (32)
    assert status.reads <= 2 * tracks < 8 * 4


def test_a_clip_without_text_has_no_tracks(analysed):
    record = analysed["no_text"].record
    assert record.onscreen is not None and record.onscreen.read
    assert record.onscreen_text == ()


def test_crops_are_in_the_report_folder_and_on_the_page(analysed):
    result = analysed["latin_uk_hud"]
    html = result.html.read_text(encoding="utf-8")
    for text in result.record.onscreen_text:
        assert text.image and (result.report_dir / text.image).is_file()
        assert f'src="{text.image}"' in html
    assert "tesseract" in result.record.tool.libraries
    assert "tessdata-ukr" in result.record.tool.libraries
