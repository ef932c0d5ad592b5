"""Batches (forensics.batch): clips described in worker processes and joined to the case by one
writer give the reports and the case index a sequential run gives; a clip that fails in a
worker, or kills it, is one failure of the batch; a resumed batch skips what is done."""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, ClassVar

import pytest

from forensics import batch as batch_module
from forensics.batch import Batch, _Hooks, _Options, analyze_batch, describe_clip
from forensics.batch import _described_by as described_by
from forensics.cli import main
from forensics.errors import BadInputError
from tests.golden.mask import mask_report
from tests.media import jpeg_with_exif, lavfi_clip, shots_clip


@pytest.fixture(scope="module")
def clips(tmp_path_factory) -> list[Path]:
    """Four small pieces of evidence: a clip, its mirrored repost (shared footage), a clip
    of other shots, and a photo; distinct files, so four rows of the case index."""
    folder = tmp_path_factory.mktemp("batch-clips")
    return [
        lavfi_clip(folder / "raid.mp4", seconds=3, size="160x120", audio=False),
        lavfi_clip(folder / "repost.mp4", seconds=3, size="160x120", audio=False, vf="hflip"),
        shots_clip(folder / "other.mp4", [3, 4], seconds_each=1.5, size=(160, 120)),
        jpeg_with_exif(folder / "photo.jpg"),
    ]


def reports(out: Path) -> dict[str, dict[str, Any]]:
    """Every report.json under ``out``, masked as the golden tests mask them."""
    return {
        p.parent.name: mask_report(json.loads(p.read_text("utf-8")), {"<out>": out})
        for p in sorted(out.glob("*/report.json"))
    }


def index_rows(out: Path) -> dict[str, list[tuple[Any, ...]]]:
    """The case index's tables, times left out and each stored record masked."""
    db = sqlite3.connect(out / "case.sqlite")
    listing = "id, sha256, name, path, report_dir, duration_s, actor, released, record"
    try:
        clips = [
            (*row[:8], mask_report(json.loads(row[8]), {"<out>": out}))
            for row in db.execute(f"SELECT {listing} FROM clips ORDER BY id")
        ]
        return {
            "clips": clips,
            "hashes": db.execute("SELECT * FROM hashes ORDER BY clip_id").fetchall(),
            "features": db.execute("SELECT * FROM features ORDER BY clip_id").fetchall(),
            "reuse": db.execute("SELECT a_id, b_id, result FROM reuse ORDER BY a_id").fetchall(),
            "pending": db.execute("SELECT * FROM pending").fetchall(),
        }
    finally:
        db.close()


def files(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())


def run(clips: list[Path], out: Path, **options: Any) -> Batch:
    return analyze_batch(clips, out, index_dir=out, **options)


def test_two_processes_write_what_a_sequential_run_writes(clips, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    sequential = run(clips, one, jobs=1)
    parallel = run(clips, two, jobs=2)
    assert [o.path for o in parallel.outcomes] == clips  # the order given
    assert not sequential.failures and not parallel.failures
    assert files(one) == files(two)
    expected = reports(one)
    assert len(expected) == 4 and reports(two) == expected
    rows = index_rows(one)
    assert len(rows["clips"]) == 4 and rows["reuse"] and rows["pending"] == []
    assert index_rows(two) == rows
    shared = {r["file"]["name"]: len(r["reuse"]) for r in expected.values()}
    assert shared == {"raid.mp4": 1, "repost.mp4": 1, "other.mp4": 0, "photo.jpg": 0}


def test_a_clip_that_fails_in_a_worker_is_one_failure_of_the_batch(clips, tmp_path):
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(200))  # an MP4 head, no movie
    out = tmp_path / "out"
    batch = run([clips[0], broken, clips[2]], out, jobs=2)
    assert [o.ok for o in batch.outcomes] == [True, False, True]
    (failed,) = batch.failures
    assert failed.path == broken and isinstance(failed.error, BadInputError)
    assert str(broken) in str(failed.error)
    assert len(reports(out)) == 2 and len(index_rows(out)["clips"]) == 2


class _Lazy(Future[Any]):
    """A future settled when first asked for, with the others of its pool."""

    def __init__(self, pool: _Inline) -> None:
        super().__init__()
        self.pool = pool

    def result(self, timeout: float | None = None) -> Any:
        self.pool.settle()
        return super().result(timeout)


