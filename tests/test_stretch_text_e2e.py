"""End to end: a drone clip with its HUD, and a repost of it adding a caption and a channel's
handle, read by the real engine. ``forensics compare`` reads the text over the shared stretch
only and names what the repost adds; ``analyze`` into one case names it in both reports, from
their records. Skipped without Tesseract, failed without it in CI (tests/ocr.py)."""

from __future__ import annotations

import json

import pytest

from forensics.comparing import NOT_ASKED
from forensics.records import read_record
from tests.ocr import ocr_or_skip
from tests.onscreen_media import HUD, Overlay, write_clip

SIZE, FPS, SECONDS = (960, 540), 10, 8.0
CAPTION = Overlay("caption", "Belgorod region", 0.0, 8.0, "shadow")
HANDLE = Overlay("watermark", "@frontline_news", 0.0, 1e9, "logo", (0.80, 0.05), 0.04)
ADDED = 'B adds the caption "Belgorod region" and the watermark "@frontline'


@pytest.fixture(scope="module")
def clips(tmp_path_factory):
    ocr_or_skip()
    folder = tmp_path_factory.mktemp("repost")
    original = write_clip(folder / "drone.mp4", [HUD], SECONDS, SIZE, FPS)
    repost = write_clip(folder / "repost.mp4", [HUD, CAPTION, HANDLE], SECONDS, SIZE, FPS)
    return folder, original, repost


@pytest.fixture(scope="module")
def compared(clips):
    import forensics

    _, original, repost = clips
    return forensics.compare(original, repost)


def test_compare_names_the_caption_and_handle_the_repost_adds(compared):
    [stretch] = compared.stretches
    assert [a for a in stretch.alterations if a.startswith(ADDED)], stretch.alterations
    assert len(stretch.alterations) == 1  # the HUD both show is no alteration
    [hud] = [t for t in stretch.onscreen if t.kind == "hud"]
    assert hud.a and hud.b
    assert "shown by one clip only" in (compared.onscreen_note or "")


def test_the_compare_page_shows_the_text_of_each_clip(compared, clips, tmp_path):
    from forensics.api import write_compare_page

    page = write_compare_page(compared, tmp_path).read_text("utf-8")
    assert page.count("only in B") == 2 and "in both" in page
    assert "On-screen text of both clips compared over the shared stretches" in page
    data = json.loads((tmp_path / page_folder(tmp_path) / "compare.json").read_text("utf-8"))
    assert data["segments"][0]["onscreen"] and data["onscreen_note"]


def page_folder(out):
    [folder] = [p.name for p in out.iterdir() if p.name.startswith("compare-")]
    return folder


def test_compare_without_reading_text_says_so(clips, capsys):
    from forensics.cli import main

    _, original, repost = clips
    with pytest.raises(SystemExit) as done:
        main(["compare", str(original), str(repost), "--json", "--no-onscreen-text"])
    assert done.value.code in (0, None)
    data = json.loads(capsys.readouterr().out)
    assert data["onscreen_note"] == NOT_ASKED
    assert data["segments"][0]["alterations"] == [] and data["segments"][0]["onscreen"] == []


def test_a_case_names_the_added_text_in_both_reports(clips):
    import forensics

    folder, original, repost = clips
    reports = folder / "reports"
    first = forensics.analyze(original, out_dir=reports, index_dir=reports)
    second = forensics.analyze(repost, out_dir=reports, index_dir=reports)
    [entry] = second.record.reuse
    [stretch] = entry.comparison.stretches
    assert [a for a in stretch.alterations if a.startswith(ADDED)], stretch.alterations
    [flag] = [f for f in second.record.flags if f.code == "shares_footage"]
    assert 'On screen: this clip adds the caption "Belgorod region" and the watermark' in (
        flag.message
    )
    updated = read_record(first.report_dir / "report.json")
    [flag] = [f for f in updated.flags if f.code == "shares_footage"]
    assert 'On screen: repost.mp4 adds the caption "Belgorod region"' in flag.message
    html = (second.report_dir / "report.html").read_text("utf-8")
    assert "On-screen text of both clips compared" in html
