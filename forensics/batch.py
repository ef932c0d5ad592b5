"""Many clips in one run: each clip is *described* (steps 1-4 of its analysis,
:mod:`forensics.describe`, which need no case state) in N local processes or on a Dask cluster,
and *joined* to the case (steps 5-9, :func:`forensics.pipeline.join`) by one writer, this
process, in the order the clips were given. So a batch writes the reports and the case index a
sequential run of the same clips writes.

Workers read the evidence, the case file and the claim files at the paths this process gives
them (made absolute): on a Dask cluster every worker must see them at the same paths (a shared
file system), and a worker that cannot read a clip fails that clip with a line saying so;
unless ``ship_files``, when this process sends each clip's bytes (:mod:`forensics.cluster`). Workers
write nothing the case keeps: the pictures of each report folder come back as bytes with the
record, and this process writes every report. A clip that fails, in a worker or when joined, is
one failure of the batch; the others go on. With ``resume``, a clip already in the case index
with its report is skipped, so a batch run again after an interruption goes on where it stopped.

The case pages (overview and case manifest, step 9) read every clip's report, so rewriting them
after each clip would make the 1,000th clip cost far more than the 10th: a batch rewrites them
when it ends (interrupted or not) and, on a long batch, every ``PAGES_EVERY_S`` seconds.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import signal
import socket
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from forensics.case.index import INDEX_FILE, CaseIndex
from forensics.cluster import DISTRIBUTED_HINT, cluster_name, describe_shipped, ship
from forensics.describe import Described, describe_apart
from forensics.errors import BadInputError, ForensicsError
from forensics.media.workdirs import remove_leftovers
from forensics.outcomes import Batch, ClipOutcome
from forensics.pipeline import analyze, join, refresh_case_pages
from forensics.records import AnalysisRecord
from forensics.triage import describe_triage, earlier_triage

log = logging.getLogger(__name__)
StepHook = Callable[[Path, str], None]
STOP_GRACE_S = 5.0  # a stopped worker's time to exit before it is killed
PAGES_EVERY_S = 300.0  # a long batch's case pages are brought up to date this often


@dataclass(frozen=True)
class _Options:
    """What every clip of the batch is analysed with (sent to each worker)."""

    out_dir: Path
    case_file: Path | None
    claim_files: tuple[Path, ...]
    index_dir: Path | None
    read_text: bool
    remote: str | None = None  # the cluster's name, when workers run on other machines
    triage: bool = False  # key frames only (forensics.triage)


@dataclass
class _Pages:
    """The case pages of one batch: stale while clips join, rewritten every ``PAGES_EVERY_S``
    and once at the end, when any clip joined the case or was found in it."""

    options: _Options
    due: bool = False
    last: float = field(default_factory=time.monotonic)

    def clip_done(self, outcome: ClipOutcome) -> None:
        if outcome.result is None and outcome.skipped is None:
            return
        self.due = True
        if time.monotonic() - self.last >= PAGES_EVERY_S:
            try:
                self.refresh()
            except ForensicsError as exc:  # tried again at the end, which reports it
                log.warning("%s", exc)

    def refresh(self) -> None:
        if self.options.index_dir is not None:
            refresh_case_pages(self.options.index_dir, self.options.out_dir)
        self.last = time.monotonic()

    def final(self) -> ForensicsError | None:
        """The end of the batch: the pages as the case stands, or why they could not be."""
        if not self.due:
            return None
        try:
            self.refresh()
        except ForensicsError as exc:
            return exc
        return None


@dataclass
class _Hooks:
    step: StepHook = field(default=lambda _clip, _message: None)
    done: Callable[[ClipOutcome], None] = field(default=lambda _outcome: None)
    pages: _Pages | None = None


def analyze_batch(
    clips: Sequence[Path | str], out_dir: Path | str = "reports", *,
    case_file: Path | str | None = None, claim_files: Sequence[Path | str] = (),
    index_dir: Path | str | None = None, read_text: bool = True, jobs: int = 1,
    client: Any = None, resume: bool = False, on_step: StepHook | None = None,
    on_done: Callable[[ClipOutcome], None] | None = None, triage: bool = False,
    ship_files: bool = False,
) -> Batch:  # fmt: skip
    """Analyse ``clips`` as :func:`forensics.analyze` would one after another (same reports,
    same case index), describing them in ``jobs`` local processes or, with ``client`` (a
    ``dask.distributed.Client``), on its cluster. ``on_step(clip, message)`` follows the clip
    being joined, ``on_done(outcome)`` each clip as it is finished. With ``triage``, key
    frames only (:mod:`forensics.triage`). With ``ship_files`` (a cluster that does not share
    this machine's file system) each clip's bytes are sent to the workers
    (:func:`forensics.cluster.ship`)."""
    if jobs < 1:
        raise BadInputError(f"--jobs {jobs}: give 1 or more processes")
    if ship_files and client is None:
        raise BadInputError("--ship-files: only with --dask (local processes share the disk)")
    if client is not None and jobs > 1:
        raise BadInputError(f"--jobs {jobs} and --dask: give one (the cluster has its workers)")
    options = _Options(Path(out_dir), _absolute(case_file),
                       tuple(Path(c).absolute() for c in claim_files), _absolute(index_dir),
                       read_text, cluster_name(client), triage)  # fmt: skip
    pages = _Pages(options) if options.index_dir is not None else None
    hooks = _Hooks(on_step or _Hooks.step, on_done or _Hooks.done, pages)
    started = time.monotonic()
    paths = [Path(c) for c in clips]
    outcomes: list[ClipOutcome] = []
    todo = _skip_done(paths, options, outcomes, hooks) if resume else paths
    if client is not None or jobs > 1:
        remove_leftovers([options.out_dir])  # once: joining a described clip does not
    try:
        if client is not None:  # two clips a worker thread ahead of the writer
            window = 2 * max(1, sum(client.nthreads().values()))
            scatter = (lambda data: client.scatter(data, hash=False)) if ship_files else None
            _described_by(client.get_executor(pure=False), todo, options, hooks, outcomes,
                          window, scatter=scatter)  # fmt: skip
        elif jobs > 1:
            _run_pool(jobs, todo, options, hooks, outcomes)
        else:
            _run_here(todo, options, hooks, outcomes)
    except KeyboardInterrupt:
        interrupted = True
    else:
        interrupted = False
    unwritten = pages.final() if pages is not None else None
    return Batch(tuple(_in_order(paths, outcomes)), interrupted, _where(options, jobs),
                 len(paths), time.monotonic() - started, unwritten)  # fmt: skip


def _absolute(path: Path | str | None) -> Path | None:
    return Path(path).absolute() if path is not None else None


def _where(options: _Options, jobs: int) -> str:
    if options.remote:
        return f"the Dask cluster at {options.remote}"
    return f"{jobs} processes" if jobs > 1 else "this process"


def _in_order(paths: list[Path], outcomes: list[ClipOutcome]) -> list[ClipOutcome]:
    rank = {id(o): i for i, o in enumerate(outcomes)}
    position = {p: i for i, p in enumerate(paths)}
    return sorted(outcomes, key=lambda o: (position.get(o.path, len(paths)), rank[id(o)]))


def _run_here(paths: list[Path], options: _Options, hooks: _Hooks,
              outcomes: list[ClipOutcome]) -> None:  # fmt: skip
    """The sequential batch: each clip analysed whole, in turn, in this process."""
    for path in paths:
        try:
            result = analyze(path, options.out_dir, options.case_file, options.claim_files,
                             _stepper(hooks, path), options.index_dir,
                             read_text=options.read_text, triage=options.triage,
                             pages=False)  # fmt: skip
        except Exception as exc:
            _finish(ClipOutcome(path, error=exc), hooks, outcomes)
        else:
            _finish(ClipOutcome(path, result=result), hooks, outcomes)


def _stepper(hooks: _Hooks, path: Path) -> Callable[[str], None]:
    return lambda message: hooks.step(path, message)


def _finish(outcome: ClipOutcome, hooks: _Hooks, outcomes: list[ClipOutcome]) -> None:
    outcomes.append(outcome)
    if hooks.pages is not None:
        hooks.pages.clip_done(outcome)
    hooks.done(outcome)


def _run_pool(jobs: int, paths: list[Path], options: _Options, hooks: _Hooks,
              outcomes: list[ClipOutcome]) -> None:  # fmt: skip
    """Describe in ``jobs`` fresh interpreters (spawned: no state of this process is copied
    into them, whatever threads it runs)."""
    context = multiprocessing.get_context("spawn")

    def pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_started)

    pools = [pool()]

    def restart() -> Executor:
        pools[-1].shutdown(wait=False, cancel_futures=True)
        pools.append(pool())
        return pools[-1]

    try:
        _described_by(pools[0], paths, options, hooks, outcomes, 2 * jobs, restart)
    except BaseException:  # Ctrl-C: stop the workers now, their clips will not be joined
        workers = list((getattr(pools[-1], "_processes", None) or {}).values())
        pools[-1].shutdown(wait=False, cancel_futures=True)
        # and any the pool was starting as the interruption came
        workers += [p for p in (getattr(pools[-1], "_processes", None) or {}).values()
                    if p not in workers]  # fmt: skip
        _stop(workers)
        raise
    pools[-1].shutdown(wait=True)


def _stop(workers: Sequence[multiprocessing.process.BaseProcess]) -> None:
    """Terminate the workers, and kill any still running a few seconds later (a worker deep
    in a long native call on a loaded machine); their decode spools are removed by a later
    run (workdirs)."""
    for process in workers:
        process.terminate()
    deadline = time.monotonic() + STOP_GRACE_S
    for process in workers:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.exitcode is None:
            process.kill()
            process.join(STOP_GRACE_S)


def _worker_started() -> None:
    """Ctrl-C reaches the whole process group: the writer stops the workers itself, so they
    do not each print a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


Pending = deque[tuple[Path, "Future[Described]"]]
Scatter = Callable[[bytes], Any]  # a clip's bytes to the cluster, as a future to pass a task


def _described_by(
    executor: Executor, paths: list[Path], options: _Options, hooks: _Hooks,
    outcomes: list[ClipOutcome], window: int = 8,
    restart: Callable[[], Executor] | None = None, scatter: Scatter | None = None,
) -> None:  # fmt: skip
    """Keep up to ``window`` clips being described ahead of the writer, and join each clip's
    description in the given order (with ``scatter``, each clip is sent with its bytes)."""
    pending: Pending = deque()
    queue = iter(paths)
    try:
        while True:
            while len(pending) < window and (path := next(queue, None)) is not None:
                pending.append((path, _submit(executor, path, options, scatter)))
            if not pending:
                return
            path, future = pending.popleft()
            described: Described | None
            hooks.step(path, "being described" if options.remote is None
                       else f"being described on {options.remote}")  # fmt: skip
            try:
                described = future.result()
            except BrokenProcessPool:
                if restart is None:
                    raise
                executor, described = _after_break(restart, path, options, pending)
            except Exception as exc:
                _finish(ClipOutcome(path, error=exc), hooks, outcomes)
                continue
            if described is None:
                died = ForensicsError(f"{path}: the process describing it died (a crash or the "
                                      "out-of-memory killer); the batch went on")  # fmt: skip
                _finish(ClipOutcome(path, error=died), hooks, outcomes)
            else:
                _finish(_joined(path, described, options, hooks), hooks, outcomes)
    finally:
        for _, future in pending:
            future.cancel()


def _submit(executor: Executor, path: Path, options: _Options,
            scatter: Scatter | None = None) -> Future[Described]:  # fmt: skip
    """The clip to a worker, with the triage of it the case holds (read here: workers need no
    case state), whose hashes and probe a full analysis takes if the file is unchanged. With
    ``scatter``, the clip's bytes go to the cluster first, and the worker describes them."""
    if scatter is not None:
        try:
            shipment, data = ship(path, options.case_file, options.claim_files)
        except ForensicsError as exc:  # this clip fails, the others go on
            failed: Future[Described] = Future()
            failed.set_exception(exc)
            return failed
        return executor.submit(describe_shipped, shipment, scatter(data), options.read_text,
                               options.triage)  # fmt: skip
    earlier = None if options.triage else earlier_triage(options.index_dir, path)
    return executor.submit(describe_clip, str(path.absolute()), options, earlier)


def _after_break(restart: Callable[[], Executor], path: Path, options: _Options,
                 pending: Pending) -> tuple[Executor, Described | None]:  # fmt: skip
    """A local worker died (a crash, the out-of-memory killer), which breaks the whole pool:
    start a new one and describe the clip at the head again on its own, so the clip that kills
    a worker is the one that fails (None), then give the new pool the clips that were pending."""
    executor = restart()
    try:
        described: Described | None = _submit(executor, path, options).result()
    except BrokenProcessPool:
        described = None
        executor = restart()
    for i, (other, _) in enumerate(pending):
        pending[i] = (other, _submit(executor, other, options))
    return executor, described


def _joined(path: Path, described: Described, options: _Options, hooks: _Hooks) -> ClipOutcome:
    try:
        result = join(described, options.out_dir, options.index_dir, _stepper(hooks, path),
                      pages=False)  # fmt: skip
    except Exception as exc:
        return ClipOutcome(path, error=exc)
    return ClipOutcome(path, result=result)


def describe_clip(path: str, options: _Options, earlier: AnalysisRecord | None = None
                  ) -> Described:  # fmt: skip
    """A worker's task: steps 1-4 of the clip at ``path``. On a cluster, a clip, case file or
    claim this worker cannot read fails with the reason (no shared file system)."""
    try:
        return describe_apart(Path(path), options.case_file, options.claim_files,
                              options.read_text, describe_triage if options.triage else None,
                              earlier)  # fmt: skip
    except BadInputError as exc:
        if options.remote is None:
            raise
        unread = [p for p in (path, options.case_file, *options.claim_files)
                  if p is not None and not os.access(p, os.R_OK)]  # fmt: skip
        if not unread:
            raise
        where = f"the Dask worker on {socket.gethostname()}"
        reason = str(exc).removeprefix(f"{unread[0]}: ")
        raise BadInputError(f"{unread[0]}: cannot be read by {where} ({reason}); "
                            f"{DISTRIBUTED_HINT}") from None  # fmt: skip


def _skip_done(paths: list[Path], options: _Options, outcomes: list[ClipOutcome],
               hooks: _Hooks) -> list[Path]:  # fmt: skip
    """The clips still to analyse: those whose file (by SHA-256) is in the case index, its
    report in place, are done already; for a full batch, not those only triaged."""
    if options.index_dir is None or not (options.index_dir / INDEX_FILE).is_file():
        return paths
    index = CaseIndex(options.index_dir)
    done = {c.sha256: (c.id, Path(c.report_dir)) for c in index.clips(pending=False)
            if c.report_dir and (Path(c.report_dir) / "report.json").is_file()}  # fmt: skip
    todo = []
    for path in paths:
        clip_id, folder = done.get(_sha256(path) or "", (0, None))
        if folder is not None and not options.triage and _only_triaged(index, clip_id):
            folder = None  # a full analysis replaces the triage
        if folder is None:
            todo.append(path)
        else:
            _finish(ClipOutcome(path, skipped=folder), hooks, outcomes)
    return todo


def _only_triaged(index: CaseIndex, clip_id: int) -> bool:
    """Whether the clip's stored analysis is a triage (or one this version cannot read)."""
    try:
        return index.record(clip_id).triaged
    except ForensicsError:
        return True


def _sha256(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return None  # analysing it says why
    return digest.hexdigest()