class _Inline(Executor):
    """A pool that describes in this process, where the clip named ``crash`` breaks the pool
    as a worker killed by the operating system does: every future pending in it fails."""

    def __init__(self, crash: str, options: _Options, log: list[str]) -> None:
        self.crash, self.options, self.log = crash, options, log
        self.futures: list[tuple[str, _Lazy]] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future = _Lazy(self)
        self.futures.append((args[0], future))
        return future

    def settle(self) -> None:
        broken = any(Path(path).name == self.crash for path, _ in self.futures)
        for path, future in self.futures:
            if broken:
                self.log.append(f"broken: {Path(path).name}")
                future.set_exception(BrokenProcessPool("a process terminated abruptly"))
            else:
                future.set_result(describe_clip(path, self.options))
        self.futures = []


def test_a_clip_that_kills_its_worker_fails_alone_and_the_batch_goes_on(clips, tmp_path):
    out = tmp_path / "out"
    options = _Options(out, None, (), out, True)
    log: list[str] = []
    outcomes: list[Any] = []
    restart = lambda: _Inline("repost.mp4", options, log)  # noqa: E731
    described_by(restart(), clips[:3], options, _Hooks(), outcomes, window=3, restart=restart)
    assert [o.path.name for o in outcomes] == ["raid.mp4", "repost.mp4", "other.mp4"]
    assert [o.ok for o in outcomes] == [True, False, True]
    assert "the process describing it died" in str(outcomes[1].error)
    # the first clip was lost with the pool and described again, alone, in a new one
    assert log[:3] == ["broken: raid.mp4", "broken: repost.mp4", "broken: other.mp4"]
    assert sorted(r["file"]["name"] for r in reports(out).values()) == ["other.mp4", "raid.mp4"]


def test_a_resumed_batch_skips_the_clips_already_in_the_case(clips, tmp_path):
    out = tmp_path / "out"
    run(clips[:2], out, jobs=1)  # as if the batch had stopped after two clips
    done: list[str] = []
    batch = run(clips, out, jobs=2, resume=True, on_done=lambda o: done.append(o.path.name))
    skipped = [o.path.name for o in batch.outcomes if o.skipped]
    assert skipped == ["raid.mp4", "repost.mp4"]
    assert [o.path.name for o in batch.outcomes if o.result] == ["other.mp4", "photo.jpg"]
    assert sorted(done) == sorted(c.name for c in clips)
    assert len(index_rows(out)["clips"]) == 4
    whole = tmp_path / "whole"
    run(clips, whole, jobs=1)
    assert reports(out) == reports(whole)  # the resumed case is the one a whole run makes


def test_jobs_and_dask_together_are_refused_before_connecting(clips, tmp_path, capsys):
    started = time.monotonic()
    code = cli(["analyze", str(clips[0]), "--out", str(tmp_path), "--jobs", "2", "--dask",
                "tcp://127.0.0.1:9"])  # fmt: skip
    assert code == BadInputError.exit_code and time.monotonic() - started < 5
    assert capsys.readouterr().err.strip() == (
        "error: --jobs 2 and --dask: give one (the cluster has its workers)"
    )


def test_analyze_takes_jobs_and_refuses_zero(clips, tmp_path, capsys):
    out = tmp_path / "out"
    code = cli(["analyze", *map(str, clips[:2]), "--out", str(out), "--jobs", "2"])
    stdout, err = capsys.readouterr()
    assert code == 0, err
    assert [Path(line).parent.parent for line in stdout.splitlines()] == [out, out]
    assert cli(["analyze", str(clips[0]), "--out", str(out), "--jobs", "0"]) == 2
    assert capsys.readouterr().err.strip() == "error: --jobs 0: give 1 or more processes"


def cli(args: list[str]) -> int:
    with pytest.raises(SystemExit) as exited:
        main(args)
    return int(exited.value.code or 0)


