"""Running the CLI's work and telling the user how it went: one line per error (mapped to an
exit code through the error hierarchy), and a batch of clips analysed under progress bars
(:mod:`forensics.cli_progress`).
Split from :mod:`forensics.cli` so the commands stay a thin layer."""

from __future__ import annotations

import json
import os
import sys
import traceback
from collections.abc import Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console

from forensics.cli_progress import Tracker
from forensics.errors import BadInputError, ForensicsError, printable

if TYPE_CHECKING:  # the batch machinery is imported when a batch runs, not by --help
    from forensics.outcomes import ClipOutcome
    from forensics.pipeline import AnalysisResult

DEBUG_ENV = "FORENSICS_DEBUG"
EXIT_INTERNAL = 1
EXIT_INTERRUPTED = 130


def err_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def report_error(
    exc: BaseException, subject: str | None = None, console: Console | None = None
) -> int:
    """Print one line for ``exc`` and return its exit code (through ``console`` when a
    progress bar owns the terminal, so the line lands above the bar). Messages name files,
    so control characters in them are escaped (:func:`printable`): a name cannot add a line."""
    console = console or err_console()
    if os.environ.get(DEBUG_ENV) == "1":
        traceback.print_exception(exc, file=sys.stderr)
    if isinstance(exc, ForensicsError):
        said = "; ".join([str(exc), *getattr(exc, "__notes__", ())])  # notes: what else failed
        console.print(f"error: {printable(said)}", markup=False)
        return exc.exit_code
    if isinstance(exc, KeyboardInterrupt):
        console.print("interrupted: nothing was written for the clip in progress", markup=False)
        return EXIT_INTERRUPTED
    where = f"{subject}: " if subject else ""
    console.print(
        printable(f"internal error: {where}{type(exc).__name__}: {exc} (set {DEBUG_ENV}=1 "
                  "for details)"),
        markup=False,
    )  # fmt: skip
    return EXIT_INTERNAL


def run_batch(clips: Sequence[Path], as_json: bool, dask: str | None = None,
              **options: Any) -> int:  # fmt: skip
    """Analyse ``clips`` as one batch (:func:`forensics.batch.analyze_batch`, ``options`` its
    keywords; with ``dask``, on the cluster whose scheduler is at that address); a failure is
    reported and the others still run. Returns the worst exit code.

    Summaries and errors go to stderr as they happen; the stdout lines (report paths or JSON
    records) are written once the progress bar is gone, so they never mix with it.
    """
    from forensics.batch import analyze_batch
    from forensics.cli_text import describe_batch
    from forensics.cluster import dask_client

    console = err_console()
    if dask and options.get("jobs", 1) > 1:  # before connecting to the cluster
        return report_error(BadInputError(f"--jobs {options['jobs']} and --dask: give one (the "
                                          "cluster has its workers)"), console=console)  # fmt: skip
    worst = 0
    lines: list[str] = []
    tracker = Tracker(console, len(clips), quiet=as_json)
    with tracker.live() if console.is_terminal else nullcontext():

        def done(outcome: ClipOutcome) -> None:
            nonlocal worst
            if outcome.error is not None:
                worst = max(worst, report_error(outcome.error, str(outcome.path), console))
            elif outcome.result is not None:
                lines.append(_result_line(outcome.result, as_json, console))
            if outcome.skipped is not None:  # not analysed now: the rate counts only the others
                tracker.skipped()
                return
            tracker.finished(outcome.path, failed=outcome.error is not None)

        try:
            with dask_client(dask) if dask else nullcontext(None) as client:
                batch = analyze_batch(clips, client=client, on_step=tracker.step, on_done=done,
                                      **options)  # fmt: skip
        except (Exception, KeyboardInterrupt) as exc:
            return report_error(exc, console=console)
    if batch.interrupted:
        worst = max(worst, report_error(KeyboardInterrupt(), console=console))
    if batch.pages_error is not None:
        worst = max(worst, report_error(batch.pages_error, console=console))
    if len(clips) > 1 and not as_json:
        console.print(describe_batch(batch.summary()), markup=False)
    for line in lines:
        sys.stdout.write(line + "\n")
    sys.stdout.flush()
    return worst


def _result_line(result: AnalysisResult, as_json: bool, console: Console) -> str:
    """The stdout line for one clip; a human summary goes to stderr unless --json."""
    if as_json:
        return json.dumps(result.data, ensure_ascii=False)
    record = result.record
    high = sum(f.severity == "high" for f in record.flags)
    console.print(
        f"{printable(record.file.name)}: {len(record.flags)} findings ({high} high), "
        f"{record.frames_hashed} frames hashed, {len(record.keyframes)} keyframes",
        markup=False,
    )
    return str(result.html)
