"""A batch's case pages (overview and case manifest): rewritten once when the batch ends, not
after every clip (they read every report, so per clip their cost grew with the case), every
``PAGES_EVERY_S`` on a long batch, and after an interrupted batch too; when they cannot be
written, the batch says so and every report stands."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from forensics import batch as batch_module
from forensics import pipeline
from forensics.batch import Batch, analyze_batch
from forensics.cli import main
from forensics.errors import ReportWriteError
from forensics.report.overview import OVERVIEW_FILE
from tests.media import lavfi_clip, shots_clip


@pytest.fixture(scope="module")
def clips(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("pages-clips")
    return [
        lavfi_clip(folder / "raid.mp4", seconds=2, size="160x120", audio=False),
        shots_clip(folder / "other.mp4", [3, 4], seconds_each=1.0, size=(160, 120)),
        lavfi_clip(folder / "repost.mp4", seconds=2, size="160x120", audio=False, vf="hflip"),
    ]


@pytest.fixture
def refreshes(monkeypatch) -> list[int]:
    """How many clips the case held at each rewrite of the case pages."""
    seen: list[int] = []
    real = pipeline._refresh_overview

    def counted(index: Any, out_dir: Path) -> None:
        seen.append(len(index.clips()))
        real(index, out_dir)

    monkeypatch.setattr(pipeline, "_refresh_overview", counted)
    return seen


def run(clips: list[Path], out: Path, **options: Any) -> Batch:
    return analyze_batch(clips, out, index_dir=out, **options)


def listed(out: Path, clips: list[Path]) -> list[str]:
    page = (out / OVERVIEW_FILE).read_text("utf-8")
    return [c.name for c in clips if c.name in page]


def verify(folder: Path) -> int:
    with pytest.raises(SystemExit) as exited:
        main(["verify", str(folder)])
    return int(exited.value.code or 0)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_batch_writes_the_case_pages_once_when_it_ends(clips, tmp_path, refreshes, jobs, capsys):
    out = tmp_path / "out"
    batch = run(clips, out, jobs=jobs)
    assert not batch.failures and batch.pages_error is None
    assert refreshes == [3]  # once, with every clip in the case
    assert listed(out, clips) == [c.name for c in clips]
    assert verify(out) == 0, capsys.readouterr()  # the case manifest covers every report


def test_a_long_batch_rewrites_its_pages_as_it_goes(clips, tmp_path, refreshes, monkeypatch):
    monkeypatch.setattr(batch_module, "PAGES_EVERY_S", 0.0)
    run(clips, tmp_path / "out")
    assert refreshes == [1, 2, 3, 3]  # after each clip, then at the end


def test_a_single_analysis_still_writes_its_pages(clips, tmp_path, refreshes):
    out = tmp_path / "out"
    pipeline.analyze(clips[0], out, index_dir=out)
    assert refreshes == [1] and listed(out, clips) == ["raid.mp4"]
    pipeline.analyze(clips[1], out, index_dir=out, pages=False)
    assert refreshes == [1] and listed(out, clips) == ["raid.mp4"]  # left to the caller
    pipeline.refresh_case_pages(out, out)
    assert listed(out, clips) == ["raid.mp4", "other.mp4"]


def test_an_interrupted_batch_leaves_pages_for_the_clips_it_finished(clips, tmp_path, refreshes):
    def stop_after_one(_outcome: Any) -> None:
        raise KeyboardInterrupt

    out = tmp_path / "out"
    stopped = run(clips, out, on_done=stop_after_one)
    assert stopped.interrupted and refreshes == [1]
    assert listed(out, clips) == ["raid.mp4"]


def test_a_batch_whose_clips_all_fail_writes_no_pages(tmp_path, refreshes):
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(200))
    out = tmp_path / "out"
    batch = run([broken], out)
    assert len(batch.failures) == 1 and batch.pages_error is None
    assert refreshes == [] and not (out / OVERVIEW_FILE).exists()


def test_unwritable_pages_fail_the_batch_not_its_reports(clips, tmp_path, monkeypatch, capsys):
    def full_disk(*_args: Any) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pipeline, "write_overview", full_disk)
    out = tmp_path / "out"
    batch = run(clips[:2], out)
    assert not batch.failures and isinstance(batch.pages_error, ReportWriteError)
    assert "No space left on device" in str(batch.pages_error)
    assert len(list(out.glob("*/report.json"))) == 2
    with pytest.raises(SystemExit) as exited:
        main(["analyze", str(clips[2]), "--out", str(out)])
    assert exited.value.code == ReportWriteError.exit_code
    err = capsys.readouterr().err
    (line,) = [x for x in err.splitlines() if "case pages are not up to date" in x]
    assert "forensics report" in line and "Traceback" not in err
