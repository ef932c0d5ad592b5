"""The HTML report in a real browser: loads cleanly, offline, safely, at laptop and phone widths."""

import re

import pytest
from PIL import Image

from forensics import analyze
from tests.browser import visit
from tests.media import shots_clip

pytestmark = [pytest.mark.browser, pytest.mark.slow]
HOSTILE = '"><img src=x onerror=alert(1)><script>alert(2)</script>'


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    root = tmp_path_factory.mktemp("browser")
    clip = shots_clip(root / "cuts.mp4", seeds=[11, 12, 13, 14], seconds_each=1.5)
    claim = root / "claim.md"
    claim.write_text(f"---\noutlet: Test outlet\npublished: 2023-05-27\n---\n{HOSTILE}\n")
    return analyze(clip, root / "reports", claim_files=[claim])


def test_report_renders_without_errors(chromium, report):
    shots = {"report-desktop": (1280, 900), "report-phone": (390, 844)}
    seen, facts = visit(chromium, report.html, shots)
    assert seen.console_errors == [] and seen.page_errors == []
    assert seen.failed == [] and seen.external == []
    assert seen.dialogs == []  # the injected onerror/script never ran
    for name, fact in facts.items():
        assert fact["title"] == "Provenance report: cuts.mp4", name
        assert fact["images_broken"] == 0, name
        for section in ("Summary", "Findings", "Keyframes", "Claims and checks", "Media facts",
                        "Metadata", "Identity and chain of custody"):  # fmt: skip
            assert any(s.startswith(section) for s in fact["sections"]), (name, section)
    assert facts["report-phone"]["scroll_width"] <= 390  # no sideways scrolling on a phone


def test_report_readable_without_javascript(chromium, report):
    seen, facts = visit(chromium, report.html, {"report-nojs": (1280, 900)}, js=False)
    assert seen.failed == [] and seen.external == []
    assert "Keyframes (5)" in facts["report-nojs"]["sections"]  # 4 shots + the 1 s frame


# --- the sample case: the ministry's release shares a drone shot with the legion's ----------

REUSE_IMAGES = """[...document.querySelectorAll('.reuse img')].map(i => ({
  src: i.getAttribute('src'), width: i.naturalWidth, alt: i.alt}))"""
PAIR_BOXES = """[...document.querySelectorAll('.pair')].map(f => {
  const r = f.getBoundingClientRect(); return [Math.round(r.left), Math.round(r.top)]; })"""
SHEET_LINKS = """[...document.querySelectorAll('.sheet a')].map(a => ({
  href: a.getAttribute('href'), src: a.querySelector('img').getAttribute('src'),
  shown: a.querySelector('img').clientWidth}))"""
REUSE_TEXT = "document.querySelector('section:has(> #reuse-h)').innerText"


@pytest.fixture(scope="module")
def ministry(sample_case):
    """The ministry's report and the legion's, from the sample case analysed once (conftest)."""
    _, results = sample_case
    return results["mod_strikes_2023-05-23.mp4"], results["legion_raid_telegram.mp4"]


def test_shared_stretch_shows_both_releases_frames_side_by_side(chromium, ministry):
    mod, legion = ministry
    probes = {"reuse_images": REUSE_IMAGES, "pairs": PAIR_BOXES, "text": REUSE_TEXT}
    shots = {"report-reuse-desktop": (1280, 900), "report-reuse-phone": (390, 844)}
    seen, facts = visit(chromium, mod.html, shots, probes=probes,
                        element="section:has(> #reuse-h)")  # fmt: skip
    assert seen.console_errors == [] and seen.page_errors == [] and seen.dialogs == []
    assert seen.failed == [] and seen.external == []
    theirs = f"../{legion.report_dir.name}/frames/"
    for name, fact in facts.items():
        assert fact["images_broken"] == 0, name
        images = fact["reuse_images"]
        assert len(images) == 6 and all(i["width"] > 0 for i in images), (name, images)
        mine = [i for i in images if i["src"].startswith("frames/")]
        other = [i for i in images if i["src"].startswith(theirs)]
        assert len(mine) == len(other) == 3, (name, images)
        assert all((mod.report_dir / i["src"]).resolve().is_file() for i in other)
        assert all(i["alt"].startswith("legion_raid_telegram.mp4 at 0:") for i in other)
        text = fact["text"]
        assert re.search(
            r"Stretch 1: this clip 0:1\d\.\d{3}\u20130:2\d\.\d{3} = "
            r"legion_raid_telegram\.mp4 0:3\d\.\d{3}\u20130:4\d\.\d{3}",
            text,
        ), text
        assert text.count("Mirrored: flipped left to right.") == 3
        assert "This clip" in text and "1:52.000 long" in text  # both timelines, labelled
    desktop, phone = facts["report-reuse-desktop"]["pairs"], facts["report-reuse-phone"]["pairs"]
    assert len({top for _, top in desktop}) == 1 and sorted(desktop) == desktop  # one row
    assert len({left for left, _ in phone}) == 1 and sorted(phone, key=lambda b: b[1]) == phone
    assert facts["report-reuse-phone"]["scroll_width"] <= 390


def test_shared_stretch_and_contact_sheet_work_without_javascript(chromium, ministry):
    mod, _ = ministry
    probes = {"reuse_images": REUSE_IMAGES, "sheet": SHEET_LINKS}
    shots = {"report-reuse-nojs": (1280, 900)}
    seen, facts = visit(chromium, mod.html, shots, js=False, probes=probes)
    assert seen.failed == [] and seen.external == []
    fact = facts["report-reuse-nojs"]
    assert fact["images_broken"] == 0 and len(fact["reuse_images"]) == 6
    # Each keyframe thumbnail links to its image file, which is larger than shown: a click
    # (no script needed) opens it full size.
    assert len(fact["sheet"]) == len(mod.record.keyframes) >= 6
    for link in fact["sheet"]:
        assert link["href"] == link["src"] and link["href"].startswith("keyframes/")
        with Image.open(mod.report_dir / link["href"]) as image:
            assert image.width > link["shown"] > 0
