"""What a killed run leaves behind (staged report folders, ``.part`` files, decode spools) is
removed by the next run, and nothing else ever is (forensics.media.workdirs)."""

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from forensics.case.index import CaseIndex
from forensics.media import workdirs
from forensics.media.workdirs import (
    OVERVIEW_PART,
    SPOOL,
    STAGE,
    owner_gone,
    owner_tag,
    remove_leftovers,
    work_folder,
)
from forensics.pipeline import analyze
from forensics.records import read_record
from forensics.report.clip import staged_folder
from forensics.report.overview import write_overview
from forensics.report.rebuild import rebuild_case
from tests.media import lavfi_clip

REPORT = "clip-0123456789ab"  # a report folder's name: report.clip.safe_name
HOURS_AGO = time.time() - 2 * 3600


@pytest.fixture
def temp(tmp_path, monkeypatch):
    """A private system temp folder for this test, so no other run's spools are in sight."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def make(path: Path, kind: str = "file", age: float | None = HOURS_AGO) -> Path:
    """A file, or a folder holding one file (``dir``, or ``dir:NAME`` for the file's name)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind.startswith("dir"):
        path.mkdir()
        inner = path / (kind.partition(":")[2] or "report.json")
        inner.write_text("x")
        if age:
            os.utime(inner, (age, age))
    else:
        path.write_text("x")
    if age:
        os.utime(path, (age, age))
    return path


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def tag(pid: int, start: int = 1, host: str | None = None, boot: str | None = None) -> str:
    here_host, here_boot = workdirs._machine()
    return f"{pid}-{start}-{host or here_host}{boot or here_boot}"


def test_the_patterns_match_the_names_the_tool_makes(tmp_path, temp, monkeypatch):
    made: list[str] = []
    real_mkdtemp = tempfile.mkdtemp

    def spy(*args, **kwargs):
        path = real_mkdtemp(*args, **kwargs)
        made.append(Path(path).name)
        return path

    monkeypatch.setattr(tempfile, "mkdtemp", spy)
    destination = tmp_path / "reports" / REPORT
    for _ in range(2):  # the second replaces the first: the old report is moved aside first
        with staged_folder(destination) as stage:
            (stage / "report.json").write_text("{}")
    assert len(made) == 3 and ".old." in made[2]
    for name in made:
        match = STAGE.fullmatch(name)
        assert match and int(match["pid"]) == os.getpid() and owner_gone(match) is False, name
    for prefix in ("forensics-", "forensics-cmp-"):
        with work_folder(prefix) as work:
            match = SPOOL.fullmatch(work.name)
            assert match and owner_gone(match) is False, work.name
    parts: list[str] = []
    real_replace = os.replace

    def spy_replace(source, target):
        parts.append(Path(source).name)
        real_replace(source, target)

    CaseIndex(tmp_path / "reports")
    monkeypatch.setattr(os, "replace", spy_replace)
    write_overview(tmp_path / "reports", tmp_path / "reports")
    assert any(OVERVIEW_PART.fullmatch(name) for name in parts), parts


def test_old_leftovers_go_and_fresh_ones_stay(tmp_path, temp):
    out = tmp_path / "reports"
    old = [
        make(out / f".{REPORT}.abcdefgh", "dir"),  # a staged report folder of an older version
        make(out / f".{REPORT}.old.abcd_123", "dir:report"),
        make(out / ".index.html.k2j4_9xz.part"),
        make(out / REPORT / ".report.json.part"),
        make(out / REPORT / ".report.html.part"),
        make(out / REPORT / ".manifest.json.q1w2e3r4.part"),  # report.manifest
        make(out / ".manifest.json.q1w2e3r4.part"),
        make(out / ".case-index.json.q1w2e3r4.part"),
        make(temp / "forensics-abcdefgh", "dir:samples.gray"),
        make(temp / "forensics-cmp-abcdefgh", "dir:samples.gray"),
    ]
    fresh = [
        make(out / f".{REPORT}.zyxwvuts", "dir", age=None),
        make(out / ".index.html.zyxwvuts.part", age=None),
        make(temp / "forensics-zyxwvuts", "dir:samples.gray", age=None),
    ]
    report = make(out / REPORT / "report.json")  # old, but the report itself
    # a folder with an old name but a file written a moment ago: a run is still writing it
    busy = make(out / f".{REPORT}.busy_run", "dir")
    (busy / "frames").mkdir()
    (busy / "frames" / "0001.jpg").write_text("x")
    os.utime(busy / "frames", (HOURS_AGO, HOURS_AGO))
    removed = remove_leftovers([out])
    assert sorted(removed) == sorted(old)
    assert not any(p.exists() for p in old)
    assert all(p.exists() for p in [*fresh, busy, report])


def test_the_owner_in_the_name_decides_at_once(tmp_path, temp):
    out = tmp_path / "reports"
    other_host = "000000" if workdirs._machine()[0] != "000000" else "111111"
    other_boot = "000000" if workdirs._machine()[1] != "000000" else "111111"
    me = owner_tag()
    gone = [
        make(out / f".{REPORT}.{tag(dead_pid())}.abcdefgh", "dir", age=None),  # killed
        make(out / f".{REPORT}.old.{tag(dead_pid())}.abcdefgh", "dir:report", age=None),
        make(out / f".{REPORT}.{tag(os.getpid(), start=1)}.pidreuse", "dir", age=None),
        make(out / f".{REPORT}.{tag(os.getpid(), boot=other_boot)}.lastboot", "dir", age=None),
        make(temp / f"forensics-{tag(dead_pid())}-abcdefgh", "dir:anything.bin", age=None),
        make(temp / f"forensics-cmp-{tag(dead_pid())}-abcdefgh", "dir", age=None),
    ]
    kept = [
        make(out / f".{REPORT}.{me}.abcdefgh", "dir"),  # this process runs: however old
        make(temp / f"forensics-{me}-abcdefgh", "dir:samples.gray"),
        make(out / f".{REPORT}.{tag(dead_pid(), host=other_host)}.abcdefgh", "dir", age=None),
    ]
    old_elsewhere = make(out / f".{REPORT}.{tag(dead_pid(), host=other_host)}.zz_zz_zz", "dir")
    assert sorted(remove_leftovers([out])) == sorted([*gone, old_elsewhere])
    assert all(p.exists() for p in kept) and not any(p.exists() for p in gone)


def test_what_the_tool_did_not_make_is_never_touched(tmp_path, temp):
    out = tmp_path / "reports"
    outside = make(tmp_path / "elsewhere", "dir")
    foreign = [
        make(out / ".index.html.backup"),
        make(out / ".index.html.part"),
        make(out / ".index.html.ABCDEFGH.part"),  # tempfile never makes capitals
        make(out / ".mydata", "dir"),
        make(out / f".{REPORT}", "dir"),
        make(out / f".{REPORT}.abc", "dir"),
        make(out / f".{REPORT}.abcdefgh"),  # a file, where the tool makes a folder
        make(out / f".notes-0123456789ab.{tag(dead_pid())}.abcdefgh.bak", "dir"),
        make(out / "notes.part"),
        make(out / REPORT / ".report.json.partial"),
        make(out / "notes" / ".report.json.part"),  # not in a report folder
        make(temp / "forensics-notes", "dir:samples.gray"),
        make(temp / "forensics-abcdefgh", "dir:thesis.odt"),  # someone else's, by its contents
        make(temp / "forensics-cmp-abcdefgh"),  # a file
        make(temp / "forensics-ABCDEFGH", "dir:samples.gray"),
        make(temp / "other-abcdefgh", "dir:samples.gray"),
    ]
    link = out / f".{REPORT}.{tag(dead_pid())}.linkedxx"
    link.symlink_to(outside, target_is_directory=True)
    foreign.append(link)
    assert remove_leftovers([out]) == []
    assert all(p.exists() for p in [*foreign, outside / "report.json"])


@pytest.mark.skipif(os.geteuid() != 0, reason="changing a file's owner needs root")
def test_another_users_leftovers_stay(tmp_path, temp):
    out = tmp_path / "reports"
    theirs = [
        make(out / f".{REPORT}.{tag(dead_pid())}.abcdefgh", "dir"),
        make(out / ".index.html.abcdefgh.part"),
        make(temp / "forensics-abcdefgh", "dir:samples.gray"),
    ]
    for path in theirs:
        os.chown(path, 65534, 65534)
    assert remove_leftovers([out]) == []
    assert all(p.exists() for p in theirs)


def test_forensics_report_removes_leftovers_too(tmp_path, temp):
    out = tmp_path / "reports"
    CaseIndex(out)
    stale = make(out / f".{REPORT}.{tag(dead_pid())}.abcdefgh", "dir", age=None)
    rebuild_case(out, out)
    assert not stale.exists() and (out / "index.html").is_file()


def staged(out: Path) -> list[Path]:
    return [p for p in out.glob(".*") if p.is_dir()] if out.is_dir() else []


@pytest.mark.slow  # a 60 s clip, decoded twice, once in a process of its own
def test_a_run_killed_while_decoding_leaves_nothing_after_the_next_run(tmp_path, temp):
    clip = lavfi_clip(tmp_path / "long.mp4", seconds=60, size="640x360", audio=False)
    out = tmp_path / "reports"
    command = [sys.executable, "-m", "forensics", "analyze", str(clip), "--out", str(out)]
    run = subprocess.Popen(command, env={**os.environ, "TMPDIR": str(temp)},
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           start_new_session=True)  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and run.poll() is None:
            spools = [p for p in temp.glob("forensics-*/samples.gray") if p.stat().st_size]
            if staged(out) and spools:
                break
            time.sleep(0.005)
    finally:
        os.killpg(run.pid, signal.SIGKILL)  # the run and its ffmpeg, as kill -9 would
        run.wait()
    assert run.returncode == -signal.SIGKILL, "the run ended before it could be killed decoding"
    [stage], [spool] = staged(out), [p.parent for p in temp.glob("forensics-*/samples.gray")]
    assert STAGE.fullmatch(stage.name)["pid"] == str(run.pid)

    result = analyze(clip, out, index_dir=out)
    assert not stage.exists() and not spool.exists()
    assert staged(out) == [] and list(temp.iterdir()) == []
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
    record = read_record(result.report_dir / "report.json")
    assert record.file.sha256 == result.record.file.sha256 and len(record.frames) >= 100
    assert (result.report_dir / "report.html").is_file()
    assert len(list((result.report_dir / "frames").iterdir())) == len(record.frame_images)
    assert [c.name for c in CaseIndex(out).clips()] == ["long.mp4"]
