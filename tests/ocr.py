"""Tests that read text need Tesseract with eng, rus and ukr: skipped without it, but in CI
(``FORENSICS_REQUIRE_OCR=1``, set by .ci/run after installing it) its absence is a failure."""

from __future__ import annotations

import os

import pytest


def ocr_or_skip() -> None:
    from forensics.onscreen.detect import DetectorMissing, model_path
    from forensics.onscreen.engine import EngineMissing, find_engine

    try:
        info = find_engine()
        model_path()
    except (EngineMissing, DetectorMissing) as exc:
        why = str(exc)
    else:
        missing = {"eng", "rus", "ukr"} - set(info.languages)
        if not missing:
            return
        why = f"Tesseract has no {', '.join(sorted(missing))} data"
    if os.environ.get("FORENSICS_REQUIRE_OCR") == "1":
        pytest.fail(f"OCR required but not available: {why}")
    pytest.skip(f"no OCR here ({why})")
