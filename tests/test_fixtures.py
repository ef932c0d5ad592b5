"""The suite's own fixtures (tests/conftest.py): an error logged under ``forensics`` fails the
test that logged it, and ``sample_case_copy`` is a private copy of the analysed sample case."""

import json
from pathlib import Path

import pytest

from forensics.case.index import CaseIndex
from forensics.report.rebuild import rebuild_case

CONFTEST = Path(__file__).with_name("conftest.py")

INNER_TESTS = """
import logging

import pytest


def test_logs_an_error():
    logging.getLogger("forensics.pipeline").error("a stage failed and carried on")


def test_logs_an_error_that_caplog_sees_too(caplog):
    logging.getLogger("forensics").critical("caplog does not hide it")
    assert caplog.records


@pytest.mark.allow_error_log
def test_expects_an_error():
    logging.getLogger("forensics.cli").error("EXPECTED-ERROR")


def test_warns():
    logging.getLogger("forensics").warning("only a warning")


def test_another_library_logs_an_error():
    logging.getLogger("exifread").error("ANOTHER-LIBRARY")
"""


@pytest.mark.allow_error_log  # the inner session logs to the same ``forensics`` logger
def test_a_test_that_logs_an_error_fails(pytester):
    pytester.makeconftest(CONFTEST.read_text(encoding="utf-8"))
    pytester.makeini("[pytest]\nmarkers =\n    allow_error_log: expects an error log\n")
    pytester.makepyfile(test_inner=INNER_TESTS)
    result = pytester.runpytest("-p", "no:cacheprovider")
    # All five calls pass; the fixture's check then fails two of them at teardown, as an error.
    result.assert_outcomes(passed=5, errors=2)
    lines = ["*ERROR at teardown of test_logs_an_error *", "*ERROR forensics.pipeline: a stage*"]
    result.stdout.fnmatch_lines(lines)
    output = result.stdout.str()
    assert "ERROR at teardown of test_logs_an_error_that_caplog_sees_too" in output
    assert "EXPECTED-ERROR" not in output and "ANOTHER-LIBRARY" not in output


@pytest.mark.slow  # needs the sample case analysed (conftest)
def test_sample_case_copy_is_private_and_rebuilds_in_place(sample_case, sample_case_copy):
    (source, results), (folder, copied) = sample_case, sample_case_copy
    assert folder != source and copied.keys() == results.keys()
    before = {p: p.stat().st_mtime_ns for p in source.rglob("*") if p.is_file()}
    for result in copied.values():
        assert result.report_dir.parent == folder and result.html.is_file()
    assert {Path(c.report_dir) for c in CaseIndex(folder).clips()} == {
        r.report_dir.resolve() for r in copied.values()
    }
    rebuilt = rebuild_case(folder, folder)
    assert rebuilt.problems == () and len(rebuilt.reports) == len(copied)
    assert {p.resolve() for p in rebuilt.reports} == {
        r.report_dir.resolve() for r in copied.values()
    }
    report = copied["legion_raid_telegram.mp4"].report_dir / "report.json"
    report.write_text(json.dumps({"changed": True}), encoding="utf-8")
    assert {p: p.stat().st_mtime_ns for p in source.rglob("*") if p.is_file()} == before