class _Watched(ProcessPoolExecutor):
    """The batch's process pool, keeping hold of its worker processes."""

    pools: ClassVar[list[_Watched]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.workers: list[Any] = []
        _Watched.pools.append(self)

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future = super().submit(fn, *args, **kwargs)
        self.workers = list((self._processes or {}).values())
        return future


def _ended(pid: int | None, within_s: float = 30.0) -> bool:
    """Whether the process is gone (or a zombie) within ``within_s``. Asked of the system, not
    of multiprocessing: a child another part of the test process reaped first looks alive to
    ``Process.is_alive`` for ever (its waitpid fails and poll answers None)."""
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except (FileNotFoundError, ProcessLookupError):
            return True
        if "\nState:\tZ" in status:
            return True
        time.sleep(0.2)
    return False


def test_an_interrupted_batch_resumes_where_it_stopped(clips, tmp_path, monkeypatch):
    monkeypatch.setattr(batch_module, "ProcessPoolExecutor", _Watched)
    out, whole = tmp_path / "out", tmp_path / "whole"
    finished: list[str] = []

    def stop_after_two(outcome: Any) -> None:
        finished.append(outcome.path.name)
        if len(finished) == 2:
            raise KeyboardInterrupt  # Ctrl-C, as the second clip is done

    stopped = run(clips, out, jobs=2, on_done=stop_after_two)
    assert stopped.interrupted and [o.path.name for o in stopped.outcomes] == finished
    (pool,) = _Watched.pools
    for worker in pool.workers:  # none is left running once the batch has stopped
        assert _ended(worker.pid), worker
    assert stopped.summary().not_reached == 2
    assert index_rows(out)["pending"] == [] and len(index_rows(out)["clips"]) == 2
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no staged folder left
    resumed = run(clips, out, jobs=2, resume=True)
    assert [o.path.name for o in resumed.outcomes if o.skipped] == finished
    assert resumed.summary().analysed == 2 and resumed.summary().skipped == 2
    run(clips, whole, jobs=1)
    assert reports(out) == reports(whole)
    assert index_rows(out) == index_rows(whole)


def test_the_summary_counts_clips_failures_findings_and_shared_pairs(clips, tmp_path):
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(200))
    batch = run([clips[0], broken, clips[1]], tmp_path / "out", jobs=2)
    summary = batch.summary()
    records = [o.result.record for o in batch.outcomes if o.result]
    severities = [f.severity for r in records for f in r.flags]
    assert (summary.clips, summary.analysed, summary.failed, summary.skipped) == (3, 2, 1, 0)
    assert summary.shared_pairs == 1  # the repost and its source
    assert dict(summary.findings) == {s: severities.count(s) for s in
                                      ("high", "medium", "low", "info")}  # fmt: skip
    assert sum(dict(summary.findings).values()) == len(severities) > 0
    assert summary.where == "2 processes" and summary.seconds > 0


def test_the_command_line_prints_the_summary_table_after_a_batch(clips, tmp_path, capsys):
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(200))
    code = cli(["analyze", str(clips[0]), str(broken), str(clips[1]), "--out",
                str(tmp_path / "out"), "--jobs", "2"])  # fmt: skip
    stdout, err = capsys.readouterr()
    assert code == BadInputError.exit_code
    rows = dict(line.strip().split("  ", 1) for line in err.splitlines() if line.startswith("  "))
    assert rows["clips"].strip() == "3" and rows["failed"].strip() == "1"
    assert rows["analysed"].strip().startswith("2 (") and "2 processes" in rows["analysed"]
    assert rows["shared pairs"].strip() == "1 found as these clips joined the case"
    assert re.fullmatch(r"\d+ high, \d+ medium, \d+ low, \d+ info", rows["findings"].strip())
    assert len(stdout.splitlines()) == 2  # the two report pages


def test_ingest_analyze_goes_on_with_the_clips_an_earlier_run_left(clips, tmp_path, capsys):
    folder = tmp_path / "media"
    folder.mkdir()
    for clip in clips[:3]:
        (folder / clip.name).write_bytes(clip.read_bytes())
    case, out = tmp_path / "case", tmp_path / "reports"
    assert cli(["ingest", str(folder), "--case", str(case)]) == 0  # as if stopped before
    capsys.readouterr()
    assert cli(["ingest", str(folder), "--case", str(case), "--analyze", "--out", str(out),
                "--jobs", "2"]) == 0  # fmt: skip
    capsys.readouterr()
    pages = sorted(out.glob("*/report.json"))
    assert len(pages) == 3
    written = {p: p.stat().st_mtime_ns for p in pages}
    assert cli(["ingest", str(folder), "--case", str(case), "--analyze", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert re.search(r"already in the case\s+3", err)
    assert {p: p.stat().st_mtime_ns for p in pages} == written  # none analysed again
