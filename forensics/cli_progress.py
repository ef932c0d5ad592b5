"""How far a batch has got, for the user: on a terminal, two bars redrawn in place (the batch:
clips done of all, the rate and the time left; the clip being joined: its step); elsewhere (a
log file, CI, a pipe) one plain line per clip analysed (one that failed has its error line).
The lines are made by pure functions (:func:`render`, :func:`plain_line`) of a :class:`View`,
which :class:`Tracker` takes from the batch's hooks."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console, ConsoleOptions, RenderResult
from rich.live import Live
from rich.text import Text

from forensics.errors import printable

BAR_MIN, BAR_MAX = 10, 40


@dataclass(frozen=True)
class View:
    """The batch as it stands: what the two bars and the plain lines show."""

    total: int  # clips to analyse (those a resumed batch found done are not counted)
    done: int  # analysed, or failed
    failed: int
    elapsed_s: float
    clip: str | None = None  # the clip being joined, its step, and how long it has taken
    step: str | None = None
    step_no: int = 0
    steps: int | None = None  # steps a clip took so far in this batch (None: none finished)
    clip_s: float = 0.0

    @property
    def rate_per_min(self) -> float | None:
        return 60 * self.done / self.elapsed_s if self.done and self.elapsed_s > 0 else None

    @property
    def left_s(self) -> float | None:
        rate = self.rate_per_min
        return 60 * max(0, self.total - self.done) / rate if rate else None


def clock(seconds: float | None) -> str:
    """``H:MM:SS``, or ``-:--:--`` when not known yet."""
    if seconds is None:
        return "-:--:--"
    whole = round(seconds)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"


def bar(fraction: float | None, width: int) -> str:
    """A text bar; ``None`` (not known yet) draws an empty one."""
    if fraction is None:
        return "[" + "-" * width + "]"
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return "[" + "#" * filled + "-" * (width - filled) + "]"


def render(view: View, width: int = 100) -> tuple[str, str]:
    """The two lines a terminal shows: the batch's bar, and the current clip's."""
    rate = view.rate_per_min
    tail = (f" {view.done}/{view.total}" + (f" ({view.failed} failed)" if view.failed else "")
            + f"  {f'{rate:.1f}' if rate else '-'}/min  elapsed {clock(view.elapsed_s)}"
            f"  left {clock(view.left_s)}")  # fmt: skip
    first = _fit("clips ", view.done / view.total if view.total else 1.0, tail, width)
    if view.clip is None:
        return first, ""
    name = printable(view.clip)
    of = f"/{view.steps}" if view.steps else ""
    tail = f" step {view.step_no}{of}: {printable(view.step or '')}  {clock(view.clip_s)}"
    fraction = min(1.0, view.step_no / view.steps) if view.steps else None
    return first, _fit(f"{name} ", fraction, tail, width)


def _fit(head: str, fraction: float | None, tail: str, width: int) -> str:
    """``head``, a bar as wide as the line allows (within BAR_MIN..BAR_MAX), ``tail``; a head
    too long for the line is cut with an ellipsis."""
    room = width - len(tail) - 2
    if len(head) + BAR_MIN > room:
        head = head[: max(1, room - BAR_MIN - 2)] + "… "
    return head + bar(fraction, max(BAR_MIN, min(BAR_MAX, room - len(head)))) + tail


def plain_line(view: View, clip: str, failed: bool, clip_s: float) -> str:
    """The line a finished clip adds where no bar can be redrawn (not a terminal)."""
    rate = view.rate_per_min
    return (f"[{view.done}/{view.total}] {printable(clip)}: {'failed' if failed else 'done'} in "
            f"{clip_s:.1f} s; {f'{rate:.1f}' if rate else '-'} clips/min, "
            f"{clock(view.left_s)} left")  # fmt: skip


@dataclass
class Tracker:
    """Follows a batch through its hooks (``step``, ``finished``, ``skipped``) and shows it:
    two bars on a terminal (:meth:`live`), one line per clip analysed otherwise (a clip that
    failed has its error line)."""

    console: Console
    total: int
    quiet: bool = False  # no plain lines (--json: stderr holds the errors alone)
    now: Callable[[], float] = time.monotonic
    done: int = 0
    failed: int = 0
    clip: str | None = None
    step_no: int = 0
    step_name: str | None = None
    steps: int | None = None
    started: float = field(default=0.0)
    clip_started: float = 0.0

    def __post_init__(self) -> None:
        self.started = self.clip_started = self.now()

    def view(self) -> View:
        now = self.now()
        return View(self.total, self.done, self.failed, now - self.started, self.clip,
                    self.step_name, self.step_no, self.steps, now - self.clip_started)  # fmt: skip

    def step(self, clip: Path, message: str) -> None:
        if clip.name != self.clip:
            self.clip, self.step_no, self.clip_started = clip.name, 0, self.now()
        self.step_no += 1
        self.step_name = message

    def skipped(self) -> None:
        """A clip a resumed batch found done: not one of those to analyse."""
        self.total = max(0, self.total - 1)

    def finished(self, clip: Path, failed: bool) -> None:
        clip_s = self.now() - self.clip_started if clip.name == self.clip else 0.0
        self.done += 1
        self.failed += failed
        if clip.name == self.clip:
            self.steps = max(self.steps or 0, self.step_no)
            self.clip = None
        # A failed clip's error line is its line; --json keeps stderr for errors alone.
        if not (self.console.is_terminal or failed or self.quiet) and self.total > 1:
            self.console.print(plain_line(self.view(), clip.name, failed, clip_s), markup=False,
                               highlight=False)  # fmt: skip

    def live(self) -> Live:
        """The two bars, redrawn four times a second while the batch runs (nothing when
        stderr is not a terminal); lines printed meanwhile go above them."""
        return Live(_Bars(self), console=self.console, transient=True, refresh_per_second=4,
                    redirect_stdout=False, redirect_stderr=False)  # fmt: skip


class _Bars:
    def __init__(self, tracker: Tracker) -> None:
        self.tracker = tracker

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        first, second = render(self.tracker.view(), options.max_width)
        yield Text(first, no_wrap=True, overflow="ellipsis")
        if second:
            yield Text(second, no_wrap=True, overflow="ellipsis")
