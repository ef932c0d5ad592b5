"""A case is movable and archivable: the case index keeps report folders relative to the case
folder, so a copy of a case works on its own reports and never writes into the original's."""

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from forensics.case.index import INDEX_FILE, CaseIndex
from forensics.cli import main
from forensics.records import record_from_dict
from forensics.reuse.features import ClipFeatures
from tests import factories
from tests.media import run_ffmpeg, shots_clip

EMPTY = ClipFeatures(1.0, (320, 180), ())


def fake_record(sha: str, name: str):
    data = factories.record_dict(frames=[factories.frame(0.0, "8" * 16, "1" * 16, True)])
    data["file"] = {**data["file"], "sha256": sha, "name": name, "path": f"/evidence/{name}"}
    return record_from_dict(data)


def stored_folders(case: Path) -> list[str]:
    with sqlite3.connect(case / INDEX_FILE) as db:
        rows = db.execute("SELECT report_dir FROM clips ORDER BY id").fetchall()
    db.close()
    return [row[0] for row in rows]


def test_report_folders_are_stored_relative_to_the_case_folder(tmp_path):
    case = tmp_path / "case"
    index = CaseIndex(case)
    inside = index.add(fake_record("a" * 64, "inside.mp4"), EMPTY, case / "inside-x")
    beside = index.add(fake_record("b" * 64, "beside.mp4"), EMPTY, tmp_path / "reports" / "x")
    none = index.add(fake_record("c" * 64, "none.mp4"), EMPTY, None)
    assert stored_folders(case) == ["inside-x", "../reports/x", None]
    assert inside.report_dir == str((case / "inside-x").resolve())
    assert beside.report_dir == str((tmp_path / "reports" / "x").resolve())
    assert none.report_dir is None
    moved = tmp_path / "archive" / "case"
    shutil.copytree(case, moved)
    assert [c.report_dir for c in CaseIndex(moved).clips()] == [
        str((moved / "inside-x").resolve()), str((tmp_path / "archive/reports/x").resolve()), None
    ]  # fmt: skip


def test_an_older_index_with_absolute_report_folders_is_still_read(tmp_path):
    index = CaseIndex(tmp_path / "case")
    index.add(fake_record("a" * 64, "old.mp4"), EMPTY, tmp_path / "case" / "old-x")
    absolute = str((tmp_path / "somewhere" / "old-x").resolve())
    with sqlite3.connect(index.path) as db:  # as CaseIndex.add wrote it before
        db.execute("UPDATE clips SET report_dir = ?", (absolute,))
    db.close()
    assert [c.report_dir for c in index.clips()] == [absolute]


@pytest.fixture(scope="module")
def clips(tmp_path_factory):
    """A clip and two excerpts of it: all three share footage."""
    root = tmp_path_factory.mktemp("copied-case")
    source = shots_clip(root / "source.mp4", seeds=[81, 82, 83], seconds_each=3.0)
    for name, start in (("cut.mp4", "1"), ("later.mp4", "4")):
        run_ffmpeg(["-ss", start, "-t", "4", "-i", str(source), "-c:v", "libx264",
                    "-preset", "ultrafast", str(root / name)])  # fmt: skip
    return root


def run_cli(capsys, *args) -> None:
    with pytest.raises(SystemExit) as exited:
        main([str(a) for a in args])
    _, err = capsys.readouterr()
    assert not exited.value.code, err


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}  # fmt: skip


def reuse_names(report_dir: Path) -> set[str]:
    data = json.loads((report_dir / "report.json").read_text(encoding="utf-8"))
    return {entry["other"]["name"] for entry in data["reuse"]}


@pytest.mark.slow  # three clips analysed, one page rebuild
def test_a_copied_case_never_writes_into_the_original(clips, tmp_path, capsys):
    original = tmp_path / "case"
    run_cli(capsys, "analyze", clips / "source.mp4", clips / "cut.mp4", "--out", original)
    [source_dir] = [p for p in original.iterdir() if p.name.startswith("source-")]
    assert reuse_names(source_dir) == {"cut.mp4"}
    before = snapshot(original)
    copy = tmp_path / "elsewhere" / "case-copy"
    shutil.copytree(original, copy)
    assert all(not os.path.isabs(stored) for stored in stored_folders(copy))
    pages = {p: p.stat().st_ino for p in copy.glob("*/report.*")}

    run_cli(capsys, "report", "--out", copy)
    assert all(p.stat().st_ino != inode for p, inode in pages.items())  # rewritten, in the copy
    run_cli(capsys, "analyze", clips / "later.mp4", "--out", copy)

    assert snapshot(original) == before  # not one byte, not one time stamp changed
    assert reuse_names(copy / source_dir.name) == {"cut.mp4", "later.mp4"}
    assert "later.mp4" in (copy / source_dir.name / "report.html").read_text(encoding="utf-8")
    assert "later.mp4" in (copy / "index.html").read_text(encoding="utf-8")
    indexed = {c.name: Path(c.report_dir) for c in CaseIndex(copy).clips() if c.report_dir}
    assert indexed.keys() == {"source.mp4", "cut.mp4", "later.mp4"}
    assert all(folder.parent == copy.resolve() for folder in indexed.values())
