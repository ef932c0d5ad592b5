"""Killing ``forensics analyze`` at chosen moments, and what the case must look like afterwards.

A moment is either a pause (:mod:`tests.adversary.pause`: the run stops in a named function and
the test kills it there, deterministically) or a poll (an unchanged run, killed as soon as a
condition on its files is seen: real timing, as a crash would hit it).
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.adversary import oracle

ROOT = Path(__file__).resolve().parents[2]
STAGE_PREFIX = "."
EXTRA_ENV: dict[str, str] = {}


@dataclass(frozen=True)
class Moment:
    """Where to kill a run: in ``target`` (``before`` or ``after`` it runs), or once ``poll``
    says so."""

    name: str
    target: str | None = None
    when: str = "before"
    unless_hidden: bool = False
    poll: Callable[[Path, Path], bool] | None = None  # (out, temp) -> kill now?


def environment(temp: Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(temp)}
    env.pop("FORENSICS_DEBUG", None)
    env.update(EXTRA_ENV)
    return env


def command(args: Sequence[str | Path], moment: Moment | None = None,
            marker: Path | None = None) -> list[str]:  # fmt: skip
    if moment is None or moment.target is None:
        return [sys.executable, "-m", "forensics", *map(str, args)]
    flags = ["--unless-hidden"] if moment.unless_hidden else []
    return [sys.executable, "-m", "tests.adversary.pause", str(marker), moment.target,
            moment.when, *flags, "--", *map(str, args)]  # fmt: skip


def run(args: Sequence[str | Path], temp: Path, timeout: float = 300
        ) -> subprocess.CompletedProcess[str]:  # fmt: skip
    """``python -m forensics ARGS`` to the end."""
    return subprocess.run(command(args), env=environment(temp), capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL, check=False)  # fmt: skip


@dataclass
class Paused:
    """A run started with a moment to stop at."""

    moment: Moment
    proc: subprocess.Popen[str]
    marker: Path

    def reached(self, out: Path, temp: Path, timeout: float = 120) -> None:
        """Wait until the run is at its moment (fails if it ends or times out first)."""
        deadline = time.monotonic() + timeout
        poll = self.moment.poll
        while self.proc.poll() is None and time.monotonic() < deadline:
            if poll(out, temp) if poll is not None else self.marker.exists():
                return
            time.sleep(0.005)
        self.stop()
        _, stderr = self.proc.communicate()
        raise AssertionError(f"{self.moment.name}: the run ended (exit {self.proc.returncode}) "
                             f"or timed out before the moment came: {stderr[-500:]}")  # fmt: skip

    def kill(self) -> None:
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        self.marker.unlink(missing_ok=True)

    def resume(self, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        """Let a paused run go on, to its end."""
        go = self.marker.with_name(self.marker.name + ".go")
        go.touch()
        stdout, stderr = self.proc.communicate(timeout=timeout)
        go.unlink()
        self.marker.unlink(missing_ok=True)
        return subprocess.CompletedProcess(self.proc.args, self.proc.returncode, stdout, stderr)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def start(moment: Moment, args: Sequence[str | Path], temp: Path) -> Paused:
    """``forensics ARGS``, to be stopped at ``moment``."""
    marker = temp / f"paused-{moment.name}"
    proc = subprocess.Popen(command(args, moment, marker), env=environment(temp),
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)  # fmt: skip
    return Paused(moment, proc, marker)


def kill_at(moment: Moment, args: Sequence[str | Path], out: Path, temp: Path) -> None:
    """Start ``forensics ARGS`` and SIGKILL it at ``moment``."""
    run = start(moment, args, temp)
    try:
        run.reached(out, temp)
        run.kill()
    finally:
        run.stop()


# --------------------------------------------------------------------------- polled moments


def staged(out: Path, temp: Path) -> bool:
    """A staged report folder (hidden, beside its destination) exists."""
    return out.is_dir() and any(p.name.startswith(STAGE_PREFIX) and p.is_dir()
                                for p in out.iterdir())  # fmt: skip


def spooling(out: Path, temp: Path) -> bool:
    """The decode's spool of frames exists in the run's temp folder, with data in it."""
    return any(p.name.startswith("forensics-") and any(p.iterdir()) for p in temp.iterdir()
               if p.is_dir())  # fmt: skip


def pending(out: Path, temp: Path) -> bool:
    """The case index holds a clip whose report is not yet in place."""
    try:
        db = sqlite3.connect(f"file:{out / 'case.sqlite'}?mode=ro", uri=True, timeout=0.1)
    except sqlite3.Error:
        return False
    try:
        return bool(db.execute("SELECT COUNT(*) FROM pending").fetchone()[0])
    except sqlite3.Error:
        return False
    finally:
        db.close()


# --------------------------------------------------------------------------- the case after


def clips(out: Path) -> dict[str, tuple[int, str | None]]:
    """name -> (clip id, stored report folder) of every clip of the case index."""
    with oracle.reading(out / "case.sqlite") as db:
        return {name: (cid, report) for cid, name, report
                in db.execute("SELECT id, name, report_dir FROM clips")}  # fmt: skip


def compared_pairs(out: Path) -> set[frozenset[str]]:
    """The pairs of clip names the index holds a comparison for."""
    with oracle.reading(out / "case.sqlite") as db:
        names = dict(db.execute("SELECT id, name FROM clips"))
        return {frozenset((names[a], names[b])) for a, b in db.execute(
            "SELECT a_id, b_id FROM reuse") if a in names and b in names}  # fmt: skip


def shared_pairs(out: Path) -> set[frozenset[str]]:
    """The pairs of clip names whose stored comparison found shared footage."""
    with oracle.reading(out / "case.sqlite") as db:
        names = dict(db.execute("SELECT id, name FROM clips"))
        rows = db.execute("SELECT a_id, b_id, result FROM reuse").fetchall()
    return {frozenset((names[a], names[b])) for a, b, result in rows
            if json.loads(result).get("shared") and a in names and b in names}  # fmt: skip


def consistency(out: Path) -> list[str]:
    """Everything wrong with the case in ``out`` once no run is going: the index (integrity,
    pending clips, clips without reports) and leftovers."""
    return oracle.case_problems(out) + oracle.leftovers(out)


@contextmanager
def small_tmpfs(mount: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` (``12m``) mounted on the new folder ``mount``, to fill; the test is
    skipped where mounting is not permitted."""
    mount.mkdir()
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs to fill needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)],
                          capture_output=True, text=True, check=False)  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        if subprocess.run(["umount", str(mount)], check=False).returncode:
            subprocess.run(["umount", "-l", str(mount)], check=False)
