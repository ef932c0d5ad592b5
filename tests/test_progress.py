"""Progress of a batch (forensics.cli_progress): the two bars a terminal shows, rendered by a
pure function, and the plain lines written where no bar can be redrawn."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console

from forensics.cli_progress import Tracker, View, clock, plain_line, render
from tests.media import lavfi_clip
from tests.test_batch import cli


def test_the_batch_bar_shows_done_rate_and_time_left() -> None:
    view = View(total=40, done=12, failed=1, elapsed_s=240.0, clip="raid.mp4",
                step="decoding frames", step_no=3, steps=12, clip_s=12.4)  # fmt: skip
    first, second = render(view, width=120)
    assert first.startswith("clips [") and first.endswith(
        "] 12/40 (1 failed)  3.0/min  elapsed 0:04:00  left 0:09:20"
    )  # 28 clips at 3 a minute
    filled = first[first.index("[") + 1 : first.index("]")]
    assert len(filled) == 40 and filled.count("#") == 12  # 12/40 of a 40-wide bar
    assert second.startswith("raid.mp4 [") and second.endswith(
        "] step 3/12: decoding frames  0:00:12"
    )
    inner = second[second.index("[") + 1 : second.index("]")]
    assert inner.count("#") == round(len(inner) * 3 / 12)
    assert len(first) <= 120 and len(second) <= 120


def test_before_any_clip_is_done_nothing_is_guessed() -> None:
    first, second = render(View(total=5, done=0, failed=0, elapsed_s=3.0, clip="a.mp4",
                                step="hashing file", step_no=1), width=80)  # fmt: skip
    assert first.endswith("0/5  -/min  elapsed 0:00:03  left -:--:--")
    assert "#" not in first and "#" not in second and "step 1: hashing file" in second
    assert render(View(total=5, done=0, failed=0, elapsed_s=0.0), width=80)[1] == ""


def test_a_long_or_hostile_name_stays_on_its_line() -> None:
    name = "x" * 200 + "\n[bold]fake.mp4"
    for width in (60, 100):
        _, second = render(View(3, 1, 0, 10.0, name, "writing report", 5, 9, 1.0), width)
        assert len(second) <= width and "\n" not in second and second.count("…") == 1
        assert second.endswith("step 5/9: writing report  0:00:01")


def test_clock() -> None:
    assert [clock(s) for s in (None, 0, 59.6, 3725)] == ["-:--:--", "0:00:00", "0:01:00",
                                                        "1:02:05"]  # fmt: skip


def test_the_tracker_follows_the_hooks_and_learns_how_many_steps_a_clip_takes() -> None:
    now = [100.0]
    tracker = Tracker(Console(file=io.StringIO(), force_terminal=True), 3, now=lambda: now[0])
    for message in ("hashing file", "decoding frames", "writing report"):
        tracker.step(Path("/x/a.mp4"), message)
        now[0] += 10
    assert tracker.view() == View(3, 0, 0, 30.0, "a.mp4", "writing report", 3, None, 30.0)
    tracker.finished(Path("/x/a.mp4"), failed=False)
    tracker.step(Path("/x/b.mp4"), "hashing file")
    view = tracker.view()
    assert (view.done, view.steps, view.step_no, view.clip) == (1, 3, 1, "b.mp4")
    assert view.rate_per_min == 2.0 and view.left_s == 60.0
    tracker.skipped()
    assert tracker.view().total == 2


def test_a_terminal_shows_both_bars() -> None:
    shown = io.StringIO()
    console = Console(file=shown, force_terminal=True, width=100)
    tracker = Tracker(console, 2)
    with tracker.live() as live:
        tracker.step(Path("raid.mp4"), "decoding frames")
        live.refresh()
    out = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown.getvalue())
    assert "clips [" in out and "0/2" in out and "left -:--:--" in out
    assert "raid.mp4 [" in out and "step 1: decoding frames" in out


def test_not_a_terminal_one_plain_line_per_finished_clip(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:  # fmt: skip
    clips = [lavfi_clip(tmp_path / f"{n}.mp4", seconds=1, size="160x120", audio=False)
             for n in ("a", "b")]  # fmt: skip
    missing = tmp_path / "missing.mp4"
    code = cli(["analyze", str(clips[0]), str(missing), str(clips[1]), "--no-onscreen-text",
                "--out", str(tmp_path / "out")])  # fmt: skip
    assert code == 2
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("[")]
    pattern = (
        r"\[(\d)/3\] (\S+): (done|failed) in \d+\.\d s; (\d+\.\d|-) clips/min, \d:\d\d:\d\d left"
    )
    found = [re.fullmatch(pattern, line) for line in lines]
    # the clip that failed has its error line instead, and is counted
    assert all(found) and [(m[1], m[2], m[3]) for m in found if m] == [
        ("1", "a.mp4", "done"),
        ("3", "b.mp4", "done"),
    ]


def test_one_clip_or_json_writes_no_progress_line(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]
                                                  ) -> None:  # fmt: skip
    clip = lavfi_clip(tmp_path / "a.mp4", seconds=1, size="160x120", audio=False)
    other = lavfi_clip(tmp_path / "b.mp4", seconds=1, size="160x120", audio=False, vf="hflip")
    assert cli(["analyze", str(clip), "--no-onscreen-text", "--out", str(tmp_path / "o")]) == 0
    assert not [line for line in capsys.readouterr().err.splitlines() if line.startswith("[")]
    assert cli(["analyze", str(clip), str(other), "--json", "--no-onscreen-text", "--out",
                str(tmp_path / "j")]) == 0  # fmt: skip
    assert capsys.readouterr().err == ""


def test_plain_line_escapes_the_name() -> None:
    line = plain_line(View(2, 1, 0, 30.0), "evil\nname.mp4", failed=False, clip_s=1.25)
    assert "\n" not in line and line.startswith("[1/2] evil")
    assert line.endswith(": done in 1.2 s; 2.0 clips/min, 0:00:30 left")
