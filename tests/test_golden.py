"""Golden reports: the sample case's ``report.json`` files, masked (tests/golden/mask.py), must
match tests/golden/sample_case/. After an intended change to the reports, run
``python tests/golden/regenerate.py`` and commit the golden files with the change."""

import copy
import json
import re

import pytest

from tests.golden.case import CASE_FILE, GOLDEN, REPO, golden_file
from tests.golden.mask import (
    DIFF_LINES,
    HINT,
    golden_mismatch,
    mask_report,
    without_unread_onscreen,
)

pytestmark = pytest.mark.skipif(not CASE_FILE.is_file(), reason="sample case not built")
NAMES = sorted(p.name.removesuffix(".json") for p in GOLDEN.glob("*.json"))


def masked_report(folder, result):
    data = json.loads((result.report_dir / "report.json").read_text(encoding="utf-8"))
    return mask_report(data, {"<repo>": REPO, "<out>": folder})


def golden(name):
    return json.loads(golden_file(name).read_text(encoding="utf-8"))


@pytest.mark.slow  # needs the sample case analysed (conftest)
def test_every_clip_of_the_case_has_a_golden_report(sample_case):
    assert sorted(sample_case[1]) == NAMES, HINT


@pytest.mark.slow  # needs the sample case analysed (conftest)
@pytest.mark.parametrize("name", NAMES)
def test_report_matches_its_golden_file(sample_case, name):
    folder, results = sample_case
    actual, expected = without_unread_onscreen(masked_report(folder, results[name]), golden(name))
    mismatch = golden_mismatch(actual, expected, name)
    assert mismatch is None, mismatch


@pytest.mark.slow  # needs the sample case analysed (conftest)
def test_rebuilt_reports_match_their_golden_files(sample_case_copy):
    """``forensics report`` renders every report again from its record: nothing may change."""
    from forensics.report.rebuild import rebuild_case

    folder, results = sample_case_copy
    assert rebuild_case(folder, folder).problems == ()
    for name, result in results.items():
        rebuilt = masked_report(folder, result)
        *history, last = rebuilt["custody"]  # the rebuild appends its event, and only that
        assert last["action"] == "re-rendered"
        actual, expected = without_unread_onscreen({**rebuilt, "custody": history}, golden(name))
        mismatch = golden_mismatch(actual, expected, name)
        assert mismatch is None, mismatch


def test_a_mismatch_shows_a_diff_and_how_to_regenerate():
    name = "legion_raid_telegram.mp4"
    expected = golden(name)
    changed = copy.deepcopy(expected)
    changed["flags"][0]["severity"] = "low"
    message = golden_mismatch(changed, expected, name)
    assert HINT in message.splitlines()[0]
    assert '-      "severity": "high",' in message and '+      "severity": "low",' in message
    for frame in changed["frames"]:  # a change everywhere: only the diff's first lines shown
        frame["informative"] = not frame["informative"]
    lines = golden_mismatch(changed, expected, name).splitlines()
    assert len(lines) == 1 + DIFF_LINES + 1 and re.fullmatch(r"\.\.\. \d+ more lines", lines[-1])


def test_measured_values_are_compared_within_tolerance():
    name = "mod_strikes_2023-05-23.mp4"
    expected = golden(name)
    nearby, moved = copy.deepcopy(expected), copy.deepcopy(expected)
    first = int(expected["frames"][5]["phash"], 16)
    nearby["frames"][5]["phash"] = f"{first ^ 0b101:016x}"  # two bits: another ffmpeg build
    nearby["reuse"][0]["comparison"]["segments"][0]["similarity"] += 0.01
    assert golden_mismatch(nearby, expected, name) is None
    moved["frames"][5]["phash"] = f"{first ^ 0xFFFF:016x}"  # sixteen bits: a real change
    message = golden_mismatch(moved, expected, name)
    assert "frames[5].phash" in message and HINT in message
