"""The HTML report in a real browser: loads cleanly, offline, safely, at laptop and phone widths."""

import pytest

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


def test_report_renders_without_errors(report):
    seen, facts = visit(report.html, {"report-desktop": (1280, 900), "report-phone": (390, 844)})
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


def test_report_readable_without_javascript(report):
    seen, facts = visit(report.html, {"report-nojs": (1280, 900)}, js=False)
    assert seen.failed == [] and seen.external == []
    assert "Keyframes (5)" in facts["report-nojs"]["sections"]  # 4 shots + the 1 s frame
