"""Files written whole, and several files of a folder replaced together (forensics.atomic)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from forensics import atomic
from forensics.atomic import JOURNAL, finish_replacing, replace_together, write_atomic
from forensics.errors import ReportWriteError


def contents(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


def old_folder(tmp_path: Path) -> Path:
    for name in ("a.json", "b.html", "m.json"):
        (tmp_path / name).write_text(f"old {name}", encoding="utf-8")
    return tmp_path


NEW = {"a.json": "new a", "b.html": "new b", "m.json": "new m"}


def test_all_files_are_replaced_and_nothing_else_stays(tmp_path):
    folder = old_folder(tmp_path)
    replace_together(folder, NEW)
    assert contents(folder) == NEW


def test_a_failure_before_the_commit_leaves_every_old_file(tmp_path, monkeypatch):
    folder = old_folder(tmp_path)
    written: list[Path] = []

    def full_disk(part: Path, text: str) -> None:
        written.append(part)
        if len(written) == 3:  # the third file does not fit
            raise OSError(28, "No space left on device")
        part.write_text(text, encoding="utf-8")

    monkeypatch.setattr(atomic, "_write_part", full_disk)
    with pytest.raises(ReportWriteError, match="No space left"):
        replace_together(folder, NEW)
    assert contents(folder) == {n: f"old {n}" for n in NEW}  # no part, no journal left


def test_a_run_stopped_after_the_commit_is_finished_by_the_next(tmp_path, monkeypatch):
    folder = old_folder(tmp_path)
    moved: list[Path] = []
    real_move = atomic._move_part

    def stopped_after_one(part: Path, target: Path) -> None:
        if moved:
            raise KeyboardInterrupt  # as a SIGKILL would, halfway through the moves
        moved.append(target)
        real_move(part, target)

    monkeypatch.setattr(atomic, "_move_part", stopped_after_one)
    with pytest.raises(KeyboardInterrupt):
        replace_together(folder, NEW)
    assert (folder / "a.json").read_text(encoding="utf-8") == "new a"
    assert (folder / "b.html").read_text(encoding="utf-8") == "old b.html"  # half old, half new
    monkeypatch.setattr(atomic, "_move_part", real_move)
    assert finish_replacing(folder) == list(NEW)
    assert contents(folder) == NEW
    assert finish_replacing(folder) == []  # nothing left to do


def test_a_journal_never_names_a_path_outside_its_folder(tmp_path):
    (tmp_path / "report").mkdir()
    folder = old_folder(tmp_path / "report")
    outside = tmp_path / "outside"
    outside.write_text("keep", encoding="utf-8")
    (tmp_path / ".outside.part").write_text("planted", encoding="utf-8")
    (folder / JOURNAL).write_text("../outside\n/etc/passwd\n.hidden\n", encoding="utf-8")
    assert finish_replacing(folder) == []
    assert outside.read_text(encoding="utf-8") == "keep"
    with pytest.raises(ValueError):
        replace_together(folder, {"../outside": "x"})


def test_written_files_are_readable_by_all(tmp_path):
    replace_together(tmp_path, {"r.json": "x"})
    target = write_atomic(tmp_path / "w.html", "y")
    assert all(os.stat(p).st_mode & 0o777 == 0o644 for p in (tmp_path / "r.json", target))
