"""An adversarial pass over ``forensics analyze``: hundreds of seeded hostile inputs, each run in
a process of its own, judged by the oracle the tests use (issue 13).

    python benchmarks/adversarial.py                       # 300 items, seed 13, 2 at a time
    python benchmarks/adversarial.py --seed 7 --count 600 --jobs 4
    python benchmarks/adversarial.py --only mp4-box tags --show 20

Items come from ``tests/adversary`` (``corpus.plan(seed, count)``, every category in turn);
with ``/work/shared/media`` (or ``--media DIR``) present, real footage is damaged too (category
``real``). Each item is analysed into a copy of a small case that already holds one earlier,
unrelated clip, as ``python -m forensics analyze --json --out CASE`` with a private TMPDIR and
a time limit; peak memory is the child's ``ru_maxrss`` (``os.wait4``). Then the oracle checks
its exit code and output, the findings against what the item expects, the pages, leftovers,
the case index and ``forensics.verify(..., redo=False)`` on every report folder and the case.

Prints one line per category and the totals; exit 0 when no item had a problem, 1 otherwise.
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.adversary import corpus, oracle  # noqa: E402
from tests.adversary.corpus import ANY, DAMAGED, REGISTRY, Made, Workshop  # noqa: E402
from tests.adversary.damage import flipped  # noqa: E402
from tests.media import run_ffmpeg, shots_clip  # noqa: E402

SHARED_MEDIA = ROOT.parent / "shared" / "media"
COLUMNS = ["items", "exit 0", "exit 2", "exit 3/4", "internal", "hang", "forged", "missed",
           "accepted", "stderr", "html", "leftover", "index", "verify", "other"]  # fmt: skip


# --------------------------------------------------------------------------- real footage


def _real(shop: Workshop, rng: random.Random, kinds: tuple[str, ...]) -> Path:
    """One of the extra clips, its first 6 s remuxed (streams copied) when it is large."""
    choices = [p for p in shop.extra if p.suffix.lower() in kinds]
    source = rng.choice(choices)
    if source.stat().st_size <= 1_000_000:
        return source
    short = shop.folder / f"real-{source.stem}{source.suffix}"
    if not short.exists():
        run_ffmpeg(["-i", str(source), "-t", "6", "-map", "0", "-c", "copy", str(short)])
    return short


@REGISTRY.add("real", "flip")
def real_flip(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    source = _real(shop, rng, (".mp4", ".mkv", ".avi"))
    data = source.read_bytes()
    changed, note = flipped(data, rng, 0, len(data))
    path = folder / f"flipped{source.suffix}"
    path.write_bytes(changed)
    return Made(path, ANY, f"{source.name}: {note}")


@REGISTRY.add("real", "cut")
def real_cut(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    source = _real(shop, rng, (".mp4", ".mkv"))
    data = source.read_bytes()
    at = rng.choice([len(data) - rng.randint(1, 64), rng.randrange(1, len(data))])
    path = folder / f"cut{source.suffix}"
    path.write_bytes(data[:at])
    return Made(path, DAMAGED, f"{source.name}: cut at byte {at:,} of {len(data):,}")


# --------------------------------------------------------------------------- running one item


def run_analyze(argv: Sequence[str], cwd: Path | None, temp: Path, limit: float) -> oracle.Run:
    """``python -m forensics`` in its own session; reaped with wait4 for its peak memory."""
    env = {**os.environ, "TMPDIR": str(temp), "PYTHONPATH": str(ROOT)}
    env.pop("FORENSICS_DEBUG", None)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "forensics", *argv], cwd=cwd, env=env,
                                stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                start_new_session=True)  # fmt: skip
        code, rss = _wait(proc, start + limit)
        seconds = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        text = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    return oracle.Run(code, text[0], text[1], seconds, rss)


def _wait(proc: subprocess.Popen[bytes], deadline: float) -> tuple[int | None, float]:
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return proc.returncode, usage.ru_maxrss / 1024
        if time.monotonic() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
            _, _, usage = os.wait4(proc.pid, 0)
            proc.returncode = -9
            return None, usage.ru_maxrss / 1024
        time.sleep(0.02)


def verify(paths: Sequence[Path]) -> tuple[int, str]:
    """``forensics verify --no-decode``, through the library call the command wraps."""
    import forensics

    try:
        results = forensics.verify(paths, redo=False)
    except Exception as exc:  # the command would print one line and exit 2
        return 2, f"{type(exc).__name__}: {exc}"
    text = "\n".join(f"{r.folder.name}: {d}" for r in results for d in r.differences)
    return (0 if all(r.ok for r in results) else 5), text


def make_template(work: Path) -> Path:
    """A case that already holds one earlier, unrelated clip (its report must stay intact)."""
    import forensics

    folder = work / "template"
    folder.mkdir(parents=True, exist_ok=True)
    clip = shots_clip(folder / "earlier.mp4", seeds=[1, 2], seconds_each=1.0, fps=10,
                      size=(160, 120))  # fmt: skip
    out = folder / "case"
    forensics.analyze(clip, out, index_dir=out)
    return out


def prepare(shop: Workshop) -> None:
    """Make the clean clips before the threads start (each is made once, on first use)."""
    for base in (shop.mp4, shop.faststart, shop.mkv, shop.jpeg):
        assert base.is_file()
    assert shop.encoders
    for source in shop.extra:
        for kinds in ((".mp4", ".mkv", ".avi"), (".mp4", ".mkv")):
            if source.suffix in kinds:
                _real(Workshop(shop.folder, [source]), random.Random(0), kinds)


def one(plan: corpus.Plan, shop: Workshop, work: Path, template: Path,
        args: argparse.Namespace) -> oracle.Verdict | str:  # fmt: skip
    try:
        item = corpus.build(plan, shop, work / "items")
    except corpus.Skip as exc:
        return str(exc)
    except Exception as exc:  # the harness's own failure: counted apart, never hidden
        return f"harness could not make {plan.name}: {type(exc).__name__}: {exc}"
    shutil.copytree(template, item.out)
    temp = item.folder / ".tmp"
    temp.mkdir()
    before = oracle.report_folders(item.out)
    argv = ["analyze", "--json", "--out", str(item.out), *item.argv]
    run = run_analyze(argv, item.made.cwd, temp, args.timeout)
    verdict = oracle.judge(item, run, before, verify, temp, memory_mb=args.memory_mb)
    if verdict.ok and not args.keep:
        shutil.rmtree(item.folder, ignore_errors=True)
    return verdict


# --------------------------------------------------------------------------- the summary


def _exit_column(code: int | None) -> str:
    if code is None:
        return "hang"
    return {0: "exit 0", 2: "exit 2", 3: "exit 3/4", 4: "exit 3/4"}.get(code, "internal")


def tally(verdicts: Sequence[oracle.Verdict]) -> dict[str, int]:
    row = collections.Counter({"items": len(verdicts)})
    for v in verdicts:
        code = v.run.code
        row[_exit_column(code)] += 1
        kinds = {kind for kind, _ in v.problems} - {"internal", "hang"}
        for kind in kinds:
            row[kind if kind in COLUMNS else "other"] += 1
    return {c: row[c] for c in COLUMNS}


def print_summary(verdicts: list[oracle.Verdict], skipped: list[str], seconds: float,
                  args: argparse.Namespace) -> None:  # fmt: skip
    by_category: dict[str, list[oracle.Verdict]] = collections.defaultdict(list)
    for v in verdicts:
        by_category[v.item.plan.category].append(v)
    width = max([len(c) for c in by_category] + [8])
    print(f"\nseed {args.seed}, {len(verdicts)} items run, {len(skipped)} skipped, "
          f"{args.jobs} at a time, {seconds:.0f} s")  # fmt: skip
    print(f"{'category':<{width}} " + " ".join(f"{c:>8}" for c in COLUMNS))
    for category in sorted(by_category):
        row = tally(by_category[category])
        print(f"{category:<{width}} " + " ".join(f"{row[c]:>8}" for c in COLUMNS))
    total = tally(verdicts)
    print(f"{'total':<{width}} " + " ".join(f"{total[c]:>8}" for c in COLUMNS))
    print(
        "(a column counts items with at least one problem of that kind; 'other' is "
        "traceback, stdout, bloat, canary or memory: see tests/adversary/oracle.py KINDS)"
    )
    times = [v.run.seconds for v in verdicts]
    rss = [v.run.peak_rss_mb or 0 for v in verdicts]
    if times:
        print(
            f"time per item: median {statistics.median(times):.2f} s, max {max(times):.1f} s; "
            f"peak RSS: median {statistics.median(rss):.0f} MB, max {max(rss):.0f} MB"
        )
    failing = [v for v in verdicts if not v.ok]
    print(f"items with a problem: {len(failing)}")
    for v in failing[: args.show]:
        print(v.describe())
    for reason, count in collections.Counter(skipped).most_common():
        print(f"skipped {count}: {reason}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per item")
    parser.add_argument("--memory-mb", type=float, default=1000.0, help="peak RSS limit")
    parser.add_argument("--only", nargs="+", help="categories to run")
    parser.add_argument(
        "--media",
        type=Path,
        default=SHARED_MEDIA,
        help="real clips to damage too (category 'real'), if the folder exists",
    )
    parser.add_argument("--work", type=Path, help="work folder (kept); default a temp folder")
    parser.add_argument("--keep", action="store_true", help="keep items without a problem too")
    parser.add_argument("--show", type=int, default=10, help="failing items to describe")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="adversarial-"))
    extra = sorted(p for p in args.media.glob("*") if p.suffix in (".mp4", ".mkv", ".avi")) \
        if args.media and args.media.is_dir() else []  # fmt: skip
    shop = Workshop(work / "bases", extra)
    only = args.only or [c for c in corpus.categories() if c != "real" or extra]
    plans = corpus.plan(args.seed, args.count, only)
    start = time.monotonic()
    prepare(shop)
    template = make_template(work)
    with ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda p: one(p, shop, work, template, args), plans))
    verdicts = [r for r in results if isinstance(r, oracle.Verdict)]
    skipped = [r for r in results if isinstance(r, str)]
    print_summary(verdicts, skipped, time.monotonic() - start, args)
    ok = all(v.ok for v in verdicts)
    if not args.work and ok:
        shutil.rmtree(work, ignore_errors=True)
    elif not args.work:
        print(f"work folder: {work} (the failing items are kept there)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
