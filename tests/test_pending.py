"""A clip is part of the case only once its report is in place: a run killed between joining
the case index and writing the report leaves a pending clip, which the next run rolls back, so
the index never keeps a clip without its report (and its comparisons go with it)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from forensics import analyze
from forensics.case.index import INDEX_FILE, CaseIndex
from forensics.case.join import roll_back_abandoned
from forensics.media.workdirs import owner_tag
from forensics.report.overview import write_overview
from forensics.report.rebuild import rebuild_case
from forensics.reuse.features import ClipFeatures
from tests import factories
from tests.media import lavfi_clip

ROOT = Path(__file__).resolve().parent.parent
EMPTY = ClipFeatures(1.0, (320, 180), ())


def dead_owner() -> str:
    """The owner tag of a process that has ended (this machine, this boot)."""
    done = subprocess.run([sys.executable, "-c", "from forensics.media.workdirs import "
                           "owner_tag; print(owner_tag())"], capture_output=True, text=True,
                          check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})  # fmt: skip
    return done.stdout.strip()


def record(sha: str, name: str):
    file = {**factories.record_dict()["file"], "sha256": sha, "name": name,
            "path": f"/evidence/{name}"}  # fmt: skip
    return factories.record(file=file)


@pytest.mark.allow_error_log
def test_pending_clips_of_a_gone_run_are_rolled_back_and_others_kept(tmp_path, caplog):
    index = CaseIndex(tmp_path)
    done = index.add(record("aa" * 32, "done.mp4"), EMPTY, None)
    gone = index.add(record("bb" * 32, "gone.mp4"), EMPTY, None, pending_owner=dead_owner())
    mine = owner_tag()  # this test's own process: running
    running = index.add(record("cc" * 32, "running.mp4"), EMPTY, None, pending_owner=mine)
    elsewhere = index.add(
        record("dd" * 32, "elsewhere.mp4"), EMPTY, None, pending_owner="1-1-abcdefabcdef"
    )  # another machine: unknown
    assert [c.name for c in index.clips(pending=False)] == ["done.mp4"]
    assert roll_back_abandoned(index) == ["gone.mp4"]
    assert "rolled back from the case index" in caplog.text
    assert [c.id for c in index.clips()] == [done.id, running.id, elsewhere.id]
    assert gone.id not in {c.id for c in index.clips()}


def test_a_pending_clip_is_not_on_the_case_pages(tmp_path):
    index = CaseIndex(tmp_path)
    index.add(record("aa" * 32, "done.mp4"), EMPTY, None)
    index.add(record("bb" * 32, "in_progress.mp4"), EMPTY, None, pending_owner="1-1-abcdefabcdef")
    html = write_overview(tmp_path, tmp_path).read_text(encoding="utf-8")
    assert "done.mp4" in html and "in_progress.mp4" not in html
    assert rebuild_case(tmp_path, tmp_path).problems == ("done.mp4: analysed without a report "
                                                         "folder",)  # fmt: skip


@pytest.mark.slow
@pytest.mark.allow_error_log
def test_a_run_killed_between_joining_and_its_report_is_rolled_back(tmp_path):
    out = tmp_path / "reports"
    clip = lavfi_clip(tmp_path / "long.mp4", source="testsrc2", seconds=40.0, audio=False)
    other = lavfi_clip(tmp_path / "other.mp4", source="testsrc", seconds=4.0, audio=False)
    analyze(other, out, index_dir=out)
    run = subprocess.Popen([sys.executable, "-m", "forensics", "analyze", "--out", str(out),
                            str(clip)], env={**os.environ, "PYTHONPATH": str(ROOT)},
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and run.poll() is None:
            with sqlite3.connect(out / INDEX_FILE) as db:
                if db.execute("SELECT COUNT(*) FROM pending").fetchone()[0]:
                    break
            time.sleep(0.02)
        assert run.poll() is None, "the run finished before it could be killed"
        os.kill(run.pid, signal.SIGKILL)
    finally:
        run.wait()
    assert not list(out.glob("long-*/report.json"))  # killed before its report was in place
    analyze(other, out, index_dir=out)  # the next run on the case rolls it back
    index = CaseIndex(out)
    assert [c.name for c in index.clips()] == ["other.mp4"] and index.pending() == []
    with sqlite3.connect(out / INDEX_FILE) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT COUNT(*) FROM reuse").fetchone() == (0,)
    assert rebuild_case(out, out).problems == ()
